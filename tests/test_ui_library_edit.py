"""Describing in the window, on a real store with real imported photos: the one-item editor
(live completeness, the six caption elements, history), batch edit of a selection in one
call, bad input shown in the dialog with nothing saved, and appraisal and filing actions."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel

from app.store.records import IncidentRecord
from app.ui.library.batch_edit import BatchEditDialog
from app.ui.library.item_editor import ItemEditorDialog
from app.ui.library.library_page import LibraryPage
from app.ui.services import UiServices
from tests import ui_log_support
from tests.library_support import add_photos, import_samples

services = ui_log_support.services  # a shared fixture


def wait_idle(qtbot, services: UiServices) -> None:
    qtbot.waitUntil(lambda: services.jobs.running == 0, timeout=20_000)


def canon(services: UiServices, incident: IncidentRecord) -> str:
    report = import_samples(services.repos, incident.id)
    return next(i.item_id for i in report.imported if i.path.name == "Canon_40D.jpg")


def open_editor(qtbot, services: UiServices, item_id: str) -> ItemEditorDialog:
    dialog = ItemEditorDialog(services, item_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.open()
    return dialog


def test_the_editor_describes_a_photo_and_shows_what_it_lacks_live(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    item_id = canon(services, incident)
    dialog = open_editor(qtbot, services, item_id)
    f = dialog.fields
    # What the import knew is shown; technical fields and the raw EXIF are read-only.
    assert f.value("title") == "Canon_40D"
    assert f.value("date").startswith("2008-05-30T15:56")
    assert dialog.technical.isReadOnly() and "Canon EOS 40D" in dialog.technical.toPlainText()
    assert "Retention period" in dialog.lacks_label.text()
    # The six elements are prompted from what the item knows, and taken over on request.
    assert f.value("caption:time") == ""
    assert f.widgets["caption:time"].placeholderText().startswith("2008-05-30")
    dialog.fill_known_caption()
    assert f.value("caption:time").startswith("2008-05-30")
    assert dialog.tabs.isTabVisible(1)
    f.set_value("title", "救援队转移受灾群众")
    f.set_value("caption:cause", "转移受灾群众")
    f.set_value("caption:place", "某旗某镇安置点")
    f.set_value("caption:people", "旗救援队队员")
    f.set_value("category", "photos-important")
    dialog._edited()  # set_value is silent; a user's typing fires it
    assert dialog.lacks_label.text() == "The description is complete."
    assert "转移受灾群众" in dialog.caption_preview.text()
    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        dialog.save()
    result = saved.args[0]
    assert [c.item_id for c in result.changed] == [item_id]
    detail = services.repos.library.detail(item_id)
    assert detail.item.state == "described" and detail.item.retention == "Y"
    assert detail.caption["cause"] == "转移受灾群众"
    assert "转移受灾群众" in detail.item.description and detail.revision == 2
    # Its history shows the change, old and new value.
    again = open_editor(qtbot, services, item_id)
    history = again.history.toPlainText()
    assert "Described" in history and "救援队转移受灾群众" in history
    wait_idle(qtbot, services)


def test_bad_input_is_shown_in_the_dialog_and_nothing_is_saved(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    item_id = canon(services, incident)
    dialog = open_editor(qtbot, services, item_id)
    dialog.fields.set_value("title", "新题名")
    dialog.fields.set_value("date", "2099-01-01T10:00+08:00")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "future" in dialog.error.text()
    assert dialog.isVisible()  # stays open with what was typed
    detail = services.repos.library.detail(item_id)
    assert detail.item.title == "Canon_40D" and detail.revision == 1
    dialog.fields.set_value("date", "2008-05-30T15:56+08:00")
    dialog.fields.set_value("latitude", "95")
    dialog.fields.set_value("longitude", "113")
    dialog.save()
    qtbot.waitUntil(lambda: "out of range" in dialog.error.text(), timeout=20_000)
    assert services.repos.library.detail(item_id).revision == 1
    wait_idle(qtbot, services)


def test_batch_edit_sets_the_chosen_fields_on_every_item_in_one_call(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    ids = add_photos(services.repos, incident.id, 200, creator="张伟")
    dialog = BatchEditDialog(services, incident.id, ids)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.fields.combo("category").count() > 1, timeout=20_000)
    dialog.fields.set_value("place", "某旗某镇")
    dialog.fields.set_value("people", "救援队")
    dialog.fields.set_value("phase", "response")
    dialog.fields.set_value("category", "photos-general")
    for name in ("place", "people", "phase", "category"):
        dialog.checks[name].setChecked(True)
    assert set(dialog.changes()) == {"place", "people", "phase", "category"}
    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        dialog.save()
    assert len(saved.args[0].changed) == 200
    for row in services.repos.library.page(incident.id, limit=500):
        assert row.place == "某旗某镇" and row.phase == "response"
        assert row.retention == "D30" and row.retention_category_key == "photos-general"
    # One audit event per item with the old and new values, one unbroken run of the chain
    # (one unit of work).
    events = [e for e in services.repos.audit.list(incident.id, limit=1000)
              if e.event_type == "item.describe"]
    assert len(events) == 200 and {e.item_id for e in events} == set(ids)
    assert events[0].detail["changes"]["place"] == {"old": "", "new": "某旗某镇"}
    seqs = sorted(e.seq for e in events)
    assert seqs == list(range(seqs[0], seqs[0] + 200))
    wait_idle(qtbot, services)


def test_a_refused_batch_saves_nothing(qtbot, services: UiServices,
                                       incident: IncidentRecord) -> None:
    ids = add_photos(services.repos, incident.id, 5)
    dialog = BatchEditDialog(services, incident.id, ids)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.save()
    assert "Tick at least one field" in dialog.error.text()
    dialog.fields.set_value("place", "某地")
    dialog.checks["place"].setChecked(True)
    dialog.fields.set_value("date", "not a date")
    dialog.checks["date"].setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: "is not a date" in dialog.error.text(), timeout=20_000)
    assert all(r.place == "" for r in services.repos.library.page(incident.id))
    wait_idle(qtbot, services)


@pytest.fixture
def page(qtbot, services: UiServices, incident: IncidentRecord) -> LibraryPage:
    add_photos(services.repos, incident.id, 4, creator="张伟", title="安置点",
               description="安置点全景。", classification="internal",
               start=datetime.fromisoformat("2025-07-22T10:00:00+08:00"))
    services.selection.set(incident)
    widget = LibraryPage(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 4 and not widget.model.loading)
    return widget


def select_rows(page: LibraryPage, rows: list[int]) -> None:
    page.selection.clearSelection()
    for row in rows:
        page.selection.select(page.model.index(row, 0),
                              QItemSelectionModel.SelectionFlag.Select
                              | QItemSelectionModel.SelectionFlag.Rows)


def test_exclude_restore_file_and_unfile_from_the_page(qtbot, page: LibraryPage,
                                                       services: UiServices,
                                                       incident: IncidentRecord) -> None:
    ids = [page.model.row_at(r).id for r in range(4)]
    services.repos.description.describe(ids, {"category": "photos-important"})
    page.reload()
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 4)
    select_rows(page, [0])
    ask = page.exclude_selected()
    assert ask is not None
    ask.setTextValue("试拍")
    ask.accept()
    qtbot.waitUntil(lambda: "marked not to be archived" in page.message_label.text(),
                    timeout=20_000)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 4
                    and page.model.row_at(page.model.row_of(ids[0])).excluded, timeout=20_000)
    select_rows(page, [0, 1, 2, 3])
    page.file_selected()
    qtbot.waitUntil(lambda: "items filed" in page.message_label.text(), timeout=20_000)
    assert page.message_label.text().startswith("3 items filed.")
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 4
                    and sum(1 for r in range(4) if page.model.row_at(r).archival_code) == 3,
                    timeout=20_000)
    codes_ = sorted(page.model.row_at(r).archival_code or "" for r in range(4))
    assert codes_[1:] == [f"Z109-ZP·2025-Y-YJB-{n:04d}" for n in (1, 2, 3)]
    filed_row = next(r for r in range(4) if page.model.row_at(r).state == "filed")
    select_rows(page, [filed_row])
    box = page.unfile_selected()
    assert box is not None
    box.accept()
    qtbot.waitUntil(lambda: "un-filed" in page.message_label.text(), timeout=20_000)
    qtbot.waitUntil(lambda: not page.model.loading, timeout=20_000)
    select_rows(page, [page.model.row_of(ids[0])])
    page.restore_selected()
    qtbot.waitUntil(lambda: "restored" in page.message_label.text(), timeout=20_000)
    assert not services.repos.library.detail(ids[0]).excluded
    wait_idle(qtbot, services)


def test_double_click_opens_the_editor_and_several_the_batch_edit(
        qtbot, page: LibraryPage) -> None:
    page.grid.doubleClicked.emit(page.model.index(0, 0))
    assert isinstance(page.dialog, ItemEditorDialog)
    page.dialog.reject()
    select_rows(page, [0, 1, 2])
    page.edit_selected()
    assert isinstance(page.dialog, BatchEditDialog) and len(page.dialog.item_ids) == 3
    page.dialog.reject()


def test_fifty_photos_described_once_turn_complete_and_are_filed(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    """The issue's "done when": select 50 imported photos, fill place, people and phase once,
    classify them, see completeness turn green and file them to see their 档号."""
    add_photos(services.repos, incident.id, 50, creator="张伟", title="安置点",
               start=datetime.fromisoformat("2025-07-23T09:00:00+08:00"))
    services.selection.set(incident)
    page = LibraryPage(services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 50 and not page.model.loading)
    assert "50 still lack a description" in page.status_label.text()
    page.selection.select(
        QItemSelection(page.model.index(0, 0), page.model.index(49, 0)),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    page.edit_selected()
    batch = page.dialog
    assert isinstance(batch, BatchEditDialog) and len(batch.item_ids) == 50
    qtbot.waitUntil(lambda: batch.fields.combo("category").count() > 1, timeout=20_000)
    for name, value in (("place", "某旗某镇安置点"), ("people", "旗救援队队员"),
                        ("phase", "response"), ("category", "photos-important"),
                        ("caption:cause", "转移受灾群众")):
        batch.fields.set_value(name, value)
        batch.checks[name].setChecked(True)
    with qtbot.waitSignal(batch.saved, timeout=30_000):
        batch.save()
    qtbot.waitUntil(lambda: "· 0 still lack a description" in page.status_label.text(),
                    timeout=20_000)
    assert all(not page.model.row_at(r).missing for r in range(50)), page.model.row_at(0)
    page.selection.select(
        QItemSelection(page.model.index(0, 0), page.model.index(49, 0)),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    page.file_selected()
    qtbot.waitUntil(lambda: "50 items filed." in page.message_label.text(), timeout=30_000)
    qtbot.waitUntil(lambda: "50 filed" in page.status_label.text(), timeout=20_000)
    codes_ = sorted(page.model.row_at(r).archival_code or "" for r in range(50))
    assert codes_ == [f"Z109-ZP·2025-Y-YJB-{n:04d}" for n in range(1, 51)]
    page.show_table()
    assert page.model.index(0, 7).data().startswith("Z109-ZP·2025-Y-YJB-")
    wait_idle(qtbot, services)
