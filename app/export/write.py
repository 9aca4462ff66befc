"""Write: each original read once, copied while its SHA-256 is computed, then compared.

A mismatch stops the export and names the file: the store is damaged, and a changed file
is never packaged. The SM3 in the manifest is the one the store recorded (the SHA-256 match
proves the bytes are the same ones it was computed over).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.copying import copy_hashed
from app.export.errors import ExportCancelled, FileChanged
from app.export.plan import BagPlan
from app.export.sinks import Sink
from app.store.hashing import new_sm3

# (stage, done, total): bytes written so far of this stage's total.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Written:
    size: int
    sha256: str
    sm3: str


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled(QT_TRANSLATE_NOOP(
            "Errors", "The export was cancelled; nothing was handed over."))


def write_bag(bag: BagPlan, sink: Sink, progress: Progress | None = None,
              cancel: threading.Event | None = None) -> dict[str, Written]:
    """Write the bag's payload into ``sink``; returns each file's size and digests."""
    with ThreadPoolExecutor(1, thread_name_prefix="export-sha256") as hasher:
        return _write(bag, sink, hasher, progress, cancel)


def _write(bag: BagPlan, sink: Sink, hasher: ThreadPoolExecutor, progress: Progress | None,
           cancel: threading.Event | None) -> dict[str, Written]:
    total = bag.payload_bytes
    done = 0

    def on_chunk(n: int) -> None:
        nonlocal done
        _check_cancel(cancel)
        done += n
        if progress is not None:
            progress("write", done, total)

    out: dict[str, Written] = {}
    for o in bag.originals:
        _check_cancel(cancel)
        try:
            src = open(o.source, "rb", buffering=0)
        except OSError as err:
            raise FileChanged(QT_TRANSLATE_NOOP(
                "Errors", "The stored file {vault_path} cannot be read ({reason}); the "
                "export stopped. Run 'fieldarchive check'."), vault_path=o.vault_path,
                reason=err.strerror or str(err)) from err
        with src, sink.stream(o.rel, o.size) as dst:
            size, sha256 = copy_hashed(src, dst, hasher, on_chunk)
        if size != o.size or sha256 != o.sha256:
            raise FileChanged(QT_TRANSLATE_NOOP(
                "Errors", "The stored file {vault_path} (for {rel}) no longer matches its "
                "recorded SHA-256; the export stopped and nothing was handed over. Run "
                "'fieldarchive check'."), vault_path=o.vault_path, rel=o.rel)
        out[o.rel] = Written(size, o.sha256, o.sm3)
    for g in bag.generated:
        _check_cancel(cancel)
        sink.put(g.rel, g.data)
        sm3 = new_sm3()
        sm3.update(g.data)
        out[g.rel] = Written(len(g.data), g.sha256, sm3.hexdigest())
        done += len(g.data)
        if progress is not None:
            progress("write", done, total)
    return out
