"""A full disk during capture: a clear message, nothing stored touched, nothing half-written.

The store lives on a real 5 MB tmpfs (mounting needs root; skipped otherwise), filled up to
a little free space before each capture.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.capture.microphone import MicrophoneRecorder, find_input
from app.cli import main
from app.store.errors import DiskFull
from app.store.integrity import check_store
from app.store.repositories import Repositories
from app.store.store import Store
from tests import pulse
from tests.capture_media import make_video

PULSE_PROBLEM = pulse.ensure()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a small tmpfs needs root to mount (mount -t tmpfs -o size=5m)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def full_store(small_disk: Path, tmp_path: Path, capsys) -> Iterator[tuple[Path, str, str]]:
    """(store path, incident id, id of a photo stored before the disk filled up)."""
    root = small_disk / "store"
    with Store.open(root, create=True) as store:
        incident = Repositories(store).incidents.create(
            "山洪", "natural", "II", __import__("datetime").datetime.now().astimezone(), "Z109",
            number="FL-1").id
    clip = make_video(tmp_path / "small.mp4", seconds=0.4, width=160, height=120)
    assert main(["capture", "photo", "--store", str(root), "--incident", incident,
                 "--source", str(clip), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["items"][0]["id"]
    yield root, incident, first


def fill(disk: Path, leave: int) -> None:
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    with open(disk / "filler", "wb") as f:
        f.write(b"\0" * max(free - leave, 0))


def assert_nothing_half_done(root: Path, incident: str, first: str, items: int = 1) -> None:
    with Store.open(root) as store:
        repos = Repositories(store)
        assert repos.items.count(incident) == items
        assert repos.items.get(first).kind == "photo"
        report = check_store(store)
        assert report.ok, [f.message for f in report.findings]
        pending = store.vault.pending
        assert not [p.name for p in pending.iterdir()], "leftovers in the pending area"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_photo_on_a_full_disk(full_store: tuple[Path, str, str], small_disk: Path,
                              tmp_path: Path, capsys) -> None:
    root, incident, first = full_store
    noise = make_video(tmp_path / "noise.mp4", seconds=0.2, width=1920, height=1080, noise=True)
    fill(small_disk, leave=200_000)
    code, out, err = run(capsys, "capture", "photo", "--store", str(root), "--incident",
                         incident, "--source", str(noise))
    assert code == 1
    assert err.strip().splitlines() == [err.strip()]
    assert "is full; free some space and try again" in err
    assert_nothing_half_done(root, incident, first)


def test_video_on_a_full_disk(full_store: tuple[Path, str, str], small_disk: Path,
                              tmp_path: Path, capsys) -> None:
    root, incident, first = full_store
    noise = make_video(tmp_path / "noise.mp4", seconds=3, width=640, height=480, noise=True)
    fill(small_disk, leave=400_000)
    code, out, err = run(capsys, "capture", "video", "--store", str(root), "--incident",
                         incident, "--source", str(noise), "--seconds", "3")
    assert code == 1
    assert err.strip() == (f"fieldarchive: The disk holding the store {root} is full, so the "
                           f"recording could not be kept; free some space and try again.")
    assert_nothing_half_done(root, incident, first)


@pytest.mark.skipif(PULSE_PROBLEM is not None, reason=f"no PulseAudio: {PULSE_PROBLEM}")
def test_audio_that_cannot_fit_is_refused_before_recording(
    qapp, full_store: tuple[Path, str, str], small_disk: Path, capsys
) -> None:
    root, incident, first = full_store
    fill(small_disk, leave=500_000)
    code, out, err = run(capsys, "capture", "audio", "--store", str(root), "--incident",
                         incident, "--seconds", "10", "--device", pulse.MIC_NAME, "--json")
    assert code == 1
    result = json.loads(out)
    assert result["code"] == "disk-full"
    assert "needs about 2.0 MB" in result["error"] and "free some space" in result["error"]
    assert_nothing_half_done(root, incident, first)


@pytest.mark.skipif(PULSE_PROBLEM is not None, reason=f"no PulseAudio: {PULSE_PROBLEM}")
def test_microphone_recording_that_fills_the_disk_leaves_no_file(
    qapp, qtbot, small_disk: Path, tmp_path: Path
) -> None:
    fill(small_disk, leave=64_000)
    wav = small_disk / "take.wav"
    recorder = MicrophoneRecorder(find_input(pulse.MIC_NAME), wav, max_seconds=5)
    player = pulse.play(pulse.write_tone(tmp_path / "tone.wav", seconds=30))
    try:
        with qtbot.waitSignal(recorder.failed, timeout=20_000) as failed:
            recorder.start()
    finally:
        pulse.stop_playing(player)
    assert "is full; free some space and try again" in str(failed.args[0])
    assert isinstance(recorder.error, DiskFull)
    assert recorder.state == "stopped" and not wav.exists()
