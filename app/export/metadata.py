"""The package's own documents: each 件's XML, 目录文件.XML, 说明文件.TXT and 其他/ XML.

Pure functions from the export snapshot to bytes; the write stage puts them in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from lxml import etree

from app import __version__
from app.domain import codes
from app.export import archival_code
from app.store.records import IncidentRecord, ScheduleRecord
from app.store.repositories.items import FileRecord
from app.store.transfer_records import ChainLink, ExportEvent, ExportItem

ITEM_NS = "urn:fieldarchive:item:1"
CATALOGUE_NS = "urn:fieldarchive:catalogue:1"
OTHER_NS = "urn:fieldarchive:package:1"


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _sub(parent: etree._Element, ns: str, tag: str, text: object = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = str(text)
    return el


def _label(table: codes.CodeTable, code: str | None) -> str:
    if not code:
        return ""
    try:
        return table.label(code)
    except KeyError:
        return code


@dataclass(frozen=True)
class PackagedFile:
    """A stored file and the name it has in the package (relative to the item folder)."""

    file: FileRecord
    name: str


def item_xml(item: ExportItem, files: Sequence[PackagedFile]) -> bytes:
    code = archival_code.parse(item.archival_code or "")
    root = etree.Element(f"{{{ITEM_NS}}}件", {"版本": "1"}, nsmap={None: ITEM_NS})

    def s(tag: str, value: object) -> etree._Element:
        return _sub(root, ITEM_NS, tag, "" if value is None else value)

    s("电子文件号", item.id)
    s("档号", item.archival_code or "")
    s("全宗号", code.fonds if code else "")
    s("门类代码", item.category)
    s("年度", code.year if code else (item.year or ""))
    s("保管期限", item.retention or "")
    s("机构问题代码", code.org if code else "")
    s("件号", code.piece if code else (item.piece_number or ""))
    s("参见号", item.cross_reference)
    s("题名", item.title)
    s("责任者", item.creator)
    s("日期", item.date.isoformat() if item.date else "")
    s("地点", item.place)
    if item.latitude is not None and item.longitude is not None:
        s("纬度", f"{item.latitude:.7f}")
        s("经度", f"{item.longitude:.7f}")
    s("人物", item.people)
    s("文字说明", item.description)
    s("关键词", item.keywords)
    s("事件阶段", _label(codes.PHASE, item.phase))
    s("密级", _label(codes.CLASSIFICATION, item.classification))
    s("保密期限", item.secrecy_period)
    s("开放状态", _label(codes.OPEN_STATUS, item.open_status))
    s("语种", item.language)
    s("来源渠道", _label(codes.SOURCE_CHANNEL, item.source_channel))
    if item.provenance:
        prov = _sub(root, ITEM_NS, "来源信息")
        for key, value in sorted(item.provenance.items()):
            _sub(prov, ITEM_NS, "项", value if isinstance(value, str)
                 else json.dumps(value, ensure_ascii=False), **{"名": key})
    for pf in files:
        f = pf.file
        el = _sub(root, ITEM_NS, "文件")
        _sub(el, ITEM_NS, "计算机文件名", pf.name)
        _sub(el, ITEM_NS, "角色", f.role)
        _sub(el, ITEM_NS, "顺序号", f.seq)
        _sub(el, ITEM_NS, "原始文件名", f.original_name)
        _sub(el, ITEM_NS, "文件大小", f.size)
        _sub(el, ITEM_NS, "格式", f.format)
        _sub(el, ITEM_NS, "格式版本", f.format_version)
        _sub(el, ITEM_NS, "数字摘要", f.sha256, **{"算法": "SHA-256"})
        _sub(el, ITEM_NS, "数字摘要", f.sm3, **{"算法": "SM3"})
    s("技术参数", json.dumps(item.technical, ensure_ascii=False, sort_keys=True,
                          default=str))
    return _xml(root)


def catalogue_xml(batch_name: str, items: Sequence[ExportItem],
                  file_counts: dict[str, int]) -> bytes:
    root = etree.Element(f"{{{CATALOGUE_NS}}}目录", {"批次": batch_name,
                                                   "件数": str(len(items))},
                         nsmap={None: CATALOGUE_NS})
    for n, item in enumerate(items, 1):
        _catalogue_row(root, n, item, file_counts.get(item.id, 0))
    return _xml(root)


def write_catalogue_xml(out: BinaryIO, batch_name: str, items: Sequence[ExportItem],
                        file_counts: Callable[[ExportItem], int]) -> None:
    """``catalogue_xml`` written row by row: a catalogue of 100,000 rows never exists as
    one tree in memory."""
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{CATALOGUE_NS}}}目录", {"批次": batch_name,
                                                  "件数": str(len(items))},
                        nsmap={None: CATALOGUE_NS}):
            xf.write("\n")
            for n, item in enumerate(items, 1):
                holder = etree.Element(f"{{{CATALOGUE_NS}}}h", nsmap={None: CATALOGUE_NS})
                _catalogue_row(holder, n, item, file_counts(item))
                xf.write(holder[0], pretty_print=True)


def _catalogue_row(root: etree._Element, n: int, item: ExportItem, files: int) -> None:
    row = _sub(root, CATALOGUE_NS, "条目")
    _sub(row, CATALOGUE_NS, "顺序号", n)
    _sub(row, CATALOGUE_NS, "档号", item.archival_code or "")
    _sub(row, CATALOGUE_NS, "门类", item.category)
    _sub(row, CATALOGUE_NS, "题名", item.title)
    _sub(row, CATALOGUE_NS, "责任者", item.creator)
    _sub(row, CATALOGUE_NS, "日期", item.date.isoformat() if item.date else "")
    _sub(row, CATALOGUE_NS, "密级", _label(codes.CLASSIFICATION, item.classification))
    _sub(row, CATALOGUE_NS, "保管期限", item.retention or "")
    _sub(row, CATALOGUE_NS, "文件数", files)
    _sub(row, CATALOGUE_NS, "备注", "")


@dataclass(frozen=True)
class Description:
    """The values of 说明文件.TXT (verify reads them back with ``parse_description``)."""

    batch: str
    batch_id: str
    organization: str
    fonds: str
    incident: str
    incident_number: str
    items: int
    files: int
    bytes: int  # every file under data/<全宗号>/ (item XML, originals, derivatives)
    pieces: dict[str, str]  # 档号 group -> 件号 runs this package holds
    classified: bool
    created_at: datetime
    bag_index: int
    bag_count: int


DESCRIPTION_KEYS = ("批次", "批次标识", "立档单位", "全宗号", "事件名称", "事件编号", "件数",
                    "文件数", "字节数", "摘要算法", "密级批次", "本包序号", "生成时间", "生成软件")


def description_txt(d: Description) -> bytes:
    lines = [
        "电子档案移交说明文件",
        f"批次: {d.batch}",
        f"批次标识: {d.batch_id}",
        f"立档单位: {d.organization}",
        f"全宗号: {d.fonds}",
        f"事件名称: {d.incident}",
        f"事件编号: {d.incident_number}",
        f"件数: {d.items}",
        f"文件数: {d.files}",
        f"字节数: {d.bytes}",
        "摘要算法: SHA-256, SM3",
        f"密级批次: {'是' if d.classified else '否'}",
        f"本包序号: {d.bag_index}/{d.bag_count}",
        f"生成时间: {d.created_at.astimezone(UTC).isoformat()}",
        f"生成软件: FieldArchive {__version__}",
    ]
    lines += [f"件号范围: {group} {runs}" for group, runs in sorted(d.pieces.items())]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def incident_xml(inc: IncidentRecord) -> bytes:
    root = etree.Element(f"{{{OTHER_NS}}}事件", nsmap={None: OTHER_NS})
    for tag, value in (
        ("标识", inc.id), ("事件编号", inc.number or ""), ("名称", inc.name),
        ("类型", _label(codes.INCIDENT_KIND, inc.kind)),
        ("级别", _label(codes.INCIDENT_LEVEL, inc.level)), ("地点", inc.place),
        ("开始时间", inc.started_at.isoformat()),
        ("响应结束时间", inc.response_ended_at.isoformat() if inc.response_ended_at else ""),
        ("归档期限", inc.filing_deadline.isoformat() if inc.filing_deadline else ""),
        ("牵头单位", inc.lead_unit), ("参与单位", "、".join(inc.participating_units)),
        ("全宗号", inc.fonds_code), ("全宗名称", inc.fonds_name),
        ("机构问题代码", inc.org_code),
    ):
        _sub(root, OTHER_NS, tag, value)
    return _xml(root)


def schedule_xml(schedule: ScheduleRecord | None) -> bytes:
    root = etree.Element(f"{{{OTHER_NS}}}归档范围和保管期限表", nsmap={None: OTHER_NS})
    if schedule is not None:
        root.set("版本", str(schedule.version))
        root.set("状态", schedule.status)
        _sub(root, OTHER_NS, "名称", schedule.name)
        _sub(root, OTHER_NS, "批准文号", schedule.approval_ref)
        _sub(root, OTHER_NS, "批准时间",
             schedule.approved_at.isoformat() if schedule.approved_at else "")
        for c in schedule.categories:
            _sub(root, OTHER_NS, "类目", c.name_zh, 代码=c.key, 保管期限=c.retention,
                 英文=c.name_en)
    return _xml(root)


def batch_xml(values: dict[str, str], codes_: Sequence[str]) -> bytes:
    root = etree.Element(f"{{{OTHER_NS}}}移交批次", nsmap={None: OTHER_NS})
    for key, value in values.items():
        _sub(root, OTHER_NS, "项", value, 名=key)
    held = _sub(root, OTHER_NS, "档号列表")
    for c in codes_:
        _sub(held, OTHER_NS, "档号", c)
    return _xml(root)


def events_xml(events: Sequence[ExportEvent]) -> bytes:
    """The items' audit events, each with the hashes of its link in the store's chain.

    link hash = SHA-256(prev_hash + "\\n" + canonical JSON of the content), content keys as
    the element names below (detail as JSON); an event with ``hash_form="2"`` is hashed over
    its detail's digest form, and <redacted> lists the detail values the package carries as
    digests only (``app.domain.audit_form``). Only these items' events are here, so each
    link can be recomputed on its own, the links between them only in the store.
    """
    root = etree.Element(f"{{{OTHER_NS}}}审计事件", nsmap={None: OTHER_NS})
    root.set("canonicalization", "fieldarchive-audit-json-1")
    for e in events:
        _event_element(root, e)
    return _xml(root)


def write_events_xml(out: BinaryIO, events: Iterable[ExportEvent]) -> None:
    """``events_xml`` written event by event (see there), never one tree in memory."""
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{OTHER_NS}}}审计事件",
                        {"canonicalization": "fieldarchive-audit-json-1"},
                        nsmap={None: OTHER_NS}):
            xf.write("\n")
            for e in events:
                holder = etree.Element(f"{{{OTHER_NS}}}h", nsmap={None: OTHER_NS})
                _event_element(holder, e)
                xf.write(holder[0], pretty_print=True)


def _event_element(root: etree._Element, e: ExportEvent) -> None:
    el = _sub(root, OTHER_NS, "event", seq=str(e.seq))
    if e.hash_form != 1:
        el.set("hash_form", str(e.hash_form))
    for tag, value in (("id", e.id), ("event_type", e.event_type),
                       ("occurred_at", e.occurred_at.astimezone(UTC).isoformat()),
                       ("agent", e.agent), ("operator_id", e.operator_id),
                       ("incident_id", e.incident_id), ("item_id", e.item_id),
                       ("object_type", e.object_type), ("object_id", e.object_id),
                       ("outcome", e.outcome)):
        if value is not None:
            _sub(el, OTHER_NS, tag, value)
    _sub(el, OTHER_NS, "detail", e.detail_json)
    if e.redacted:
        _sub(el, OTHER_NS, "redacted", json.dumps([list(p) for p in e.redacted],
                                                  ensure_ascii=False))
    _sub(el, OTHER_NS, "prev_hash", e.prev_hash)
    _sub(el, OTHER_NS, "hash", e.hash)


def chain_xml(chain: Sequence[ChainLink], start_count: int, start_hash: str,
              head_count: int, head_hash: str) -> bytes:
    """The store's audit chain from the previous package's anchor to this one's.

    The whole store has one chain; this incident's events are here in full (each hash can
    be recomputed), other incidents' only as their two hashes, so the links still check
    (each prev_hash is the hash before it) while their content stays on the laptop. One
    chain rather than one per incident: a history rewritten anywhere before an anchor
    changes every later hash, so the previous package's anchor catches it.
    """
    root = etree.Element(f"{{{OTHER_NS}}}审计链", nsmap={None: OTHER_NS})
    root.set("canonicalization", "fieldarchive-audit-json-1")
    root.set("from_count", str(start_count))
    root.set("from_hash", start_hash)
    root.set("to_count", str(head_count))
    root.set("to_hash", head_hash)
    for link in chain:
        if link.event is not None:
            _event_element(root, link.event)
        else:
            _sub(root, OTHER_NS, "link", seq=str(link.seq), prev_hash=link.prev_hash,
                 hash=link.hash)
    return _xml(root)


def write_chain_xml(out: BinaryIO, chain: Iterable[ChainLink], start_count: int,
                    start_hash: str, head_count: int, head_hash: str) -> None:
    """``chain_xml`` written link by link (see there), never one tree in memory."""
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{OTHER_NS}}}审计链", {
                "canonicalization": "fieldarchive-audit-json-1",
                "from_count": str(start_count), "from_hash": start_hash,
                "to_count": str(head_count), "to_hash": head_hash},
                nsmap={None: OTHER_NS}):
            xf.write("\n")
            for link in chain:
                holder = etree.Element(f"{{{OTHER_NS}}}h", nsmap={None: OTHER_NS})
                if link.event is not None:
                    _event_element(holder, link.event)
                else:
                    _sub(holder, OTHER_NS, "link", seq=str(link.seq),
                         prev_hash=link.prev_hash, hash=link.hash)
                xf.write(holder[0], pretty_print=True)
