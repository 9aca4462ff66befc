"""A writer killed at any moment leaves no visible vault file without its row, and `check` agrees.

Each scenario runs a real writer process and kills it with SIGKILL (no cleanup code runs),
then opens the store again as the program would; each runs with both ways the vault places
a file (by hard link, as on POSIX, and by note and rename, as on Windows or FAT).
"""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.store.integrity import check_store
from app.store.models import File, Item
from app.store.store import Store
from app.store.vault import PENDING
from tests.test_store_support import REPO, add_item_with_file, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

PRELUDE = """
import io, os, signal, sys, time
from datetime import UTC, datetime
from pathlib import Path
from app.store import audit
from app.store.models import File, Item
from app.store.store import Store
store = Store.open(Path(sys.argv[1]))
incident_id = sys.argv[2]
store.vault.linked = sys.argv[3] == "linked"

def rows(placed):
    now = datetime.now(UTC)
    with store.writer() as s:
        item = Item(incident_id=incident_id, kind="photo", category="ZP", title="x",
                    created_at=now, updated_at=now)
        s.add(item)
        s.flush()
        s.add(File(item_id=item.id, role="original", vault_path=placed.vault_path,
                   size=placed.size, sha256=placed.sha256, sm3=placed.sm3,
                   format="image/jpeg", created_at=now))
        s.flush()
        audit.record(s, audit.Actor("test"), "file.ingest", incident_id=incident_id,
                     item_id=item.id)
        yield
"""


@pytest.fixture(params=["linked", "renamed"])
def placing(request: pytest.FixtureRequest) -> str:
    """How the writer places files: by hard link, or by intent note and rename."""
    return str(request.param)


def start_writer(store_path: Path, incident_id: str, placing: str,
                 body: str) -> subprocess.Popen[str]:
    script = PRELUDE + textwrap.dedent(body)
    return subprocess.Popen(
        [sys.executable, "-c", script, str(store_path), incident_id, placing],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_killed(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    return out


def visible_vault_files(store_path: Path) -> list[Path]:
    vault = store_path / "vault"
    return [p for p in vault.rglob("*") if p.is_file() and PENDING not in p.parts]


def file_rows(store: Store) -> int:
    with store.reader() as s:
        return s.query(File).count()


def assert_clean_after_reopen(store_path: Path, files: int) -> Store:
    store = Store.open(store_path)
    assert len(visible_vault_files(store_path)) == files
    assert file_rows(store) == files
    assert list((store_path / "vault" / PENDING).iterdir()) == []
    report = check_store(store)
    assert report.ok, [f.message for f in report.findings]
    assert report.files_checked == files
    return store


def test_killed_while_writing_a_large_stream(store_path: Path, store: Store, incident,
                                             placing: str) -> None:
    store.close()
    proc = start_writer(store_path, incident.id, placing, """
        class Slow(io.RawIOBase):
            # 1 MiB at a time, slowly: the writer is still copying when it is killed.
            def readable(self):
                return True
            def read(self, size=-1):
                time.sleep(0.02)
                print("chunk", flush=True)
                return b"\\xff" * (1024 * 1024)
        placed = store.vault.place_stream(Slow(), ".mp4")
        print("placed", flush=True)
    """)
    assert proc.stdout is not None
    for _ in range(5):  # a few MiB are written to the pending area
        assert proc.stdout.readline().strip() == "chunk"
    parts = list((store_path / "vault" / PENDING).glob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size > 0
    proc.send_signal(signal.SIGKILL)
    assert "placed" not in wait_killed(proc)
    assert visible_vault_files(store_path) == []  # nothing half-written is ever visible
    assert_clean_after_reopen(store_path, files=0).close()
    assert not parts[0].exists()  # the partial file was cleared away


def test_killed_after_the_file_is_placed_before_the_row_commits(
    store_path: Path, store: Store, incident, placing: str
) -> None:
    store.close()
    proc = start_writer(store_path, incident.id, placing, """
        placed = store.vault.place_bytes(b"photo bytes" * 1000, ".jpg")
        print(placed.vault_path, flush=True)
        work = rows(placed)
        next(work)  # rows inserted and flushed, the transaction still open
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    vault_path = wait_killed(proc).strip()
    placed = store_path / "vault" / vault_path
    assert placed.is_file()  # on disk, but its row never committed
    reopened = assert_clean_after_reopen(store_path, files=0)
    assert reopened.recovered == [vault_path]
    reopened.close()
    assert not placed.exists()
    assert run_cli("check", "--store", str(store_path)).returncode == 0


def test_killed_after_the_row_commits_keeps_the_file(
    store_path: Path, store: Store, incident, placing: str
) -> None:
    store.close()
    proc = start_writer(store_path, incident.id, placing, """
        placed = store.vault.place_bytes(b"kept" * 1000, ".jpg")
        for _ in rows(placed):
            pass
        print(placed.vault_path, flush=True)  # committed; the intent note is not yet settled
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    vault_path = wait_killed(proc).strip()
    assert list((store_path / "vault" / PENDING).iterdir())  # its note is still there
    reopened = assert_clean_after_reopen(store_path, files=1)
    assert reopened.recovered == []
    reopened.close()
    assert (store_path / "vault" / vault_path).read_bytes() == b"kept" * 1000


def test_killed_between_two_items_keeps_the_first(
    store_path: Path, store: Store, incident, placing: str
) -> None:
    first = add_item_with_file(store, incident.id, b"first" * 100)
    store.close()
    proc = start_writer(store_path, incident.id, placing, """
        placed = store.vault.place_bytes(b"second" * 100, ".jpg")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    wait_killed(proc)
    reopened = assert_clean_after_reopen(store_path, files=1)
    reopened.close()
    assert (store_path / "vault" / first.vault_path).read_bytes() == b"first" * 100


def test_killed_while_placing_the_third_file_of_an_item(
    store_path: Path, store: Store, incident, placing: str
) -> None:
    store.close()
    proc = start_writer(store_path, incident.id, placing, """
        from app.store.repositories import Repositories
        from app.store.repositories.items import NewFile
        class Dies(io.RawIOBase):
            def readable(self):
                return True
            def read(self, size=-1):
                print(len(list(store.vault.iter_files())), flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
        Repositories(store).items.ingest(incident_id, "photo", [
            NewFile(b"the original" * 100, suffix=".jpg"),
            NewFile(b"its thumbnail" * 10, role="thumbnail", suffix=".jpg", derived_from=0),
            NewFile(Dies(), role="access", suffix=".jpg", derived_from=0),
        ])
    """)
    assert wait_killed(proc).strip() == "2"  # two of the item's files were in place
    assert_clean_after_reopen(store_path, files=0).close()


def test_vault_files_are_read_only_once_placed(store: Store, incident) -> None:
    stored = add_item_with_file(store, incident.id, b"\x89PNG original")
    path = store.vault.absolute(stored.vault_path)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
    assert mode & stat.S_IRUSR
    # No intent note is left once the row is committed.
    assert list(store.vault.pending.iterdir()) == []


def test_a_failed_commit_takes_the_file_back_out(store: Store, incident) -> None:
    with pytest.raises(RuntimeError):
        with store.vault.placing(io.BytesIO(b"never filed"), ".jpg") as placed:
            raise RuntimeError("the database refused the row")
    assert not store.vault.absolute(placed.vault_path).exists()
    assert visible_vault_files(store.root) == []
    assert list(store.vault.pending.iterdir()) == []



def test_an_import_killed_mid_batch_leaves_whole_items_only(
    store_path: Path, store: Store, incident, tmp_path: Path
) -> None:
    """A real `fieldarchive import`, several files in flight on its threads when killed."""
    import sqlite3
    import time

    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(7).integers(0, 255, (1200, 1600, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noise).save(buf, "JPEG", quality=95)  # about 1.5 MB
    card = tmp_path / "card"
    card.mkdir()
    for n in range(80):  # distinct files: a few bytes after the picture's end
        (card / f"DSC_{n:04d}.JPG").write_bytes(buf.getvalue() + n.to_bytes(4, "big"))
    store.close()

    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "import", "--store", str(store_path), "--incident",
         incident.id, str(card)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    database = f"file:{store_path / 'archive.sqlite'}?mode=ro"
    deadline = time.monotonic() + 60
    committed = 0
    while committed < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        try:
            with sqlite3.connect(database, uri=True) as conn:
                committed = conn.execute("SELECT count(*) FROM item").fetchone()[0]
        except sqlite3.OperationalError:
            continue  # the writer holds a lock for a moment
    assert proc.poll() is None, "the import ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    wait_killed(proc)

    reopened = Store.open(store_path)  # recovery runs here
    try:
        with reopened.reader() as s:
            items = s.scalar(select(func.count()).select_from(Item))
            rows = s.query(File).count()
        assert 3 <= items < 80
        assert rows == 2 * items  # each item whole: its original and its thumbnail
        assert len(visible_vault_files(store_path)) == rows
        assert list((store_path / "vault" / PENDING).iterdir()) == []
        report = check_store(reopened)
        assert report.ok, [f.message for f in report.findings]
    finally:
        reopened.close()
