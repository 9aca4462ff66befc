"""The incident dashboard's figures on a fixture incident, at fixed moments."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.collection import MaterialGroup, material_count
from app.domain.deadlines import FilingState, filing_status
from app.store.models import Item
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile

T = datetime.fromisoformat
STARTED = T("2025-07-21T14:30:00+08:00")
ENDED = T("2025-08-31T18:00:00+08:00")  # filing due 2026-02-28 18:00 +08:00


def test_filing_status_on_a_fixed_clock() -> None:
    ongoing = filing_status(STARTED, None, T("2025-07-23T09:00:00+08:00"))
    assert ongoing.state is FilingState.ONGOING and ongoing.response_days == 3
    assert ongoing.days_left is None and ongoing.deadline is None
    # Late in the evening UTC is already the next day in the incident's offset.
    assert filing_status(STARTED, None, T("2025-07-22T17:00:00+00:00")).response_days == 3
    early = filing_status(STARTED, ENDED, T("2025-09-01T09:00:00+08:00"))
    assert early.state is FilingState.OPEN and early.days_left == 180
    assert early.deadline == T("2026-02-28T18:00:00+08:00") and early.response_days == 42
    assert filing_status(STARTED, ENDED, T("2026-01-28T09:00:00+08:00")).state is \
        FilingState.OPEN  # 31 days left
    warn = filing_status(STARTED, ENDED, T("2026-01-29T09:00:00+08:00"))
    assert warn.state is FilingState.WARNING and warn.days_left == 30
    last = filing_status(STARTED, ENDED, T("2026-02-28T17:59:00+08:00"))
    assert last.state is FilingState.WARNING and last.days_left == 0
    late = filing_status(STARTED, ENDED, T("2026-03-03T09:00:00+08:00"))
    assert late.state is FilingState.OVERDUE and late.days_left == -3
    assert late.days_overdue == 3
    # An end recorded ahead of the clock: still responding.
    assert filing_status(STARTED, ENDED, T("2025-08-30T09:00:00+08:00")).state is \
        FilingState.ONGOING


def test_material_counts_by_nature_until_classified() -> None:
    groups = [MaterialGroup("photo", "self", None, 5),
              MaterialGroup("photo", "self", "media", 2),
              MaterialGroup("audio", "oral", None, 1)]
    assert material_count("photos-general", groups, 0) == 5
    assert material_count("media", groups, 0) == 2  # by classification only
    assert material_count("oral-history", groups, 0) == 1
    assert material_count("av-general", groups, 0) == 0  # an oral recording is not on-site AV
    assert material_count("work-logs", groups, 4) == 4
    assert material_count("plans", groups, 4) == 0


def _ingest(repos: Repositories, incident: IncidentRecord, kind: str, name: str,
            batch: str | None = None, **fields: str) -> str:
    return repos.items.ingest(incident.id, kind, [NewFile(name.encode(), original_name=name)],
                              batch_id=batch, fields=fields).id


@pytest.fixture
def filled(repos: Repositories, incident: IncidentRecord) -> IncidentRecord:
    """Three on-site photos, an oral-history recording, a media handover, a physical
    object, a classified document, and three work-log entries (one reviewed, one corrected)."""
    repos.operators.add("张三", "旗档案馆", "archivist")
    repos.operators.add("李娜", "旗档案馆", "reviewer", passphrase="correct horse")
    for n in range(3):
        _ingest(repos, incident, "photo", f"IMG_{n}.JPG", phase="response")
    oral = repos.items.create_batch(incident.id, "oral", {"narrator": "乌云其木格"})
    _ingest(repos, incident, "audio", "oral.wav", oral.id, phase="recovery")
    media = repos.items.create_batch(incident.id, "media", {"organisation": "旗融媒体中心"})
    _ingest(repos, incident, "video", "news.mp4", media.id)
    _ingest(repos, incident, "physical", "helmet.jpg", title="救援头盔")
    plan = _ingest(repos, incident, "document", "plan.pdf", retention_category_key="plans")
    with repos.store.writer() as s:  # filed and transferred (that API is built elsewhere)
        row = s.get(Item, plan)
        assert row is not None
        row.archival_code, row.state = "Z109-WS·2025-Y-YJB-0001", "transferred"
        row.transferred_at = T("2025-09-10T10:00:00+08:00")
    when = T("2025-07-22T10:00:00+08:00")
    first = repos.log.add(incident.id, "到达现场。", occurred_at=when)
    repos.log.add(incident.id, "开始拍摄。", occurred_at=when)
    repos.log.correct(first.id, "到达震中某镇。", reason="补充地点")
    reviewed = repos.log.add(incident.id, "会议。", occurred_at=when)
    repos.log.review([reviewed.id], "李娜", "correct horse", "同意")
    repos.incidents.end_response(incident.id, ENDED)
    return incident


def test_dashboard_figures_for_a_fixture_incident(repos: Repositories,
                                                  filled: IncidentRecord) -> None:
    dash = repos.dashboard.summary(filled.id, now=T("2026-02-10T09:00:00+08:00"))
    assert dash.incident.id == filled.id and dash.incident.name == filled.name
    assert dash.filing.state is FilingState.WARNING and dash.filing.days_left == 18
    assert dash.items == 7
    assert dict(dash.by_kind) == {"photo": 3, "audio": 1, "video": 1, "physical": 1,
                                  "document": 1}
    assert dash.by_kind[0] == ("photo", 3)  # most first
    assert dict(dash.by_phase) == {"response": 3, "recovery": 1, None: 3}
    assert dict(dash.by_channel) == {"self": 5, "oral": 1, "media": 1}
    assert dict(dash.by_state) == {"captured": 6, "transferred": 1}
    assert dash.not_filed == 6 and dash.not_transferred == 6
    assert dash.log_entries == 3 and dash.log_unreviewed == 2
    fills = {c.key: c.count for c in dash.categories}
    assert fills["photos-general"] == 3 and fills["oral-history"] == 1
    assert fills["media"] == 1 and fills["physical"] == 1 and fills["plans"] == 1
    assert fills["work-logs"] == 3
    assert [c.key for c in dash.gaps] == [
        "instructions", "meetings", "reports", "av-important", "av-general", "statistics",
        "donations", "supplies", "accountability", "routine"]
    assert dash.schedule.version == 1
    overdue = repos.dashboard.summary(filled.number or "", now=T("2026-03-03T09:00:00+08:00"))
    assert overdue.filing.state is FilingState.OVERDUE and overdue.filing.days_overdue == 3
