"""Tampering with the work log is found, and `check` names the first broken entry.

Each test edits the SQLite file by hand as a tamperer would: drop the append-only triggers,
change rows, and (where it matters) put the triggers back so only the tampering is left.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store.hashing import chain_hash
from app.store.integrity import Finding, check_store
from app.store.models import LogEntry
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.store.worklog_chain import entry_content, review_content
from tests.test_log_support import PASS, People, add_people, fill_log, restore_guards, tamper
from tests.test_store_support import run_cli


@pytest.fixture
def people(repos: Repositories) -> People:
    return add_people(repos)


def log_findings(store_root: Path) -> list[Finding]:
    with Store.open(store_root, readonly=True) as s:
        report = check_store(s)
    return [f for f in report.findings if f.kind.startswith(("log-", "review-"))]


@pytest.fixture
def log(repos: Repositories, incident: IncidentRecord, people: People) -> list[str]:
    """Twenty entries, the first five reviewed."""
    ids = fill_log(repos, incident, 20)
    repos.log.review(ids[:5], "李审核", PASS, opinion="属实")
    return ids


def test_an_intact_log_passes(store: Store, log: list[str]) -> None:
    report = check_store(store)
    assert report.ok, report.findings


def test_an_edited_content_field_is_named(store: Store, log: list[str]) -> None:
    tamper(store.root, f"UPDATE log_entry SET content='篡改的内容' WHERE id='{log[11]}'")
    restore_guards(store.root)
    first, *_ = log_findings(store.root)
    assert first.kind == "log-changed"
    assert f"work-log entry #12 (id {log[11]}) of incident EQ2025-01 was changed" in first.message


@pytest.mark.parametrize("column,value", [
    ("occurred_at", "'2025-07-21T00:00:00.000000Z'"),
    ("recorder_name", "'别人'"),
    ("linked_items", "'[\"x\"]'"),
    ("incident_id", "'00000000-0000-0000-0000-000000000000'"),
])
def test_any_edited_field_breaks_its_hash(store: Store, log: list[str], column: str,
                                          value: str) -> None:
    tamper(store.root, f"UPDATE log_entry SET {column}={value} WHERE id='{log[3]}'")
    kinds = [(f.kind, f.subject) for f in log_findings(store.root)]
    assert any(k in ("log-changed", "log-missing") and "#4" in s for k, s in kinds), kinds


def test_a_deleted_row_is_named(store: Store, log: list[str]) -> None:
    tamper(store.root, f"DELETE FROM log_entry WHERE id='{log[7]}'")
    first, *_ = log_findings(store.root)
    assert first.kind == "log-missing"
    assert "work-log entry #8 of incident EQ2025-01 is missing" in first.message


def test_deleting_the_newest_row_is_found_through_the_audit_trail(
    store: Store, log: list[str]
) -> None:
    tamper(store.root, f"DELETE FROM log_entry WHERE id='{log[-1]}'")
    (finding,) = log_findings(store.root)
    assert finding.kind == "log-missing"
    assert f"#20 (id {log[-1]})" in finding.message and "audit trail" in finding.message


def test_two_swapped_rows_are_named(store: Store, log: list[str]) -> None:
    # Swap the sequence numbers of #6 and #7 (through a free number: seq is unique).
    tamper(store.root,
           f"UPDATE log_entry SET seq=-1 WHERE id='{log[5]}'",
           f"UPDATE log_entry SET seq=6 WHERE id='{log[6]}'",
           f"UPDATE log_entry SET seq=7 WHERE id='{log[5]}'")
    findings = log_findings(store.root)
    assert findings[0].kind == "log-reordered"
    assert (f"work-log entry #6 (id {log[6]}) of incident EQ2025-01 is out of order: "
            f"it was recorded as #7") in findings[0].message
    assert findings[1].kind == "log-reordered" and f"#7 (id {log[5]})" in findings[1].message


def test_two_rows_with_swapped_contents_are_named(
    store: Store, repos: Repositories, log: list[str]
) -> None:
    a, b = repos.log.get(log[2]), repos.log.get(log[9])
    tamper(store.root,
           f"UPDATE log_entry SET content='{b.content}' WHERE id='{a.id}'",
           f"UPDATE log_entry SET content='{a.content}' WHERE id='{b.id}'")
    findings = log_findings(store.root)
    assert [f.kind for f in findings] == ["log-changed", "log-changed"]
    assert f"#3 (id {a.id})" in findings[0].message and f"#10 (id {b.id})" in findings[1].message


def test_a_chain_recomputed_after_an_edit_still_shows(
    store: Store, repos: Repositories, log: list[str]
) -> None:
    """A careful tamperer rewrites the content and every hash after it; the audit trail,
    whose head is kept outside the database, still holds the hashes as recorded."""
    statements = []
    with store.reader() as s:
        rows = s.query(LogEntry).order_by(LogEntry.seq).all()
        prev = "0" * 64
        for row in rows:
            if row.id == log[14]:
                row.content = "改写过的内容"
            h = chain_hash(prev, entry_content(row))
            statements.append(f"UPDATE log_entry SET content='{row.content}', prev_hash='{prev}', "
                              f"entry_hash='{h}' WHERE id='{row.id}'")
            prev = h
            s.expunge(row)
    tamper(store.root, *statements)
    restore_guards(store.root)
    first, *_ = log_findings(store.root)
    assert first.kind == "log-changed"
    assert f"#15 (id {log[14]})" in first.message and "audit trail" in first.message


def test_a_forged_entry_without_an_audit_record_is_found(
    store: Store, repos: Repositories, log: list[str]
) -> None:
    last = repos.log.get(log[-1])
    forged = {**entry_content(last), "seq": 21, "id": "f0f0f0f0-0000-4000-8000-000000000021",
              "content": "伪造的记录"}
    h = chain_hash(last.entry_hash, forged)
    tamper(store.root,
           "INSERT INTO log_entry (id, incident_id, seq, phase, operational_period, unit, "
           "recorder_id, recorder_name, recorder_position, participants, occurred_at, "
           "recorded_at, tz_offset_min, place, category, content, linked_items, corrects_id, "
           "correction_reason, retention, prev_hash, entry_hash) SELECT "
           f"'{forged['id']}', incident_id, 21, phase, operational_period, unit, recorder_id, "
           "recorder_name, recorder_position, participants, occurred_at, recorded_at, "
           "tz_offset_min, place, category, '伪造的记录', linked_items, corrects_id, "
           f"correction_reason, retention, '{last.entry_hash}', '{h}' FROM log_entry "
           f"WHERE id='{last.id}'")
    (finding,) = log_findings(store.root)
    assert finding.kind == "log-unrecorded" and "#21" in finding.message


def test_an_edited_review_record_is_named(store: Store, log: list[str],
                                          repos: Repositories) -> None:
    review = repos.log.get(log[2]).latest_review
    assert review is not None
    tamper(store.root, f"UPDATE log_review SET opinion='不属实' WHERE id='{review.id}'")
    restore_guards(store.root)
    (finding,) = log_findings(store.root)
    assert finding.kind == "review-changed"
    assert (f"work-log review #3 (id {review.id}) of incident EQ2025-01 was changed"
            in finding.message)


def test_a_review_status_turned_to_approved_is_found(store: Store, repos: Repositories,
                                                    incident: IncidentRecord,
                                                    log: list[str]) -> None:
    (returned,) = repos.log.review([log[10]], "李审核", PASS, opinion="补充", returned=True)
    tamper(store.root, f"UPDATE log_review SET status='approved' WHERE id='{returned.id}'")
    (finding,) = log_findings(store.root)
    assert finding.kind == "review-changed" and f"#{returned.seq}" in finding.message


def test_a_deleted_review_is_named(store: Store, repos: Repositories, log: list[str]) -> None:
    review = repos.log.get(log[1]).latest_review
    assert review is not None
    tamper(store.root, f"DELETE FROM log_review WHERE id='{review.id}'")
    (finding,) = log_findings(store.root)
    assert finding.kind == "review-missing" and "review #2 of incident" in finding.message


def test_a_review_moved_to_another_entry_is_found(store: Store, log: list[str],
                                                  repos: Repositories) -> None:
    review = repos.log.get(log[0]).latest_review
    assert review is not None
    tamper(store.root, f"UPDATE log_review SET entry_id='{log[15]}' WHERE id='{review.id}'")
    (finding,) = log_findings(store.root)
    assert finding.kind == "review-changed" and "#1" in finding.message


def test_a_review_signed_the_exact_content(store: Store, repos: Repositories,
                                           log: list[str]) -> None:
    """The review hash covers the hash of the entry it signed off."""
    e = repos.log.get(log[0])
    r = e.latest_review
    assert r is not None
    assert chain_hash(r.prev_hash, review_content(r, e.entry_hash)) == r.review_hash


def test_check_on_the_command_line_fails_naming_the_entry(store: Store,
                                                          log: list[str]) -> None:
    root = store.root
    store.close()
    ok = run_cli("check", "--store", str(root))
    assert ok.returncode == 0, ok.stderr
    tamper(root, f"UPDATE log_entry SET content='改' WHERE id='{log[4]}'")
    restore_guards(root)
    bad = run_cli("check", "--store", str(root))
    assert bad.returncode == 1
    assert (f"FAIL work-log entry #5 (id {log[4]}) of incident EQ2025-01 was changed"
            in bad.stdout)
    assert "Traceback" not in bad.stderr
