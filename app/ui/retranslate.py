"""One place for "retranslate when the language changes".

A widget lists its texts in ``retranslate()`` and inherits ``Retranslating`` first:

    class LibraryPage(Retranslating, QWidget): ...

Qt sends every widget a LanguageChange event when a translator is installed or removed;
the mixin answers it by calling ``retranslate()`` again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    def retranslate(self) -> None:
        """Set every text of the widget in the current language."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
