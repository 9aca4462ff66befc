"""Video recording: a generated file as the camera, FieldMic (real PulseAudio) for sound."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import av
import numpy as np
import pytest

from app.capture.camera import CameraSession
from app.capture.video import AudioSpec, VideoRecorder, record
from app.cli import main
from app.export import formats
from app.export.decode_judge import OK, judge
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests import pulse
from tests.capture_media import decode_audio, dominant_frequency, make_video

# Start PulseAudio at collection, before any test makes Qt look for audio devices.
PULSE_PROBLEM = pulse.ensure()


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return make_video(tmp_path / "camera.mp4", seconds=5.0, width=640, height=360)


@pytest.fixture
def tone(tmp_path: Path) -> Iterator[None]:
    if PULSE_PROBLEM:
        pytest.skip(f"no PulseAudio: {PULSE_PROBLEM}")
    player = pulse.play(pulse.write_tone(tmp_path / "tone.wav", seconds=30))
    yield
    pulse.stop_playing(player)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def streams(path: Path) -> dict[str, dict[str, object]]:
    with av.open(str(path)) as c:
        found: dict[str, dict[str, object]] = {"container": {"duration": c.duration / 1e6}}
        for s in c.streams:
            found[s.type] = {"codec": s.codec_context.name,
                             "duration": float(s.duration * s.time_base) if s.duration else None}
            if s.type == "video":
                found["video"].update(pix_fmt=s.codec_context.pix_fmt,
                                      size=(s.codec_context.width, s.codec_context.height))
        decoded = sum(1 for _ in c.decode(video=0))
        found["video"]["decoded"] = decoded
    return found


def stored_original(repos: Repositories, item_id: str, tmp_path: Path) -> Path:
    item = repos.items.get(item_id)
    original = item.file("original")
    assert original is not None
    target = tmp_path / f"out-{item_id}.mp4"
    repos.store.vault.copy_out(original.vault_path, target)
    return target


def test_video_is_h264_mp4_of_the_asked_length(
    store_path: Path, repos: Repositories, incident: IncidentRecord, clip: Path, tmp_path: Path,
    capsys,
) -> None:
    code, out, err = cli(capsys, "capture", "video", "--store", str(store_path), "--incident",
                         incident.id, "--source", str(clip), "--seconds", "2", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["truncated"] is False
    item = repos.items.get(result["item"]["id"])
    assert (item.kind, item.category) == ("video", "LX")
    assert {f.role for f in item.files} == {"original", "poster", "thumbnail"}
    info = streams(stored_original(repos, item.id, tmp_path))
    assert "audio" not in info
    assert info["video"]["codec"] == "h264" and info["video"]["pix_fmt"] == "yuv420p"
    assert info["video"]["size"] == (640, 360)
    assert 1.8 <= float(info["container"]["duration"]) <= 2.2  # type: ignore[arg-type]
    assert 40 <= int(info["video"]["decoded"]) <= 55  # type: ignore[call-overload]
    assert item.technical["video_codec"] == "h264"
    assert not list(repos.store.vault.pending.glob("rec-*"))
    assert check_store(repos.store).ok


def test_video_with_sound_has_aac_of_the_same_length_carrying_the_tone(
    qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, clip: Path,
    tmp_path: Path, tone: None, capsys,
) -> None:
    code, out, err = cli(capsys, "capture", "video", "--store", str(store_path), "--incident",
                         incident.id, "--source", str(clip), "--seconds", "3",
                         "--audio-device", pulse.MIC_NAME, "--json")
    assert code == 0, err
    result = json.loads(out)
    item = repos.items.get(result["item"]["id"])
    assert item.technical["capture"]["audio_device"] == pulse.MIC_NAME
    path = stored_original(repos, item.id, tmp_path)
    info = streams(path)
    assert info["video"]["codec"] == "h264" and info["audio"]["codec"] == "aac"
    video_len = float(info["video"]["duration"])  # type: ignore[arg-type]
    audio_len = float(info["audio"]["duration"])  # type: ignore[arg-type]
    assert 2.7 <= video_len <= 3.3
    assert abs(audio_len - video_len) <= 0.3 * video_len, (audio_len, video_len)
    samples, rate = decode_audio(path)
    assert rate == 48000
    assert abs(dominant_frequency(samples[rate // 2:], rate) - 1000) < 20


def test_a_camera_that_ends_early_keeps_a_valid_shorter_video(
    store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path, capsys
) -> None:
    short = make_video(tmp_path / "unplugged.mp4", seconds=1.5)
    code, out, err = cli(capsys, "capture", "video", "--store", str(store_path), "--incident",
                         incident.id, "--source", str(short), "--seconds", "5")
    assert code == 0, err
    assert "recording cut short" in err and "unplugged.mp4 ended" in err
    item_id = out.split()[0]
    item = repos.items.get(item_id)
    assert item.technical["capture"]["truncated"] is True
    assert "unplugged.mp4 ended" in item.technical["capture"]["truncation_reason"]
    info = streams(stored_original(repos, item.id, tmp_path))
    assert 1.3 <= float(info["container"]["duration"]) <= 1.7  # type: ignore[arg-type]
    assert info["video"]["decoded"] == 37 or 35 <= int(info["video"]["decoded"]) <= 38  # type: ignore[call-overload]


def test_missing_microphone_is_named_with_the_ones_available(
    qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, clip: Path, capsys
) -> None:
    if PULSE_PROBLEM:
        pytest.skip(f"no PulseAudio: {PULSE_PROBLEM}")
    code, _, err = cli(capsys, "capture", "video", "--store", str(store_path), "--incident",
                       incident.id, "--source", str(clip), "--seconds", "2",
                       "--audio-device", "No Such Mic")
    assert code == 1
    assert "There is no microphone named 'No Such Mic'" in err and "'FieldMic'" in err
    assert repos.items.count(incident.id) == 0
    assert not list(repos.store.vault.pending.glob("rec-*"))


def test_odd_sized_pictures_are_recorded(tmp_path: Path) -> None:
    odd = make_video(tmp_path / "odd.mp4", seconds=0.6, width=322, height=242)
    # Crop to an odd size the way a strange camera might deliver it.
    target = tmp_path / "rec.mp4"
    with CameraSession(odd, pace=False) as session:
        recorder = VideoRecorder(target, 321, 241, session.fps)
        for frame in session.frames():
            recorder.add_frame(frame.image[:241, :321], frame.t)
        recorder.finish()
    info = streams(target)
    assert info["video"]["size"] == (320, 240) and info["video"]["decoded"] == 15


def test_timestamps_follow_the_real_frame_times(tmp_path: Path) -> None:
    """A camera that stalls makes a longer frame, not a faster film."""
    target = tmp_path / "vfr.mp4"
    recorder = VideoRecorder(target, 64, 48, fps=10)
    image = np.zeros((48, 64, 3), np.uint8)
    for t in (100.0, 100.1, 100.2, 101.2, 101.3):  # one second without pictures
        recorder.add_frame(image, t)
    recorder.finish()
    with av.open(str(target)) as c:
        times = [round(float(f.time), 2) for f in c.decode(video=0)]
    assert times == [0.0, 0.1, 0.2, 1.2, 1.3]


def test_sound_is_lined_up_with_the_first_picture(tmp_path: Path) -> None:
    target = tmp_path / "av.mp4"
    spec = AudioSpec()
    recorder = VideoRecorder(target, 64, 48, fps=10, audio=spec)
    image = np.zeros((48, 64, 3), np.uint8)
    # Sound began 0.5 s after the first picture: it must start 0.5 s into the film.
    # Three seconds of tone for a two-second film: the end must be cut off.
    tone = (0.5 * np.sin(2 * np.pi * 1000 * np.arange(3 * 48000) / 48000) * 32767).astype("<i2")
    recorder.add_frame(image, 10.0)
    recorder.add_audio(tone.tobytes(), arrived=13.5)
    for i in range(1, 20):
        recorder.add_frame(image, 10.0 + i / 10)
    recorder.finish()
    samples, rate = decode_audio(target)
    loud = np.flatnonzero(np.abs(samples) > 0.25)
    assert abs(loud[0] / rate - 0.5) < 0.05
    assert abs(len(samples) / rate - 2.0) < 0.1  # no sound past the last picture


def test_record_loop_reports_a_source_that_ended(tmp_path: Path) -> None:
    short = make_video(tmp_path / "s.mp4", seconds=0.4)
    with CameraSession(short) as session:
        recorder = VideoRecorder(tmp_path / "r.mp4", session.width, session.height, session.fps)
        outcome = record(session, recorder, seconds=3)
        recorder.finish()
    assert outcome.truncated and str(outcome.reason) == "the video file s.mp4 ended"
    assert outcome.frames == 10 and outcome.poster is not None


def test_ctrl_c_stops_the_video_early_and_keeps_it(
    store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path
) -> None:
    long_clip = make_video(tmp_path / "long.mp4", seconds=30, width=160, height=120)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "capture", "video", "--store", str(store_path),
         "--incident", incident.id, "--source", str(long_clip), "--seconds", "25", "--json"],
        cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if list(repos.store.vault.pending.glob("rec-*.mp4.part")):
            break  # recording has begun
        time.sleep(0.1)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    result = json.loads(out)
    assert result["stopped_early"] is True and result["truncated"] is False
    assert 0.5 < result["seconds"] < 25
    info = streams(stored_original(repos, result["item"]["id"], tmp_path))
    assert int(info["video"]["decoded"]) > 10  # type: ignore[call-overload]


def top_level_boxes(path: Path) -> list[str]:
    data = path.read_bytes()
    at, found = 0, []
    while at + 8 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        found.append(data[at + 4:at + 8].decode("latin-1"))
        if length < 8:
            break
        at += length
    return found


def seconds_decodable(path: Path) -> float:
    """How far into the film the pictures decode (0 if nothing does)."""
    last = 0.0
    try:
        with av.open(str(path)) as c:
            for frame in c.decode(video=0):
                last = float(frame.time) if frame.time is not None else last
    except av.FFmpegError:
        pass
    return last


def test_a_finished_recording_is_a_whole_fragmented_mp4(tmp_path: Path) -> None:
    """Index first, then fragments, then the random-access index: nothing flags it damaged,
    and any cut of it still plays up to the cut (less the fragment it falls in)."""
    from app.capture.damage import damage
    from app.capture.sniff import identify

    source = make_video(tmp_path / "cam.mp4", seconds=6, width=320, height=240)
    target = tmp_path / "rec.mp4"
    recorder = VideoRecorder(target, 320, 240, fps=25)
    with av.open(str(source)) as c:
        for i, frame in enumerate(c.decode(video=0)):
            recorder.add_frame(frame.to_ndarray(format="bgr24"), 50.0 + i / 25)
    recorder.finish()
    boxes = top_level_boxes(target)
    assert boxes[:3] == ["ftyp", "moov", "moof"] and boxes[-1] == "mfra"
    assert boxes.count("moof") >= 5  # about one a second
    assert damage(target, "video/mp4") == []
    found = identify(target)
    assert found is not None and found.mime == "video/mp4"
    # What an export's verify does with it: the same format, and first and last frames decode.
    assert formats.sniff(target.read_bytes()[:64]) == "video/mp4" in formats.WHITELIST
    verdict = judge("video/mp4", lambda: open(target, "rb"))
    assert verdict.verdict == OK and verdict.ok, verdict
    info = streams(target)
    assert 5.9 <= float(info["container"]["duration"]) <= 6.1  # type: ignore[arg-type]
    assert info["video"]["decoded"] == 150
    with av.open(str(target)) as c:
        keyframes = [float(p.pts * p.time_base) for p in c.demux(video=0)
                     if p.is_keyframe and p.pts is not None]
    assert keyframes[0] == 0.0 and max(b - a for a, b in pairwise(keyframes)) <= 2.01
    data = target.read_bytes()
    for share in (0.3, 0.5, 0.8):
        cut = tmp_path / f"cut-{share}.mp4"
        cut.write_bytes(data[: int(len(data) * share)])
        assert seconds_decodable(cut) >= 6 * share - 1.5, share


def test_a_recording_killed_midway_plays_up_to_the_kill(
    store_path: Path, store, incident: IncidentRecord, tmp_path: Path
) -> None:
    """Power lost mid-take: the kept MP4 holds its fragments, so it plays (and imports)
    up to about a second before the kill instead of being an index-less heap of frames."""
    from app.cli.common import report_recovery
    from app.store.store import Store

    root = Path(__file__).resolve().parents[1]
    long_clip = make_video(tmp_path / "long.mp4", seconds=30, width=320, height=240)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "capture", "video", "--store", str(store_path),
         "--incident", incident.id, "--source", str(long_clip), "--seconds", "25"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if list(store.vault.pending.glob("rec-*.mp4.part")):
            break  # the recorder has opened its file
        time.sleep(0.05)
    recorded_for = 4.0
    time.sleep(recorded_for)
    assert proc.poll() is None, proc.communicate()[1]
    proc.kill()
    proc.communicate(timeout=30)
    store.close()

    with Store.open(store_path) as reopened, contextlib.redirect_stderr(io.StringIO()):
        report_recovery(reopened)
        kept = list(reopened.kept_recordings)
    assert len(kept) == 1 and kept[0].parent == store_path / "recovered"
    assert kept[0].suffix == ".mp4"
    playable = seconds_decodable(kept[0])
    print(f"killed after {recorded_for} s of recording: {playable:.2f} s decodable")
    assert playable >= recorded_for - 2.0, playable

    done = subprocess.run(
        [sys.executable, "-m", "app", "import", "--store", str(store_path), "--incident",
         incident.id, "--json", str(kept[0])],
        cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Store.open(store_path, readonly=True) as again:
        repos = Repositories(again)
        videos = [i for i in repos.items.list(incident.id) if i.kind == "video"]
        assert len(videos) == 1
        assert float(videos[0].technical["duration"]) >= recorded_for - 2.0
        copy = stored_original(repos, videos[0].id, tmp_path)
    assert seconds_decodable(copy) >= recorded_for - 2.0
