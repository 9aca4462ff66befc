"""Templates for frequent work-log entries: one click prefills the text and the category.

The text is in the interface language (the recorder writes in it); the cursor is left at
the end so the recorder continues the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "EntryTemplates"


@dataclass(frozen=True)
class EntryTemplate:
    key: str
    button: str  # marked with QT_TRANSLATE_NOOP(CONTEXT, ...)
    text: str  # likewise
    category: str  # a LOG_CATEGORY code

    def button_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.button)

    def prefill(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.text)


TEMPLATES: tuple[EntryTemplate, ...] = (
    EntryTemplate("arrival", QT_TRANSLATE_NOOP("EntryTemplates", "Arrival on site"),
                  QT_TRANSLATE_NOOP("EntryTemplates", "Arrived on site: "), "other"),
    EntryTemplate("handover", QT_TRANSLATE_NOOP("EntryTemplates", "Handover received"),
                  QT_TRANSLATE_NOOP("EntryTemplates", "Received a handover: "), "handover"),
    EntryTemplate("interview", QT_TRANSLATE_NOOP("EntryTemplates", "Interview done"),
                  QT_TRANSLATE_NOOP("EntryTemplates", "Finished an oral-history interview: "),
                  "oral"),
    EntryTemplate("meeting", QT_TRANSLATE_NOOP("EntryTemplates", "Meeting"),
                  QT_TRANSLATE_NOOP("EntryTemplates", "Meeting: "), "meeting"),
    EntryTemplate("decision", QT_TRANSLATE_NOOP("EntryTemplates", "Decision"),
                  QT_TRANSLATE_NOOP("EntryTemplates", "Decision: "), "decision"),
)


def template(key: str) -> EntryTemplate:
    return next(t for t in TEMPLATES if t.key == key)
