"""Code-table labels in the interface language (Chinese name or English label)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox

from app.domain.codes import CodeTable
from app.ui.i18n import current_language


def code_label(table: CodeTable, code: str) -> str:
    try:
        return table.label(code, current_language())
    except KeyError:
        return code  # an unknown code is shown as stored, never hidden


def fill_code_combo(combo: QComboBox, table: CodeTable) -> None:
    """(Re)fill ``combo`` with the table's labels; the code is each item's data."""
    selected = combo.currentData()
    combo.clear()
    for code in table.values():
        combo.addItem(code_label(table, code), code)
    index = combo.findData(selected)
    combo.setCurrentIndex(index if index >= 0 else 0)


def format_time(value: datetime | None) -> str:
    """Date and time as recorded (with its own offset), minutes precision. (Formatted by
    hand: views call this for every visible cell on every paint, and strftime is slow.)"""
    if value is None:
        return ""
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
            f"{value.hour:02d}:{value.minute:02d}")


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
