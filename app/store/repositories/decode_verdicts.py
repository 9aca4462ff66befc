"""Decode verdicts (one per SHA-256): which stored files still need one, and recording them.

The decode pass (``app.export.decode_pass``) judges each distinct content once, off the
export's path; pre-flight reads the verdicts and judges only what has none. A verdict is a
sealed archive fact (``SEALED_TABLES``): it is written once and never changed, so a second
pass over the same bytes (another program's, or a duplicate import) adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert

from app.store.models import DecodeVerdict, File
from app.store.repositories.base import Queries, Repository

# The stored files a package carries (thumbnails and posters are caches, never judged).
JUDGED_ROLES = ("original", "archival", "access")
_IN_CHUNK = 500


@dataclass(frozen=True)
class DecodeVerdictRecord:
    sha256: str
    verdict: str  # ok | damaged | undecodable | too-large
    reason: str
    decoder: str
    decoder_version: str
    checked_at: datetime


@dataclass(frozen=True)
class PendingDecode:
    sha256: str
    vault_path: str
    format: str
    size: int


def _record(v: DecodeVerdict) -> DecodeVerdictRecord:
    return DecodeVerdictRecord(v.sha256, v.verdict, v.reason, v.decoder, v.decoder_version,
                               v.checked_at)


class DecodeVerdictQueries(Queries):
    def verdicts(self, sha256s: Iterable[str]) -> dict[str, DecodeVerdictRecord]:
        wanted = sorted(set(sha256s))
        out: dict[str, DecodeVerdictRecord] = {}
        with self.store.reader() as s:
            for n in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[n:n + _IN_CHUNK]
                for v in s.scalars(select(DecodeVerdict).where(DecodeVerdict.sha256.in_(chunk))):
                    out[v.sha256] = _record(v)
        return out

    def pending(self, item_ids: Sequence[str] | None = None) -> list[PendingDecode]:
        """One stored copy of each content still without a verdict, oldest first."""
        with self.store.reader() as s:
            q = (select(File.sha256, func.min(File.vault_path), func.min(File.format),
                        func.min(File.size))
                 .outerjoin(DecodeVerdict, DecodeVerdict.sha256 == File.sha256)
                 .where(DecodeVerdict.sha256.is_(None), File.role.in_(JUDGED_ROLES),
                        File.sha256 != "")
                 .group_by(File.sha256).order_by(func.min(File.created_at)))
            if item_ids is not None:
                q = q.where(File.item_id.in_(list(item_ids)))
            return [PendingDecode(*row) for row in s.execute(q)]

    def pending_count(self) -> int:
        with self.store.reader() as s:
            return int(s.scalar(
                select(func.count(func.distinct(File.sha256)))
                .outerjoin(DecodeVerdict, DecodeVerdict.sha256 == File.sha256)
                .where(DecodeVerdict.sha256.is_(None), File.role.in_(JUDGED_ROLES),
                       File.sha256 != "")) or 0)


class DecodeVerdictRepository(Repository, DecodeVerdictQueries):
    def record(self, verdicts: Sequence[DecodeVerdictRecord]) -> int:
        """Write these verdicts in one transaction; one already there is kept as it is."""
        if not verdicts:
            return 0
        written = 0
        with self.store.writer() as s:
            for v in verdicts:
                result = s.execute(insert(DecodeVerdict).values(
                    sha256=v.sha256, verdict=v.verdict, reason=v.reason, decoder=v.decoder,
                    decoder_version=v.decoder_version, checked_at=v.checked_at)
                    .on_conflict_do_nothing(index_elements=["sha256"]))
                written += result.rowcount or 0  # type: ignore[attr-defined]
        return written
