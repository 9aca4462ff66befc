"""The work log in a package, checked from its XML alone (no store): every link's hash
recomputed from its content, the two hash chains linked up from the start to the heads the
rendition states, and every current entry (one nobody corrected) reviewed and approved.

The canonical content of a link (canonicalization ``fieldarchive-worklog-json-1``) is read
back from the XML here, and ``app.export.log_xml`` uses the same functions: one definition
for the writer's round trip and for ``verify``. A link's hash is SHA-256 over its
predecessor's hash, a newline and the content's canonical JSON (``app.store.hashing``
``chain_hash``, computed the same way here without the store).
"""

from __future__ import annotations

import hashlib
from typing import Any

from lxml import etree

from app.domain.audit_form import canonical_json
from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.report import Result, fail, ok

NS = "urn:fieldarchive:worklog:1"
GENESIS = "0" * 64


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def text(el: etree._Element, tag: str) -> str | None:
    child = el.find(_q(tag))
    if child is None:
        return None
    return child.text or ""


def req(el: etree._Element, tag: str) -> str:
    value = text(el, tag)
    return value if value is not None else ""


def entry_content(el: etree._Element) -> dict[str, Any]:
    """What an entry's hash covers, from its <entry> element."""
    items = el.find(_q("linked_items"))
    return {
        "seq": int(req(el, "seq")),
        "id": req(el, "id"),
        "incident_id": req(el, "incident_id"),
        "phase": text(el, "phase"),
        "operational_period": req(el, "operational_period"),
        "unit": req(el, "unit"),
        "recorder_id": text(el, "recorder_id"),
        "recorder_name": req(el, "recorder_name"),
        "recorder_position": req(el, "recorder_position"),
        "participants": req(el, "participants"),
        "occurred_at": req(el, "occurred_at"),
        "recorded_at": req(el, "recorded_at"),
        "tz_offset_min": int(req(el, "tz_offset_min")),
        "place": req(el, "place"),
        "category": req(el, "category"),
        "content": req(el, "content"),
        "linked_items": [i.text or "" for i in items.iterfind(_q("item"))]
        if items is not None else [],
        "corrects_id": text(el, "corrects_id"),
        "correction_reason": req(el, "correction_reason"),
        "retention": req(el, "retention"),
    }


def review_content(el: etree._Element) -> dict[str, Any]:
    """What a review's hash covers, from its <review> element."""
    keys = ("id", "incident_id", "entry_id", "entry_hash", "reviewer_id", "reviewer_name",
            "reviewed_at", "status", "opinion")
    return {"seq": int(req(el, "seq")), **{k: req(el, k) for k in keys}}


def link_hash(prev_hash: str, content: Any) -> str:
    h = hashlib.sha256(prev_hash.encode("ascii", "replace"))
    h.update(b"\n")
    h.update(canonical_json(content))
    return h.hexdigest()


def check_link_hashes(root: etree._Element, subject: str) -> list[Result]:
    """Each entry's and review's hash recomputed from its own content, named when not."""
    out: list[Result] = []
    for section, tag, hash_tag, content_of in (
            ("entries", "entry", "entry_hash", entry_content),
            ("reviews", "review", "review_hash", review_content)):
        holder = root.find(_q(section))
        for el in holder.iterfind(_q(tag)) if holder is not None else []:
            seq = req(el, "seq") or "?"
            try:
                same = link_hash(req(el, "prev_hash"), content_of(el)) == req(el, hash_tag)
            except ValueError:  # a number field that is no longer a number
                same = False
            if not same:
                out.append(fail("audit-chain", f"{subject} {tag} #{seq}", QT_TRANSLATE_NOOP(
                    "Errors", "work-log {noun} #{seq} ({id}) does not match its hash: its "
                    "text, links or review were changed after it was recorded"), noun=tag,
                    seq=seq, id=req(el, "id")))
    return out or [ok("audit-chain", f"{subject} hashes")]


def check_worklog(root: etree._Element, subject: str) -> list[Result]:
    chain = root.find(_q("chain"))
    if chain is None:
        return [fail("worklog-reviewed", subject, QT_TRANSLATE_NOOP(
            "Errors", "{path} has no chain element"), path=subject)]
    out: list[Result] = check_link_hashes(root, subject)
    complete = chain.get("complete") == "true"
    for section, tag, hash_tag, head_attr in (("entries", "entry", "entry_hash", "entry_head"),
                                              ("reviews", "review", "review_hash",
                                               "review_head")):
        holder = root.find(_q(section))
        links = list(holder.iterfind(_q(tag))) if holder is not None else []
        running, seq = GENESIS, 0
        broken = None
        for el in links:
            try:
                n = int(el.findtext(_q("seq")) or "0")
            except ValueError:
                n = -1
            if complete and (n != seq + 1 or el.findtext(_q("prev_hash")) != running):
                broken = n
                break
            seq, running = n, el.findtext(_q(hash_tag)) or ""
        if broken is not None:
            out.append(fail("audit-chain", f"{subject} {tag} #{broken}", QT_TRANSLATE_NOOP(
                "Errors", "the work log's {noun} chain breaks at #{seq}"), noun=tag,
                seq=broken))
        elif complete and chain.get(head_attr) != running:
            out.append(fail("audit-chain", f"{subject} {tag}", QT_TRANSLATE_NOOP(
                "Errors", "the work log's {noun} chain does not end at its stated head "
                "(links were removed from the end)"), noun=tag))
        else:
            out.append(ok("audit-chain", f"{subject} {tag}"))
    entries = root.find(_q("entries"))
    current = [e for e in (entries.iterfind(_q("entry")) if entries is not None else [])
               if not e.get("superseded_by")]
    unreviewed = [e.findtext(_q("seq")) or "?" for e in current
                  if e.get("review_status") != "approved"]
    if unreviewed:
        out.append(fail("worklog-reviewed", subject, QT_TRANSLATE_NOOP(
            "Errors", "{count} work-log entries are not reviewed"), count=len(unreviewed)))
    else:
        out.append(ok("worklog-reviewed", subject))
    return out
