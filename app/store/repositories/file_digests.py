"""The digest pass's units of work: which files wait for their SM3, and recording it.

The pass itself (``app.store.digests``: reading the vault copies on threads, cancelling,
counting progress) opens no session; it asks this repository what is pending and hands it
the digests to write, a few files per transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from app.store import audit
from app.store.models import File, Item
from app.store.repositories.base import Repository, resolve_actor


@dataclass(frozen=True)
class Pending:
    """A stored file whose SM3 the digest pass has yet to add."""

    file_id: str
    item_id: str
    incident_id: str
    vault_path: str
    size: int
    sha256: str


class FileDigestRepository(Repository):
    def pending_count(self) -> int:
        """How many stored files still wait for their SM3."""
        with self.store.reader() as s:
            return int(s.scalar(select(func.count()).select_from(File)
                                .where(File.sm3 == "")) or 0)

    def pending(self, item_ids: Sequence[str] | None = None) -> list[Pending]:
        """The files still without SM3 (or those of ``item_ids``), oldest first."""
        with self.store.reader() as s:
            q = (select(File.id, File.item_id, Item.incident_id, File.vault_path, File.size,
                        File.sha256)
                 .join(Item, Item.id == File.item_id).where(File.sm3 == "")
                 .order_by(File.created_at, File.id))
            if item_ids is not None:
                q = q.where(File.item_id.in_(item_ids))
            return [Pending(*row) for row in s.execute(q)]

    def record(self, ready: Sequence[tuple[Pending, str]], operator: str | None) -> int:
        """Write these SM3 digests and their audit events in one transaction.

        Returns how many were written (one another program's pass wrote first is skipped).
        """
        written = 0
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            for pending, sm3 in ready:
                result = s.execute(update(File)
                                   .where(File.id == pending.file_id, File.sm3 == "")
                                   .values(sm3=sm3))
                if not cast(CursorResult[Any], result).rowcount:
                    continue
                audit.record(s, actor, "file.digest", incident_id=pending.incident_id,
                             item_id=pending.item_id, object_type="file",
                             object_id=pending.file_id,
                             detail={"sha256": pending.sha256, "sm3": sm3, "verified": True})
                written += 1
        return written
