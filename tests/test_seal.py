"""Issue 12's findings, each reproduced: rows sealed, reviews signed, check robust, the anchor."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.store import seal
from app.store.errors import PermissionDenied
from app.store.hashing import DualDigest
from app.store.integrity import Finding, check_path, parse_head
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.audit_log import short_head
from app.store.store import DB_NAME, Store
from tests.test_log_support import PASS, add_people, fill_log, restore_guards, tamper
from tests.test_store_support import StoredItem, add_item_with_file, sql

CODE = "Z109-ZP·2025-Y-YJB-0001"


@pytest.fixture
def made(store: Store, repos: Repositories, incident: IncidentRecord
         ) -> tuple[Path, StoredItem, list[str]]:
    add_people(repos)
    item = add_item_with_file(store, incident.id, b"\xff\xd8 a photo" * 300,
                              archival_code=CODE)
    ids = fill_log(repos, incident, 3)
    repos.log.review(ids[:1], "李审核", PASS, opinion="属实")
    repos.schedules.approve(incident.id, "李审核", PASS, "内档发〔2025〕1号")
    store.close()
    return store.root, item, ids


def found(root: Path, head: str | None = None) -> list[Finding]:
    report = check_path(root, parse_head(head) if head else None)
    assert not report.cancelled
    return report.findings


def lifted(root: Path, *statements: str) -> None:
    """A hand edit with every guard trigger dropped first and re-created after."""
    triggers = sql(root, "SELECT name, sql FROM sqlite_master WHERE type='trigger'")
    sql(root, *[f"DROP TRIGGER {n}" for n, _ in triggers], *statements,
        *[str(ddl) for _, ddl in triggers])


def test_the_made_store_checks_ok(made) -> None:
    root, _item, _ids = made
    assert found(root) == []


@pytest.mark.parametrize("table,column,value,named", [
    ("item", "title", "'另一个题名'", f"item {CODE}"),
    ("item", "creator", "'别人'", f"item {CODE}"),
    ("item", "latitude", "41.5", f"item {CODE}"),
    ("file", "original_name", "'other.jpg'", "file "),
    ("file", "format", "'image/png'", "file "),
    ("incident", "fonds_code", "'Z999'", "incident EQ2025-01"),
    ("incident", "name", "'另一事件'", "incident EQ2025-01"),
    ("operator", "unit", "'别的单位'", "operator 李审核"),
])
def test_an_edit_of_any_described_field_is_named(made, table, column, value, named) -> None:
    root, _item, _ids = made
    lifted(root, f"UPDATE {table} SET {column}={value}")
    findings = found(root)
    assert findings and all(f.kind == "row-changed" for f in findings), findings
    assert all(f": {column} changed outside the program" in f.message for f in findings)
    assert any(f.message.startswith(named) for f in findings), findings


def test_a_replaced_original_with_rewritten_digests_is_caught(made) -> None:
    root, item, _ids = made
    fake = b"\xff\xd8 a fake photo" * 300
    d = DualDigest()
    d.update(fake)
    (root / "vault" / item.vault_path).chmod(0o600)
    (root / "vault" / item.vault_path).write_bytes(fake)
    lifted(root, f"UPDATE file SET size={len(fake)}, sha256='{d.sha256}', sm3='{d.sm3}'")
    [finding] = found(root)
    assert finding.kind == "row-changed" and finding.item_id == item.item_id
    assert f"of item {item.item_id}: size, sha256, sm3 changed" in finding.message


def test_a_deleted_item_with_its_files_is_caught(made) -> None:
    root, item, _ids = made
    (root / "vault" / item.vault_path).unlink()
    lifted(root, f"DELETE FROM file WHERE item_id='{item.item_id}'",
           f"DELETE FROM item WHERE id='{item.item_id}'")
    kinds = {(f.kind, f.subject.split()[0]) for f in found(root)}
    assert kinds == {("row-removed", "item"), ("row-removed", "file")}


def test_a_forged_review_is_named(made) -> None:
    root, _item, ids = made
    (prev,) = sql(root, "SELECT r.review_hash "
                                        "FROM log_review r JOIN log_entry e ON e.id=r.entry_id")[0]
    reviewer = sql(root, "SELECT id FROM operator WHERE name='李审核'")[0][0]
    incident = sql(root, "SELECT id FROM incident")[0][0]
    tamper(root, "INSERT INTO log_review (id, incident_id, seq, entry_id, reviewer_id, "
                 "reviewer_name, reviewed_at, status, opinion, prev_hash, review_hash) VALUES "
                 f"('forged-review', '{incident}', 2, '{ids[1]}', '{reviewer}', '李审核', "
                 f"'2025-07-21T08:00:00.000000Z', 'approved', '', '{prev}', '{'0' * 64}')")
    restore_guards(root)
    missing = [f for f in found(root) if f.kind == "signature-missing"]
    assert len(missing) == 1
    assert missing[0].message.startswith("work-log review #2 (id forged-review) of incident "
                                         "EQ2025-01, by 李审核 carries no signature")


def test_a_review_signature_moved_to_another_review_does_not_verify(made) -> None:
    root, _item, _ids = made
    tamper(root, "UPDATE log_review SET opinion='不属实'")
    restore_guards(root)
    assert "signature-invalid" in {f.kind for f in found(root)}


def test_a_forged_schedule_approval_is_named(made) -> None:
    root, _item, _ids = made
    lifted(root, "UPDATE retention_schedule SET approval_signature=NULL")
    kinds = {f.kind for f in found(root)}
    assert {"signature-missing", "row-changed"} <= kinds


def test_reviews_made_before_signatures_are_shown_as_such(
    made, capsys: pytest.CaptureFixture[str]
) -> None:
    """What migration 0005 leaves: unsigned reviews, and a request to seal the store."""
    root, _item, ids = made
    tamper(root, "UPDATE log_review SET signature=NULL",
           f"INSERT INTO store_setting VALUES ('{seal.BASELINE_KEY}', '0005')")
    restore_guards(root)
    lifted(root, "UPDATE retention_schedule SET approval_signature=NULL")
    Store.open(root).close()  # the first writable open seals and lists them
    assert found(root) == []
    main(["log", "show", "--store", str(root), "--incident", "EQ2025-01"])
    assert "[made before signatures 签名前审核]" in capsys.readouterr().out
    # The XML says so too, and stays valid; the PDF marks it.
    from app.export.log_pdf import write_log_pdf
    from app.export.log_xml import validate_log_xml, verify_log_xml, write_log_xml

    with Store.open(root, readonly=True) as store:
        rendition = Repositories(store).log.entries_for_rendition("EQ2025-01")
    xml = write_log_xml(rendition, root.parent / "log.xml")
    assert validate_log_xml(xml) == [] and verify_log_xml(xml) == []
    text = xml.read_text("utf-8")
    assert 'signed="false"' in text and "<signature" not in text
    assert f'audit_head="{rendition.audit_head}"' in text
    assert write_log_pdf(rendition, root.parent / "log.pdf") >= 1


def test_a_store_from_before_the_seal_is_sealed_at_its_first_open(store_path: Path) -> None:
    from alembic import command

    from app.store import migrate
    from app.store.engine import make_engine

    engine = make_engine(store_path.with_suffix(".db"))
    store_path.mkdir()
    engine.dispose()
    db = store_path / DB_NAME
    engine = make_engine(db)
    with engine.connect() as conn:
        command.upgrade(migrate.alembic_config(conn), "0002")
        conn.commit()
        conn.exec_driver_sql(
            "INSERT INTO operator (id, name, unit, position, role, passphrase_hash, "
            "created_at) VALUES ('op1', '老审核', '档案局', '', 'reviewer', NULL, "
            "'2025-07-21T06:30:00.000000Z')")
        conn.commit()
    engine.dispose()
    with Store.open(store_path) as store:
        events = [e.event_type for e in Repositories(store).audit.list()]
    # (newest first) the migration's schema, after the seal of the rows it found
    assert events == [seal.SCHEMA_EVENT, seal.BASELINE_EVENT]
    assert found(store_path) == []
    sql(store_path, "UPDATE operator SET unit='别处'")
    assert [f.kind for f in found(store_path)] == ["row-changed"]


@pytest.mark.parametrize("statement,kind", [
    ("UPDATE audit_event SET detail='{not json' WHERE seq=1", "audit-changed"),
    ("UPDATE audit_event SET occurred_at='yesterday' WHERE seq=2", "audit-changed"),
    ("UPDATE incident SET started_at='not a time'", "row-changed"),
    ("UPDATE log_entry SET recorded_at='2025-13-45'", "row-changed"),
    ("UPDATE log_entry SET linked_items='{broken'", "row-changed"),
    ("UPDATE log_review SET reviewed_at=x'00ff'", "row-changed"),
    ("UPDATE item SET technical='[1,'", "row-changed"),
])
def test_any_value_in_any_column_is_a_finding_not_a_traceback(
    made, statement: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _item, _ids = made
    lifted(root, statement)
    assert kind in {f.kind for f in found(root)}
    assert main(["check", "--store", str(root)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_events_whose_clock_runs_backwards_are_flagged(made) -> None:
    root, _item, _ids = made
    from app.store.audit import link_hash
    from app.store.models import AuditEvent

    # Re-chain after the edit so only the backwards clock is left to see.
    with Store.open(root, readonly=True) as store, store.reader() as s:
        events = list(s.query(AuditEvent).order_by(AuditEvent.seq))
        prev = events[4].prev_hash
        statements = []
        for n, e in enumerate(events[4:]):
            if n == 0:
                e.occurred_at = e.occurred_at.replace(year=2020)
            e.prev_hash = prev
            e.hash = link_hash(prev, e)
            prev = e.hash
            when = e.occurred_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            statements.append(f"UPDATE audit_event SET occurred_at='{when}', "
                              f"prev_hash='{e.prev_hash}', hash='{e.hash}' WHERE seq={e.seq}")
        last_seq = events[-1].seq
        s.rollback()
    lifted(root, *statements)
    (root / "audit-head.json").write_text(json.dumps({"count": last_seq, "hash": prev}))
    kinds = [f.kind for f in found(root)]
    assert kinds == ["clock-backwards"], kinds


def test_sqlite_damage_is_reported(made) -> None:
    root, _item, _ids = made
    # Break an index: SQLite's integrity_check reports it; the rows read fine.
    conn = sqlite3.connect(root / DB_NAME)
    conn.execute("PRAGMA writable_schema=ON")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_file_sha256'"
                        ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(root / DB_NAME, "r+b") as f:
        f.seek((page - 1) * page_size + page_size - 20)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0x5A]))
    kinds = {f.kind for f in found(root)}
    assert "sqlite-damaged" in kinds


def test_the_head_written_down_catches_rechaining_and_rollback(
    made, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _item, _ids = made
    older = root.parent / "older-copy"
    shutil.copytree(root, older)
    with Store.open(root) as store:
        Repositories(store).operators.add("新人", "档案馆", "archivist")
    assert main(["head", "--store", str(root)]) == 0
    written = capsys.readouterr().out.splitlines()[0]
    count, short = written.split(":")
    assert len(short) == 16 and int(count) > 0
    assert found(root, written) == []
    assert main(["check", "--store", str(root), "--head", written]) == 0
    # Rollback: the older copy, with its own head file, is consistent in itself...
    shutil.rmtree(root)
    shutil.copytree(older, root)
    assert found(root) == []
    # ...but not with the head written down.
    [finding] = found(root, written)
    assert finding.kind == "anchor-behind"
    assert main(["check", "--store", str(root), "--head", "12:zz"]) == 2


def test_head_is_on_every_log_rendition(made, tmp_path: Path) -> None:
    root, _item, _ids = made
    with Store.open(root) as store:
        repos = Repositories(store)
        head = short_head(repos.audit.head())
        rendition = repos.log.entries_for_rendition("EQ2025-01")
    assert short_head(parse_head(rendition.audit_head)) == head
    from app.export.log_xml import validate_log_xml, write_log_xml

    xml = write_log_xml(rendition, tmp_path / "log.xml")
    assert validate_log_xml(xml) == []
    text = xml.read_text("utf-8")
    assert 'signed="true"' in text and '<signature algorithm="Ed25519"' in text


def test_unlock_refuses_a_swapped_key(made) -> None:
    root, _item, _ids = made
    key = sql(root, "SELECT signing_key FROM operator WHERE name='赵监督'")[0][0]
    lifted(root, f"UPDATE operator SET signing_key='{key}' WHERE name='李审核'")
    with Store.open(root) as store, pytest.raises(PermissionDenied, match="cannot be opened"):
        Repositories(store).operators.unlock_signing_key("李审核", PASS)


def test_check_and_head_run_on_a_full_disk(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a small tmpfs needs root to mount (mount -t tmpfs -o size=5m)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        root = mount / "store"
        with Store.open(root, create=True) as store:
            Repositories(store).operators.add("张三", "档案馆", "archivist")
        with open(mount / "filler", "wb") as f:  # fill the disk to the last byte
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
        capsys.readouterr()
        assert main(["check", "--store", str(root)]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out.startswith("OK: 0 files, 1 sealed rows")
        assert main(["head", "--store", str(root)]) == 0
        assert sorted(p.name for p in root.iterdir()) == ["archive.sqlite", "audit-head.json",
                                                          "store.lock", "vault"]
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


IMPORTER = """
import os, sys
from pathlib import Path
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_store_support import add_item_with_file
with Store.open(Path(sys.argv[1])) as store:
    incident = Repositories(store).incidents.list()[0].id
    print("ready", flush=True)
    for n in range(60):
        add_item_with_file(store, incident, os.urandom(2048) + b"%d" % n)
print("done", flush=True)
"""


def test_no_false_alarm_while_another_program_writes(made) -> None:
    """check runs again and again while another program stores items and their files."""
    import subprocess
    import sys

    from tests.test_store_support import REPO

    root, _item, _ids = made
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(root)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    runs = 0
    alarms: list[str] = []
    while proc.poll() is None or runs < 2:
        report = check_path(root)
        alarms += [f.message for f in report.findings]
        runs += 1
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert alarms == [] and runs >= 2
    assert found(root) == []


ADD_COLUMN = '''"""a later release adds a column to item (test only)"""
from alembic import op
import sqlalchemy as sa

revision = "later"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("item", sa.Column("extra", sa.String(20), server_default="x"))


def downgrade() -> None:
    op.drop_column("item", "extra")
'''


def test_a_migration_that_adds_columns_reseals_only_untouched_rows(
    made, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.store import migrate

    root, item, _ids = made
    with Store.open(root) as store:
        incident = Repositories(store).incidents.list()[0].id
        other = add_item_with_file(store, incident, b"another photo" * 100)
    lifted(root, f"UPDATE item SET creator='别人' WHERE id = '{other.item_id}'")
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "later.py").write_text(
        ADD_COLUMN.replace("{head}", migrate.head_revision()), "utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    Store.open(root).close()  # upgrades, reseals, records the new schema
    # The row changed before the upgrade was not sealed again: it is still named.
    [before] = found(root)
    assert before.item_id == other.item_id and ": creator changed" in before.message
    lifted(root, f"UPDATE item SET extra='y' WHERE id='{item.item_id}'")
    after = {f.item_id: f.message for f in found(root)}
    assert ": extra changed" in after[item.item_id] and len(after) == 2


def test_a_large_unit_of_work_is_sealed_in_several_events(
    store: Store, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    monkeypatch.setattr(seal, "BASELINE_CHUNK", 4)
    repos.incidents.create("事件", "natural", "I",
                           datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109")
    events = [e.event_type for e in repos.audit.list()]
    rows = 1 + 1 + 15  # the incident, its schedule and the schedule's categories
    assert events.count(seal.SEAL_EVENT) == -(-rows // 4)
    assert check_path(store.root).ok
