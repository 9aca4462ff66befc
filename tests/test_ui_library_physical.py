"""A physical object's (实物) own fields in the window: the editor shows them on a tab of
their own for objects only, saves a change with its old and new value in the history, refuses
a value too long with nothing saved; the batch edit offers them when every item selected is
an object, and sets them on all at once."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from app.capture.physical import PhysicalObject, add_physical
from app.store.records import IncidentRecord
from app.ui.library.batch_edit import BatchEditDialog
from app.ui.library.item_editor import PHYSICAL_TAB
from app.ui.library.library_page import LibraryPage
from app.ui.services import UiServices
from tests import ui_log_support
from tests.library_support import add_photos
from tests.test_ui_library_edit import open_editor, wait_idle

services = ui_log_support.services  # a shared fixture


def helmet(services: UiServices, incident: IncidentRecord, n: int = 1) -> str:
    return add_physical(services.repos, incident.id, PhysicalObject(
        f"救援头盔{n}", "消防员佩戴的头盔", dimensions="30 × 25 × 20 cm",
        storage_location="库房A-3")).item.id


def test_the_editor_shows_and_saves_an_objects_own_fields(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    item_id = helmet(services, incident)
    dialog = open_editor(qtbot, services, item_id)
    f = dialog.fields
    assert dialog.tabs.isTabVisible(PHYSICAL_TAB) and not dialog.tabs.isTabVisible(1)
    assert dialog.tabs.tabText(PHYSICAL_TAB) == "Physical object"
    assert f.value("dimensions") == "30 × 25 × 20 cm" and f.value("storage_location") == "库房A-3"
    assert dialog.labels["label_number"].text() == "Label number (标签号)"
    f.set_value("condition", "表面有划痕")
    f.set_value("label_number", "SW-0042")
    dialog._edited()
    assert dialog.changes() == {"condition": "表面有划痕", "label_number": "SW-0042"}
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.save()
    item = services.repos.library.detail(item_id).item
    assert (item.condition, item.label_number, item.storage_location) == (
        "表面有划痕", "SW-0042", "库房A-3")
    again = open_editor(qtbot, services, item_id)
    history = again.history.toPlainText()
    assert "label_number: — → SW-0042" in history
    wait_idle(qtbot, services)


def test_a_label_too_long_is_refused_in_the_dialog_and_a_photo_has_no_object_tab(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    item_id = helmet(services, incident)
    dialog = open_editor(qtbot, services, item_id)
    dialog.fields.set_value("label_number", "L" * 101)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "at most 100 fit" in dialog.error.text() and dialog.isVisible()
    assert services.repos.library.detail(item_id).item.label_number == ""
    photo = add_photos(services.repos, incident.id, 1)[0]
    photo_editor = open_editor(qtbot, services, photo)
    assert not photo_editor.tabs.isTabVisible(PHYSICAL_TAB)
    wait_idle(qtbot, services)


def select_all(page: LibraryPage) -> None:
    last = page.model.rowCount() - 1
    page.selection.select(
        QItemSelection(page.model.index(0, 0), page.model.index(last, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_the_batch_edit_sets_object_fields_only_when_every_item_is_an_object(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    ids = [helmet(services, incident, n) for n in (1, 2)]
    services.selection.set(incident)
    page = LibraryPage(services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.loading)
    select_all(page)
    page.edit_selected()
    batch = page.dialog
    assert isinstance(batch, BatchEditDialog)
    assert batch.checks["storage_location"].text() == "Storage location (存放位置)"
    assert batch.fields.widgets["storage_location"].isVisible()
    assert "caption:cause" not in batch.checks  # a photo's caption is no object's
    batch.fields.set_value("storage_location", "库房B-1")
    batch.checks["storage_location"].setChecked(True)
    with qtbot.waitSignal(batch.saved, timeout=30_000):
        batch.save()
    assert [services.repos.library.detail(i).item.storage_location for i in ids] == [
        "库房B-1", "库房B-1"]
    # With a photo among them, the object's fields are not offered.
    add_photos(services.repos, incident.id, 1)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.model.loading)
    select_all(page)
    page.edit_selected()
    mixed = page.dialog
    assert isinstance(mixed, BatchEditDialog) and "storage_location" not in mixed.checks
    assert not mixed.fields.widgets["storage_location"].isVisible()
    mixed.reject()
    wait_idle(qtbot, services)
