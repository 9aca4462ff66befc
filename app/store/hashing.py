"""Digests: SHA-256 and SM3 (GB/T 32905) side by side, and canonical JSON for chains."""

from __future__ import annotations

import hashlib
import os
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any, BinaryIO, Protocol

from app.domain.audit_form import canonical_json  # one definition, shared with verify


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


class _GmsslSM3:
    """Pure-Python SM3 for an OpenSSL built without it (slow; only a fallback)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def update(self, data: bytes, /) -> None:
        self._buf.extend(data)

    def hexdigest(self) -> str:
        from gmssl import func, sm3

        return str(sm3.sm3_hash(func.bytes_to_list(bytes(self._buf))))


def new_sm3() -> _Hash:
    try:
        return hashlib.new("sm3")
    except ValueError:
        return _GmsslSM3()


class DualDigest:
    """Feeds the same bytes to SHA-256 and SM3; counts them too.

    SM3 is several times slower than SHA-256 (no CPU instructions for it: about 200 MB/s
    against 1.3 GB/s here), so once a file passes ``PARALLEL_FROM`` bytes its SM3 can run
    on a thread of its own, fed through a short queue, while the caller reads, writes and
    computes SHA-256: hashlib lets go of the GIL while it hashes a chunk. That only pays
    where a core is free. On two cores it was measured to gain nothing for an import (both
    cores already busy making thumbnails) and to cost the shutter 3-4 ms (it competes with
    the JPEG encoder), so it is on from four CPUs up. Reading a digest (or ``close()``)
    waits for the thread. Chunks handed over must not change afterwards (``bytes`` from
    ``read()`` never do).
    """

    PARALLEL_FROM = 256 * 1024 if (os.cpu_count() or 1) >= 4 else None
    QUEUE_CHUNKS = 4

    def __init__(self, with_sm3: bool = True) -> None:
        """``with_sm3=False``: SHA-256 only; ``sm3`` is then "" (the digest pass fills it)."""
        self._sha256 = hashlib.sha256()
        self._sm3: _Hash | None = new_sm3() if with_sm3 else None
        self.size = 0
        self._queue: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None
        self._errors: list[BaseException] = []
        self._done = False
        self._finalizer: Callable[[], object] | None = None

    def update(self, data: bytes) -> None:
        self._sha256.update(data)
        self.size += len(data)
        if self._sm3 is None:
            return
        start_from = self.PARALLEL_FROM
        if self._queue is None and start_from is not None and self.size >= start_from \
                and not self._done and not isinstance(self._sm3, _GmsslSM3):
            self._queue = queue.Queue(self.QUEUE_CHUNKS)
            self._thread = threading.Thread(target=_feed, name="sm3", daemon=True,
                                            args=(self._queue, self._sm3, self._errors))
            self._thread.start()
            # A digest dropped half-way (a failed copy) still ends its thread.
            self._finalizer = weakref.finalize(self, self._queue.put, None)
        if self._queue is not None:
            self._queue.put(bytes(data))
        else:
            self._sm3.update(data)

    def close(self) -> None:
        """Wait for the SM3 thread (if any) to take in everything given so far."""
        if self._finalizer is not None:
            self._finalizer()  # hands the thread its None, once
            self._finalizer = None
        if self._thread is not None:
            self._thread.join()
        self._queue = None
        self._thread = None
        self._done = True

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    @property
    def sm3(self) -> str:
        self.close()
        if self._errors:
            raise self._errors[0]
        return self._sm3.hexdigest() if self._sm3 is not None else ""


def _feed(chunks: queue.Queue[bytes | None], sm3: _Hash, errors: list[BaseException]) -> None:
    """The SM3 thread: hashes chunks until it is handed None."""
    while (chunk := chunks.get()) is not None:
        if not errors:
            try:
                sm3.update(chunk)
            except BaseException as err:  # handed to the reader of the digest
                errors.append(err)


CHUNK = 1024 * 1024


def digest_stream(stream: BinaryIO) -> DualDigest:
    digest = DualDigest()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def chain_hash(prev_hash: str, content: Any) -> str:
    """Hash of a chain link: covers the previous link's hash and this link's content."""
    h = hashlib.sha256()
    h.update(prev_hash.encode("ascii"))
    h.update(b"\n")
    h.update(canonical_json(content))
    return h.hexdigest()


GENESIS = "0" * 64
