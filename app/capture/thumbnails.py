"""Upright JPEG thumbnails of photos and poster frames of videos.

Photos: JPEG is decoded at reduced size (Pillow's ``draft``: the decoder scales by 1/2, 1/4
or 1/8 while decoding), which makes a thumbnail of a 12-megapixel photo several times faster
than decoding it whole. EXIF Orientation is applied, so the thumbnail is upright even when
the original is stored sideways, as cameras do.
"""

from __future__ import annotations

import io
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image, ImageOps

from app.capture.errors import DamagedFile, ImageTooLarge
from app.capture.images import check_pixel_count, open_image

THUMBNAIL_SIZE = 320  # long side, pixels
POSTER_SIZE = 1280
JPEG_QUALITY = 85


def photo_thumbnail(source: Path | bytes | Image.Image, long_side: int = THUMBNAIL_SIZE) -> bytes:
    """An upright JPEG thumbnail (long side ``long_side``) of a photo file, bytes or image.

    Raises DamagedFile when the picture cannot be decoded and ImageTooLarge for a bomb.
    """
    if isinstance(source, Image.Image):
        return encode_jpeg(_fit(upright(source), long_side))
    name = source.name if isinstance(source, Path) else "the image"
    try:
        with open_image(source) as im:
            check_pixel_count(im, name)
            # Ask for a square so the reduced decode is big enough whichever way it turns.
            im.draft("RGB", (long_side, long_side))
            im.load()
            return encode_jpeg(_fit(upright(im), long_side))
    except (DamagedFile, ImageTooLarge):
        raise
    except Image.DecompressionBombError as err:
        raise ImageTooLarge(f"{name} is too large to decode safely ({err}).") from None
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        raise DamagedFile(f"{name}: its picture data is damaged or cut short ({err}).") \
            from None


def upright(image: Image.Image) -> Image.Image:
    """The image turned and mirrored as its EXIF Orientation says (a copy if it changes)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # damaged EXIF: read_exif reports it
            turned = ImageOps.exif_transpose(image)
    except Exception:  # broken EXIF: show it as stored rather than not at all
        return image
    return turned if turned is not None else image


def to_rgb(image: Image.Image) -> Image.Image:
    """An RGB (or L) version for JPEG: alpha on white, 16-bit scaled, CMYK converted."""
    mode = image.mode
    if mode in ("RGB", "L"):
        return image
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        wide = image.convert("I") if mode.startswith("I;16") else image
        _low, high = wide.getextrema()
        top = 65535.0 if mode.startswith("I;16") else max(1.0, float(high))  # type: ignore[arg-type]
        return wide.point(lambda v: v * (255 / top)).convert("L")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def encode_jpeg(image: Image.Image, quality: int = JPEG_QUALITY, **params: Any) -> bytes:
    buf = io.BytesIO()
    to_rgb(image).save(buf, "JPEG", quality=quality, optimize=False, **params)
    return buf.getvalue()


def _fit(image: Image.Image, long_side: int) -> Image.Image:
    image = to_rgb(image)
    if max(image.size) > long_side:
        image = image.copy()  # thumbnail() works in place; the caller's image is theirs
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return image


def video_poster(path: Path, at: float | None = None,
                 long_side: int = POSTER_SIZE) -> tuple[bytes, bytes]:
    """(poster JPEG, thumbnail JPEG) from a frame of the video, turned upright.

    The frame is taken a little way in (10% of the length, at most 3 s), because the
    first frame of a camera clip is often black.
    """
    try:
        with av.open(str(path)) as container:
            stream = next(s for s in container.streams.video
                          if not s.disposition & av.stream.Disposition.attached_pic)
            if at is None:
                length = (container.duration or 0) / av.time_base
                at = min(max(length * 0.1, 0.0), 3.0)
            frame = _frame_at(container, stream, at)
    except StopIteration:
        raise DamagedFile(f"{path.name} has no video stream.") from None
    except av.FFmpegError as err:
        raise DamagedFile(f"{path.name}: no picture could be decoded ({err}).") from None
    if frame is None:
        raise DamagedFile(f"{path.name}: no picture could be decoded.")
    image = frame.to_image()
    rotation = int(round(getattr(frame, "rotation", 0) or 0))
    if rotation % 360:
        image = image.rotate(rotation, expand=True)  # counter-clockwise, as FFmpeg says
    poster = _fit(image, long_side)
    return encode_jpeg(poster), encode_jpeg(_fit(poster, THUMBNAIL_SIZE))


def _frame_at(container: Any, stream: Any, at: float) -> Any:
    """The first frame at or after ``at`` seconds (or the last one, for a short clip)."""
    if at > 0 and stream.time_base:
        try:
            container.seek(int(at / Fraction(stream.time_base)), stream=stream, backward=True)
        except av.FFmpegError:
            container.seek(0)
    last = None
    for frame in container.decode(stream):
        last = frame
        if frame.time is None or frame.time >= at:
            break
    return last
