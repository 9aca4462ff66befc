"""Write: each original read once, copied while its SHA-256 is computed, then compared.

A mismatch stops the export and names the file: the store is damaged, and a changed file
is never packaged. The SM3 in the manifest is the one the store recorded (the SHA-256 match
proves the bytes are the same ones it was computed over).

First every file the export makes, one at a time: each item's XML (made here and dropped
once written), the bag's documents (long ones written as they are made), then the
description and the registration form, which state the payload's sizes and digest (the
originals counted with the digests the store recorded). Then the originals are copied,
each proved against that digest or the export stops. Only one short line per file is
kept (``ManifestLines``), for the manifests the seal writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.copying import copy_hashed
from app.export.errors import ExportCancelled, FileChanged
from app.export.manifest_lines import HashingWriter, ManifestLines
from app.export.plan import BagPlan, Closing, Document, Generated, Original, Sealing
from app.export.sinks import Sink

# (stage, done, total): bytes written so far of this stage's total.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Written:
    """A bag's payload as written: every file's line, and bag-info as it now stands."""

    manifest: ManifestLines
    bag_info: dict[str, str]


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled(QT_TRANSLATE_NOOP(
            "Errors", "The export was cancelled; nothing was handed over."))


def write_bag(bag: BagPlan, sink: Sink, progress: Progress | None = None,
              cancel: threading.Event | None = None) -> Written:
    """Write the bag's payload into ``sink`` (see the module note)."""
    written = write_documents(bag, sink, cancel)
    write_originals(bag, sink, progress, cancel)
    return written


def write_documents(bag: BagPlan, sink: Sink,
                    cancel: threading.Event | None = None) -> Written:
    """Every file the export makes: items' XML, the bag's documents, the description and
    the registration form. The originals are entered with the digests the store recorded
    (``write_originals`` then proves each one while copying it, or stops the export), so
    the form, which states the payload digest, is made before the long copy."""
    return _Writer(bag, sink, None, None, cancel).documents()


def write_originals(bag: BagPlan, sink: Sink, progress: Progress | None = None,
                    cancel: threading.Event | None = None) -> None:
    """Copy every original, each read once while its SHA-256 is computed and compared."""
    with ThreadPoolExecutor(1, thread_name_prefix="export-copy") as hasher:
        _Writer(bag, sink, hasher, progress, cancel).originals()


class _Writer:
    def __init__(self, bag: BagPlan, sink: Sink, hasher: ThreadPoolExecutor | None,
                 progress: Progress | None, cancel: threading.Event | None) -> None:
        self.bag, self.sink, self.hasher = bag, sink, hasher
        self.progress, self.cancel = progress, cancel
        self.manifest = ManifestLines()
        # Progress counts the originals' bytes (the documents are small beside them).
        self.total = max(bag.original_bytes, 1)
        self.done = 0

    def on_chunk(self, n: int) -> None:
        _check_cancel(self.cancel)
        self.done = min(self.done + n, self.total)
        if self.progress is not None:
            self.progress("write", self.done, self.total)

    def documents(self) -> Written:
        bag = self.bag
        originals = 0
        for entry in bag.entries:
            _check_cancel(self.cancel)
            for o in bag.originals_of(entry):
                self.manifest.add(o.rel, o.size, o.sha256, o.sm3)
                originals += 1
            self._document(Generated(entry.xml_rel, entry.xml()))
        closing = Closing(self.manifest.bytes, self.manifest.files, originals)
        for doc in bag.documents:
            _check_cancel(self.cancel)
            self._document(doc)
        for doc in bag.describe(closing):
            self._document(doc)
        digest = self.manifest.payload_digest(bag.form_dir)
        for doc in bag.register(Sealing(digest, self.manifest.bytes, originals)):
            self._document(doc)
        info = dict(bag.bag_info, **{"Payload-Digest-SHA256": digest})
        return Written(self.manifest, info)

    def originals(self) -> None:
        for o in self.bag.originals():
            _check_cancel(self.cancel)
            self._copy(o)

    def _copy(self, o: Original) -> None:
        try:
            src = open(o.source, "rb", buffering=0)
        except OSError as err:
            raise FileChanged(QT_TRANSLATE_NOOP(
                "Errors", "The stored file {vault_path} cannot be read ({reason}); the "
                "export stopped. Run 'fieldarchive check'."), vault_path=o.vault_path,
                reason=err.strerror or str(err)) from err
        assert self.hasher is not None  # originals() runs with one
        with src, self.sink.stream(o.rel, o.size) as dst:
            size, sha256 = copy_hashed(src, dst, self.hasher, self.on_chunk)
        if size != o.size or sha256 != o.sha256:
            raise FileChanged(QT_TRANSLATE_NOOP(
                "Errors", "The stored file {vault_path} (for {rel}) no longer matches its "
                "recorded SHA-256; the export stopped and nothing was handed over. Run "
                "'fieldarchive check'."), vault_path=o.vault_path, rel=o.rel)

    def _document(self, doc: Document) -> None:
        rel = self.bag.place(doc.rel)
        size = len(doc.data) if isinstance(doc, Generated) else 0
        with self.sink.stream(rel, size) as out:
            w = HashingWriter(out)
            if isinstance(doc, Generated):
                w.write(doc.data)
            else:
                doc.write(w)  # type: ignore[arg-type]
        self.manifest.add(rel, w.size, w.sha256, w.sm3)
