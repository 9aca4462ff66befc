"""One file's outcome in an import, and the run's summary: plain data the screens show.

Kept apart from the import job so the screens load without the importer's media libraries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.domain.messages import Words, english

IMPORTED, DUPLICATE, FAILED, SKIPPED, NOT_STARTED = (
    "imported", "duplicate", "failed", "skipped", "not-started")


@dataclass(frozen=True)
class FileOutcome:
    status: str  # one of the five above
    path: Path
    code: str = ""  # why it failed (the core's error code), or "" when it did not
    # The core's message, or the warnings of an imported file: words in any language,
    # put into the interface language by ``detail_text``.
    detail: Words | tuple[Words, ...] = ""
    item_id: str | None = None  # the new item, or the one a duplicate already is
    kind: str | None = None

    @property
    def name(self) -> str:
        return printable(self.path.name)


@dataclass
class ImportSummary:
    batch_id: str | None = None
    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def printable(text: str) -> str:
    """Text that can always be shown: undecodable name bytes become \\x escapes."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def _parts(outcome: FileOutcome) -> tuple[Words, ...]:
    detail = outcome.detail
    return detail if isinstance(detail, tuple) else ((detail,) if detail else ())


def detail_text(outcome: FileOutcome) -> str:
    """The detail in the interface language (names kept printable)."""
    from app.ui.i18n import message_text

    return printable("; ".join(message_text(part) for part in _parts(outcome)))


def detail_english(outcome: FileOutcome) -> str:
    """The detail's English words, for telling reasons apart."""
    return "; ".join(english(part) for part in _parts(outcome))
