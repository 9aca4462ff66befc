"""The digest pass: SM3 for the files an import stored with SHA-256 alone.

An import computes SHA-256 while it copies a file into the vault: that digest proves the
stored copy is the source, bit for bit, and is what duplicates are found by. SM3 (GB/T
32905), which Chinese archives expect beside it, costs about seven times as much here (no
CPU instructions for it): computed during the import it would make a camera card take
four times as long to come in. So an import leaves SM3 empty ("") and this pass fills it
in afterwards: the command line runs it before it exits, the desktop program in the
background after each import and when it opens a store (for what a crash or a cancel left).

For each file the pass reads the vault copy, computes SHA-256 beside SM3 and writes the SM3
only if the size and SHA-256 still match what was recorded: a file that changed in the
meantime is reported, never given the digest of its changed bytes. Each SM3 is written
with an audit event ``file.digest`` in the same transaction, a few files per transaction;
the database lets an empty SM3 be filled once and refuses any other change (migration 0002).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.store.hashing import CHUNK, DualDigest
from app.store.repositories.file_digests import FileDigestRepository, Pending
from app.store.store import Store

Progress = Callable[[int, int, str], None]

# Files per transaction, and the longest a finished digest waits for its commit.
COMMIT_EVERY = 32
COMMIT_AFTER_SECONDS = 1.0
HASH_THREADS = max(1, min(4, os.cpu_count() or 1))


@dataclass
class DigestReport:
    done: int = 0
    # (vault path, what is wrong): files that changed or vanished since they were stored
    problems: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def pending_count(store: Store) -> int:
    """How many stored files still wait for their SM3."""
    return FileDigestRepository(store).pending_count()


def complete_digests(
    store: Store,
    *,
    item_ids: list[str] | None = None,
    operator: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> DigestReport:
    """Compute and record SM3 for every file still without one (or those of ``item_ids``).

    Files are hashed on a thread per core (hashlib lets go of the GIL); the digests are
    recorded here, in order. ``progress(done, total, vault_path)`` counts kibibytes read;
    ``cancel`` stops between chunks, keeping every SM3 already computed.
    """
    report = DigestReport()
    files = FileDigestRepository(store)
    todo = files.pending(item_ids)
    meter = _Meter(progress, sum(p.size for p in todo) // 1024)
    halt = threading.Event()  # the queued files are dropped when this pass ends early

    def stopped() -> bool:
        return halt.is_set() or (cancel is not None and cancel.is_set())

    ready: list[tuple[Pending, str]] = []
    since = time.monotonic()
    with ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="sm3") as pool:
        outcomes = pool.map(lambda p: _hash(store, p, stopped, meter), todo)
        try:
            for pending, outcome in zip(todo, outcomes, strict=True):
                if outcome is None:
                    report.cancelled = True
                    break
                if isinstance(outcome, _Problem):
                    report.problems.append((pending.vault_path, outcome.text))
                    continue
                ready.append((pending, outcome))
                if (len(ready) >= COMMIT_EVERY
                        or time.monotonic() - since >= COMMIT_AFTER_SECONDS):
                    report.done += files.record(ready, operator)
                    ready, since = [], time.monotonic()
        finally:
            halt.set()
            if ready:
                report.done += files.record(ready, operator)
    return report


@dataclass(frozen=True)
class _Problem:
    text: str


class _Meter:
    """Kibibytes read, counted from every hashing thread."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.read = progress, total, 0
        self.lock = threading.Lock()

    def add(self, n: int, vault_path: str) -> None:
        if self.progress is None:
            return
        with self.lock:
            self.read += n
            self.progress(min(self.read // 1024, self.total), self.total, vault_path)


def _hash(store: Store, pending: Pending, stopped: Callable[[], bool],
          meter: _Meter) -> str | _Problem | None:
    """The file's SM3 if its size and SHA-256 still match; None when cancelled."""
    digest = DualDigest()
    try:
        with store.vault.absolute(pending.vault_path).open("rb") as f:
            while chunk := f.read(CHUNK):
                if stopped():
                    return None
                digest.update(chunk)
                meter.add(len(chunk), pending.vault_path)
    except OSError as err:
        return _Problem(f"cannot be read ({err.strerror})")
    if digest.size != pending.size or digest.sha256 != pending.sha256:
        return _Problem("has changed since it was stored; no SM3 was recorded "
                        "(run 'fieldarchive check')")
    return digest.sm3
