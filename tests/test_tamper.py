"""Seeded tampering: every alteration of a store is detected by `check` and named.

One small store is made once; each mutation is applied to a fresh copy of it with plain
sqlite3 or file writes (as someone with the laptop would, guard triggers dropped and put
back), and `check` runs in-process against the head written down before. Every class must
be detected and named at 100%. FIELDARCHIVE_TAMPER_COUNT scales the number of mutations
(default 1,000), FIELDARCHIVE_TAMPER_SEED picks another sequence.

A flipped byte in an SQLite page that changes nothing SQLite can read (unused space in a
page, a free page) is counted as "no effect" and not as detected: nothing was altered. One
that alters only the default-operator setting (store_setting, a preference left unsealed by
design: authority comes from passphrases and keys) is counted apart too.
"""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.domain.audit_form import hashed_content
from app.store import seal
from app.store.audit import HEAD_FILE, ChainHead
from app.store.errors import StoreError
from app.store.hashing import chain_hash
from app.store.integrity import Finding, _raw_event_content, check_path, parse_head
from app.store.models import ItemRelation
from app.store.repositories import Repositories
from app.store.repositories.audit_log import short_head
from app.store.store import DB_NAME, Store
from app.store.worklog_chain import review_hash
from tests.test_log_support import PASS, SUPER_PASS, add_people, at, fill_log
from tests.test_store_support import add_item_with_file

COUNT = int(os.environ.get("FIELDARCHIVE_TAMPER_COUNT", "1000"))
SEED = int(os.environ.get("FIELDARCHIVE_TAMPER_SEED", "20261202"))
CHAINED = ("audit_event",)
TABLES = (*seal.SEALED_TABLES, *CHAINED)
NO_EFFECT = "no effect"
UNSEALED_ONLY = "unsealed preference only"


@dataclass
class Base:
    root: Path
    older: Path  # a copy from before the last changes, with its own head file
    head: str  # COUNT:HASH16 written down at the end
    dump: dict[str, Any]  # the logical content, to tell a page flip that altered nothing
    vault: dict[str, str]  # vault path -> item id
    reviewers: list[str]  # operator ids with keys


@dataclass
class Tally:
    applied: int = 0
    detected: int = 0
    named: int = 0
    no_effect: int = 0
    unsealed_only: int = 0  # a page flip that only altered unsealed rows
    misses: list[str] = field(default_factory=list)


def run_sql(root: Path, *statements: str | tuple[str, tuple[Any, ...]]) -> list[Any]:
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # a throw-away copy: no need to wait for the disk
    try:
        rows: list[Any] = []
        for st in statements:
            rows = (conn.execute(*st) if isinstance(st, tuple) else conn.execute(st)).fetchall()
        return rows
    finally:
        conn.close()


def lifted(root: Path, *statements: str | tuple[str, tuple[Any, ...]]) -> None:
    """The edit with every trigger dropped before and re-created after, as found."""
    triggers = run_sql(root, "SELECT name, sql FROM sqlite_master WHERE type='trigger'")
    try:
        run_sql(root, "BEGIN", *[f"DROP TRIGGER {n}" for n, _ in triggers], *statements,
                *[str(ddl) for _, ddl in triggers], "COMMIT")
    except sqlite3.Error:
        raise  # (the connection closes: the transaction is rolled back, nothing changed)


def logical_dump(root: Path) -> dict[str, Any]:
    """What SQLite reads from the file: its own verdict, the schema, every table's rows."""
    conn = sqlite3.connect(f"file:{root / DB_NAME}?mode=ro", uri=True)
    conn.text_factory = bytes  # a flipped byte may leave text that is not UTF-8
    try:
        out: dict[str, Any] = {
            " integrity": conn.execute("PRAGMA integrity_check").fetchall(),
            " schema": conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "ORDER BY name").fetchall()}
        names = [n.decode("utf-8", "replace") for (n,) in
                 conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in names:
            # Sorted here: the search index's FTS5 shadow tables have no rowid. A table that
            # cannot be read counts as changed (its own error as its content).
            try:
                out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(),
                                   key=repr)
            except sqlite3.DatabaseError as err:
                out[name] = [("unreadable", str(err))]
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    root = tmp_path_factory.mktemp("tamper") / "store"
    with Store.open(root, create=True) as store:
        repos = Repositories(store)
        add_people(repos)
        incident = repos.incidents.create(
            "2025年某旗7.1级地震", "natural", "I", at(14, 30), "Z109", number="EQ2025-01",
            place="内蒙古某旗", org_code="YJB")
        items = [add_item_with_file(store, incident.id, os.urandom(64) + b"photo %d" % n * 40,
                                    archival_code=f"Z109-ZP·2025-Y-YJB-000{n + 1}")
                 for n in range(3)]
        with store.writer() as s:
            s.add(ItemRelation(item_id=items[0].item_id, related_item_id=items[1].item_id,
                               relation="see-also"))
        ids = fill_log(repos, incident, 4)
        repos.log.review(ids[:1], "李审核", PASS, opinion="属实")
    older = root.parent / "older"
    shutil.copytree(root, older)
    with Store.open(root) as store:
        repos = Repositories(store)
        repos.log.review(ids[1:2], "赵监督", SUPER_PASS)
        repos.log.correct(ids[2], "第3条（更正）：排查完毕。", "补充结果")
        repos.schedules.approve(incident.id, "李审核", PASS, "内档发〔2025〕1号")
        head = short_head(repos.audit.head())
        reviewers = [r.id for r in repos.operators.list() if r.public_key]
    report = check_path(root, parse_head(head))
    assert report.ok, [f.message for f in report.findings]
    return Base(root, older, head, logical_dump(root),
                {i.vault_path: i.item_id for i in items}, reviewers)


# -- the mutations: each returns what a finding must name, or None (try another) -----------

Named = Callable[[list[Finding]], bool]


def mentions(*texts: str) -> Named:
    return lambda found: any(t in f.message for f in found for t in texts)


def of_kind(*kinds: str, text: str = "") -> Named:
    return lambda found: any(f.kind in kinds and text in f.message for f in found)


def _vault_file(rng: random.Random, base: Base, root: Path) -> tuple[Path, str]:
    vault_path = rng.choice(sorted(base.vault))
    path = root / "vault" / vault_path
    path.chmod(0o600)
    return path, base.vault[vault_path]


def vault_byte_flip(rng: random.Random, base: Base, root: Path) -> Named | None:
    path, item_id = _vault_file(rng, base, root)
    data = bytearray(path.read_bytes())
    data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    return lambda found: any(f.kind == "file-changed" and f.item_id == item_id for f in found)


def vault_same_size(rng: random.Random, base: Base, root: Path) -> Named | None:
    path, item_id = _vault_file(rng, base, root)
    size = path.stat().st_size
    path.write_bytes(rng.randbytes(size))
    return lambda found: any(f.kind == "file-changed" and f.item_id == item_id for f in found)


def _rows(root: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    cols = [r[1] for r in run_sql(root, f"PRAGMA table_info({table})")]
    return cols, run_sql(root, f"SELECT rowid, * FROM {table}")


def _key_of(table: str, cols: list[str], row: tuple[Any, ...]) -> str:
    key = "seq" if table == "audit_event" else seal.SEALED_TABLES[table]
    return str(row[1 + cols.index(key)])


def _names_row(table: str, key: str) -> Named:
    if table == "audit_event":
        return of_kind("audit-changed", "audit-missing", "audit-broken", "audit-truncated",
                       "audit-head-mismatch", "clock-backwards", "anchor-mismatch",
                       "anchor-behind", text="#")
    return mentions(key)


def _garbage(rng: random.Random, old: Any) -> Any:
    choices: list[Any] = [None, 0, 1, -1, 2**40, 3.25, "", "x", "'; --", "{broken", "[1,",
                          "2025-13-45T99:99:99.000000Z", "0" * 64, b"\x00\xff\x10",
                          "长" * 300, "\u202e", float("inf")]
    if isinstance(old, str) and old:
        n = rng.randrange(len(old))
        choices += [old + "x", old[:n] + chr(ord(old[n]) ^ 1) + old[n + 1:], old.upper()]
    elif isinstance(old, int):
        choices += [old + 1, old - 1, str(old)]
    elif isinstance(old, float):
        choices += [old + 1e-6, -old]
    return rng.choice(choices)


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def column_edit(rng: random.Random, base: Base, root: Path) -> Named | None:
    table = rng.choice(TABLES)
    cols, rows = _rows(root, table)
    if not rows:
        return None
    row = rng.choice(rows)
    n = rng.randrange(len(cols))
    value = _garbage(rng, row[1 + n])
    if _same(value, row[1 + n]):
        return None
    try:
        lifted(root, (f'UPDATE {table} SET "{cols[n]}"=? WHERE rowid=?', (value, row[0])))
    except sqlite3.Error:
        return None  # refused by a constraint: not a change
    after = run_sql(root, (f'SELECT "{cols[n]}" FROM {table} WHERE rowid=?', (row[0],)))
    if after and _same(after[0][0], row[1 + n]):
        return None  # the column's affinity turned it back into the same value
    old_key = _key_of(table, cols, row)
    key_cols = ("seq",) if table == "audit_event" else (seal.SEALED_TABLES[table],)
    new_key = str(value) if cols[n] in key_cols else old_key
    named = _names_row(table, old_key)
    return lambda found: named(found) or mentions(new_key)(found)


def row_delete(rng: random.Random, base: Base, root: Path) -> Named | None:
    table = rng.choice(TABLES)
    cols, rows = _rows(root, table)
    if not rows:
        return None
    row = rng.choice(rows)
    lifted(root, (f"DELETE FROM {table} WHERE rowid=?", (row[0],)))
    return _names_row(table, _key_of(table, cols, row))


def _unique_fixes(table: str, cols: list[str], values: list[Any], root: Path) -> None:
    def put(col: str, value: Any) -> None:
        values[cols.index(col)] = value

    def next_of(col: str) -> int:
        return int(run_sql(root, f"SELECT max({col}) FROM {table}")[0][0] or 0) + 1

    if table in ("log_entry", "log_review", "audit_event"):
        put("seq", next_of("seq"))
    if table == "retention_schedule":
        put("version", next_of("version"))
    for col, suffix in (("vault_path", ".dup"), ("name", "复"), ("number", "-dup"),
                        ("key", "-dup"), ("relation", "-dup")):
        if col in cols and table in ("file", "operator", "incident", "retention_category",
                                     "item_relation") and values[cols.index(col)] is not None:
            put(col, str(values[cols.index(col)]) + suffix)
    if table == "item":
        put("archival_code", None)
    if table == "audit_event":
        put("id", str(uuid.uuid4()))


def _insert_copy(rng: random.Random, root: Path, garbage: bool) -> Named | None:
    table = rng.choice(TABLES)
    cols, rows = _rows(root, table)
    if not rows:
        return None
    values = list(rng.choice(rows)[1:])
    key_col = "seq" if table == "audit_event" else seal.SEALED_TABLES[table]
    if table == "item_relation":
        values[cols.index("id")] = int(run_sql(root, "SELECT max(id) FROM item_relation")[0][0]) + 1
    elif table != "audit_event":
        values[cols.index(key_col)] = str(uuid.uuid4())
    _unique_fixes(table, cols, values, root)
    if garbage:
        n = rng.choice([i for i, c in enumerate(cols) if c != key_col])
        values[n] = _garbage(rng, values[n])
    marks = ", ".join("?" * len(cols))
    try:
        lifted(root, (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                      tuple(values)))
    except sqlite3.Error:
        return None
    return _names_row(table, str(values[cols.index(key_col)]))


def row_insert(rng: random.Random, base: Base, root: Path) -> Named | None:
    return _insert_copy(rng, root, garbage=True)


def row_duplicate(rng: random.Random, base: Base, root: Path) -> Named | None:
    return _insert_copy(rng, root, garbage=False)


def row_reorder(rng: random.Random, base: Base, root: Path) -> Named | None:
    """Two rows swap a column (their order, their numbers, or their content)."""
    table = rng.choice(TABLES)
    cols, rows = _rows(root, table)
    if len(rows) < 2:
        return None
    a, b = rng.sample(rows, 2)
    if table == "audit_event":
        swap = [c for c in cols if c != "seq"]
    else:
        key = seal.SEALED_TABLES[table]
        pick = [c for c in cols if c != key and not _same(a[1 + cols.index(c)],
                                                            b[1 + cols.index(c)])]
        if not pick:
            return None
        swap = [rng.choice(pick)]
    sets = ", ".join(f'"{c}"=?' for c in swap)
    va = tuple(a[1 + cols.index(c)] for c in swap)
    vb = tuple(b[1 + cols.index(c)] for c in swap)
    park = [c for c in swap if c in ("seq", "version", "vault_path", "name", "number", "key",
                                     "id", "archival_code")]
    parking = (f"UPDATE {table} SET " + ", ".join(f'"{c}"=NULL' if c == "archival_code"
                                                    else f'"{c}"=-1 * rowid - 1000'
                                                    for c in park) + " WHERE rowid=?",
               (a[0],)) if park else None
    try:
        lifted(root, *([parking] if parking else []),
               (f"UPDATE {table} SET {sets} WHERE rowid=?", (*vb, a[0])),
               (f"UPDATE {table} SET {sets} WHERE rowid=?", (*va, b[0])))
    except sqlite3.Error:
        return None
    ka, kb = _key_of(table, cols, a), _key_of(table, cols, b)
    return lambda found: _names_row(table, ka)(found) or _names_row(table, kb)(found)


def forged_review(rng: random.Random, base: Base, root: Path) -> Named | None:
    """A review row that chains correctly, by a reviewer, without their key."""
    entry_id, incident_id, entry_hash = rng.choice(run_sql(
        root, "SELECT id, incident_id, entry_hash FROM log_entry"))
    seq, prev = run_sql(root, "SELECT seq, review_hash FROM log_review ORDER BY seq DESC "
                              "LIMIT 1")[0]
    reviewer_id = rng.choice(base.reviewers)
    name = run_sql(root, ("SELECT name FROM operator WHERE id=?", (reviewer_id,)))[0][0]
    other = run_sql(root, "SELECT signature FROM log_review")[0][0]
    review_id = str(uuid.uuid4())

    @dataclass
    class R:
        seq: int
        id: str
        incident_id: str
        entry_id: str
        reviewer_id: str
        reviewer_name: str
        reviewed_at: datetime
        status: str
        opinion: str

    r = R(seq + 1, review_id, incident_id, entry_id, reviewer_id, name,
          datetime.now(UTC), "approved", rng.choice(["", "属实", "同意"]))
    signature = rng.choice([None, other, base64.b64encode(rng.randbytes(64)).decode()])
    lifted(root, ("INSERT INTO log_review (id, incident_id, seq, entry_id, reviewer_id, "
                  "reviewer_name, reviewed_at, status, opinion, prev_hash, review_hash, "
                  "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (r.id, r.incident_id, r.seq, r.entry_id, r.reviewer_id, r.reviewer_name,
                   r.reviewed_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), r.status, r.opinion,
                   prev, review_hash(prev, r, entry_hash), signature)))  # type: ignore[arg-type]
    return of_kind("signature-missing", "signature-invalid", text=review_id)


def forged_approval(rng: random.Random, base: Base, root: Path) -> Named | None:
    sched_id, status = rng.choice(run_sql(root, "SELECT id, status FROM retention_schedule"))
    other = run_sql(root, "SELECT signature FROM log_review")[0][0]
    signature = rng.choice([None, other, base64.b64encode(rng.randbytes(64)).decode()])
    lifted(root, ("UPDATE retention_schedule SET status='approved', approved_by=?, "
                  "approval_ref=?, approved_at=?, approval_signature=? WHERE id=?",
                  (rng.choice(base.reviewers), rng.choice(["伪造〔2025〕9号", "x"]),
                   "2025-07-22T01:00:00.000000Z", signature, sched_id)))
    return of_kind("signature-missing", "signature-invalid", text=sched_id)


def sqlite_page_flip(rng: random.Random, base: Base, root: Path) -> Named | str | None:
    path = root / DB_NAME
    data = bytearray(path.read_bytes())
    data[_used_byte(rng, data)] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    try:
        dump = logical_dump(root)
    except (sqlite3.Error, UnicodeDecodeError):
        return lambda found: bool(found)  # unreadable: certainly altered
    if dump == base.dump:
        return NO_EFFECT
    changed = sorted(k for k in set(dump) | set(base.dump) if dump.get(k) != base.dump.get(k))
    if all(k == "store_setting" or k.startswith("search") for k in changed):
        # The default-operator preference, or the search index (derived from sealed rows
        # and rebuilt from them): unsealed by design.
        return UNSEALED_ONLY
    return _Flip(changed)


class _Flip:
    """Any finding names a damaged page; ``changed`` says what it altered, for a miss."""

    def __init__(self, changed: list[str]) -> None:
        self.changed = changed

    def __call__(self, found: list[Finding]) -> bool:
        return bool(found)


def _used_byte(rng: random.Random, data: bytearray) -> int:
    """Mostly a byte of a b-tree page's header, cell pointers or cell content (where the
    rows and indexes are), sometimes any byte of the file (free pages, unused space)."""
    page_size = int.from_bytes(data[16:18], "big") or 65536
    if rng.random() < 0.2 or len(data) < page_size:
        return rng.randrange(len(data))
    for _ in range(50):
        page = rng.randrange(len(data) // page_size)
        start = page * page_size
        header = start + (100 if page == 0 else 0)
        if data[header] not in (0x02, 0x05, 0x0A, 0x0D):
            continue  # a free page, an overflow page or unused
        cells = int.from_bytes(data[header + 3:header + 5], "big")
        content = int.from_bytes(data[header + 5:header + 7], "big") or 65536
        leaf = data[header] in (0x0A, 0x0D)
        pointers_end = header + (8 if leaf else 12) + 2 * cells
        used = list(range(header, pointers_end)) + list(range(start + content,
                                                              start + page_size))
        return rng.choice(used)
    return rng.randrange(len(data))


def rechain_after_edit(rng: random.Random, base: Base, root: Path) -> Named | None:
    """Edit a row, rewrite its seal in place and re-chain the whole audit trail after it."""
    table = rng.choice(list(seal.SEALED_TABLES))
    cols, rows = _rows(root, table)
    if not rows:
        return None
    row = rng.choice(rows)
    key = _key_of(table, cols, row)
    texts = [c for n, c in enumerate(cols) if isinstance(row[1 + n], str)
             and c != seal.SEALED_TABLES[table]]
    if not texts:
        return None
    column = rng.choice(texts)
    lifted(root, (f'UPDATE {table} SET "{column}"="{column}" || \'改\' WHERE rowid=?',
                  (row[0],)))
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        events = conn.execute("SELECT * FROM audit_event ORDER BY seq").fetchall()
        sealed_at = max(e["seq"] for e in events if e["event_type"] in (
            seal.SEAL_EVENT, seal.BASELINE_EVENT)
            and key in json.loads(e["detail"]).get("tables", {}).get(table, {}).get("rows", {}))
        now = conn.execute(f"SELECT * FROM {table} WHERE rowid=?", (row[0],)).fetchone()
        statements: list[tuple[str, tuple[Any, ...]]] = []
        prev = None
        for e in events:
            if e["seq"] < sealed_at:
                continue
            detail = e["detail"]
            if e["seq"] == sealed_at:
                d = json.loads(detail)
                body = d["tables"][table]
                body["rows"][key] = seal.make_seal(table, body["columns"],
                                                   [now[c] for c in body["columns"]])
                detail = json.dumps(d, ensure_ascii=False, sort_keys=True)
            prev = e["prev_hash"] if prev is None else prev
            fixed = dict(e)
            fixed["detail"] = detail
            new_hash = chain_hash(prev, hashed_content(_raw_event_content(_Row(fixed)),
                                                       int(fixed["hash_form"])))
            statements.append(("UPDATE audit_event SET detail=?, prev_hash=?, hash=? "
                               "WHERE seq=?", (detail, prev, new_hash, e["seq"])))
            prev = new_hash
    finally:
        conn.close()
    lifted(root, *statements)
    (root / HEAD_FILE).write_text(json.dumps({"count": events[-1]["seq"], "hash": prev}))
    return of_kind("anchor-mismatch")


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def rollback_to_older_copy(rng: random.Random, base: Base, root: Path) -> Named | None:
    shutil.rmtree(root)
    shutil.copytree(base.older, root)
    return of_kind("anchor-behind")


ALL_CLASSES: list[tuple[str, Callable[..., Named | str | None]]] = [
    ("vault byte flip", vault_byte_flip),
    ("vault same-size replacement", vault_same_size),
    ("column edit (guards dropped and re-created)", column_edit),
    ("row deleted", row_delete),
    ("row inserted", row_insert),
    ("row duplicated", row_duplicate),
    ("rows reordered / swapped", row_reorder),
    ("forged review", forged_review),
    ("forged approval", forged_approval),
    ("SQLite page byte flip", sqlite_page_flip),
    ("re-chained after an edit (--head)", rechain_after_edit),
    ("rollback to an older copy (--head)", rollback_to_older_copy),
]
# FIELDARCHIVE_TAMPER_CLASS=page runs only the classes whose name holds that text.
CLASSES = [c for c in ALL_CLASSES
           if os.environ.get("FIELDARCHIVE_TAMPER_CLASS", "").lower() in c[0].lower()]


# 1,000 mutations take about 400 s on a loaded 2-core machine: past the suite's default.
@pytest.mark.timeout(1200)
def test_every_mutation_is_detected_and_named(
    base: Base, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED)
    anchor: ChainHead = parse_head(base.head)
    tally = {name: Tally() for name, _ in CLASSES}
    work = tmp_path / "work"
    n = 0
    while sum(t.applied for t in tally.values()) < COUNT:  # (no-effect flips not counted)
        name, mutate = CLASSES[n % len(CLASSES)]
        n += 1
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(base.root, work)
        expect = mutate(rng, base, work)
        if expect is None:
            n -= 1  # not applicable this time: the same class again
            continue
        t = tally[name]
        if expect == NO_EFFECT:
            t.no_effect += 1
            continue
        if expect == UNSEALED_ONLY:
            t.unsealed_only += 1
            continue
        t.applied += 1
        try:
            found = check_path(work, anchor).findings
        except StoreError as err:  # the database cannot be opened at all: named as such
            found = [Finding("store-unreadable", str(work), str(err))]
        except Exception as err:  # a traceback instead of a report: a failure of its own
            t.misses.append(f"#{n} crashed: {err!r}")
            continue
        if found:
            t.detected += 1
            assert callable(expect)
            if expect(found):
                t.named += 1
            else:
                t.misses.append(f"not named: {[f.message for f in found][:3]}")
        else:
            t.misses.append(f"#{n} not detected" + (
                f": {expect.changed}" if isinstance(expect, _Flip) else ""))
    with capsys.disabled():
        print(f"\ntamper tally (seed {SEED}, {COUNT} mutations):")
        for name, t in tally.items():
            pct = 100 * t.named / t.applied if t.applied else 100.0
            extra = f", {t.no_effect} with no effect" if t.no_effect else ""
            if t.unsealed_only:
                extra += f", {t.unsealed_only} altering only unsealed rows"
            print(f"  {name:45} {t.named:4}/{t.applied:<4} named ({pct:.0f}%), "
                  f"{t.detected} detected{extra}")
    misses = {name: t.misses[:3] for name, t in tally.items() if t.misses}
    assert not misses, misses
    assert all(t.applied for t in tally.values())
