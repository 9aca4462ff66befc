"""verify's BagIt layer (RFC 8493): declaration, manifests complete and valid, tag
manifests, Payload-Oxum, nothing unlisted. What it finds (the manifests, the digests it
computed, each file's first bytes) is kept in a ``Bag`` for the DA/T 93 checks."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.anchors import EventHashes
from app.export.layout import UNLISTED_TAG_FILES, decode_path
from app.export.package_reader import PackageReader, hidden, unsafe
from app.export.report import PACKAGE, Report, Result, fail, ok
from app.export.verify_digests import Digested, ProgressFn, digest_files

ALGORITHMS = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sm3"}


@dataclass
class Bag:
    """What the BagIt layer found, for the DA/T 93 checks to build on."""

    reader: PackageReader
    info: dict[str, str] = field(default_factory=dict)
    manifests: dict[str, dict[str, str]] = field(default_factory=dict)  # alg -> rel -> hex
    digested: dict[str, Digested] = field(default_factory=dict)  # rel -> digests, head
    payload: dict[str, int] = field(default_factory=dict)
    # Audit events hashed so far (the item events and the chain carry the same ones).
    event_hashes: EventHashes = field(default_factory=dict)

    def computed(self, rel: str) -> dict[str, str]:
        """The digests recomputed for ``rel`` (alg -> hex; empty when it was not read)."""
        d = self.digested.get(rel)
        return d.digests if d is not None else {}

    def read(self, rel: str) -> bytes:
        """The whole of ``rel``: as the digest pass kept it (handed over once, then let
        go), else read from the package."""
        d = self.digested.get(rel)
        if d is not None and d.data is not None:
            self.digested[rel] = replace(d, data=None)
            return d.data
        return self.reader.read(rel)

    def head(self, rel: str) -> bytes | None:
        """The first bytes of ``rel`` as the digest pass read them (None: not read)."""
        d = self.digested.get(rel)
        return d.head if d is not None else None


def tag_lines(data: bytes, encoding: str = "utf-8") -> list[str]:
    text = data.decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_tags(data: bytes, encoding: str) -> dict[str, str]:
    out: dict[str, str] = {}
    key = None
    for line in tag_lines(data, encoding):
        if line[:1] in (" ", "\t") and key is not None:
            out[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            out[key] = value.strip() if key not in out else out[key] + "\n" + value.strip()
    return out


def parse_manifest(reader: PackageReader, name: str, encoding: str,
                   results: list[Result]) -> dict[str, str] | None:
    entries: dict[str, str] = {}
    for n, line in enumerate(tag_lines(reader.read(name), encoding), 1):
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


def _top_level(reader: PackageReader, prefix: str) -> list[str]:
    return sorted(n for n in reader.files if "/" not in n
                  and n.startswith(prefix) and n.endswith(".txt"))


def check_bagit(reader: PackageReader, report: Report, bagit_only: bool,
                progress: ProgressFn | None, algorithms: set[str] | None = None
                ) -> Bag | None:
    results: list[Result] = []
    bag = Bag(reader)
    if "bagit.txt" not in reader.files:
        report.add([fail("bagit", "bagit.txt", QT_TRANSLATE_NOOP(
            "Errors", "bagit.txt is missing: this is not a BagIt bag"))])
        return None
    declaration = parse_tags(reader.read("bagit.txt"), "utf-8")
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
        bag.info = parse_tags(reader.read("bag-info.txt"), encoding)
    if "fetch.txt" in reader.files and reader.read("fetch.txt").strip():
        results.append(fail("bagit", "fetch.txt", QT_TRANSLATE_NOOP(
            "Errors", "fetch.txt lists files to download: the bag is not complete offline")))
    manifest_names = _top_level(reader, "manifest-")
    if not manifest_names:
        results.append(fail("bagit", PACKAGE, QT_TRANSLATE_NOOP(
            "Errors", "the bag has no payload manifest")))
    for name in manifest_names:
        alg = name[len("manifest-"):-len(".txt")]
        entries = parse_manifest(reader, name, encoding, results)
        if entries is None:
            continue
        if alg not in ALGORITHMS:
            results.append(fail("bagit", name, QT_TRANSLATE_NOOP(
                "Errors", "{file} uses an algorithm this program does not know; its "
                "digests were not checked"), required=False, file=name))
            continue
        bag.manifests[alg] = entries
    bag.payload = {r: s for r, s in reader.files.items() if r.startswith("data/")}
    _completeness(bag, results)
    # Validity: one read of each payload file feeds every algorithm.
    listed: set[str] = set()
    for entries in bag.manifests.values():
        listed.update(entries)
    wanted = sorted(listed.intersection(bag.payload))
    algs = set(bag.manifests) if algorithms is None else set(bag.manifests) & algorithms
    if algorithms is not None:
        report.notes["algorithms"] = ", ".join(sorted(algs)) or "none"
    bag.digested = digest_files(reader, wanted, algs, results, progress)
    for rel in wanted:
        d = bag.digested.get(rel)
        if d is None:
            continue
        bad = [a for a, e in bag.manifests.items()
               if a in algs and rel in e and e[rel] != d.digests[a]]
        if bad:
            results.append(fail("digests-match", rel, QT_TRANSLATE_NOOP(
                "Errors", "{path}: the {algorithm} digest differs from manifest-{algorithm}"
                ".txt (the file was changed)"), path=rel, algorithm=bad[0]))
        else:
            results.append(ok("digests-match", rel))
    tag_manifests = _top_level(reader, "tagmanifest-")
    tag_listed = _tag_manifests(reader, tag_manifests, encoding, results)
    _oxum(bag, results)
    if not bagit_only:
        if not tag_manifests:
            results.append(fail("bagit", PACKAGE, QT_TRANSLATE_NOOP(
                "Errors", "the bag has no tag manifest")))
        for rel in sorted(reader.files):
            if hidden(rel):
                results.append(fail("no-unlisted-files", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is a hidden or system file"), path=rel))
            elif (not rel.startswith("data/") and rel not in UNLISTED_TAG_FILES
                  and rel not in tag_listed and rel not in tag_manifests):
                results.append(fail("no-unlisted-files", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is a tag file no tag manifest lists"), path=rel))
    if not any(r.check == "bagit" and not r.ok for r in results):
        results.append(ok("bagit"))
    if not any(r.check == "no-unlisted-files" and not r.ok for r in results):
        results.append(ok("no-unlisted-files"))
    if not any(r.check == "no-path-escape" and not r.ok for r in [*results, *report.results]):
        results.append(ok("no-path-escape"))
    if reader.is_zip and not any(r.check == "zip-integrity" and not r.ok
                                 for r in [*results, *report.results]):
        results.append(ok("zip-integrity"))
    report.add(results)
    return bag


def _completeness(bag: Bag, results: list[Result]) -> None:
    """Every manifest lists every payload file, and nothing else."""
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


def _tag_manifests(reader: PackageReader, names: list[str], encoding: str,
                   results: list[Result]) -> set[str]:
    """Each tag manifest's files checked; returns every tag file some tag manifest lists."""
    listed: set[str] = set()
    for name in names:
        alg = name[len("tagmanifest-"):-len(".txt")]
        entries = parse_manifest(reader, name, encoding, results)
        if entries is None:
            continue
        listed.update(entries)
        if alg not in ALGORITHMS:
            continue
        present = sorted(r for r in entries if r in reader.files)
        digested = digest_files(reader, present, {alg}, results, None, workers=1)
        for rel, digest in sorted(entries.items()):
            if rel not in reader.files:
                results.append(fail("bagit", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is listed in {file} but missing from the bag"),
                    path=rel, file=name))
                continue
            got = digested.get(rel)
            if got is None or got.digests.get(alg) != digest:
                results.append(fail("digests-match", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path}: the {algorithm} digest differs from {file} (the tag "
                    "file was changed)"), path=rel, algorithm=alg, file=name))
            else:
                results.append(ok("digests-match", rel))
    return listed


def _oxum(bag: Bag, results: list[Result]) -> None:
    oxum = bag.info.get("Payload-Oxum")
    if oxum:
        expected = f"{sum(bag.payload.values())}.{len(bag.payload)}"
        if oxum != expected:
            results.append(fail("bagit", "bag-info.txt", QT_TRANSLATE_NOOP(
                "Errors", "Payload-Oxum in bag-info.txt says {stated}; the payload is "
                "{actual} (bytes.files)"), stated=oxum, actual=expected))
