"""`fieldarchive check`: does everything in the store still hold?

Recomputes every vault file's digests, finds files without rows and rows without files,
verifies the audit chain against its head (and against a head the user wrote down), every
row against its seal, every review's and approval's signature, SQLite's own structure, and
the work-log chains. Read-only: it opens no writing transaction and never blocks a writer.

Robust against what it checks: it reads stored values as SQLite holds them (raw), so any
value in any column becomes a finding, never a traceback; each part runs on its own, so one
unreadable part does not hide the others.

No false alarms while another program writes: what lives outside SQLite is read first, in an
order that makes the later database snapshot at least as new (the vault listing, then the
pending notes, then the head file), and everything else is compared inside that one read
transaction, which sees one consistent state and does not block the writer.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.domain.audit_form import hashed_content
from app.store import seal, signing
from app.store.audit import ChainHead, read_head
from app.store.errors import StoreError
from app.store.hashing import GENESIS, DualDigest, chain_hash
from app.store.read_source import ReadOnlyStore
from app.store.source import StoreSource

APPEND_ONLY_TABLES = ("audit_event", "log_entry", "log_review")
FILE_GUARD = "file_digests_fixed"  # migration 0002
MAX_SQLITE_FINDINGS = 20
HEAD_HASH_MIN = 8  # hex digits of a head written down
_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Finding:
    kind: str  # file-changed, file-missing, file-unlisted, audit-changed, row-changed, ...
    subject: str  # what it is about: an item, a vault path, an audit event, a log entry
    message: str
    item_id: str | None = None

    def __post_init__(self) -> None:
        # Stored text that is not UTF-8 (read with escapes) is shown with replacement marks.
        for name in ("subject", "message"):
            text = getattr(self, name)
            object.__setattr__(self, name, text.encode("utf-8", "replace").decode("utf-8"))

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "subject": self.subject, "message": self.message,
                "item_id": self.item_id}


@dataclass
class CheckReport:
    files_checked: int = 0
    events_checked: int = 0
    rows_checked: int = 0
    sm3_pending: int = 0  # files stored with SHA-256 whose SM3 the digest pass has yet to add
    head: ChainHead | None = None  # the audit head of the snapshot checked
    findings: list[Finding] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings and not self.cancelled


class Cancelled(Exception):
    pass


@dataclass(frozen=True)
class Outside:
    """What lives outside SQLite, read before the snapshot starts."""

    vault_files: list[str]
    in_flight: set[str]
    head: ChainHead | None


def parse_head(text: str) -> ChainHead:
    """``COUNT:HASH`` as ``fieldarchive head`` prints it (the hash may be shortened to 8+)."""
    m = re.fullmatch(r"\s*(\d+)\s*:\s*([0-9a-fA-F]{" + str(HEAD_HASH_MIN) + r",64})\s*",
                     text)
    if m is None:
        raise ValueError(f"a head is COUNT:HASH, e.g. 1234:9f3a2c1be0d4f7a8 "
                         f"(at least {HEAD_HASH_MIN} hex digits), not {text!r}")
    return ChainHead(int(m.group(1)), m.group(2).lower())


def check_path(root: Path, anchor: ChainHead | None = None, progress: Progress | None = None,
               cancel: threading.Event | None = None) -> CheckReport:
    """Open the store read-only and check it (a store that cannot be opened raises)."""
    with ReadOnlyStore.open(root) as store:
        return check_store(store, progress, cancel, anchor=anchor)


def check_store(
    store: StoreSource,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    anchor: ChainHead | None = None,
) -> CheckReport:
    report = CheckReport()
    # Outside the database first, newest-needing last (see the module note).
    vault_files = _guarded_list(report, "vault", lambda: list(store.vault.iter_files()))
    in_flight = {p for _note, p in _guarded_list(report, "vault pending area",
                                                 store.vault.pending_intents)}
    outside = Outside(vault_files, in_flight, read_head(store.root))
    try:
        with store.reader() as s:
            conn = s.connection()
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()  # snapshot
            parts: list[tuple[str, Callable[[], Iterator[Finding]]]] = [
                ("SQLite structure", lambda: _check_sqlite(conn)),
                ("vault files", lambda: _check_files(store, conn, outside, report,
                                                     progress, cancel)),
                ("audit chain", lambda: _check_audit_chain(conn, outside, report, anchor)),
                ("guards", lambda: _check_guards(conn)),
                ("schema", lambda: _check_schema(conn)),
                ("row seals", lambda: _check_seals(conn, report)),
                ("signatures", lambda: _check_signatures(conn)),
            ]
            parts += [(name, _bind(extra, store, conn)) for name, extra in EXTRA_CHECKS]
            for name, part in parts:
                report.findings.extend(_guarded(name, part))
    except Cancelled:
        report.cancelled = True
    except StoreError as err:  # the snapshot itself could not be read
        report.findings.append(Finding("store-unreadable", str(store.root),
                                       f"the database cannot be read: {err}"))
    return report


def _bind(extra: Callable[[StoreSource, Connection], Iterator[Finding]], store: StoreSource,
          conn: Connection) -> Callable[[], Iterator[Finding]]:
    return lambda: extra(store, conn)


def _guarded(name: str, part: Callable[[], Iterator[Finding]]) -> list[Finding]:
    """A part's findings; a part that fails says so as a finding, not as a traceback."""
    found: list[Finding] = []
    try:
        found.extend(part())
    except Cancelled:
        raise
    except Exception as err:  # any stored value must give a finding, never a traceback
        found.append(Finding("check-incomplete", name,
                             f"the {name} could not all be verified: a stored value is "
                             f"unreadable ({type(err).__name__}: {err})"))
    return found


def _guarded_list(report: CheckReport, name: str, read: Callable[[], list[Any]]) -> list[Any]:
    try:
        return read()
    except OSError as err:
        report.findings.append(Finding("check-incomplete", name,
                                       f"the {name} cannot be listed ({err.strerror})"))
        return []


def _check_worklog(store: StoreSource, conn: Connection) -> Iterator[Finding]:
    # Imported here: the work-log module builds its findings from this one.
    from app.store.worklog_chain import check_worklog

    return check_worklog(conn)


# Further checks (the work log adds its own): name, function of the store and the snapshot.
EXTRA_CHECKS: list[tuple[str, Callable[[StoreSource, Connection], Iterator[Finding]]]] = [
    ("work-log chains", _check_worklog)]


# -- SQLite ------------------------------------------------------------------------------------


def _check_sqlite(conn: Connection) -> Iterator[Finding]:
    try:
        lines = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    except UnicodeDecodeError:  # its report quotes damaged bytes
        lines = ["damage whose report is not readable text"]
    if lines == ["ok"]:
        return
    for line in lines[:MAX_SQLITE_FINDINGS]:
        yield Finding("sqlite-damaged", "database",
                      f"the database file is damaged (SQLite integrity_check: {line})")


# -- vault files -------------------------------------------------------------------------------


def _item_label(item_id: str, archival_code: Any) -> str:
    return f"item {archival_code} ({item_id})" if archival_code else f"item {item_id}"


def _check_files(
    store: StoreSource,
    conn: Connection,
    outside: Outside,
    report: CheckReport,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Iterator[Finding]:
    rows = conn.exec_driver_sql(
        "SELECT f.vault_path, f.size, f.sha256, f.sm3, f.item_id, i.archival_code, f.role "
        "FROM file f LEFT JOIN item i ON i.id = f.item_id ORDER BY f.vault_path").all()
    known: set[str] = set()
    total = len(rows)
    for n, (vault_path, size, sha256, sm3, item_id, code, role) in enumerate(rows, 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled
        vault_path, item_id = str(vault_path), str(item_id)
        known.add(vault_path)
        label = _item_label(item_id, code)
        if progress is not None:
            progress(n, total, vault_path)
        if not sm3:
            report.sm3_pending += 1
        try:
            path = store.vault.path_to_read(vault_path)
            digest = DualDigest(with_sm3=bool(sm3))  # "": the digest pass has not run yet
            with open(path, "rb") as f:
                while chunk := f.read(1024 * 1024):
                    digest.update(chunk)
        except FileNotFoundError:
            yield Finding("file-missing", label,
                          f"{label}: its {role} file {vault_path} is missing from the vault",
                          item_id)
            continue
        except (OSError, ValueError) as err:
            reason = err.strerror if isinstance(err, OSError) else str(err)
            yield Finding("file-unreadable", label,
                          f"{label}: its {role} file {vault_path} cannot be read ({reason})",
                          item_id)
            continue
        report.files_checked += 1
        if digest.size != size or digest.sha256 != sha256 or digest.sm3 != (sm3 or ""):
            yield Finding(
                "file-changed", label,
                f"{label}: its {role} file {vault_path} has changed since it was stored "
                f"(SHA-256 now {digest.sha256[:16]}…, recorded {str(sha256)[:16]}…)",
                item_id,
            )
    # Files a writer is placing (or a crashed one left, which the next open removes) are
    # named by intent notes read before the snapshot: not part of the archive yet.
    for vault_path in outside.vault_files:
        if vault_path in known or vault_path in outside.in_flight:
            continue
        yield Finding("file-unlisted", vault_path,
                      f"vault file {vault_path} belongs to no item (not in the database)")


# -- the audit chain ---------------------------------------------------------------------------


def _event_label(seq: Any, event_type: Any, incident_id: Any, item_id: Any) -> str:
    """E.g. ``audit event #5 (incident.create, incident 1c9a…)``: what and whom it is about."""
    about = [str(event_type)]
    if incident_id:
        about.append(f"incident {incident_id}")
    if item_id:
        about.append(f"item {item_id}")
    return f"audit event #{seq} ({', '.join(about)})"


def _raw_event_content(row: Any) -> dict[str, Any]:
    """What the event's hash covers, from the stored text; raises on an unreadable value."""
    occurred = datetime.strptime(row.occurred_at, _TIME).replace(tzinfo=UTC)
    detail = json.loads(row.detail) if row.detail is not None else None
    return {
        "seq": row.seq, "id": row.id, "event_type": row.event_type,
        "occurred_at": occurred.isoformat(), "agent": row.agent,
        "operator_id": row.operator_id, "incident_id": row.incident_id,
        "item_id": row.item_id, "object_type": row.object_type, "object_id": row.object_id,
        "outcome": row.outcome, "detail": detail,
    }


def _check_audit_chain(conn: Connection, outside: Outside, report: CheckReport,
                       anchor: ChainHead | None) -> Iterator[Finding]:
    prev_hash = GENESIS
    expected_seq = 1
    last_seq = 0
    last_time: datetime | None = None
    hash_at: dict[int, str] = {}
    wanted = {h.count for h in (outside.head, anchor) if h is not None}
    # (A store opened read-only at an older schema has no hash_form: every event is form 1.)
    has_form = "hash_form" in {str(r[1]) for r in conn.exec_driver_sql(
        "PRAGMA main.table_info(audit_event)")}
    rows = conn.exec_driver_sql(
        "SELECT seq, id, event_type, occurred_at, agent, operator_id, incident_id, item_id, "
        "object_type, object_id, outcome, detail, prev_hash, hash, "
        + ("hash_form" if has_form else "1 AS hash_form") + " FROM audit_event "
        "ORDER BY seq")
    for row in rows:
        report.events_checked += 1
        where = _event_label(row.seq, row.event_type, row.incident_id, row.item_id)
        item_id = str(row.item_id) if row.item_id else None
        if not isinstance(row.seq, int):
            yield Finding("audit-changed", where, f"{where} was changed: its number is not "
                          f"a number", item_id)
            continue
        if row.seq != expected_seq:
            missing = (f"#{expected_seq}" if row.seq == expected_seq + 1
                       else f"#{expected_seq}–#{row.seq - 1}")
            yield Finding("audit-missing", f"audit event {missing}",
                          f"audit event {missing} is missing: the chain jumps to {where}",
                          item_id)
        elif row.prev_hash != prev_hash:
            yield Finding("audit-broken", where,
                          f"{where} does not follow the event before it (chain broken)",
                          item_id)
        try:
            content = _raw_event_content(row)
            intact = chain_hash(str(row.prev_hash),
                                hashed_content(content, int(row.hash_form))) == row.hash
            when = datetime.fromisoformat(content["occurred_at"])
        except (ValueError, TypeError) as err:
            intact, when = False, None
            why = f" (a stored value is unreadable: {err})"
        else:
            why = ""
        if not intact:
            yield Finding("audit-changed", where,
                          f"{where} was changed after it was recorded "
                          f"(its content no longer matches its hash){why}", item_id)
        if when is not None:
            if last_time is not None and when < last_time:
                yield Finding("clock-backwards", where,
                              f"{where} is dated {when.isoformat(timespec='seconds')}, before "
                              f"the event preceding it ({last_time.isoformat(timespec='seconds')})"
                              f": the computer's clock was set back, or the events were "
                              f"altered", item_id)
            last_time = when
        if row.seq in wanted:
            hash_at[row.seq] = str(row.hash)
        prev_hash = str(row.hash)
        expected_seq = row.seq + 1
        last_seq = row.seq
    report.head = ChainHead(last_seq, prev_hash)
    yield from _compare_head_file(outside.head, last_seq, hash_at)
    if anchor is not None:
        yield from _compare_anchor(anchor, last_seq, hash_at)


def _compare_head_file(head: ChainHead | None, last_seq: int,
                       hash_at: dict[int, str]) -> Iterator[Finding]:
    if head is None:
        if last_seq:
            yield Finding("audit-head-missing", "audit head",
                          "the audit chain head file (audit-head.json) is missing")
    elif head.count < 0:
        yield Finding("audit-head-missing", "audit head",
                      "the audit chain head file (audit-head.json) cannot be read")
    elif head.count > last_seq:
        # The head file was read before the snapshot began: the snapshot cannot be older.
        yield Finding(
            "audit-truncated", f"audit event #{last_seq + 1}",
            f"the newest audit events were removed: the chain head records {head.count} "
            f"events, the store has {last_seq} (from #{last_seq + 1} on)",
        )
    elif head.count and hash_at.get(head.count) != head.hash:
        yield Finding("audit-head-mismatch", f"audit event #{head.count}",
                      f"audit event #{head.count} differs from the recorded chain head")


def _compare_anchor(anchor: ChainHead, last_seq: int,
                    hash_at: dict[int, str]) -> Iterator[Finding]:
    written = f"{anchor.count}:{anchor.hash}"
    if anchor.count > last_seq:
        yield Finding("anchor-behind", "audit head written down",
                      f"the store has {last_seq} audit events, fewer than the {anchor.count} "
                      f"of the head written down ({written}): an older copy was put back or "
                      f"events were removed")
    elif anchor.count and not hash_at.get(anchor.count, "").startswith(anchor.hash):
        yield Finding("anchor-mismatch", f"audit event #{anchor.count}",
                      f"audit event #{anchor.count} is not the one of the head written down "
                      f"({written}): the history up to it was rewritten")


def _check_guards(conn: Connection) -> Iterator[Finding]:
    triggers = set(conn.exec_driver_sql(
        "SELECT name FROM main.sqlite_master WHERE type='trigger'").scalars())
    for table in APPEND_ONLY_TABLES:
        for action in ("update", "delete"):
            name = f"{table}_no_{action}"
            if name not in triggers:
                yield Finding("guard-removed", table,
                              f"the append-only guard {name} on {table} was removed")
    if FILE_GUARD not in triggers:
        yield Finding("guard-removed", "file",
                      f"the guard {FILE_GUARD} that keeps stored files' digests fixed "
                      "was removed")


def _check_schema(conn: Connection) -> Iterator[Finding]:
    recorded = seal.recorded_schema(conn)
    if recorded is not None and recorded[1] != seal.schema_digest(conn):
        yield Finding("schema-changed", "database structure",
                      f"the database's structure (its tables, indexes or guards) was changed "
                      f"outside the program since audit event #{recorded[0]} recorded it")


# -- rows against their seals ------------------------------------------------------------------

_NOUN = {
    "operator": "operator", "incident": "incident", "retention_schedule": "retention schedule",
    "retention_category": "retention-schedule category", "import_batch": "import batch",
    "item": "item", "item_relation": "item relation", "file": "file",
    "log_entry": "work-log entry", "log_review": "work-log review",
}
_LABEL_COLUMNS = {
    "operator": ("name",), "incident": ("number", "name"), "retention_schedule": ("version",),
    "retention_category": ("key", "name_zh"), "item": ("archival_code", "title"),
    "file": ("vault_path",), "log_entry": ("seq",), "log_review": ("seq",),
    "import_batch": ("source_channel",), "item_relation": ("relation",),
}


def row_label(table: str, key: str, row: dict[str, Any] | None) -> str:
    noun = _NOUN.get(table, table)
    shown = [str(row[c]) for c in _LABEL_COLUMNS.get(table, ()) if row and row.get(c)]
    if table in ("log_entry", "log_review") and shown:
        shown = ["#" + shown[0]]
    text = f"{noun} {' '.join(shown)} (id {key})" if shown else f"{noun} {key}"
    if row and table == "file" and row.get("item_id"):
        text += f" of item {row['item_id']}"
    return text


def _check_seals(conn: Connection, report: CheckReport) -> Iterator[Finding]:
    counted = [0]
    for p in seal.check_seals(conn, counted):
        report.rows_checked = counted[0]
        label = row_label(p.table, p.key, p.row)
        item_id = p.key if p.table == "item" else (
            str(p.row["item_id"]) if p.row and p.row.get("item_id") else None)
        if p.kind == "changed":
            fields = ", ".join(p.columns) if p.columns else "a field"
            yield Finding("row-changed", label,
                          f"{label}: {fields} changed outside the program (no longer as "
                          f"sealed in audit event #{p.seq})", item_id)
        elif p.kind == "unsealed":
            yield Finding("row-unsealed", label,
                          f"{label} was added or rewritten outside the program: no audit "
                          f"event seals it", item_id)
        elif p.kind == "removed":
            yield Finding("row-removed", label,
                          f"{label} was removed outside the program: audit event #{p.seq} "
                          f"sealed it, the store no longer has it", item_id)
        else:
            yield Finding("row-duplicate", label, f"{label} is stored twice", item_id)
    report.rows_checked = counted[0]


# -- signatures --------------------------------------------------------------------------------


def _check_signatures(conn: Connection) -> Iterator[Finding]:
    from app.store.repositories.schedules import APPROVAL_PURPOSE, approval_content
    from app.store.worklog_chain import REVIEW_PURPOSE

    pre_reviews, pre_approvals = seal.pre_signature_ids(conn)
    rows = conn.exec_driver_sql(
        "SELECT r.id, r.seq, r.incident_id, r.entry_id, e.entry_hash, r.reviewer_id, "
        "r.reviewer_name, r.reviewed_at, r.status, r.opinion, r.signature, o.public_key, "
        "i.number FROM log_review r LEFT JOIN log_entry e ON e.id = r.entry_id "
        "LEFT JOIN operator o ON o.id = r.reviewer_id "
        "LEFT JOIN incident i ON i.id = r.incident_id ORDER BY r.incident_id, r.seq")
    for row in rows:
        content = {"seq": row.seq, "id": row.id, "incident_id": row.incident_id,
                   "entry_id": row.entry_id, "entry_hash": row.entry_hash,
                   "reviewer_id": row.reviewer_id, "reviewer_name": row.reviewer_name,
                   "reviewed_at": row.reviewed_at, "status": row.status,
                   "opinion": row.opinion}
        label = (f"work-log review #{row.seq} (id {row.id}) of incident "
                 f"{row.number or row.incident_id}, by {row.reviewer_name}")
        yield from _signature_findings(label, row.signature, row.public_key,
                                       REVIEW_PURPOSE, content, str(row.id) in pre_reviews,
                                       str(row.reviewer_name))
    for sched in conn.exec_driver_sql(
            "SELECT s.*, o.public_key AS signer_key, o.name AS signer_name FROM "
            "retention_schedule s LEFT JOIN operator o ON o.id = s.approved_by "
            "WHERE s.status = 'approved' OR s.approval_signature IS NOT NULL"):
        cats = conn.exec_driver_sql(
            "SELECT key, name_zh, name_en, retention, sort_order FROM retention_category "
            "WHERE schedule_id = ?", (sched.id,)).all()
        content = approval_content(dict(sched._mapping), cats, approved_at=sched.approved_at)
        label = (f"the approval of retention schedule version {sched.version} (id {sched.id}) "
                 f"by {sched.signer_name or sched.approved_by}")
        yield from _signature_findings(label, sched.approval_signature,
                                       sched.signer_key, APPROVAL_PURPOSE, content,
                                       str(sched.id) in pre_approvals,
                                       str(sched.signer_name or sched.approved_by))


def _signature_findings(label: str, signature: Any, public_key: Any, purpose: str,
                        content: dict[str, Any], before_signatures: bool,
                        signer: str) -> Iterator[Finding]:
    if signature is None:
        if not before_signatures:
            yield Finding("signature-missing", label,
                          f"{label} carries no signature: it was not made by the program "
                          f"with {signer}'s passphrase (forged or altered)")
        return
    if not signing.verify(public_key if isinstance(public_key, str) else None,
                          signature if isinstance(signature, str) else None, purpose, content):
        yield Finding("signature-invalid", label,
                      f"{label}: its signature does not verify with {signer}'s key: it was "
                      f"forged, or what it signed was changed")
