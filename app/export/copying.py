"""Copy a file while its SHA-256 is computed: one read of each byte, two cores at work.

Two buffers take turns: while the hashing thread digests one chunk, this thread writes it
and reads the next into the other buffer (hashlib and file I/O both let go of the GIL).
A buffer is refilled only once the hasher is done with it, so no chunk is copied again in
memory and nothing is allocated per chunk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO

# Big enough that per-chunk overhead (a thread hand-over, a progress call) is noise, small
# enough that two of them sit in the CPU's cache levels and memory stays flat.
CHUNK = 1024 * 1024

OnChunk = Callable[[int], None]

# A hashing thread pays where a core is free for it. With two cores (shared with the
# writing thread, the kernel's copy and everything else) each hand-over waits for the
# scheduler, and a loaded two-core machine measured it slower than hashing inline at
# about 1 GB/s; the store's DualDigest draws the same line.
HASH_THREAD = (os.cpu_count() or 1) >= 4


def copy_hashed(src: BinaryIO, dst: BinaryIO, hasher: ThreadPoolExecutor | None,
                on_chunk: OnChunk | None = None) -> tuple[int, str]:
    """Copy ``src`` to ``dst``; returns (bytes copied, SHA-256 hex of them).

    ``hasher`` must run one task at a time (``ThreadPoolExecutor(1)``) so the chunks are
    hashed in order; None hashes on this thread (see ``HASH_THREAD``). ``on_chunk(n)`` is
    called after each chunk is written.
    """
    if hasher is None:
        return _copy_inline(src, dst, on_chunk)
    sha = hashlib.sha256()
    buffers = (bytearray(CHUNK), bytearray(CHUNK))
    pending: list[Future[None] | None] = [None, None]
    size = 0
    turn = 0
    try:
        while True:
            busy = pending[turn]
            if busy is not None:
                busy.result()  # the hasher has finished with this buffer
                pending[turn] = None
            buf = buffers[turn]
            n = src.readinto(buf)  # type: ignore[attr-defined]
            if not n:
                break
            view = memoryview(buf)[:n]
            pending[turn] = hasher.submit(sha.update, view)
            dst.write(view)
            size += n
            if on_chunk is not None:
                on_chunk(n)
            turn ^= 1
    finally:
        for busy in pending:
            if busy is not None:
                busy.result()
    return size, sha.hexdigest()


def _copy_inline(src: BinaryIO, dst: BinaryIO, on_chunk: OnChunk | None) -> tuple[int, str]:
    sha = hashlib.sha256()
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    size = 0
    while n := src.readinto(buf):  # type: ignore[attr-defined]
        chunk = view[:n]
        sha.update(chunk)
        dst.write(chunk)
        size += n
        if on_chunk is not None:
            on_chunk(n)
    return size, sha.hexdigest()
