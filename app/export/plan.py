"""Plan: which items, which files, which names; and the package's own documents as bytes.

A pure stage: from the export snapshot (and the work-log rendition) to one or more bag
plans, each with the originals to copy (their vault path, size and stored digests) and the
generated files. Nothing is read from disk here but the shipped XSDs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO

from fpdf import FPDF

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export import archival_code, metadata
from app.export.catalogue import PROPERTIES, PROPERTY_ZH
from app.export.errors import ExportError
from app.export.form_pdf import FormValues, form_pdf, form_xml, prepare_form_pdf
from app.export.formats import PACKAGED_ROLES, extension
from app.export.layout import (
    CATALOGUE,
    CHAIN_XML,
    DESCRIPTION,
    EVENTS_XML,
    FORM_DIR,
    FORM_PDF,
    FORM_XML,
    OTHER,
    PREFLIGHT_XML,
    WORKLOG_XML,
)
from app.export.report import Report
from app.resources import resource_path
from app.store.transfer_records import ExportEvent, ExportItem, ExportSource
from app.store.worklog_records import LogRendition

SCHEMAS = ("item.xsd", "catalogue.xsd", "worklog.xsd")
# Room kept on each carrier for the bag's own documents and tag files.
OVERHEAD = 4 * 1024 * 1024


@dataclass(frozen=True)
class Original:
    """A stored file to copy into the bag, with the digests the store recorded."""

    rel: str
    source: Path
    size: int
    sha256: str
    sm3: str
    vault_path: str


@dataclass(frozen=True)
class Generated:
    rel: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Streamed:
    """A document written straight into the bag (a catalogue or an event log as long as
    the batch): never held whole in memory."""

    rel: str
    write: Callable[[BinaryIO], None]


Document = Generated | Streamed


@dataclass(frozen=True, slots=True)
class ItemEntry:
    """One 件 of a bag: its folder, its packaged files, its XML, each made when asked for
    (a bag of 100,000 items keeps no folder name or file list per item meanwhile)."""

    item: ExportItem

    @property
    def folder(self) -> str:
        return item_folder(self.item)

    @property
    def files(self) -> tuple[metadata.PackagedFile, ...]:
        return tuple(packaged_files(self.item))

    @property
    def xml_rel(self) -> str:
        return f"{self.folder}{self.item.archival_code or self.item.id}.xml"

    def xml(self) -> bytes:
        return metadata.item_xml(self.item, self.files)


@dataclass(frozen=True)
class Closing:
    """What the write stage knows only at the end, for the documents that state it."""

    item_bytes: int  # every file under the item folders (originals, derivatives, XML)
    item_files: int
    originals: int  # packaged files (originals and derivatives)


@dataclass(frozen=True)
class Sealing:
    """The payload digest and the bytes it covers, for the registration form."""

    digest: str
    covered_bytes: int
    originals: int


@dataclass
class BagPlan:
    """One bag: its items (files copied, XML made, one at a time when written), the
    documents written after them, and makers of those that state totals: the description
    (sizes of what was written) and the registration form (the payload digest)."""

    name: str
    index: int
    count: int
    items: Sequence[ExportItem]
    documents: list[Document]
    bag_info: dict[str, str]
    resolve: Callable[[str], Path]
    place: Callable[[str], str]  # a DA/T 93 path -> its place in this bag's profile
    describe: Callable[[Closing], list[Generated]]
    register: Callable[[Sealing], list[Generated]]
    form_dir: str

    @property
    def entries(self) -> Iterator[ItemEntry]:
        """The bag's items in order, each entry made as it is reached."""
        return map(ItemEntry, self.items)

    def originals_of(self, entry: ItemEntry) -> Iterator[Original]:
        """The item's stored files to copy, made as they are needed."""
        folder = entry.folder
        for pf in entry.files:
            f = pf.file
            yield Original(self.place(f"{folder}{pf.name}"),
                           self.resolve(f.vault_path), f.size, f.sha256, f.sm3,
                           f.vault_path)

    def originals(self) -> Iterator[Original]:
        """Every stored file to copy (never a list of them)."""
        for entry in self.entries:
            yield from self.originals_of(entry)

    @property
    def original_bytes(self) -> int:
        return sum(f.size for i in self.items for f in i.files if f.role in PACKAGED_ROLES)


@dataclass(frozen=True)
class Options:
    carrier_size: int | None = None
    carrier_type: str = "移动硬盘"
    carrier_number: str = ""
    classified: bool = False
    profile: str = "dat93"  # or "archivematica"
    preparer: str = ""
    # Fields whose earlier values go out as digests only ("*": all), see ``redaction``.
    redact_old_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signing:
    """Who signs, and the key's fingerprint (the key itself never enters the plan)."""

    reviewer: str
    fingerprint: str


@dataclass
class ExportPlan:
    batch_id: str
    batch_name: str
    source: ExportSource
    bags: list[BagPlan] = field(default_factory=list)

    @property
    def item_ids(self) -> list[str]:
        return [i.id for b in self.bags for i in b.items]


SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2,
              "G": 1024 ** 3, "GB": 1024 ** 3, "T": 1024 ** 4, "TB": 1024 ** 4}


def parse_size(value: str) -> int:
    """``700M``, ``4.7G``, ``25GB`` or a byte count; ValueError otherwise."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*", value.upper())
    if m is None:
        raise ValueError(value)
    return int(float(m[1]) * SIZE_UNITS[m[2]])


def batch_name(source: ExportSource) -> str:
    inc = source.incident
    return f"{inc.fonds_code}-{inc.number or inc.id[:8]}-{source.batch_number:03d}"


def item_folder(item: ExportItem) -> str:
    code = archival_code.parse(item.archival_code or "")
    fonds = code.fonds if code else "未编档号"
    return f"data/{fonds}/{item.category}/{item.archival_code or item.id}/"


def packaged_files(item: ExportItem) -> list[metadata.PackagedFile]:
    """The item's originals named ``<档号>-001.ext`` and derivatives beside them."""
    code = item.archival_code or item.id
    seq_of = {f.id: f.seq for f in item.files}
    out = []
    for f in item.files:
        if f.role not in PACKAGED_ROLES:
            continue
        ext = extension(f.format, f.original_name)
        if f.role == "original":
            name = f"{code}-{f.seq:03d}.{ext}"
        else:
            base = seq_of.get(f.derived_from or "", f.seq)
            name = f"{code}-{base:03d}-{f.role}.{ext}"
        out.append(metadata.PackagedFile(f, name))
    return out


def _split(items: Sequence[ExportItem], carrier_size: int | None
           ) -> list[Sequence[ExportItem]]:
    if not carrier_size:
        return [items]  # as it is: a spooled sequence is never copied into a list
    room = carrier_size - OVERHEAD
    bags: list[list[ExportItem]] = [[]]
    used = 0
    for item in items:
        size = sum(pf.file.size for pf in packaged_files(item)) + 64 * 1024
        if size > room:
            raise ExportError(QT_TRANSLATE_NOOP(
                "Errors", "Item {code} ({size} bytes) does not fit on a carrier of {carrier} "
                "bytes; choose a larger carrier size."), code=item.archival_code or item.id,
                size=size, carrier=carrier_size)
        if bags[-1] and used + size > room:
            bags.append([])
            used = 0
        bags[-1].append(item)
        used += size
    return [*bags]


def make_plan(source: ExportSource, rendition: LogRendition | None, preflight: Report,
              signing: Signing, options: Options, resolve: Callable[[str], Path],
              batch_id: str, now: datetime) -> ExportPlan:
    name = batch_name(source)
    plan = ExportPlan(batch_id, name, source)
    groups = _split(source.items, options.carrier_size)
    common = _common_documents(source, rendition, preflight)
    # The first bag's form document is made ready now (its font loaded), out of the
    # write stage; a carrier split's later bags load theirs when they are written.
    prepared = [prepare_form_pdf()]
    for index, items in enumerate(groups, 1):
        bag_name = name if len(groups) == 1 else f"{name}-{index}of{len(groups)}"
        plan.bags.append(_bag(source, rendition, signing, options, resolve, batch_id, name,
                              bag_name, index, len(groups), items, common, preflight,
                              now, prepared))
    return plan


def _schedule_pdf(source: ExportSource) -> bytes:
    """The schedule as printed from the window (``app.export.schedule_pdf``)."""
    from datetime import UTC, datetime

    from app.export.schedule_pdf import render_schedule_pdf
    from app.store.repositories.schedules import SchedulePrintout

    assert source.schedule is not None
    printout = SchedulePrintout(source.incident, source.schedule, source.schedule_approver,
                                datetime.now(UTC).astimezone())
    return bytes(render_schedule_pdf(printout).output())


def _common_documents(source: ExportSource, rendition: LogRendition | None,
                      preflight: Report) -> list[Document]:
    from app.export.log_pdf import render_log_pdf
    from app.export.log_xml import build_log_xml

    docs: list[Document] = [
        Generated(f"{OTHER}schemas/{s}", resource_path("schemas", s).read_bytes())
        for s in SCHEMAS]
    docs.append(Generated(f"{OTHER}事件.xml", metadata.incident_xml(source.incident)))
    docs.append(Generated(f"{OTHER}归档范围和保管期限表.xml",
                          metadata.schedule_xml(source.schedule)))
    if source.schedule is not None:
        docs.append(Generated(f"{OTHER}归档范围和保管期限表.pdf", _schedule_pdf(source)))
    if rendition is not None:
        from lxml import etree

        tree = build_log_xml(rendition)
        docs.append(Generated(WORKLOG_XML, bytes(etree.tostring(
            tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))))
        docs.append(Generated(f"{OTHER}工作日志/工作日志.pdf",
                              bytes(render_log_pdf(rendition).output())))
    docs.append(Streamed(PREFLIGHT_XML, preflight.write_xml))
    return docs


def _bag(source: ExportSource, rendition: LogRendition | None, signing: Signing,
         options: Options, resolve: Callable[[str], Path], batch_id: str, group: str,
         bag_name: str, index: int, count: int, items: Sequence[ExportItem],
         common: list[Document], preflight: Report, now: datetime,
         prepared: list[FPDF]) -> BagPlan:
    inc = source.incident
    pieces: dict[str, list[int]] = {}
    for item in items:
        code = archival_code.parse(item.archival_code or "")
        if code is not None:
            pieces.setdefault(code.group, []).append(code.piece)
    runs = {g: archival_code.runs_text(p) for g, p in pieces.items()}
    del pieces
    documents: list[Document] = [Streamed(CATALOGUE, partial(
        metadata.write_catalogue_xml, batch_name=bag_name, items=items,
        file_counts=_packaged_count))]
    schedule_version = str(source.schedule.version) if source.schedule else ""
    batch_values = {
        "批次": group, "本包": bag_name, "批次标识": batch_id, "批次序号": str(source.batch_number),
        "本包序号": f"{index}/{count}", "件号范围": "; ".join(
            f"{g} {r}" for g, r in sorted(runs.items())),
        "前一批次": (f"{source.previous.number}" if source.previous else ""),
        "前一批次审计链头": (f"{source.previous.audit_head_count} "
                      f"{source.previous.audit_head_hash}" if source.previous else ""),
        "审计链头": f"{source.audit_head_count} {source.audit_head_hash}",
        "审核人": signing.reviewer, "签名公钥指纹": signing.fingerprint,
        "密级批次": "是" if options.classified else "否",
    }
    documents.append(Generated(f"{OTHER}移交批次.xml", metadata.batch_xml(
        batch_values, [i.archival_code or i.id for i in items])))
    # The source's events are its items' events: a single bag carries them all (no set of
    # 100,000 ids to pick them by).
    events: Iterable[ExportEvent] = source.events
    if count > 1:
        ids = {i.id for i in items}
        events = (e for e in source.events if e.item_id in ids)
    documents.append(Streamed(EVENTS_XML, partial(metadata.write_events_xml, events=events)))
    prev = source.previous
    documents.append(Streamed(CHAIN_XML, partial(
        metadata.write_chain_xml, chain=source.chain,
        start_count=prev.audit_head_count if prev else 0,
        start_hash=prev.audit_head_hash if prev else "0" * 64,
        head_count=source.audit_head_count, head_hash=source.audit_head_hash)))
    documents.extend(common)

    place: Callable[[str], str] = _same
    form_dir, form_xml_rel, form_pdf_rel = FORM_DIR, FORM_XML, FORM_PDF
    if options.profile == "archivematica":
        from app.export import archivematica

        place = archivematica.place
        form_dir = archivematica.FORM_DIR
        form_xml_rel, form_pdf_rel = (archivematica.place(FORM_XML),
                                      archivematica.place(FORM_PDF))
        documents.append(Generated("data/metadata/metadata.csv",
                                   archivematica.metadata_csv(items, bag_name)))

    def describe(closing: Closing) -> list[Generated]:
        description = metadata.Description(
            batch=bag_name, batch_id=batch_id, organization=source.source_organization,
            fonds=inc.fonds_code, incident=inc.name, incident_number=inc.number or "",
            items=len(items), files=closing.item_files, bytes=closing.item_bytes,
            pieces=runs, classified=options.classified, created_at=now, bag_index=index,
            bag_count=count)
        return [Generated(place(DESCRIPTION), metadata.description_txt(description))]

    kinds: dict[str, int] = {}
    for item in items:
        kinds[item.category] = kinds.get(item.category, 0) + 1
    verdicts = tuple(
        (PROPERTY_ZH[p], "通过" if not [r for r in preflight.results
                                       if not r.ok and _prop(r.check) == p] else
         "通过（有警告）") for p in PROPERTIES)

    def register(sealing: Sealing) -> list[Generated]:
        form = FormValues(
            title=f"{inc.name} 电子档案移交（第{source.batch_number}批"
                  + (f"，第{index}/{count}包" if count > 1 else "") + "）",
            content="、".join(f"{_category_zh(c)} {n} 件" for c, n in sorted(kinds.items()))
            + ("（密级批次）" if options.classified else ""),
            items=len(items), files=sealing.originals, bytes=sealing.covered_bytes,
            carrier_type=options.carrier_type,
            carrier_number=options.carrier_number or f"{bag_name}",
            checks=verdicts, digest=sealing.digest, fingerprint=signing.fingerprint,
            audit_head=f"{source.audit_head_count} {source.audit_head_hash}",
            preparer=options.preparer, reviewer=signing.reviewer, batch=bag_name,
            date=now.date().isoformat())
        return [Generated(form_xml_rel, form_xml(form)),
                Generated(form_pdf_rel, form_pdf(form, prepared.pop() if prepared else None))]

    deadline = inc.filing_deadline
    bag_info = {
        "Source-Organization": source.source_organization,
        "External-Identifier": bag_name,
        "External-Description": f"{inc.name} 电子档案移交 第{source.batch_number}批",
        "Bagging-Date": now.date().isoformat(),
        "Bag-Group-Identifier": group,
        "Bag-Count": f"{index} of {count}",
        "Fonds-Number": inc.fonds_code,
        "Incident-ID": inc.number or inc.id,
        "Response-End-Date": inc.response_ended_at.date().isoformat()
        if inc.response_ended_at else "",
        "Transfer-Deadline": deadline.date().isoformat() if deadline else "",
        "Retention-Schedule-Version": schedule_version,
        "Batch-ID": batch_id,
        "Classified-Batch": "yes" if options.classified else "no",
        "Audit-Head-Count": str(source.audit_head_count),
        "Audit-Head-Hash": source.audit_head_hash,
        "Previous-Batch": str(source.previous.number) if source.previous else "",
        "Previous-Audit-Head": (f"{source.previous.audit_head_count} "
                                f"{source.previous.audit_head_hash}"
                                if source.previous else ""),
        "Payload-Digest-SHA256": "",  # the write stage fills it in (see ``Sealing``)
        "Payload-Digest-Covers": f"sorted manifest-sha256 lines of data/ except {form_dir}",
        "Signer": signing.reviewer,
        "Key-Fingerprint": signing.fingerprint,
    }
    return BagPlan(bag_name, index, count, items, documents, bag_info, resolve,
                   place, describe, register, form_dir)


def _packaged_count(item: ExportItem) -> int:
    return sum(1 for f in item.files if f.role in PACKAGED_ROLES)


def _same(rel: str) -> str:
    return rel


def _prop(check: str) -> str:
    from app.export.catalogue import spec

    return spec(check).prop


def _category_zh(code: str) -> str:
    from app.domain import codes

    try:
        return codes.CATEGORY.label(code)
    except KeyError:
        return code
