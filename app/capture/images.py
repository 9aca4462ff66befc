"""Opening images safely: HEIC support, and a pixel limit against decompression bombs.

A decompression bomb is a small file that claims an enormous picture (a 50-kB PNG of
50 000 x 50 000 pixels decodes to 7.5 GB). The largest phone sensors make about 200
megapixels; anything above ``MAX_PIXELS`` is refused with a clear reason before a single
pixel is decoded. Pillow's own limit is set to the same number (it raises at twice that
inside ``open``), replacing its default of 89 megapixels, which would refuse real photos.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pillow_heif
from PIL import Image, UnidentifiedImageError

from app.capture.errors import DamagedFile, ImageTooLarge
from app.capture.warning_capture import caught_warnings
from app.domain.messages import QT_TRANSLATE_NOOP, Message

MAX_PIXELS = 250_000_000
OPEN_WARNINGS = "fieldarchive.open_warnings"  # key in Image.info: what Pillow warned about

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
pillow_heif.register_heif_opener()


def check_pixel_count(image: Image.Image, name: str) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "{name} claims {width} x {height} pixels ({megapixels} megapixels), more "
            "than the {limit}-megapixel limit; it looks like a decompression bomb and was not "
            "taken in."), name=name, width=width, height=height,
            megapixels=f"{width * height / 1e6:.0f}", limit=MAX_PIXELS // 1_000_000)


@contextmanager
def open_image(source: Path | bytes) -> Iterator[Image.Image]:
    """Open (not decode) an image; unreadable headers and bombs become known errors."""
    name: str | Message = (source.name if isinstance(source, Path)
                           else Message(QT_TRANSLATE_NOOP("Errors", "the image")))

    fp = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with caught_warnings() as caught:
            image = Image.open(fp)
        # Between the limit and twice it Pillow only warns (check_pixel_count decides);
        # damaged EXIF read while opening is kept for read_exif to report.
        notes = [str(w.message).strip() for w in caught
                 if not issubclass(w.category, Image.DecompressionBombWarning)]
        if notes:
            image.info[OPEN_WARNINGS] = notes
    except Image.DecompressionBombError as err:
        raise ImageTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "{name} is too large to decode safely ({reason}); it looks like a "
            "decompression bomb and was not taken in."), name=name, reason=err) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its picture cannot be read ({reason})."),
            name=name, reason=_reason(err)) from None

    try:
        yield image
    finally:
        image.close()


def _reason(err: BaseException) -> str | Message:
    text = str(err).strip()
    if isinstance(err, UnidentifiedImageError) or text.startswith("cannot identify"):
        return Message(QT_TRANSLATE_NOOP("Errors", "the image header is damaged"))

    return text or type(err).__name__
