"""A second program opening a store never takes the first one's work in flight for a crash.

The desktop program may be in the middle of an import (a file placed, the next one half
copied) or a recording (a ``.part`` file growing in the pending area) while a command such
as ``fieldarchive log add`` opens the same store. Crash recovery must leave all of that
alone; it cleans what a dead writer left only when no live program has the store open.
Each scenario runs the other program as a real process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.store.vault import PENDING
from tests.test_store_support import REPO, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and the children are POSIX")

# The other program: stores an item of two files whose second file arrives slowly (it
# waits for a line on stdin halfway through), while a recording grows in the pending area.
BUSY_WRITER = """
import sys
from pathlib import Path
from app.capture.recording_files import temp_recording
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.store import Store

class Slow:
    # Half the bytes, then wait for the test's go-ahead, then the rest.
    def __init__(self):
        self.parts = [b"first half of the video " * 4000, None, b"second half" * 4000]
    def read(self, size=-1):
        if not self.parts:
            return b""
        part = self.parts.pop(0)
        if part is None:
            print("halfway", flush=True)
            sys.stdin.readline()
            part = self.parts.pop(0)
        return part

store = Store.open(Path(sys.argv[1]))
repos = Repositories(store)
recording = temp_recording(store, ".wav")
with open(recording, "wb") as f:
    f.write(b"RIFF the recording so far ")
print(recording, flush=True)
item = repos.items.ingest(sys.argv[2], "video", [
    NewFile(b"poster picture", role="poster", original_name="poster.jpg", suffix=".jpg"),
    NewFile(Slow(), role="original", original_name="video.mp4", suffix=".mp4"),
])
with open(recording, "ab") as f:
    f.write(b"and the rest of it")
sound = repos.items.ingest(sys.argv[2], "audio", [
    NewFile(recording, original_name="rec.wav", suffix=".wav")])
recording.unlink()
print(item.id, sound.id, flush=True)
store.close()
"""

# A program that only keeps the store open until told to close it.
HOLDER = """
import sys
from pathlib import Path
from app.store.store import Store
with Store.open(Path(sys.argv[1])):
    print("open", flush=True)
    sys.stdin.readline()
"""

# A writer killed with a file placed (no row) and another half copied.
KILLED_WRITER = """
import io, os, signal, sys
from pathlib import Path
from app.store.store import Store
store = Store.open(Path(sys.argv[1]))
placed = store.vault.place_bytes(b"never committed", ".jpg")
class Half(io.RawIOBase):
    def readable(self):
        return True
    def read(self, size=-1):
        print(placed.vault_path, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
store.vault.place_stream(Half(), ".mp4")
"""


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args], cwd=REPO,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line:
        _out, err = proc.communicate(timeout=30)
        raise AssertionError(f"the other program ended early: {err}")
    return line


def finish(proc: subprocess.Popen[str], say: str = "go\n") -> str:
    out, err = proc.communicate(say, timeout=120)
    assert proc.returncode == 0, err
    return out.strip()


def pending_names(store_path: Path) -> set[str]:
    return {p.name for p in (store_path / "vault" / PENDING).iterdir()}


def vault_files(store_path: Path) -> set[str]:
    vault = store_path / "vault"
    return {p.relative_to(vault).as_posix() for p in vault.rglob("*")
            if p.is_file() and PENDING not in p.parts}


def assert_check_clean(store_path: Path) -> None:
    with Store.open(store_path, readonly=True) as reader:
        report = check_store(reader)
    assert report.ok, [f.message for f in report.findings]


@pytest.fixture
def ready(store_path: Path, repos: Repositories, incident: IncidentRecord) -> IncidentRecord:
    """A store with an operator and an incident, closed again (the programs open it)."""
    repos.operators.add("档案员", "应急局", "archivist", make_default=True)
    repos.store.close()
    return incident


def test_opening_beside_a_busy_program_leaves_its_work_alone(
    store_path: Path, ready: IncidentRecord
) -> None:
    writer = start(BUSY_WRITER, str(store_path), ready.id)
    recording = Path(read_line(writer))
    assert read_line(writer) == "halfway"
    in_flight = pending_names(store_path)
    placed = vault_files(store_path)
    assert recording.name in in_flight
    assert any(name.endswith(".part") and name != recording.name for name in in_flight)
    assert len(placed) == 1  # the poster: placed, its row not yet committed

    # Another program (the real command line) writes to the store meanwhile...
    added = run_cli("log", "add", "--store", str(store_path), "--incident", ready.id,
                    "--text", "搜救队进入三号街区")
    assert added.returncode == 0, added.stderr
    # ... and so does one in this process; neither takes the work in flight for a crash.
    with Store.open(store_path) as second:
        assert second.recovered == []
    assert pending_names(store_path) == in_flight
    assert vault_files(store_path) == placed
    assert recording.read_bytes() == b"RIFF the recording so far "
    # `check` does not count the files in flight as problems either.
    checked = run_cli("check", "--store", str(store_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    video_id, sound_id = finish(writer).split()
    with Store.open(store_path) as store:
        repos = Repositories(store)
        video = repos.items.get(video_id)
        original = video.file("original")
        assert original is not None and original.size == len(b"first half of the video ") * \
            4000 + len(b"second half") * 4000
        sound = repos.items.get(sound_id).file("original")
        assert sound is not None
        with repos.items.open_file(sound.vault_path) as f:
            assert f.read() == b"RIFF the recording so far and the rest of it"
        assert len(repos.items.list(ready.id)) == 2
    assert pending_names(store_path) == set()
    assert_check_clean(store_path)


def test_a_dead_writers_leftovers_wait_until_no_one_has_the_store(
    store_path: Path, ready: IncidentRecord
) -> None:
    holder = start(HOLDER, str(store_path))
    assert read_line(holder) == "open"
    killed = start(KILLED_WRITER, str(store_path))
    orphan = read_line(killed)
    killed.communicate(timeout=60)  # waits for its death, and closes its pipes
    assert killed.returncode == -signal.SIGKILL
    leftovers = pending_names(store_path)
    assert any(name.endswith(".part") for name in leftovers)

    # The holder is alive: nothing tells the dead writer's files from the holder's own.
    with Store.open(store_path) as beside:
        assert beside.recovered == []
    assert pending_names(store_path) == leftovers
    assert orphan in vault_files(store_path)
    assert_check_clean(store_path)  # in flight as far as anyone can tell: not a problem

    finish(holder)
    with Store.open(store_path) as alone:  # no one else has the store: recover
        assert alone.recovered == [orphan]
    assert pending_names(store_path) == set()
    assert vault_files(store_path) == set()
    assert_check_clean(store_path)


def test_two_opens_in_one_program_count_as_two(store_path: Path, store: Store) -> None:
    part = store.vault.pending / "copy-in-progress.part"
    part.write_bytes(b"half a file")
    with Store.open(store_path) as second:
        assert second.recovered == []
    assert part.exists()
    store.close()
    Store.open(store_path).close()  # alone now: the leftover goes
    assert not part.exists()


def test_a_read_only_open_holds_nothing_back(store_path: Path, store: Store) -> None:
    part = store.vault.pending / "left-by-a-crash.part"
    part.write_bytes(b"half a file")
    store.close()
    with Store.open(store_path, readonly=True):
        assert part.exists()  # reading never recovers
        with Store.open(store_path):  # a reader does not stop a writer from recovering
            assert not part.exists()


def test_a_failed_creation_leaves_an_empty_folder_usable(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "store.lock").write_bytes(b"")  # what a creation killed early leaves
    with Store.open(folder, create=True) as store:
        assert store.db_path.exists()
