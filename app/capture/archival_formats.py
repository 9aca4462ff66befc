"""Files an import leaves out unless asked for by name: text that is not an archival format.

A camera card or a handed-over folder often holds notes such as README.md or a source
list (.rst): plain text that is not one of the formats the archive takes for its records
(DA/T 47: documents as PDF/OFD or office files). Found inside a folder, such a file is
listed as skipped with the reason; given by name, it is the user's deliberate choice and
is taken as a document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.capture import sniff
from app.capture.collect import Candidate
from app.domain.messages import QT_TRANSLATE_NOOP, Message

NOT_ARCHIVAL = frozenset({"text/plain"})
REASON = Message(QT_TRANSLATE_NOOP(
    "Errors", "plain text, not an archival format; add it by name to keep it as a document"))


def leave_out_text(files: Sequence[Candidate], given: Iterable[Path]
                   ) -> tuple[list[Candidate], list[tuple[Path, Message]]]:
    """``files`` split into those to import and those left out (with the reason)."""
    named = {Path(p) for p in given}
    kept: list[Candidate] = []
    left: list[tuple[Path, Message]] = []
    for candidate in files:
        if candidate.path not in named and _format_mime(candidate.path) in NOT_ARCHIVAL:
            left.append((candidate.path, REASON))
        else:
            kept.append(candidate)
    return kept, left


def _format_mime(path: Path) -> str | None:
    try:
        if not path.is_file():  # never open a FIFO or a device: it may block for ever
            return None
        found = sniff.identify(path)
    except OSError:
        return None  # the import says why it cannot read it
    return found.mime if found is not None else None
