"""The export's copy of an original: every byte copied, its SHA-256 computed once, on
each path the bytes can take (the kernel's copy, or through Python where the kernel
refuses or the target is a ZIP entry)."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.export import copying
from app.export.copying import CHUNK, WINDOW, copy_hashed

SIZES = [0, 1, CHUNK + 1, 2 * WINDOW + 3]


def _source(tmp_path: Path, size: int) -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = tmp_path / "original.bin"
    path.write_bytes(data)
    return path, data


@pytest.mark.parametrize("size", SIZES)
def test_a_copy_into_a_file_has_every_byte_and_their_digest(tmp_path: Path, size: int) -> None:
    src_path, data = _source(tmp_path, size)
    seen: list[int] = []
    with ThreadPoolExecutor(1) as hasher, open(src_path, "rb", buffering=0) as src, \
            open(tmp_path / "copy.bin", "xb") as dst:
        copied, sha256 = copy_hashed(src, dst, hasher, seen.append)
    assert (copied, sha256) == (size, hashlib.sha256(data).hexdigest())
    assert (tmp_path / "copy.bin").read_bytes() == data
    assert sum(seen) == size


@pytest.mark.parametrize("size", SIZES)
def test_where_the_kernel_refuses_the_bytes_go_through_python(tmp_path: Path,
                                                                size: int) -> None:
    """sendfile will not write to a file opened for appending (EINVAL): the copy falls
    back, and the target holds the original once, not a piece of it twice."""
    src_path, data = _source(tmp_path, size)
    with ThreadPoolExecutor(1) as hasher, open(src_path, "rb", buffering=0) as src, \
            open(tmp_path / "copy.bin", "ab") as dst:
        copied, sha256 = copy_hashed(src, dst, hasher)
    assert (copied, sha256) == (size, hashlib.sha256(data).hexdigest())
    assert (tmp_path / "copy.bin").read_bytes() == data


@pytest.mark.parametrize("hash_thread", [True, False])
def test_a_copy_into_a_zip_entry_has_every_byte(tmp_path: Path, hash_thread: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copying, "HASH_THREAD", hash_thread)
    src_path, data = _source(tmp_path, 2 * CHUNK + 5)
    with ThreadPoolExecutor(1) as hasher, open(src_path, "rb", buffering=0) as src, \
            zipfile.ZipFile(tmp_path / "bag.zip", "x", zipfile.ZIP_STORED) as z, \
            z.open("bag/original.bin", "w") as dst:
        copied, sha256 = copy_hashed(src, dst, hasher)  # type: ignore[arg-type]
    assert (copied, sha256) == (len(data), hashlib.sha256(data).hexdigest())
    with zipfile.ZipFile(tmp_path / "bag.zip") as z:
        assert z.read("bag/original.bin") == data


class Cancelled(Exception):
    pass


def test_a_cancel_mid_copy_stops_the_kernel_copy_too(tmp_path: Path) -> None:
    src_path, _data = _source(tmp_path, 6 * WINDOW)

    def cancel_after_first(n: int) -> None:
        raise Cancelled

    threads_before = threading.active_count()
    with ThreadPoolExecutor(1) as hasher, open(src_path, "rb", buffering=0) as src, \
            open(tmp_path / "copy.bin", "xb") as dst:
        with pytest.raises(Cancelled):
            copy_hashed(src, dst, hasher, cancel_after_first)
        # the copy thread has stopped: nothing more is written after the raise
        written = os.fstat(dst.fileno()).st_size
        assert written < 6 * WINDOW
        assert hasher.submit(lambda: os.fstat(dst.fileno()).st_size).result() == written
    assert threading.active_count() == threads_before
