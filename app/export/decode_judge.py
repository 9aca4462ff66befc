"""Does a file's content decode? One verdict per file, from its bytes alone.

- images: fully decoded with Pillow (HEIC through pillow-heif); one whose pixels would not
  fit ``MEMORY_BUDGET`` is decoded reduced where the format allows it (JPEG's DCT scaling,
  Pillow ``draft``: every compressed block is still read, so damage is still found), else
  reported too large;
- audio and video: probed with PyAV, the first and the last frames read;
- PDF: its structure read with pypdf (cross-reference table, every page's content
  streams), or, without pypdf, only its header and end marker (then "not decodable here");
- OFD, OOXML (docx/xlsx/pptx) and ODF: ZIP containers, checked by structure: every entry's
  CRC, and the parts each format requires (``OFD.xml`` and the DocRoot it names;
  ``[Content_Types].xml`` and ``_rels/.rels``; ``mimetype`` and ``META-INF/manifest.xml``);
- XML: well formed;
- anything else (RAW, legacy office files): not decodable here.

Plain Python; shared by the decode pass, pre-flight and ``verify``.
"""

from __future__ import annotations

import io
import logging
import math
import sys
import tempfile
import threading
import warnings
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO

import PIL
from lxml import etree
from PIL import Image

Opener = Callable[[], AbstractContextManager[BinaryIO]]

OK, DAMAGED, UNDECODABLE, TOO_LARGE = "ok", "damaged", "undecodable", "too-large"
VERDICTS = (OK, DAMAGED, UNDECODABLE, TOO_LARGE)
# The decoded pixels one image may take (a 12-MP photo needs 36 MiB; a 100-MP scan 300).
MEMORY_BUDGET = 512 * 1024 * 1024
# A container whose entries unpack to more than this is not unpacked (a ZIP bomb).
CONTAINER_BUDGET = 8 * 1024 ** 3
# Pillow's bomb guard stays on; a legitimate huge scan is reported, not decoded blindly.
Image.MAX_IMAGE_PIXELS = 400_000_000
ZIP_FORMATS = ("application/ofd", "application/zip", "application/vnd.openxmlformats",
               "application/vnd.oasis.opendocument")


@dataclass(frozen=True)
class Verdict:
    verdict: str  # one of VERDICTS
    reason: str = ""
    decoder: str = ""
    decoder_version: str = ""
    kind: str = ""  # image | av | pdf | container | xml | other: which message fits

    @property
    def ok(self) -> bool:
        return self.verdict == OK


def _register_heif() -> None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover - a trimmed install; HEIC is then reported
        pass


_register_heif()
PILLOW = ("Pillow", PIL.__version__)


def kind_of(mime: str) -> str:
    """Which message fits a verdict on this format (a stored verdict keeps no kind)."""
    if mime.startswith("image/"):
        return "image"
    if mime.startswith(("audio/", "video/")):
        return "av"
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith(ZIP_FORMATS):
        return "container"
    if mime in ("application/xml", "text/xml"):
        return "xml"
    return "other"


def judge(mime: str, open_file: Opener, budget: int = MEMORY_BUDGET) -> Verdict:
    if mime.startswith("image/"):
        with open_file() as f:
            return judge_image(io.BytesIO(f.read()), budget)
    if mime.startswith(("audio/", "video/")):
        return judge_av(open_file)
    if mime == "application/pdf":
        with open_file() as f:
            return judge_pdf(f.read())
    if mime.startswith(ZIP_FORMATS):
        return judge_container(open_file)
    if mime in ("application/xml", "text/xml"):
        with open_file() as f:
            return judge_xml(f.read())
    return Verdict(UNDECODABLE, mime, "", "", "other")


def judge_image(data: BinaryIO, budget: int = MEMORY_BUDGET) -> Verdict:
    name, version = PILLOW
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(data) as im:
                need = im.width * im.height * max(1, len(im.getbands()))
                reduced = ""
                if need > budget:
                    if im.format != "JPEG":
                        return Verdict(TOO_LARGE, f"{im.width}×{im.height} px, about "
                                       f"{need // 2 ** 20} MiB decoded", name, version, "image")
                    scale = min(8, 2 ** math.ceil(math.log2(math.sqrt(need / budget))))
                    im.draft(im.mode, (im.width // scale, im.height // scale))
                    reduced = f"decoded reduced 1/{scale} ({im.width}×{im.height} px)"
                im.load()
                frames = getattr(im, "n_frames", 1)
                if frames > 1:
                    im.seek(frames - 1)
                    im.load()
                return Verdict(OK, reduced, name, version, "image")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        return Verdict(TOO_LARGE, str(err)[:200], name, version, "image")
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        return Verdict(DAMAGED, str(err)[:200] or type(err).__name__, name, version, "image")


def judge_av(open_file: Opener) -> Verdict:
    """Probe the streams, read the first frame and one at the end of the first stream."""
    import av

    name, version = "PyAV", av.__version__
    try:
        with open_file() as f, tempfile.SpooledTemporaryFile(64 * 1024 * 1024) as spool:
            while chunk := f.read(1024 * 1024):
                spool.write(chunk)
            spool.seek(0)
            with av.open(spool, "r") as container:
                streams = [s for s in container.streams if s.type in ("audio", "video")]
                if not streams:
                    raise ValueError("no audio or video stream")
                stream = streams[0]
                first = next(container.decode(stream), None)
                if first is None:
                    raise ValueError("no frame decodes")
                duration = container.duration
                if duration and duration > 2_000_000:
                    container.seek(max(0, duration - 1_000_000), any_frame=False)
                last = None
                for frame in container.decode(stream):
                    last = frame
                if last is None:
                    raise ValueError("the last frames do not decode")
    except (OSError, ValueError, StopIteration) as err:
        return Verdict(DAMAGED, str(err)[:200], name, version, "av")
    except Exception as err:  # PyAV raises its own error types for damaged streams
        return Verdict(DAMAGED, f"{type(err).__name__}: {str(err)[:200]}", name, version, "av")
    return Verdict(OK, "", name, version, "av")


def judge_pdf(data: bytes) -> Verdict:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        return Verdict(DAMAGED, "not a complete PDF (header or end marker missing)",
                       "pdf-frame", "1", "pdf")
    try:
        import pypdf
    except ImportError:  # without pypdf only the frame was seen
        return Verdict(UNDECODABLE, "application/pdf (structure not read: pypdf is not "
                       "installed)", "pdf-frame", "1", "pdf")
    name, version = "pypdf", pypdf.__version__
    filters = logging.getLogger("pypdf.filters")  # a damaged stream is logged, not raised
    heard = _Heard()
    filters.addHandler(heard)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
            if reader.is_encrypted:
                return Verdict(DAMAGED, "encrypted (a transfer must not be)", name, version,
                               "pdf")
            pages = len(reader.pages)
            if not pages:
                return Verdict(DAMAGED, "no pages", name, version, "pdf")
            for page in reader.pages:
                contents = page.get_contents()
                if contents is not None:
                    contents.get_data()
    except Exception as err:  # pypdf's errors derive from several bases
        return Verdict(DAMAGED, f"{type(err).__name__}: {str(err)[:200]}", name, version,
                       "pdf")
    finally:
        filters.removeHandler(heard)
    if heard.messages:
        return Verdict(DAMAGED, heard.messages[0][:200], name, version, "pdf")
    return Verdict(OK, f"{pages} page(s)", name, version, "pdf")


class _Heard(logging.Handler):
    """What pypdf's stream filters complained of while this check ran (this thread's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def judge_container(open_file: Opener) -> Verdict:
    name, version = "zipfile", f"{sys.version_info.major}.{sys.version_info.minor}"
    try:
        with open_file() as f, tempfile.SpooledTemporaryFile(64 * 1024 * 1024) as spool:
            while chunk := f.read(1024 * 1024):
                spool.write(chunk)
            spool.seek(0)
            with zipfile.ZipFile(spool) as zf:
                infos = zf.infolist()
                if sum(i.file_size for i in infos) > CONTAINER_BUDGET:
                    return Verdict(TOO_LARGE, "its entries unpack to more than "
                                   f"{CONTAINER_BUDGET // 1024 ** 3} GiB", name, version,
                                   "container")
                bad = zf.testzip()
                if bad is not None:
                    return Verdict(DAMAGED, f"the entry {bad} is damaged (CRC)", name,
                                   version, "container")
                return _container_parts(zf, name, version)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
            NotImplementedError, ValueError) as err:
        return Verdict(DAMAGED, f"not a sound ZIP container ({str(err)[:200]})", name,
                       version, "container")


def _container_parts(zf: zipfile.ZipFile, name: str, version: str) -> Verdict:
    names = set(zf.namelist())
    if "OFD.xml" in names:
        root = _parse(zf.read("OFD.xml"))
        if root is None:
            return Verdict(DAMAGED, "OFD.xml is not well-formed XML", name, version,
                           "container")
        doc_roots = [el.text.strip().lstrip("/") for el in root.iter()
                     if isinstance(el.tag, str) and el.tag.endswith("DocRoot") and el.text]
        if not doc_roots:
            return Verdict(DAMAGED, "OFD.xml names no DocRoot", name, version, "container")
        missing = [d for d in doc_roots if d not in names]
        if missing:
            return Verdict(DAMAGED, f"OFD: the document {missing[0]} is missing", name,
                           version, "container")
        return Verdict(OK, "OFD", name, version, "container")
    if "[Content_Types].xml" in names:
        if _parse(zf.read("[Content_Types].xml")) is None:
            return Verdict(DAMAGED, "[Content_Types].xml is not well-formed XML", name,
                           version, "container")
        if "_rels/.rels" not in names:
            return Verdict(DAMAGED, "OOXML: _rels/.rels is missing", name, version,
                           "container")
        return Verdict(OK, "OOXML", name, version, "container")
    if "mimetype" in names:
        kind = zf.read("mimetype").decode("ascii", "replace").strip()
        if not kind.startswith("application/vnd.oasis.opendocument"):
            return Verdict(DAMAGED, f"ODF: unknown mimetype {kind[:80]}", name, version,
                           "container")
        for part in ("META-INF/manifest.xml", "content.xml"):
            if part not in names:
                return Verdict(DAMAGED, f"ODF: {part} is missing", name, version,
                               "container")
        return Verdict(OK, "ODF", name, version, "container")
    return Verdict(UNDECODABLE, "a ZIP container of no known document format (no OFD.xml, "
                   "[Content_Types].xml or mimetype)", name, version, "container")


def judge_xml(data: bytes) -> Verdict:
    if _parse(data) is None:
        return Verdict(DAMAGED, "not well-formed XML", "lxml", etree.__version__, "xml")
    return Verdict(OK, "", "lxml", etree.__version__, "xml")


def _parse(data: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False,
                                                      no_network=True))
    except etree.XMLSyntaxError:
        return None
