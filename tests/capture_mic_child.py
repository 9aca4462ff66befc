"""Run the Microphone panel in a process of its own (for a test that pulls the microphone).

    python -m tests.capture_mic_child STORE INCIDENT MICROPHONE

Records from MICROPHONE; prints "recording" once a second of sound is in, then waits for
the panel to store what it has and prints one JSON line: the panel's message, the item and
the recorded seconds. Run it with PULSE_SERVER pointing at a private PulseAudio server.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.store.store import Store
from app.ui.capture.microphone_panel import MicrophonePanel
from app.ui.i18n import Translations
from app.ui.main import application
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.01)
    return True


def main(store_path: Path, incident: str, microphone: str) -> int:
    application()
    store = Store.open(store_path)
    settings = UiSettings(QSettings(str(store_path.parent / "child-ui.ini"),
                                    QSettings.Format.IniFormat))
    services = UiServices.for_store(store, settings,
                                    Translations(store_path.parent / "child-cache"), Jobs())
    services.selection.set(services.repos.incidents.get(incident))
    panel = MicrophonePanel(services)
    panel.show()
    if not panel.device_combo.select(microphone):
        print(json.dumps({"error": f"no microphone {microphone}"}), flush=True)
        return 1
    panel.record()
    if not wait_until(lambda: panel.recorder is not None and panel.recorder.seconds > 1.0, 30):
        print(json.dumps({"error": panel.message_label.text()}), flush=True)
        return 1
    print("recording", flush=True)
    stored = wait_until(lambda: panel.recent.rowCount() == 1 and panel.storing == 0, 60)
    services.jobs.wait()
    print(json.dumps({
        "stored": stored,
        "message": panel.message_label.text(),
        "item": panel.recent.item_ids()[0] if stored else None,
        "state": panel.state,
    }), flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
