"""What goes into the store comes back out unchanged, after the store is closed and reopened."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.domain.retention import MAJOR_INCIDENT_TEMPLATE, TEMPLATE_NAME, TEMPLATE_VERSION
from app.store.errors import InvalidInput, PermissionDenied
from app.store.models import Item
from app.store.records import RetentionCategoryRecord
from app.store.repositories import Repositories
from app.store.store import DB_NAME, Store

MONGOLIAN = "ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ"  # Mongolian script, as the region writes it
GREAT_WALL = "长城长城长城长城"  # eight characters, the shortest passphrase accepted
CHINESE = "2025年某旗7.1级地震"


def reopen(path: Path) -> Repositories:
    return Repositories(Store.open(path))


def test_incident_round_trips_with_chinese_and_mongolian_text(store_path: Path) -> None:
    started = datetime.fromisoformat("2025-07-21T14:30:00+08:00")
    with Store.open(store_path, create=True) as store:
        created = Repositories(store).incidents.create(
            f"{CHINESE} {MONGOLIAN}", "自然灾害", "特别重大", started, "Z109",
            number="EQ2025-01", place=f"内蒙古某旗 {MONGOLIAN}", fonds_name="应急管理局",
            lead_unit="旗应急管理局", participating_units=["消防救援大队", MONGOLIAN, "  "],
            org_code="YJB",
        )
    repos = reopen(store_path)
    try:
        got = repos.incidents.get(created.id)
        assert got == created
        assert got.name == f"{CHINESE} {MONGOLIAN}"
        assert got.kind == "natural" and got.level == "I"
        assert got.place == f"内蒙古某旗 {MONGOLIAN}"
        assert got.participating_units == ("消防救援大队", MONGOLIAN)
        # Shown in the offset it was given in, equal to the same instant in UTC.
        assert got.started_at.utcoffset() == timedelta(hours=8)
        assert got.started_at == started
        assert repos.incidents.get("EQ2025-01").id == created.id  # by its number
        assert repos.incidents.get(created.id[:8]).id == created.id  # by an id prefix
        assert [i.id for i in repos.incidents.list()] == [created.id]
    finally:
        repos.store.close()
    # Stored as readable UTF-8 text, not escaped: other tools see the same words.
    conn = sqlite3.connect(store_path / DB_NAME)
    name, units = conn.execute("SELECT name, participating_units FROM incident").fetchone()
    conn.close()
    assert name == f"{CHINESE} {MONGOLIAN}"
    assert MONGOLIAN in units


def test_response_end_sets_the_six_month_filing_deadline(repos: Repositories, incident) -> None:
    ended = datetime.fromisoformat("2025-08-31T18:00:00+08:00")
    rec = repos.incidents.end_response(incident.id, ended)
    assert rec.response_ended_at == ended
    assert rec.filing_deadline is not None
    assert rec.filing_deadline.date().isoformat() == "2026-02-28"
    with pytest.raises(InvalidInput, match="before the incident started"):
        repos.incidents.end_response(incident.id, datetime(2020, 1, 1, tzinfo=UTC))


def test_operator_round_trips_and_passphrase_confirms_authority(store_path: Path) -> None:
    with Store.open(store_path, create=True) as store:
        repos = Repositories(store)
        archivist = repos.operators.add(MONGOLIAN, "档案馆", "档案员", position="馆员")
        reviewer = repos.operators.add("王审核", "应急管理局", "审核人", passphrase=GREAT_WALL)
    repos = reopen(store_path)
    try:
        assert repos.operators.get(MONGOLIAN) == archivist
        assert archivist.role == "archivist" and not archivist.has_passphrase
        assert repos.operators.get("王审核") == reviewer
        assert reviewer.has_passphrase
        # The first operator added is the default one.
        default = repos.operators.default()
        assert default is not None and default.id == archivist.id
        assert repos.operators.authenticate("王审核", GREAT_WALL, role="reviewer") == reviewer
        with pytest.raises(PermissionDenied, match="Wrong passphrase"):
            repos.operators.authenticate("王审核", "wrong-one", role="reviewer")
        with pytest.raises(PermissionDenied, match="needs a reviewer"):
            repos.operators.authenticate(MONGOLIAN, "", role="reviewer")
    finally:
        repos.store.close()
    # Only a salted hash is stored, never the passphrase.
    conn = sqlite3.connect(store_path / DB_NAME)
    raw = conn.execute("SELECT passphrase_hash FROM operator WHERE name='王审核'").fetchone()[0]
    conn.close()
    assert raw.startswith("scrypt$") and "长城" not in raw


def test_schedule_is_copied_from_the_template_and_versions_are_kept(
    repos: Repositories, incident
) -> None:
    sched = repos.schedules.current(incident.id)
    assert sched.version == 1 and sched.status == "draft"
    assert sched.name == TEMPLATE_NAME and sched.template_version == TEMPLATE_VERSION
    assert [(c.key, c.name_zh, c.name_en, c.retention) for c in sched.categories] == [
        (e.key, e.name_zh, e.name_en, e.retention) for e in MAJOR_INCIDENT_TEMPLATE
    ]
    edited = [*sched.categories, RetentionCategoryRecord("mongolian", MONGOLIAN, "", "Y")]
    revised = repos.schedules.revise(incident.id, edited)
    assert revised.version == 2
    assert revised.categories[-1] == RetentionCategoryRecord("mongolian", MONGOLIAN, "", "Y")
    reviewer = repos.operators.add("李审核", "档案局", "reviewer", passphrase="secret-1")
    with pytest.raises(PermissionDenied, match="Wrong passphrase"):
        repos.schedules.approve(incident.id, "李审核", "wrong-one", "内档发〔2025〕3号")
    approved = repos.schedules.approve(incident.id, "李审核", "secret-1", "内档发〔2025〕3号")
    assert approved.status == "approved" and approved.approved_by == reviewer.id
    assert repos.schedules.current(incident.id) == approved
    with pytest.raises(InvalidInput, match="Unknown retention"):
        repos.schedules.revise(incident.id, [RetentionCategoryRecord("x", "x", "", "D99")])


def test_audit_records_every_change_with_its_text(store_path: Path) -> None:
    with Store.open(store_path, create=True) as store:
        repos = Repositories(store)
        op = repos.operators.add("其其格", "档案馆", "archivist")
        inc = repos.incidents.create(MONGOLIAN, "natural", "II",
                                     datetime(2025, 7, 1, 8, tzinfo=UTC), "Z109")
    repos = reopen(store_path)
    try:
        events = repos.audit.list()
    finally:
        repos.store.close()
    # Each unit of work ends with the seal of the rows it wrote (app/store/seal.py).
    assert [e.event_type for e in events] == ["store.seal", "schedule.create", "incident.create",
                                              "store.seal", "operator.add"]
    assert [e.seq for e in events] == [5, 4, 3, 2, 1]
    created = events[2]
    assert created.incident_id == inc.id and created.object_id == inc.id
    assert created.detail["name"] == MONGOLIAN
    assert created.agent == "其其格"  # the default operator acts when none is named
    assert created.occurred_at.tzinfo is not None
    assert events[4].object_id == op.id


def test_item_text_and_technical_json_round_trip(store: Store, incident) -> None:
    now = datetime.now(timezone(timedelta(hours=8)))
    with store.writer() as s:
        item = Item(incident_id=incident.id, kind="photo", category="ZP", title=MONGOLIAN,
                    description=f"{CHINESE}：救援现场", date=now, language="mn",
                    technical={"exif": {"Make": "佳能", "note": MONGOLIAN}, "width": 4000},
                    created_at=now, updated_at=now)
        s.add(item)
    with store.reader() as s:
        got = s.get(Item, item.id)
        assert got is not None
        assert (got.title, got.description, got.language) == (
            MONGOLIAN, f"{CHINESE}：救援现场", "mn")
        assert got.technical == {"exif": {"Make": "佳能", "note": MONGOLIAN}, "width": 4000}
        assert got.date == now  # the same instant, returned in UTC
        assert got.date is not None and got.date.tzinfo == UTC


def test_a_naive_time_is_refused_rather_than_guessed(store: Store, incident) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        with store.writer() as s:
            s.add(Item(incident_id=incident.id, kind="photo", category="ZP",
                       created_at=datetime(2025, 1, 1), updated_at=datetime(2025, 1, 1)))
    with store.reader() as s:
        assert s.query(Item).count() == 0
