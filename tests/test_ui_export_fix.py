"""The wizard's pre-flight page opens the item behind a failure in the metadata editor and
checks again after the save; its history page chooses which earlier values go out as
digests; the desktop program's decode pass keeps verdicts for pre-flight."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.export.verify import verify_package
from app.store.models import Item
from app.store.records import IncidentRecord
from app.ui.decode_pass import DecodePass
from app.ui.export.export_page import ExportPage
from app.ui.export.wizard import ExportWizard
from app.ui.services import UiServices
from tests import ui_log_support
from tests.export_support import JPEGS, file_items, import_items
from tests.ui_log_support import REVIEWER_PASSPHRASE

services = ui_log_support.services  # a shared fixture
people = ui_log_support.people

CAPTION = "事由：地震救援；地点：某镇安置点；摄影者：张三"


def _without_caption(services: UiServices, item_id: str) -> None:
    # A filed photo whose 文字说明 was lost (as a hand-edited store would have it).
    with services.store.writer() as s:
        item = s.get(Item, item_id)
        assert item is not None
        item.description = ""


def _wizard(qtbot, services: UiServices, incident: IncidentRecord,
            tmp_path: Path) -> tuple[ExportPage, ExportWizard]:
    services.selection.set(incident)
    page = ExportPage(services)
    qtbot.addWidget(page)
    wizard = page.open_wizard()
    assert wizard is not None
    out = tmp_path / "carrier"
    out.mkdir(exist_ok=True)
    wizard.scope.target.setText(str(out))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check.report is not None, timeout=60_000)
    return page, wizard


def test_a_missing_field_is_fixed_through_its_button_and_the_failure_goes(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        tmp_path: Path) -> None:
    repos = services.repos
    ids = import_items(repos, incident.id, JPEGS[:2])
    codes = file_items(repos, ids)
    _without_caption(services, ids[0])
    _page, wizard = _wizard(qtbot, services, incident, tmp_path)
    page = wizard.check
    [failure] = page.report.failed("required-fields")  # type: ignore[union-attr]
    assert failure.subject == codes[0] and "文字说明" in failure.text()
    assert not page.isComplete()
    [button] = page.fix_buttons[ids[0]]
    assert isinstance(button, QPushButton) and button.isVisible()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by keyboard

    button.click()
    editor = page.editor
    assert editor is not None and editor.item_id == ids[0]
    qtbot.waitUntil(lambda: editor.data is not None, timeout=20_000)
    editor.fields.set_value("description", CAPTION)
    old_report = page.report
    editor.save()
    qtbot.waitUntil(lambda: page.report is not None and page.report is not old_report,
                    timeout=60_000)
    assert not page.report.failed("required-fields")  # type: ignore[union-attr]
    assert page.isComplete()
    assert repos.items.get(ids[0]).description == CAPTION
    assert repos.items.get(ids[0]).state == "filed"


def test_the_history_page_sends_earlier_values_as_digests(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        tmp_path: Path) -> None:
    repos = services.repos
    [item_id] = import_items(repos, incident.id, JPEGS[:1])
    repos.description.describe([item_id], {"title": "不应离开电脑的旧题名"})
    file_items(repos, [item_id])
    _page, wizard = _wizard(qtbot, services, incident, tmp_path)
    assert wizard.check.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.history
    rows = {str(r.data(0, Qt.ItemDataRole.UserRole)): r for r in wizard.history.rows}
    assert "title" in rows and rows["title"].text(1) == "1"
    rows["title"].setCheckState(0, Qt.CheckState.Checked)
    wizard.next()
    assert wizard.export_options.redact_old_values == ("title",)
    wizard.approval.passphrase.setText(REVIEWER_PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.running.result is not None
                    or "passphrase" in wizard.running.status.text().lower(), timeout=90_000)
    result = wizard.running.result
    assert result is not None, wizard.running.status.text()
    [bag] = result.paths
    assert verify_package(bag, decode=False).passed
    data = b"".join(p.read_bytes() for p in bag.rglob("*") if p.is_file())
    assert "不应离开电脑的旧题名".encode() not in data


def test_the_background_decode_pass_keeps_verdicts(qtbot, services: UiServices,
                                                   incident: IncidentRecord) -> None:
    import_items(services.repos, incident.id, JPEGS[:2])
    label = DecodePass(services)
    qtbot.addWidget(label)
    label.timer.stop()
    assert label.run() is not None
    qtbot.waitUntil(lambda: not label.running, timeout=60_000)
    assert label.last_report is not None and label.last_report.judged == 2
    assert services.repos.decode_verdicts.pending_count() == 0
