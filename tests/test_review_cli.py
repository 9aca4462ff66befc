"""Reading commands open read-only: nothing added or changed, from a read-only mount and
beside a program writing the same store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import DB_NAME, Store
from tests.review_support import lasting_paths, read_only_mount, tree_state
from tests.test_store_support import REPO, add_item_with_file, one_json_object, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="bind mounts and the writer are POSIX")


def reading_commands(store: Path, out: Path) -> list[list[str]]:
    s = ["--store", str(store)]
    return [
        ["incident", "list", *s], ["incident", "show", "EQ2025-01", *s],
        ["operator", "list", *s], ["schedule", "show", "--incident", "EQ2025-01", *s],
        ["log", "show", "--incident", "EQ2025-01", *s],
        ["log", "render", "--incident", "EQ2025-01", "--out", str(out), *s],
        ["check", *s],
    ]


@pytest.fixture
def worked(store: Store, repos: Repositories, incident: IncidentRecord) -> Store:
    repos.operators.add("张伟", "旗档案馆", "archivist")
    add_item_with_file(store, incident.id, b"photo", title="村口")
    repos.log.add(incident.id, "到达现场。",
                  occurred_at=datetime.fromisoformat("2025-07-21T15:00:00+08:00"))
    return store


@pytest.mark.parametrize("left_with_wal", [False, True], ids=["closed", "with-wal"])
def test_reading_commands_from_a_read_only_mount(worked: Store, tmp_path: Path,
                                                 left_with_wal: bool) -> None:
    source = tmp_path / "disc"
    if left_with_wal:  # copied while the program had it open: committed rows in -wal
        worked.flush_head()  # (no head file half-replaced at the moment of the copy)
        shutil.copytree(worked.root, source)
        (source / (DB_NAME + "-shm")).unlink()
        (source / "store.lock").unlink()
        assert (source / (DB_NAME + "-wal")).stat().st_size > 0
        worked.close()
    else:
        worked.close()
        shutil.copytree(worked.root, source)
    before = tree_state(source)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    with read_only_mount(source, tmp_path / "mnt") as mnt:
        for command in reading_commands(mnt, tmp_path / "log.pdf"):
            result = run_cli(*command, "--json", env=env)
            assert result.returncode == 0, (command, result.stderr)
            data = one_json_object(result.stdout)
            if command[:2] == ["log", "show"]:
                assert [e["content"] for e in data["entries"]] == ["到达现场。"]
            if command[0] == "check":
                assert data["ok"] and data["files_checked"] == 1
        assert tree_state(mnt) == before
    assert tree_state(source) == before
    snapshots = tmp_path / "cache" / "FieldArchive" / "review"
    # Read in place when nothing needs folding in, else from copies, all removed again.
    assert snapshots.exists() == left_with_wal
    assert not snapshots.exists() or not list(snapshots.iterdir())


# The other program: keeps the store open and appends log entries until stdin closes.
WRITER = """
import sys
from pathlib import Path
from app.store.repositories import Repositories
from app.store.store import Store

store = Store.open(Path(sys.argv[1]))
repos = Repositories(store)
print("open", flush=True)
n = 0
while True:
    repos.log.add("EQ2025-01", f"第{n}条：持续记录。")
    n += 1
    if n == 5:
        print("writing", flush=True)
    if n % 20 == 0 and sys.stdin.readline().strip() == "stop":
        break
store.close()
print(n, flush=True)
"""


def test_reading_commands_beside_a_live_writer(worked: Store, tmp_path: Path) -> None:
    worked.close()
    root = worked.root
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdin is not None
        assert writer.stdout.readline().strip() == "open"
        assert writer.stdout.readline().strip() == "writing"
        paths_before = lasting_paths(root)
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
        counts = []
        for command in reading_commands(root, tmp_path / "log.pdf"):
            writer.stdin.write("go\n")
            writer.stdin.flush()
            result = run_cli(*command, "--json", env=env)
            assert result.returncode == 0, (command, result.stderr)
            data = one_json_object(result.stdout)
            if command[:2] == ["log", "show"]:
                # One consistent snapshot: the count and the entries listed agree.
                assert data["count"] == len(data["entries"])
                counts.append(data["count"])
        # Nothing added beside the writer's own files; no snapshot was needed.
        assert lasting_paths(root) == paths_before
        assert not (tmp_path / "cache" / "FieldArchive" / "review").exists() or not list(
            (tmp_path / "cache" / "FieldArchive" / "review").iterdir())
        writer.stdin.write("stop\n" * 50)
        writer.stdin.flush()
        written = int(writer.stdout.readline())
    finally:
        writer.kill() if writer.poll() is None else None
        writer.communicate()  # waits, and closes its pipes
    # The writer was never blocked: it went on while the commands read.
    assert written > counts[0]
    result = run_cli("log", "show", "--incident", "EQ2025-01", "--store", str(root), "--json")
    assert json.loads(result.stdout)["count"] == written + 1
