"""Helpers for review-mode tests: a store's exact state, read-only bind mounts, a writer."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

State = dict[str, tuple[str, int, int, str]]


def tree_state(root: Path) -> State:
    """Every path under ``root`` (folders too) with its kind, size, mtime and SHA-256.

    Two equal states mean nothing was added, removed, changed or even touched.
    """
    out: State = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            path = Path(dirpath) / name
            st = path.stat()
            out[path.relative_to(root).as_posix() + "/"] = ("dir", 0, st.st_mtime_ns, "")
        for name in filenames:
            path = Path(dirpath) / name
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[path.relative_to(root).as_posix()] = ("file", st.st_size, st.st_mtime_ns,
                                                      digest)
    return out


@contextmanager
def read_only_mount(source: Path, target: Path) -> Iterator[Path]:
    """``source`` seen through a read-only bind mount at ``target`` (needs root)."""
    if os.name == "nt" or os.geteuid() != 0:
        pytest.skip("read-only bind mounts need root on Linux")
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


@pytest.fixture
def review_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder, kept apart from the reviewed store."""
    cache = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache / "FieldArchive" / "review"


def lasting_paths(root: Path) -> set[str]:
    """The paths under ``root`` (names only: a live writer changes contents), less the
    writer's own fleeting temp files (the audit head file it is replacing at that instant)."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        out.update((rel / d).as_posix() + "/" for d in dirnames)
        out.update((rel / f).as_posix() for f in filenames
                   if not (f.startswith(".audit-head.json.") and f.endswith(".tmp")))
    return out
