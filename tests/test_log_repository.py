"""The work log as the program records it: entries, corrections, reviews and the timeline."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from app.store.errors import InvalidInput, NotFound, PermissionDenied
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.log_input import DoubtfulTime
from app.store.repositories.worklog import NoRecorder
from app.store.store import DB_NAME, Store
from app.store.worklog_records import LogFilter
from tests.test_log_support import PASS, SUPER_PASS, People, add_people, at, fill_log
from tests.test_store_support import add_item_with_file, audit_count


@pytest.fixture
def people(repos: Repositories) -> People:
    return add_people(repos)


def test_an_entry_has_every_field_with_recorder_and_times_set_by_the_program(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    before = datetime.now(UTC)
    e = repos.log.add(incident.id, "搜救一队进入震中村，开始排查倒塌房屋。", occurred_at=at(15, 10),
                      phase="应急处置与救援", category="决策", place="震中村",
                      participants="王五、赵六", operational_period="第1作业期")
    after = datetime.now(UTC)
    assert e.seq == 1
    assert (e.phase, e.category, e.operational_period) == ("response", "decision", "第1作业期")
    # The recorder is the default operator, with position and unit.
    assert (e.recorder_name, e.recorder_position, e.unit) == ("张三", "档案员", "旗应急管理局")
    assert e.occurred_at == at(15, 10) and e.occurred_at.utcoffset() == timedelta(hours=8)
    assert before <= e.recorded_at <= after
    assert (e.place, e.participants, e.retention) == ("震中村", "王五、赵六", "Y")
    assert e.review_status == "unreviewed"
    assert len(e.entry_hash) == 64 and e.prev_hash == "0" * 64


def test_defaults_now_previous_phase_and_the_day_as_period(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    first = repos.log.add(incident.id, "到达现场。")
    assert first.phase == "response"  # the first entry of an incident
    assert abs(first.occurred_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert first.operational_period == first.occurred_at.date().isoformat()
    # Back-dated far before the entry just recorded: asked, and confirmed (force).
    repos.log.add(incident.id, "转入恢复重建。", phase="recovery", occurred_at=at(16),
                  force=True)
    third = repos.log.add(incident.id, "清点物资。", occurred_at=at(17), operator="王记录")
    assert third.phase == "recovery"  # carried over from the previous entry
    assert (third.recorder_name, third.unit) == ("王记录", "旗消防救援大队")
    assert third.operational_period == "2025-07-21"
    assert third.seq == 3


def test_sequence_numbers_and_chain_links_per_incident(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    other = repos.incidents.create("某矿透水事故", "accident", "II",
                                   datetime.fromisoformat("2025-07-20T08:00:00+08:00"), "Z110")
    a1 = repos.log.add(incident.id, "甲一", occurred_at=at(15))
    b1 = repos.log.add(other.id, "乙一", occurred_at=at(15))
    a2 = repos.log.add(incident.id, "甲二", occurred_at=at(16))
    assert (a1.seq, b1.seq, a2.seq) == (1, 1, 2)
    assert a2.prev_hash == a1.entry_hash and b1.prev_hash == "0" * 64


def test_linked_items_by_id_or_archival_code(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People
) -> None:
    code = "Z109-ZP·2025-Y-YJB-0001"
    photo = add_item_with_file(store, incident.id, b"\xff\xd8photo", archival_code=code)
    audio = add_item_with_file(store, incident.id, b"RIFFaudio", suffix=".wav")
    e = repos.log.add(incident.id, "拍摄并录音。", occurred_at=at(15),
                      linked_items=[code, audio.item_id])
    assert e.linked_items == (photo.item_id, audio.item_id)
    with pytest.raises(InvalidInput, match="no item 'Z109-ZP·2025-Y-YJB-9999'"):
        repos.log.add(incident.id, "x", occurred_at=at(15),
                      linked_items=["Z109-ZP·2025-Y-YJB-9999"])


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused_and_nothing_stored(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People, text: str
) -> None:
    events = audit_count(store.root)
    with pytest.raises(InvalidInput, match="needs text"):
        repos.log.add(incident.id, text)
    assert repos.log.count(incident.id) == 0 and audit_count(store.root) == events


def test_without_a_named_recorder_the_message_says_how_to_set_one(
    repos: Repositories, incident: IncidentRecord
) -> None:
    with pytest.raises(NoRecorder) as err:
        repos.log.add(incident.id, "到达现场。")
    assert "--operator NAME" in str(err.value) and "fieldarchive operator add" in str(err.value)
    with pytest.raises(NotFound, match="no operator named '无名'"):
        repos.log.add(incident.id, "到达现场。", operator="无名")
    assert repos.log.count(incident.id) == 0


def test_a_future_time_or_one_before_the_incident_needs_force(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People
) -> None:
    events = audit_count(store.root)
    future = datetime.now(UTC) + timedelta(hours=2)
    with pytest.raises(DoubtfulTime, match="in the future"):
        repos.log.add(incident.id, "未来", occurred_at=future)
    started = r"before the incident started \(2025-07-21T14:30\+08:00\)"
    with pytest.raises(DoubtfulTime, match=started):
        repos.log.add(incident.id, "之前", occurred_at=at(9))
    assert repos.log.count(incident.id) == 0 and audit_count(store.root) == events
    # A little clock skew is still "now".
    repos.log.add(incident.id, "几乎现在", occurred_at=datetime.now(UTC) + timedelta(minutes=3))
    # Confirmed (UI) or --force (command line): stored.
    kept = repos.log.add(incident.id, "预警阶段会商", occurred_at=at(9), phase="warning",
                         force=True)
    assert kept.occurred_at == at(9)
    event = repos.audit.list(incident_id=incident.id, limit=1)[0]
    assert event.event_type == "log.add" and event.detail["forced"] is True


def test_text_keeps_its_lines_and_refuses_control_characters(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    e = repos.log.add(incident.id, "第一行\r\n第二行 ᠮᠣᠩᠭᠣᠯ", occurred_at=at(15))
    assert e.content == "第一行\n第二行 ᠮᠣᠩᠭᠣᠯ"
    with pytest.raises(InvalidInput, match="control character"):  # never silently dropped
        repos.log.add(incident.id, "第一行\r\n第二行\x07\x00", occurred_at=at(15))


def test_the_database_itself_refuses_to_edit_or_delete_entries(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People
) -> None:
    e = repos.log.add(incident.id, "原文", occurred_at=at(15))
    conn = sqlite3.connect(store.root / DB_NAME)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE log_entry SET content='改' WHERE id=?", (e.id,))
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM log_entry WHERE id=?", (e.id,))
    finally:
        conn.close()


# -- corrections ----------------------------------------------------------------------------


def test_a_correction_keeps_the_original_visible(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    orig = repos.log.add(incident.id, "拍摄现场照片20张。", occurred_at=at(15, 40),
                         category="capture", place="三号街区")
    fix = repos.log.correct(orig.id, "拍摄现场照片25张。", "张数记错", operator="王记录")
    assert fix.corrects_id == orig.id and fix.correction_reason == "张数记错"
    assert fix.seq == 2 and fix.prev_hash == orig.entry_hash
    # Fields not given are kept; the corrector is the recorder of the correction.
    assert (fix.category, fix.place, fix.occurred_at) == ("capture", "三号街区", at(15, 40))
    assert fix.recorder_name == "王记录" and fix.unit == orig.unit
    # The original is still there, unchanged.
    assert repos.log.get(orig.id).content == "拍摄现场照片20张。"
    history = repos.log.history(fix.id)
    assert [v.content for v in history.versions] == ["拍摄现场照片20张。", "拍摄现场照片25张。"]
    assert repos.log.history(orig.id) == history
    # The timeline shows one row: the current text, with history one click away.
    (row,) = repos.log.page(incident.id)
    assert row.entry.content == "拍摄现场照片25张。"
    assert row.has_history and row.original_seq == 1 and row.version_count == 2


def test_a_correction_of_a_correction_makes_a_line_of_versions(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    v1 = repos.log.add(incident.id, "一", occurred_at=at(15))
    v2 = repos.log.correct(v1.id, "二", "笔误")
    v3 = repos.log.correct(v2.id, "三", "再次更正", occurred_at=at(15, 5))
    assert [v.seq for v in repos.log.history(v1.id).versions] == [1, 2, 3]
    (row,) = repos.log.page(incident.id)
    assert (row.entry.id, row.version_count, row.entry.occurred_at) == (v3.id, 3, at(15, 5))


def test_bad_corrections_are_refused_and_nothing_stored(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People
) -> None:
    orig = repos.log.add(incident.id, "原文", occurred_at=at(15))
    events = audit_count(store.root)
    with pytest.raises(NotFound, match="no work-log entry 'deadbeef-0000'"):
        repos.log.correct("deadbeef-0000", "新", "理由")
    with pytest.raises(InvalidInput, match="needs a reason"):
        repos.log.correct(orig.id, "新", "  ")
    with pytest.raises(InvalidInput, match="needs the corrected text"):
        repos.log.correct(orig.id, "", "理由")
    with pytest.raises(InvalidInput, match="changes nothing"):
        repos.log.correct(orig.id, "原文", "理由")
    with pytest.raises(DoubtfulTime):
        repos.log.correct(orig.id, "新", "理由", occurred_at=at(9))
    assert audit_count(store.root) == events
    fix = repos.log.correct(orig.id, "新", "理由")
    with pytest.raises(InvalidInput, match=f"current version: #2, id {fix.id}"):
        repos.log.correct(orig.id, "又新", "理由")
    # An entry may be named by a unique prefix of its id.
    assert repos.log.correct(fix.id[:8], "又新", "理由").corrects_id == fix.id


# -- review ---------------------------------------------------------------------------------


def test_review_signs_off_many_entries_with_an_opinion(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    ids = fill_log(repos, incident, 3)
    reviews = repos.log.review(ids, "李审核", PASS, opinion="记录属实")
    assert [r.status for r in reviews] == ["approved"] * 3
    assert [r.seq for r in reviews] == [1, 2, 3]
    assert reviews[1].prev_hash == reviews[0].review_hash
    e = repos.log.get(ids[0])
    assert e.review_status == "approved" and e.latest_review is not None
    assert (e.latest_review.reviewer_name, e.latest_review.opinion) == ("李审核", "记录属实")
    # A supervisor may review too.
    more = repos.log.review([ids[0]], "赵监督", SUPER_PASS, opinion="抽查无误")
    assert repos.log.get(ids[0]).latest_review == more[0]


def test_a_returned_entry_is_answered_by_a_correction(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    orig = repos.log.add(incident.id, "拍摄照片20张。", occurred_at=at(15))
    repos.log.review([orig.id], "李审核", PASS, opinion="张数与实际不符", returned=True)
    (row,) = repos.log.page(incident.id)
    assert row.review_status == "returned"
    fix = repos.log.correct(orig.id, "拍摄照片25张。", "按审核意见核对")
    (row,) = repos.log.page(incident.id)
    assert row.id == fix.id and row.review_status == "unreviewed"
    # The old version cannot be reviewed any more; the correction can.
    with pytest.raises(InvalidInput, match="already been corrected"):
        repos.log.review([orig.id], "李审核", PASS)
    repos.log.review([fix.id], "李审核", PASS)
    history = repos.log.history(fix.id)
    assert [v.review_status for v in history.versions] == ["returned", "approved"]


@pytest.mark.parametrize("who,passphrase,error,message", [
    ("李审核", "wrong-pass", PermissionDenied, "Wrong passphrase for 李审核"),
    ("王记录", PASS, PermissionDenied, "archivist role; this needs a reviewer"),
    ("无名氏", PASS, NotFound, "no operator named '无名氏'"),
])
def test_bad_reviews_are_refused_and_nothing_stored(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People,
    who: str, passphrase: str, error: type[Exception], message: str,
) -> None:
    ids = fill_log(repos, incident, 2)
    events = audit_count(store.root)
    with pytest.raises(error, match=message):
        repos.log.review(ids, who, passphrase)
    assert audit_count(store.root) == events
    assert repos.log.count(incident.id, LogFilter(review_status="unreviewed")) == 2


def test_nobody_reviews_their_own_entry_and_one_bad_entry_stops_them_all(
    repos: Repositories, store: Store, incident: IncidentRecord, people: People
) -> None:
    theirs = repos.log.add(incident.id, "张三的记录", occurred_at=at(15))
    own = repos.log.add(incident.id, "审核人自己的记录", occurred_at=at(16), operator="李审核")
    events = audit_count(store.root)
    with pytest.raises(PermissionDenied, match="李审核 recorded entry #2"):
        repos.log.review([theirs.id, own.id], "李审核", PASS)
    assert audit_count(store.root) == events
    assert repos.log.get(theirs.id).review_status == "unreviewed"


def test_returning_needs_comments(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    ids = fill_log(repos, incident, 1)
    with pytest.raises(InvalidInput, match="needs comments"):
        repos.log.review(ids, "李审核", PASS, returned=True)
    with pytest.raises(InvalidInput, match="at least one"):
        repos.log.review([], "李审核", PASS)


def test_every_change_is_in_the_audit_trail_with_its_hash(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    e = repos.log.add(incident.id, "原文", occurred_at=at(15))
    fix = repos.log.correct(e.id, "新文", "笔误")
    (rv,) = repos.log.review([fix.id], "李审核", PASS)
    events = repos.audit.list(incident_id=incident.id, limit=3)
    review_ev, correct_ev, add_ev = events
    assert (add_ev.event_type, add_ev.agent, add_ev.object_id) == ("log.add", "张三", e.id)
    assert add_ev.detail == {"seq": 1, "entry_hash": e.entry_hash}
    assert correct_ev.event_type == "log.correct"
    assert correct_ev.detail["corrects_id"] == e.id and correct_ev.detail["reason"] == "笔误"
    assert (review_ev.event_type, review_ev.agent) == ("log.review", "李审核")
    assert review_ev.detail["review_hash"] == rv.review_hash


# -- the timeline ---------------------------------------------------------------------------


def test_pages_in_time_order_whatever_the_recording_order(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    late = repos.log.add(incident.id, "后发生先记录", occurred_at=at(18))
    early = repos.log.add(incident.id, "先发生后记录", occurred_at=at(15))
    ids = fill_log(repos, incident, 10, start=at(16))
    rows = repos.log.page(incident.id, offset=0, limit=5)
    assert rows[0].id == early.id and [r.id for r in rows[1:]] == ids[:4]
    rest = repos.log.page(incident.id, offset=5, limit=100)
    assert [r.id for r in rest] == ids[4:] + [late.id]
    newest = repos.log.page(incident.id, limit=1, newest_first=True)
    assert newest[0].id == late.id
    assert repos.log.count(incident.id) == 12
    with pytest.raises(InvalidInput, match="1 to 1000"):
        repos.log.page(incident.id, limit=0)


def test_keyset_pages_follow_on_from_the_last_row(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    # Several entries at the same minute: seq breaks the tie.
    same = [repos.log.add(incident.id, f"同时{i}", occurred_at=at(15)).id for i in range(3)]
    later = fill_log(repos, incident, 5, start=at(16))
    fix = repos.log.correct(later[1], "更正后", "笔误")
    expected = same + [later[0], fix.id] + later[2:]
    assert repos.log.count(incident.id) == len(expected) == 8
    seen: list[str] = []
    after = None
    while rows := repos.log.page(incident.id, limit=3, after=after):
        seen += [r.id for r in rows]
        after = rows[-1].cursor
    assert seen == expected
    back: list[str] = []
    after = None
    while rows := repos.log.page(incident.id, limit=3, after=after, newest_first=True):
        back += [r.id for r in rows]
        after = rows[-1].cursor
    assert back == expected[::-1]


def test_filters(repos: Repositories, incident: IncidentRecord, people: People) -> None:
    a = repos.log.add(incident.id, "采集照片", occurred_at=at(15), category="capture")
    b = repos.log.add(incident.id, "会议", occurred_at=at(16), category="meeting",
                      operator="王记录")
    c = repos.log.add(incident.id, "恢复", occurred_at=at(9, day=22), phase="recovery")
    d = repos.log.add(incident.id, "退回的", occurred_at=at(17), phase="response",
                      force=True)  # 16 hours before the entry recorded before it: confirmed
    repos.log.review([a.id], "李审核", PASS)
    repos.log.review([d.id], "李审核", PASS, opinion="补充人员", returned=True)

    def ids(f: LogFilter) -> list[str]:
        assert repos.log.count(incident.id, f) == len(rows := repos.log.page(incident.id, f))
        return [r.id for r in rows]

    assert ids(LogFilter(category="会议")) == [b.id]
    assert ids(LogFilter(phase="事后恢复与重建")) == [c.id]
    assert ids(LogFilter(recorder="王记录")) == [b.id]
    assert ids(LogFilter(review_status="approved")) == [a.id]
    assert ids(LogFilter(review_status="退回修改")) == [d.id]
    assert ids(LogFilter(review_status="unreviewed")) == [b.id, c.id]
    assert ids(LogFilter(occurred_from=at(15, 30), occurred_to=at(0, day=22))) == [b.id, d.id]
    assert ids(LogFilter(operational_period="2025-07-22")) == [c.id]
    assert repos.log.periods(incident.id) == ["2025-07-21", "2025-07-22"]


def test_rendition_data_per_period(
    repos: Repositories, incident: IncidentRecord, people: People
) -> None:
    d1 = repos.log.add(incident.id, "第一天", occurred_at=at(15))
    repos.log.add(incident.id, "第二天", occurred_at=at(9, day=22))
    fix = repos.log.correct(d1.id, "第一天（更正）", "补充")
    repos.log.review([fix.id], "李审核", PASS)
    whole = repos.log.entries_for_rendition(incident.id)
    assert [t.current.content for t in whole.threads] == ["第一天（更正）", "第二天"]
    assert [e.seq for e in whole.entries] == [1, 2, 3] and len(whole.reviews) == 1
    assert whole.chain_head == fix.entry_hash
    day1 = repos.log.entries_for_rendition(incident.id, "2025-07-21")
    assert [e.seq for e in day1.entries] == [1, 3] and len(day1.reviews) == 1
    with pytest.raises(NotFound, match="no work-log entries in operational period '2025-08-01'"):
        repos.log.entries_for_rendition(incident.id, "2025-08-01")
