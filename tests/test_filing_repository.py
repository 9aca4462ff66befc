"""Filing: 档号 gap-free across groups, years and runs; un-filing and re-classifying
renumber; excluded and transferred items; the database refuses a duplicate 件号."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from app.store.errors import InvalidInput
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_store_support import sql

CST = timezone(timedelta(hours=8))
JULY = datetime(2025, 7, 21, 9, 0, tzinfo=CST)


def described(repos: Repositories, incident_id: str, dates: list[datetime],
              category: str = "photos-important", kind: str = "photo",
              tag: str = "") -> list[str]:
    ids = add_items(repos, incident_id, dates, kind=kind, tag=tag)
    repos.description.describe(ids, {**DESCRIBED, "category": category})
    return ids


def codes_of(repos: Repositories, ids: list[str]) -> list[str | None]:
    return [repos.items.get(i).archival_code for i in ids]


def test_filing_numbers_in_date_order_within_each_group(
        repos: Repositories, incident: IncidentRecord) -> None:
    days = [JULY + timedelta(days=d) for d in (3, 1, 2)]
    photos = described(repos, incident.id, days)
    general = described(repos, incident.id, [JULY], category="photos-general", tag="g")
    # Half past midnight on New Year's Day in its own offset, still 2024 in UTC.
    new_year = described(repos, incident.id, [datetime(2025, 1, 1, 0, 30, tzinfo=CST)],
                         tag="y")
    sound = described(repos, incident.id, [JULY], category="av-important", kind="audio")
    result = repos.filing.file(incident.id)
    assert len(result.filed) == 6 and result.blocked == ()
    assert codes_of(repos, photos) == ["Z109-ZP·2025-Y-YJB-0004", "Z109-ZP·2025-Y-YJB-0002",
                                       "Z109-ZP·2025-Y-YJB-0003"]
    assert codes_of(repos, general) == ["Z109-ZP·2025-D30-YJB-0001"]
    assert codes_of(repos, sound) == ["Z109-LY·2025-Y-YJB-0001"]
    # 2025-01-01 00:30 +08:00 is in 2025, the earliest of its group.
    assert codes_of(repos, new_year) == ["Z109-ZP·2025-Y-YJB-0001"]
    got = repos.items.get(new_year[0])
    assert got.year == 2025 and got.state == "filed"
    assert_gap_free(repos.store.root)


def test_a_later_run_continues_each_group_and_the_whole_stays_gap_free(
        repos: Repositories, incident: IncidentRecord) -> None:
    first = described(repos, incident.id, [JULY + timedelta(hours=h) for h in range(5)])
    repos.filing.file(incident.id)
    # Earlier photos described later still come after: numbers never move on filing.
    second = described(repos, incident.id, [JULY - timedelta(days=1)] * 3, tag="b")
    run = repos.filing.file(incident.id)
    assert [f.archival_code[-4:] for f in run.filed] == ["0006", "0007", "0008"]
    assert codes_of(repos, first)[0] == "Z109-ZP·2025-Y-YJB-0001"
    assert sorted(codes_of(repos, second)) == [f"Z109-ZP·2025-Y-YJB-000{n}" for n in (6, 7, 8)]
    again = repos.filing.file(incident.id)
    assert again.filed == () and again.run_id is None
    groups = assert_gap_free(repos.store.root)
    assert groups == {"Z109-ZP·2025-Y-YJB": [1, 2, 3, 4, 5, 6, 7, 8]}


def test_items_that_cannot_be_filed_come_back_with_what_they_lack(
        repos: Repositories, incident: IncidentRecord) -> None:
    [bare] = add_items(repos, incident.id, [JULY])
    [no_category] = add_items(repos, incident.id, [JULY], tag="n")
    repos.description.describe([no_category], DESCRIBED)
    [excluded] = described(repos, incident.id, [JULY], tag="x")
    repos.description.appraise([excluded], exclude=True, reason="重复")
    [good] = described(repos, incident.id, [JULY], tag="ok")
    result = repos.filing.file(incident.id)
    assert [f.item_id for f in result.filed] == [good]
    lacks = {b.item_id: b.lacks for b in result.blocked}
    assert lacks[bare] == ("title", "creator", "retention", "description", "category")
    assert lacks[no_category] == ("retention", "category")
    assert excluded not in lacks  # not asked for by name: excluded items are left alone
    named = repos.filing.file(incident.id, [excluded, good])
    assert {b.item_id: b.lacks for b in named.blocked} == {excluded: ("excluded",),
                                                          good: ("filed",)}
    assert repos.items.get(excluded).archival_code is None


def test_unfiling_renumbers_the_group_without_gaps(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = described(repos, incident.id, [JULY + timedelta(hours=h) for h in range(6)])
    repos.filing.file(incident.id)
    result = repos.filing.unfile([ids[1], "Z109-ZP·2025-Y-YJB-0004"])
    assert dict(result.unfiled) == {ids[1]: "Z109-ZP·2025-Y-YJB-0002",
                                    ids[3]: "Z109-ZP·2025-Y-YJB-0004"}
    assert codes_of(repos, ids) == ["Z109-ZP·2025-Y-YJB-0001", None,
                                    "Z109-ZP·2025-Y-YJB-0002", None,
                                    "Z109-ZP·2025-Y-YJB-0003", "Z109-ZP·2025-Y-YJB-0004"]
    assert repos.items.get(ids[1]).state == "described"
    assert_gap_free(repos.store.root)
    # Filed again, they go to the end of the group.
    repos.filing.file(incident.id)
    assert codes_of(repos, [ids[1], ids[3]]) == ["Z109-ZP·2025-Y-YJB-0005",
                                                 "Z109-ZP·2025-Y-YJB-0006"]
    history = [str(h.summary) for h in repos.item_status.history(ids[2])]
    assert "Renumbered from Z109-ZP·2025-Y-YJB-0003 to Z109-ZP·2025-Y-YJB-0002: on request" \
        in history


def test_reclassifying_or_redating_a_filed_item_unfiles_it_and_closes_the_gap(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = described(repos, incident.id, [JULY + timedelta(hours=h) for h in range(4)])
    repos.filing.file(incident.id)
    r = repos.description.describe([ids[0]], {"category": "photos-general"})
    assert r.changed[0].unfiled_code == "Z109-ZP·2025-Y-YJB-0001"
    got = repos.items.get(ids[0])
    assert (got.archival_code, got.state, got.retention) == (None, "described", "D30")
    assert codes_of(repos, ids[1:]) == [f"Z109-ZP·2025-Y-YJB-000{n}" for n in (1, 2, 3)]
    # A date in another year moves it out of its 年度 group too.
    repos.description.describe([ids[2]], {"date": "2024-12-30T10:00+08:00"})
    assert repos.items.get(ids[2]).archival_code is None
    # A date change within the year keeps the code; so does a title change.
    repos.description.describe([ids[1]], {"date": "2025-08-01T10:00+08:00",
                                          "title": "新题名"})
    assert repos.items.get(ids[1]).archival_code == "Z109-ZP·2025-Y-YJB-0001"
    # Emptying a required field takes the code away.
    repos.description.describe([ids[3]], {"creator": ""})
    assert repos.items.get(ids[3]).state == "captured"
    assert_gap_free(repos.store.root)
    repos.filing.file(incident.id)
    assert_gap_free(repos.store.root)


def test_excluding_a_filed_item_unfiles_it_and_it_is_never_filed_again(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = described(repos, incident.id, [JULY + timedelta(hours=h) for h in range(3)])
    repos.filing.file(incident.id)
    [a] = repos.description.appraise([ids[0]], exclude=True, reason="模糊")
    assert a.unfiled_code == "Z109-ZP·2025-Y-YJB-0001"
    assert repos.filing.file(incident.id).filed == ()
    assert codes_of(repos, ids) == [None, "Z109-ZP·2025-Y-YJB-0001",
                                    "Z109-ZP·2025-Y-YJB-0002"]
    status = {s.id: s for s in repos.item_status.status(incident.id, missing_only=True)}
    assert ids[0] not in status


def test_transferred_items_are_frozen(repos: Repositories, incident: IncidentRecord) -> None:
    ids = described(repos, incident.id, [JULY + timedelta(hours=h) for h in range(3)])
    repos.filing.file(incident.id)
    sql(repos.store.root, f"UPDATE item SET state = 'transferred' WHERE id = '{ids[2]}'")
    with pytest.raises(InvalidInput, match="Z109-ZP·2025-Y-YJB-0003 already transferred"):
        repos.filing.unfile([ids[2]])
    # Removing an earlier item would renumber the transferred one: refused, nothing moves.
    with pytest.raises(InvalidInput, match="transferred item with piece 3"):
        repos.filing.unfile([ids[0]])
    with pytest.raises(InvalidInput, match="transferred item with piece 3"):
        repos.description.describe([ids[1]], {"category": "photos-general"})
    assert codes_of(repos, ids) == [f"Z109-ZP·2025-Y-YJB-000{n}" for n in (1, 2, 3)]
    assert repos.items.get(ids[1]).retention == "Y"


def test_unfiling_an_item_that_is_not_filed_is_refused(
        repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    with pytest.raises(InvalidInput, match="not filed"):
        repos.filing.unfile([item])


def test_the_database_itself_refuses_a_duplicate_piece_in_a_group(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = described(repos, incident.id, [JULY, JULY + timedelta(hours=1)])
    repos.filing.file(incident.id)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        sql(repos.store.root, "UPDATE item SET piece_number = 1, "
            f"archival_code = 'x' WHERE id = '{ids[1]}'")


def test_items_of_another_incident_cannot_be_filed_by_name(
        repos: Repositories, incident: IncidentRecord) -> None:
    other = repos.incidents.create("另一事件", "accident", "III", JULY, "Z109")
    [theirs] = described(repos, other.id, [JULY], tag="o")
    with pytest.raises(Exception, match="no item"):
        repos.filing.file(incident.id, [theirs])
    # Same fonds without an org code: its own groups, no 机构 part.
    repos.filing.file(other.id)
    assert repos.items.get(theirs).archival_code == "Z109-ZP·2025-Y-0001"
