"""The decode pass: a verdict for every stored content that has none, off the export's path.

A full decode costs about 86 ms per 12-megapixel JPEG here (20,000 photos: a quarter of an
hour), too much for an export to wait on. So, like the SM3 digest pass, this runs after an
import (the command line before it exits, the desktop program in the background when the
store has been quiet a moment) and keeps one verdict per SHA-256 (``decode_verdict``);
pre-flight reads them and judges only files that have none.

Verdicts are written a few at a time, so a cancel keeps what was judged; each judge reads
the vault copy of the bytes whose SHA-256 it records (a changed file is the SM3 pass's and
``check``'s to find: the export compares every file's SHA-256 as it copies it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO

from app.export import decode_judge
from app.store.repositories.decode_verdicts import (
    DecodeVerdictRecord,
    DecodeVerdictRepository,
    PendingDecode,
)
from app.store.store import Store

Progress = Callable[[int, int, str], None]
COMMIT_EVERY = 16
COMMIT_AFTER_SECONDS = 1.0


@dataclass
class DecodePassReport:
    judged: int = 0
    # (vault path, verdict, reason) of every content that is not "ok"
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def damaged(self) -> list[tuple[str, str, str]]:
        return [f for f in self.findings if f[1] == decode_judge.DAMAGED]


def to_record(sha256: str, verdict: decode_judge.Verdict) -> DecodeVerdictRecord:
    return DecodeVerdictRecord(sha256, verdict.verdict, verdict.reason, verdict.decoder,
                               verdict.decoder_version, datetime.now(UTC))


def judge_stored(store: Store, vault_path: str, mime: str,
                 budget: int = decode_judge.MEMORY_BUDGET) -> decode_judge.Verdict:
    """One stored file's verdict (through the module, so a test can count the decodes)."""
    path = store.vault.absolute(vault_path)
    try:
        return decode_judge.judge(mime, partial(_open_binary, path), budget)
    except OSError as err:  # the vault copy cannot be read: not a verdict on the content
        raise _Unreadable(str(err)) from err


class _Unreadable(Exception):
    pass


def run_decode_pass(store: Store, *, item_ids: list[str] | None = None,
                    progress: Progress | None = None,
                    cancel: threading.Event | None = None,
                    budget: int = decode_judge.MEMORY_BUDGET) -> DecodePassReport:
    """Judge every stored content without a verdict (or those of ``item_ids``).

    ``progress(done, total, vault_path)`` counts files; ``cancel`` stops between files,
    keeping every verdict already reached.
    """
    repo = DecodeVerdictRepository(store)
    report = DecodePassReport()
    todo: list[PendingDecode] = repo.pending(item_ids)
    ready: list[DecodeVerdictRecord] = []
    since = time.monotonic()
    try:
        for n, pending in enumerate(todo, 1):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            try:
                verdict = judge_stored(store, pending.vault_path, pending.format, budget)
            except _Unreadable as err:
                report.findings.append((pending.vault_path, "unreadable", str(err)))
                continue
            ready.append(to_record(pending.sha256, verdict))
            if not verdict.ok or verdict.reason.startswith("decoded reduced"):
                report.findings.append((pending.vault_path, verdict.verdict, verdict.reason))
            if progress is not None:
                progress(n, len(todo), pending.vault_path)
            if len(ready) >= COMMIT_EVERY or time.monotonic() - since >= COMMIT_AFTER_SECONDS:
                report.judged += repo.record(ready)
                ready, since = [], time.monotonic()
    finally:
        report.judged += repo.record(ready)
    return report


def _open_binary(path: Path) -> BinaryIO:
    return open(path, "rb")
