"""A person with their role, position or unit, punctuated in the interface language:
"Li Na (Reviewer, Banner Archives)" in English, "李娜（审核人，旗档案馆）" in Chinese."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def person_text(name: str, *details: str) -> str:
    """``name`` followed by the non-empty ``details`` in brackets; just ``name`` if none."""
    shown = [d for d in details if d]
    if not shown:
        return name
    separator = translate("PersonText", ", ", "between a person's role, position and unit")
    return translate("PersonText", "{name} ({details})").format(
        name=name, details=separator.join(shown))
