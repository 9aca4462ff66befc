"""``check --against PACKAGE``: compare a store with a package made from it.

A transfer fixes what the archive received. Afterwards the store's audit chain must still
pass through the package's signed anchor, with the same hash at every link the package
carries, and the package's items must still be in the store with the same 档号 and the
same file digests. Anything else means history was rewritten after the transfer; the
report names the first place.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.anchors import NS as PKG_NS
from app.export.anchors import bag_info
from app.export.layout import CATALOGUE, CHAIN_XML
from app.export.package_reader import open_package
from app.export.report import Report, Result, fail, ok
from app.store.errors import NotFound
from app.store.reading import StoreReader

ITEM_NS = "urn:fieldarchive:item:1"
CAT_NS = "urn:fieldarchive:catalogue:1"


def compare_with_package(repos: StoreReader, package: Path) -> Report:
    report = Report("against", package.name)
    info = bag_info(package)
    reader = open_package(package)
    try:
        chain = etree.fromstring(reader.read(CHAIN_XML))
        catalogue = etree.fromstring(reader.read(CATALOGUE))
        fonds = info.get("Fonds-Number", "")
        items = []
        for row in catalogue.findall(f"{{{CAT_NS}}}条目"):
            code = row.findtext(f"{{{CAT_NS}}}档号") or ""
            category = row.findtext(f"{{{CAT_NS}}}门类") or ""
            rel = f"data/{fonds}/{category}/{code}/{code}.xml"
            items.append((code, etree.fromstring(reader.read(rel))))
    finally:
        reader.close()
    report.add(_chain(repos, chain))
    for code, root in items:
        report.add(_item(repos, code, root))
    return report


def _chain(repos: StoreReader, chain: etree._Element) -> list[Result]:
    links = [(int(el.get("seq", "0")),
              el.get("hash") if el.tag == f"{{{PKG_NS}}}link"
              else el.findtext(f"{{{PKG_NS}}}hash"))
             for el in chain if isinstance(el.tag, str)]
    to_count, to_hash = int(chain.get("to_count", "0")), chain.get("to_hash", "")
    if not links and to_count == 0:
        return [ok("audit-chain", CHAIN_XML)]
    first = min([s for s, _ in links] + [to_count])
    stored = repos.transfers.event_hashes(first, to_count)
    for seq, packaged in links + [(to_count, to_hash)]:
        now = stored.get(seq)
        if now != packaged:
            return [fail("audit-chain", f"#{seq}", QT_TRANSLATE_NOOP(
                "Errors", "audit event #{seq} is {now} in the store but {packaged} in the "
                "package: the store's history was rewritten after the transfer"),
                seq=seq, now=now or "—", packaged=packaged or "—")]
    return [ok("audit-chain", CHAIN_XML)]


def _item(repos: StoreReader, code: str, root: etree._Element) -> list[Result]:
    item_id = root.findtext(f"{{{ITEM_NS}}}电子文件号") or ""
    try:
        item = repos.items.get(item_id)
    except NotFound:
        return [fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "item {code} ({id}) is no longer in the store"), code=code, id=item_id)]
    out: list[Result] = []
    if item.archival_code != code:
        out.append(fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "item {id} now has the archival code {now}; the package has {code}"),
            id=item_id, now=item.archival_code or "—", code=code))
    stored = {f.sha256 for f in item.files}
    for el in root.findall(f"{{{ITEM_NS}}}文件"):
        name = el.findtext(f"{{{ITEM_NS}}}计算机文件名") or ""
        sha = next((d.text for d in el.findall(f"{{{ITEM_NS}}}数字摘要")
                    if d.get("算法") == "SHA-256"), None)
        if sha not in stored:
            out.append(fail("metadata-matches-file", f"{code}/{name}", QT_TRANSLATE_NOOP(
                "Errors", "{name} of item {code} is not in the store with the digest the "
                "package has"), name=name, code=code))
    return out or [ok("metadata-matches-file", code)]
