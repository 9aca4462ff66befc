"""Batch edit: choose which fields to set on every selected item, fill them once, and save
them in ONE call to libcore's ``describe`` (one transaction, one audit event per changed
item with old and new values). A refusal names what is wrong, in the user's language, and
nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import captions
from app.ui.dialog_parts import show_error
from app.ui.library.describe_dialog import DescribeDialog
from app.ui.library.description_fields import PHYSICAL_FIELDS, DescriptionFields, label
from app.ui.library.edit_jobs import load_categories
from app.ui.services import UiServices

# What a batch may set: every describable field but the title (each item has its own).
BATCH_FIELDS = ("creator", "date", "place", "latitude", "people", "keywords", "phase",
                "category", "classification", "secrecy_period", "open_status", "language",
                ) + tuple(f"caption:{e}" for e in captions.ELEMENTS)


class BatchEditDialog(DescribeDialog):
    def __init__(self, services: UiServices, incident_id: str, item_ids: list[str],
                 parent: QWidget | None = None, physical: bool = False) -> None:
        """``physical``: every item is a physical object (实物), so its fields are offered."""
        super().__init__(services, parent)
        self.setObjectName("batchEdit")
        self.item_ids = list(item_ids)
        # Objects have no photo caption; they have their own fields instead.
        self.names = (tuple(n for n in BATCH_FIELDS if not n.startswith("caption:"))
                      + PHYSICAL_FIELDS) if physical else BATCH_FIELDS
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        body = QWidget(self)
        grid = QGridLayout(body)
        self.fields = DescriptionFields(body)
        self.checks: dict[str, QCheckBox] = {}
        for row, name in enumerate(self.names):
            check = QCheckBox(body)
            check.setObjectName(f"set_{name.replace(':', '_')}")
            self.checks[name] = check
            grid.addWidget(check, row, 0)
            grid.addWidget(self.fields.widgets[name], row, 1)
            if name == "latitude":  # the coordinates go together
                grid.addWidget(self.fields.widgets["longitude"], row, 2)
        grid.setColumnStretch(1, 1)
        for name, widget in self.fields.widgets.items():  # not settable on a whole batch
            if name not in self.names and name != "longitude":
                widget.hide()
        self.fields.edited.connect(self._edited)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, 620)
        self.retranslate()
        services.jobs.start(load_categories, services.repos, incident_id,
                            on_finished=self.fields.set_categories)

    def _edited(self) -> None:
        """A field typed into is ticked: what the user filled in is what gets set."""
        show_error(self.error, None)
        for name, widget in self.fields.widgets.items():
            if widget.hasFocus():
                check = self.checks.get("latitude" if name == "longitude" else name)
                if check is not None:
                    check.setChecked(True)

    def chosen(self) -> list[str]:
        names = [n for n, c in self.checks.items() if c.isChecked()]
        if "latitude" in names:
            names.append("longitude")
        return names

    def changes(self) -> dict[str, object]:
        return self.fields.request(self.chosen())

    def save(self) -> None:
        if self.saving:
            return
        changes = self.changes()
        if not changes:
            show_error(self.error, self.tr("Tick at least one field to set."))
            return
        self.describe(self.item_ids, changes)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Describe {count} items").format(count=len(self.item_ids)))
        self.intro.setText(self.tr(
            "Tick the fields to set on all {count} selected items; the others keep their "
            "own values. Everything is saved at once, or nothing.").format(
            count=len(self.item_ids)))
        for name, check in self.checks.items():
            check.setText(label(name) if name != "latitude" else self.tr(
                "Coordinates (WGS-84 latitude, longitude)"))
        self.fields.retranslate()
        self.retranslate_buttons()
