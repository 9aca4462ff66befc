"""The incident dashboard's figures: one reading transaction, one frozen record.

Everything the dashboard shows for an incident at a given moment: its details, where it
stands against the six-month filing deadline, counts of its material, what is not yet filed
or transferred, work-log entries nobody has reviewed, and the retention-schedule categories
with no material yet (collection gaps, ``app.domain.collection``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import BindParameter, Select, String, bindparam, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.domain.collection import CATEGORY_SOURCES, CategorySource, MaterialGroup, material_count
from app.domain.deadlines import FilingStatus, filing_status
from app.store.models import Item, LogEntry, LogReview
from app.store.records import IncidentRecord, ScheduleRecord
from app.store.repositories.base import Queries, find_incident
from app.store.repositories.incidents import to_record
from app.store.repositories.schedules import current_schedule


@dataclass(frozen=True)
class CategoryFill:
    """One category of the current schedule and how much material fills it."""

    key: str
    name_zh: str
    name_en: str
    retention: str
    count: int  # items (and log entries, for the work-log category); 0 is a gap
    source: CategorySource | None  # what fills it by nature; None: classification only

    @property
    def is_gap(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class IncidentDashboard:
    incident: IncidentRecord
    now: datetime  # the moment the figures are for
    filing: FilingStatus
    items: int
    by_kind: tuple[tuple[str, int], ...]  # (item kind, count), most first
    by_phase: tuple[tuple[str | None, int], ...]  # None: no phase given yet
    by_channel: tuple[tuple[str, int], ...]  # (source channel, count)
    by_state: tuple[tuple[str, int], ...]  # (captured | described | filed | transferred, n)
    not_filed: int  # items without a 档号
    not_transferred: int
    log_entries: int  # current versions (a corrected entry counts once)
    log_unreviewed: int  # current versions nobody has reviewed
    schedule: ScheduleRecord
    categories: tuple[CategoryFill, ...]  # in the schedule's order

    @property
    def gaps(self) -> tuple[CategoryFill, ...]:
        return tuple(c for c in self.categories if c.is_gap)


def _counted(counter: Counter[str | None]) -> tuple[tuple[str | None, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] or "")))


class DashboardQueries(Queries):
    def summary(self, incident_ref: str, now: datetime | None = None) -> IncidentDashboard:
        """The dashboard's figures for ``incident_ref`` at ``now`` (default: the clock)."""
        now = now or datetime.now(UTC)
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            groups, states, phases, not_filed, not_transferred = self._items(s, inc.id)
            n_log_rows, logs, unreviewed = self._log(s, inc.id)
            n_items = sum(g.count for g in groups)
            incident = to_record(inc, n_items, logs, n_log_rows - logs)
            schedule = current_schedule(s, inc.id)
        kinds: Counter[str | None] = Counter()
        channels: Counter[str | None] = Counter()
        for g in groups:
            kinds[g.kind] += g.count
            channels[g.channel] += g.count
        categories = tuple(
            CategoryFill(c.key, c.name_zh, c.name_en, c.retention,
                         material_count(c.key, groups, logs), CATEGORY_SOURCES.get(c.key))
            for c in schedule.categories)
        return IncidentDashboard(
            incident=incident, now=now,
            filing=filing_status(incident.started_at, incident.response_ended_at, now),
            items=n_items,
            by_kind=_strs(_counted(kinds)), by_phase=_counted(phases),
            by_channel=_strs(_counted(channels)), by_state=_strs(_counted(states)),
            not_filed=not_filed, not_transferred=not_transferred,
            log_entries=logs, log_unreviewed=unreviewed,
            schedule=schedule, categories=categories,
        )

    @staticmethod
    def _items(s: Session, incident_id: str) -> tuple[
            list[MaterialGroup], Counter[str | None], Counter[str | None], int, int]:
        """One grouped pass over the incident's items (``_ITEM_GROUPS``)."""
        rows = s.execute(_ITEM_GROUPS, {"incident_id": incident_id}).all()
        groups: Counter[tuple[str, str, str | None]] = Counter()
        states: Counter[str | None] = Counter()
        phases: Counter[str | None] = Counter()
        not_filed = not_transferred = 0
        for kind, channel, key, phase, state, no_code, not_moved, count in rows:
            groups[kind, channel, key or None] += count
            states[state] += count
            phases[phase] += count
            not_filed += no_code
            not_transferred += not_moved
        material = [MaterialGroup(k, c, key, n) for (k, c, key), n in groups.items()]
        return material, states, phases, not_filed, not_transferred

    @staticmethod
    def _log(s: Session, incident_id: str) -> tuple[int, int, int]:
        """All the log's rows, its current versions, and the current ones nobody reviewed."""
        n_rows, n_corrected, n_reviewed = s.execute(
            _LOG_COUNTS, {"incident_id": incident_id}).one()
        current = int(n_rows) - int(n_corrected)
        return int(n_rows), current, current - int(n_reviewed)


# The statements are built once (the dashboard reloads often; building them costs more than
# running them on a small store), with the incident as a bound parameter.
_INCIDENT: BindParameter[str] = bindparam("incident_id", type_=String())

# Grouped by the leading columns of ``ix_item_dashboard``, in its order: SQLite reads that
# index alone, already in group order (no sort), and counts what is not yet filed or
# transferred within each group.
_ITEM_GROUPS = (
    select(Item.kind, Item.source_channel, Item.retention_category_key, Item.phase, Item.state,
           func.count().filter(Item.archival_code.is_(None)),
           func.count().filter(Item.transferred_at.is_(None)), func.count())
    .where(Item.incident_id == _INCIDENT)
    .group_by(Item.kind, Item.source_channel, Item.retention_category_key, Item.phase,
              Item.state))


def _log_counts() -> Select[int, int, int]:
    """Three index-only counts in one statement: the incident's entries, those corrected,
    and those reviewed and not corrected. Rather than asking of every entry whether
    something corrects it and whether anyone reviewed it, the corrections and the reviews
    are read from their indexes and looked up among the incident's entries: the cost
    follows what was corrected and reviewed, not the length of the log."""
    entry, corrector = aliased(LogEntry), aliased(LogEntry)
    rows = select(func.count()).select_from(LogEntry).where(LogEntry.incident_id == _INCIDENT)
    corrected = select(func.count()).select_from(entry).where(
        entry.incident_id == _INCIDENT,
        entry.id.in_(select(corrector.corrects_id).where(corrector.corrects_id.is_not(None))))
    reviewed_current = select(func.count()).select_from(entry).where(
        entry.incident_id == _INCIDENT, entry.id.in_(select(LogReview.entry_id)),
        ~exists().where(corrector.corrects_id == entry.id))
    return select(rows.scalar_subquery(), corrected.scalar_subquery(),
                  reviewed_current.scalar_subquery())


_LOG_COUNTS = _log_counts()


def _strs(pairs: tuple[tuple[str | None, int], ...]) -> tuple[tuple[str, int], ...]:
    return tuple((k or "", n) for k, n in pairs)
