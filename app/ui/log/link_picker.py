"""A small list of items to tick: what a work-log entry links (none, one or several).

Each row names the item as a reader knows it (its 档号, or before filing its title and file
name) with its kind and when it was stored; Space ticks a row, so it works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from app.domain import codes
from app.store.worklog_records import LinkedItem
from app.ui.labels import code_label

ROWS_SHOWN = 4  # taller would push the entry text out of a small dialog; the list scrolls
translate = QCoreApplication.translate


def link_name(item: LinkedItem) -> str:
    """How a reader knows the item: its 档号, or before filing its title (file name), in
    the interface's language (``LinkedItem.label`` is the renditions' Chinese form)."""
    if item.archival_code:
        return item.archival_code
    if item.title and item.original_name and not item.title_is_file_name:
        return translate("LinkPicker", "{title} ({file})").format(
            title=item.title, file=item.original_name)
    return item.original_name or item.title or item.id[:8]


def link_text(item: LinkedItem) -> str:
    """照片 Z109-ZP·2025-Y-YJB-0001 · 14:32, or before filing 照片 题名 (file.jpg) · 14:32."""
    stored = item.created_at.astimezone().strftime("%m-%d %H:%M")
    return translate("LinkPicker", "{kind} {name} · stored {time}").format(
        kind=code_label(codes.ITEM_KIND, item.kind), name=link_name(item), time=stored)


class LinkPicker(QListWidget):
    """Checkable rows of items; ``checked_ids`` is what the entry links, in the order shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkPicker")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self._items: list[LinkedItem] = []

    def set_items(self, items: Sequence[LinkedItem], ticked: Collection[str] = ()) -> None:
        """Offer ``items`` (each once), ``ticked`` ones ticked."""
        self.clear()
        seen: set[str] = set()
        self._items = []
        for item in items:
            if item.id in seen:
                continue
            seen.add(item.id)
            self._items.append(item)
            row = QListWidgetItem(link_text(item), self)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                         | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.id in ticked
                              else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)
        rows = min(max(self.count(), 1), ROWS_SHOWN)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 2
                            if self.count() else 0)

    def checked_ids(self) -> tuple[str, ...]:
        return tuple(str(self.item(n).data(Qt.ItemDataRole.UserRole))
                     for n in range(self.count())
                     if self.item(n).checkState() == Qt.CheckState.Checked)

    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self._items)

    def set_checked(self, item_id: str, checked: bool) -> None:
        for n in range(self.count()):
            if self.item(n).data(Qt.ItemDataRole.UserRole) == item_id:
                self.item(n).setCheckState(Qt.CheckState.Checked if checked
                                           else Qt.CheckState.Unchecked)

    def retranslate(self) -> None:
        """Kind names and the row wording follow the language; the ticks stay."""
        ticked = self.checked_ids()
        self.set_items(list(self._items), ticked)
