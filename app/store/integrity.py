"""`fieldarchive check`: does everything in the store still hold?

Recomputes every vault file's digests, finds files without rows and rows without files,
verifies the audit chain against its head, and runs the other chain checks (the work log).
Read-only: it opens no writing transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select, text

from app.store.audit import event_content, read_head
from app.store.hashing import GENESIS, DualDigest, chain_hash
from app.store.models import AuditEvent, File, Item
from app.store.source import StoreSource

APPEND_ONLY_TABLES = ("audit_event", "log_entry", "log_review")
FILE_GUARD = "file_digests_fixed"  # migration 0002

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Finding:
    kind: str  # file-changed, file-missing, file-unlisted, audit-changed, audit-missing, ...
    subject: str  # what it is about: an item, a vault path, an audit event, a log entry
    message: str
    item_id: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "subject": self.subject, "message": self.message,
                "item_id": self.item_id}


@dataclass
class CheckReport:
    files_checked: int = 0
    events_checked: int = 0
    sm3_pending: int = 0  # files stored with SHA-256 whose SM3 the digest pass has yet to add
    findings: list[Finding] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings and not self.cancelled


class Cancelled(Exception):
    pass


def check_store(
    store: StoreSource,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> CheckReport:
    report = CheckReport()
    try:
        report.findings.extend(_check_files(store, report, progress, cancel))
        report.findings.extend(_check_audit_chain(store, report))
        report.findings.extend(_check_guards(store))
        for extra in EXTRA_CHECKS:
            report.findings.extend(extra(store))
    except Cancelled:
        report.cancelled = True
    return report


def _check_worklog(store: StoreSource) -> Iterator[Finding]:
    # Imported here: the work-log module builds its findings from this one.
    from app.store.worklog_chain import check_worklog

    return check_worklog(store)


# Further chain checks (the work log adds its own); each yields findings.
EXTRA_CHECKS: list[Callable[[StoreSource], Iterator[Finding]]] = [_check_worklog]


def _item_label(item_id: str, archival_code: str | None) -> str:
    return f"item {archival_code} ({item_id})" if archival_code else f"item {item_id}"


def _check_files(
    store: StoreSource,
    report: CheckReport,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Iterator[Finding]:
    with store.reader() as s:
        rows = s.execute(
            select(File.vault_path, File.size, File.sha256, File.sm3, File.item_id,
                   Item.archival_code, File.role)
            .join(Item, Item.id == File.item_id)
            .order_by(File.vault_path)
        ).all()
    known = set()
    total = len(rows)
    for n, (vault_path, size, sha256, sm3, item_id, code, role) in enumerate(rows, 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled
        known.add(vault_path)
        label = _item_label(item_id, code)
        if progress is not None:
            progress(n, total, vault_path)
        digest = DualDigest(with_sm3=bool(sm3))  # "": the digest pass has not run yet
        if not sm3:
            report.sm3_pending += 1
        try:
            with store.vault.open_file(vault_path) as f:
                while chunk := f.read(1024 * 1024):
                    digest.update(chunk)
        except FileNotFoundError:
            yield Finding("file-missing", label,
                          f"{label}: its {role} file {vault_path} is missing from the vault",
                          item_id)
            continue
        except OSError as err:
            yield Finding("file-unreadable", label,
                          f"{label}: its {role} file {vault_path} cannot be read ({err.strerror})",
                          item_id)
            continue
        report.files_checked += 1
        if digest.size != size or digest.sha256 != sha256 or digest.sm3 != sm3:
            yield Finding(
                "file-changed", label,
                f"{label}: its {role} file {vault_path} has changed since it was stored "
                f"(SHA-256 now {digest.sha256[:16]}…, recorded {sha256[:16]}…)",
                item_id,
            )
    # Files a writer is placing right now (or a crashed one left, which the next open
    # removes) are named by intent notes: not part of the archive yet, not strays.
    in_flight = {vault_path for _note, vault_path in store.vault.pending_intents()}
    for vault_path in store.vault.iter_files():
        if vault_path in known or vault_path in in_flight or _committed_since(store, vault_path):
            continue
        yield Finding("file-unlisted", vault_path,
                      f"vault file {vault_path} belongs to no item (not in the database)")


def _committed_since(store: StoreSource, vault_path: str) -> bool:
    """Did another program commit this file's row after the rows above were read?"""
    with store.reader() as s:
        return s.scalar(select(File.id).where(File.vault_path == vault_path)) is not None


def _event_label(event: AuditEvent) -> str:
    """E.g. ``audit event #5 (incident.create, incident 1c9a…)``: what and whom it is about."""
    about = [event.event_type]
    if event.incident_id:
        about.append(f"incident {event.incident_id}")
    if event.item_id:
        about.append(f"item {event.item_id}")
    return f"audit event #{event.seq} ({', '.join(about)})"


def _check_audit_chain(store: StoreSource, report: CheckReport) -> Iterator[Finding]:
    prev_hash = GENESIS
    expected_seq = 1
    last_seq = 0
    with store.reader() as s:
        for event in s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(2000):
            report.events_checked += 1
            where = _event_label(event)
            if event.seq != expected_seq:
                missing = (f"#{expected_seq}" if event.seq == expected_seq + 1
                           else f"#{expected_seq}–#{event.seq - 1}")
                yield Finding("audit-missing", f"audit event {missing}",
                              f"audit event {missing} is missing: the chain jumps to {where}",
                              event.item_id)
            elif event.prev_hash != prev_hash:
                yield Finding("audit-broken", where,
                              f"{where} does not follow the event before it (chain broken)",
                              event.item_id)
            if chain_hash(event.prev_hash, event_content(event)) != event.hash:
                yield Finding("audit-changed", where,
                              f"{where} was changed after it was recorded "
                              f"(its content no longer matches its hash)", event.item_id)
            prev_hash = event.hash
            expected_seq = event.seq + 1
            last_seq = event.seq
        head = read_head(store.root)
        if head is None:
            if last_seq:
                yield Finding("audit-head-missing", "audit head",
                              "the audit chain head file (audit-head.json) is missing")
        elif head.count < 0:
            yield Finding("audit-head-missing", "audit head",
                          "the audit chain head file (audit-head.json) cannot be read")
        elif head.count > last_seq:
            yield Finding(
                "audit-truncated", f"audit event #{last_seq + 1}",
                f"the newest audit events were removed: the chain head records {head.count} "
                f"events, the store has {last_seq} (from #{last_seq + 1} on)",
            )
        elif head.count:
            at = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == head.count))
            if at != head.hash:
                yield Finding("audit-head-mismatch", f"audit event #{head.count}",
                              f"audit event #{head.count} differs from the recorded chain head")


def _check_guards(store: StoreSource) -> Iterator[Finding]:
    with store.reader() as s:
        triggers = set(
            s.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars()
        )
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
