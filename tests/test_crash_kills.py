"""The standing crash proof: the real program SIGKILLed at seeded random moments of its
work (import, camera capture, microphone capture, work-log entry, batch describe, filing,
export), then the store opened as the next start opens it and checked.

After every kill: recovery at that start leaves the pending area empty and says what it
removed; `check` finds nothing; everything the killed run had reported stored is there,
bit-identical to its source; an interrupted batch describe or filing is all or nothing
(filing without a 件号 gap); an interrupted export leaves no finished-looking package and
nothing marked transferred (or, killed between rename and marking, a whole package that the
next export recognises). ``pytest -s`` prints the tally; see ``tests/crash_support.py`` for
the environment variables that scale and repeat a run.
"""

from __future__ import annotations

import json
import re
import shutil
import wave
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.store.repositories import Repositories
from app.store.store import Store
from tests import crash_support as cs
from tests import pulse
from tests.capture_media import make_video
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_store_support import sql

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                       reason="the kill moment is read from /proc (Linux)"),
    # A dozen or more runs of the program each: on a machine shared with other work one
    # operation may take longer than the suite's 300 s for a single test.
    pytest.mark.timeout(900),
]

# Before the fork server starts (it keeps the environment it started with): the private
# PulseAudio with its microphone, FieldMic.
PULSE_PROBLEM = pulse.ensure()
CST = timezone(timedelta(hours=8))
SAMPLES = Path(__file__).parent / "data" / "camera-samples" / "jpg"


@pytest.fixture(scope="module", autouse=True)
def _print_tally() -> Iterator[None]:
    yield
    print("\n" + cs.tally_text())


def _new_store(root: Path) -> tuple[Path, str]:
    with Store.open(root, create=True) as store:
        Repositories(store).operators.add("张三", "旗档案馆", "archivist")
        incident = Repositories(store).incidents.create(
            "2025年某旗7.1级地震", "natural", "I",
            datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
            number="EQ2025-01", place="内蒙古某旗", org_code="YJB").id
    return root, incident


def _new_incident(root: Path, n: int) -> str:
    with Store.open(root) as store:
        return Repositories(store).incidents.create(
            f"山洪 {n}", "natural", "III", datetime(2025, 7, 1, 8, tzinfo=CST), "Z109",
            number=f"FL-{n}", org_code="YJB").id


# -- import ------------------------------------------------------------------------------------

def _import_sources(folder: Path) -> Path:
    """About 1 MB: real camera photos, generated photos, a PNG and a WAV."""
    folder.mkdir()
    for name in ("Canon_40D.jpg", "Nikon_D70.jpg", "Fujifilm_FinePix_E500.jpg"):
        shutil.copy(SAMPLES / name, folder / name)
    rng = np.random.default_rng(20251202)
    for n in range(8):
        pixels = rng.integers(0, 256, (24, 32, 3), dtype=np.uint8)
        Image.fromarray(pixels).resize((480, 360)).save(folder / f"IMG_{n:04d}.jpg",
                                                       quality=85)
    Image.fromarray(rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)).save(folder / "map.png")
    tone = (np.sin(np.arange(48000) / 48000 * 2 * np.pi * 440) * 8000).astype("<i2")
    with wave.open(str(folder / "take.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes(tone.tobytes())
    return folder


IMPORTED = re.compile(r"^imported +(.+) -> (" + cs.ID.pattern + r") \(", re.M)


def test_kills_during_import(tmp_path: Path) -> None:
    root, first = _new_store(tmp_path / "store")
    sources = _import_sources(tmp_path / "card")
    digests = {str(p): cs.sha256_of(p) for p in sources.iterdir()}

    def argv(incident: str) -> list[str]:
        return ["import", "--store", str(root), "--incident", incident, str(sources)]

    window, done = cs.calibrate(argv(first), root, tmp_path / "calibration")
    assert len(IMPORTED.findall(done.run.stdout())) == len(digests)
    count = cs.TALLY.setdefault("import", cs.Count())

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        return cs.run_once(argv(_new_incident(root, n)), root, tmp_path / f"run{n}",
                           executable=executable, kill_after=delay)

    def after(outcome: cs.Outcome) -> None:
        cs.next_start(root, count)
        for path, item_id in IMPORTED.findall(outcome.run.stdout()):
            assert cs.stored_sha256(root, item_id) == digests[path], (path, item_id)
            count.reported += 1

    cs.kill_loop("import", cs.kills_for(20), window, make_run, after)
    cs.cli_check_clean(root)


# -- work-log entries --------------------------------------------------------------------------

def test_kills_during_log_entry(tmp_path: Path) -> None:
    root, incident = _new_store(tmp_path / "store")

    def argv(n: int) -> list[str]:
        return ["log", "add", "--store", str(root), "--incident", incident, "--text",
                f"第{n}条：到达现场，开始拍摄。", "--category", "capture"]

    window, _ = cs.calibrate(argv(0), root, tmp_path / "calibration")
    count = cs.TALLY.setdefault("log entry", cs.Count())
    reported: dict[str, int] = {}

    def entries() -> dict[str, str]:
        return {str(i): str(c) for i, c in sql(root, "SELECT id, content FROM log_entry")}

    before = len(entries())

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        return cs.run_once(argv(n), root, tmp_path / f"run{n}", executable=executable,
                           kill_after=delay)

    def after(outcome: cs.Outcome) -> None:
        nonlocal before
        cs.next_start(root, count)
        printed = cs.ID.findall(outcome.run.stdout())
        for entry_id in printed:
            reported[entry_id] = int(outcome.run.out.parent.name[3:])
        now = entries()
        assert len(now) in (before, before + 1), (before, len(now))
        if printed:
            assert len(now) == before + 1
        for entry_id, n in reported.items():  # every entry ever reported, word for word
            assert now.get(entry_id) == f"第{n}条：到达现场，开始拍摄。", entry_id
        count.reported += len(printed)
        before = len(now)

    cs.kill_loop("log entry", cs.kills_for(16), window, make_run, after)
    cs.cli_check_clean(root)


# -- batch describe ----------------------------------------------------------------------------

def test_kills_during_batch_describe(tmp_path: Path) -> None:
    root, incident = _new_store(tmp_path / "store")
    with Store.open(root) as store:
        ids = add_items(Repositories(store), incident,
                        [datetime(2025, 7, 22, 8, tzinfo=CST) + timedelta(minutes=n)
                         for n in range(100)])

    def argv(n: int) -> list[str]:
        return ["describe", "--store", str(root), *ids, "--place", f"兴和县第{n}安置点",
                "--people", f"第{n}组消防救援人员"]

    def places() -> set[str | None]:
        return {p for (p,) in sql(root, "SELECT place FROM item")}  # type: ignore[misc]

    window, _ = cs.calibrate(argv(0), root, tmp_path / "calibration")
    count = cs.TALLY.setdefault("describe", cs.Count())
    current = "兴和县第0安置点"

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        return cs.run_once(argv(n), root, tmp_path / f"run{n}", executable=executable,
                           kill_after=delay)

    def after(outcome: cs.Outcome) -> None:
        nonlocal current
        cs.next_start(root, count)
        n = int(outcome.run.out.parent.name[3:])
        now = places()
        assert now in ({current}, {f"兴和县第{n}安置点"}), sorted(map(str, now))[:3]
        if "Described 100 item(s)" in outcome.run.stdout():
            assert now == {f"兴和县第{n}安置点"}
            count.reported += len(ids)
        current = now.pop() or ""

    cs.kill_loop("describe", cs.kills_for(12), window, make_run, after)
    cs.cli_check_clean(root)


# -- filing ------------------------------------------------------------------------------------

def _fileable(root: Path, incident: str, n: int, how_many: int) -> None:
    start = datetime(2024, 12, 28, 8, tzinfo=CST)  # across a year's end: several groups
    with Store.open(root) as store:
        repos = Repositories(store)
        ids = add_items(repos, incident, [start + timedelta(hours=5 * k + n)
                                          for k in range(how_many)], tag=f"r{n}-")
        repos.description.describe(ids[0::2], {**DESCRIBED, "category": "photos-important"})
        repos.description.describe(ids[1::2], {**DESCRIBED, "category": "photos-general"})


def _filed(root: Path, incident: str) -> tuple[int, int]:
    with Store.open(root, readonly=True) as store:
        rows = Repositories(store).item_status.status(incident)
    return sum(1 for r in rows if r.archival_code), len(rows)


def test_kills_during_filing(tmp_path: Path) -> None:
    root, incident = _new_store(tmp_path / "store")
    _fileable(root, incident, 0, 60)
    argv = ["file", "--store", str(root), "--incident", incident]
    window, _ = cs.calibrate(argv, root, tmp_path / "calibration")
    count = cs.TALLY.setdefault("filing", cs.Count())

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        _fileable(root, incident, n, 30)
        return cs.run_once(argv, root, tmp_path / f"run{n}", executable=executable,
                           kill_after=delay)

    before = _filed(root, incident)[0]

    def after(outcome: cs.Outcome) -> None:
        nonlocal before
        cs.next_start(root, count)
        filed, total = _filed(root, incident)
        assert filed in (before, total), (before, filed, total)  # all of the run or none
        assert_gap_free(root)
        said = re.search(r"^Filed (\d+) item", outcome.run.stdout(), re.M)
        if said:
            assert filed == total
            count.reported += int(said.group(1))
        before = filed

    cs.kill_loop("filing", cs.kills_for(12), window, make_run, after)
    # What the killed runs left unfiled is filed gap-free by the next one.
    with Store.open(root) as store:
        Repositories(store).filing.file(incident)
    filed, total = _filed(root, incident)
    assert filed == total
    assert_gap_free(root)
    cs.cli_check_clean(root)


# -- camera capture ----------------------------------------------------------------------------

PHOTO_LINE = re.compile(r"^(" + cs.ID.pattern + r")  (\S+)  (\d+)x(\d+)$", re.M)


def test_kills_during_camera_capture(tmp_path: Path) -> None:
    root, incident = _new_store(tmp_path / "store")
    clip = make_video(tmp_path / "camera.mp4", seconds=4, width=640, height=480)
    argv = ["capture", "photo", "--store", str(root), "--incident", incident, "--source",
            str(clip), "--count", "10", "--interval", "0.15"]
    window, done = cs.calibrate(argv, root, tmp_path / "calibration")
    assert len(PHOTO_LINE.findall(done.run.stdout())) == 10
    count = cs.TALLY.setdefault("camera", cs.Count())

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        return cs.run_once(argv, root, tmp_path / f"run{n}", executable=executable,
                           kill_after=delay)

    def after(outcome: cs.Outcome) -> None:
        cs.next_start(root, count)
        for item_id, name, width, height in PHOTO_LINE.findall(outcome.run.stdout()):
            with Store.open(root, readonly=True) as store:
                repos = Repositories(store)
                original = repos.items.get(item_id).file("original")
                assert original is not None and original.original_name == name
                with repos.items.open_file(original.vault_path) as fh, Image.open(fh) as im:
                    assert im.size == (int(width), int(height))
            count.reported += 1

    cs.kill_loop("camera", cs.kills_for(14), window, make_run, after)
    cs.cli_check_clean(root)


# -- microphone capture ------------------------------------------------------------------------

@pytest.mark.skipif(PULSE_PROBLEM is not None, reason=f"no PulseAudio: {PULSE_PROBLEM}")
def test_kills_during_microphone_capture(tmp_path: Path) -> None:
    root, incident = _new_store(tmp_path / "store")
    argv = ["capture", "audio", "--store", str(root), "--incident", incident, "--seconds",
            "1.5", "--device", pulse.MIC_NAME]
    player = pulse.play(pulse.write_tone(tmp_path / "tone.wav", seconds=900))
    try:
        window, done = cs.calibrate(argv, root, tmp_path / "calibration")
        assert cs.ID.match(done.run.stdout()), done.run.stdout()
        count = cs.TALLY.setdefault("microphone", cs.Count())

        def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
            return cs.run_once(argv, root, tmp_path / f"run{n}", executable=executable,
                               kill_after=delay)

        def after(outcome: cs.Outcome) -> None:
            cs.next_start(root, count)
            for item_id in cs.ID.findall(outcome.run.stdout()):
                with Store.open(root, readonly=True) as store:
                    item = Repositories(store).items.get(item_id)
                assert item.kind == "audio" and item.file("original") is not None
                count.reported += 1

        cs.kill_loop("microphone", cs.kills_for(14), window, make_run, after)
    finally:
        pulse.stop_playing(player)
    cs.cli_check_clean(root)


# -- export ------------------------------------------------------------------------------------

PASSPHRASE = "passphrase-1"


def _filed_photos(root: Path, incident: str, folder: Path, n: int, how_many: int = 1) -> None:
    from tests.export_support import file_items, import_items

    folder.mkdir()
    rng = np.random.default_rng(n)
    paths = []
    for k in range(how_many):
        path = folder / f"DSC_{n:03d}_{k}.jpg"
        Image.fromarray(rng.integers(0, 256, (24, 32, 3), dtype=np.uint8)).resize(
            (640, 480)).save(path, quality=85)
        paths.append(path)
    with Store.open(root) as store:
        repos = Repositories(store)
        file_items(repos, import_items(repos, incident, paths))


def _finished_looking(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


def test_kills_during_export(tmp_path: Path) -> None:
    from app.export.verify import verify_package

    root, incident = _new_store(tmp_path / "store")
    with Store.open(root) as store:
        Repositories(store).operators.add("李娜", "旗档案馆", "reviewer", passphrase=PASSPHRASE)
    out = tmp_path / "carrier"
    out.mkdir()
    _filed_photos(root, incident, tmp_path / "photos0", 0, how_many=3)
    argv = ["export", "--store", str(root), "--incident", incident, "--out", str(out),
            "--reviewer", "李娜"]
    window, done = cs.calibrate(argv, root, tmp_path / "calibration", PASSPHRASE + "\n")
    assert done.run.stdout().strip() == str(out / "Z109-EQ2025-01-001")
    count = cs.TALLY.setdefault("export", cs.Count())

    def transferred() -> int:
        return int(sql(root, "SELECT count(*) FROM item WHERE state = 'transferred'")[0][0])

    def done_batches() -> set[str]:
        rows = sql(root, "SELECT paths FROM transfer_batch WHERE status = 'done'")
        return {Path(p).name for (paths,) in rows for p in json.loads(paths)}

    def make_run(n: int, executable: bool, delay: float) -> cs.Outcome:
        _filed_photos(root, incident, tmp_path / f"photos{n}", n)
        return cs.run_once(argv, root, tmp_path / f"run{n}", executable=executable,
                           kill_after=delay, stdin_text=PASSPHRASE + "\n")

    def writing_batches() -> set[str]:
        rows = sql(root, "SELECT paths FROM transfer_batch WHERE status = 'writing'")
        return {Path(p).name for (paths,) in rows for p in json.loads(paths)}

    def after(outcome: cs.Outcome) -> None:
        hidden = [p for p in out.iterdir() if p.name.startswith(".")]
        reopened = cs.next_start(root, count)
        # The start clears a killed export's hidden partial package, and says so.
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        for partial in hidden:
            assert str(partial) in reopened.said, (partial, reopened.said)
        reported = {Path(line).name for line in outcome.run.stdout().splitlines()
                    if line.startswith(str(out))}
        finished, marked = _finished_looking(out), done_batches()
        # Marked transferred: only whole packages on the carrier, and every one reported.
        assert reported <= marked <= finished, (reported, marked, finished)
        for name in reported:
            assert verify_package(out / name, decode=False).passed, name
        count.reported += len(reported)
        # A package not marked: killed between its rename and the marking. It must be whole,
        # and its batch still open, so the next export finds it and marks its items.
        for name in finished - marked:
            assert name in writing_batches(), name
            assert verify_package(out / name, decode=False).passed, name
        assert transferred() == int(sql(root, "SELECT coalesce(sum(item_count), 0) FROM "
                                              "transfer_batch WHERE status = 'done'")[0][0])

    cs.kill_loop("export", cs.kills_for(12), window, make_run, after)
    # One more, killed the moment its package gets its final name: before or while its items
    # are marked. Whatever it got to, the store and the carrier agree, or the next export
    # brings them to agree.
    _filed_photos(root, incident, tmp_path / "photos-renamed", 998)
    before = _finished_looking(out)
    renamed = cs.run_once(argv, root, tmp_path / "renamed", executable=False, kill_after=None,
                          stdin_text=PASSPHRASE + "\n",
                          kill_when=lambda: _finished_looking(out) != before)
    assert renamed.killed, renamed.run.stderr()
    count.kills += 1
    after(renamed)
    left_unmarked = _finished_looking(out) - done_batches()
    # The next export settles what the kills left: packages found finished are marked, the
    # killed runs' hidden partial packages are gone, every item is transferred.
    _filed_photos(root, incident, tmp_path / "photos-last", 999)
    last = cs.run_once(argv, root, tmp_path / "last", executable=True, kill_after=None,
                       stdin_text=PASSPHRASE + "\n")
    assert last.code == 0, last.run.stderr()
    for name in left_unmarked:
        assert re.search(r"^Reconciled batch \d+: its package was found finished",
                         last.run.stdout(), re.M), (name, last.run.stdout())
    assert int(sql(root, "SELECT count(*) FROM item WHERE state != 'transferred'")[0][0]) == 0
    assert done_batches() == _finished_looking(out)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    cs.cli_check_clean(root)
