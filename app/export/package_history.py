"""A package's history read into rows for review: its work log (entries, reviews and the
people they name) and the audit events it holds in full."""

from __future__ import annotations

import json
from datetime import datetime

from lxml import etree

from app.export.layout import (
    CHAIN_XML,
    EVENTS_XML,
    WORKLOG_XML,
)
from app.export.package_rows import (
    LOG_NS,
    PKG_NS,
    OpenPackage,
    add_row,
    made_id,
    parse_time,
    text_of,
    to_int,
)


def read_work_log(pkg: OpenPackage, incident_id: str) -> None:
    root = pkg.xml(WORKLOG_XML, required=False)
    if root is None:
        return
    entries = root.find(f"{{{LOG_NS}}}entries")
    shift = _seq_shift(pkg, "log_entry", incident_id, entries, "entry")
    for el in entries.iterfind(f"{{{LOG_NS}}}entry") if entries is not None else ():
        occurred, recorded = parse_time(text_of(el, LOG_NS, "occurred_at")), parse_time(
            text_of(el, LOG_NS, "recorded_at"))
        entry_id = text_of(el, LOG_NS, "id")
        if not entry_id or occurred is None or recorded is None:
            continue
        recorder = text_of(el, LOG_NS, "recorder_id") or None
        _operator(pkg, recorder, text_of(el, LOG_NS, "recorder_name"), text_of(el, LOG_NS, "unit"),
                  "archivist", recorded)
        items = el.find(f"{{{LOG_NS}}}linked_items")
        add_row(pkg.out, "log_entry", {
            "id": entry_id, "incident_id": incident_id,
            "seq": (to_int(text_of(el, LOG_NS, "seq")) or 0) + shift,
            "phase": text_of(el, LOG_NS, "phase") or None,
            "operational_period": text_of(el, LOG_NS, "operational_period"),
            "unit": text_of(el, LOG_NS, "unit"), "recorder_id": recorder,
            "recorder_name": text_of(el, LOG_NS, "recorder_name"),
            "recorder_position": text_of(el, LOG_NS, "recorder_position"),
            "participants": text_of(el, LOG_NS, "participants"), "occurred_at": occurred,
            "recorded_at": recorded, "tz_offset_min": to_int(text_of(el, LOG_NS, "tz_offset_min"))
            or 0, "place": text_of(el, LOG_NS, "place"),
            "category": text_of(el, LOG_NS, "category") or "other",
            "content": text_of(el, LOG_NS, "content"),
            "linked_items": [i.text or "" for i in items.iterfind(f"{{{LOG_NS}}}item")]
            if items is not None else [],
            "corrects_id": text_of(el, LOG_NS, "corrects_id") or None,
            "correction_reason": text_of(el, LOG_NS, "correction_reason"),
            "retention": text_of(el, LOG_NS, "retention") or "Y",
            "prev_hash": text_of(el, LOG_NS, "prev_hash"),
            "entry_hash": text_of(el, LOG_NS, "entry_hash")}, entry_id)
    reviews = root.find(f"{{{LOG_NS}}}reviews")
    shift = _seq_shift(pkg, "log_review", incident_id, reviews, "review")
    for el in reviews.iterfind(f"{{{LOG_NS}}}review") if reviews is not None else ():
        reviewed = parse_time(text_of(el, LOG_NS, "reviewed_at"))
        review_id = text_of(el, LOG_NS, "id")
        if not review_id or reviewed is None:
            continue
        reviewer = text_of(el, LOG_NS, "reviewer_id")
        _operator(pkg, reviewer, text_of(el, LOG_NS, "reviewer_name"), "", "reviewer", reviewed)
        signature = el.find(f"{{{LOG_NS}}}signature")
        add_row(pkg.out, "log_review", {
            "id": review_id, "incident_id": incident_id,
            "seq": (to_int(text_of(el, LOG_NS, "seq")) or 0) + shift,
            "entry_id": text_of(el, LOG_NS, "entry_id"),
            "reviewer_id": reviewer, "reviewer_name": text_of(el, LOG_NS, "reviewer_name"),
            "reviewed_at": reviewed, "status": text_of(el, LOG_NS, "status"),
            "opinion": text_of(el, LOG_NS, "opinion"),
            "prev_hash": text_of(el, LOG_NS, "prev_hash"),
            "review_hash": text_of(el, LOG_NS, "review_hash"),
            "signature": signature.text if signature is not None else None}, review_id)


def _seq_shift(pkg: OpenPackage, table: str, incident_id: str, holder: etree._Element | None,
               tag: str) -> int:
    """0, or past the numbers taken when another team's log of the same incident (its own
    chain, its own numbers) is already in: both logs are shown, one after the other."""
    if holder is None:
        return 0
    taken = {r["seq"]: r["id"] for r in pkg.out.rows.get(table, [])
             if r["incident_id"] == incident_id}
    for el in holder.iterfind(f"{{{LOG_NS}}}{tag}"):
        seq = to_int(text_of(el, LOG_NS, "seq"))
        if seq in taken and taken[seq] != text_of(el, LOG_NS, "id"):
            return max(taken)
    return 0


def _operator(pkg: OpenPackage, operator_id: str | None, name: str, unit: str, role: str,
              when: datetime) -> None:
    """The people the log names, so its recorders and reviewers show by name."""
    if not operator_id or not name:
        return
    names = {r["name"] for r in pkg.out.rows.get("operator", [])}
    if operator_id in pkg.out._seen.get("operator", set()):
        return
    shown = name if name not in names else f"{name} ({operator_id[:8]})"
    add_row(pkg.out, "operator", {"id": operator_id, "name": shown, "unit": unit, "position": "",
                             "role": role, "created_at": when}, operator_id)


def read_events(pkg: OpenPackage) -> None:
    """The audit events the package holds in full (its items' events and the chain's)."""
    for rel in (EVENTS_XML, CHAIN_XML):
        root = pkg.xml(rel, required=False)
        for ev in root.iterfind(f"{{{PKG_NS}}}event") if root is not None else ():
            seq = to_int(ev.get("seq", ""))
            occurred = parse_time(text_of(ev, PKG_NS, "occurred_at"))
            if seq is None or occurred is None:
                continue
            try:
                detail = json.loads(text_of(ev, PKG_NS, "detail") or "{}")
            except ValueError:
                detail = {}
            event_id = text_of(ev, PKG_NS, "id") or made_id("event", pkg.name, str(seq))
            if event_id in pkg.out._seen.get("audit_event", set()):
                continue
            if str(seq) in pkg.out._seen.get("audit_seq", set()):
                # Another store's chain (another team's package) has its own numbers.
                seq += pkg.index * 1_000_000_000
            pkg.out._seen.setdefault("audit_seq", set()).add(str(seq))
            add_row(pkg.out, "audit_event", {
                "seq": seq, "id": event_id,
                "event_type": text_of(ev, PKG_NS, "event_type"), "occurred_at": occurred,
                "agent": text_of(ev, PKG_NS, "agent"),
                "operator_id": text_of(ev, PKG_NS, "operator_id") or None,
                "incident_id": text_of(ev, PKG_NS, "incident_id") or None,
                "item_id": text_of(ev, PKG_NS, "item_id") or None,
                "object_type": text_of(ev, PKG_NS, "object_type"),
                "object_id": text_of(ev, PKG_NS, "object_id") or None,
                "outcome": text_of(ev, PKG_NS, "outcome") or "success", "detail": detail,
                "prev_hash": text_of(ev, PKG_NS, "prev_hash"), "hash": text_of(ev, PKG_NS, "hash")},
                event_id)
