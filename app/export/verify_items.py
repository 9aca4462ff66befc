"""verify, one 件 at a time: its metadata XML valid and complete, its files as described
(name, size, digests), each file's format found from its content on the whitelist, and
(unless turned off) each file decoded. The format is judged from the first bytes the
digest pass kept, so no file is opened again for it."""

from __future__ import annotations

import zipfile

from lxml import etree

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.decode import decode_file
from app.export.formats import WHITELIST, sniff
from app.export.report import Result, fail, ok
from app.export.verify_bagit import Bag
from app.export.verify_digests import HEAD
from app.export.verify_xml import ITEM_NS, parse_xml, texts, valid

CLASSIFIED_ZH = frozenset({"秘密", "机密", "绝密"})


def check_item(bag: Bag, folder: str, in_folder: list[str], code: str, row: etree._Element,
               results: list[Result], decode: bool, classified_batch: bool) -> str:
    """One 件 in ``folder`` (holding ``in_folder``); returns its 电子文件号 ("" if unread)."""
    rel = f"{folder}{code}.xml"
    if rel not in bag.payload:
        results.append(fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "{path} (the item's metadata) is missing"), path=rel))
        return ""
    root = parse_xml(bag, rel, results)
    if root is None or not valid(root, "item.xsd", rel, results):
        return ""
    fields = texts(root, ITEM_NS)
    required = ["题名", "责任者", "日期", "保管期限", "密级", "档号"]
    if fields.get("门类代码", "") == "ZP":
        required.append("文字说明")
    empty = [f for f in required if not fields.get(f, "").strip()]
    if empty:
        results.append(fail("required-fields", code, QT_TRANSLATE_NOOP(
            "Errors", "required fields are empty: {fields}"), fields="、".join(empty)))
    else:
        results.append(ok("required-fields", code))
    if fields.get("档号", "") != code:
        results.append(fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "{path} describes {other}, not {code}"), path=rel,
            other=fields.get("档号", ""), code=code))
    level = fields.get("密级", "")
    if (level in CLASSIFIED_ZH) != classified_batch and level in CLASSIFIED_ZH:
        results.append(fail("classification", code, QT_TRANSLATE_NOOP(
            "Errors", "the item is classified {level}; it may only go in a separate "
            "classified batch"), level=level))
    else:
        results.append(ok("classification", code))
    described = set()
    problems = 0
    for f in root.findall(f"{{{ITEM_NS}}}文件"):
        described_file = texts(f, ITEM_NS)
        name = described_file.get("计算机文件名", "")
        path = folder + name
        described.add(path)
        digests = {d.get("算法"): d.text or "" for d in f.findall(f"{{{ITEM_NS}}}数字摘要")}
        if path not in bag.payload:
            results.append(fail("has-original", code, QT_TRANSLATE_NOOP(
                "Errors", "{path} is described in the metadata but missing"), path=path))
            problems += 1
            continue
        size = str(bag.payload[path])
        computed = bag.computed(path)
        if (described_file.get("文件大小", "") != size
                or digests.get("SHA-256") != computed.get(
                    "sha256", bag.manifests.get("sha256", {}).get(path))
                or ("sm3" in computed and digests.get("SM3") != computed.get("sm3"))):
            results.append(fail("metadata-matches-file", path, QT_TRANSLATE_NOOP(
                "Errors", "{path}: size or digest differs from the item's metadata"),
                path=path))
            problems += 1
        results += check_format(bag, path, described_file.get("格式", ""), decode)
    for path in sorted(in_folder):
        if path != rel and path not in described:
            results.append(fail("metadata-matches-file", path, QT_TRANSLATE_NOOP(
                "Errors", "{path} is in the item's folder but not in its metadata"),
                path=path))
            problems += 1
    if not problems:
        results.append(ok("metadata-matches-file", code))
        results.append(ok("has-original", code))
    return fields.get("电子文件号", "")


def check_format(bag: Bag, path: str, stated: str, decode: bool) -> list[Result]:
    try:
        return _format_of(bag, path, decode)
    except zipfile.BadZipFile:
        return []  # a ZIP entry failing its CRC: the digest pass has named it already


def _format_of(bag: Bag, path: str, decode: bool) -> list[Result]:
    head = bag.head(path)
    if head is None:  # not read by the digest pass (unlisted, or unreadable)
        with bag.reader.open(path) as f:
            head = f.read(HEAD)
    found = sniff(head)
    out: list[Result] = []
    if found is None or found not in WHITELIST:
        return [fail("format-whitelist", path, QT_TRANSLATE_NOOP(
            "Errors", "{path}: its content is not a format on the archival whitelist"),
            path=path)]
    ext = path.rsplit(".", 1)[-1].lower()
    if WHITELIST[found] != ext and not (found == "image/heic" and ext in ("heic", "heif")):
        out.append(fail("format-whitelist", path, QT_TRANSLATE_NOOP(
            "Errors", "{path}: the content is {found} but the name says .{ext}"),
            path=path, found=found, ext=ext))
    else:
        out.append(ok("format-whitelist", path))
    if decode:
        out.append(decode_file(found, lambda: bag.reader.open(path), path))
    return out
