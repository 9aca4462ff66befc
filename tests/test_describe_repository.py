"""Describing items one at a time and 200 at once: validation, audit, states, appraisal."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from app.store.errors import InvalidInput, NotFound
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.filing_support import DESCRIBED, add_items
from tests.test_store_support import audit_count, sql

CST = timezone(timedelta(hours=8))
JULY = datetime(2025, 7, 21, 9, 0, tzinfo=CST)


def commits_during(repos: Repositories) -> list[int]:
    counter: list[int] = []
    event.listen(repos.store.engine, "commit", lambda conn: counter.append(1))
    return counter


def test_a_batch_edit_of_200_items_is_one_transaction_with_200_audit_events(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = add_items(repos, incident.id, [JULY + timedelta(minutes=n) for n in range(200)])
    before = audit_count(repos.store.root)
    commits = commits_during(repos)
    result = repos.description.describe(
        ids, {"place": "兴和县城关镇", "people": "消防救援人员", "phase": "应急处置与救援"},
        operator=None)
    assert len(commits) == 1
    assert len(result.changed) == 200 and result.unchanged == ()
    # 200 description events, and the unit of work's one row-seal event (app.store.seal).
    assert audit_count(repos.store.root) == before + 200 + 1
    rows = sql(repos.store.root,
               "SELECT item_id, detail FROM audit_event WHERE event_type = 'item.describe'")
    assert {r[0] for r in rows} == set(ids)
    detail = json.loads(str(rows[0][1]))
    assert detail["changes"]["place"] == {"old": "", "new": "兴和县城关镇"}
    assert detail["changes"]["phase"] == {"old": None, "new": "response"}
    assert detail["revision"] == 2
    got = repos.items.get(ids[7])
    assert (got.place, got.phase, got.revision) == ("兴和县城关镇", "response", 2)


def test_setting_the_same_values_again_changes_and_records_nothing(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = add_items(repos, incident.id, [JULY, JULY])
    repos.description.describe(ids, {"place": "兴和"})
    before = audit_count(repos.store.root)
    result = repos.description.describe(ids, {"place": "兴和"})
    assert result.changed == () and set(result.unchanged) == set(ids)
    assert audit_count(repos.store.root) == before


def test_completeness_moves_the_state_both_ways_and_category_sets_retention(
        repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    assert repos.items.get(item).state == "captured"
    r = repos.description.describe([item], {**DESCRIBED, "category": "现场照片(一般)"})
    got = repos.items.get(item)
    assert (got.state, got.retention, got.retention_category_key) == (
        "described", "D30", "photos-general")
    assert r.changed[0].missing == ()
    r = repos.description.describe([item], {"title": ""})
    assert repos.items.get(item).state == "captured"
    assert r.changed[0].missing == ("title",)


def test_caption_elements_compose_the_description(
        repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    repos.description.describe([item], {"caption": {
        "time": "2025年7月21日", "people": "救援人员", "place": "城关镇", "cause": "转移群众",
        "photographer": "张三"}})
    got = repos.items.get(item)
    assert got.description == "2025年7月21日，救援人员在城关镇转移群众。（张三 摄）"
    assert got.caption["photographer"] == "张三"
    repos.description.describe([item], {"caption": {"photographer": "李四"}})
    assert repos.items.get(item).description.endswith("（李四 摄）")
    repos.description.describe([item], {"description": "自己写的说明"})
    repos.description.describe([item], {"caption": {"background": "远处为堤坝"}})
    assert repos.items.get(item).description == "自己写的说明"


@pytest.mark.parametrize(("changes", "words"), [
    ({"date": "2025-13-40"}, "is not a date"),
    ({"date": (datetime.now(UTC) + timedelta(days=2)).isoformat()}, "in the future"),
    ({"latitude": 91, "longitude": 100}, "latitude 91 is out of range"),
    ({"latitude": 40, "longitude": -181}, "longitude -181 is out of range"),
    ({"latitude": 40}, "together"),
    ({"category": "no-such"}, "not a category of this incident's retention schedule"),
    ({"phase": "later"}, "is not a phase"),
    ({"classification": "hush"}, "is not a classification"),
    ({"caption": {"weather": "rain"}}, "caption elements"),
    ({"colour": "red"}, "Unknown item fields"),
])
def test_bad_values_refuse_the_whole_batch(
        repos: Repositories, incident: IncidentRecord, changes: dict[str, object],
        words: str) -> None:
    ids = add_items(repos, incident.id, [JULY, JULY])
    before = audit_count(repos.store.root)
    with pytest.raises(InvalidInput, match=words):
        repos.description.describe(ids, {"title": "改了", **changes})
    assert audit_count(repos.store.root) == before
    assert repos.items.get(ids[0]).title == ""


def test_unknown_and_ambiguous_references_are_named_and_nothing_changes(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = add_items(repos, incident.id, [JULY] * 3)
    # Two ids that share their first eight characters (a hand edit; ids are random).
    twins = ["abcd1234-0000-4000-8000-000000000001", "abcd1234-0000-4000-8000-000000000002"]
    for old, new in zip(ids[:2], twins, strict=True):
        sql(repos.store.root, f"UPDATE item SET id = '{new}' WHERE id = '{old}'",
            f"UPDATE file SET item_id = '{new}' WHERE item_id = '{old}'")
    with pytest.raises(NotFound, match="no-such-item"):
        repos.description.describe([ids[2], "no-such-item"], {"title": "x"})
    with pytest.raises(InvalidInput, match="More than one item starts with abcd1234"):
        repos.description.describe([ids[2], "abcd1234"], {"title": "x"})
    assert repos.items.get(ids[2]).title == ""
    # an unambiguous prefix works
    repos.description.describe([ids[2][:8], twins[1]], {"title": "前缀"})
    assert repos.items.get(ids[2]).title == "前缀"
    assert repos.items.get(twins[1]).title == "前缀"
    assert repos.items.get(twins[0]).title == ""


def test_a_batch_with_a_transferred_item_is_refused_whole_naming_it(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = add_items(repos, incident.id, [JULY] * 3)
    sql(repos.store.root, f"UPDATE item SET state = 'transferred' WHERE id = '{ids[1]}'")
    with pytest.raises(InvalidInput, match=ids[1][:8] + ".*work-log note"):
        repos.description.describe(ids, {"title": "批量"})
    assert [repos.items.get(i).title for i in ids] == ["", "", ""]


def test_a_date_is_kept_in_its_own_offset(repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    repos.description.describe([item], {"date": "2025-01-01T00:30+08:00"})
    got = repos.items.get(item)
    assert got.date is not None and got.date.isoformat() == "2025-01-01T00:30:00+08:00"


def test_appraisal_excludes_with_a_reason_and_restores_audited(
        repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    with pytest.raises(InvalidInput, match="reason"):
        repos.description.appraise([item], exclude=True, reason=" ")
    repos.description.appraise([item], exclude=True, reason="试拍")
    got = repos.items.get(item)
    assert got.excluded and got.exclusion_reason == "试拍"
    [st] = repos.item_status.status(incident.id, state="excluded")
    assert st.id == item
    repos.description.appraise([item], exclude=False)
    assert not repos.items.get(item).excluded
    kinds = [h.event_type for h in repos.item_status.history(item)]
    assert kinds[-2:] == ["item.exclude", "item.restore"]


def test_history_puts_changes_into_words_with_old_and_new_values(
        repos: Repositories, incident: IncidentRecord) -> None:
    [item] = add_items(repos, incident.id, [JULY])
    repos.description.describe([item], {"title": "转移群众", "place": "城关镇"})
    history = repos.item_status.history(item)
    assert history[0].event_type == "item.import"
    last = history[-1]
    assert str(last.summary) == "Described: place, title"
    assert {(c.field, c.old, c.new) for c in last.changes} == {
        ("title", "", "转移群众"), ("place", "", "城关镇")}
