"""A work-log entry's links are a deliberate choice (issue 11, point 3): the quick entry offers
the items stored last (several, or none, may be ticked); a correction adds and removes links,
audited, with the hash chain intact; the PDF and XML name a link by its 档号, or before filing
by its title and file name, never by an id prefix."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt

from app.export.log_pdf import write_log_pdf
from app.export.log_xml import write_log_xml
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.log.correction_dialog import CorrectionDialog
from app.ui.log.quick_entry import QuickEntryDialog
from app.ui.services import UiServices
from tests import ui_log_support
from tests.test_log_render import pdf_text, squash
from tests.test_store_support import add_item_with_file
from tests.ui_log_support import START, type_text

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


@pytest.fixture
def items(store: Store, incident: IncidentRecord) -> dict[str, str]:
    """Three photos: one filed (with a 档号), two not yet (title and file name)."""
    filed = add_item_with_file(store, incident.id, b"\xff\xd8one", title="震中村全景",
                               archival_code="Z109-ZP·2025-Y-YJB-0001")
    school = add_item_with_file(store, incident.id, b"\xff\xd8two", title="受损校舍",
                                suffix=".jpeg")
    bridge = add_item_with_file(store, incident.id, b"\xff\xd8three", title="桥梁裂缝",
                                suffix=".png")
    return {"filed": filed.item_id, "school": school.item_id, "bridge": bridge.item_id}


def quick_entry(qtbot, services: UiServices, incident: IncidentRecord) -> QuickEntryDialog:
    services.selection.set(incident)
    dialog = QuickEntryDialog(services)
    qtbot.addWidget(dialog)
    dialog.prepare()
    dialog.show()
    return dialog


def test_the_quick_entry_links_several_items_or_none(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        items: dict[str, str]) -> None:
    services.last_item.set(items["bridge"])  # captured just now: the one ticked
    dialog = quick_entry(qtbot, services, incident)
    assert set(dialog.links.ids()) == set(items.values())
    assert dialog.links.checked_ids() == (items["bridge"],)
    rows = [dialog.links.item(n).text() for n in range(dialog.links.count())]
    assert any("Z109-ZP·2025-Y-YJB-0001" in r for r in rows)
    assert any("受损校舍 (photo.jpeg)" in r for r in rows)
    # Space on a row ticks it: two photos for one entry.
    dialog.links.setFocus()
    dialog.links.setCurrentRow(list(dialog.links.ids()).index(items["school"]))
    qtbot.keyClick(dialog.links, Qt.Key.Key_Space)
    assert set(dialog.links.checked_ids()) == {items["bridge"], items["school"]}
    type_text(qtbot, dialog.text_edit, "拍摄校舍和桥梁")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving and not dialog.isVisible())
    first = services.repos.log.page(incident.id)[0].entry
    assert set(first.linked_items) == {items["bridge"], items["school"]}

    # The next entry links nothing unless asked: the photos are offered, none ticked.
    dialog.prepare()
    assert dialog.links.count() == 3 and dialog.links.checked_ids() == ()
    type_text(qtbot, dialog.text_edit, "召开碰头会")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving and services.repos.log.count(incident.id) == 2)
    second = [v.entry for v in services.repos.log.page(incident.id)][-1]
    assert second.content == "召开碰头会" and second.linked_items == ()


def test_a_correction_changes_links_audited_and_chained(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        items: dict[str, str], store: Store, tmp_path: Path) -> None:
    log = services.repos.log
    entry = log.add(incident.id, "拍摄受损校舍", occurred_at=START + timedelta(hours=1),
                    linked_items=[items["filed"]])
    view = log.page(incident.id)[0]
    dialog = CorrectionDialog(services, view)
    qtbot.addWidget(dialog)
    dialog.show()
    # The wrong photo is unticked, the right ones ticked.
    assert dialog.links.checked_ids() == (items["filed"],)
    dialog.links.set_checked(items["filed"], False)
    dialog.links.set_checked(items["school"], True)
    dialog.links.set_checked(items["bridge"], True)
    type_text(qtbot, dialog.reason_edit, "关联了错误的照片")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving and not dialog.isVisible())

    current = log.page(incident.id)[0].entry
    assert current.corrects_id == entry.id
    assert set(current.linked_items) == {items["school"], items["bridge"]}
    assert current.content == "拍摄受损校舍"  # only the links changed
    event = next(e for e in services.repos.audit.list(incident_id=incident.id)
                 if e.event_type == "log.correct")
    assert event.detail["links_removed"] == [items["filed"]]
    assert set(event.detail["links_added"]) == {items["school"], items["bridge"]}
    assert check_store(store).ok

    # The renditions name the links; an id prefix appears nowhere.
    rendition = log.entries_for_rendition(incident.id)
    pdf = tmp_path / "log.pdf"
    write_log_pdf(rendition, pdf)
    text = squash(pdf_text(pdf))
    assert ("关联：桥梁裂缝（photo.png）、受损校舍（photo.jpeg）" in text
            or "关联：受损校舍（photo.jpeg）、桥梁裂缝（photo.png）" in text), text
    assert "原关联：Z109-ZP·2025-Y-YJB-0001" in text  # what the correction removed
    assert not any(i[:8] in text for i in items.values())
    xml = tmp_path / "log.xml"
    write_log_xml(rendition, xml)
    ns = {"w": "urn:fieldarchive:worklog:1"}
    root = etree.parse(str(xml)).getroot()
    links = {el.text: el for el in root.iterfind(".//w:entry/w:linked_items/w:item", ns)}
    assert links[items["filed"]].get("code") == "Z109-ZP·2025-Y-YJB-0001"
    assert (links[items["school"]].get("title"),
            links[items["school"]].get("file_name")) == ("受损校舍", "photo.jpeg")


def test_a_correction_can_remove_every_link(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        items: dict[str, str]) -> None:
    log = services.repos.log
    log.add(incident.id, "例行巡查", occurred_at=START + timedelta(hours=1),
            linked_items=[items["filed"], items["bridge"]])
    dialog = CorrectionDialog(services, log.page(incident.id)[0])
    qtbot.addWidget(dialog)
    dialog.show()
    for item_id in dialog.links.checked_ids():
        dialog.links.set_checked(item_id, False)
    type_text(qtbot, dialog.reason_edit, "与照片无关")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving and not dialog.isVisible())
    assert log.page(incident.id)[0].entry.linked_items == ()


def test_the_timeline_names_linked_items_as_a_reader_knows_them(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        items: dict[str, str]) -> None:
    from app.ui.log.timeline_model import COLUMN_KEYS
    from app.ui.log.timeline_page import WorkLogPage

    services.repos.log.add(incident.id, "例行巡查", occurred_at=START + timedelta(hours=1),
                           linked_items=[items["filed"], items["school"]])
    services.selection.set(incident)
    page = WorkLogPage(services)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 1)
    cell = page.model.index(0, COLUMN_KEYS.index("items"))

    def tip() -> str:
        return str(cell.data(Qt.ItemDataRole.ToolTipRole))

    qtbot.waitUntil(lambda: "loading" not in tip(), timeout=10_000)
    lines = tip().splitlines()
    # Filed: its 档号; not yet filed: title and file name; never an id prefix.
    assert lines[0].endswith("Z109-ZP·2025-Y-YJB-0001")
    assert lines[1].endswith("受损校舍 (photo.jpeg)")
    assert not any(items[k][:8] in tip() for k in items)
