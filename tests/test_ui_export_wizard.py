"""The export wizard driven end to end with qtbot on a real store: scope, pre-flight,
approval with the reviewer's passphrase, the export in the worker, the history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from app.export.verify import verify_package
from app.store.records import IncidentRecord
from app.ui.export.export_page import ExportPage
from app.ui.services import UiServices
from tests import ui_log_support
from tests.export_support import JPEGS, file_items, import_items
from tests.ui_log_support import REVIEWER_PASSPHRASE

services = ui_log_support.services  # a shared fixture
people = ui_log_support.people


def test_the_wizard_exports_a_package_that_verifies(qtbot, services: UiServices,
                                                    people: dict[str, str],
                                                    incident: IncidentRecord,
                                                    tmp_path: Path) -> None:
    repos = services.repos
    codes = file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    file_items(repos, import_items(repos, incident.id, JPEGS[2:3]), classification="secret",
               retention="D30")
    services.selection.set(incident)
    page = ExportPage(services)
    qtbot.addWidget(page)
    wizard = page.open_wizard()
    assert wizard is not None
    out = tmp_path / "carrier"
    out.mkdir()
    wizard.scope.target.setText(str(out))
    wizard.scope.carrier_number.setText("HD-01")
    wizard.next()
    assert wizard.currentPage() is wizard.check
    qtbot.waitUntil(lambda: wizard.check.report is not None, timeout=30000)
    assert wizard.check.isComplete()
    tree = wizard.check.tree
    assert tree.topLevelItemCount() == 4  # the four properties
    assert "1 item(s) classified 秘密 or higher are left out" in wizard.check.summary.text()
    wizard.next()
    assert wizard.currentPage() is wizard.history  # what history goes with the items
    assert wizard.history.events
    wizard.next()
    assert wizard.currentPage() is wizard.approval
    assert wizard.approval.reviewer.currentData() == people["reviewer"]
    wizard.approval.passphrase.setText(REVIEWER_PASSPHRASE)
    wizard.next()
    assert wizard.currentPage() is wizard.running
    qtbot.waitUntil(lambda: wizard.running.result is not None
                    or "passphrase" in wizard.running.status.text().lower(), timeout=60000)
    result = wizard.running.result
    assert result is not None, wizard.running.status.text()
    [path] = result.paths
    assert verify_package(path, decode=False).passed
    assert sorted(p.name for p in (path / "data" / "Z109" / "ZP").iterdir()) == sorted(codes)
    assert result.batch.fingerprint in wizard.running.status.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.accept()
    assert page.history.topLevelItemCount() == 1
    assert page.history.topLevelItem(0).text(2) == "2"


def test_blocking_findings_keep_the_wizard_on_preflight(qtbot, services: UiServices,
                                                        people: dict[str, str],
                                                        incident: IncidentRecord,
                                                        tmp_path: Path) -> None:
    import_items(services.repos, incident.id, JPEGS[:1])  # imported, never filed
    services.selection.set(incident)
    page = ExportPage(services)
    qtbot.addWidget(page)
    wizard = page.open_wizard()
    assert wizard is not None
    wizard.scope.target.setText(str(tmp_path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check.report is not None, timeout=30000)
    assert not wizard.check.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "required" in wizard.check.summary.text()
    wizard.reject()
