"""Formats are told by content: documents as received, RAW families, odd containers."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from app.capture import sniff
from app.capture.importer import import_files
from app.store.records import IncidentRecord
from app.store.repositories import Repositories


def make_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Handover note 2025-07-23")
    pdf.output(str(path))
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def make_ofd(path: Path) -> Path:
    return make_zip(path, {"OFD.xml": b'<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.'
                                      b'ofdspec.org/2016" Version="1.0"/>',
                           "Doc_0/Document.xml": b"<ofd:Document/>"})


def make_docx(path: Path) -> Path:
    return make_zip(path, {"[Content_Types].xml": b"<Types/>",
                           "word/document.xml": b"<w:document/>"})


def make_odt(path: Path) -> Path:
    return make_zip(path, {"mimetype": b"application/vnd.oasis.opendocument.text",
                           "content.xml": b"<office:document-content/>"})


def test_documents_are_stored_as_received(tmp_path: Path, repos: Repositories,
                                          incident: IncidentRecord) -> None:
    folder = tmp_path / "handover"
    folder.mkdir()
    make_pdf(folder / "移交清单.pdf")
    make_ofd(folder / "通报.ofd")
    make_docx(folder / "总结.docx")
    make_odt(folder / "会议纪要.odt")
    (folder / "说明.txt").write_text("媒体移交说明\n共 12 件\n", encoding="utf-8")
    make_zip(folder / "bundle.zip", {"a.txt": b"x"})  # a plain archive is not a document

    report = import_files(repos, incident.id, [folder], source_channel="media",
                          provenance={"organisation": "内蒙古日报社",
                                      "handover_date": "2025-07-23",
                                      "document_number": "内日移〔2025〕3号"})

    formats = {}
    for i in report.imported:
        item = repos.items.get(i.item_id)
        original = item.file("original")
        assert original is not None
        assert item.kind == "document" and item.category == "WS"
        assert item.creator == "内蒙古日报社"
        with repos.items.open_file(original.vault_path) as f:
            assert f.read() == i.path.read_bytes()
        formats[i.path.name] = (original.format, original.format_version)
    assert formats == {
        "移交清单.pdf": ("application/pdf", "1.3"),
        "通报.ofd": ("application/ofd", ""),
        "总结.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml"
                    ".document", ""),
        "会议纪要.odt": ("application/vnd.oasis.opendocument.text", ""),
    }
    assert [(f.path.name, f.code) for f in report.failed] == [
        ("bundle.zip", "unsupported-format")]
    # Plain text inside a folder is not an archival format: listed as skipped, with why.
    assert [(s.path.name, s.reason) for s in report.skipped] == [
        ("说明.txt", "plain text, not an archival format; add it by name to keep it as a "
                    "document")]
    # Given by name it is a deliberate choice, and kept as a document.
    named = import_files(repos, incident.id, [folder / "说明.txt"])
    item = repos.items.get(named.imported[0].item_id)
    assert item.kind == "document" and item.file("original").format == "text/plain"


def test_a_camera_cards_notes_are_skipped_with_the_reason(
        tmp_path: Path, repos: Repositories, incident: IncidentRecord) -> None:
    from tests.conftest import DATA

    card = tmp_path / "card"
    card.mkdir()
    for name in ("README.md", "SOURCE-README.rst"):
        (card / name).write_bytes((DATA / "camera-samples" / name).read_bytes())
    (card / "IMG_0001.jpg").write_bytes(
        (DATA / "camera-samples" / "jpg" / "Canon_40D.jpg").read_bytes())
    report = import_files(repos, incident.id, [card])
    assert [i.path.name for i in report.imported] == ["IMG_0001.jpg"]
    assert sorted(s.path.name for s in report.skipped) == ["README.md", "SOURCE-README.rst"]
    assert all("not an archival format" in s.reason for s in report.skipped)


def tiff_head(make: str, *, subifds: bool = True, dng: bool = False,
              reduced: bool = True) -> bytes:
    """A little-endian TIFF header whose IFD0 has Make (and SubIFDs / DNGVersion)."""
    entries = []
    make_bytes = make.encode() + b"\x00"
    data_at = 8 + 2 + 12 * 4 + 4
    entries.append(struct.pack("<HHII", 0x00FE, 4, 1, int(reduced)))  # 1: reduced image
    entries.append(struct.pack("<HHII", 0x010F, 2, len(make_bytes), data_at))
    if subifds:
        entries.append(struct.pack("<HHII", 0x014A, 4, 1, 0))
    if dng:
        entries.append(struct.pack("<HHI4s", 0xC612, 1, 4, b"\x01\x04\x00\x00"))
    while len(entries) < 4:
        entries.append(struct.pack("<HHII", 0x0131, 2, 1, 0))
    return (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(entries))
            + b"".join(entries) + b"\x00" * 4 + make_bytes)


@pytest.mark.parametrize("head, mime", [
    (tiff_head("NIKON CORPORATION"), "image/x-nikon-nef"),
    (tiff_head("SONY"), "image/x-sony-arw"),
    (tiff_head("PENTAX Corporation"), "image/x-pentax-pef"),
    (tiff_head("Canon", dng=True), "image/x-adobe-dng"),
    (tiff_head("NIKON CORPORATION", subifds=False, reduced=False), "image/tiff"),
    (b"II*\x00\x10\x00\x00\x00CR\x02\x00" + b"\x00" * 64, "image/x-canon-cr2"),
    (b"IIRO\x08\x00\x00\x00" + b"\x00" * 64, "image/x-olympus-orf"),
    (b"IIU\x00\x08\x00\x00\x00" + b"\x00" * 64, "image/x-panasonic-rw2"),
    (b"FUJIFILMCCD-RAW 0201FF383501" + b"\x00" * 64, "image/x-fuji-raf"),
    (b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom", "image/x-canon-cr3"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
    (b"\x00\x00\x00\x1cftypqt  \x00\x00\x02\x00qt  \x00\x00\x00\x00", "video/quicktime"),
    (b"\x00\x00\x00\x1cftyp3gp4\x00\x00\x00\x00isom3gp4", "video/3gpp"),
    (b"#!AMR-WB\n" + b"\x00" * 32, "audio/amr-wb"),
    (b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 32, "audio/aac"),
    (b"\xff\xfb\x90\x64" + b"\x00" * 32, "audio/mpeg"),
    (bytes([0x47] + [0] * 187) * 4, "video/mp2t"),
    (sniff.ASF_GUID + b"\x00" * 32, "video/x-ms-asf"),
    (b"RIFF\x24\x00\x00\x00AVI LIST", "video/x-msvideo"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
    (b"{\\rtf1\\ansi hello}", "application/rtf"),
])
def test_formats_are_told_by_their_first_bytes(head: bytes, mime: str) -> None:
    found = sniff.identify_head(head)
    assert found is not None and found.mime == mime


@pytest.mark.parametrize("head", [b"\x00" * 64, b"MZ\x90\x00\x03\x00\x00\x00", b"\x7fELF\x02",
                                  b"Rar!\x1a\x07\x00"])
def test_other_content_is_not_taken(head: bytes) -> None:
    assert sniff.identify_head(head) is None


def test_raw_photo_without_a_decoder_is_kept_as_received(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    raf = tmp_path / "DSCF0001.RAF"
    raf.write_bytes(b"FUJIFILMCCD-RAW 0201FF383501" + bytes(range(256)) * 40)

    report = import_files(repos, incident.id, [raf])

    assert not report.failed, report.failed
    item = repos.items.get(report.imported[0].item_id)
    original = item.file("original")
    assert item.kind == "photo" and original is not None
    assert original.format == "image/x-fuji-raf" and original.vault_path.endswith(".raf")
    assert item.file("thumbnail") is None
    assert "kept as received" in " ".join(item.technical["warnings"])
