"""A file produced on a worker thread and read as it is produced (through an OS pipe).

Storing a photo means encoding it, then hashing and writing the bytes. Done one after the
other the hashing waits for the whole encode; through a pipe the vault hashes and writes
each piece while the encoder makes the next, so shutter-to-stored costs little more than
the encode itself. A failed encode never looks like a short file: the reader raises the
encoder's error instead of reporting the end.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

PIPE_SIZE = 1024 * 1024


class EncodedStream(io.RawIOBase):
    """Readable bytes that ``produce(writable_file)`` writes on its own thread."""

    def __init__(self, produce: Callable[[BinaryIO], None], name: str = "encoder") -> None:
        super().__init__()
        read_fd, write_fd = os.pipe()
        _widen_pipe(write_fd)
        self._reader = os.fdopen(read_fd, "rb", buffering=0)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(produce, write_fd),
                                        name=name, daemon=True)
        self._thread.start()

    def _run(self, produce: Callable[[BinaryIO], None], write_fd: int) -> None:
        try:
            with os.fdopen(write_fd, "wb") as sink:
                produce(sink)
        except BaseException as err:  # handed to the reader, who decides
            self._error = err

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        # Straight from the pipe: RawIOBase.read would zero a buffer of ``size`` every call.
        data = self._reader.read(size if size >= 0 else None)
        if not data:
            self._thread.join()
            if self._error is not None:
                raise self._error
            return b""
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        """Stop reading; a producer still writing gets a broken pipe and ends."""
        if not self.closed:
            self._reader.close()
            self._thread.join()
        super().close()


def _widen_pipe(fd: int) -> None:
    """Ask Linux for a 1 MB pipe (default 64 kB): fewer hand-overs between the threads."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    try:
        fcntl.fcntl(fd, set_size, PIPE_SIZE)
    except OSError:
        pass  # above /proc/sys/fs/pipe-max-size for this user: the default works too
