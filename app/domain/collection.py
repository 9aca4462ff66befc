"""Which material fills which category of the retention schedule (收集齐全).

The dashboard lists a schedule category with no material yet as a collection gap (the
regulation's 收集不齐全). A category is filled by items classified into it (their
``retention_category_key``) and, before anyone classifies, by the material that belongs
there by its nature, while unclassified: the table below (keys of
``app.domain.retention``); a classified item fills only its own category. A category not in
the table (the plans, reports, meetings …, or one an incident added) is filled only by
classification. Correct the table here; nothing else needs to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CategorySource:
    """Items of these kinds from these channels (empty: any), and/or work-log entries."""

    item_kinds: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    log_entries: bool = False

    def takes(self, kind: str, channel: str) -> bool:
        if not self.item_kinds and not self.channels:
            return False  # (a source of log entries only)
        return ((not self.item_kinds or kind in self.item_kinds)
                and (not self.channels or channel in self.channels))


def _source(kinds: Iterable[str] = (), channels: Iterable[str] = (),
            log_entries: bool = False) -> CategorySource:
    return CategorySource(frozenset(kinds), frozenset(channels), log_entries)


# Important and general are a classification decision: until it is made, material of the
# kind fills both.
CATEGORY_SOURCES: dict[str, CategorySource] = {
    "work-logs": _source(["log"], log_entries=True),
    "photos-important": _source(["photo"], ["self"]),
    "photos-general": _source(["photo"], ["self"]),
    "av-important": _source(["audio", "video"], ["self"]),
    "av-general": _source(["audio", "video"], ["self"]),
    "oral-history": _source(["audio", "video"], ["oral"]),
    "media": _source(channels=["media"]),
    "donations": _source(channels=["donation"]),
    "physical": _source(["physical"]),
}


@dataclass(frozen=True)
class MaterialGroup:
    """How many items of one kind, channel and classification an incident holds."""

    kind: str
    channel: str
    category_key: str | None
    count: int


def material_count(key: str, groups: Sequence[MaterialGroup], log_entries: int) -> int:
    """How much material fills the category ``key`` (items, plus log entries if it takes
    them); 0 is a collection gap."""
    source = CATEGORY_SOURCES.get(key)
    items = sum(g.count for g in groups
                if g.category_key == key or (g.category_key is None and source is not None
                                             and source.takes(g.kind, g.channel)))
    return items + (log_entries if source is not None and source.log_entries else 0)
