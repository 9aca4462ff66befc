"""``verify``: check a transfer package, folder or ZIP, with nothing from the store.

Every check of the 四性 catalogue that a package alone can answer, per item and per file,
each result citing its DA/T 70-2018 item (``catalogue``). ``bagit_only`` judges any BagIt
bag as RFC 8493 does and nothing more. Nothing is written here: the caller writes the
report where it was asked to.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from lxml import etree

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export import archival_code
from app.export.anchors import check_chain, event_hash
from app.export.decode import decode_file
from app.export.formats import WHITELIST, sniff
from app.export.layout import (
    CATALOGUE,
    CHAIN_XML,
    COVERS,
    DESCRIPTION,
    EVENTS_XML,
    FORM_DIR,
    FORM_XML,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    TAGMANIFEST,
    UNLISTED_TAG_FILES,
    decode_path,
    key_fingerprint,
    parse_description,
    payload_digest,
)
from app.export.package_reader import PackageReader, hidden, open_package, unsafe
from app.export.report import PACKAGE, Report, Result, fail, ok
from app.export.worklog_check import check_worklog
from app.resources import resource_path

ITEM_NS = "urn:fieldarchive:item:1"
CAT_NS = "urn:fieldarchive:catalogue:1"
FORM_NS = "urn:fieldarchive:registration:1"
PKG_NS = "urn:fieldarchive:package:1"
ALGORITHMS = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sm3"}
CLASSIFIED_ZH = frozenset({"秘密", "机密", "绝密"})
CHUNK = 1024 * 1024
GENESIS = "0" * 64
ProgressFn = Callable[[str, int, int], None]


@dataclass
class Bag:
    """What the BagIt layer found, for the DA/T 93 checks to build on."""

    reader: PackageReader
    info: dict[str, str] = field(default_factory=dict)
    manifests: dict[str, dict[str, str]] = field(default_factory=dict)  # alg -> rel -> hex
    computed: dict[str, dict[str, str]] = field(default_factory=dict)  # rel -> alg -> hex
    payload: dict[str, int] = field(default_factory=dict)


def verify_package(path: Path, *, trusted_key: str | None = None, bagit_only: bool = False,
                   decode: bool = True, progress: ProgressFn | None = None,
                   previous: Path | None = None,
                   algorithms: set[str] | None = None) -> Report:
    """Check a package; ``algorithms`` limits which payload manifests' digests are
    recomputed (all by default; every manifest is still checked for completeness)."""
    report = Report("verify", path.name)
    report.notes.update({f"covers:{k}": v for k, v in COVERS.items()} if not bagit_only
                        else {})
    try:
        reader = open_package(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        report.add([fail("zip-integrity" if path.is_file() else "bagit", PACKAGE,
                         QT_TRANSLATE_NOOP("Errors", "the package cannot be opened ({reason})"),
                         reason=str(err))])
        return report
    try:
        report.add(reader.problems)
        bag = _bagit(reader, report, bagit_only, progress, algorithms)
        if bag is not None and not bagit_only:
            _fieldarchive(bag, report, trusted_key, decode)
    finally:
        reader.close()
    if previous is not None and not bagit_only:
        from app.export.anchors import verify_previous

        report.add([Result(r.check, f"--previous {r.subject}", r.ok, r.template, r.params,
                           r.required) for r in verify_previous(path, previous)])
    return report


# -- BagIt (RFC 8493) --------------------------------------------------------------------


def _tag_lines(data: bytes, encoding: str = "utf-8") -> list[str]:
    text = data.decode(encoding)
    return [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _parse_tags(data: bytes, encoding: str) -> dict[str, str]:
    out: dict[str, str] = {}
    key = None
    for line in _tag_lines(data, encoding):
        if line[:1] in (" ", "\t") and key is not None:
            out[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            out[key] = value.strip() if key not in out else out[key] + "\n" + value.strip()
    return out


def _parse_manifest(reader: PackageReader, name: str, encoding: str,
                    results: list[Result]) -> dict[str, str] | None:
    entries: dict[str, str] = {}
    for n, line in enumerate(_tag_lines(reader.read(name), encoding), 1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            results.append(fail("bagit", name, QT_TRANSLATE_NOOP(
                "Errors", "{file} line {line} is not 'digest path'"), file=name, line=n))
            return None
        digest, rel = parts[0].lower(), decode_path(parts[1].lstrip("*").strip())
        if unsafe(rel):
            results.append(fail("no-path-escape", rel, QT_TRANSLATE_NOOP(
                "Errors", "{file} lists {path}, a path outside the bag; it was not opened"),
                file=name, path=rel))
            continue
        entries[rel] = digest
    return entries


def _digest_files(reader: PackageReader, rels: list[str], algs: set[str],
                  results: list[Result], progress: ProgressFn | None
                  ) -> dict[str, dict[str, str]]:
    """One read of each file, every algorithm fed from it (CRCs checked for a ZIP)."""
    out: dict[str, dict[str, str]] = {}
    total = sum(reader.files.get(r, 0) for r in rels)
    done = 0
    for rel in rels:
        hashes = {a: (hashlib.new(a) if a != "sm3" else _sm3()) for a in algs}
        try:
            with reader.open(rel) as f:
                while chunk := f.read(CHUNK):
                    for h in hashes.values():
                        h.update(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress("digest", done, total)
        except zipfile.BadZipFile as err:
            results.append(fail("zip-integrity", rel, QT_TRANSLATE_NOOP(
                "Errors", "the ZIP entry {name} is damaged ({reason})"), name=rel,
                reason=str(err)))
            continue
        except OSError as err:
            results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} cannot be read ({reason})"), path=rel, reason=str(err)))
            continue
        out[rel] = {a: h.hexdigest() for a, h in hashes.items()}
    return out


def _sm3() -> hashlib._Hash:
    try:
        return hashlib.new("sm3")
    except ValueError:  # an OpenSSL without SM3: the slow pure-Python fallback
        from gmssl import func, sm3

        class _G:
            def __init__(self) -> None:
                self.buf = bytearray()

            def update(self, d: bytes) -> None:
                self.buf.extend(d)

            def hexdigest(self) -> str:
                return str(sm3.sm3_hash(func.bytes_to_list(bytes(self.buf))))

        return _G()  # type: ignore[return-value]


def _bagit(reader: PackageReader, report: Report, bagit_only: bool,
           progress: ProgressFn | None, algorithms: set[str] | None = None) -> Bag | None:
    results: list[Result] = []
    bag = Bag(reader)
    if "bagit.txt" not in reader.files:
        report.add([fail("bagit", "bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "bagit.txt is missing: this is not a BagIt bag"))])
        return None
    declaration = _parse_tags(reader.read("bagit.txt"), "utf-8")
    version = declaration.get("BagIt-Version", "")
    encoding = declaration.get("Tag-File-Character-Encoding", "")
    if version not in ("0.97", "1.0") or not encoding:
        results.append(fail("bagit", "bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "bagit.txt must declare BagIt-Version and Tag-File-Character-Encoding")))
        report.add(results)
        return None
    try:
        "".encode(encoding)
    except LookupError:
        report.add([fail("bagit", "bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "unknown tag-file encoding {encoding}"), encoding=encoding)])
        return None
    if "bag-info.txt" in reader.files:
        bag.info = _parse_tags(reader.read("bag-info.txt"), encoding)
    if "fetch.txt" in reader.files and reader.read("fetch.txt").strip():
        results.append(fail("bagit", "fetch.txt", QT_TRANSLATE_NOOP(
            "Errors", "fetch.txt lists files to download: the bag is not complete offline")))
    manifest_names = sorted(n for n in reader.files if "/" not in n
                            and n.startswith("manifest-") and n.endswith(".txt"))
    if not manifest_names:
        results.append(fail("bagit", PACKAGE, QT_TRANSLATE_NOOP(
            "Errors", "the bag has no payload manifest")))
    for name in manifest_names:
        alg = name[len("manifest-"):-len(".txt")]
        entries = _parse_manifest(reader, name, encoding, results)
        if entries is None:
            continue
        if alg not in ALGORITHMS:
            results.append(fail("bagit", name, QT_TRANSLATE_NOOP(
                "Errors", "{file} uses an algorithm this program does not know; its "
                "digests were not checked"), required=False, file=name))
            continue
        bag.manifests[alg] = entries
    bag.payload = {r: s for r, s in reader.files.items() if r.startswith("data/")}
    # Completeness: every manifest lists every payload file, and nothing else.
    for alg, entries in bag.manifests.items():
        name = f"manifest-{alg}.txt"
        for rel in sorted(set(entries) - set(bag.payload)):
            results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is listed in {file} but missing from the bag"),
                path=rel, file=name))
        for rel in sorted(set(bag.payload) - set(entries)):
            results.append(fail("no-unlisted-files", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is in the bag but not listed in {file}"), path=rel,
                file=name))
        for rel in sorted(r for r in entries if not r.startswith("data/")):
            results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                "Errors", "{file} lists {path}, which is not under data/"), path=rel,
                file=name))
    # Validity: one read of each payload file feeds every algorithm.
    wanted = sorted(set(bag.payload) & {r for e in bag.manifests.values() for r in e})
    algs = set(bag.manifests) if algorithms is None else set(bag.manifests) & algorithms
    if algorithms is not None:
        report.notes["algorithms"] = ", ".join(sorted(algs)) or "none"
    bag.computed = _digest_files(reader, wanted, algs, results, progress)
    for rel in wanted:
        got = bag.computed.get(rel)
        if got is None:
            continue
        bad = [a for a, e in bag.manifests.items()
               if a in algs and rel in e and e[rel] != got[a]]
        if bad:
            results.append(fail("digests-match", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path}: the {algorithm} digest differs from manifest-{algorithm}"
                ".txt (the file was changed)"), path=rel, algorithm=bad[0]))
        else:
            results.append(ok("digests-match", rel))
    # Tag manifests.
    tag_manifests = sorted(n for n in reader.files if "/" not in n
                           and n.startswith("tagmanifest-") and n.endswith(".txt"))
    for name in tag_manifests:
        alg = name[len("tagmanifest-"):-len(".txt")]
        entries = _parse_manifest(reader, name, encoding, results)
        if entries is None or alg not in ALGORITHMS:
            continue
        for rel, digest in sorted(entries.items()):
            if rel not in reader.files:
                results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is listed in {file} but missing from the bag"),
                    path=rel, file=name))
                continue
            tag = _digest_files(reader, [rel], {alg}, results, None).get(rel, {}).get(alg)
            if tag != digest:
                results.append(fail("digests-match", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path}: the {algorithm} digest differs from {file} (the tag "
                    "file was changed)"), path=rel, algorithm=alg, file=name))
            else:
                results.append(ok("digests-match", rel))
    # Payload-Oxum.
    oxum = bag.info.get("Payload-Oxum")
    if oxum:
        expected = f"{sum(bag.payload.values())}.{len(bag.payload)}"
        if oxum != expected:
            results.append(fail("bagit", "bag-info.txt", QT_TRANSLATE_NOOP(
                "Errors", "Payload-Oxum in bag-info.txt says {stated}; the payload is "
                "{actual} (bytes.files)"), stated=oxum, actual=expected))
    if not bagit_only:
        if not tag_manifests:
            results.append(fail("bagit", PACKAGE, QT_TRANSLATE_NOOP(
                "Errors", "the bag has no tag manifest")))
        for rel in sorted(reader.files):
            if hidden(rel):
                results.append(fail("no-unlisted-files", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is a hidden or system file"), path=rel))
            elif not rel.startswith("data/") and rel not in UNLISTED_TAG_FILES and not any(
                    rel in (_parse_manifest(reader, t, encoding, []) or {})
                    for t in tag_manifests) and rel not in tag_manifests:
                results.append(fail("no-unlisted-files", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is a tag file no tag manifest lists"), path=rel))
    if not any(r.check == "bagit" and not r.ok for r in results):
        results.append(ok("bagit"))
    if not any(r.check == "no-unlisted-files" and not r.ok for r in results):
        results.append(ok("no-unlisted-files"))
    if not any(r.check == "no-path-escape" and not r.ok for r in results + report.results):
        results.append(ok("no-path-escape"))
    if reader.is_zip and not any(r.check == "zip-integrity" and not r.ok
                                 for r in results + report.results):
        results.append(ok("zip-integrity"))
    report.add(results)
    return bag


# -- FieldArchive / DA/T 93 ----------------------------------------------------------------


def _xml(bag: Bag, rel: str, results: list[Result]) -> etree._Element | None:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(bag.reader.read(rel), parser)
    except (etree.XMLSyntaxError, OSError, KeyError, FileNotFoundError) as err:
        results.append(fail("xml-valid", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not well-formed XML ({reason})"), path=rel,
            reason=str(err)[:200]))
        return None
    return root


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def _schema(name: str) -> etree.XMLSchema:
    if name not in _SCHEMAS:
        _SCHEMAS[name] = etree.XMLSchema(etree.parse(str(resource_path("schemas", name))))
    return _SCHEMAS[name]


def _valid(root: etree._Element, schema: str, rel: str, results: list[Result]) -> bool:
    s = _schema(schema)
    if not s.validate(root):
        err = s.error_log.last_error
        results.append(fail("xml-valid", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not valid against {schema} (line {line}: {reason})"),
            path=rel, schema=schema, line=err.line if err else 0,
            reason=err.message if err else ""))
        return False
    results.append(ok("xml-valid", rel))
    return True


def _t(el: etree._Element, ns: str, tag: str) -> str:
    found = el.find(f"{{{ns}}}{tag}")
    return (found.text or "") if found is not None else ""


def _verify_signature(bag: Bag, trusted_key: str | None) -> list[Result]:
    reader = bag.reader
    if SIGNATURE_FILE not in reader.files or TAGMANIFEST not in reader.files:
        return [fail("signature", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
            "Errors", "the package has no signature ({file} is missing)"),
            file=SIGNATURE_FILE)]
    fields = _parse_tags(reader.read(SIGNATURE_FILE), "utf-8")
    try:
        raw = base64.b64decode(fields.get("Public-Key", ""), validate=True)
        sig = base64.b64decode(fields.get("Signature", ""), validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
        key.verify(sig, reader.read(fields.get("Signed-File", TAGMANIFEST)
                                    if fields.get("Signed-File") == TAGMANIFEST
                                    else TAGMANIFEST))
    except (InvalidSignature, ValueError, binascii.Error) as err:
        return [fail("signature", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
            "Errors", "the signature over {file} does not verify ({reason})"),
            file=TAGMANIFEST, reason=type(err).__name__)]
    out = [ok("signature", SIGNATURE_FILE)]
    fingerprint = key_fingerprint(raw)
    if PUBLIC_KEY_FILE in reader.files:
        from cryptography.hazmat.primitives import serialization

        try:
            pem = serialization.load_pem_public_key(reader.read(PUBLIC_KEY_FILE))
            same = pem.public_bytes(serialization.Encoding.Raw,
                                    serialization.PublicFormat.Raw) == raw
        except (ValueError, TypeError):
            same = False
        if not same:
            out.append(fail("signature", PUBLIC_KEY_FILE, QT_TRANSLATE_NOOP(
                "Errors", "{file} is not the key that made the signature"),
                file=PUBLIC_KEY_FILE))
    stated = bag.info.get("Key-Fingerprint", "")
    if stated and stated != fingerprint:
        out.append(fail("signature", "bag-info.txt", QT_TRANSLATE_NOOP(
            "Errors", "bag-info.txt names key {stated}, but the package is signed with "
            "{actual}"), stated=stated, actual=fingerprint))
    if trusted_key is not None:
        wanted = trusted_key.strip().lower().removeprefix("sha256:")
        if wanted != fingerprint:
            out.append(fail("trusted-key", SIGNATURE_FILE, QT_TRANSLATE_NOOP(
                "Errors", "the package is signed with key {actual}, not with the trusted "
                "key {trusted}"), actual=fingerprint, trusted=wanted))
        else:
            out.append(ok("trusted-key", SIGNATURE_FILE))
    return out


def _fieldarchive(bag: Bag, report: Report, trusted_key: str | None, decode: bool) -> None:
    results: list[Result] = []
    reader = bag.reader
    results += _verify_signature(bag, trusted_key)
    for rel in (DESCRIPTION, CATALOGUE):
        if rel not in reader.files:
            results.append(fail("catalogue-folders", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path} is missing"), path=rel))
    if any(not r.ok and r.check == "catalogue-folders" for r in results):
        report.add(results)
        return
    desc, stated_runs = parse_description(reader.read(DESCRIPTION))
    fonds = desc.get("全宗号", "")
    cat = _xml(bag, CATALOGUE, results)
    if cat is None:
        report.add(results)
        return
    _valid(cat, "catalogue.xsd", CATALOGUE, results)
    rows = cat.findall(f"{{{CAT_NS}}}条目")
    listed = [_t(r, CAT_NS, "档号") for r in rows]
    # 档号 format and uniqueness.
    pieces: dict[str, list[int]] = {}
    for code_text in listed:
        code = archival_code.parse(code_text)
        if code is None:
            results.append(fail("code-format", code_text or "?", QT_TRANSLATE_NOOP(
                "Errors", "the archival code '{code}' is not of the form "
                "{pattern}"), code=code_text, pattern=archival_code.CODE_PATTERN))
            continue
        results.append(ok("code-format", code_text))
        pieces.setdefault(code.group, []).append(code.piece)
        if listed.count(code_text) > 1:
            results.append(fail("code-unique", code_text, QT_TRANSLATE_NOOP(
                "Errors", "the archival code '{code}' is given to {count} items"),
                code=code_text, count=listed.count(code_text)))
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
    prefix = f"data/{fonds}/"
    for rel in bag.payload:
        if rel.startswith(prefix):
            parts = rel[len(prefix):].split("/")
            if len(parts) >= 3:
                folders.setdefault(parts[1], set()).add(f"{prefix}{parts[0]}/{parts[1]}/")
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
    events = _events(bag, results)
    results += _chain(bag, results)
    item_ids: list[str] = []
    classified = bag.info.get("Classified-Batch", "no") == "yes"
    for row in rows:
        code_text = _t(row, CAT_NS, "档号")
        found = folders.get(code_text, set())
        if len(found) != 1:
            continue
        folder = next(iter(found))
        item_id = _item(bag, folder, code_text, row, results, decode, classified)
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
    sha = bag.computed
    stated = bag.manifests.get("sha256", {})
    digest = payload_digest([(r, sha.get(r, {}).get("sha256", stated.get(r, "")))
                             for r in bag.payload])
    if bag.info.get("Payload-Digest-SHA256") != digest:
        results.append(fail("counts", "bag-info.txt", QT_TRANSLATE_NOOP(
            "Errors", "Payload-Digest-SHA256 in bag-info.txt is {stated}; the payload's is "
            "{actual}"), stated=bag.info.get("Payload-Digest-SHA256", "—"), actual=digest))
    results += _form(bag, digest, len(rows))
    if not any(r.check == "counts" and not r.ok for r in results):
        results.append(ok("counts"))
    # Other XML: well formed everywhere, the work log valid against its schema.
    for rel in sorted(bag.payload):
        if rel.lower().endswith(".xml") and rel != CATALOGUE and not rel.startswith(prefix):
            root = _xml(bag, rel, results)
            if root is not None and rel.endswith("工作日志.xml"):
                _valid(root, "worklog.xsd", rel, results)
                results += check_worklog(root, rel)
            elif root is not None:
                results.append(ok("xml-valid", rel))
    report.add(results)


def _item(bag: Bag, folder: str, code: str, row: etree._Element, results: list[Result],
          decode: bool, classified_batch: bool) -> str:
    rel = f"{folder}{code}.xml"
    if rel not in bag.payload:
        results.append(fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "{path} (the item's metadata) is missing"), path=rel))
        return ""
    root = _xml(bag, rel, results)
    if root is None or not _valid(root, "item.xsd", rel, results):
        return ""
    required = ["题名", "责任者", "日期", "保管期限", "密级", "档号"]
    if _t(root, ITEM_NS, "门类代码") == "ZP":
        required.append("文字说明")
    empty = [f for f in required if not _t(root, ITEM_NS, f).strip()]
    if empty:
        results.append(fail("required-fields", code, QT_TRANSLATE_NOOP(
            "Errors", "required fields are empty: {fields}"), fields="、".join(empty)))
    else:
        results.append(ok("required-fields", code))
    if _t(root, ITEM_NS, "档号") != code:
        results.append(fail("metadata-matches-file", code, QT_TRANSLATE_NOOP(
            "Errors", "{path} describes {other}, not {code}"), path=rel,
            other=_t(root, ITEM_NS, "档号"), code=code))
    level = _t(root, ITEM_NS, "密级")
    if (level in CLASSIFIED_ZH) != classified_batch and level in CLASSIFIED_ZH:
        results.append(fail("classification", code, QT_TRANSLATE_NOOP(
            "Errors", "the item is classified {level}; it may only go in a separate "
            "classified batch"), level=level))
    else:
        results.append(ok("classification", code))
    described = set()
    problems = 0
    for f in root.findall(f"{{{ITEM_NS}}}文件"):
        name = _t(f, ITEM_NS, "计算机文件名")
        path = folder + name
        described.add(path)
        digests = {d.get("算法"): d.text or "" for d in f.findall(f"{{{ITEM_NS}}}数字摘要")}
        if path not in bag.payload:
            results.append(fail("has-original", code, QT_TRANSLATE_NOOP(
                "Errors", "{path} is described in the metadata but missing"), path=path))
            problems += 1
            continue
        size = str(bag.payload[path])
        computed = bag.computed.get(path, {})
        if (_t(f, ITEM_NS, "文件大小") != size
                or digests.get("SHA-256") != computed.get(
                    "sha256", bag.manifests.get("sha256", {}).get(path))
                or ("sm3" in computed and digests.get("SM3") != computed.get("sm3"))):
            results.append(fail("metadata-matches-file", path, QT_TRANSLATE_NOOP(
                "Errors", "{path}: size or digest differs from the item's metadata"),
                path=path))
            problems += 1
        results += _format(bag, path, _t(f, ITEM_NS, "格式"), decode)
    for path in sorted(r for r in bag.payload if r.startswith(folder)):
        if path != rel and path not in described:
            results.append(fail("metadata-matches-file", path, QT_TRANSLATE_NOOP(
                "Errors", "{path} is in the item's folder but not in its metadata"),
                path=path))
            problems += 1
    if not problems:
        results.append(ok("metadata-matches-file", code))
        results.append(ok("has-original", code))
    return _t(root, ITEM_NS, "电子文件号")


def _format(bag: Bag, path: str, stated: str, decode: bool) -> list[Result]:
    try:
        return _format_of(bag, path, decode)
    except zipfile.BadZipFile:
        return []  # a ZIP entry failing its CRC: the digest pass has named it already


def _format_of(bag: Bag, path: str, decode: bool) -> list[Result]:
    with bag.reader.open(path) as f:
        head = f.read(64)
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


def _events(bag: Bag, results: list[Result]) -> set[str]:
    """Item ids with audit events; each event's own hash recomputed."""
    if EVENTS_XML not in bag.payload:
        return set()
    root = _xml(bag, EVENTS_XML, results)
    if root is None:
        return set()
    items: set[str] = set()
    bad = 0
    for ev in root.findall(f"{{{PKG_NS}}}event"):
        if event_hash(ev) != _t(ev, PKG_NS, "hash"):
            bad += 1
            continue
        item_id = _t(ev, PKG_NS, "item_id")
        if item_id:
            items.add(item_id)
    if bad:
        results.append(fail("process-log", EVENTS_XML, QT_TRANSLATE_NOOP(
            "Errors", "{count} audit event(s) do not match their recorded hash"), count=bad))
    return items


def _form(bag: Bag, digest: str, items: int) -> list[Result]:
    if FORM_XML not in bag.payload:
        return [fail("counts", FORM_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} is missing"), path=FORM_XML)]
    results: list[Result] = []
    root = _xml(bag, FORM_XML, results)
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


def _chain(bag: Bag, results: list[Result]) -> list[Result]:
    """The audit chain segment: unbroken, and tied to the anchors bag-info states."""
    if CHAIN_XML not in bag.payload:
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} is missing"), path=CHAIN_XML)]
    root = _xml(bag, CHAIN_XML, results)
    if root is None:
        return []
    head = f"{bag.info.get('Audit-Head-Count', '')} {bag.info.get('Audit-Head-Hash', '')}"
    start = bag.info.get("Previous-Audit-Head") or f"0 {GENESIS}"
    if (f"{root.get('to_count')} {root.get('to_hash')}" != head
            or f"{root.get('from_count')} {root.get('from_hash')}" != start):
        return [fail("audit-chain", CHAIN_XML, QT_TRANSLATE_NOOP(
            "Errors", "{path} does not run from {start} to {head} as bag-info.txt states"),
            path=CHAIN_XML, start=start, head=head)]
    return check_chain(root, CHAIN_XML)
