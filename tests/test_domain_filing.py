"""The describing and filing rules as plain functions: states, completeness, 档号, captions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from app.domain import archival_code as ac
from app.domain import captions, completeness, item_states

CST = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Photo:
    kind: str = "photo"
    source_channel: str = "self"
    title: str = "群众转移"
    creator: str = "张三"
    date: datetime | None = datetime(2025, 7, 21, 9, 0, tzinfo=CST)
    retention: str | None = "Y"
    classification: str = "internal"
    description: str = "群众转移到安置点"
    retention_category_key: str | None = "photos-important"
    archival_code: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)


def test_a_complete_photo_lacks_nothing_for_describing_but_its_code_for_transfer() -> None:
    assert completeness.missing(Photo()) == ()
    assert completeness.missing(Photo(), "transfer") == ("archival_code",)
    assert completeness.missing(Photo(), "file") == ()


def test_missing_fields_come_in_table_order_and_blank_text_counts_as_missing() -> None:
    item = {"kind": "photo", "title": "  ", "creator": "", "date": None,
            "classification": "public", "description": ""}
    assert completeness.missing(item) == ("title", "creator", "date", "retention",
                                          "description")


def test_a_caption_is_required_for_photos_only() -> None:
    audio = {"kind": "audio", "title": "t", "creator": "c", "date": datetime.now(UTC),
             "retention": "Y", "classification": "public"}
    assert completeness.missing(audio) == ()
    assert completeness.missing({**audio, "kind": "photo"}) == ("description",)


def test_oral_history_needs_consent_and_donations_donor_and_authorisation() -> None:
    oral = Photo(kind="audio", source_channel="oral", provenance={"narrator": "李四"})
    assert completeness.missing(oral) == ("consent",)
    ok = Photo(kind="audio", source_channel="oral", provenance={"consent": "SQ-01"})
    assert completeness.missing(ok) == ()
    gift = Photo(source_channel="donation", provenance={"donor": "王五"})
    assert completeness.missing(gift) == ("authorisation",)
    assert completeness.missing(Photo(source_channel="donation")) == ("donor", "authorisation")


def test_filing_needs_a_schedule_category() -> None:
    assert completeness.missing(Photo(retention_category_key=None), "file") == ("category",)


def test_every_field_code_has_a_label_in_the_fields_context() -> None:
    codes = {rule.code for rules in completeness.RULES.values() for rule in rules}
    for code in codes:
        label = completeness.field_label(code)
        assert label.context == "Fields" and label.template != code


def test_states_follow_completeness_and_transferred_is_frozen() -> None:
    assert item_states.after_edit("captured", ()) == "described"
    assert item_states.after_edit("described", ("title",)) == "captured"
    assert item_states.after_edit("filed", ()) == "filed"
    with pytest.raises(item_states.StateError):
        item_states.after_edit("transferred", ())
    assert item_states.after_filing("described") == "filed"
    assert item_states.after_unfiling("filed", ("title",)) == "captured"
    with pytest.raises(item_states.StateError):
        item_states.after_unfiling("transferred", ())
    assert item_states.after_transfer("filed") == "transferred"
    with pytest.raises(item_states.StateError):
        item_states.after_transfer("described")


def test_each_state_names_the_completeness_stage_it_needs() -> None:
    item = Photo(archival_code="Z109-ZP·2025-Y-YJB-0001")
    for state, stage in item_states.STAGE_OF_STATE.items():
        assert stage is None or completeness.missing(item, stage) == (), state
    assert set(item_states.STAGE_OF_STATE) == set(item_states.STATES)


def test_what_blocks_filing_and_what_unfiles() -> None:
    assert item_states.filing_blockers("described", False, ()) == ()
    assert item_states.filing_blockers("described", True, ()) == ("excluded",)
    assert item_states.filing_blockers("captured", False, ("title",)) == ("title",)
    assert item_states.filing_blockers("transferred", False, ()) == ("transferred",)
    assert item_states.edit_unfiles("filed", {"retention"}, ())
    assert item_states.edit_unfiles("filed", (), ("title",))
    assert not item_states.edit_unfiles("filed", (), ())
    assert not item_states.edit_unfiles("described", {"retention"}, ())


def test_codes_format_and_parse_with_and_without_the_organisation() -> None:
    group = ac.GroupKey("Z109", "ZP", 2025, "Y", "YJB")
    assert ac.format_code(group, 7) == "Z109-ZP·2025-Y-YJB-0007"
    assert ac.parse_code("Z109-ZP·2025-Y-YJB-0007") == ac.ArchivalCode(group, 7)
    bare = ac.GroupKey("Z109", "LY", 2024, "D30")
    assert ac.format_code(bare, 12) == "Z109-LY·2024-D30-0012"
    assert ac.parse_code("Z109-LY·2024-D30-0012").group == bare
    # Wider only past 9,999.
    assert ac.format_code(bare, 10000) == "Z109-LY·2024-D30-10000"
    assert ac.parse_code("Z109-LY·2024-D30-10000").piece == 10000


@pytest.mark.parametrize("text", [
    "", "Z109", "Z109-ZP2025-Y-0001", "Z109-ZP·25-Y-0001", "Z109-ZP·2025-X-0001",
    "Z109-QQ·2025-Y-0001", "Z109-ZP·2025-Y-001", "Z109-ZP·2025-Y-00001",
    "Z109-ZP·2025-Y-0000", "Z 09-ZP·2025-Y-0001", "Z109-ZP·2025-Y-Y-J-0001",
])
def test_malformed_codes_are_refused(text: str) -> None:
    assert not ac.is_valid(text)
    with pytest.raises(ac.CodeError):
        ac.parse_code(text)


def test_the_year_is_taken_in_the_items_own_offset() -> None:
    taken = datetime(2025, 1, 1, 0, 30, tzinfo=CST)
    as_stored = taken.astimezone(UTC)
    assert as_stored.year == 2024
    assert ac.item_year(as_stored, 480) == 2025
    assert ac.item_year(as_stored, 0) == 2024


def _cand(item_id: str, group: ac.GroupKey, day: int) -> ac.Candidate:
    return ac.Candidate(item_id, group, datetime(2025, 7, day, tzinfo=CST))


def test_a_filing_run_numbers_in_date_order_and_continues_each_group() -> None:
    g1 = ac.GroupKey("Z109", "ZP", 2025, "Y")
    g2 = ac.GroupKey("Z109", "ZP", 2025, "D30")
    run = ac.assign([_cand("c", g1, 3), _cand("a", g1, 1), _cand("b", g2, 2),
                     _cand("d", g1, 2)], {g1: 4})
    assert [(a.item_id, a.piece) for a in run] == [("a", 5), ("b", 1), ("d", 6), ("c", 7)]
    assert run[0].code == "Z109-ZP·2025-Y-0005"


def test_same_date_is_ordered_by_id_so_a_run_is_repeatable() -> None:
    g = ac.GroupKey("Z109", "ZP", 2025, "Y")
    one = ac.assign([_cand("b", g, 1), _cand("a", g, 1)], {})
    two = ac.assign([_cand("a", g, 1), _cand("b", g, 1)], {})
    assert one == two and [a.item_id for a in one] == ["a", "b"]


def test_removing_items_closes_the_gaps_in_order() -> None:
    members = [ac.Member(x, n) for n, x in enumerate("abcde", start=1)]
    assert ac.renumber(members, {"b", "d"}) == {"c": 2, "e": 3}
    assert ac.renumber(members, {"e"}) == {}
    after = [m.piece for m in members if m.item_id not in "bd"]
    assert ac.gaps(after) == [2, 4]


def test_a_transferred_item_is_never_renumbered_or_removed() -> None:
    members = [ac.Member("a", 1), ac.Member("b", 2), ac.Member("c", 3, frozen=True)]
    with pytest.raises(ac.CodeError):
        ac.renumber(members, {"a"})
    with pytest.raises(ac.CodeError):
        ac.renumber(members, {"c"})
    frozen_first = [ac.Member("a", 1, frozen=True), ac.Member("b", 2), ac.Member("c", 3)]
    assert ac.renumber(frozen_first, {"b"}) == {"c": 2}


def test_caption_elements_compose_the_description_until_a_person_rewrites_it() -> None:
    six = {"time": "2025年7月21日", "people": "消防救援人员", "place": "兴和县城关镇",
           "cause": "转移被困群众", "background": "远处为决口的堤坝", "photographer": "张三"}
    text = captions.compose(six)
    assert text == ("2025年7月21日，消防救援人员在兴和县城关镇转移被困群众。"
                    "远处为决口的堤坝。（张三 摄）")
    changed = {**six, "photographer": "李四"}
    assert captions.description_after(six, changed, text).endswith("（李四 摄）")
    assert captions.description_after(six, changed, "我自己写的说明") == "我自己写的说明"
    assert captions.description_after({}, {"cause": "抢险"}, "") == "抢险。"
    with pytest.raises(ValueError):
        captions.clean({"weather": "rain"})
