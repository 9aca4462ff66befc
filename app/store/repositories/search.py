"""Search over items and work-log entries (see ``app.store.search_index``).

``search("转移", incident_ref=...)`` returns frozen hits, best first: hits with every word
in the title first, then hits with the words as one exact phrase, then by bm25 with column
weights (title, 档号 and keywords count more than body text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.search_query import ParsedQuery, parse_query
from app.domain.search_text import needles, snippet
from app.store import search_index
from app.store.errors import InvalidInput, StoreError
from app.store.models import File, Item, LogEntry
from app.store.repositories.base import Repository, find_incident

MAX_LIMIT = 1000
TITLE_WIDTH = 80


class SearchUnavailable(StoreError):
    code = "search-unavailable"


@dataclass(frozen=True)
class SearchHit:
    """One item or work-log entry found, with what to show for it."""

    kind: str  # "item" | "log"
    id: str  # item.id or log entry id
    incident_id: str
    title: str  # the item's title (or its file name); a log entry's first words
    snippet: str  # the text around the first match ("" when only the title matched)
    score: float  # higher is better; only the order means something
    subkind: str  # the item kind (photo, audio, …) or the log entry's category
    when: datetime | None  # the item's date or the entry's occurred-at, in its own offset
    archival_code: str | None = None  # 档号 of a filed item
    seq: int | None = None  # a log entry's number in the incident's log


def _local(value: datetime | None, offset_min: int) -> datetime | None:
    return value.astimezone(timezone(timedelta(minutes=offset_min))) if value else None


def _first_words(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TITLE_WIDTH else flat[:TITLE_WIDTH - 1] + "…"


class SearchRepository(Repository):
    def search(self, query: str, incident_ref: str | None = None,
               limit: int = 50) -> tuple[SearchHit, ...]:
        """Items and log entries matching ``query``, best first (at most ``limit``).

        ``query``: words (Chinese of any length, Latin, numbers, Mongolian), "an exact
        phrase", ``field:value`` for one field (title, description, people, place, keywords,
        file, code/档号; content for log text) and ``phase:`` / ``kind:`` filters (codes or
        Chinese names: ``phase:应急处置与救援``, ``kind:photo``, ``kind:log``).
        """
        parsed = parse_query(query)
        match = search_index.match_expression(parsed.terms)
        if match is None:
            return ()
        limit = max(1, min(limit, MAX_LIMIT))
        with self.store.reader() as s:
            _require_index(s)
            filters = self._filters(s, parsed, incident_ref)
            sql, params = search_index.search_sql(
                match, search_index.title_expression(parsed.terms),
                search_index.phrase_expression(parsed.free_text), filters)
            rows = s.connection().exec_driver_sql(sql, (*params, limit)).all()
            wanted = needles(" ".join(t.text for t in parsed.terms))
            items = self._items(s, [r[1] for r in rows if r[0] == "item"], wanted)
            logs = self._logs(s, [r[1] for r in rows if r[0] == "log"], wanted)
            hits = []
            for kind, ref, rank, bonus in rows:
                found = (items if kind == "item" else logs).get(ref)
                if found is not None:  # (a row is always there: same snapshot)
                    hits.append(_scored(found, bonus * 1000.0 - rank))
            return tuple(hits)

    @staticmethod
    def _filters(s: Session, parsed: ParsedQuery,
                 incident_ref: str | None) -> list[tuple[str, Any]]:
        filters: list[tuple[str, Any]] = []
        if incident_ref:
            filters.append(("incident_id", find_incident(s, incident_ref).id))
        for name, value in parsed.filters:
            table = codes.PHASE if name == "phase" else codes.ITEM_KIND
            try:
                code = table.parse(value)
            except ValueError as err:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The search asks for {field}:{value}, which is not known; "
                    "use one of: {choices}."), field=name, value=value,
                    choices=", ".join(table.values())) from err
            if name == "phase":
                filters.append(("phase", code))
            elif code == "log":
                filters.append(("kind", "log"))
            else:
                filters += [("kind", "item"), ("subkind", code)]
        return filters

    @staticmethod
    def _items(s: Session, ids: Sequence[str], wanted: list[str]) -> dict[str, SearchHit]:
        if not ids:
            return {}
        names: dict[str, list[str]] = {}
        for item_id, name in s.execute(
                select(File.item_id, File.original_name)
                .where(File.item_id.in_(ids), File.role == "original",
                       File.original_name != "")
                .order_by(File.seq)):
            names.setdefault(item_id, []).append(name)
        out = {}
        # Only the columns shown (a whole row would parse every date and JSON field).
        for (item_id, incident_id, kind, title, description, people, place, keywords, code,
             date, offset) in s.execute(select(
                Item.id, Item.incident_id, Item.kind, Item.title, Item.description,
                Item.people, Item.place, Item.keywords, Item.archival_code, Item.date,
                Item.date_offset_min).where(Item.id.in_(ids))):
            files = " ".join(dict.fromkeys(names.get(item_id, ())))
            shown = title or (names[item_id][0] if item_id in names else "")
            text = next((t for t in (snippet(f, wanted) for f in (
                description, people, place, keywords, files, code or "")) if t), "")
            out[item_id] = SearchHit("item", item_id, incident_id, _first_words(shown), text,
                                     0.0, kind, _local(date, offset), code, None)
        return out

    @staticmethod
    def _logs(s: Session, ids: Sequence[str], wanted: list[str]) -> dict[str, SearchHit]:
        if not ids:
            return {}
        out = {}
        for (entry_id, incident_id, category, content, participants, place, occurred, offset,
             seq) in s.execute(select(
                LogEntry.id, LogEntry.incident_id, LogEntry.category, LogEntry.content,
                LogEntry.participants, LogEntry.place, LogEntry.occurred_at,
                LogEntry.tz_offset_min, LogEntry.seq).where(LogEntry.id.in_(ids))):
            text = next((t for t in (snippet(f, wanted) for f in (
                content, participants, place)) if t), "")
            out[entry_id] = SearchHit("log", entry_id, incident_id, _first_words(content),
                                      text, 0.0, category, _local(occurred, offset), None, seq)
        return out


def _require_index(s: Session) -> None:
    """A store from before the index, opened read-only (a disc), cannot have one built."""
    found = s.connection().exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (search_index.FTS_TABLE,)).first()
    if found is None:
        raise SearchUnavailable(QT_TRANSLATE_NOOP(
            "Errors", "This store was written by an older FieldArchive and is open "
            "read-only, so it has no search index yet; open it once where it can be "
            "written (or copy it to a writable disk) to build the index."))


def _scored(hit: SearchHit, score: float) -> SearchHit:
    return replace(hit, score=score)
