"""Anchors: the store's audit head signed into each package, and the chain between two.

A package carries its store's audit head (count and hash) in bag-info.txt, which the
signature covers, and ``其他/审计链.xml``: the chain from the previous package's anchor to
this one's (this incident's events in full, the others as their hashes). ``check_chain``
walks it; ``verify_previous`` checks that a newer package continues an older one exactly,
so a history rewritten between two transfers is caught. Plain Python: no store.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lxml import etree

from app.domain.audit_form import FORM_DIGESTS, FORM_VALUES, hashed_content
from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.layout import CHAIN_XML
from app.export.package_reader import open_package
from app.export.report import Result, fail, ok

NS = "urn:fieldarchive:package:1"
GENESIS = "0" * 64
CONTENT_KEYS = ("id", "event_type", "occurred_at", "agent", "operator_id", "incident_id",
                "item_id", "object_type", "object_id", "outcome")


def _t(el: etree._Element, tag: str) -> str | None:
    found = el.find(f"{{{NS}}}{tag}")
    return (found.text or "") if found is not None else None


def event_hash(el: etree._Element) -> str | None:
    """The link hash recomputed from an <event>'s content (None: unreadable detail).

    A form-2 event (attribute ``hash_form``) is hashed over its detail's digest form; the
    values listed in <redacted> are already digests in the package (``audit_form``).
    """
    content: dict[str, object] = {k: _t(el, k) for k in CONTENT_KEYS}
    content["seq"] = int(el.get("seq", "0"))
    try:
        content["detail"] = json.loads(_t(el, "detail") or "{}")
        redacted = [tuple(p) for p in json.loads(_t(el, "redacted") or "[]")]
        form = int(el.get("hash_form", str(FORM_VALUES)))
    except (ValueError, TypeError):
        return None
    if redacted and form != FORM_DIGESTS:
        return None  # a value of a form-1 event cannot be replaced and still checked
    prev = _t(el, "prev_hash") or ""
    canonical = json.dumps(hashed_content(content, form, redacted), ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")
    return hashlib.sha256(prev.encode("ascii", "replace") + b"\n" + canonical).hexdigest()


def check_chain(root: etree._Element, subject: str) -> list[Result]:
    """Every link in order, each full event's hash recomputed, ends where it says."""
    count = int(root.get("from_count", "0"))
    running = root.get("from_hash", GENESIS)
    for el in root:
        if not isinstance(el.tag, str):
            continue
        seq = int(el.get("seq", "0"))
        if el.tag == f"{{{NS}}}event":
            prev, stated = _t(el, "prev_hash"), _t(el, "hash")
            if event_hash(el) != stated:
                return [fail("audit-chain", f"{subject} #{seq}", QT_TRANSLATE_NOOP(
                    "Errors", "audit event #{seq} does not match its recorded hash"),
                    seq=seq)]
        else:
            prev, stated = el.get("prev_hash"), el.get("hash")
        if seq != count + 1 or prev != running:
            return [fail("audit-chain", f"{subject} #{seq}", QT_TRANSLATE_NOOP(
                "Errors", "the audit chain breaks at event #{seq}"), seq=seq)]
        count, running = seq, stated or ""
    if count != int(root.get("to_count", "-1")) or running != root.get("to_hash"):
        return [fail("audit-chain", subject, QT_TRANSLATE_NOOP(
            "Errors", "the audit chain ends at #{count} {hash}, not at the anchor "
            "#{anchor_count} {anchor_hash}"), count=count, hash=running,
            anchor_count=root.get("to_count", ""), anchor_hash=root.get("to_hash", ""))]
    return [ok("audit-chain", subject)]


def bag_info(path: Path) -> dict[str, str]:
    reader = open_package(path)
    try:
        text = reader.read("bag-info.txt").decode("utf-8")
    finally:
        reader.close()
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def verify_previous(newer: Path, older: Path) -> list[Result]:
    """The newer package continues the older one's anchor with an unbroken chain."""
    from app.export.verify import verify_package

    old_report = verify_package(older, decode=False)
    if not old_report.passed:
        return [fail("audit-chain", older.name, QT_TRANSLATE_NOOP(
            "Errors", "the previous package {name} does not verify itself"),
            name=older.name)]
    old, new = bag_info(older), bag_info(newer)
    anchor = f"{old.get('Audit-Head-Count', '')} {old.get('Audit-Head-Hash', '')}"
    if new.get("Incident-ID") != old.get("Incident-ID"):
        return [fail("audit-chain", newer.name, QT_TRANSLATE_NOOP(
            "Errors", "{newer} is of incident {new_incident}, {older} of {old_incident}"),
            newer=newer.name, older=older.name, new_incident=new.get("Incident-ID", ""),
            old_incident=old.get("Incident-ID", ""))]
    if new.get("Previous-Audit-Head", "") != anchor:
        return [fail("audit-chain", newer.name, QT_TRANSLATE_NOOP(
            "Errors", "{newer} continues from audit head {stated}, but {older} was made at "
            "{anchor}: the history between them was rewritten or a batch is missing"),
            newer=newer.name, stated=new.get("Previous-Audit-Head", "—"),
            older=older.name, anchor=anchor)]
    reader = open_package(newer)
    try:
        root = etree.fromstring(reader.read(CHAIN_XML),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as err:
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not well-formed XML ({reason})"), path=CHAIN_XML,
            reason=str(err)[:200])]
    finally:
        reader.close()
    if f"{root.get('from_count')} {root.get('from_hash')}" != anchor:
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{newer} continues from audit head {stated}, but {older} was made at "
            "{anchor}: the history between them was rewritten or a batch is missing"),
            newer=newer.name, stated=f"{root.get('from_count')} {root.get('from_hash')}",
            older=older.name, anchor=anchor)]
    return check_chain(root, CHAIN_XML)
