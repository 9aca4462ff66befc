"""The work log as XML (UTF-8): every field, both hash chains, valid against worklog.xsd.

Element names are the keys of the canonical content the chains hash, so ``verify_log_xml``
(and any receiver) can recompute every link from the file alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from lxml import etree

from app import __version__
from app.domain import codes
from app.export.worklog_check import entry_content, req, review_content
from app.resources import resource_path
from app.store.atomic import write_atomically
from app.store.hashing import GENESIS, chain_hash
from app.store.worklog_chain import REVIEW_PURPOSE, Link, Problem, utc_text, walk_chain
from app.store.worklog_records import (
    LinkedItem,
    LogEntryRecord,
    LogRendition,
    LogReviewRecord,
)

NS = "urn:fieldarchive:worklog:1"
CANONICALIZATION = "fieldarchive-worklog-json-1"
SCHEMA_PARTS = ("schemas", "worklog.xsd")


def schema_path() -> Path:
    return resource_path(*SCHEMA_PARTS)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str | None) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _label(table: codes.CodeTable, code: str) -> str | None:
    try:
        return table.label(code)
    except KeyError:
        return None


def _time(parent: etree._Element, tag: str, value: datetime) -> None:
    _sub(parent, tag, utc_text(value), local=value.isoformat())


def _entry(parent: etree._Element, e: LogEntryRecord, superseded_by: str | None,
           linked: Mapping[str, LinkedItem]) -> None:
    el = _sub(parent, "entry", review_status=e.review_status)
    if superseded_by:
        el.set("superseded_by", superseded_by)
    _sub(el, "seq", str(e.seq))
    _sub(el, "id", e.id)
    _sub(el, "incident_id", e.incident_id)
    if e.phase is not None:
        _sub(el, "phase", e.phase, label=_label(codes.PHASE, e.phase))
    _sub(el, "operational_period", e.operational_period)
    _sub(el, "unit", e.unit)
    if e.recorder_id is not None:
        _sub(el, "recorder_id", e.recorder_id)
    _sub(el, "recorder_name", e.recorder_name)
    _sub(el, "recorder_position", e.recorder_position)
    _sub(el, "participants", e.participants)
    _time(el, "occurred_at", e.occurred_at)
    _time(el, "recorded_at", e.recorded_at)
    _sub(el, "tz_offset_min", str(e.tz_offset_min))
    _sub(el, "place", e.place)
    _sub(el, "category", e.category,
         label=_label(codes.LOG_CATEGORY, e.category))
    _sub(el, "content", e.content)
    items = _sub(el, "linked_items")
    for item_id in e.linked_items:
        # The id is the link; code (档号), or before filing title and file_name, name it.
        item = linked.get(item_id)
        if item is None:
            _sub(items, "item", item_id)
        elif item.archival_code:
            _sub(items, "item", item_id, code=item.archival_code)
        else:
            _sub(items, "item", item_id, title=item.title or None,
                 file_name=item.original_name or None)
    if e.corrects_id is not None:
        _sub(el, "corrects_id", e.corrects_id)
    _sub(el, "correction_reason", e.correction_reason)
    _sub(el, "retention", e.retention,
         label=_label(codes.RETENTION, e.retention))
    _sub(el, "prev_hash", e.prev_hash)
    _sub(el, "entry_hash", e.entry_hash)


def _review(parent: etree._Element, r: LogReviewRecord, signed_hash: str) -> None:
    # signed="false": made before reviews were signed (migrated, not to be trusted alike).
    el = _sub(parent, "review", entry_seq=str(r.entry_seq),
              signed="true" if r.signed else "false")
    _sub(el, "seq", str(r.seq))
    _sub(el, "id", r.id)
    _sub(el, "incident_id", r.incident_id)
    _sub(el, "entry_id", r.entry_id)
    _sub(el, "entry_hash", signed_hash)
    _sub(el, "reviewer_id", r.reviewer_id)
    _sub(el, "reviewer_name", r.reviewer_name)
    _time(el, "reviewed_at", r.reviewed_at)
    _sub(el, "status", r.status)
    _sub(el, "opinion", r.opinion)
    _sub(el, "prev_hash", r.prev_hash)
    _sub(el, "review_hash", r.review_hash)
    if r.signature is not None:
        _sub(el, "signature", r.signature, algorithm="Ed25519", purpose=REVIEW_PURPOSE)


def build_log_xml(rendition: LogRendition) -> etree._ElementTree:
    inc = rendition.incident
    root = etree.Element(_q("work_log"), nsmap={None: NS})
    root.set("version", "1")
    root.set("generated_at", rendition.generated_at.isoformat())
    root.set("generator", f"FieldArchive {__version__}")
    i = _sub(root, "incident")
    _sub(i, "id", inc.id)
    if inc.number:
        _sub(i, "number", inc.number)
    _sub(i, "name", inc.name)
    _sub(i, "kind", inc.kind, label=_label(codes.INCIDENT_KIND, inc.kind))
    _sub(i, "level", inc.level,
         label=_label(codes.INCIDENT_LEVEL, inc.level))
    _sub(i, "place", inc.place)
    _sub(i, "started_at", inc.started_at.isoformat())
    _sub(i, "lead_unit", inc.lead_unit)
    _sub(i, "fonds_code", inc.fonds_code)
    _sub(i, "fonds_name", inc.fonds_name)
    if rendition.operational_period is not None:
        _sub(root, "operational_period", rendition.operational_period)
    _sub(root, "chain", algorithm="SHA-256", canonicalization=CANONICALIZATION,
         entry_head=rendition.chain_head, review_head=rendition.review_chain_head,
         complete="true" if rendition.operational_period is None else "false",
         audit_head=rendition.audit_head or f"0:{GENESIS}")
    superseded = {e.corrects_id: e.id for e in rendition.entries if e.corrects_id}
    entries = _sub(root, "entries", count=str(len(rendition.entries)))
    for e in rendition.entries:
        _entry(entries, e, superseded.get(e.id), rendition.items)
    hash_of = {e.id: e.entry_hash for e in rendition.entries}
    reviews = _sub(root, "reviews", count=str(len(rendition.reviews)))
    for r in rendition.reviews:
        _review(reviews, r, hash_of.get(r.entry_id, GENESIS))
    return etree.ElementTree(root)


def write_log_xml(rendition: LogRendition, out: Path) -> Path:
    """Write the XML rendition atomically (a half-written file never has the final name)."""
    data = etree.tostring(build_log_xml(rendition), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)
    return write_atomically(Path(out), data)


# -- reading it back ------------------------------------------------------------------------


def validate_log_xml(path: Path) -> list[str]:
    """Schema errors of a rendition (empty when it is valid)."""
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    doc = etree.parse(str(path))
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


# The canonical content of each link, read back from the XML: one definition, shared with
# ``verify`` (``worklog_check``), which recomputes every link with nothing from the store.
_req = req


def verify_log_xml(path: Path) -> list[Problem]:
    """Recompute the chains from a rendition. A period's rendition is checked link by link;
    the whole log's also for order and gaps. An empty list means every hash holds."""
    root = etree.parse(str(path)).getroot()
    chain = root.find(_q("chain"))
    complete = chain is not None and chain.get("complete") == "true"
    problems: list[Problem] = []
    for section, tag, hash_tag, content_of in (
        ("entries", "entry", "entry_hash", entry_content),
        ("reviews", "review", "review_hash", review_content),
    ):
        holder = root.find(_q(section))
        elements = list(holder.iterfind(_q(tag))) if holder is not None else []
        links = [Link(int(_req(el, "seq")), _req(el, "id"), _req(el, "prev_hash"),
                      _req(el, hash_tag), content_of(el)) for el in elements]
        problems.extend(_check_links(links, complete, tag))
    if complete and chain is not None:
        problems.extend(_check_head(root, chain))
    return problems


def _check_links(links: Sequence[Link], complete: bool, noun: str) -> list[Problem]:
    if complete:
        return [Problem(p.kind, p.seq, p.id, f"{noun} {p.detail}") for p in walk_chain(links)]
    return [Problem("changed", link.seq, link.id,
                    f"{noun} was changed after it was recorded (its content no longer matches "
                    f"its hash)")
            for link in links if chain_hash(link.prev_hash, link.content) != link.hash]


def _check_head(root: etree._Element, chain: etree._Element) -> list[Problem]:
    out = []
    for section, tag, hash_tag, attr in (("entries", "entry", "entry_hash", "entry_head"),
                                         ("reviews", "review", "review_hash", "review_head")):
        holder = root.find(_q(section))
        last = holder[-1] if holder is not None and len(holder) else None
        actual = _req(last, hash_tag) if last is not None else GENESIS
        if chain.get(attr) != actual:
            out.append(Problem("missing", 0, None,
                               f"the newest {tag} does not match the recorded chain head "
                               f"(links were removed from the end)"))
    return out

