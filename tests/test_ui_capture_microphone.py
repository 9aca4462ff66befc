"""The Microphone panel recording from a real PulseAudio microphone (FieldMic, fed a tone
through the null sink; see tests/pulse.py): meter, pause/resume, oral-history batch, MP3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.capture.microphone_panel import MicrophonePanel
from app.ui.i18n import Translations
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs
from tests import pulse
from tests.capture_media import decode_audio, dominant_frequency, read_wav

PULSE_PROBLEM = pulse.ensure()  # before Qt first looks for audio devices
pytestmark = pytest.mark.skipif(PULSE_PROBLEM is not None,
                                reason=f"PulseAudio cannot run here: {PULSE_PROBLEM}")
WAIT_MS = 30_000
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object,
             incident: IncidentRecord) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    services = UiServices.for_store(store, settings, translations, jobs)
    services.repos.operators.add("张档案", "自治区档案馆", "archivist", make_default=True)
    services.selection.set(services.repos.incidents.get(incident.id))
    yield services
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def panel(qtbot, services: UiServices) -> Iterator[MicrophonePanel]:
    widget = MicrophonePanel(services)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.device_combo.select(pulse.MIC_NAME)
    yield widget
    widget.shutdown()


@pytest.fixture
def tone(tmp_path: Path) -> Iterator[Path]:
    path = pulse.write_tone(tmp_path / "tone.wav", seconds=30)
    player = pulse.play(path)
    yield path
    pulse.stop_playing(player)


def stored_copy(services: UiServices, item_id: str, role: str, target: Path) -> Path:
    f = services.repos.items.get(item_id).file(role)
    assert f is not None, role
    services.store.vault.copy_out(f.vault_path, target)
    return target


def test_oral_history_interview_with_a_moving_meter_pause_and_mp3(
        qtbot, panel: MicrophonePanel, tone: Path, services: UiServices, store: Store,
        incident: IncidentRecord, tmp_path: Path) -> None:
    form = panel.provenance
    form.set_channel("oral")
    assert form.edits["narrator"].isVisible()
    panel.record_button.click()
    assert panel.recorder is None and "Narrator" in panel.message_label.text()

    form.edits["narrator"].setText("乌云其木格")
    form.edits["interviewer"].setText("李明")
    form.edits["unit"].setText("自治区档案馆")
    form.edits["consent"].setText("SQ-2025-017")
    panel.mp3_check.setChecked(True)
    panel.record_button.click()
    assert panel.state == "recording"
    assert panel.state_label.text() == "● Recording"
    assert not panel.record_button.isEnabled() and not form.isEnabled()
    # The tone plays at half scale (-6 dBFS): the meter rises well above silence.
    qtbot.waitUntil(lambda: panel.meter.peak_dbfs > -12, timeout=WAIT_MS)
    assert panel.level_label.text() in {"-6 dBFS", "-7 dBFS", "-5 dBFS"}
    qtbot.waitUntil(lambda: panel.recorder is not None and panel.recorder.seconds >= 1.5,
                    timeout=WAIT_MS)
    panel.pause_button.click()
    assert panel.state == "paused" and panel.pause_button.text() == "Resu&me"
    paused_at = panel.recorder.seconds if panel.recorder else 0.0
    qtbot.wait(700)
    assert panel.recorder is not None and panel.recorder.seconds == paused_at
    panel.pause_button.click()
    assert panel.state == "recording"
    qtbot.waitUntil(lambda: panel.recorder is not None and panel.recorder.seconds >= 2.5,
                    timeout=WAIT_MS)
    assert panel.elapsed_label.text() == "0:00:02"
    panel.stop_button.click()
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 1 and panel.storing == 0,
                    timeout=WAIT_MS)

    assert panel.message_label.text().startswith("Recording stored: REC_")
    item = services.repos.items.get(panel.recent.item_ids()[0])
    assert (item.kind, item.category, item.source_channel) == ("audio", "LY", "oral")
    assert item.creator == "乌云其木格"
    assert services.last_item.item_id == item.id
    batch = [e for e in services.repos.audit.list(incident_id=incident.id)
             if e.event_type == "batch.create" and e.object_id == item.batch_id]
    assert batch[0].detail == {"source_channel": "oral", "narrator": "乌云其木格",
                               "interviewer": "李明", "unit": "自治区档案馆",
                               "consent": "SQ-2025-017"}
    samples, rate, channels, width = read_wav(
        stored_copy(services, item.id, "original", tmp_path / "m.wav"))
    assert (rate, channels, width) == (48000, 1, 2)
    assert 2.4 <= len(samples) / rate <= 3.5  # the pause is not in the take
    assert abs(dominant_frequency(samples[:, 0], rate) - 1000) < 5
    mp3, mp3_rate = decode_audio(stored_copy(services, item.id, "access", tmp_path / "a.mp3"))
    assert mp3_rate == 48000 and abs(len(mp3) / rate - len(samples) / rate) < 0.2
    assert not list(store.vault.pending.glob("rec-*"))
    assert check_store(store).ok


def test_a_plain_recording_is_created_on_site(
        qtbot, panel: MicrophonePanel, tone: Path, services: UiServices) -> None:
    assert panel.provenance.channel == "self"
    assert not panel.provenance.edits["narrator"].isVisible()
    panel.record_button.click()
    qtbot.waitUntil(lambda: panel.recorder is not None and panel.recorder.seconds >= 1.0,
                    timeout=WAIT_MS)
    panel.stop_button.click()
    qtbot.waitUntil(lambda: panel.recent.rowCount() == 1 and panel.storing == 0,
                    timeout=WAIT_MS)
    item = services.repos.items.get(panel.recent.item_ids()[0])
    assert item.source_channel == "self" and item.batch_id is None
    assert item.creator == "张档案"
    assert [f.role for f in item.files] == ["original"]


def test_recording_needs_an_incident(qtbot, panel: MicrophonePanel,
                                     services: UiServices) -> None:
    services.selection.set(None)
    assert not panel.record_button.isEnabled()
    assert panel.record() is None
    assert "incident" in panel.message_label.text()


def test_a_microphone_pulled_mid_interview_keeps_and_stores_what_was_recorded(
        store_path: Path, store: Store, incident: IncidentRecord, tmp_path: Path) -> None:
    """The panel in its own process, on a private PulseAudio whose only microphone is
    pulled out one second into the take."""
    with pulse.PrivateServer(tmp_path / "pulse") as server:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.capture_mic_child", str(store_path), incident.id,
             server.mic_name],
            cwd=ROOT, env={**os.environ, **server.env, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        assert first == "recording", first + child.stderr.read()
        server.unplug()
        out, err = child.communicate(timeout=90)
    assert child.returncode == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["stored"] is True and result["state"] == "idle"
    assert "stopped giving sound" in result["message"]
    assert "what was recorded is kept" in result["message"]
    item = Repositories(store).items.get(result["item"])
    capture = item.technical["capture"]
    assert capture["truncated"] is True and "GoneMic" in capture["truncation_reason"]
    assert 1.0 <= float(item.technical["duration"]) < 10
    assert not list(store.vault.pending.glob("rec-*"))
    assert check_store(store).ok
