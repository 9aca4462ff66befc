"""The microphone through the real Qt Multimedia path, fed by a real PulseAudio server.

A 1 kHz tone is played into the null sink ``fieldsink``; the remapped source FieldMic hears
it. Qt records from FieldMic as from any microphone.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.capture.audio_edit import mp3_access_copy, trim_wav
from app.capture.microphone import (
    MicrophoneError,
    MicrophoneRecorder,
    find_input,
    input_devices,
    run_until_done,
)
from app.cli import main
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests import pulse
from tests.capture_media import decode_audio, dominant_frequency, read_wav

# Start PulseAudio at collection, before any test makes Qt look for audio devices.
PULSE_PROBLEM = pulse.ensure()
pytestmark = pytest.mark.skipif(PULSE_PROBLEM is not None,
                                reason=f"PulseAudio cannot run here: {PULSE_PROBLEM}")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def tone(tmp_path: Path) -> Iterator[Path]:
    path = pulse.write_tone(tmp_path / "tone.wav", seconds=30)
    player = pulse.play(path)
    yield path
    pulse.stop_playing(player)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored_copy(repos: Repositories, item_id: str, role: str, target: Path) -> Path:
    f = repos.items.get(item_id).file(role)
    assert f is not None, role
    repos.store.vault.copy_out(f.vault_path, target)
    return target


def test_fieldmic_is_listed(qapp) -> None:
    names = [d.description for d in input_devices()]
    assert pulse.MIC_NAME in names


def test_recording_stores_a_48k_wav_of_the_asked_length_with_the_tone(
    qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path,
    tone: Path, capsys,
) -> None:
    code, out, err = cli(capsys, "capture", "audio", "--store", str(store_path), "--incident",
                         incident.id, "--seconds", "3", "--device", pulse.MIC_NAME, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["truncated"] is False and result["batch_id"] is None
    item = repos.items.get(result["item"]["id"])
    assert (item.kind, item.category, item.source_channel) == ("audio", "LY", "self")
    assert [f.role for f in item.files] == ["original"]
    samples, rate, channels, width = read_wav(stored_copy(repos, item.id, "original",
                                                          tmp_path / "master.wav"))
    assert (rate, channels, width) == (48000, 1, 2)
    assert abs(len(samples) / rate - 3.0) <= 0.3
    assert abs(dominant_frequency(samples, rate) - 1000) < 5
    assert item.technical["sample_rate"] == 48000 and item.technical["bit_depth"] == 16
    assert -8 < item.technical["peak_dbfs"] < -4  # the tone plays at half scale (-6 dBFS)
    assert not list(repos.store.vault.pending.glob("rec-*"))
    assert check_store(repos.store).ok


def test_oral_history_goes_into_an_oral_batch_with_an_mp3_access_copy(
    qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path,
    tone: Path, capsys,
) -> None:
    code, out, err = cli(capsys, "capture", "audio", "--store", str(store_path), "--incident",
                         incident.id, "--seconds", "2", "--device", "fieldmic", "--mp3",
                         "--narrator", "乌云其木格", "--interviewer", "李明", "--unit", "档案馆",
                         "--consent", "SQ-2025-017", "--json")
    assert code == 0, err
    result = json.loads(out)
    item = repos.items.get(result["item"]["id"])
    assert item.source_channel == "oral" and item.batch_id == result["batch_id"]
    assert item.creator == "乌云其木格"
    created = [e for e in repos.audit.list(incident_id=incident.id)
               if e.event_type == "batch.create" and e.object_id == item.batch_id]
    assert len(created) == 1
    assert created[0].detail == {"source_channel": "oral", "narrator": "乌云其木格",
                                 "interviewer": "李明", "unit": "档案馆",
                                 "consent": "SQ-2025-017"}
    assert [e.event_type for e in repos.audit.list(item_id=item.id)][-1] == "item.capture"
    original, access = item.file("original"), item.file("access")
    assert original is not None and access is not None
    assert access.format == "audio/mpeg" and access.derived_from == original.id
    samples, rate = decode_audio(stored_copy(repos, item.id, "access", tmp_path / "a.mp3"))
    assert rate == 48000 and abs(len(samples) / rate - 2.0) < 0.2
    assert abs(dominant_frequency(samples, rate) - 1000) < 5


def test_oral_options_need_a_narrator(
    store_path: Path, repos: Repositories, incident: IncidentRecord, capsys
) -> None:
    code, _, err = cli(capsys, "capture", "audio", "--store", str(store_path), "--incident",
                       incident.id, "--seconds", "2", "--interviewer", "李明")
    assert code == 1 and "narrator" in err and "--narrator" in err
    assert repos.items.count(incident.id) == 0


def test_a_missing_microphone_names_the_available_ones(
    qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, capsys
) -> None:
    code, out, err = cli(capsys, "capture", "audio", "--store", str(store_path), "--incident",
                         incident.id, "--seconds", "2", "--device", "Zoom H5", "--json")
    assert code == 1
    message = json.loads(out)["error"]
    assert message.startswith("There is no microphone named 'Zoom H5'; available: ")
    assert "'FieldMic'" in message
    assert len(err.strip().splitlines()) == 1
    assert repos.items.count(incident.id) == 0
    assert not list(repos.store.vault.pending.glob("rec-*"))


def test_devices_lists_microphones(qapp, capsys) -> None:
    code, out, _ = cli(capsys, "capture", "devices", "--json")
    assert code == 0
    assert pulse.MIC_NAME in [m["name"] for m in json.loads(out)["microphones"]]


def test_recorder_reports_levels_pause_and_resume(qapp, qtbot, tmp_path: Path,
                                                  tone: Path) -> None:
    wav = tmp_path / "take.wav"
    recorder = MicrophoneRecorder(find_input(pulse.MIC_NAME), wav, max_seconds=2.0)
    states: list[str] = []
    peaks: list[float] = []
    recorder.stateChanged.connect(states.append)
    recorder.level.connect(lambda peak, rms: peaks.append(peak))
    recorder.start()
    qtbot.waitUntil(lambda: recorder.seconds > 0.5, timeout=10_000)
    recorder.pause()
    held = recorder.seconds
    qtbot.wait(700)
    assert recorder.seconds == held  # nothing is taken while paused
    recorder.resume()
    with qtbot.waitSignal(recorder.finished, timeout=15_000) as done:
        pass
    result = done.args[0]
    assert states == ["recording", "paused", "recording", "stopped"]
    assert result.frames == 96000 and not result.truncated and not result.stopped_early
    assert peaks and -8 < max(peaks) < -4
    samples, rate, _, _ = read_wav(wav)
    assert len(samples) == 96000


def test_stop_keeps_what_was_recorded(qapp, qtbot, tmp_path: Path, tone: Path) -> None:
    wav = tmp_path / "take.wav"
    recorder = MicrophoneRecorder(find_input(pulse.MIC_NAME), wav, channels=2, bits=24)
    recorder.start()
    qtbot.waitUntil(lambda: recorder.seconds > 1.0, timeout=10_000)
    recorder.stop()
    assert recorder.result is not None and not recorder.result.truncated
    assert not recorder.result.stopped_early  # no length was set: stopping is the normal end
    samples, rate, channels, width = read_wav(wav)
    assert (rate, channels, width) == (48000, 2, 3)
    assert len(samples) == recorder.result.frames
    assert abs(dominant_frequency(samples, rate) - 1000) < 5


def test_run_until_done_stops_when_asked(qapp, tmp_path: Path, tone: Path) -> None:
    recorder = MicrophoneRecorder(find_input(pulse.MIC_NAME), tmp_path / "t.wav",
                                  max_seconds=60)
    result = run_until_done(recorder, should_stop=lambda: recorder.seconds > 0.5)
    assert result.stopped_early and 0.5 < result.seconds < 1.0
    samples, rate, _, _ = read_wav(tmp_path / "t.wav")
    assert len(samples) == result.frames


def test_find_input_errors(qapp) -> None:
    with pytest.raises(MicrophoneError, match="available: .*'FieldMic'"):
        find_input("nothing like this")
    assert find_input("fieldMIC").description() == pulse.MIC_NAME


def test_a_microphone_unplugged_mid_recording_keeps_what_was_recorded(
    store_path: Path, store: Store, incident: IncidentRecord, tmp_path: Path
) -> None:
    """The real program, against a private PulseAudio whose only microphone is pulled."""
    with pulse.PrivateServer(tmp_path / "pulse") as server:
        env = {**os.environ, **server.env}
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "capture", "audio", "--store", str(store_path),
             "--incident", incident.id, "--seconds", "20", "--device", server.mic_name,
             "--json"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        pending = store.vault.pending
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            parts = list(pending.glob("rec-*.wav.part"))
            if parts and parts[0].stat().st_size > 48000 * 2:  # a second of sound is in
                break
            time.sleep(0.1)
        server.unplug()
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    result = json.loads(out)
    assert result["truncated"] is True
    assert "stopped giving sound" in result["reason"]
    assert 1.0 <= result["seconds"] < 10
    assert "cut short" not in out  # the warning is for people, on stderr, not in the JSON
    repos = Repositories(store)
    item = repos.items.get(result["item"]["id"])
    assert item.technical["capture"]["truncated"] is True
    samples, rate, _, _ = read_wav(stored_copy(repos, item.id, "original", tmp_path / "m.wav"))
    assert abs(len(samples) / rate - result["seconds"]) < 0.01
    assert not list(store.vault.pending.glob("rec-*"))


def test_trim_gives_the_asked_length(tmp_path: Path) -> None:
    source = pulse.write_tone(tmp_path / "long.wav", seconds=5, channels=2)
    length = trim_wav(source, tmp_path / "cut.wav", start=1.25, end=3.75)
    samples, rate, channels, _ = read_wav(tmp_path / "cut.wav")
    assert length == 2.5 and len(samples) == 120000 and channels == 2
    assert trim_wav(source, tmp_path / "tail.wav", start=4.0) == 1.0


def test_mp3_access_copy_decodes_to_the_same_length(tmp_path: Path) -> None:
    source = pulse.write_tone(tmp_path / "tone.wav", seconds=3)
    mp3_access_copy(source, tmp_path / "tone.mp3")
    samples, rate = decode_audio(tmp_path / "tone.mp3")
    assert rate == 48000 and abs(len(samples) / rate - 3.0) < 0.1
    assert abs(dominant_frequency(samples, rate) - 1000) < 5


def test_ctrl_c_stops_early_and_keeps_the_recording(
    store_path: Path, store: Store, incident: IncidentRecord, tmp_path: Path, tone: Path
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "capture", "audio", "--store", str(store_path),
         "--incident", incident.id, "--seconds", "30", "--device", pulse.MIC_NAME, "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        parts = list(store.vault.pending.glob("rec-*.wav.part"))
        if parts and parts[0].stat().st_size > 48000 * 2:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    result = json.loads(out)
    assert result["stopped_early"] is True and result["truncated"] is False
    assert 1.0 <= result["seconds"] < 30
    item = Repositories(store).items.get(result["item"]["id"])
    assert item.technical["capture"]["stopped_early"] is True


def test_a_recording_killed_midway_is_kept_aside_for_import(
    store_path: Path, store: Store, incident: IncidentRecord, tmp_path: Path, tone: Path
) -> None:
    """Power lost mid-recording: the sound up to then exists nowhere else, so the next
    start keeps it (outside the vault) and says where, instead of deleting it."""
    from app.cli.common import report_recovery

    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "capture", "audio", "--store", str(store_path),
         "--incident", incident.id, "--seconds", "30", "--device", pulse.MIC_NAME],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        parts = list(store.vault.pending.glob("rec-*.wav.part"))
        if parts and parts[0].stat().st_size > 48000 * 2 * 2:  # two seconds of sound
            break
        time.sleep(0.1)
    proc.kill()
    proc.communicate(timeout=30)
    store.close()

    said = io.StringIO()
    with Store.open(store_path) as reopened, contextlib.redirect_stderr(said):
        report_recovery(reopened)
        kept = list(reopened.kept_recordings)
        assert len(reopened.unfinished) == 1  # still named among what was unfinished
    assert not list(store.vault.pending.glob("rec-*"))
    assert len(kept) == 1 and kept[0].parent == store_path / "recovered"
    assert kept[0].name.startswith("recording-") and kept[0].suffix == ".wav"
    assert str(kept[0].parent) in said.getvalue() and kept[0].name in said.getvalue()

    # What it holds is the tone, and an import stores it (with the damaged header noted).
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", "--store", str(store_path), "--incident",
         incident.id, "--json", str(kept[0])],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Store.open(store_path, readonly=True) as again:
        repos = Repositories(again)
        audio = [i for i in repos.items.list(incident.id) if i.kind == "audio"]
        assert len(audio) == 1
        copy = tmp_path / "kept.wav"
        original = audio[0].file("original")
        assert original is not None
        again.vault.copy_out(original.vault_path, copy)
    samples, rate = decode_audio(copy)
    assert len(samples) / rate >= 2.0
    assert abs(dominant_frequency(samples, rate) - 1000) < 5
