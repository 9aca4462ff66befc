"""The payload as written, one compact line per file, for the manifests and the digests
that state it: one short string per file, not an object with fields, kept in sorted runs
spooled to a temporary file (``app.domain.spool``); the manifests are written from them
in path order."""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from app.domain.spool import Spool
from app.export.layout import encode_path
from app.store.hashing import new_sm3


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


SEP = "\x00"  # never in a package path (``package_reader.unsafe``), sorts before any


# Lines kept in memory before a sorted run of them goes to a temporary file.
RUN = 10_000


@dataclass
class ManifestLines:
    lines: list[str] = field(default_factory=list)  # "rel\0sha256\0sm3", the newest run
    bytes: int = 0
    # Earlier runs, each sorted and spooled: a batch of 100,000 items keeps a few
    # thousand lines in memory, not two hundred thousand.
    runs: list[Spool[str]] = field(default_factory=list)
    count: int = 0

    def add(self, rel: str, size: int, sha256: str, sm3: str) -> None:
        self.lines.append(f"{rel}{SEP}{sha256}{SEP}{sm3}")
        self.bytes += size
        self.count += 1
        if len(self.lines) >= RUN:
            self.lines.sort()
            self.runs.append(Spool(self.lines))
            self.lines = []

    @property
    def files(self) -> int:
        return self.count

    def sorted(self) -> Iterator[tuple[str, str, str]]:
        """(rel, sha256, sm3) in path order (the runs merged as they are read)."""
        self.lines.sort()
        merged = heapq.merge(*self.runs, self.lines) if self.runs else iter(self.lines)
        for line in merged:
            rel, sha, sm3 = line.split(SEP)
            yield rel, sha, sm3

    def payload_digest(self, form_dir: str) -> str:
        """``layout.payload_digest`` over these lines, without a second list of them."""
        h = hashlib.sha256()
        for rel, sha, _sm3 in self.sorted():
            if not rel.startswith(form_dir):
                h.update(f"{sha}  {rel}\n".encode())
        return h.hexdigest()

    def write_manifest(self, out: Writable, algorithm: str) -> None:
        column = 1 if algorithm == "sha256" else 2
        for parts in self.sorted():
            out.write(f"{parts[column]}  {encode_path(parts[0])}\n".encode())


class HashingWriter:
    """A file being written, its size, SHA-256 and SM3 taken as the bytes go by."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.size = 0
        self._sha256 = hashlib.sha256()
        self._sm3 = new_sm3()

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self._sha256.update(data)
        self._sm3.update(data)
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    @property
    def sm3(self) -> str:
        return self._sm3.hexdigest()
