"""Sources that are not FieldMic: PulseAudio's sine source records in full, and a source that
delivers too little is reported at once and never makes a take hang.

``module-sine-source`` makes mono float samples at 44.1 kHz (or 8 kHz) and hands them out in
blocks of about two seconds. Qt keeps only its buffer of unread sound (a quarter of a second
by default) and asked PulseAudio for large fragments, so most of each block was dropped: a
take of seconds held a tenth of one, and ``capture audio --seconds 3`` waited for sound that
never came. The recorder now gives Qt a buffer of seconds and asks for short fragments
(PULSE_LATENCY_MSEC); and it compares the sound received with the wall clock.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.capture import microphone
from app.capture.microphone import MicrophoneRecorder, find_input, run_until_done
from app.capture.sound_clock import END_MARGIN
from app.cli import main
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests import pulse
from tests.capture_media import dominant_frequency, read_wav

PULSE_PROBLEM = pulse.ensure() or pulse.add_sine_source("sinemic") or \
    pulse.add_sine_source("sine8k", frequency=300, rate=8000)
pytestmark = pytest.mark.skipif(PULSE_PROBLEM is not None,
                                reason=f"PulseAudio cannot run here: {PULSE_PROBLEM}")
GUARD_MS = 20_000  # a take that should last 3 s is stopped here instead of hanging the run


def record(name: str, seconds: float, wav: Path) -> microphone.MicResult:
    recorder = MicrophoneRecorder(find_input(name), wav, max_seconds=seconds)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(recorder.stop)
    guard.start(GUARD_MS)
    try:
        return run_until_done(recorder)
    finally:
        guard.stop()


@pytest.mark.parametrize(("name", "tone"), [("sinemic", 440), ("sine8k", 300)])
def test_a_sine_source_records_in_full(qapp, tmp_path: Path, name: str, tone: int) -> None:
    result = record(name, 3.0, tmp_path / "take.wav")
    assert result.seconds == pytest.approx(3.0)
    assert not result.truncated and not result.stopped_early and not result.fell_short
    samples, rate, _channels, _width = read_wav(tmp_path / "take.wav")
    assert rate == 48000 and len(samples) == 3 * 48000
    assert dominant_frequency(samples, rate) == pytest.approx(tone, abs=5)


def test_the_command_line_records_three_seconds_from_the_sine_source(
        qapp, store_path: Path, repos: Repositories, incident: IncidentRecord, capsys) -> None:
    code = main(["capture", "audio", "--store", str(store_path), "--incident", incident.id,
                 "--seconds", "3", "--device", "sinemic", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["seconds"] == pytest.approx(3.0) and result["truncated"] is False
    assert result["fell_short"] is False
    item = repos.items.get(result["item"]["id"])
    assert item.technical["duration"] == pytest.approx(3.0, abs=0.01)


@pytest.fixture
def starved(monkeypatch: pytest.MonkeyPatch) -> None:
    """The old way: Qt's small buffer and PulseAudio's large fragments lose most sound."""
    monkeypatch.setattr(microphone, "BUFFER_SECONDS", 0.05)
    monkeypatch.delenv("PULSE_LATENCY_MSEC")


def test_a_source_that_delivers_too_little_ends_at_its_length_plus_a_margin(
        qapp, starved: None, store_path: Path, incident: IncidentRecord, capsys) -> None:
    code = main(["capture", "audio", "--store", str(store_path), "--incident", incident.id,
                 "--seconds", "3", "--device", "sinemic", "--json"])
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert code == 0, err  # what arrived is stored, and said to be short
    assert result["truncated"] is True and result["fell_short"] is True
    assert result["seconds"] < 2.0
    # Ended by the clock (length + margin), not by the sound that never came.
    assert result["wall_seconds"] >= 3.0 + END_MARGIN
    assert "delivered only" in result["reason"]


def test_the_recorder_warns_while_the_source_falls_behind(
        qapp, qtbot, starved: None, tmp_path: Path) -> None:
    recorder = MicrophoneRecorder(find_input("sinemic"), tmp_path / "take.wav")
    with qtbot.waitSignal(recorder.shortfall, timeout=GUARD_MS) as caught:
        recorder.start()
    received, wall = caught.args
    assert wall - received > 2.0
    with qtbot.waitSignal(recorder.finished, timeout=GUARD_MS):
        recorder.stop()
    result = recorder.result
    assert result is not None and result.fell_short
    assert result.wall_seconds > result.seconds + 2.0
