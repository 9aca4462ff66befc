"""The audit chain: PREMIS-style events, each hashed over its content and its predecessor.

Events are appended inside the same transaction as the change they describe. The chain head
(count and latest hash) is also kept outside the database, in ``audit-head.json``, so that
deleting the newest rows cannot silently rewind the chain.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit_form import CURRENT_FORM, hashed_content
from app.store.atomic import write_atomically
from app.store.hashing import GENESIS, chain_hash
from app.store.models import AuditEvent, new_id

HEAD_FILE = "audit-head.json"
# session.info keys: the head after this transaction's newest event, and the chain's tail
# as the database had it when this transaction appended its first event.
SESSION_HEAD_KEY = "audit_head"
SESSION_TAIL_KEY = "audit_tail_at_start"
# ...and who acted last in it (the row seal recorded at its end names them too).
SESSION_ACTOR_KEY = "audit_actor"


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


def link_hash(prev_hash: str, event: AuditEvent) -> str:
    """The chain hash of ``event`` after ``prev_hash``, in the event's own hash form."""
    return chain_hash(prev_hash, hashed_content(event_content(event), event.hash_form or 1))


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
    tail = chain_tail(session)
    seq, prev = tail.count + 1, tail.hash
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
        hash_form=CURRENT_FORM,
    )
    # Round-trip the detail through JSON so the hash covers exactly what is stored.
    event.detail = json.loads(json.dumps(event.detail, ensure_ascii=False, default=str))
    event.hash = link_hash(prev, event)
    session.add(event)
    session.info[SESSION_HEAD_KEY] = ChainHead(seq, event.hash)
    session.info[SESSION_ACTOR_KEY] = actor
    return event


def chain_tail(session: Session) -> ChainHead:
    """The newest event: as this transaction left it, else as the database has it.

    The second and later events of a unit of work follow the first without asking the
    database again (a writing transaction holds SQLite's write lock: no one else appends).
    """
    head = session.info.get(SESSION_HEAD_KEY)
    if isinstance(head, ChainHead):
        return head
    # Straight to the connection: no flush of the caller's pending rows (they go in one
    # batch at commit) and none of the ORM's per-query work.
    last = session.connection().exec_driver_sql(
        "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").first()
    tail = ChainHead(int(last[0]), str(last[1])) if last else ChainHead(0, GENESIS)
    session.info[SESSION_TAIL_KEY] = tail
    return tail


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
    # (Its own temporary name: two programs finishing commits at once never share one.)
    write_atomically(store_root / HEAD_FILE,
                     json.dumps({"count": head.count, "hash": head.hash}).encode("utf-8"))


class HeadWriter:
    """Advances the head file after commits, on a thread of its own.

    A commit is durable when ``writer()`` returns; the head file (a create, a write, an
    fsync and a rename) follows a moment later instead of adding that to every unit of
    work. Heads that queue up while one is written collapse into the newest. The thread
    lives only while there is a head to write and is not a daemon, so a program that ends
    without closing its store still writes the newest head first. One killed before that
    leaves the file behind the chain, as a crash between a commit and the head write always
    could: the next open advances it (``Store``). ``flush()`` waits until it is written.
    """

    def __init__(self, store_root: Path) -> None:
        self._root = store_root
        self._cond = threading.Condition()
        self._queued: ChainHead | None = None
        self._running = False

    def submit(self, head: ChainHead) -> None:
        with self._cond:
            if self._queued is None or head.count > self._queued.count:
                self._queued = head
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="audit-head").start()

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    head, self._queued = self._queued, None
                    if head is None:  # decided under the lock: a later submit starts anew
                        self._running = False
                        self._cond.notify_all()
                        return
                _write_quietly(self._root, head)
        except BaseException:
            with self._cond:
                self._running = False
                self._cond.notify_all()
            raise

    def flush(self) -> None:
        with self._cond:
            while self._running:
                self._cond.wait()

    close = flush


def _write_quietly(store_root: Path, head: ChainHead) -> None:
    try:
        write_head(store_root, head)
    except OSError:
        pass  # the change is committed; the head file catches up at the next open


def last_event_head(session: Session) -> ChainHead | None:
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return ChainHead(row[0], row[1]) if row else None
