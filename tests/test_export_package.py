"""The transfer package: exported from a real store, checked by the bagit library and by
verify, and single-point mutations each caught and named."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export.layout import SIGNATURE_FILE, key_fingerprint
from app.export.pipeline import ExportResult, export_incident
from app.export.report import Report
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.export_support import HEIC, JPEGS, file_items, import_items


@dataclass
class Exported:
    repos: Repositories
    incident: IncidentRecord
    signer: Signer
    result: ExportResult
    codes: list[str]

    @property
    def bag(self) -> Path:
        return self.result.paths[0]


def make_store(root: Path) -> tuple[Repositories, IncidentRecord]:
    store = Store.open(root / "store", create=True)
    repos = Repositories(store)
    inc = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109", number="EQ2025-01",
        org_code="YJB")
    return repos, inc


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    root = tmp_path_factory.mktemp("export")
    repos, inc = make_store(root)
    codes = file_items(repos, import_items(repos, inc.id, JPEGS[:3] + [HEIC]))
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    (root / "out").mkdir()
    result = export_incident(repos, inc.id, root / "out", signer)
    yield Exported(repos, inc, signer, result, codes)
    repos.store.close()


def failures(report: Report) -> list[str]:
    return [f"{r.check} {r.subject} {r.text()}" for r in report.blocking]


def test_the_bagit_library_and_verify_accept_the_package(exported: Exported) -> None:
    bag = bagit.Bag(str(exported.bag))
    bag.validate()  # raises BagValidationError on any problem
    assert bag.info["Bag-Group-Identifier"] == "Z109-EQ2025-01-001"
    assert bag.info["Fonds-Number"] == "Z109"
    report = verify_package(exported.bag, trusted_key=exported.signer.fingerprint)
    assert report.passed, failures(report)
    checked = {r.check for r in report.results}
    assert {"signature", "trusted-key", "digests-match", "decodes", "xml-valid",
            "catalogue-folders", "piece-gap-free", "counts"} <= checked


def test_the_layout_is_the_dat93_tree(exported: Exported) -> None:
    code = exported.codes[0]
    folder = exported.bag / "data" / "Z109" / "ZP" / code
    assert (folder / f"{code}.xml").is_file()
    assert (folder / f"{code}-001.jpg").is_file()
    heic = exported.bag / "data" / "Z109" / "ZP" / exported.codes[3]
    assert sorted(p.name for p in heic.iterdir()) == [
        f"{exported.codes[3]}-001-archival.jpg", f"{exported.codes[3]}-001.heic",
        f"{exported.codes[3]}.xml"]
    for rel in ("data/说明文件.TXT", "data/目录文件.XML", "data/其他/schemas/item.xsd",
                "data/其他/事件.xml", "data/其他/审计事件.xml", "data/其他/四性检测报告.xml",
                "data/其他/归档范围和保管期限表.pdf", "data/其他/审计链.xml",
                "data/其他/交接信息/电子档案移交与接收登记表.pdf", "manifest-sm3.txt"):
        assert (exported.bag / rel).is_file(), rel
    # The originals are bit-identical to the store's.
    for item_id in exported.result.batch.item_ids:
        item = exported.repos.items.get(item_id)
        stored = item.file("original")
        assert stored is not None and item.archival_code is not None
        packaged = next((exported.bag / "data" / "Z109" / "ZP" / item.archival_code)
                        .glob(f"{item.archival_code}-001.*"))
        assert hashlib.sha256(packaged.read_bytes()).hexdigest() == stored.sha256
    # The signature and key sit outside what the tag manifest lists.
    tagmanifest = (exported.bag / "tagmanifest-sha256.txt").read_text("utf-8")
    assert SIGNATURE_FILE not in tagmanifest and "bag-info.txt" in tagmanifest
    info = (exported.bag / "bag-info.txt").read_text("utf-8")
    assert "Audit-Head-Count: " in info and "Audit-Head-Hash: " in info


def test_the_items_are_marked_transferred_with_the_batch(exported: Exported) -> None:
    batch = exported.result.batch
    assert batch.status == "done" and batch.item_count == 4
    for item_id in batch.item_ids:
        assert exported.repos.items.get(item_id).state == "transferred"
    history = exported.repos.transfers.history(exported.incident.id)
    assert [b.number for b in history] == [1]
    assert history[0].fingerprint == exported.signer.fingerprint


def _flip(path: Path, offset: int = -10) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _payload_jpg(bag: Path) -> Path:
    return sorted((bag / "data" / "Z109" / "ZP").glob("*/*-001.jpg"))[0]


def _item_xml(bag: Path) -> Path:
    return sorted((bag / "data" / "Z109" / "ZP").glob("*/*.xml"))[0]


def _resign(bag: Path) -> None:
    """Replace the signature with a valid one by another key (a forger's)."""
    import base64

    other = Ed25519PrivateKey.generate()
    sig = other.sign((bag / "tagmanifest-sha256.txt").read_bytes())
    lines = []
    for line in (bag / SIGNATURE_FILE).read_text("utf-8").splitlines():
        if line.startswith("Signature: "):
            line = f"Signature: {base64.b64encode(sig).decode()}"
        lines.append(line)
    (bag / SIGNATURE_FILE).write_text("\n".join(lines) + "\n", "utf-8")


MUTATIONS = {
    "payload byte": (lambda b: _flip(_payload_jpg(b)), lambda b: _payload_jpg(b).name),
    "metadata XML byte": (lambda b: _flip(_item_xml(b), 60), lambda b: _item_xml(b).name),
    "manifest byte": (lambda b: _flip(b / "manifest-sha256.txt", 3),
                      lambda b: "manifest-sha256.txt"),
    "bag-info byte": (lambda b: _flip(b / "bag-info.txt", 5), lambda b: "bag-info.txt"),
    "added file": (lambda b: (b / "data" / "extra.txt").write_text("x"),
                   lambda b: "data/extra.txt"),
    "removed file": (lambda b: _payload_jpg(b).unlink(), lambda b: "-001.jpg"),
    "renamed file": (lambda b: _payload_jpg(b).rename(_payload_jpg(b).with_suffix(".jpeg")),
                     lambda b: ".jpeg"),
    "replaced signature": (_resign, lambda b: SIGNATURE_FILE),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_a_single_point_mutation_fails_and_is_named(exported: Exported, tmp_path: Path,
                                                   mutation: str) -> None:
    bag = tmp_path / exported.bag.name
    shutil.copytree(exported.bag, bag)
    change, place = MUTATIONS[mutation]
    where = place(bag)
    change(bag)
    report = verify_package(bag, decode=False)
    assert not report.passed
    assert any(where in f for f in failures(report)), failures(report)


def test_a_hidden_file_and_a_symlink_are_refused(exported: Exported, tmp_path: Path) -> None:
    bag = tmp_path / exported.bag.name
    shutil.copytree(exported.bag, bag)
    (bag / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (bag / "data" / "link").symlink_to("/etc/passwd")
    report = verify_package(bag, decode=False)
    bad = failures(report)
    assert any(".DS_Store" in f and f.startswith("no-unlisted-files") for f in bad), bad
    assert any("data/link" in f and f.startswith("no-path-escape") for f in bad), bad


def test_a_manifest_path_leaving_the_bag_is_never_opened(exported: Exported,
                                                         tmp_path: Path) -> None:
    bag = tmp_path / exported.bag.name
    shutil.copytree(exported.bag, bag)
    with open(bag / "manifest-sha256.txt", "a", encoding="utf-8") as f:
        f.write(f"{'0' * 64}  data/../../secret.txt\n")
    report = verify_package(bag, decode=False)
    assert any(f.startswith("no-path-escape data/../../secret.txt")
               for f in failures(report)), failures(report)


def test_another_trusted_key_fails_naming_both(exported: Exported) -> None:
    other = key_fingerprint(b"\x01" * 32)
    report = verify_package(exported.bag, trusted_key=other, decode=False)
    [bad] = report.failed("trusted-key")
    assert other in bad.text() and exported.signer.fingerprint in bad.text()
    assert not report.passed


def test_the_registration_form_states_counts_volume_and_digest(exported: Exported) -> None:
    pdf = exported.bag / "data" / "其他" / "交接信息" / "电子档案移交与接收登记表.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    info = (exported.bag / "bag-info.txt").read_text("utf-8")
    digest = next(line.split(": ")[1] for line in info.splitlines()
                  if line.startswith("Payload-Digest-SHA256"))
    covered = sum(p.stat().st_size for p in (exported.bag / "data").rglob("*")
                  if p.is_file() and "交接信息" not in p.parts)
    assert "4 件" in text
    assert f"{covered / 1024 ** 3:.3f} GB" in text
    assert digest in text.replace(" ", "").replace("\n", "") or digest in text
    assert exported.signer.fingerprint[:32] in text.replace("\n", "")
    assert "审核人" in text and "李娜" in text and "填表人" in text


def test_bagit_only_judges_a_bag_from_another_tool(tmp_path: Path) -> None:
    src = tmp_path / "bag"
    src.mkdir()
    shutil.copy(JPEGS[0], src / "photo.jpg")
    (src / ".hidden").write_text("listed like any payload file")
    bagit.make_bag(str(src), checksums=["sha256"])
    assert verify_package(src, bagit_only=True).passed
    (src / "data" / "stray.txt").write_text("not in the manifest")
    report = verify_package(src, bagit_only=True)
    assert any("data/stray.txt" in f for f in failures(report))


def test_the_zip_variant_verifies_the_same(tmp_path: Path) -> None:
    repos, inc = make_store(tmp_path)
    file_items(repos, import_items(repos, inc.id, JPEGS[:2]))
    (tmp_path / "out").mkdir()
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    result = export_incident(repos, inc.id, tmp_path / "out", signer, as_zip=True)
    [path] = result.paths
    assert path.name == "Z109-EQ2025-01-001.zip"
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        assert any("说明文件" in i.filename and i.flag_bits & 0x800 for i in infos)
        assert all(i.filename.startswith("Z109-EQ2025-01-001/") for i in infos)
    report = verify_package(path, trusted_key=signer.fingerprint)
    assert report.passed, failures(report)
    # A changed byte inside an entry: its CRC (and digest) catch it.
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        jpg = next(i for i in zf.infolist() if i.filename.endswith("-001.jpg"))
    data[jpg.header_offset + 30 + len(jpg.filename.encode()) + 100] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    report = verify_package(bad, decode=False)
    assert any(jpg.filename.split("/", 1)[1] in f for f in failures(report)), failures(report)
    repos.store.close()


def test_a_zip_with_an_entry_outside_its_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        zf.writestr("pkg/../../evil.txt", "x")
    report = verify_package(path, decode=False)
    assert not report.passed
    assert any("evil.txt" in f for f in failures(report)), failures(report)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_the_report_says_each_failure_in_chinese_and_english(exported: Exported,
                                                             tmp_path: Path) -> None:
    bag = tmp_path / exported.bag.name
    shutil.copytree(exported.bag, bag)
    _flip(_payload_jpg(bag))
    report = verify_package(bag, decode=False)
    zh, en = report.to_text("zh"), report.to_text("en")
    name = _payload_jpg(bag).name
    assert "结论：不通过" in zh and "摘要与 manifest-sha256.txt 不符（文件已被改动）" in zh
    assert "Result: FAIL" in en and "digest differs from manifest-sha256.txt" in en
    assert name in zh and name in en
    assert "YJ-1-1" in zh  # the DA/T 70-2018 item each check implements
    xml = report.to_xml()
    from lxml import etree

    root = etree.fromstring(xml)
    assert root.get("result") == "fail"
    failed = root.findall(".//{urn:fieldarchive:checkreport:1}result[@outcome='fail']")
    assert any(name in (r.get("subject") or "") for r in failed)


def test_verify_needs_nothing_from_the_store(exported: Exported) -> None:
    code = ("import sys; from pathlib import Path; from app.export.verify import "
            "verify_package; r = verify_package(Path(sys.argv[1]), decode=False); "
            "bad = sorted(m for m in sys.modules if m.startswith(('app.store', 'PySide6'))); "
            "print(r.passed, bad)")
    out = subprocess.run([sys.executable, "-c", code, str(exported.bag)], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "True []"


def test_zip_bombs_are_refused_before_anything_is_read(tmp_path: Path) -> None:
    """A deflated entry that would expand a thousandfold, and a stored entry whose central
    directory claims more than its data: both refused from the directory alone."""
    deflated = tmp_path / "deflated.zip"
    with zipfile.ZipFile(deflated, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        zf.writestr("pkg/data/zeros.bin", b"\0" * (20 * 1024 * 1024))
    assert deflated.stat().st_size < 1024 * 1024
    report = verify_package(deflated, decode=False)
    assert any(f.startswith("no-compression data/zeros.bin") for f in failures(report))
    lying = tmp_path / "lying.zip"
    with zipfile.ZipFile(lying, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("pkg/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        zf.writestr("pkg/data/small.bin", b"x" * 100)
    data = bytearray(lying.read_bytes())
    cd = data.rfind(b"PK\x01\x02")  # the last central-directory entry: small.bin
    data[cd + 24:cd + 28] = (0xFFFFFF00).to_bytes(4, "little")  # uncompressed size
    lying.write_bytes(bytes(data))
    report = verify_package(lying, decode=False)
    assert not report.passed
    assert any("small.bin" in f for f in failures(report)), failures(report)


def test_verify_with_one_algorithm(exported: Exported, tmp_path: Path) -> None:
    for algs in ({"sha256"}, {"sm3"}):
        assert verify_package(exported.bag, decode=False, algorithms=algs).passed
    bag = tmp_path / exported.bag.name
    shutil.copytree(exported.bag, bag)
    _flip(_payload_jpg(bag))
    report = verify_package(bag, decode=False, algorithms={"sm3"})
    assert any("sm3 digest differs" in f for f in failures(report)), failures(report)


def test_verify_progress_gives_the_checks_their_share(exported: Exported) -> None:
    """The bar moves through the digest pass, then through the checks after it, and ends
    full: it does not sit at 100% while the DA/T 93 checks run."""
    for decode in (False, True):
        seen: list[tuple[str, int, int]] = []
        report = verify_package(exported.bag, decode=decode,
                                progress=lambda *a: seen.append(a))  # noqa: B023
        assert report.passed
        stages = [s for s, _d, _t in seen]
        assert "digest" in stages and "checks" in stages
        assert stages.index("checks") > max(i for i, s in enumerate(stages) if s == "digest")
        assert len({t for _s, _d, t in seen}) == 1  # one scale throughout
        done = [d for _s, d, _t in seen]
        assert done == sorted(done)
        total = seen[-1][2]
        last_digest = max(d for s, d, _t in seen if s == "digest")
        assert last_digest < total  # the checks have a share left after hashing
        assert done[-1] == total
