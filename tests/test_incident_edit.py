"""Editing an incident: audited with old and new values; new codes un-file its items."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from app.store.errors import InvalidInput
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.filing_support import DESCRIBED, add_items, assert_gap_free
from tests.test_store_support import audit_count, sql

CST = timezone(timedelta(hours=8))
JULY = datetime(2025, 7, 21, 9, 0, tzinfo=CST)


def test_an_edit_is_audited_with_old_and_new_values(
        repos: Repositories, incident: IncidentRecord) -> None:
    rec = repos.incidents.edit(incident.id, {"name": "2025年某旗地震", "level": "重大",
                                             "participating_units": ["消防", "卫健委"]})
    assert (rec.name, rec.level, rec.participating_units) == (
        "2025年某旗地震", "II", ("消防", "卫健委"))
    [(detail,)] = sql(repos.store.root,
                      "SELECT detail FROM audit_event WHERE event_type = 'incident.edit'")
    changes = json.loads(str(detail))["changes"]
    assert changes["level"] == {"old": "I", "new": "II"}
    assert changes["name"]["old"] == "2025年某旗7.1级地震"
    before = audit_count(repos.store.root)
    repos.incidents.edit(incident.id, {"name": "2025年某旗地震"})  # nothing changes
    assert audit_count(repos.store.root) == before


@pytest.mark.parametrize(("changes", "words"), [
    ({"fonds_code": "Z-1"}, "fonds code"),
    ({"org_code": "应急"}, "organisation code"),
    ({"kind": "meteor"}, "incident kind"),
    ({"name": " "}, "needs a name"),
    ({"started_at": "2150-01-01T00:00+08:00"}, "future"),
    ({"started_at": "yesterday"}, "not a date"),
    ({"colour": "red"}, "Unknown incident fields"),
])
def test_bad_edits_are_refused(repos: Repositories, incident: IncidentRecord,
                               changes: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        repos.incidents.edit(incident.id, changes)
    assert repos.incidents.get(incident.id).name == incident.name


def test_a_new_fonds_or_org_code_unfiles_and_refiling_uses_it(
        repos: Repositories, incident: IncidentRecord) -> None:
    ids = add_items(repos, incident.id, [JULY, JULY + timedelta(hours=1)])
    repos.description.describe(ids, {**DESCRIBED, "category": "photos-important"})
    repos.filing.file(incident.id)
    repos.incidents.edit(incident.id, {"org_code": ""})
    assert [repos.items.get(i).archival_code for i in ids] == [None, None]
    repos.filing.file(incident.id)
    assert [repos.items.get(i).archival_code for i in ids] == [
        "Z109-ZP·2025-Y-0001", "Z109-ZP·2025-Y-0002"]
    assert_gap_free(repos.store.root)
    sql(repos.store.root, f"UPDATE item SET state = 'transferred' WHERE id = '{ids[0]}'")
    with pytest.raises(InvalidInput, match="transferred"):
        repos.incidents.edit(incident.id, {"fonds_code": "Z110"})
    assert repos.incidents.get(incident.id).fonds_code == "Z109"
