"""The fonts every PDF rendition uses (work log, retention schedule, forms).

Chinese is set in the Noto Sans CJK SC subset shipped in ``resources/fonts`` (embedded as a
subset in the PDF); Mongolian script falls back to Noto Sans Mongolian, unshaped (see
``resources/fonts/README.md``). A system CJK font is used only when the shipped one is
missing (a trimmed install).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from app.domain.messages import QT_TRANSLATE_NOOP
from app.resources import resource_path
from app.store.errors import StoreError

CJK_FAMILY = "cjk"
FALLBACK_FAMILY = "mongolian"
SHIPPED_CJK = ("fonts", "NotoSansSC-Regular.otf")
SHIPPED_MONGOLIAN = ("fonts", "NotoSansMongolian-Regular.ttf")
# Used only when the shipped font is missing (e.g. a trimmed install): path, face in a .ttc.
SYSTEM_CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
)


class FontMissing(StoreError):
    code = "font-missing"


@dataclass(frozen=True)
class FontChoice:
    path: Path
    collection: int = 0


def find_cjk_font() -> FontChoice:
    shipped = resource_path(*SHIPPED_CJK)
    if shipped.is_file():
        return FontChoice(shipped)
    for path, face in SYSTEM_CJK_FONTS:
        if Path(path).is_file():
            return FontChoice(Path(path), face)
    raise FontMissing(QT_TRANSLATE_NOOP(
        "Errors", "No Chinese font to write the PDF with: {path} is missing and no system "
        "CJK font was found; reinstall FieldArchive."), path=str(shipped))


def add_fonts(pdf: FPDF) -> None:
    """Register the Chinese font as ``CJK_FAMILY`` and Mongolian as its fallback."""
    add_cjk_font(pdf)
    mongolian = resource_path(*SHIPPED_MONGOLIAN)
    if mongolian.is_file():
        pdf.add_font(FALLBACK_FAMILY, "", str(mongolian))
        pdf.set_fallback_fonts([FALLBACK_FAMILY])


def add_cjk_font(pdf: FPDF) -> None:
    """Register the Chinese font as ``CJK_FAMILY``."""
    font = find_cjk_font()
    pdf.add_font(CJK_FAMILY, "", str(font.path), collection_font_number=font.collection)
    # The subset keeps the whole font's bounding box instead of drawing every glyph it
    # holds to find a tighter one (a valid box either way; the drawing was a third of the
    # time a registration form took).
    added = pdf.fonts[CJK_FAMILY]
    if isinstance(added, TTFFont):
        added.ttfont.recalcBBoxes = False


def close_fonts(pdf: FPDF) -> None:
    """Close the font files of a document that is never output (``output`` closes them):
    fontTools reads them lazily, and left to the garbage collector they close at a random
    moment, with a ResourceWarning."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()

