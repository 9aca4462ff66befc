"""A full disk, for real (a 5 MB tmpfs), through the command line: a work-log entry, filing,
an import, a microphone recording that fills the disk while it records, an export and a
backup to a full carrier. Each: one clear line in the user's language (Chinese and
English), `check` clean, everything stored before intact, and the same command works once
space is freed. (Photo and video capture, and the recorder itself: test_capture_disk_full.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.store.integrity import check_path
from app.store.repositories import Repositories
from app.store.store import Store
from tests import pulse
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_store_support import REPO, sql

PULSE_PROBLEM = pulse.ensure()
CST = timezone(timedelta(hours=8))
PASSPHRASE = "passphrase-1"


def _mount(where: Path, size: str = "5m") -> None:
    where.mkdir(exist_ok=True)
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a small tmpfs needs root to mount (mount -t tmpfs -o size=5m)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "small"
    _mount(disk)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    """Take the free space (all but ``leave`` bytes) with a junk file; remove it to free."""
    junk = disk / f"junk-{time.monotonic_ns()}"
    with open(junk, "wb", buffering=0) as f:
        try:
            while shutil.disk_usage(disk).free > leave + 65536:
                f.write(b"\0" * 65536)
            if not leave:
                while True:
                    f.write(b"\0" * 4096)
        except OSError:
            pass
    return junk


def free_all(disk: Path) -> None:
    for junk in disk.glob("junk-*"):
        junk.unlink()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def assert_clean(root: Path) -> None:
    report = check_path(root)
    assert report.ok, [f.message for f in report.findings]
    pending = root / "vault" / ".pending"
    assert not pending.is_dir() or not list(pending.iterdir()), list(pending.iterdir())


def new_store(root: Path) -> str:
    with Store.open(root, create=True) as store:
        repos = Repositories(store)
        repos.operators.add("张三", "旗档案馆", "archivist")
        repos.operators.add("李娜", "旗档案馆", "reviewer", passphrase=PASSPHRASE)
        return repos.incidents.create(
            "2025年某旗7.1级地震", "natural", "I",
            datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
            number="EQ2025-01", org_code="YJB").id


def entries(root: Path) -> dict[str, str]:
    return {str(i): str(c) for i, c in sql(root, "SELECT id, content FROM log_entry")}


# -- a work-log entry --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_log_entry_on_a_full_disk(small_disk: Path, capsys: pytest.CaptureFixture[str],
                                    lang: str) -> None:
    root = small_disk / "store"
    incident = new_store(root)
    code, out, err = cli(capsys, "log", "add", "--store", str(root), "--incident", incident,
                         "--text", "到达现场。")
    assert code == 0, err
    earlier = entries(root)
    fill(small_disk)
    text = "群众转移到安置点，" * 3000  # about 80 KB: more than any free page SQLite keeps
    failures = []
    for _ in range(5):  # SQLite may still fit one into pages its WAL already holds
        code, out, err = cli(capsys, "--lang", lang, "log", "add", "--store", str(root),
                             "--incident", incident, "--text", text)
        if code != 0:
            failures.append(one_line(err))
            break
    assert failures, "the disk never filled up"
    if lang == "zh_CN":
        assert "所在磁盘已满，未作任何更改。请腾出空间后重试。" in failures[0]
    else:
        assert "is full; nothing was changed. Free some space and try again." in failures[0]
    assert_clean(root)
    free_all(small_disk)
    now = entries(root)
    assert {k: now[k] for k in earlier} == earlier  # the earlier entries, word for word
    code, out, err = cli(capsys, "log", "add", "--store", str(root), "--incident", incident,
                         "--text", "腾出空间后补记。")
    assert code == 0, err
    assert entries(root)[out.strip()] == "腾出空间后补记。"
    assert_clean(root)


# -- filing ------------------------------------------------------------------------------------

def test_filing_on_a_full_disk(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_disk / "store"
    incident = new_store(root)
    with Store.open(root) as store:
        repos = Repositories(store)
        start = datetime(2025, 7, 22, 8, tzinfo=CST)
        ids = add_items(repos, incident, [start + timedelta(minutes=n) for n in range(150)])
        repos.description.describe(ids[:50], {**DESCRIBED, "category": "photos-important"})
        repos.filing.file(incident, ids[:50])
        repos.description.describe(ids[50:], {**DESCRIBED, "category": "photos-important"})
    before = sql(root, "SELECT id, archival_code FROM item ORDER BY id")
    fill(small_disk)
    code, out, err = cli(capsys, "--lang", "zh_CN", "file", "--store", str(root),
                         "--incident", incident)
    assert code == 1, out
    assert "所在磁盘已满，未作任何更改。请腾出空间后重试。" in one_line(err)
    assert_clean(root)
    free_all(small_disk)
    assert sql(root, "SELECT id, archival_code FROM item ORDER BY id") == before
    assert_gap_free(root)
    code, out, err = cli(capsys, "file", "--store", str(root), "--incident", incident)
    assert code == 0, err
    assert "Filed 100 item(s)" in out
    groups = assert_gap_free(root)
    assert groups == {"Z109-ZP·2025-Y-YJB": list(range(1, 151))}
    assert_clean(root)


# -- import ------------------------------------------------------------------------------------

def _photos(folder: Path, how_many: int, seed: int = 5) -> list[Path]:
    """Noisy photos of about 700 KB each (noise does not compress)."""
    folder.mkdir()
    rng = np.random.default_rng(seed)
    paths = []
    for n in range(how_many):
        path = folder / f"IMG_{n:04d}.jpg"
        Image.fromarray(rng.integers(0, 256, (600, 800, 3), dtype=np.uint8)).save(
            path, quality=90)
        paths.append(path)
    return paths


def test_an_import_that_fills_the_disk(small_disk: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = small_disk / "store"
    incident = new_store(root)
    first = _photos(tmp_path / "first", 1, seed=6)
    code, out, err = cli(capsys, "import", "--store", str(root), "--incident", incident,
                         str(first[0]), "--json")
    assert code == 0, err
    [earlier] = json.loads(out)["imported"]
    card = _photos(tmp_path / "card", 8)  # about 3.7 MB on what is left of 5 MB
    code, out, err = cli(capsys, "--lang", "zh_CN", "import", "--store", str(root),
                         "--incident", incident, str(tmp_path / "card"))
    assert code == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    imported = [line for line in out.splitlines() if line.startswith("imported")]
    assert failed and imported, out
    for line in failed:
        assert "未保存：磁盘已满。" in line, line
    assert "个文件无法导入" in one_line(err) or "could not be imported" not in err
    assert_clean(root)
    with Store.open(root, readonly=True) as store:
        repos = Repositories(store)
        original = repos.items.get(earlier["id"]).file("original")
        assert original is not None
        with repos.items.open_file(original.vault_path) as fh:
            assert fh.read() == first[0].read_bytes()
    # Room again (a bigger disk): the same command stores the rest, the others are known.
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    code, out, err = cli(capsys, "import", "--store", str(root), "--incident", incident,
                         str(tmp_path / "card"), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert len(result["imported"]) == len(failed)
    assert len(result["duplicates"]) == len(imported)
    assert_clean(root)
    for path in card:  # every photo of the card, bit-identical
        with Store.open(root, readonly=True) as store:
            repos = Repositories(store)
            found = repos.items.find_original(incident, __import__("hashlib").sha256(
                path.read_bytes()).hexdigest())
            assert found is not None, path


# -- a microphone recording that fills the disk ------------------------------------------------

@pytest.mark.skipif(PULSE_PROBLEM is not None, reason=f"no PulseAudio: {PULSE_PROBLEM}")
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_recording_the_disk_fills_under(small_disk: Path, tmp_path: Path, lang: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = small_disk / "store"
    incident = new_store(root)
    args = ["capture", "audio", "--store", str(root), "--incident", incident,
            "--device", pulse.MIC_NAME, "--json"]
    player = pulse.play(pulse.write_tone(tmp_path / "tone.wav", seconds=300))
    try:
        done = subprocess.run([sys.executable, "-m", "app", *args, "--seconds", "1"],
                              cwd=REPO, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        earlier = json.loads(done.stdout)["item"]
        # 10 s of 48 kHz 16-bit sound is 960 KB, written and then copied: the disk has room
        # for it when it starts; another program then takes the space while it records.
        recording = subprocess.Popen([sys.executable, "-m", "app", "--lang", lang, *args,
                                      "--seconds", "10"], cwd=REPO, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        pending = root / "vault" / ".pending"
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("rec-") for p in pending.iterdir()):
            assert recording.poll() is None and time.monotonic() < deadline, \
                recording.communicate()
            time.sleep(0.05)
        fill(small_disk)
        out, err = recording.communicate(timeout=120)
    finally:
        pulse.stop_playing(player)
    assert recording.returncode == 1, (out, err)
    assert json.loads(out)["code"] == "disk-full"
    if lang == "zh_CN":
        assert one_line(err) == (f"fieldarchive: 档案库 {root} 所在磁盘已满，录制内容无法保存；"
                                 f"请腾出空间后重试。")
    else:
        assert one_line(err) == (f"fieldarchive: The disk holding the store {root} is full, so "
                                 f"the recording could not be kept; free some space and try "
                                 f"again.")
    assert_clean(root)
    with Store.open(root, readonly=True) as store:
        repos = Repositories(store)
        assert [i.id for i in repos.items.list(incident)] == [earlier["id"]]
        original = repos.items.get(earlier["id"]).file("original")
        assert original is not None and original.sha256 == earlier["files"][0]["sha256"]
    free_all(small_disk)
    code, out, err = cli(capsys, *args, "--seconds", "1")
    assert code == 0, err
    assert_clean(root)


# -- export and backup to a full carrier -------------------------------------------------------

@pytest.fixture
def filled_store(tmp_path: Path) -> tuple[Path, str]:
    """A store (on the ordinary disk) with about 6.5 MB of filed photos."""
    from tests.export_support import file_items, import_items

    root = tmp_path / "store"
    incident = new_store(root)
    with Store.open(root) as store:
        repos = Repositories(store)
        file_items(repos, import_items(repos, incident, _photos(tmp_path / "card", 14)))
    return root, incident


def test_an_export_to_a_full_carrier(filled_store: tuple[Path, str], small_disk: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    root, incident = filled_store
    states = sql(root, "SELECT id, state FROM item ORDER BY id")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code, out, err = cli(capsys, "--lang", "zh_CN", "export", "--store", str(root),
                         "--incident", incident, "--out", str(small_disk), "--reviewer", "李娜")
    assert code == 1, out
    assert one_line(err) == (f"fieldarchive: 目标磁盘 {small_disk} 已满；未完成的数据包已删除，"
                             f"未移交任何内容。请释放空间或选择更大的载体。")
    assert list(small_disk.iterdir()) == []
    assert sql(root, "SELECT id, state FROM item ORDER BY id") == states
    assert_clean(root)
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code, out, err = cli(capsys, "export", "--store", str(root), "--incident", incident,
                         "--out", str(small_disk), "--reviewer", "李娜")
    assert code == 0, err
    assert out.strip() == str(small_disk / "Z109-EQ2025-01-001")
    assert {s for (s,) in sql(root, "SELECT state FROM item")} == {"transferred"}
    assert_clean(root)


def test_a_backup_to_a_full_disk(filled_store: tuple[Path, str], small_disk: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    root, _incident = filled_store
    target = small_disk / "backup"
    code, out, err = cli(capsys, "--lang", "zh_CN", "backup", "--store", str(root), "--to",
                         str(target))
    assert code == 1, out
    line = one_line(err)
    assert f"{target} 所在的磁盘已满" in line and "将从中断处继续" in line, line
    assert_clean(root)
    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    code, out, err = cli(capsys, "backup", "--store", str(root), "--to", str(target))
    assert code == 0, err
    assert check_path(target).ok
    assert_clean(root)
