"""Old values replaced by their digests in the audit history a package carries.

The history of the exported items (``item.describe`` events and the like) holds every value
a field ever had, under ``detail.changes.<field>.old`` and ``.new``. Where earlier values
must not leave the laptop, the user chooses fields (or all changed values) and each such
value is replaced by ``sha256:<hex>`` of its canonical JSON: every ``old``, and every
``new`` that is not the field's current value (the item's metadata states that one
anyway), so an intermediate value does not leak as the ``new`` of an earlier change.

The chain still verifies: events recorded since migration 0007c are hashed over their
digest form (``app.domain.audit_form``), so a verifier digests the values it has and takes
the listed redacted ones as they are. An older event (hash form 1) cannot hide a value and
still check; it travels as its two hashes alone (its content stays on the laptop), the way
other incidents' events do in the chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from app.domain.audit_form import FORM_DIGESTS, Path, redact
from app.store.transfer_records import ChainLink, ExportEvent, ExportSource, detail_text

ALL = "*"
_UNKNOWN = object()  # a field the export's item record does not hold: never "current"


@dataclass(frozen=True)
class FieldHistory:
    """How often a field of the exported items changed (what the wizard offers to hide)."""

    field: str
    changes: int
    items: int


@dataclass(frozen=True)
class RedactionSummary:
    values: int = 0  # values replaced by their digests
    events: int = 0  # events with at least one
    withheld: int = 0  # form-1 events carried as their hashes alone


def changed_fields(events: Iterable[ExportEvent]) -> list[FieldHistory]:
    counts: dict[str, int] = {}
    items: dict[str, set[str]] = {}
    for e in events:
        for name in _changes(e):
            counts[name] = counts.get(name, 0) + 1
            items.setdefault(name, set()).add(e.item_id or "")
    return [FieldHistory(f, counts[f], len(items[f])) for f in sorted(counts)]


def _changes(e: ExportEvent) -> dict[str, Any]:
    if '"changes"' not in e.detail_json:  # most events: no need to parse the detail
        return {}
    changes = e.detail.get("changes")
    return {k: v for k, v in changes.items() if isinstance(v, dict)} \
        if isinstance(changes, dict) else {}


def plan_paths(events: Sequence[ExportEvent], fields: Iterable[str],
               current: Callable[[str | None, str], Any] = lambda _i, _f: _UNKNOWN
               ) -> dict[str, list[Path]]:
    """Event id -> the detail paths to replace, for these fields (``ALL``: every one);
    ``current(item_id, field)`` is the item's value now (a ``new`` equal to it stays)."""
    chosen = set(fields)
    every = ALL in chosen
    out: dict[str, list[Path]] = {}
    for e in events:
        paths: list[Path] = []
        for name, change in _changes(e).items():
            if not every and name not in chosen:
                continue
            if "old" in change:
                paths.append(("changes", name, "old"))
            if "new" in change and not _same(change["new"], current(e.item_id, name)):
                paths.append(("changes", name, "new"))
        if paths:
            out[e.id] = paths
    return out


def redact_source(source: ExportSource, fields: Iterable[str]
                  ) -> tuple[ExportSource, RedactionSummary]:
    """The source with the chosen fields' earlier values replaced in every event it
    carries (the items' events and the chain's full events alike)."""
    fields = tuple(fields)
    if not fields:
        return source, RedactionSummary()
    full = {e.id: e for e in source.events}
    for link in source.chain:
        if link.event is not None:
            full.setdefault(link.event.id, link.event)
    items = {i.id: i for i in source.items}

    def current(item_id: str | None, field: str) -> Any:
        item = items.get(item_id or "")
        return getattr(item, field, _UNKNOWN) if item is not None else _UNKNOWN

    paths = plan_paths(list(full.values()), fields, current)
    done: dict[str, ExportEvent | None] = {}
    values = 0
    for event_id, wanted in paths.items():
        e = full[event_id]
        if e.hash_form != FORM_DIGESTS:
            done[event_id] = None
            continue
        detail, leaves = redact(e.detail, wanted)
        values += len(leaves)
        done[event_id] = replace(e, detail_json=detail_text(detail), redacted=tuple(leaves))
    events = tuple(done.get(e.id, e) for e in source.events)
    chain = tuple(_link(link, done) for link in source.chain)
    summary = RedactionSummary(values, sum(1 for v in done.values() if v is not None),
                               sum(1 for v in done.values() if v is None))
    return replace(source, events=tuple(e for e in events if e is not None),
                   chain=chain), summary


def _same(recorded: Any, now: Any) -> bool:
    """A recorded ``new`` is the current value (as stored: text, or a time as ISO text)."""
    if now is _UNKNOWN:
        return False
    if isinstance(now, datetime):
        return isinstance(recorded, str) and _as_time(recorded) == now
    return bool(recorded == now)


def _as_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _link(link: ChainLink, done: dict[str, ExportEvent | None]) -> ChainLink:
    if link.event is None or link.event.id not in done:
        return link
    return replace(link, event=done[link.event.id])


def redaction_note(summary: RedactionSummary, fields: Sequence[str]) -> str:
    """What the package's pre-flight report says was hidden (fields named, never values)."""
    which = "all changed fields" if ALL in fields else ", ".join(sorted(fields))
    return (f"{summary.values} earlier value(s) of {which} in {summary.events} audit "
            f"event(s) replaced by sha256:<hex> of the value (canonical JSON); "
            f"{summary.withheld} event(s) recorded before hash form 2 carried as their "
            f"hashes only")
