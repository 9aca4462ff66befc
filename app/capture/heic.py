"""A JPEG archival copy of a HEIC/HEIF photo (the HEIC original is kept beside it).

Archives take JPEG and TIFF, not HEIC. The JPEG is decoded at full size, turned upright,
and keeps the original's EXIF (with Orientation reset to 1, since the pixels are now
upright) and its colour profile, so the archival copy describes itself like the original.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from app.capture.errors import DamagedFile, ImageTooLarge
from app.capture.images import check_pixel_count, open_image
from app.capture.thumbnails import encode_jpeg, upright
from app.domain.messages import QT_TRANSLATE_NOOP

ARCHIVAL_JPEG_QUALITY = 92
TAG_ORIENTATION = 0x0112


def heic_to_jpeg(path: Path, quality: int = ARCHIVAL_JPEG_QUALITY) -> bytes:
    """The full-size, upright JPEG of a HEIC/HEIF file, with its EXIF and ICC profile."""
    try:
        with open_image(path) as im:
            check_pixel_count(im, path.name)
            im.load()
            exif = im.getexif()
            icc = im.info.get("icc_profile")
            picture = upright(im)
            if TAG_ORIENTATION in exif:
                exif[TAG_ORIENTATION] = 1
            params: dict[str, object] = {"exif": exif.tobytes()} if len(exif) else {}
            if icc:
                params["icc_profile"] = icc
            return encode_jpeg(picture, quality=quality, subsampling=0, **params)
    except (DamagedFile, ImageTooLarge):
        raise
    except Image.DecompressionBombError as err:
        raise ImageTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "{name} is too large to decode safely ({reason})."),
            name=path.name, reason=err) from None
    except (OSError, ValueError, SyntaxError, EOFError, RuntimeError) as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its HEIC picture cannot be decoded ({reason})."),
            name=path.name, reason=err) from None

