"""The payload as written, one compact line per file, for the manifests and the digests
that state it: a batch of 100,000 items keeps one short string per file, not an object
with fields, and the manifests are written from them in path order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from app.export.layout import encode_path
from app.store.hashing import new_sm3


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


SEP = "\x00"  # never in a package path (``package_reader.unsafe``), sorts before any


@dataclass
class ManifestLines:
    lines: list[str] = field(default_factory=list)  # "rel\0sha256\0sm3"
    bytes: int = 0

    def add(self, rel: str, size: int, sha256: str, sm3: str) -> None:
        self.lines.append(f"{rel}{SEP}{sha256}{SEP}{sm3}")
        self.bytes += size

    @property
    def files(self) -> int:
        return len(self.lines)

    def sorted(self) -> Iterator[tuple[str, str, str]]:
        """(rel, sha256, sm3) in path order (sorts the lines in place, once)."""
        self.lines.sort()
        for line in self.lines:
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
