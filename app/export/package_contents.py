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
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.export.layout import (
    CATALOGUE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    TAGMANIFEST,
)
from app.export.package_history import read_events, read_work_log
from app.export.package_reader import PackageReader
from app.export.package_rows import (
    CAT_NS,
    INCIDENT_XML,
    ITEM_NS,
    KIND_OF_CATEGORY,
    PKG_NS,
    SCHEDULE_XML,
    Contents,
    Damage,
    OpenPackage,
    PackageFacts,
    add_row,
    bag_tags,
    code_of,
    made_id,
    offset_min,
    parse_time,
    text_of,
    to_float,
    to_int,
)


def read_packages(paths: list[Path], open_reader: Callable[[Path], PackageReader],
                  now: datetime | None = None) -> Contents:
    """Every package's rows, facts and damage; readers stay open for the files' bytes."""
    out = Contents()
    now = now or datetime.now(UTC)
    try:
        for index, path in enumerate(paths, 1):
            reader = open_reader(path)
            out.readers.append(reader)
            _read_one(OpenPackage(index, path, reader, out), now)
    except BaseException:
        for reader in out.readers:
            reader.close()
        raise
    return out


def _read_one(pkg: OpenPackage, now: datetime) -> None:
    for problem in pkg.reader.problems:
        pkg.out.damage.append(Damage(pkg.name, problem.subject,
                                     Message(problem.template, problem.params)))
    info = bag_tags(pkg.bytes_of("bag-info.txt") or b"")
    if "bagit.txt" not in pkg.reader.files:
        pkg.damage("bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "bagit.txt is missing: this is not a BagIt bag"))
    bagged = parse_time(info.get("Bagging-Date", "")) or now
    incident_id = _incident(pkg, info, bagged)
    batch_row = made_id("package", str(pkg.index), str(pkg.path))
    _schedule(pkg, incident_id, bagged)
    item_ids, nbytes = _items(pkg, incident_id, batch_row, bagged)
    read_work_log(pkg, incident_id)
    read_events(pkg)
    signature = bag_tags(pkg.bytes_of(SIGNATURE_FILE) or b"")
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
    add_row(pkg.out, "transfer_batch", {
        "id": batch_row, "incident_id": incident_id, "number": pkg.index, "status": "done",
        "paths": [str(pkg.path)], "item_ids": item_ids, "item_count": len(item_ids),
        "byte_count": nbytes, "fingerprint": fingerprint[:64],
        "digests": {"tagmanifest-sha256": facts.tagmanifest_sha256,
                    "payload-sha256": facts.payload_digest, "batch": facts.batch,
                    "bag": facts.bag},
        "reviewer": facts.signer, "carrier": pkg.name,
        "audit_head_count": to_int(info.get("Audit-Head-Count", "")) or 0,
        "audit_head_hash": info.get("Audit-Head-Hash", ""), "created_at": bagged,
        "completed_at": bagged})


def _incident(pkg: OpenPackage, info: Mapping[str, str], bagged: datetime) -> str:
    """The incident from 事件.xml (else bag-info's number); the same one is kept once."""
    root = pkg.xml(INCIDENT_XML)
    number = (text_of(root, PKG_NS, "事件编号") if root is not None else "") or info.get(
        "Incident-ID", "")
    known = {r["number"]: r["id"] for r in pkg.out.rows.get("incident", []) if r["number"]}
    inc_id = (text_of(root, PKG_NS, "标识") if root is not None else "") or known.get(number) \
        or made_id("incident", number or pkg.name)
    if number in known and known[number] != inc_id:
        # One incident's packages from several teams (their stores gave it other ids):
        # browsed as one incident, as the number says.
        return known[number]
    if root is None:
        name = info.get("External-Description", "") or number or pkg.name
        add_row(pkg.out, "incident", {
            "id": inc_id, "number": number or None, "name": name, "kind": "natural",
            "level": "IV", "started_at": bagged, "started_offset_min": 0,
            "fonds_code": info.get("Fonds-Number", ""), "created_at": bagged,
            "participating_units": []}, inc_id)
        return inc_id
    started = parse_time(text_of(root, PKG_NS, "开始时间")) or bagged
    units = text_of(root, PKG_NS, "参与单位")
    add_row(pkg.out, "incident", {
        "id": inc_id, "number": number or None, "name": text_of(root, PKG_NS, "名称") or number,
        "kind": code_of(codes.INCIDENT_KIND, text_of(root, PKG_NS, "类型"), "natural"),
        "level": code_of(codes.INCIDENT_LEVEL, text_of(root, PKG_NS, "级别"), "IV"),
        "place": text_of(root, PKG_NS, "地点"), "started_at": started,
        "started_offset_min": offset_min(started),
        "response_ended_at": parse_time(text_of(root, PKG_NS, "响应结束时间")),
        "lead_unit": text_of(root, PKG_NS, "牵头单位"),
        "participating_units": [u for u in units.split("、") if u],
        "fonds_code": text_of(root, PKG_NS, "全宗号"),
        "fonds_name": text_of(root, PKG_NS, "全宗名称"),
        "org_code": text_of(root, PKG_NS, "机构问题代码"), "created_at": bagged}, inc_id)
    return inc_id


def _schedule(pkg: OpenPackage, incident_id: str, bagged: datetime) -> None:
    root = pkg.xml(SCHEDULE_XML, required=False)
    if root is None or root.get("版本") is None:
        return
    version = to_int(root.get("版本", "")) or 1
    schedule_id = made_id("schedule", incident_id, str(version))
    if not add_row(pkg.out, "retention_schedule", {
            "id": schedule_id, "incident_id": incident_id, "version": version,
            "name": text_of(root, PKG_NS, "名称"), "status": root.get("状态", "draft"),
            "approval_ref": text_of(root, PKG_NS, "批准文号"),
            "approved_at": parse_time(text_of(root, PKG_NS, "批准时间")), "created_at": bagged},
            schedule_id):
        return
    for n, c in enumerate(root.findall(f"{{{PKG_NS}}}类目")):
        add_row(pkg.out, "retention_category", {
            "id": made_id(schedule_id, c.get("代码", str(n))), "schedule_id": schedule_id,
            "key": c.get("代码", str(n)), "name_zh": c.text or "", "name_en": c.get("英文", ""),
            "retention": c.get("保管期限", "Y"), "sort_order": n})


def _item_folders(pkg: OpenPackage) -> dict[str, str]:
    """档号 -> its folder (``data/<全宗号>/<门类>/<档号>/``) as the package's files hold."""
    folders: dict[str, str] = {}
    for rel in pkg.reader.files:
        parts = rel.split("/")
        if len(parts) == 5 and parts[0] == "data" and parts[1] != "其他":
            folders.setdefault(parts[3], "/".join(parts[:4]) + "/")
    return folders


def _items(pkg: OpenPackage, incident_id: str, batch_row: str,
           bagged: datetime) -> tuple[list[str], int]:
    catalogue = pkg.xml(CATALOGUE)
    rows = catalogue.findall(f"{{{CAT_NS}}}条目") if catalogue is not None else []
    folders = _item_folders(pkg)
    listed = {text_of(r, CAT_NS, "档号"): r for r in rows}
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


def _item(pkg: OpenPackage, code: str, folder: str | None, row: etree._Element | None,
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
            return text_of(root, ITEM_NS, tag).strip()
    elif row is not None:
        def get(tag: str) -> str:
            return text_of(row, CAT_NS, {"门类代码": "门类"}.get(tag, tag)).strip()
    else:
        return None, 0
    item_id = (get("电子文件号") if root is not None else "") or made_id("item", pkg.name, code)
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
    date = parse_time(get("日期"))
    when = datetime.fromtimestamp(order, UTC)
    technical: dict[str, Any] = {}
    try:
        technical = dict(json.loads(get("技术参数") or "{}"))
    except (ValueError, TypeError):
        technical = {}
    add_row(pkg.out, "item", {
        "id": item_id, "incident_id": incident_id, "kind": KIND_OF_CATEGORY.get(
            category, "document"), "category": category[:4],
        "source_channel": code_of(codes.SOURCE_CHANNEL, get("来源渠道"), "self"),
        "state": "transferred", "archival_code": archival or None,
        "piece_number": to_int(get("件号")) if archival else None,
        "year": to_int(get("年度")), "fonds_code": get("全宗号") or None if archival else None,
        "org_code": get("机构问题代码") or None if archival else None,
        "cross_reference": get("参见号"), "title": get("题名"), "creator": get("责任者"),
        "date": date, "date_offset_min": offset_min(date), "place": get("地点"),
        "latitude": to_float(get("纬度")), "longitude": to_float(get("经度")),
        "people": get("人物"), "description": get("文字说明"), "keywords": get("关键词"),
        "phase": code_of(codes.PHASE, get("事件阶段"), None),
        "retention": code_of(codes.RETENTION, get("保管期限"), None),
        "classification": code_of(codes.CLASSIFICATION, get("密级"), "internal"),
        "secrecy_period": get("保密期限"),
        "open_status": code_of(codes.OPEN_STATUS, get("开放状态"), "pending"),
        "language": get("语种") or "zh", "technical": technical, "caption": {},
        "created_at": when, "updated_at": when, "transferred_at": when,
        "transfer_batch_id": batch_row}, item_id)
    size = 0
    if root is not None and folder is not None:
        size = _files(pkg, root, folder, item_id, when)
    return item_id, size


def _files(pkg: OpenPackage, root: etree._Element, folder: str, item_id: str,
           when: datetime) -> int:
    total = 0
    for n, f in enumerate(root.findall(f"{{{ITEM_NS}}}文件"), 1):
        name = text_of(f, ITEM_NS, "计算机文件名")
        rel = folder + name
        digests = {d.get("算法"): d.text or "" for d in f.findall(f"{{{ITEM_NS}}}数字摘要")}
        size = pkg.reader.files.get(rel)
        if size is None:
            pkg.damage(rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is described in the metadata but missing"), item_id,
                path=rel)
        total += size or 0
        add_row(pkg.out, "file", {
            "id": made_id("file", item_id, rel), "item_id": item_id,
            "role": text_of(f, ITEM_NS, "角色") or "original",
            "seq": to_int(text_of(f, ITEM_NS, "顺序号")) or n, "vault_path": pkg.vault_path(rel),
            "original_name": text_of(f, ITEM_NS, "原始文件名") or name,
            "size": size if size is not None else (to_int(text_of(f, ITEM_NS, "文件大小")) or 0),
            "sha256": digests.get("SHA-256", ""), "sm3": digests.get("SM3", ""),
            "format": text_of(f, ITEM_NS, "格式"),
            "format_version": text_of(f, ITEM_NS, "格式版本"),
            "created_at": when}, pkg.vault_path(rel))
    return total


