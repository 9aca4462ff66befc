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


_HASHED = (*CONTENT_KEYS, "detail", "redacted", "prev_hash")
_QUALIFIED = tuple(f"{{{NS}}}{k}" for k in _HASHED)
# What an event's link hash is a function of, for ``EventHashes``: its hashed fields (the
# first child of each tag) and its two attributes.
_Key = tuple[tuple[str | None, ...], str | None, str | None]
EventHashes = dict[_Key, str | None]


def _fields(el: etree._Element) -> dict[str, str]:
    """Each child's text by tag, the first of a tag as ``find`` has it: one pass over the
    children instead of one search per field."""
    out: dict[str, str] = {}
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in out:
            out[tag] = child.text or ""
    return out


def event_hash(el: etree._Element, memo: EventHashes | None = None) -> str | None:
    """The link hash recomputed from an <event>'s content (None: unreadable detail).

    A form-2 event (attribute ``hash_form``) is hashed over its detail's digest form; the
    values listed in <redacted> are already digests in the package (``audit_form``).
    ``memo`` keeps results by everything the hash depends on, so the same event read from
    two documents (the item events and the chain) is hashed once.
    """
    fields = _fields(el)
    values = tuple(fields.get(q) for q in _QUALIFIED)
    key = (values, el.get("seq"), el.get("hash_form"))
    if memo is not None and key in memo:
        return memo[key]
    got = _event_hash(dict(zip(_HASHED, values, strict=True)), key[1], key[2])
    if memo is not None:
        memo[key] = got
    return got


def _event_hash(v: dict[str, str | None], seq: str | None, hash_form: str | None
                ) -> str | None:
    content: dict[str, object] = {k: v[k] for k in CONTENT_KEYS}
    content["seq"] = int(seq if seq is not None else "0")
    try:
        content["detail"] = json.loads(v["detail"] or "{}")
        redacted = [tuple(p) for p in json.loads(v["redacted"] or "[]")]
        form = int(hash_form if hash_form is not None else str(FORM_VALUES))
    except (ValueError, TypeError):
        return None
    if redacted and form != FORM_DIGESTS:
        return None  # a value of a form-1 event cannot be replaced and still checked
    prev = v["prev_hash"] or ""
    canonical = json.dumps(hashed_content(content, form, redacted), ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")
    return hashlib.sha256(prev.encode("ascii", "replace") + b"\n" + canonical).hexdigest()


def check_chain(root: etree._Element, subject: str,
                memo: EventHashes | None = None) -> list[Result]:
    """Every link in order, each full event's hash recomputed, ends where it says
    (``memo``: see ``event_hash``)."""
    count = int(root.get("from_count", "0"))
    running = root.get("from_hash", GENESIS)
    event_tag = f"{{{NS}}}event"
    prev_tag, hash_tag = f"{{{NS}}}prev_hash", f"{{{NS}}}hash"
    for el in root:
        if not isinstance(el.tag, str):
            continue
        seq = int(el.get("seq", "0"))
        if el.tag == event_tag:
            fields = _fields(el)
            prev, stated = fields.get(prev_tag), fields.get(hash_tag)
            if event_hash(el, memo) != stated:
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
