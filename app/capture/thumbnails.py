"""Upright JPEG thumbnails of photos and poster frames of videos.

Photos: JPEG is decoded at reduced size (Pillow's ``draft``: the decoder scales by 1/2, 1/4
or 1/8 while decoding), which makes a thumbnail of a 12-megapixel photo several times faster
than decoding it whole. EXIF Orientation is applied, so the thumbnail is upright even when
the original is stored sideways, as cameras do.

Camera JPEGs: ``embedded_thumbnail`` uses the preview the camera already wrote into EXIF
(IFD1, 160 x 120 on DCF cameras), as Lightroom's "embedded previews" do, so the
12-megapixel picture is not decoded at all; the import screen shows 120 x 90 icons.

Memory: a picture is decoded whole only up to MAX_DECODE_PIXELS (after JPEG's reduced
decoding), and the pictures decoded at once on the import's threads share a budget of
DECODE_BUDGET_PIXELS, so a folder of 15000 x 16000 PNGs (a megabyte each on disk, a gigabyte
each decoded) cannot take the laptop's memory. A larger picture gets no thumbnail: the
original is kept as it is and the import says why (``TooLargeToDecode``).
"""

from __future__ import annotations

import io
import os
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image, ImageFile, ImageOps

from app.capture.errors import DamagedFile, ImageTooLarge
from app.capture.images import MAX_PIXELS, check_pixel_count, open_image
from app.capture.warning_capture import ignored_warnings
from app.domain.messages import QT_TRANSLATE_NOOP

THUMBNAIL_SIZE = 320  # long side, pixels
POSTER_SIZE = 1280
JPEG_QUALITY = 85
EMBEDDED_MIN_SIZE = 120  # long side: smaller previews would be blown up on the import screen
ASPECT_TOLERANCE = 0.03  # preview and picture shapes differing more than this: bars to crop
TAIL_BYTES = 4096  # how much of the end is read to see that the JPEG is whole

# Pixels decoded for one thumbnail, and for all decoded at once. Pillow keeps 4 bytes a
# pixel and the thumbnail's steps (turning, converting, reducing) hold up to three copies:
# 64 megapixels come to about 0.8 GB at the peak. Cameras' JPEGs are decoded at 1/8 size.
MAX_DECODE_PIXELS = 64_000_000
DECODE_BUDGET_PIXELS = MAX_DECODE_PIXELS


class TooLargeToDecode(Exception):
    """The picture is kept, but decoding it for a thumbnail would take too much memory."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "no thumbnail: the picture ({width} x {height} pixels) is larger than "
        "FieldArchive decodes for one; the original is kept as it is")

    def __init__(self, width: int, height: int) -> None:
        self.params = {"width": width, "height": height}
        super().__init__(self.template.format(**self.params))


class _DecodeBudget:
    """Pixels being decoded on all threads; a decode waits until its share is free."""

    def __init__(self, pixels: int) -> None:
        self.pixels = pixels
        self.used = 0
        self.cond = threading.Condition()

    @contextmanager
    def share(self, pixels: int) -> Iterator[None]:
        pixels = min(pixels, self.pixels)
        with self.cond:
            self.cond.wait_for(lambda: self.used + pixels <= self.pixels)
            self.used += pixels
        try:
            yield
        finally:
            with self.cond:
                self.used -= pixels
                self.cond.notify_all()


DECODE_BUDGET = _DecodeBudget(DECODE_BUDGET_PIXELS)


class _LoadGate:
    """Pillow reads "load what is there of a cut-short file" from one module-wide switch.

    Ordinary decodes share the gate (they run side by side, the switch off, so a damaged
    file still fails and is reported); a lenient decode takes it alone, with the switch on.
    """

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.sharing = 0
        self.alone = False

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self.cond:
            self.cond.wait_for(lambda: not self.alone)
            self.sharing += 1
        try:
            yield
        finally:
            with self.cond:
                self.sharing -= 1
                self.cond.notify_all()

    @contextmanager
    def lenient(self) -> Iterator[None]:
        with self.cond:
            self.cond.wait_for(lambda: not self.alone and self.sharing == 0)
            self.alone = True
        ImageFile.LOAD_TRUNCATED_IMAGES = True
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            with self.cond:
                self.alone = False
                self.cond.notify_all()


LOAD_GATE = _LoadGate()

# EXIF Orientation -> the transpose that turns the stored picture upright (as exif_transpose).
UPRIGHT_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90,
}


def photo_thumbnail(source: Path | bytes | Image.Image, long_side: int = THUMBNAIL_SIZE,
                    lenient: bool = False) -> bytes:
    """An upright JPEG thumbnail (long side ``long_side``) of a photo file, bytes or image.

    Raises DamagedFile when the picture cannot be decoded and ImageTooLarge for a bomb.
    ``lenient``: decode what there is of a cut-short or damaged picture (grey where data
    is missing) rather than raising.
    """
    if isinstance(source, Image.Image):
        return encode_jpeg(_fit(upright(source), long_side))
    name = source.name if isinstance(source, Path) else "the image"
    try:
        with open_image(source) as im:
            check_pixel_count(im, name)
            # Ask for a square so the reduced decode is big enough whichever way it turns.
            im.draft("RGB", (long_side, long_side))
            width, height = im.size  # reduced by draft where the format allows
            if width * height > MAX_DECODE_PIXELS:
                raise TooLargeToDecode(*im.size)
            with DECODE_BUDGET.share(width * height):
                with LOAD_GATE.lenient() if lenient else LOAD_GATE.shared():
                    im.load()
                return encode_jpeg(_fit(upright(im), long_side))
    except (DamagedFile, ImageTooLarge, TooLargeToDecode):
        raise
    except Image.DecompressionBombError as err:
        raise ImageTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "{name} is too large to decode safely ({reason})."),
            name=name, reason=err) from None
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its picture data is damaged or cut short ({reason})."),
            name=name, reason=err) from None


def embedded_thumbnail(source: Path | bytes, long_side: int = THUMBNAIL_SIZE,
                       min_long_side: int = EMBEDDED_MIN_SIZE) -> bytes | None:
    """The camera's own preview of a JPEG (EXIF IFD1), upright and cut to the picture's shape.

    Only the headers and the last few KiB are read; the picture itself is never decoded.
    None when the preview is missing, broken or smaller than ``min_long_side``, when the
    picture is small enough to decode outright, or when the file does not end like a whole
    JPEG: the caller then decodes it, which also reports a damaged file as it always has.
    """
    if not _ends_with_eoi(source):
        return None
    try:
        with open_image(source) as im:  # headers only, up to the start of the picture data
            width, height = im.size
            if im.format != "JPEG" or width * height > MAX_PIXELS \
                    or max(width, height) <= long_side:
                return None
            tiff = im.info.get("exif", b"").removeprefix(b"Exif\x00\x00")
            xmp = "xmp" in im.info
        # Read by hand: Pillow's EXIF reader warns on broken EXIF (read_exif reports that),
        # and silencing warnings is not safe on the import's worker threads.
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        ifd0_tags, ifd1 = _ifd_tags(tiff, struct.unpack_from(order + "L", tiff, 4)[0], order)
        if not ifd1 or (0x0112 not in ifd0_tags and xmp):  # XMP may say the orientation
            return None
        ifd1_tags, _ = _ifd_tags(tiff, ifd1, order)
        # Offset and length of the preview JPEG, counted from the TIFF header.
        start, length = ifd1_tags.get(0x0201, 0), ifd1_tags.get(0x0202, 0)
        if not (start > 0 and length > 0 and start + length <= len(tiff)):
            return None
        with open_image(tiff[start:start + length]) as preview:
            if preview.format != "JPEG" or max(preview.size) > max(width, height):
                return None
            preview.draft("RGB", (long_side, long_side))
            with LOAD_GATE.shared():
                preview.load()
            shaped = _crop_to_shape(preview, width, height)
            if max(shaped.size) < min_long_side:
                return None
            # Stored unturned like the picture: turn it as the picture's Orientation says.
            turn = UPRIGHT_TRANSPOSE.get(ifd0_tags.get(0x0112, 1))
            return encode_jpeg(_fit(shaped.transpose(turn) if turn else shaped, long_side))
    except Exception:  # any trouble with the preview: decoding the picture decides
        return None


def _ifd_tags(tiff: bytes, offset: int, order: str) -> tuple[dict[int, int], int]:
    """The single-number (SHORT/LONG) tags of the TIFF IFD at ``offset``, and the next IFD's."""
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    tags: dict[int, int] = {}
    for entry in range(offset + 2, offset + 2 + 12 * count, 12):
        tag, kind, n, value = struct.unpack_from(order + "HHL4s", tiff, entry)
        if n == 1 and kind in (3, 4):  # SHORT, LONG
            tags[tag] = struct.unpack_from(order + ("H" if kind == 3 else "L"), value)[0]
    (next_ifd,) = struct.unpack_from(order + "L", tiff, offset + 2 + 12 * count)
    return tags, next_ifd


def _ends_with_eoi(source: Path | bytes) -> bool:
    """Whether the JPEG ends with its End Of Image marker FF D9 (00/FF padding after it is OK).

    A file cut short (copy interrupted, card pulled) does not. FF D9 cannot occur inside the
    compressed data, where an FF is always followed by 00 or a restart marker, and the
    preview's own FF D9 lies in the headers, which must be whole for the preview to be read.
    """
    if isinstance(source, bytes):
        tail = source[-TAIL_BYTES:]
    else:
        try:
            with open(source, "rb") as f:
                f.seek(max(0, f.seek(0, os.SEEK_END) - TAIL_BYTES))
                tail = f.read()
        except OSError:
            return False
    return tail.rstrip(b"\x00\xff").endswith(b"\xff\xd9")


def _crop_to_shape(image: Image.Image, width: int, height: int) -> Image.Image:
    """The centre of ``image`` in the shape width:height.

    Cameras write a 160 x 120 preview whatever the picture's shape, with black bars
    above and below a 16:9 picture (or at the sides of a narrower one).
    """
    w, h = image.size
    target = width / height
    if abs((w / h) / target - 1) <= ASPECT_TOLERANCE:
        return image
    if w / h < target:  # the picture is wider: keep the middle rows
        rows = max(1, round(w / target))
        top = (h - rows) // 2
        return image.crop((0, top, w, top + rows))
    columns = max(1, round(h * target))
    left = (w - columns) // 2
    return image.crop((left, 0, left + columns, h))


def upright(image: Image.Image) -> Image.Image:
    """The image turned and mirrored as its EXIF Orientation says (a copy if it changes)."""
    try:
        with ignored_warnings(UserWarning):  # damaged EXIF: read_exif reports it
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
        # Metadata that is not UTF-8 (a damaged or foreign file) must not stop the poster.
        with av.open(str(path), metadata_errors="replace") as container:
            stream = next(s for s in container.streams.video
                          if not s.disposition & av.stream.Disposition.attached_pic)
            if at is None:
                length = (container.duration or 0) / av.time_base
                at = min(max(length * 0.1, 0.0), 3.0)
            frame = _frame_at(container, stream, at)
    except StopIteration:
        raise DamagedFile(QT_TRANSLATE_NOOP("Errors", "{name} has no video stream."),
                          name=path.name) from None
    except av.FFmpegError as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: no picture could be decoded ({reason})."),
            name=path.name, reason=err) from None
    if frame is None:
        raise DamagedFile(QT_TRANSLATE_NOOP("Errors", "{name}: no picture could be decoded."),
                          name=path.name)

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
