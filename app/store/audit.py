"""The audit chain: PREMIS-style events, each hashed over its content and its predecessor.

Events are appended inside the same transaction as the change they describe. The chain head
(count and latest hash) is also kept outside the database, in ``audit-head.json``, so that
deleting the newest rows cannot silently rewind the chain.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.hashing import GENESIS, chain_hash
from app.store.models import AuditEvent, new_id

HEAD_FILE = "audit-head.json"
SESSION_HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class Actor:
    """Who acts: an operator of the store, or the OS user when none is configured."""

    name: str
    operator_id: str | None = None


@dataclass(frozen=True)
class ChainHead:
    count: int
    hash: str


def event_content(event: AuditEvent) -> dict[str, Any]:
    """What an event's hash covers (everything but the hashes themselves)."""
    return {
        "seq": event.seq,
        "id": event.id,
        "event_type": event.event_type,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "agent": event.agent,
        "operator_id": event.operator_id,
        "incident_id": event.incident_id,
        "item_id": event.item_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "outcome": event.outcome,
        "detail": event.detail,
    }


def record(
    session: Session,
    actor: Actor,
    event_type: str,
    *,
    incident_id: str | None = None,
    item_id: str | None = None,
    object_type: str = "",
    object_id: str | None = None,
    outcome: str = "success",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's (write) transaction."""
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = AuditEvent(
        seq=seq,
        id=new_id(),
        event_type=event_type,
        occurred_at=datetime.now(UTC),
        agent=actor.name,
        operator_id=actor.operator_id,
        incident_id=incident_id,
        item_id=item_id,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        detail=detail or {},
        prev_hash=prev,
        hash="",
    )
    # Round-trip the detail through JSON so the hash covers exactly what is stored.
    event.detail = json.loads(json.dumps(event.detail, ensure_ascii=False, default=str))
    event.hash = chain_hash(prev, event_content(event))
    session.add(event)
    session.info[SESSION_HEAD_KEY] = ChainHead(seq, event.hash)
    return event


def read_head(store_root: Path) -> ChainHead | None:
    path = store_root / HEAD_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        return ChainHead(int(data["count"]), str(data["hash"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, OSError):
        return ChainHead(-1, "unreadable")


def write_head(store_root: Path, head: ChainHead) -> None:
    """Advance the head file (atomically); it never moves backwards."""
    current = read_head(store_root)
    if current is not None and current.count >= head.count:
        return
    path = store_root / HEAD_FILE
    # Its own temporary name: two programs finishing commits at once must not share one.
    tmp = path.with_name(f".{HEAD_FILE}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"count": head.count, "hash": head.hash}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def last_event_head(session: Session) -> ChainHead | None:
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return ChainHead(row[0], row[1]) if row else None
