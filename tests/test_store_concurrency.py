"""Two programs writing to one store at once: one writer at a time, one unbroken audit chain."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.store.audit import read_head
from app.store.integrity import check_store
from app.store.store import Store
from app.store.vault import PENDING
from tests.test_store_support import REPO, audit_count

WRITER = """
import sys
from pathlib import Path
from app.store.repositories import Repositories
from app.store.store import Store
name = sys.argv[2]
with Store.open(Path(sys.argv[1])) as store:
    repos = Repositories(store)
    for n in range(15):
        repos.operators.add(f"{name}-{n}", "档案馆", "archivist")
print("done", flush=True)
"""


def test_two_writers_at_once_keep_the_chain_whole(store_path: Path, store: Store) -> None:
    store.close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(store_path), name], cwd=REPO,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("甲", "乙")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    assert audit_count(store_path) == 60  # each unit of work: its event and its row seal
    with Store.open(store_path, readonly=True) as reader:
        report = check_store(reader)
    assert report.ok, [f.message for f in report.findings]
    # The head file may lag a commit that finished at the same instant; the next open
    # brings it level with the chain.
    Store.open(store_path).close()
    head = read_head(store_path)
    assert head is not None and head.count == 60
    # No temporary head files are left behind (SQLite's own -wal/-shm may be).
    assert not [p.name for p in store_path.iterdir() if p.name.endswith(".tmp")]


def test_recovery_touches_nothing_outside_the_vault(store_path: Path, store: Store) -> None:
    precious = store_path.parent / "precious.txt"
    precious.write_text("not the vault's", "utf-8")
    (store_path / "vault" / PENDING / "forged.intent").write_text("../../precious.txt", "utf-8")
    store.close()
    with Store.open(store_path) as reopened:
        assert reopened.recovered == []
    assert precious.read_text("utf-8") == "not the vault's"
    assert list((store_path / "vault" / PENDING).iterdir()) == []
