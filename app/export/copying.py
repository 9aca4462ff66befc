"""Copy a file while its SHA-256 is computed: one read of each byte, two cores at work.

Two buffers take turns: while the hashing thread digests one chunk, this thread writes it
and reads the next into the other buffer (hashlib and file I/O both let go of the GIL).
A buffer is refilled only once the hasher is done with it, so no chunk is copied again in
memory and nothing is allocated per chunk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO

# Big enough that per-chunk overhead (a thread hand-over, a progress call) is noise, small
# enough that two of them sit in the CPU's cache levels and memory stays flat.
CHUNK = 1024 * 1024

OnChunk = Callable[[int], None]


def copy_hashed(src: BinaryIO, dst: BinaryIO, hasher: ThreadPoolExecutor,
                on_chunk: OnChunk | None = None) -> tuple[int, str]:
    """Copy ``src`` to ``dst``; returns (bytes copied, SHA-256 hex of them).

    ``hasher`` must run one task at a time (``ThreadPoolExecutor(1)``) so the chunks are
    hashed in order; ``on_chunk(n)`` is called after each chunk is written.
    """
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
