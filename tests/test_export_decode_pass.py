"""The decode pass: a verdict per SHA-256 after import, read by pre-flight instead of a
second decode; OFD, office files and PDF judged by structure; huge images decoded reduced."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from PIL import Image

from app.cli import main
from app.export import decode_judge
from app.export.decode_judge import judge
from app.export.decode_pass import run_decode_pass
from app.export.pipeline import preflight
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from tests.export_support import JPEGS, file_items, import_items


def _damaged_jpeg(repos: Repositories, incident: IncidentRecord) -> str:
    # Kept as received (a media handover stored byte for byte), cut short: the importer
    # refuses such a photo, so it is stored as a handover would be.
    data = JPEGS[0].read_bytes()
    return repos.items.ingest(incident.id, "photo", [NewFile(
        data[: len(data) * 2 // 3], original_name="handover.jpg", format="image/jpeg",
        suffix=".jpg")]).id


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every decode, by format (through the one function all of them go through)."""
    calls: list[str] = []
    real = decode_judge.judge

    def counting(mime: str, *args: Any, **kw: Any) -> decode_judge.Verdict:
        calls.append(mime)
        return real(mime, *args, **kw)

    monkeypatch.setattr(decode_judge, "judge", counting)
    return calls


def test_a_damaged_jpeg_is_judged_in_the_pass_and_preflight_does_not_decode_it_again(
        repos: Repositories, incident: IncidentRecord, counted: list[str]) -> None:
    damaged = _damaged_jpeg(repos, incident)
    good = import_items(repos, incident.id, JPEGS[:1])
    file_items(repos, [damaged, *good])

    report = run_decode_pass(repos.store)
    assert report.judged == 2 and len(counted) == 2
    [(vault_path, verdict, reason)] = report.findings
    assert verdict == "damaged" and reason
    item = repos.items.get(damaged)
    f = item.file("original")
    assert f is not None
    stored = repos.decode_verdicts.verdicts([f.sha256])[f.sha256]
    assert (stored.verdict, stored.decoder) == ("damaged", "Pillow")
    assert stored.decoder_version and stored.checked_at

    counted.clear()
    _source, _log, checked = preflight(repos, incident.id)
    assert counted == []  # every verdict came from the pass
    [warning] = checked.failed("decodes")
    assert warning.subject == item.archival_code and not warning.blocking
    assert "handover.jpg" in warning.text() and "does not decode" in warning.text()
    assert checked.passed  # a damaged original is a warning, never a block

    # A second pass has nothing left to judge; the verdicts are sealed archive facts.
    assert run_decode_pass(repos.store).judged == 0 and counted == []
    from app.store.integrity import check_store

    checked_store = check_store(repos.store)
    assert checked_store.ok, checked_store.findings


def test_preflight_judges_only_what_has_no_verdict_and_keeps_it(
        repos: Repositories, incident: IncidentRecord, counted: list[str]) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    first = repos.items.list(incident.id)[0]
    run_decode_pass(repos.store, item_ids=[first.id])
    assert len(counted) == 1
    preflight(repos, incident.id)
    assert len(counted) == 2  # the other photo only
    preflight(repos, incident.id)
    assert len(counted) == 2  # and its verdict was kept
    assert repos.decode_verdicts.pending_count() == 0


def test_the_command_line_import_runs_the_pass_and_decode_reports(
        repos: Repositories, incident: IncidentRecord, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = str(repos.store.root)
    assert main(["import", "--store", store, "--incident", incident.id, "--json",
                 str(JPEGS[1])]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["decode_judged"] == 1 and result["decode_findings"] == []
    _damaged_jpeg(repos, incident)
    assert main(["decode", "--store", store, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "1 file(s) judged" in out and "damaged:" in out


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _opener(data: bytes) -> Any:
    return lambda: io.BytesIO(data)


OFD_XML = (b'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/'
           b'2016" Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
           b'</ofd:DocBody></ofd:OFD>')
DOCX = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<document/>"}
ODT = {"mimetype": b"application/vnd.oasis.opendocument.text",
       "META-INF/manifest.xml": b"<manifest/>", "content.xml": b"<content/>"}


@pytest.mark.parametrize("mime, entries, verdict, words", [
    ("application/ofd", {"OFD.xml": OFD_XML, "Doc_0/Document.xml": b"<Document/>"}, "ok",
     "OFD"),
    ("application/ofd", {"OFD.xml": OFD_XML}, "damaged", "Doc_0/Document.xml is missing"),
    ("application/ofd", {"OFD.xml": b"<ofd:OFD"}, "damaged", "OFD.xml is not well-formed"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX, "ok",
     "OOXML"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     {k: v for k, v in DOCX.items() if k != "[Content_Types].xml"}, "undecodable",
     "no known document format"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     {k: v for k, v in DOCX.items() if k != "_rels/.rels"}, "damaged", "_rels/.rels"),
    ("application/vnd.oasis.opendocument.text", ODT, "ok", "ODF"),
    ("application/vnd.oasis.opendocument.text",
     {k: v for k, v in ODT.items() if k != "content.xml"}, "damaged", "content.xml"),
])
def test_containers_are_checked_by_structure(mime: str, entries: dict[str, bytes],
                                             verdict: str, words: str) -> None:
    v = judge(mime, _opener(_zip(entries)))
    assert (v.verdict, v.decoder) == (verdict, "zipfile")
    assert words in v.reason


def test_a_damaged_zip_entry_fails_its_crc() -> None:
    data = bytearray(_zip({"OFD.xml": OFD_XML, "Doc_0/Document.xml": b"<Document/>" * 50}))
    at = data.index(b"Doc_0/Document.xml") + len("Doc_0/Document.xml") + 3
    data[at] ^= 0xFF
    v = judge("application/ofd", _opener(bytes(data)))
    assert v.verdict == "damaged"


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="FieldArchive")
    return bytes(pdf.output())


def test_pdf_structure_is_read_with_pypdf() -> None:
    good = _pdf()
    v = judge("application/pdf", _opener(good))
    assert (v.verdict, v.decoder) == ("ok", "pypdf") and "1 page" in v.reason
    # A damaged content stream inside a complete-looking frame.
    start = good.index(b"stream\n") + len(b"stream\n")
    broken = good[:start] + b"\x00garbage" + good[start + 8:]
    assert judge("application/pdf", _opener(broken)).verdict == "damaged"
    assert judge("application/pdf", _opener(good[:-300])).verdict == "damaged"


def test_formats_nothing_here_reads_are_not_decodable_here() -> None:
    v = judge("application/msword", _opener(b"\xd0\xcf\x11\xe0" + b"\0" * 100))
    assert v.verdict == "undecodable"


def test_an_image_over_the_memory_budget_is_decoded_reduced_or_reported(
        tmp_path: Path) -> None:
    budget = 200 * 200 * 3  # far below what these images need
    jpeg, png = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (1600, 1200), "red").save(jpeg, "JPEG")
    Image.new("RGB", (1600, 1200), "red").save(png, "PNG")
    v = judge("image/jpeg", _opener(jpeg.getvalue()), budget)
    assert v.verdict == "ok" and "decoded reduced 1/8" in v.reason
    cut = jpeg.getvalue()[: len(jpeg.getvalue()) // 2]
    assert judge("image/jpeg", _opener(cut), budget).verdict == "damaged"
    v = judge("image/png", _opener(png.getvalue()), budget)
    assert v.verdict == "too-large" and "1600×1200" in v.reason


def test_ofd_and_office_files_in_preflight_and_verify(repos: Repositories,
                                                      incident: IncidentRecord,
                                                      tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.export.pipeline import export_incident
    from app.export.seal import Signer
    from app.export.verify import verify_package

    def document(data: bytes, name: str, mime: str) -> str:
        return repos.items.ingest(incident.id, "document", [NewFile(
            data, original_name=name, format=mime, suffix="." + name.rsplit(".", 1)[1])]).id

    good = document(_zip({"OFD.xml": OFD_XML, "Doc_0/Document.xml": b"<Document/>"}),
                    "通知.ofd", "application/ofd")
    broken = document(_zip({"OFD.xml": OFD_XML}), "报告.ofd", "application/ofd")
    legacy = document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧文件.doc",
                      "application/msword")
    codes = dict(zip((good, broken, legacy), file_items(repos, [good, broken, legacy]),
                     strict=True))
    _source, _log, checked = preflight(repos, incident.id)
    found = {r.subject: r for r in checked.failed("decodes")}
    assert set(found) == {codes[broken], codes[legacy]}
    assert "Doc_0/Document.xml is missing" in found[codes[broken]].text()
    assert "cannot be decoded here" in found[codes[legacy]].text()
    assert not any(r.blocking for r in found.values())  # warnings, with a reason to go on

    out = tmp_path / "out"
    out.mkdir()
    result = export_incident(repos, incident.id, out,
                             Signer(Ed25519PrivateKey.generate(), "李娜"),
                             accepted_warnings="kept as received from the unit")
    report = verify_package(result.paths[0])
    decoded = {r.subject.rsplit("/", 1)[-1]: r for r in report.results if r.check == "decodes"}
    assert decoded[f"{codes[good]}-001.ofd"].ok
    assert "Doc_0/Document.xml is missing" in decoded[f"{codes[broken]}-001.ofd"].text()
    assert not report.failed("bagit") and not report.failed("digests-match")
