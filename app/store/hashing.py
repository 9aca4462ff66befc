"""Digests: SHA-256 and SM3 (GB/T 32905) side by side, and canonical JSON for chains."""

from __future__ import annotations

import hashlib
import json
from typing import Any, BinaryIO, Protocol


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
    """Feeds the same bytes to SHA-256 and SM3; counts them too."""

    def __init__(self) -> None:
        self._sha256 = hashlib.sha256()
        self._sm3 = new_sm3()
        self.size = 0

    def update(self, data: bytes) -> None:
        self._sha256.update(data)
        self._sm3.update(data)
        self.size += len(data)

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()

    @property
    def sm3(self) -> str:
        return self._sm3.hexdigest()


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


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8 (RFC 8785-like)."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")


def chain_hash(prev_hash: str, content: Any) -> str:
    """Hash of a chain link: covers the previous link's hash and this link's content."""
    h = hashlib.sha256()
    h.update(prev_hash.encode("ascii"))
    h.update(b"\n")
    h.update(canonical_json(content))
    return h.hexdigest()


GENESIS = "0" * 64
