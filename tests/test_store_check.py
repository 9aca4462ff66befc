"""`check` finds every kind of tampering and names what it is about (the item, the event)."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.store.integrity import Finding, check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_store_support import StoredItem, add_item_with_file, sql, tree_digest

CODE = "Z109-ZP·2025-Y-YJB-0001"


@dataclass
class Filled:
    path: Path
    incident: IncidentRecord
    coded: StoredItem  # has a 档号
    plain: StoredItem  # not yet filed


@pytest.fixture
def filled(store_path: Path, store: Store, repos: Repositories, incident) -> Filled:
    coded = add_item_with_file(store, incident.id, b"\xff\xd8 coded photo" * 500,
                               archival_code=CODE)
    plain = add_item_with_file(store, incident.id, b"\xff\xd8 plain photo" * 500)
    repos.incidents.end_response(incident.id, incident.started_at.replace(year=2026))
    store.close()
    return Filled(store_path, incident, coded, plain)


def findings(path: Path) -> list[Finding]:
    with Store.open(path, readonly=True) as store:
        report = check_store(store)
    assert not report.cancelled
    return report.findings


def cli_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--store", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def with_guards_lifted(path: Path, *statements: str) -> None:
    """A hand edit by someone who knows to drop the append-only triggers and put them back."""
    triggers = sql(path, "SELECT name, sql FROM sqlite_master WHERE type='trigger' "
                         "AND tbl_name='audit_event'")
    sql(path, *[f"DROP TRIGGER {name}" for name, _ in triggers], *statements,
        *[str(ddl) for _, ddl in triggers])


def test_a_clean_store_checks_ok(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(filled.path)
    assert findings(filled.path) == []
    code, out, _ = cli_check(filled.path, capsys)
    assert code == 0
    rows = 1 + 1 + 15 + 2 + 2 + 2  # incident, schedule and categories, batches, items, files
    assert out.startswith(f"OK: 2 files, {rows} sealed rows and 9 audit events verified.")
    main(["check", "--json", "--store", str(filled.path)])
    result = json.loads(capsys.readouterr().out)
    head = result.pop("head")
    assert result == {"ok": True, "files_checked": 2, "events_checked": 9, "sm3_pending": 0,
                      "rows_checked": rows, "findings": []}
    assert head.startswith("9:") and len(head) == 2 + 64
    assert tree_digest(filled.path) == before  # checking changes nothing


def test_a_flipped_byte_names_the_item(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    path = filled.path / "vault" / filled.coded.vault_path
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    [finding] = findings(filled.path)
    assert finding.kind == "file-changed"
    assert finding.item_id == filled.coded.item_id
    assert CODE in finding.message and filled.coded.item_id in finding.message
    assert "has changed since it was stored" in finding.message
    code, out, err = cli_check(filled.path, capsys)
    assert code == 1
    assert f"FAIL item {CODE} ({filled.coded.item_id})" in out
    assert err.strip() == "fieldarchive: check found 1 problem(s)"


def test_a_deleted_file_names_the_item(filled: Filled) -> None:
    (filled.path / "vault" / filled.plain.vault_path).unlink()
    [finding] = findings(filled.path)
    assert finding.kind == "file-missing"
    assert finding.message == (f"item {filled.plain.item_id}: its original file "
                               f"{filled.plain.vault_path} is missing from the vault")


def test_an_unlisted_file_in_the_vault(filled: Filled) -> None:
    extra = filled.path / "vault" / "ab" / "slipped-in.jpg"
    extra.parent.mkdir(exist_ok=True)
    extra.write_bytes(b"not ours")
    [finding] = findings(filled.path)
    assert finding.kind == "file-unlisted"
    assert "ab/slipped-in.jpg" in finding.message and "belongs to no item" in finding.message


def test_an_edited_audit_event_names_its_incident(filled: Filled) -> None:
    with_guards_lifted(
        filled.path,
        "UPDATE audit_event SET detail = replace(detail, 'Z109', 'Z110') WHERE seq = 1",
    )
    [finding] = findings(filled.path)
    assert finding.kind == "audit-changed"
    assert finding.message.startswith(
        f"audit event #1 (incident.create, incident {filled.incident.id}) was changed"
    )


def test_an_edited_audit_event_names_its_item(filled: Filled) -> None:
    seq = sql(filled.path, "SELECT seq FROM audit_event WHERE item_id = "
                           f"'{filled.plain.item_id}'")[0][0]
    with_guards_lifted(filled.path, f"UPDATE audit_event SET agent = 'someone else' "
                                    f"WHERE seq = {seq}")
    [finding] = findings(filled.path)
    assert finding.kind == "audit-changed"
    assert f"item {filled.plain.item_id}" in finding.message
    assert finding.item_id == filled.plain.item_id


def test_a_deleted_audit_event_in_the_middle(filled: Filled) -> None:
    with_guards_lifted(filled.path, "DELETE FROM audit_event WHERE seq = 4")
    [finding] = findings(filled.path)
    assert finding.kind == "audit-missing"
    assert finding.message.startswith("audit event #4 is missing: the chain jumps to "
                                      "audit event #5 (store.seal")


def test_deleted_newest_events_are_caught_by_the_head_file(filled: Filled) -> None:
    with_guards_lifted(filled.path, "DELETE FROM audit_event WHERE seq >= 8")
    truncated, changed = findings(filled.path)
    assert truncated.kind == "audit-truncated"
    assert "head records 9 events, the store has 7" in truncated.message
    # The change those events recorded (the end of the response) is no longer sealed either.
    assert changed.kind == "row-changed"
    assert changed.message.startswith(f"incident EQ2025-01 2025年某旗7.1级地震 (id "
                                      f"{filled.incident.id}): response_ended_at changed")
    # Working on in the store does not paper over it: the head never follows a cut chain.
    with Store.open(filled.path) as store:
        repos = Repositories(store)
        for n in range(4):
            repos.operators.add(f"操作员{n}", "档案馆", "archivist")
    kinds = [f.kind for f in findings(filled.path)]
    assert kinds == ["audit-head-mismatch", "row-changed"]


def test_a_rewritten_newest_event_is_caught_by_the_head_file(filled: Filled) -> None:
    # Rewrite the last event AND fix up its hash, so the chain itself looks whole.
    from app.store.audit import link_hash
    from app.store.models import AuditEvent

    with Store.open(filled.path, readonly=True) as store, store.reader() as s:
        last = s.query(AuditEvent).order_by(AuditEvent.seq.desc()).first()
        assert last is not None
        last.agent = "forger"
        new_hash = link_hash(last.prev_hash, last)
        seq = last.seq
        s.rollback()
    with_guards_lifted(filled.path, f"UPDATE audit_event SET agent='forger', hash='{new_hash}' "
                                    f"WHERE seq={seq}")
    [finding] = findings(filled.path)
    assert finding.kind == "audit-head-mismatch"
    assert f"audit event #{seq}" in finding.message


def test_removed_append_only_guards(filled: Filled) -> None:
    sql(filled.path, "DROP TRIGGER audit_event_no_delete", "DROP TRIGGER log_entry_no_update")
    found = findings(filled.path)
    assert [f.kind for f in found if f.kind == "schema-changed"] == ["schema-changed"]
    messages = sorted(f.message for f in found if f.kind != "schema-changed")
    assert messages == [
        "the append-only guard audit_event_no_delete on audit_event was removed",
        "the append-only guard log_entry_no_update on log_entry was removed",
    ]


def test_the_guards_stop_a_plain_edit(filled: Filled) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        sql(filled.path, "DELETE FROM audit_event WHERE seq = 5")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        sql(filled.path, "UPDATE audit_event SET agent = 'x' WHERE seq = 1")
    assert findings(filled.path) == []


def test_check_reports_several_problems_at_once_in_json(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    (filled.path / "vault" / filled.plain.vault_path).unlink()
    sql(filled.path, "DROP TRIGGER log_review_no_delete")
    code = main(["check", "--json", "--store", str(filled.path)])
    out, err = capsys.readouterr()
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    assert {f["kind"] for f in result["findings"]} == {"file-missing", "guard-removed",
                                                       "schema-changed"}
    assert all(f["message"] for f in result["findings"])
    assert result["error"] == "check found 3 problem(s)"
    assert err == "fieldarchive: check found 3 problem(s)\n"


def test_a_file_being_placed_is_not_a_stray(filled: Filled) -> None:
    """A writer in another program is between placing a file and committing its row."""
    with Store.open(filled.path) as writer:
        placed = writer.vault.place_bytes(b"arriving", ".jpg")
        assert findings(filled.path) == []  # in flight, named by its intent note
        writer.vault.discard(placed)
    assert findings(filled.path) == []
