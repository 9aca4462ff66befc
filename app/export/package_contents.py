"""A transfer package read from its own files into rows of the store's tables, for review.

Only the package's files are read (through ``package_reader``: no path out of it, CRCs
checked): 目录文件.XML, each item's ``<档号>.xml``, the ``其他/`` XML (incident, schedule,
transfer batch, work log, audit events), bag-info and the manifests. Nothing here writes;
``app.store.review_cache`` puts the rows into a database in the user's cache folder.

Damage does not stop the reading: an unreadable item XML leaves the item as its catalogue
row describes it, a file the metadata names but the package lacks keeps its row (reading
it fails, and says so), malformed 其他/ XML leaves that part out. Each is a ``Damage``
naming the package, the place and, where known, the item.

Several packages (the bags of one group, successive batches, several teams' packages of
one incident) go into one set of rows: an incident, item, entry or event met twice is kept
once; each package is one ``transfer_batch`` row and each item points at the package it was
read from (``item.transfer_batch_id``): its origin.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.export.layout import (
    CATALOGUE,
    CHAIN_XML,
    EVENTS_XML,
    OTHER,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    TAGMANIFEST,
    WORKLOG_XML,
)
from app.export.package_reader import PackageReader

ITEM_NS = "urn:fieldarchive:item:1"
CAT_NS = "urn:fieldarchive:catalogue:1"
PKG_NS = "urn:fieldarchive:package:1"
LOG_NS = "urn:fieldarchive:worklog:1"
INCIDENT_XML = OTHER + "事件.xml"
SCHEDULE_XML = OTHER + "归档范围和保管期限表.xml"
BATCH_XML = OTHER + "移交批次.xml"
KIND_OF_CATEGORY = {"ZP": "photo", "LY": "audio", "LX": "video", "WS": "document",
                    "SW": "physical"}
NAMESPACE = uuid.UUID("6f1d2c9e-3b8a-4e59-9a57-1f0c2d7e8a41")  # ids made up for damaged rows
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Damage:
    """Something in a package that could not be read as it should: where, and what."""

    package: str  # the package's name
    subject: str  # a path inside it, or a 档号
    message: Message
    item_id: str | None = None


@dataclass(frozen=True)
class PackageFacts:
    """What identifies one opened package (for the banner and the review report)."""

    index: int  # 1-based, in the order given
    path: str
    name: str
    is_zip: bool
    batch: str  # External-Identifier
    bag: str  # Bag-Count, e.g. "1 of 2"
    incident_number: str
    bagging_date: str
    signer: str
    fingerprint: str  # the signing key's, as the signature file states it
    tagmanifest_sha256: str  # SHA-256 of tagmanifest-sha256.txt (what the signature covers)
    payload_digest: str  # Payload-Digest-SHA256 from bag-info.txt
    audit_head: str  # "count hash" from bag-info.txt
    items: int
    files: int
    bytes: int  # the payload's bytes (data/)
    batch_row_id: str  # the transfer_batch row of this package in the review database


@dataclass
class Contents:
    rows: Rows = field(default_factory=dict)
    packages: list[PackageFacts] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    readers: list[PackageReader] = field(default_factory=list)
    # every 档号 and payload path per package -> the item read from it (to place findings)
    item_of: dict[tuple[int, str], str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # item id -> package name
    _seen: dict[str, set[str]] = field(default_factory=dict)


def _add(out: Contents, table: str, row: dict[str, Any], key: str | None = None) -> bool:
    """Add a row unless one with the same key is there already (met in two packages)."""
    if key is not None:
        seen = out._seen.setdefault(table, set())
        if key in seen:
            return False
        seen.add(key)
    out.rows.setdefault(table, []).append(row)
    return True


def _made_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def _code(table: codes.CodeTable, label: str, default: str | None) -> str | None:
    try:
        return table.parse(label) if label.strip() else default
    except ValueError:
        return default


def _time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _offset_min(value: datetime | None) -> int:
    delta = value.utcoffset() if value is not None else None
    return int(delta.total_seconds() // 60) if delta is not None else 0


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _t(el: etree._Element, ns: str, tag: str) -> str:
    found = el.find(f"{{{ns}}}{tag}")
    return (found.text or "") if found is not None else ""


def _tags(data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            out.setdefault(key.strip(), value.strip())
    return out


class _Package:
    """One package being read: its reader, its name, and where its damage goes."""

    def __init__(self, index: int, path: Path, reader: PackageReader, out: Contents) -> None:
        self.index = index
        self.path = path
        self.reader = reader
        self.name = path.name
        self.out = out

    def damage(self, subject: str, template: str, item_id: str | None = None,
               **params: Any) -> None:
        self.out.damage.append(Damage(self.name, subject, Message(template, params), item_id))

    def bytes_of(self, rel: str) -> bytes | None:
        if rel not in self.reader.files:
            return None
        try:
            return self.reader.read(rel)
        except (OSError, zipfile.BadZipFile) as err:
            self.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} cannot be read ({reason})"), path=rel, reason=str(err))
            return None

    def xml(self, rel: str, *, required: bool = True) -> etree._Element | None:
        data = self.bytes_of(rel)
        if data is None:
            if required and rel not in self.reader.files:
                self.damage(rel, QT_TRANSLATE_NOOP("Errors", "{path} is missing"), path=rel)
            return None
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as err:
            self.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is not well-formed XML ({reason})"), path=rel,
                reason=str(err)[:200])
            return None

    def vault_path(self, rel: str) -> str:
        """The name a package file has in the review database: package number, then path."""
        return f"{self.index}/{rel}"


def read_packages(paths: list[Path], open_reader: Callable[[Path], PackageReader],
                  now: datetime | None = None) -> Contents:
    """Every package's rows, facts and damage; readers stay open for the files' bytes."""
    out = Contents()
    now = now or datetime.now(UTC)
    try:
        for index, path in enumerate(paths, 1):
            reader = open_reader(path)
            out.readers.append(reader)
            _read_one(_Package(index, path, reader, out), now)
    except BaseException:
        for reader in out.readers:
            reader.close()
        raise
    return out


def _read_one(pkg: _Package, now: datetime) -> None:
    for problem in pkg.reader.problems:
        pkg.out.damage.append(Damage(pkg.name, problem.subject,
                                     Message(problem.template, problem.params)))
    info = _tags(pkg.bytes_of("bag-info.txt") or b"")
    if "bagit.txt" not in pkg.reader.files:
        pkg.damage("bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "bagit.txt is missing: this is not a BagIt bag"))
    bagged = _time(info.get("Bagging-Date", "")) or now
    incident_id = _incident(pkg, info, bagged)
    batch_row = _made_id("package", str(pkg.index), str(pkg.path))
    _schedule(pkg, incident_id, bagged)
    item_ids, nbytes = _items(pkg, incident_id, batch_row, bagged)
    _work_log(pkg, incident_id)
    _events(pkg)
    signature = _tags(pkg.bytes_of(SIGNATURE_FILE) or b"")
    tagmanifest = pkg.bytes_of(TAGMANIFEST)
    payload = {r: s for r, s in pkg.reader.files.items() if r.startswith("data/")}
    fingerprint = signature.get("Key-Fingerprint", "").removeprefix("SHA256:") or info.get(
        "Key-Fingerprint", "")
    facts = PackageFacts(
        index=pkg.index, path=str(pkg.path), name=pkg.name, is_zip=pkg.reader.is_zip,
        batch=info.get("External-Identifier", ""), bag=info.get("Bag-Count", ""),
        incident_number=info.get("Incident-ID", ""), bagging_date=info.get("Bagging-Date", ""),
        signer=signature.get("Signer", info.get("Signer", "")), fingerprint=fingerprint,
        tagmanifest_sha256=hashlib.sha256(tagmanifest).hexdigest() if tagmanifest else "",
        payload_digest=info.get("Payload-Digest-SHA256", ""),
        audit_head=f"{info.get('Audit-Head-Count', '')} {info.get('Audit-Head-Hash', '')}"
        .strip(), items=len(item_ids), files=len(payload), bytes=sum(payload.values()),
        batch_row_id=batch_row)
    if PUBLIC_KEY_FILE not in pkg.reader.files or SIGNATURE_FILE not in pkg.reader.files:
        pkg.damage(SIGNATURE_FILE, QT_TRANSLATE_NOOP(
            "Errors", "the package has no signature ({file} is missing)"), file=SIGNATURE_FILE)
    pkg.out.packages.append(facts)
    _add(pkg.out, "transfer_batch", {
        "id": batch_row, "incident_id": incident_id, "number": pkg.index, "status": "done",
        "paths": [str(pkg.path)], "item_ids": item_ids, "item_count": len(item_ids),
        "byte_count": nbytes, "fingerprint": fingerprint[:64],
        "digests": {"tagmanifest-sha256": facts.tagmanifest_sha256,
                    "payload-sha256": facts.payload_digest, "batch": facts.batch,
                    "bag": facts.bag},
        "reviewer": facts.signer, "carrier": pkg.name,
        "audit_head_count": _int(info.get("Audit-Head-Count", "")) or 0,
        "audit_head_hash": info.get("Audit-Head-Hash", ""), "created_at": bagged,
        "completed_at": bagged})


def _incident(pkg: _Package, info: Mapping[str, str], bagged: datetime) -> str:
    """The incident from 事件.xml (else bag-info's number); the same one is kept once."""
    root = pkg.xml(INCIDENT_XML)
    number = (_t(root, PKG_NS, "事件编号") if root is not None else "") or info.get(
        "Incident-ID", "")
    known = {r["number"]: r["id"] for r in pkg.out.rows.get("incident", []) if r["number"]}
    inc_id = (_t(root, PKG_NS, "标识") if root is not None else "") or known.get(number) \
        or _made_id("incident", number or pkg.name)
    if number in known and known[number] != inc_id:
        # One incident's packages from several teams (their stores gave it other ids):
        # browsed as one incident, as the number says.
        return known[number]
    if root is None:
        name = info.get("External-Description", "") or number or pkg.name
        _add(pkg.out, "incident", {
            "id": inc_id, "number": number or None, "name": name, "kind": "natural",
            "level": "IV", "started_at": bagged, "started_offset_min": 0,
            "fonds_code": info.get("Fonds-Number", ""), "created_at": bagged,
            "participating_units": []}, inc_id)
        return inc_id
    started = _time(_t(root, PKG_NS, "开始时间")) or bagged
    units = _t(root, PKG_NS, "参与单位")
    _add(pkg.out, "incident", {
        "id": inc_id, "number": number or None, "name": _t(root, PKG_NS, "名称") or number,
        "kind": _code(codes.INCIDENT_KIND, _t(root, PKG_NS, "类型"), "natural"),
        "level": _code(codes.INCIDENT_LEVEL, _t(root, PKG_NS, "级别"), "IV"),
        "place": _t(root, PKG_NS, "地点"), "started_at": started,
        "started_offset_min": _offset_min(started),
        "response_ended_at": _time(_t(root, PKG_NS, "响应结束时间")),
        "lead_unit": _t(root, PKG_NS, "牵头单位"),
        "participating_units": [u for u in units.split("、") if u],
        "fonds_code": _t(root, PKG_NS, "全宗号"), "fonds_name": _t(root, PKG_NS, "全宗名称"),
        "org_code": _t(root, PKG_NS, "机构问题代码"), "created_at": bagged}, inc_id)
    return inc_id


def _schedule(pkg: _Package, incident_id: str, bagged: datetime) -> None:
    root = pkg.xml(SCHEDULE_XML, required=False)
    if root is None or root.get("版本") is None:
        return
    version = _int(root.get("版本", "")) or 1
    schedule_id = _made_id("schedule", incident_id, str(version))
    if not _add(pkg.out, "retention_schedule", {
            "id": schedule_id, "incident_id": incident_id, "version": version,
            "name": _t(root, PKG_NS, "名称"), "status": root.get("状态", "draft"),
            "approval_ref": _t(root, PKG_NS, "批准文号"),
            "approved_at": _time(_t(root, PKG_NS, "批准时间")), "created_at": bagged},
            schedule_id):
        return
    for n, c in enumerate(root.findall(f"{{{PKG_NS}}}类目")):
        _add(pkg.out, "retention_category", {
            "id": _made_id(schedule_id, c.get("代码", str(n))), "schedule_id": schedule_id,
            "key": c.get("代码", str(n)), "name_zh": c.text or "", "name_en": c.get("英文", ""),
            "retention": c.get("保管期限", "Y"), "sort_order": n})


def _item_folders(pkg: _Package) -> dict[str, str]:
    """档号 -> its folder (``data/<全宗号>/<门类>/<档号>/``) as the package's files hold."""
    folders: dict[str, str] = {}
    for rel in pkg.reader.files:
        parts = rel.split("/")
        if len(parts) == 5 and parts[0] == "data" and parts[1] != "其他":
            folders.setdefault(parts[3], "/".join(parts[:4]) + "/")
    return folders


def _items(pkg: _Package, incident_id: str, batch_row: str,
           bagged: datetime) -> tuple[list[str], int]:
    catalogue = pkg.xml(CATALOGUE)
    rows = catalogue.findall(f"{{{CAT_NS}}}条目") if catalogue is not None else []
    folders = _item_folders(pkg)
    listed = {_t(r, CAT_NS, "档号"): r for r in rows}
    order = list(listed) + sorted(c for c in folders if c not in listed)
    ids: list[str] = []
    nbytes = 0
    for n, code in enumerate(order):
        folder = folders.get(code)
        item_id, size = _item(pkg, code, folder, listed.get(code), incident_id, batch_row,
                              bagged.timestamp() - n)
        if item_id is None:
            continue
        ids.append(item_id)
        pkg.out.origin.setdefault(item_id, pkg.name)
        nbytes += size
        pkg.out.item_of[(pkg.index, code)] = item_id
        if folder is not None:
            pkg.out.item_of[(pkg.index, folder.rstrip("/"))] = item_id
            for rel in pkg.reader.files:
                if rel.startswith(folder):
                    pkg.out.item_of[(pkg.index, rel)] = item_id
    return ids, nbytes


def _item(pkg: _Package, code: str, folder: str | None, row: etree._Element | None,
          incident_id: str, batch_row: str, order: float) -> tuple[str | None, int]:
    root = None
    if folder is None:
        pkg.damage(code, QT_TRANSLATE_NOOP(
            "Errors", "{code} is in the catalogue but its folder is missing"), code=code)
    else:
        rel = f"{folder}{code}.xml"
        if rel in pkg.reader.files:
            root = pkg.xml(rel)
        else:
            pkg.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} (the item's metadata) is missing"), path=rel)
    get: Callable[[str], str]
    if root is not None:
        def get(tag: str) -> str:
            return _t(root, ITEM_NS, tag).strip()
    elif row is not None:
        def get(tag: str) -> str:
            return _t(row, CAT_NS, {"门类代码": "门类"}.get(tag, tag)).strip()
    else:
        return None, 0
    item_id = (get("电子文件号") if root is not None else "") or _made_id("item", pkg.name, code)
    for damage in pkg.out.damage:  # damage found before the item's id was known
        if damage.item_id is None and damage.package == pkg.name and damage.subject in (
                code, f"{folder}{code}.xml"):
            pkg.out.damage[pkg.out.damage.index(damage)] = Damage(
                damage.package, damage.subject, damage.message, item_id)
    if item_id in pkg.out._seen.get("item", set()):
        return item_id, 0  # the same item in two packages: read once
    taken = {r["archival_code"] for r in pkg.out.rows.get("item", [])}
    archival = get("档号") or code
    if archival in taken:
        pkg.damage(code, QT_TRANSLATE_NOOP(
            "Errors", "the archival code '{code}' is given to another item in an earlier "
            "package"), item_id, code=archival)
        archival = ""
    category = get("门类代码") or "ZP"
    date = _time(get("日期"))
    when = datetime.fromtimestamp(order, UTC)
    technical: dict[str, Any] = {}
    try:
        technical = dict(json.loads(get("技术参数") or "{}"))
    except (ValueError, TypeError):
        technical = {}
    _add(pkg.out, "item", {
        "id": item_id, "incident_id": incident_id, "kind": KIND_OF_CATEGORY.get(
            category, "document"), "category": category[:4],
        "source_channel": _code(codes.SOURCE_CHANNEL, get("来源渠道"), "self"),
        "state": "transferred", "archival_code": archival or None,
        "piece_number": _int(get("件号")) if archival else None,
        "year": _int(get("年度")), "fonds_code": get("全宗号") or None if archival else None,
        "org_code": get("机构问题代码") or None if archival else None,
        "cross_reference": get("参见号"), "title": get("题名"), "creator": get("责任者"),
        "date": date, "date_offset_min": _offset_min(date), "place": get("地点"),
        "latitude": _float(get("纬度")), "longitude": _float(get("经度")),
        "people": get("人物"), "description": get("文字说明"), "keywords": get("关键词"),
        "phase": _code(codes.PHASE, get("事件阶段"), None),
        "retention": _code(codes.RETENTION, get("保管期限"), None),
        "classification": _code(codes.CLASSIFICATION, get("密级"), "internal"),
        "secrecy_period": get("保密期限"),
        "open_status": _code(codes.OPEN_STATUS, get("开放状态"), "pending"),
        "language": get("语种") or "zh", "technical": technical, "caption": {},
        "created_at": when, "updated_at": when, "transferred_at": when,
        "transfer_batch_id": batch_row}, item_id)
    size = 0
    if root is not None and folder is not None:
        size = _files(pkg, root, folder, item_id, when)
    return item_id, size


def _files(pkg: _Package, root: etree._Element, folder: str, item_id: str,
           when: datetime) -> int:
    total = 0
    for n, f in enumerate(root.findall(f"{{{ITEM_NS}}}文件"), 1):
        name = _t(f, ITEM_NS, "计算机文件名")
        rel = folder + name
        digests = {d.get("算法"): d.text or "" for d in f.findall(f"{{{ITEM_NS}}}数字摘要")}
        size = pkg.reader.files.get(rel)
        if size is None:
            pkg.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is described in the metadata but missing"), item_id,
                path=rel)
        total += size or 0
        _add(pkg.out, "file", {
            "id": _made_id("file", item_id, rel), "item_id": item_id,
            "role": _t(f, ITEM_NS, "角色") or "original",
            "seq": _int(_t(f, ITEM_NS, "顺序号")) or n, "vault_path": pkg.vault_path(rel),
            "original_name": _t(f, ITEM_NS, "原始文件名") or name,
            "size": size if size is not None else (_int(_t(f, ITEM_NS, "文件大小")) or 0),
            "sha256": digests.get("SHA-256", ""), "sm3": digests.get("SM3", ""),
            "format": _t(f, ITEM_NS, "格式"), "format_version": _t(f, ITEM_NS, "格式版本"),
            "created_at": when}, pkg.vault_path(rel))
    return total


def _work_log(pkg: _Package, incident_id: str) -> None:
    root = pkg.xml(WORKLOG_XML, required=False)
    if root is None:
        return
    entries = root.find(f"{{{LOG_NS}}}entries")
    shift = _seq_shift(pkg, "log_entry", incident_id, entries, "entry")
    for el in entries.iterfind(f"{{{LOG_NS}}}entry") if entries is not None else ():
        occurred, recorded = _time(_t(el, LOG_NS, "occurred_at")), _time(
            _t(el, LOG_NS, "recorded_at"))
        entry_id = _t(el, LOG_NS, "id")
        if not entry_id or occurred is None or recorded is None:
            continue
        recorder = _t(el, LOG_NS, "recorder_id") or None
        _operator(pkg, recorder, _t(el, LOG_NS, "recorder_name"), _t(el, LOG_NS, "unit"),
                  "archivist", recorded)
        items = el.find(f"{{{LOG_NS}}}linked_items")
        _add(pkg.out, "log_entry", {
            "id": entry_id, "incident_id": incident_id,
            "seq": (_int(_t(el, LOG_NS, "seq")) or 0) + shift,
            "phase": _t(el, LOG_NS, "phase") or None,
            "operational_period": _t(el, LOG_NS, "operational_period"),
            "unit": _t(el, LOG_NS, "unit"), "recorder_id": recorder,
            "recorder_name": _t(el, LOG_NS, "recorder_name"),
            "recorder_position": _t(el, LOG_NS, "recorder_position"),
            "participants": _t(el, LOG_NS, "participants"), "occurred_at": occurred,
            "recorded_at": recorded, "tz_offset_min": _int(_t(el, LOG_NS, "tz_offset_min"))
            or 0, "place": _t(el, LOG_NS, "place"),
            "category": _t(el, LOG_NS, "category") or "other",
            "content": _t(el, LOG_NS, "content"),
            "linked_items": [i.text or "" for i in items.iterfind(f"{{{LOG_NS}}}item")]
            if items is not None else [],
            "corrects_id": _t(el, LOG_NS, "corrects_id") or None,
            "correction_reason": _t(el, LOG_NS, "correction_reason"),
            "retention": _t(el, LOG_NS, "retention") or "Y",
            "prev_hash": _t(el, LOG_NS, "prev_hash"),
            "entry_hash": _t(el, LOG_NS, "entry_hash")}, entry_id)
    reviews = root.find(f"{{{LOG_NS}}}reviews")
    shift = _seq_shift(pkg, "log_review", incident_id, reviews, "review")
    for el in reviews.iterfind(f"{{{LOG_NS}}}review") if reviews is not None else ():
        reviewed = _time(_t(el, LOG_NS, "reviewed_at"))
        review_id = _t(el, LOG_NS, "id")
        if not review_id or reviewed is None:
            continue
        reviewer = _t(el, LOG_NS, "reviewer_id")
        _operator(pkg, reviewer, _t(el, LOG_NS, "reviewer_name"), "", "reviewer", reviewed)
        signature = el.find(f"{{{LOG_NS}}}signature")
        _add(pkg.out, "log_review", {
            "id": review_id, "incident_id": incident_id,
            "seq": (_int(_t(el, LOG_NS, "seq")) or 0) + shift,
            "entry_id": _t(el, LOG_NS, "entry_id"),
            "reviewer_id": reviewer, "reviewer_name": _t(el, LOG_NS, "reviewer_name"),
            "reviewed_at": reviewed, "status": _t(el, LOG_NS, "status"),
            "opinion": _t(el, LOG_NS, "opinion"), "prev_hash": _t(el, LOG_NS, "prev_hash"),
            "review_hash": _t(el, LOG_NS, "review_hash"),
            "signature": signature.text if signature is not None else None}, review_id)


def _seq_shift(pkg: _Package, table: str, incident_id: str, holder: etree._Element | None,
               tag: str) -> int:
    """0, or past the numbers taken when another team's log of the same incident (its own
    chain, its own numbers) is already in: both logs are shown, one after the other."""
    if holder is None:
        return 0
    taken = {r["seq"]: r["id"] for r in pkg.out.rows.get(table, [])
             if r["incident_id"] == incident_id}
    for el in holder.iterfind(f"{{{LOG_NS}}}{tag}"):
        seq = _int(_t(el, LOG_NS, "seq"))
        if seq in taken and taken[seq] != _t(el, LOG_NS, "id"):
            return max(taken)
    return 0


def _operator(pkg: _Package, operator_id: str | None, name: str, unit: str, role: str,
              when: datetime) -> None:
    """The people the log names, so its recorders and reviewers show by name."""
    if not operator_id or not name:
        return
    names = {r["name"] for r in pkg.out.rows.get("operator", [])}
    if operator_id in pkg.out._seen.get("operator", set()):
        return
    shown = name if name not in names else f"{name} ({operator_id[:8]})"
    _add(pkg.out, "operator", {"id": operator_id, "name": shown, "unit": unit, "position": "",
                             "role": role, "created_at": when}, operator_id)


def _events(pkg: _Package) -> None:
    """The audit events the package holds in full (its items' events and the chain's)."""
    for rel in (EVENTS_XML, CHAIN_XML):
        root = pkg.xml(rel, required=False)
        for ev in root.iterfind(f"{{{PKG_NS}}}event") if root is not None else ():
            seq = _int(ev.get("seq", ""))
            occurred = _time(_t(ev, PKG_NS, "occurred_at"))
            if seq is None or occurred is None:
                continue
            try:
                detail = json.loads(_t(ev, PKG_NS, "detail") or "{}")
            except ValueError:
                detail = {}
            event_id = _t(ev, PKG_NS, "id") or _made_id("event", pkg.name, str(seq))
            if event_id in pkg.out._seen.get("audit_event", set()):
                continue
            if str(seq) in pkg.out._seen.get("audit_seq", set()):
                # Another store's chain (another team's package) has its own numbers.
                seq += pkg.index * 1_000_000_000
            pkg.out._seen.setdefault("audit_seq", set()).add(str(seq))
            _add(pkg.out, "audit_event", {
                "seq": seq, "id": event_id,
                "event_type": _t(ev, PKG_NS, "event_type"), "occurred_at": occurred,
                "agent": _t(ev, PKG_NS, "agent"),
                "operator_id": _t(ev, PKG_NS, "operator_id") or None,
                "incident_id": _t(ev, PKG_NS, "incident_id") or None,
                "item_id": _t(ev, PKG_NS, "item_id") or None,
                "object_type": _t(ev, PKG_NS, "object_type"),
                "object_id": _t(ev, PKG_NS, "object_id") or None,
                "outcome": _t(ev, PKG_NS, "outcome") or "success", "detail": detail,
                "prev_hash": _t(ev, PKG_NS, "prev_hash"), "hash": _t(ev, PKG_NS, "hash")},
                event_id)
