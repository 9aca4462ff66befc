"""verify's DA/T 93 checks of a FieldArchive package: signature, 说明文件 and 目录文件,
档号 well formed and unique, 件号 within the stated runs, one folder per 档号, each item
(``verify_items``), the package's records of itself (``verify_records``), counts and bytes
against 说明文件 and the registration form, and every other XML well formed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export import archival_code
from app.export.layout import CATALOGUE, DESCRIPTION, parse_description, payload_digest
from app.export.report import Report, Result, fail, ok
from app.export.verify_bagit import Bag
from app.export.verify_items import check_item
from app.export.verify_records import check_audit_chain, check_form, item_events
from app.export.verify_signature import check_signature
from app.export.verify_xml import CAT_NS, parse_xml, text, valid
from app.export.worklog_check import check_worklog


def check_dat93(bag: Bag, report: Report, trusted_key: str | None, decode: bool,
                step: Callable[[int, int], None] | None = None) -> None:
    """The checks above; ``step(done, total)`` is told of each item checked."""
    results: list[Result] = []
    reader = bag.reader
    results += check_signature(bag, trusted_key)
    for rel in (DESCRIPTION, CATALOGUE):
        if rel not in reader.files:
            results.append(fail("catalogue-folders", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is missing"), path=rel))
    if any(not r.ok and r.check == "catalogue-folders" for r in results):
        report.add(results)
        return
    desc, stated_runs = parse_description(bag.read(DESCRIPTION))
    fonds = desc.get("全宗号", "")
    cat = parse_xml(bag, CATALOGUE, results)
    if cat is None:
        report.add(results)
        return
    valid(cat, "catalogue.xsd", CATALOGUE, results)
    rows = cat.findall(f"{{{CAT_NS}}}条目")
    listed = [text(r, CAT_NS, "档号") for r in rows]
    # 档号 format and uniqueness.
    pieces: dict[str, list[int]] = {}
    times = Counter(listed)
    for code_text in listed:
        code = archival_code.parse(code_text)
        if code is None:
            results.append(fail("code-format", code_text or "?", QT_TRANSLATE_NOOP(
                "Errors", "the archival code '{code}' is not of the form "
                "{pattern}"), code=code_text, pattern=archival_code.CODE_PATTERN))
            continue
        results.append(ok("code-format", code_text))
        pieces.setdefault(code.group, []).append(code.piece)
        if times[code_text] > 1:
            results.append(fail("code-unique", code_text, QT_TRANSLATE_NOOP(
                "Errors", "the archival code '{code}' is given to {count} items"),
                code=code_text, count=times[code_text]))
        else:
            results.append(ok("code-unique", code_text))
    # 件号 within the ranges the package states.
    for group in sorted(set(pieces) | set(stated_runs)):
        expected = archival_code.parse_runs(stated_runs.get(group, "")) or []
        held = sorted(pieces.get(group, []))
        if held != sorted(expected):
            missing = sorted(set(expected) - set(held))
            extra = sorted(set(held) - set(expected))
            results.append(fail("piece-gap-free", group, QT_TRANSLATE_NOOP(
                "Errors", "the package states piece numbers {stated} but holds {held} (missing: "
                "{missing}; not stated: {extra})"), stated=stated_runs.get(group, "—"),
                held=archival_code.runs_text(held) or "—",
                missing=",".join(f"{p:04d}" for p in missing) or "—",
                extra=",".join(f"{p:04d}" for p in extra) or "—"))
        else:
            results.append(ok("piece-gap-free", group))
    # One folder per 档号, none unlisted.
    folders: dict[str, set[str]] = {}
    contents: dict[str, list[str]] = {}  # item folder -> the files under it
    prefix = f"data/{fonds}/"
    for rel in bag.payload:
        if rel.startswith(prefix):
            parts = rel[len(prefix):].split("/")
            if len(parts) >= 3:
                folder = f"{prefix}{parts[0]}/{parts[1]}/"
                folders.setdefault(parts[1], set()).add(folder)
                contents.setdefault(folder, []).append(rel)
            else:
                results.append(fail("catalogue-folders", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is outside any item folder"), path=rel))
    for code_text in listed:
        found = folders.get(code_text, set())
        if len(found) != 1:
            results.append(fail("catalogue-folders", code_text, QT_TRANSLATE_NOOP(
                "Errors", "{code} has {count} folders in the package (one is expected)"),
                code=code_text, count=len(found)))
        else:
            results.append(ok("catalogue-folders", code_text))
    for name in sorted(set(folders) - set(listed)):
        results.append(fail("catalogue-folders", name, QT_TRANSLATE_NOOP(
            "Errors", "the folder {code} is not listed in {catalogue}"), code=name,
            catalogue=Path(CATALOGUE).name))
    # Each item: metadata valid, fields, files as described, formats, decoding.
    events = item_events(bag, results)
    results += check_audit_chain(bag, results)
    item_ids: list[str] = []
    classified = bag.info.get("Classified-Batch", "no") == "yes"
    for n, row in enumerate(rows, 1):
        if step is not None:
            step(n - 1, len(rows))
        code_text = text(row, CAT_NS, "档号")
        found = folders.get(code_text, set())
        if len(found) != 1:
            continue
        folder = next(iter(found))
        item_id = check_item(bag, folder, contents.get(folder, []), code_text, row, results,
                             decode, classified)
        if item_id:
            item_ids.append(item_id)
            if item_id in events:
                results.append(ok("process-log", code_text))
            else:
                results.append(fail("process-log", code_text, QT_TRANSLATE_NOOP(
                    "Errors", "no audit event of this item was found")))
    # Counts and bytes against 说明文件 and the registration data.
    item_files = [r for r in bag.payload if r.startswith(prefix)]
    actual = {"件数": str(len(rows)), "文件数": str(len(item_files)),
              "字节数": str(sum(bag.payload[r] for r in item_files))}
    for key, value in actual.items():
        if desc.get(key) != value:
            results.append(fail("counts", DESCRIPTION, QT_TRANSLATE_NOOP(
                "Errors", "{key} in {document} says {stated}; the package holds {actual}"),
                document=Path(DESCRIPTION).name, key=key, stated=desc.get(key, "—"), actual=value))
    if cat.get("件数") != str(len(rows)):
        results.append(fail("counts", CATALOGUE, QT_TRANSLATE_NOOP(
            "Errors", "{key} in {document} says {stated}; the package holds {actual}"),
            document=Path(CATALOGUE).name, key="件数", stated=cat.get("件数", "—"),
            actual=len(rows)))
    stated = bag.manifests.get("sha256", {})
    digest = payload_digest([(r, bag.computed(r).get("sha256", stated.get(r, "")))
                             for r in bag.payload])
    if bag.info.get("Payload-Digest-SHA256") != digest:
        results.append(fail("counts", "bag-info.txt", QT_TRANSLATE_NOOP(
            "Errors", "Payload-Digest-SHA256 in bag-info.txt is {stated}; the payload's is "
            "{actual}"), stated=bag.info.get("Payload-Digest-SHA256", "—"), actual=digest))
    results += check_form(bag, digest, len(rows))
    if not any(r.check == "counts" and not r.ok for r in results):
        results.append(ok("counts"))
    # Other XML: well formed everywhere, the work log valid against its schema.
    for rel in sorted(bag.payload):
        if rel.lower().endswith(".xml") and rel != CATALOGUE and not rel.startswith(prefix):
            root = parse_xml(bag, rel, results)
            if root is not None and rel.endswith("工作日志.xml"):
                valid(root, "worklog.xsd", rel, results)
                results += check_worklog(root, rel)
            elif root is not None:
                results.append(ok("xml-valid", rel))
    report.add(results)
