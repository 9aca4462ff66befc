"""Make the fixture stores in this folder: one store per schema revision, as written then.

Run from the repository root: ``python -m tests.data.stores.make_fixtures``. Each store is
an empty database brought to its revision by the shipped Alembic scripts (``upgrade REV``,
never the live models), filled with plain SQL the way the program of that revision wrote
its rows: an incident, an archivist and a reviewer (with a signing key from 0005), items
whose originals are real camera files in the vault, a work log with a review and a
correction, filed items (0003 on), a transfer batch (0006) and the audit chain with its
head file. The digests and chain hashes come from the program's own pure functions, so
the stores are what ``check`` accepts; the row seal (0005 on) is recorded as the program
of that revision recorded it, one ``store.seal`` event over the rows written.

The stores are small (three photos of a few KB each); ``test_store_fixtures.py`` upgrades
each to head. Regenerate only when a new revision is added (add it to ``REVISIONS``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from alembic import command
from sqlalchemy import Connection

from app.store import migrate, seal, search_index, signing
from app.store import passphrase as kdf
from app.store.engine import make_engine
from app.store.hashing import GENESIS, chain_hash
from app.store.worklog_chain import REVIEW_PURPOSE, entry_hash, review_content, review_hash

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "camera-samples" / "jpg"
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007c", "0008d", "0009")
PHOTOS = ("Fujifilm_FinePix_E500.jpg", "Olympus_C8080WZ.jpg", "Sony_HDR-HC3.jpg")
REVIEWER_PASSPHRASE = "审核口令-fixture-2025"  # the reviewer's, for tests that sign
T0 = datetime(2025, 7, 21, 6, 30, tzinfo=UTC)  # 14:30 in Inner Mongolia


def utc(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fixed_id(rev: str, name: str) -> str:
    """Stable ids (a UUID's shape), so the stores do not change when remade."""
    h = hashlib.sha256(f"{rev}/{name}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


class Writer:
    """Plain-SQL inserts into a store at one revision, with its audit chain."""

    def __init__(self, conn: Connection, rev: str) -> None:
        self.conn = conn
        self.rev = rev
        self.clock = T0
        self.seq = 0
        self.head = GENESIS
        self._columns: dict[str, set[str]] = {}

    def tick(self, minutes: int = 1) -> datetime:
        self.clock += timedelta(minutes=minutes)
        return self.clock

    def has(self, table: str, column: str | None = None) -> bool:
        if table not in self._columns:
            self._columns[table] = {str(r[1]) for r in self.conn.exec_driver_sql(
                f"PRAGMA table_info({table})")}
        cols = self._columns[table]
        return bool(cols) and (column is None or column in cols)

    def insert(self, table: str, **row: Any) -> None:
        """One row; columns this revision does not have yet are left out."""
        self.has(table)
        values = {k: v for k, v in row.items() if k in self._columns[table]}
        names = ", ".join(f'"{k}"' for k in values)
        marks = ", ".join("?" for _ in values)
        self.conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                  tuple(values.values()))

    def event(self, event_type: str, agent: str, operator_id: str | None, *,
              incident_id: str | None = None, item_id: str | None = None,
              object_type: str = "", object_id: str | None = None,
              detail: dict[str, Any] | None = None) -> None:
        """One audit event, hashed as ``app.store.audit.record`` hashes it."""
        self.seq += 1
        when = self.tick(0)
        event_id = fixed_id(self.rev, f"event-{self.seq}")
        detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
        content = {
            "seq": self.seq, "id": event_id, "event_type": event_type,
            "occurred_at": when.isoformat(), "agent": agent, "operator_id": operator_id,
            "incident_id": incident_id, "item_id": item_id, "object_type": object_type,
            "object_id": object_id, "outcome": "success", "detail": detail,
        }
        digest = chain_hash(self.head, content)
        self.insert("audit_event", seq=self.seq, id=event_id, event_type=event_type,
                    occurred_at=utc(when), agent=agent, operator_id=operator_id,
                    incident_id=incident_id, item_id=item_id, object_type=object_type,
                    object_id=object_id, outcome="success",
                    detail=json.dumps(detail, ensure_ascii=False), prev_hash=self.head,
                    hash=digest)
        self.head = digest


def make_store(rev: str, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = out / "archive.sqlite"
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            command.upgrade(migrate.alembic_config(conn), rev)
            conn.commit()
        with engine.connect() as conn:
            w = Writer(conn, rev)
            fill(w, out / "vault")
            if w.has("search_pending"):
                search_index.drain(conn)  # what every commit of that program did
            if w.has("operator", "public_key"):
                seal_everything(w)
            conn.commit()
    finally:
        engine.dispose()
    vacuum = sqlite3.connect(db)
    try:
        # The smallest file for the repository: SQLite's smallest page (the program's
        # stores use 4096; a page size changes nothing a migration or a check sees).
        vacuum.execute("PRAGMA journal_mode=DELETE")
        vacuum.execute("PRAGMA page_size=512")
        vacuum.execute("VACUUM")
        vacuum.execute("PRAGMA journal_mode=WAL")  # as the program leaves its stores
    finally:
        vacuum.close()
    (out / "audit-head.json").write_text(json.dumps({"count": w.seq, "hash": w.head}), "utf-8")


def fill(w: Writer, vault: Path) -> None:
    rev = w.rev
    archivist = fixed_id(rev, "operator-archivist")
    reviewer = fixed_id(rev, "operator-reviewer")
    keys_too = w.has("operator", "public_key")
    w.insert("operator", id=archivist, name="张三", unit="旗档案馆", position="档案员",
             role="archivist", passphrase_hash=None, created_at=utc(w.tick()))
    w.event("operator.add", "root", None, object_type="operator", object_id=archivist,
            detail={"name": "张三", "role": "archivist"})
    derived = kdf.derive_new(REVIEWER_PASSPHRASE)
    key = signing.new_key_pair(reviewer, derived.wrapping_key) if keys_too else None
    w.insert("operator", id=reviewer, name="李娜", unit="旗档案馆", position="馆长",
             role="reviewer", passphrase_hash=derived.stored,
             public_key=key.public_key if key else None,
             signing_key=key.wrapped if key else None, created_at=utc(w.tick()))
    w.event("operator.add", "张三", archivist, object_type="operator", object_id=reviewer,
            detail={"name": "李娜", "role": "reviewer"})

    incident = fixed_id(rev, "incident")
    w.insert("incident", id=incident, number="EQ2025-01", name="2025年某旗7.1级地震",
             kind="natural", level="I", place="内蒙古某旗", started_at=utc(T0),
             started_offset_min=480, response_ended_at=None, lead_unit="旗应急管理局",
             participating_units=json.dumps(["旗档案馆", "旗消防救援大队"], ensure_ascii=False),
             fonds_code="Z109", fonds_name="某旗应急管理局", org_code="YJB",
             created_at=utc(w.tick()), created_by=archivist)
    w.event("incident.create", "张三", archivist, incident_id=incident,
            object_type="incident", object_id=incident, detail={"number": "EQ2025-01"})
    schedule = fixed_id(rev, "schedule")
    w.insert("retention_schedule", id=schedule, incident_id=incident, version=1,
             name="2025年某旗7.1级地震归档范围和档案保管期限表", template_version="2025-1",
             status="draft", approval_ref="", approved_by=None, approved_at=None,
             created_at=utc(w.tick(0)), approval_signature=None)
    for n, (key_name, zh, en, ret) in enumerate((
            ("photos-important", "现场照片(重要)", "On-site photos (important)", "Y"),
            ("photos-general", "现场照片(一般)", "On-site photos (general)", "D30"))):
        w.insert("retention_category", id=fixed_id(rev, f"category-{key_name}"),
                 schedule_id=schedule, key=key_name, name_zh=zh, name_en=en, retention=ret,
                 sort_order=n)
    w.event("schedule.create", "张三", archivist, incident_id=incident,
            object_type="retention_schedule", object_id=schedule, detail={"version": 1})

    batch = fixed_id(rev, "batch")
    w.insert("import_batch", id=batch, incident_id=incident, source_channel="self",
             provenance="{}", operator_id=archivist, created_at=utc(w.tick()), note="")
    w.event("batch.create", "张三", archivist, incident_id=incident,
            object_type="import_batch", object_id=batch, detail={"source_channel": "self"})
    items = [fill_item(w, vault, n, name, incident, batch, archivist)
             for n, name in enumerate(PHOTOS, 1)]
    if w.has("filing_run"):
        file_items(w, incident, items[:2], archivist)
    fill_log(w, incident, archivist, reviewer, key, derived.wrapping_key, items)
    if w.has("transfer_batch"):
        transfer(w, incident, items[:1], reviewer, key)


def fill_item(w: Writer, vault: Path, n: int, name: str, incident: str, batch: str,
              archivist: str) -> str:
    rev = w.rev
    data = (SAMPLES / name).read_bytes()
    item = fixed_id(rev, f"item-{n}")
    file_id = fixed_id(rev, f"file-{n}")
    hexname = hashlib.sha256(f"{rev}/vault-{n}".encode()).hexdigest()[:32]
    vault_path = f"{hexname[:2]}/{hexname}.jpg"
    target = vault / hexname[:2] / f"{hexname}.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    os.chmod(target, 0o444)  # the vault is write-once
    created = w.tick()
    w.insert("item", id=item, incident_id=incident, batch_id=batch, kind="photo",
             category="ZP", source_channel="self", state="described", archival_code=None,
             piece_number=None, year=None, cross_reference="", title=f"救援现场照片{n}",
             creator="张三", date=utc(T0 + timedelta(hours=n)), date_offset_min=480,
             place="兴和县城关镇", latitude=None, longitude=None, altitude=None,
             people="消防救援人员", description="转移被困群众", keywords="救援 转移",
             phase="response", retention="Y", retention_category_key="photos-important",
             classification="internal", secrecy_period="", open_status="pending",
             language="zh", technical=json.dumps({"width": 640, "height": 480}),
             dimensions="", condition="", storage_location="", label_number="",
             created_at=utc(created), created_by=archivist, updated_at=utc(created),
             filed_at=None, transferred_at=None, revision=1, caption="{}", excluded=0,
             exclusion_reason="")
    w.insert("file", id=file_id, item_id=item, role="original", seq=1, derived_from=None,
             vault_path=vault_path, original_name=name, size=len(data),
             sha256=hashlib.sha256(data).hexdigest(), sm3=sm3_of(data), format="image/jpeg",
             format_version="", created_at=utc(created))
    w.event("item.import", "张三", archivist, incident_id=incident, item_id=item,
            object_type="item", object_id=item,
            detail={"file": name, "sha256": hashlib.sha256(data).hexdigest()})
    return item


def sm3_of(data: bytes) -> str:
    from app.store.hashing import new_sm3

    h = new_sm3()
    h.update(data)
    return h.hexdigest()


def file_items(w: Writer, incident: str, items: list[str], archivist: str) -> None:
    run = fixed_id(w.rev, "filing-run")
    when = w.tick()
    w.insert("filing_run", id=run, incident_id=incident, started_at=utc(when), agent="张三",
             operator_id=archivist, item_count=len(items))
    for piece, item in enumerate(items, 1):
        code = f"Z109-ZP·2025-Y-YJB-{piece:04d}"
        w.conn.exec_driver_sql(
            "UPDATE item SET state='filed', archival_code=?, piece_number=?, year=2025, "
            "fonds_code='Z109', org_code='YJB', filing_run_id=?, filed_at=?, updated_at=?, "
            "revision=revision+1 WHERE id=?", (code, piece, run, utc(when), utc(when), item))
        w.event("item.file", "张三", archivist, incident_id=incident, item_id=item,
                object_type="item", object_id=item, detail={"archival_code": code})
    w.event("filing.run", "张三", archivist, incident_id=incident, object_type="filing_run",
            object_id=run, detail={"items": len(items)})


def fill_log(w: Writer, incident: str, archivist: str, reviewer: str,
             key: signing.KeyPair | None, wrapping_key: bytes, items: list[str]) -> None:
    prev = GENESIS
    hashes: dict[str, str] = {}
    texts = ((1, "到达现场，开始拍摄。", None, ""),
             (2, "转移被困群众，拍摄照片三张。", None, ""),
             (3, "到达震中某镇中心小学，开始拍摄。", 1, "补充地点"))
    ids = {n: fixed_id(w.rev, f"log-{n}") for n, *_ in texts}
    for seq, text, corrects, reason in texts:
        when = w.tick(7)
        e = SimpleNamespace(
            seq=seq, id=ids[seq], incident_id=incident, phase="response",
            operational_period="第1作业期", unit="旗档案馆", recorder_id=archivist,
            recorder_name="张三", recorder_position="档案员", participants="张三、王五",
            occurred_at=when - timedelta(minutes=5), recorded_at=when, tz_offset_min=480,
            place="兴和县城关镇", category="capture", content=text,
            linked_items=items[:1] if seq == 2 else [],
            corrects_id=ids[corrects] if corrects else None, correction_reason=reason,
            retention="Y")
        digest = entry_hash(prev, e)
        w.insert("log_entry", **{**vars(e), "occurred_at": utc(e.occurred_at),
                                 "recorded_at": utc(e.recorded_at),
                                 "linked_items": json.dumps(e.linked_items)},
                 prev_hash=prev, entry_hash=digest)
        w.event("log.correct" if corrects else "log.add", "张三", archivist,
                incident_id=incident, object_type="log_entry", object_id=e.id,
                detail={"seq": seq, "entry_hash": digest})
        hashes[e.id] = digest
        prev = digest
    when = w.tick(30)
    r = SimpleNamespace(seq=1, id=fixed_id(w.rev, "review-1"), incident_id=incident,
                        entry_id=ids[2], reviewer_id=reviewer, reviewer_name="李娜",
                        reviewed_at=when, status="approved", opinion="同意")
    digest = review_hash(GENESIS, r, hashes[ids[2]])
    signature = None
    if key is not None:
        private = signing.unwrap(key.wrapped, reviewer, wrapping_key)
        assert private is not None
        signature = signing.sign(private, REVIEW_PURPOSE, review_content(r, hashes[ids[2]]))
    w.insert("log_review", **{**vars(r), "reviewed_at": utc(when)}, prev_hash=GENESIS,
             review_hash=digest, signature=signature)
    w.event("log.review", "李娜", reviewer, incident_id=incident, object_type="log_review",
            object_id=r.id, detail={"seq": 1, "review_hash": digest, "entry_id": ids[2],
                                    "entry_seq": 2, "status": "approved",
                                    "signature": signature})


def transfer(w: Writer, incident: str, items: list[str], reviewer: str,
             key: signing.KeyPair | None) -> None:
    batch = fixed_id(w.rev, "transfer-1")
    when = w.tick(60)
    assert key is not None
    fingerprint = hashlib.sha256(key.public_key.encode()).hexdigest()
    w.insert("transfer_batch", id=batch, incident_id=incident, number=1, status="done",
             paths=json.dumps(["/media/carrier/Z109-EQ2025-01-001"]),
             item_ids=json.dumps(items), item_count=len(items), byte_count=2241,
             digests=json.dumps({"Z109-EQ2025-01-001": {"tagmanifest-sha256.txt": "0" * 64}}),
             fingerprint=fingerprint, reviewer="李娜", carrier="DVD-R", audit_head_count=w.seq,
             audit_head_hash=w.head, created_at=utc(when), completed_at=utc(when))
    for item in items:
        w.conn.exec_driver_sql(
            "UPDATE item SET state='transferred', transferred_at=?, transfer_batch_id=?, "
            "updated_at=?, revision=revision+1 WHERE id=?", (utc(when), batch, utc(when), item))
        w.event("item.transfer", "李娜", reviewer, incident_id=incident, item_id=item,
                object_type="item", object_id=item, detail={"batch": 1})
    w.event("transfer.complete", "李娜", reviewer, incident_id=incident,
            object_type="transfer_batch", object_id=batch, detail={"number": 1})


def seal_everything(w: Writer) -> None:
    """The seal the program of this revision recorded over the rows it wrote."""
    conn = w.conn
    tables: dict[str, Any] = {}
    for table in seal.existing_tables(conn):
        columns = seal.table_columns(conn, table)
        key_at = columns.index(seal.SEALED_TABLES[table])
        select = ", ".join(f'"{c}"' for c in columns)
        rows = {str(row[key_at]): seal.make_seal(table, columns, row)
                for row in conn.exec_driver_sql(f"SELECT {select} FROM {table}")}
        if rows:
            tables[table] = {"columns": columns, "rows": rows}
    w.event(seal.SEAL_EVENT, "fieldarchive", None, object_type="seal",
            detail={"tables": tables, "schema": seal.schema_digest(conn)})


def main(argv: list[str]) -> int:
    wanted = argv or list(REVISIONS)
    for rev in wanted:
        make_store(rev, HERE / f"store-{rev}")
        size = sum(p.stat().st_size for p in (HERE / f"store-{rev}").rglob("*") if p.is_file())
        print(f"store-{rev}: {size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
