"""The save dialog of the work log suggests a folder it will accept (issue 11, point 9): a
missing documents folder is made; where it cannot be, the home folder is suggested."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.store.records import IncidentRecord
from app.ui.log.render_dialog import RenderDialog
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import START

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh account: a home folder without Documents (and no user-dirs file)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


def render(qtbot, services: UiServices, incident: IncidentRecord) -> RenderDialog:
    services.repos.log.add(incident.id, "到达现场", occurred_at=START + timedelta(hours=1))
    dialog = RenderDialog(services, incident)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_missing_documents_folder_is_made_and_the_save_works(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        home: Path) -> None:
    dialog = render(qtbot, services, incident)
    suggested = Path(dialog.path_edit.text())
    assert suggested.parent == home / "Documents" and suggested.parent.is_dir()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert suggested.is_file() and not dialog.error.isVisible()


def test_where_documents_cannot_be_made_home_is_suggested(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        home: Path) -> None:
    (home / "Documents").write_text("a file in the way")
    dialog = render(qtbot, services, incident)
    assert Path(dialog.path_edit.text()).parent == home
    dialog.save()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert Path(dialog.path_edit.text()).is_file()
