"""Identify a file's format from its content (magic numbers and container structure).

The extension is never trusted: a ``.jpg`` that holds WAV audio is audio. Containers that can
hold either sound or pictures (MP4/MOV, Matroska, Ogg, ASF, MPEG) get the kind ``media``;
probing their streams decides between audio and video.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_SIZE = 64 * 1024


@dataclass(frozen=True)
class FileFormat:
    kind: str  # photo | audio | video | document | media (audio or video: probe decides)
    mime: str
    ext: str  # suffix for the vault copy, e.g. ".jpg"
    name: str  # for people, e.g. "JPEG", "Nikon NEF (RAW)"
    decodable: bool = True  # photos: we expect to decode it (RAW and AVIF are kept as is)

    @property
    def is_raw(self) -> bool:
        return self.kind == "photo" and not self.decodable


def _fmt(kind: str, mime: str, ext: str, name: str, decodable: bool = True) -> FileFormat:
    return FileFormat(kind, mime, ext, name, decodable)


JPEG = _fmt("photo", "image/jpeg", ".jpg", "JPEG")
PNG = _fmt("photo", "image/png", ".png", "PNG")
GIF = _fmt("photo", "image/gif", ".gif", "GIF")
WEBP = _fmt("photo", "image/webp", ".webp", "WebP")
BMP = _fmt("photo", "image/bmp", ".bmp", "BMP")
TIFF = _fmt("photo", "image/tiff", ".tif", "TIFF")
HEIC = _fmt("photo", "image/heic", ".heic", "HEIC")
HEIF = _fmt("photo", "image/heif", ".heif", "HEIF")
AVIF = _fmt("photo", "image/avif", ".avif", "AVIF", decodable=False)
WAV = _fmt("audio", "audio/wav", ".wav", "WAV")
AIFF = _fmt("audio", "audio/aiff", ".aif", "AIFF")
FLAC = _fmt("audio", "audio/flac", ".flac", "FLAC")
MP3 = _fmt("audio", "audio/mpeg", ".mp3", "MP3")
AAC = _fmt("audio", "audio/aac", ".aac", "AAC (ADTS)")
AMR = _fmt("audio", "audio/amr", ".amr", "AMR")
AMR_WB = _fmt("audio", "audio/amr-wb", ".awb", "AMR-WB")
OGG_OPUS = _fmt("audio", "audio/ogg", ".opus", "Ogg Opus")
OGG_VORBIS = _fmt("audio", "audio/ogg", ".ogg", "Ogg Vorbis")
OGG_FLAC = _fmt("audio", "audio/ogg", ".oga", "Ogg FLAC")
OGG = _fmt("media", "video/ogg", ".ogv", "Ogg")
M4A = _fmt("media", "audio/mp4", ".m4a", "MPEG-4 audio")
MP4 = _fmt("media", "video/mp4", ".mp4", "MPEG-4")
MOV = _fmt("media", "video/quicktime", ".mov", "QuickTime")
THREE_GP = _fmt("media", "video/3gpp", ".3gp", "3GPP")
MKV = _fmt("media", "video/x-matroska", ".mkv", "Matroska")
WEBM = _fmt("media", "video/webm", ".webm", "WebM")
AVI = _fmt("video", "video/x-msvideo", ".avi", "AVI")
MPEG_PS = _fmt("media", "video/mpeg", ".mpg", "MPEG program stream")
MPEG_VIDEO = _fmt("video", "video/mpeg", ".m2v", "MPEG video")
MPEG_TS = _fmt("media", "video/mp2t", ".ts", "MPEG transport stream")
M2TS = _fmt("media", "video/mp2t", ".m2ts", "MPEG-2 TS (AVCHD)")
ASF = _fmt("media", "video/x-ms-asf", ".asf", "ASF (Windows Media)")
FLV = _fmt("media", "video/x-flv", ".flv", "Flash video")
PDF = _fmt("document", "application/pdf", ".pdf", "PDF")
OFD = _fmt("document", "application/ofd", ".ofd", "OFD")
DOCX = _fmt("document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx", "Word document")
XLSX = _fmt("document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx", "Excel workbook")
PPTX = _fmt("document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".pptx", "PowerPoint presentation")
DOC = _fmt("document", "application/msword", ".doc", "Word 97-2003 document")
XLS = _fmt("document", "application/vnd.ms-excel", ".xls", "Excel 97-2003 workbook")
PPT = _fmt("document", "application/vnd.ms-powerpoint", ".ppt", "PowerPoint 97-2003")
WPS = _fmt("document", "application/vnd.ms-works", ".wps", "WPS/Works document")
OLE = _fmt("document", "application/x-ole-storage", ".ole", "OLE compound document")
RTF = _fmt("document", "application/rtf", ".rtf", "RTF")
TEXT = _fmt("document", "text/plain", ".txt", "plain text")

ODF_EXT = {
    "application/vnd.oasis.opendocument.text": (".odt", "OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods", "OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.presentation": (".odp", "OpenDocument presentation"),
}

# TIFF-based RAW files, told apart by the camera maker in IFD0.
RAW_BY_MAKE = {
    "NIKON": ("image/x-nikon-nef", ".nef", "Nikon NEF (RAW)"),
    "SONY": ("image/x-sony-arw", ".arw", "Sony ARW (RAW)"),
    "PENTAX": ("image/x-pentax-pef", ".pef", "Pentax PEF (RAW)"),
    "RICOH": ("image/x-pentax-pef", ".pef", "Pentax PEF (RAW)"),
    "CANON": ("image/x-canon-cr2", ".cr2", "Canon CR2 (RAW)"),
    "SAMSUNG": ("image/x-samsung-srw", ".srw", "Samsung SRW (RAW)"),
    "LEICA": ("image/x-adobe-dng", ".dng", "Leica RAW"),
    "HASSELBLAD": ("image/x-hasselblad-3fr", ".3fr", "Hasselblad RAW"),
}
DNG = _fmt("photo", "image/x-adobe-dng", ".dng", "DNG (RAW)", decodable=False)
CR3 = _fmt("photo", "image/x-canon-cr3", ".cr3", "Canon CR3 (RAW)", decodable=False)
ORF = _fmt("photo", "image/x-olympus-orf", ".orf", "Olympus ORF (RAW)", decodable=False)
RW2 = _fmt("photo", "image/x-panasonic-rw2", ".rw2", "Panasonic RW2 (RAW)", decodable=False)
RAF = _fmt("photo", "image/x-fuji-raf", ".raf", "Fujifilm RAF (RAW)", decodable=False)

HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
ASF_GUID = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def identify(path: Path) -> FileFormat | None:
    """The format of the file at ``path`` from its content; None when not one we accept."""
    with open(path, "rb") as f:
        head = f.read(HEAD_SIZE)
    if head.startswith(b"PK\x03\x04"):
        return _identify_zip(path)
    if head.startswith(OLE_MAGIC):
        return _identify_ole(path)
    return identify_head(head)


def identify_head(head: bytes) -> FileFormat | None:
    """As ``identify`` from the first bytes only (ZIP and OLE documents need the whole file)."""
    for check in (_image, _riff_and_iff, _iso_bmff, _audio, _video, _document):
        found = check(head)
        if found is not None:
            return found
    return None


def _image(head: bytes) -> FileFormat | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head.startswith(b"BM") and len(head) > 26 and head[14] in (12, 40, 56, 64, 108, 124):
        return BMP
    if head[:4] in (b"IIRO", b"IIRS", b"MMOR"):
        return ORF
    if head.startswith(b"IIU\x00"):
        return RW2
    if head.startswith(b"FUJIFILMCCD-RAW"):
        return RAF
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return _tiff_family(head)
    return None


def _tiff_family(head: bytes) -> FileFormat:
    if head[8:10] == b"CR":
        return _fmt("photo", "image/x-canon-cr2", ".cr2", "Canon CR2 (RAW)", decodable=False)
    tags = _ifd0_tags(head)
    if 0xC612 in tags:  # DNGVersion
        return DNG
    make = tags.get(0x010F, "").upper()
    # A camera TIFF with reduced-resolution IFD0 and sub-IFDs is the RAW layout.
    if make and (0x014A in tags or tags.get(0x00FE) == "1"):
        for maker, (mime, ext, name) in RAW_BY_MAKE.items():
            if make.startswith(maker):
                return _fmt("photo", mime, ext, name, decodable=False)
    return TIFF


def _ifd0_tags(head: bytes) -> dict[int, str]:
    """Tag ids of IFD0 (with Make and NewSubfileType values) from a classic TIFF header."""
    order = "<" if head[:2] == b"II" else ">"
    if head[2:4] not in (b"*\x00", b"\x00*") or len(head) < 8:
        return {}
    (offset,) = struct.unpack(order + "I", head[4:8])
    if offset + 2 > len(head):
        return {}
    (count,) = struct.unpack(order + "H", head[offset:offset + 2])
    tags: dict[int, str] = {}
    for i in range(min(count, 500)):
        pos = offset + 2 + 12 * i
        if pos + 12 > len(head):
            break
        tag, typ, n, value = struct.unpack(order + "HHI4s", head[pos:pos + 12])
        text = ""
        if tag == 0x010F and typ == 2:
            (at,) = struct.unpack(order + "I", value)
            raw = value[:n] if n <= 4 else head[at:at + n]
            text = raw.split(b"\x00")[0].decode("latin-1").strip()
        elif tag == 0x00FE:
            text = str(struct.unpack(order + "I", value)[0] if typ == 4 else
                       struct.unpack(order + "H", value[:2])[0])
        tags[tag] = text
    return tags


def _riff_and_iff(head: bytes) -> FileFormat | None:
    if head[:4] in (b"RIFF", b"RF64", b"BW64"):
        form = head[8:12]
        if form == b"WAVE":
            return WAV
        if form == b"AVI ":
            return AVI
        if form == b"WEBP":
            return WEBP
    if head.startswith(b"FORM") and head[8:12] in (b"AIFF", b"AIFC"):
        return AIFF
    return None


def _iso_bmff(head: bytes) -> FileFormat | None:
    box = head[4:8]
    if box == b"ftyp":
        (size,) = struct.unpack(">I", head[:4])
        major = head[8:12]
        brands = {major} | {head[i:i + 4] for i in range(16, min(size, 256, len(head)), 4)}
        if major in (b"heic", b"heix") or (major == b"mif1" and brands & {b"heic", b"heix"}):
            return HEIC
        if major == b"avif" or (major in (b"mif1", b"msf1") and b"avif" in brands):
            return AVIF
        if major in HEIF_BRANDS | {b"mif1", b"msf1"}:
            return HEIF
        if major == b"crx ":
            return CR3
        if major == b"qt  ":
            return MOV
        if major in (b"M4A ", b"M4B ", b"M4P ", b"F4A "):
            return M4A
        if major.startswith((b"3gp", b"3g2", b"3ge", b"3gg")):
            return THREE_GP
        return MP4
    if box in (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return MOV  # old QuickTime files without an ftyp box
    return None


def _audio(head: bytes) -> FileFormat | None:
    if head.startswith(b"fLaC"):
        return FLAC
    if head.startswith(b"#!AMR-WB\n"):
        return AMR_WB
    if head.startswith(b"#!AMR\n"):
        return AMR
    if head.startswith(b"OggS"):
        page = head[:4096]
        if b"OpusHead" in page:
            return OGG_OPUS
        if b"\x01vorbis" in page:
            return OGG_VORBIS
        if b"\x7fFLAC" in page:
            return OGG_FLAC
        return OGG
    if head.startswith(b"ID3"):
        return MP3
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:
        layer = (head[1] >> 1) & 0x3
        if layer == 0 and (head[1] & 0xF6) == 0xF0:
            return AAC
        if layer != 0 and (head[1] >> 3) & 0x3 != 1 and len(head) > 2 and head[2] >> 4 != 0xF:
            return MP3
    return None


def _video(head: bytes) -> FileFormat | None:
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM if b"webm" in head[:64] else MKV
    if head.startswith(b"\x00\x00\x01\xba"):
        return MPEG_PS
    if head.startswith(b"\x00\x00\x01\xb3"):
        return MPEG_VIDEO
    if len(head) >= 3 * 188 and all(head[i] == 0x47 for i in (0, 188, 376)):
        return MPEG_TS
    if len(head) >= 3 * 192 and all(head[i] == 0x47 for i in (4, 196, 388)):
        return M2TS
    if head.startswith(ASF_GUID):
        return ASF
    if head.startswith(b"FLV\x01"):
        return FLV
    return None


def _document(head: bytes) -> FileFormat | None:
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"{\\rtf"):
        return RTF
    return _text(head)


def _text(head: bytes) -> FileFormat | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head[2:len(head) - len(head) % 2].decode("utf-16")
            return TEXT
        except UnicodeDecodeError:
            return None
    if b"\x00" in head:
        return None
    sample = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as err:
        # A multi-byte character cut by the end of the head is still text.
        if err.start < len(sample) - 4:
            return None
        text = sample[:err.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return TEXT if text and controls == 0 else None


def _identify_zip(path: Path) -> FileFormat | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                mime = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mime in ODF_EXT:
                    ext, name = ODF_EXT[mime]
                    return _fmt("document", mime, ext, name)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return OFD
    if "[Content_Types].xml" in names:
        prefixes = {n.split("/", 1)[0] for n in names}
        if "word" in prefixes:
            return DOCX
        if "xl" in prefixes:
            return XLSX
        if "ppt" in prefixes:
            return PPTX
    return None


def _identify_ole(path: Path) -> FileFormat:
    """Tell Word, Excel and PowerPoint apart by their main stream's name."""
    names = set(ole_stream_names(path))
    if "WordDocument" in names:
        return DOC
    if names & {"Workbook", "Book"}:
        return XLS
    if "PowerPoint Document" in names:
        return PPT
    if "Contents" in names or "MatOST" in names:
        return WPS
    return OLE


def ole_stream_names(path: Path, limit: int = 4096) -> list[str]:
    """Names in an OLE compound file's directory (following the FAT chain from the header)."""
    try:
        with open(path, "rb") as f:
            header = f.read(512)
            if len(header) < 512 or not header.startswith(OLE_MAGIC):
                return []
            sector_size = 1 << struct.unpack("<H", header[30:32])[0]
            if sector_size not in (512, 4096):
                return []
            first_dir = struct.unpack("<I", header[48:52])[0]
            fat_sectors = [s for s in struct.unpack("<109I", header[76:512]) if s < 0xFFFFFFFA]

            def read_sector(n: int) -> bytes:
                f.seek((n + 1) * sector_size)
                return f.read(sector_size)

            fat: list[int] = []
            for s in fat_sectors:
                data = read_sector(s)
                fat.extend(struct.unpack(f"<{len(data) // 4}I", data[:len(data) // 4 * 4]))
            names: list[str] = []
            sector, seen = first_dir, set()
            while sector < 0xFFFFFFFA and sector not in seen and len(names) < limit:
                seen.add(sector)
                data = read_sector(sector)
                for i in range(0, len(data) - 127, 128):
                    entry = data[i:i + 128]
                    length = struct.unpack("<H", entry[64:66])[0]
                    if 2 <= length <= 64:
                        names.append(entry[:length - 2].decode("utf-16-le", "replace"))
                sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
            return names
    except (OSError, struct.error):
        return []
