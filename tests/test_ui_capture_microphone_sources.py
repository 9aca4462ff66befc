"""The Microphone panel with a source that falls behind, and the meter after Stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.capture import microphone
from app.ui.capture.level_meter import FLOOR_DBFS
from app.ui.capture.microphone_panel import MicrophonePanel
from app.ui.services import UiServices
from tests import pulse
from tests.test_ui_capture_microphone import panel, services, tone  # noqa: F401 - fixtures

PULSE_PROBLEM = pulse.ensure() or pulse.add_sine_source("sinemic")
pytestmark = pytest.mark.skipif(PULSE_PROBLEM is not None,
                                reason=f"PulseAudio cannot run here: {PULSE_PROBLEM}")
WAIT_MS = 30_000


def test_the_meter_falls_to_zero_after_stop(qtbot, panel: MicrophonePanel,  # noqa: F811
                                            tone: Path) -> None:  # noqa: F811
    panel.record_button.click()
    qtbot.waitUntil(lambda: panel.meter.peak_dbfs > -12, timeout=WAIT_MS)
    panel.stop_button.click()
    assert panel.recorder is None
    assert panel.meter.peak_dbfs < FLOOR_DBFS and panel.meter.hold_dbfs < FLOOR_DBFS
    assert panel.level_label.text() == "−∞ dBFS"


def test_a_source_that_falls_behind_is_shown_at_once_and_the_real_length_is_stated(
        qtbot, panel: MicrophonePanel, services: UiServices,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Qt's small buffer and PulseAudio's large fragments: most of the sine source is lost.
    monkeypatch.setattr(microphone, "BUFFER_SECONDS", 0.05)
    monkeypatch.delenv("PULSE_LATENCY_MSEC")
    assert panel.device_combo.select("Sine source at 440 Hz")
    panel.record_button.click()
    assert panel.recorder is not None
    qtbot.waitUntil(lambda: panel.meter.short, timeout=WAIT_MS)
    assert "delivers too little sound" in panel.message_label.text()
    panel.stop_button.click()
    assert not panel.meter.short
    qtbot.waitUntil(lambda: "Recording stored" in panel.message_label.text(), timeout=WAIT_MS)
    text = panel.message_label.text()
    assert "s of sound for" in text and "the microphone delivered too little" in text
