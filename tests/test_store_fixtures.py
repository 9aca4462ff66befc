"""A store from every released schema opens in this version with everything in it.

The fixture stores (``tests/data/stores/store-REV``, made by ``make_fixtures.py`` with the
shipped Alembic scripts and plain SQL) each hold an incident, an archivist and a reviewer,
photos in the vault, a work log with a correction and a review, and, where the revision has
them, filed items, signing keys and a transfer batch. Each must upgrade to head with every
row and file intact and ``check`` clean; a store from a newer version is refused byte for
byte untouched; an upgrade that fails half-way puts the store back as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.store import migrate
from app.store.errors import MigrationFailed, StoreTooNew
from app.store.integrity import check_path
from app.store.repositories import Repositories
from app.store.store import BACKUPS_DIR, DB_NAME, Store
from tests.data.stores.make_fixtures import REVIEWER_PASSPHRASE, REVISIONS
from tests.test_store_support import run_cli, sql, tree_digest

STORES = Path(__file__).parent / "data" / "stores"


def test_there_is_a_fixture_store_for_every_shipped_revision() -> None:
    shipped = sorted(migrate.known_revisions())
    assert list(REVISIONS) == shipped, "add the new revision to make_fixtures.REVISIONS"
    for rev in shipped:
        assert (STORES / f"store-{rev}" / DB_NAME).is_file(), f"run make_fixtures.py {rev}"


def copy_store(rev: str, tmp_path: Path) -> Path:
    target = tmp_path / f"store-{rev}"
    shutil.copytree(STORES / f"store-{rev}", target)
    for path in target.rglob("*"):  # the vault's files are read-only; a copy stays so
        if path.is_file():
            path.chmod(0o444 if "vault" in path.parts else 0o644)
    return target


def all_rows(db: Path) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table, by primary key: what the store holds, column by column."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_fts%'")]
        out: dict[str, dict[Any, dict[str, Any]]] = {}
        for t in tables:
            keys = [r[1] for r in sorted(conn.execute(f"PRAGMA table_info({t})"),
                                         key=lambda r: r[5]) if r[5]]
            out[t] = {}
            for r in conn.execute(f"SELECT * FROM {t}"):
                key = tuple(r[k] for k in keys) if keys else tuple(r)
                out[t][key] = dict(zip(r.keys(), tuple(r), strict=True))
        return out
    finally:
        conn.close()


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("rev", REVISIONS)
def test_each_revision_upgrades_to_head_with_its_data_intact(rev: str, tmp_path: Path) -> None:
    root = copy_store(rev, tmp_path)
    before = all_rows(root / DB_NAME)
    vault_before = tree_digest(root / "vault")
    with Store.open(root) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        if rev != migrate.head_revision():
            assert store.backup_made is not None
            assert (root / BACKUPS_DIR / store.backup_made).is_file()
    after = all_rows(root / DB_NAME)
    for table, rows in before.items():
        if table in ("alembic_version", "store_setting", "search_pending"):
            continue  # the revision itself, the baseline marker, the drained queue
        for rowid, row in rows.items():
            now = after[table].get(rowid)
            assert now is not None, f"{table} row {rowid} lost in the upgrade from {rev}"
            assert {k: now[k] for k in row} == row, f"{table} row {rowid} changed"
    assert tree_digest(root / "vault") == vault_before

    report = check_path(root)
    assert report.ok, [f.message for f in report.findings]
    assert report.files_checked == 3 and report.sm3_pending == 0

    with Store.open(root) as store:
        repos = Repositories(store)
        assert [i.number for i in repos.incidents.list()] == ["EQ2025-01"]
        assert {o.name for o in repos.operators.list()} == {"张三", "李娜"}
        items = repos.items.list("EQ2025-01")
        assert sorted(i.title for i in items) == ["救援现场照片1", "救援现场照片2", "救援现场照片3"]
        for item in items:
            original = item.file("original")
            assert original is not None
            with repos.items.open_file(original.vault_path) as f:
                assert len(f.read()) == original.size
        entries = repos.log.page("EQ2025-01")
        # The corrected entry shows its correction (two versions), the other its review.
        assert [(e.entry.content, e.version_count, e.review_status) for e in entries] == [
            ("转移被困群众，拍摄照片三张。", 1, "approved"),
            ("到达震中某镇中心小学，开始拍摄。", 2, "unreviewed")]
        states = sorted(i.state for i in items)
        if rev >= "0006":
            assert states == ["described", "filed", "transferred"]
            assert [b.number for b in repos.transfers.history("EQ2025-01")] == [1]
        elif rev >= "0003":
            assert states == ["described", "filed", "filed"]
        assert any(h.kind == "item" for h in repos.search.search("转移", "EQ2025-01"))
        # The upgraded store goes on working: a new entry, reviewed by the old reviewer.
        entry = repos.log.add("EQ2025-01", "升级后的第一条日志。", operator="张三")
        if rev >= "0005":  # the reviewer's signing key, made under that revision
            repos.log.review([entry.id], "李娜", REVIEWER_PASSPHRASE, "同意")
    report = check_path(root)
    assert report.ok, [f.message for f in report.findings]


def test_a_store_from_a_newer_version_is_refused_byte_for_byte_untouched(
        tmp_path: Path) -> None:
    root = copy_store(migrate.head_revision(), tmp_path)
    sql(root, "UPDATE alembic_version SET version_num = '0099_written_by_a_later_version'")
    before = tree_digest(root)
    with pytest.raises(StoreTooNew, match="newer version of FieldArchive"):
        Store.open(root)
    result = run_cli("log", "add", "--store", str(root), "--incident", "EQ2025-01",
                     "--text", "不应写入")
    assert result.returncode == 1
    assert "newer version of FieldArchive" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(root) == before
    assert not (root / BACKUPS_DIR).exists()


FAILING_STEP = '''
    raise RuntimeError("injected: the upgrade stops half-way")
'''


def break_migration_0005(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped scripts, but 0005 fails after its first changes (columns added)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    step = next((scripts / "versions").glob("0005_*.py"))
    text = step.read_text("utf-8")
    marker = "    bind = op.get_bind()\n"
    assert marker in text
    step.write_text(text.replace(marker, FAILING_STEP + marker, 1), "utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)


def add_dangling_relation(root: Path) -> None:
    """A row pointing at an item that is not there (written with foreign keys off)."""
    item = sql(root, "SELECT id FROM item LIMIT 1")[0][0]
    sql(root, "PRAGMA foreign_keys=OFF",
        "INSERT INTO item_relation (item_id, related_item_id, relation) "
        f"VALUES ('{item}', 'an-item-that-is-gone', 'see-also')")


def outside_the_database(root: Path) -> dict[str, str]:
    """The vault, the head file, the backups (the database is compared by its content; its
    SQLite side files and the lock file come and go with every open)."""
    return {k: v for k, v in tree_digest(root).items()
            if not k.startswith(DB_NAME) and k != "store.lock"}


@pytest.mark.parametrize("failure", ["a migration step raises", "a row breaks a constraint"])
def test_an_upgrade_that_fails_half_way_puts_the_store_back(
        failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_store("0003", tmp_path)
    if failure == "a migration step raises":
        break_migration_0005(tmp_path, monkeypatch)
    else:
        add_dangling_relation(root)
    rows_before, dump_before = all_rows(root / DB_NAME), dump(root / DB_NAME)
    outside_before = outside_the_database(root)

    with pytest.raises(MigrationFailed, match="put back as it was") as caught:
        Store.open(root)
    assert "Traceback" not in str(caught.value)

    assert dump(root / DB_NAME) == dump_before  # schema and rows as they were
    assert all_rows(root / DB_NAME) == rows_before
    assert sql(root, "SELECT version_num FROM alembic_version") == [("0003",)]
    assert sql(root, "PRAGMA integrity_check") == [("ok",)]
    outside_after = outside_the_database(root)
    backups = [k for k in outside_after if k.startswith(BACKUPS_DIR + "/")]
    assert len(backups) == 1  # the copy it was put back from stays, for the record
    assert {k: v for k, v in outside_after.items() if k not in backups} == outside_before

    if failure == "a row breaks a constraint":
        # The command line says it in one sentence, and leaves the store as it is too.
        result = run_cli("log", "add", "--store", str(root), "--incident", "EQ2025-01",
                         "--text", "升级失败时")
        assert result.returncode == 1
        assert "put back as it was" in result.stderr and "Traceback" not in result.stderr
        assert dump(root / DB_NAME) == dump_before
    else:
        monkeypatch.undo()  # the working scripts: the same store now upgrades cleanly
        with Store.open(root) as store:
            assert migrate.current_revision(store.engine) == migrate.head_revision()
        report = check_path(root)
        assert report.ok, [f.message for f in report.findings]
