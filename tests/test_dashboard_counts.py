"""The dashboard's SQL counts agree with counting the same rows one by one in Python.

A store with two incidents, items in mixed kinds, channels, classifications, phases and
states (some filed, some transferred), and a work log with corrections (one corrected twice)
and reviews (approved and returned, one of an entry since corrected): every figure of the
dashboard is checked against a plain count over the rows read back from the store.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.domain.collection import MaterialGroup, material_count
from app.store.models import Item, LogEntry, LogReview
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.library_support import bulk_items
from tests.ui_log_support import bulk_log

T = datetime.fromisoformat


@pytest.fixture
def mixed(repos: Repositories, incident: IncidentRecord) -> IncidentRecord:
    recorder = repos.operators.add("张三", "旗档案馆", "archivist")
    repos.operators.add("李娜", "旗档案馆", "reviewer", passphrase="correct horse")
    other = repos.incidents.create("另一事件", "natural", "II", T("2025-08-01T08:00:00+08:00"),
                                   "Z109", number="FL2025-02")
    bulk_items(repos.store, incident.id, 60)
    bulk_items(repos.store, other.id, 25)
    bulk_log(repos.store, incident.id, recorder.id, 30)
    bulk_log(repos.store, other.id, recorder.id, 12)
    with repos.store.writer() as s:
        ids = s.scalars(select(Item.id).where(Item.incident_id == incident.id)
                        .order_by(Item.date)).all()
        kinds = ("photo", "audio", "video", "document", "physical")
        channels = ("self", "self", "oral", "media", "donation")
        keys = (None, "", "plans", "media", None, "photos-important")
        for n, item_id in enumerate(ids):
            values: dict[str, object] = {
                "kind": kinds[n % 5], "source_channel": channels[n % 7 % 5],
                "retention_category_key": keys[n % 6]}
            if n % 4 == 0:  # filed
                values |= {"archival_code": f"Z109-ZP·2025-Y-YJB-{n:04d}", "state": "filed"}
            if n % 8 == 0:  # and of those, half transferred
                values |= {"state": "transferred",
                           "transferred_at": datetime(2025, 9, 10, 2, 0, tzinfo=UTC)}
            s.execute(update(Item).where(Item.id == item_id).values(**values))
        entries = s.scalars(select(LogEntry.id).where(LogEntry.incident_id == incident.id)
                            .order_by(LogEntry.seq)).all()
    first = repos.log.correct(entries[0], "更正一次。", reason="补充地点")
    repos.log.correct(first.id, "更正两次。", reason="再补充")
    repos.log.review([entries[1], entries[2], entries[3]], "李娜", "correct horse", "同意")
    repos.log.correct(entries[1], "更正。", reason="时间有误")  # its review stays behind
    repos.log.review([entries[4]], "李娜", "correct horse", "请补充", returned=True)
    repos.log.add(other.id, "另一事件的日志。")
    return incident


def test_figures_agree_with_counting_the_rows(repos: Repositories,
                                              mixed: IncidentRecord) -> None:
    with repos.store.reader() as s:
        items = s.scalars(select(Item).where(Item.incident_id == mixed.id)).all()
        log = s.scalars(select(LogEntry).where(LogEntry.incident_id == mixed.id)).all()
        corrected = {e.corrects_id for e in s.scalars(select(LogEntry)) if e.corrects_id}
        reviewed = set(s.scalars(select(LogReview.entry_id)))
        rows = [(i.kind, i.source_channel, i.retention_category_key or None, i.phase,
                 i.state, i.archival_code, i.transferred_at) for i in items]
    current = [e.id for e in log if e.id not in corrected]
    groups = Counter((kind, channel, key) for kind, channel, key, *_ in rows)
    material = [MaterialGroup(k, c, key, n) for (k, c, key), n in groups.items()]

    dash = repos.dashboard.summary(mixed.id, now=T("2026-02-10T09:00:00+08:00"))

    assert dash.items == len(rows) == 60
    assert dict(dash.by_kind) == Counter(r[0] for r in rows)
    assert dict(dash.by_channel) == Counter(r[1] for r in rows)
    assert dict(dash.by_phase) == Counter(r[3] for r in rows)
    assert dict(dash.by_state) == Counter(r[4] for r in rows)
    assert len(dash.by_state) == 4  # all four states are there
    for pairs in (dash.by_kind, dash.by_channel, dash.by_state):  # most first
        assert [n for _, n in pairs] == sorted((n for _, n in pairs), reverse=True)
    assert dash.not_filed == sum(1 for r in rows if r[5] is None)
    assert dash.not_transferred == sum(1 for r in rows if r[6] is None)
    assert 0 < dash.not_filed < dash.not_transferred < dash.items
    assert dash.log_entries == len(current) == 30  # corrections replace, never add
    assert dash.log_unreviewed == sum(1 for e in current if e not in reviewed) == 27
    assert dash.incident.item_count == 60 and len(log) == 33
    # The incident's own counts say what the log shows, as the incident list does.
    assert (dash.incident.log_count, dash.incident.log_corrections) == (30, 3)
    listed = next(i for i in repos.incidents.list() if i.id == mixed.id)
    assert (listed.log_count, listed.log_corrections) == (30, 3)
    assert {c.key: c.count for c in dash.categories} == {
        c.key: material_count(c.key, material, len(current)) for c in dash.schedule.categories}
