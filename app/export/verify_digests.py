"""The digest pass of verify: each payload file read once, every wanted algorithm fed from
the same buffer, files hashed on a few threads at once (hashlib lets go of the GIL), and
the first bytes of each kept for the format check so no file is opened twice. The small
documents the DA/T 93 checks parse next (each item's XML, the catalogue, the records) are
kept whole, up to a budget, so those are not read twice either, and what is parsed is
exactly what was hashed.

Results come back in the files' order on the calling thread (progress and failures are
reported there); at most a few files are in flight, so memory stays flat for any count.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import zipfile
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.package_reader import PackageReader
from app.export.report import Result, fail

CHUNK = 1024 * 1024
HEAD = 64  # enough for every signature ``formats.sniff`` knows
# Hashing threads: one per core, a few at most (more only queue for the disk).
WORKERS = max(1, min(4, os.cpu_count() or 1))
ProgressFn = Callable[[str, int, int], None]
# Documents kept whole from the digest pass: these suffixes, at most KEEP bytes each and
# KEEP_TOTAL in all (beyond it they are read again when parsed: memory stays bounded).
KEEP_SUFFIXES = (".xml", ".txt")
KEEP = 1024 * 1024
KEEP_TOTAL = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Digested:
    digests: dict[str, str]  # algorithm -> hex
    head: bytes
    data: bytes | None = None  # the whole file, for a small document (``KEEP``)


def kept(reader: PackageReader, rel: str) -> bool:
    """Whether the digest pass keeps ``rel`` whole (a small document, not an original)."""
    return rel.lower().endswith(KEEP_SUFFIXES) and reader.files.get(rel, KEEP + 1) <= KEEP


def _new(alg: str) -> hashlib._Hash:
    return _sm3() if alg == "sm3" else hashlib.new(alg)


def _sm3() -> hashlib._Hash:
    """SM3 from OpenSSL; without it the slow pure-Python one (verify needs no store, so
    not the store's copy of this fallback)."""
    try:
        return hashlib.new("sm3")
    except ValueError:
        from gmssl import func, sm3

        class _G:
            def __init__(self) -> None:
                self.buf = bytearray()

            def update(self, d: bytes) -> None:
                self.buf.extend(d)

            def hexdigest(self) -> str:
                return str(sm3.sm3_hash(func.bytes_to_list(bytes(self.buf))))

        return _G()  # type: ignore[return-value]


def digest_one(reader: PackageReader, rel: str, algs: Iterable[str]) -> Digested:
    """Read ``rel`` once into a reused buffer, feeding every algorithm (none: only its
    head is read, nothing kept). A ZIP entry read to its end has its CRC checked."""
    hashes = [(a, _new(a)) for a in algs]
    with reader.open(rel) as f:
        if not hashes:
            return Digested({}, f.read(HEAD))
        keep = kept(reader, rel)
        buf = bytearray(CHUNK)
        view = memoryview(buf)
        head = b""
        first = True
        parts: list[bytes] = []
        while n := f.readinto(buf):  # type: ignore[attr-defined]
            chunk = view[:n]
            if first:
                head = bytes(chunk[:HEAD])
                first = False
            if keep:
                parts.append(bytes(chunk))
            for _a, h in hashes:
                h.update(chunk)
    return Digested({a: h.hexdigest() for a, h in hashes}, head,
                    b"".join(parts) if keep else None)


def digest_files(reader: PackageReader, rels: list[str], algs: set[str],
                 results: list[Result], progress: ProgressFn | None,
                 workers: int = WORKERS) -> dict[str, Digested]:
    """Each file of ``rels`` digested (see the module note); unreadable ones are reported
    in ``results`` and left out."""
    out: dict[str, Digested] = {}
    total = sum(reader.files.get(r, 0) for r in rels)
    done = 0
    budget = KEEP_TOTAL
    window: deque[tuple[str, Future[Digested]]] = deque()
    with ThreadPoolExecutor(workers, thread_name_prefix="verify-digest") as pool:
        todo = iter(rels)
        while True:
            while len(window) < 2 * workers:
                rel = next(todo, None)
                if rel is None:
                    break
                window.append((rel, pool.submit(digest_one, reader, rel, algs)))
            if not window:
                break
            rel, future = window.popleft()
            try:
                got = future.result()
                if got.data is not None:
                    budget -= len(got.data)
                    if budget < 0:
                        got = dataclasses.replace(got, data=None)
                out[rel] = got
            except zipfile.BadZipFile as err:
                results.append(fail("zip-integrity", rel, QT_TRANSLATE_NOOP(
                    "Errors", "the ZIP entry {name} is damaged ({reason})"), name=rel,
                    reason=str(err)))
            except OSError as err:
                results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} cannot be read ({reason})"), path=rel,
                    reason=str(err)))
            done += reader.files.get(rel, 0)
            if progress is not None:
                progress("digest", done, total)
    return out
