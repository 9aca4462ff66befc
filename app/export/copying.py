"""Copy a file while its SHA-256 is computed: one read of each byte from the disk.

Where the target is a plain file on Linux, the kernel copies (``sendfile``: no trip of the
bytes through Python) while a second thread hashes the same window of the source, both
from the page cache the first of them fills; the two run side by side a window at a
time, so the copy costs about what ``cp`` does. Elsewhere (a ZIP entry, another system)
the bytes come through here, two buffers taking turns between this thread and the hashing
one where cores are plenty, or hashed inline where they are not.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import BinaryIO

# Big enough that per-chunk overhead (a thread hand-over, a progress call) is noise, small
# enough that two of them sit in the CPU's cache levels and memory stays flat.
CHUNK = 1024 * 1024
# The kernel copy looks at Cancel once per window.
WINDOW = 8 * CHUNK
# sendfile's first, small piece: it tells whether the kernel copies these files at all.
_PROBE = 64 * 1024

OnChunk = Callable[[int], None]

# A hashing thread pays for a copy through Python only where a core is free for it. With
# two cores (shared with the writing thread and everything else) each hand-over waits for
# the scheduler, and a loaded two-core machine measured it slower than hashing inline at
# about 1 GB/s; the store's DualDigest draws the same line. The kernel copy is another
# matter: it leaves this thread idle in a system call, so it always hashes beside it.
HASH_THREAD = (os.cpu_count() or 1) >= 4
_KERNEL_COPY = sys.platform.startswith("linux") and hasattr(os, "sendfile")
# sendfile's answers for "not between these two files": copy through Python instead.
_NOT_HERE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EBADF}


def copy_hashed(src: BinaryIO, dst: BinaryIO, hasher: ThreadPoolExecutor,
                on_chunk: OnChunk | None = None) -> tuple[int, str]:
    """Copy ``src`` (at its start) to ``dst``; returns (bytes copied, SHA-256 hex of them).

    ``hasher`` must run one task at a time (``ThreadPoolExecutor(1)``) so the chunks are
    hashed in order. ``on_chunk(n)`` is called after each chunk or window is written; an
    exception from it stops the copy.
    """
    out_fd = _plain_file(dst)
    if out_fd is not None:
        copied = _copy_in_kernel(src.fileno(), out_fd, hasher, on_chunk)
        if copied is not None:
            return copied
    if HASH_THREAD:
        return _copy_double_buffered(src, dst, hasher, on_chunk)
    return _copy_inline(src, dst, on_chunk)


def _plain_file(dst: BinaryIO) -> int | None:
    """The descriptor of ``dst`` when the kernel can copy into it, with nothing buffered."""
    if not _KERNEL_COPY:
        return None
    try:
        fd = dst.fileno()  # a ZIP entry has none
    except (AttributeError, OSError, ValueError):
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return None
    dst.flush()
    return fd


def _copy_in_kernel(in_fd: int, out_fd: int, hasher: ThreadPoolExecutor,
                    on_chunk: OnChunk | None) -> tuple[int, str] | None:
    """The kernel copies on the ``hasher`` thread while this one hashes the source; None
    when the kernel cannot copy between these two files (nothing written then).

    The two go through the file side by side, each at its own pace (tied to each other a
    window at a time they waited on each other's bursts: measured slower), so the file
    is read from the disk once and both are served from the page cache.
    """
    try:  # a first small piece here: where the kernel refuses, nothing is written yet
        first = os.sendfile(out_fd, in_fd, 0, _PROBE)
    except OSError as err:
        if err.errno in _NOT_HERE:
            return None
        raise
    stop = threading.Event()
    copying = hasher.submit(_send_all, out_fd, in_fd, first, stop)
    sha = hashlib.sha256()
    buf = memoryview(bytearray(CHUNK))
    hashed = 0
    try:
        while n := os.preadv(in_fd, [buf], hashed):
            sha.update(buf[:n])
            hashed += n
            if on_chunk is not None:
                on_chunk(n)
            if copying.done():
                copying.result()  # the copy failed (a full disk, say): say so now
        while not wait([copying], timeout=0.2).done:  # the disk still behind the hash
            if on_chunk is not None:
                on_chunk(0)  # Cancel is still heard
    finally:
        stop.set()  # ends the copy early only when something above raised
        sent = copying.result()
    if sent != hashed:  # the source changed size under the copy: never a match
        return -1, sha.hexdigest()
    return hashed, sha.hexdigest()


def _send_all(out_fd: int, in_fd: int, sent: int, stop: threading.Event) -> int:
    """sendfile the source from ``sent`` on, a window at a time until ``stop``; the
    bytes copied in all."""
    while not stop.is_set():
        n = os.sendfile(out_fd, in_fd, sent, WINDOW)
        if not n:
            break
        sent += n
    return sent


def _copy_double_buffered(src: BinaryIO, dst: BinaryIO, hasher: ThreadPoolExecutor,
                          on_chunk: OnChunk | None) -> tuple[int, str]:
    """Two buffers take turns: while the hashing thread digests one chunk, this thread
    writes it and reads the next into the other (hashlib and file I/O both let go of the
    GIL). A buffer is refilled only once the hasher is done with it."""
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
