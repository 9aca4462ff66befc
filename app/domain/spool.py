"""A sequence of records kept in a temporary file, a chunk of them in memory at a time.

An export of 100,000 items reads several hundred thousand records (items, audit events,
chain links, pre-flight results) and goes over each kind several times (pre-flight, the
catalogue, every item's XML, the copy). Held as objects they cost several kilobytes per
item; a ``Spool`` holds one file offset per thousand of them. Records are pickled a chunk
at a time (strings repeated within a chunk are stored once) and read back, a chunk at a
time, on every pass. Records must be picklable values (frozen dataclasses): what comes
back is an equal copy, never the object that went in.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import os
import pickle
import tempfile
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, Generic, TypeVar, overload

T = TypeVar("T")

CHUNK = 1000


def spool_dir() -> str | None:
    """Where spools go: ``TMPDIR`` when the user set it; else ``/var/tmp``, which is on
    disk by convention (FHS), where ``/tmp`` is often memory (tmpfs: Debian 13, Fedora,
    Arch), and a spool there would hold in RAM what it exists to keep out of it. None: the
    system's temporary folder."""
    if os.environ.get("TMPDIR") or os.name != "posix":
        return None
    return VAR_TMP if os.access(VAR_TMP, os.W_OK | os.X_OK) else None


VAR_TMP = "/var/tmp"


class _Pickler(pickle.Pickler):
    """Dataclass records go as their class and field values and come back through
    ``__init__``: pickle's own way for a slotted dataclass (``dataclasses``'
    ``__setstate__``, which looks the fields up again for every record) takes several
    times as long."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = _init_fields(cls) if dataclasses.is_dataclass(cls) else None
        if names is None:
            return NotImplemented
        return cls, tuple(getattr(obj, n) for n in names)


@functools.cache
def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The field names, in ``__init__``'s order, if ``__init__`` takes them all."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields) or "__reduce__" in vars(cls):
        return None
    return tuple(f.name for f in fields)


class Spool(Sequence[T], Generic[T]):
    def __init__(self, records: Iterable[T] = (), chunk: int = CHUNK) -> None:
        self._chunk = chunk
        self._pending: list[T] = []
        self._spans: list[tuple[int, int]] = []  # (offset, length) of each full chunk
        self._end = 0
        self._len = 0
        self._file: IO[bytes] | None = None
        self._lock = threading.Lock()
        # The last chunk read by index, for ``spool[i]`` in a loop over i.
        self._cached: tuple[int, list[T]] | None = None
        self.extend(records)

    def append(self, record: T) -> None:
        self._pending.append(record)
        self._len += 1
        if len(self._pending) >= self._chunk:
            self._flush()

    def extend(self, records: Iterable[T]) -> None:
        for r in records:
            self.append(r)

    def _flush(self) -> None:
        out = io.BytesIO()
        _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(self._pending)
        data = out.getvalue()
        with self._lock:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="fieldarchive-spool-",
                                                    dir=spool_dir())
                # Closed when the spool goes (no file left open for the collector to find).
                weakref.finalize(self, self._file.close)
            self._file.seek(self._end)
            self._file.write(data)
        self._spans.append((self._end, len(data)))
        self._end += len(data)
        self._pending = []

    def _load(self, n: int) -> list[T]:
        if n == len(self._spans):
            return self._pending
        offset, length = self._spans[n]
        with self._lock:
            assert self._file is not None
            self._file.seek(offset)
            data = self._file.read(length)
        chunk: list[T] = pickle.loads(data)
        return chunk

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[T]:
        # Chunks flushed while iterating are read too; the pending ones last, as they are.
        n = 0
        while n < len(self._spans):
            yield from self._load(n)
            n += 1
        yield from list(self._pending)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        n, at = divmod(index, self._chunk)
        if n == len(self._spans):
            return self._pending[at]
        if self._cached is None or self._cached[0] != n:
            self._cached = (n, self._load(n))
        return self._cached[1][at]

    def __repr__(self) -> str:
        return f"Spool({self._len} records)"
