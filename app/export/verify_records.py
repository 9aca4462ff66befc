"""verify's checks of the records a package carries about itself: the audit events of its
items (each event's hash recomputed), the audit chain segment tied to the anchors bag-info
states, and the registration form's counts and digest."""

from __future__ import annotations

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.anchors import check_chain, event_hash
from app.export.layout import CHAIN_XML, EVENTS_XML, FORM_DIR, FORM_XML
from app.export.report import Result, fail
from app.export.verify_bagit import Bag
from app.export.verify_xml import FORM_NS, PKG_NS, parse_xml, text

GENESIS = "0" * 64


def item_events(bag: Bag, results: list[Result]) -> set[str]:
    """Item ids with audit events; each event's own hash recomputed."""
    if EVENTS_XML not in bag.payload:
        return set()
    root = parse_xml(bag, EVENTS_XML, results)
    if root is None:
        return set()
    items: set[str] = set()
    bad = 0
    for ev in root.findall(f"{{{PKG_NS}}}event"):
        if event_hash(ev, bag.event_hashes) != text(ev, PKG_NS, "hash"):
            bad += 1
            continue
        item_id = text(ev, PKG_NS, "item_id")
        if item_id:
            items.add(item_id)
    if bad:
        results.append(fail("process-log", EVENTS_XML, QT_TRANSLATE_NOOP(
            "Errors", "{count} audit event(s) do not match their recorded hash"), count=bad))
    return items


def check_form(bag: Bag, digest: str, items: int) -> list[Result]:
    if FORM_XML not in bag.payload:
        return [fail("counts", FORM_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} is missing"), path=FORM_XML)]
    results: list[Result] = []
    root = parse_xml(bag, FORM_XML, results)
    if root is None:
        return results
    values = {el.get("名"): el.text or "" for el in root.findall(f"{{{FORM_NS}}}项")}
    covered = [r for r in bag.payload if not r.startswith(FORM_DIR)]
    actual = {"数字摘要": digest, "件数": str(items),
              "字节数": str(sum(bag.payload[r] for r in covered))}
    for key, value in actual.items():
        if values.get(key) != value:
            results.append(fail("counts", FORM_XML, QT_TRANSLATE_NOOP(
                "Errors", "{key} on the registration form says {stated}; the package has "
                "{actual}"), key=key, stated=values.get(key, "—"), actual=value))
    return results


def check_audit_chain(bag: Bag, results: list[Result]) -> list[Result]:
    """The audit chain segment: unbroken, and tied to the anchors bag-info states."""
    if CHAIN_XML not in bag.payload:
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} is missing"), path=CHAIN_XML)]
    root = parse_xml(bag, CHAIN_XML, results)
    if root is None:
        return []
    head = f"{bag.info.get('Audit-Head-Count', '')} {bag.info.get('Audit-Head-Hash', '')}"
    start = bag.info.get("Previous-Audit-Head") or f"0 {GENESIS}"
    if (f"{root.get('to_count')} {root.get('to_hash')}" != head
            or f"{root.get('from_count')} {root.get('from_hash')}" != start):
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} does not run from {start} to {head} as bag-info.txt states"),
            path=CHAIN_XML, start=start, head=head)]
    return check_chain(root, CHAIN_XML, bag.event_hashes)
