"""Thumbnails from the preview a camera embeds in EXIF IFD1 (no decoding of the picture).

Real camera samples (tests/data/camera-samples) and JPEGs made here with an IFD1 preview
written the way DCF cameras write it.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageChops, ImageStat

from app.capture.prepare import Derivative, prepare_file
from app.capture.thumbnails import embedded_thumbnail, photo_thumbnail

SAMPLES = Path(__file__).parent / "data" / "camera-samples" / "jpg"
NIKON = SAMPLES / "gps" / "DSCN0010.jpg"  # 640 x 480, 160 x 120 preview in IFD1
WIDE = SAMPLES / "tests" / "45-gps_ifd.jpg"  # 1600 x 900, 160 x 120 letterboxed preview
RED, BLUE, GREY = (220, 20, 20), (20, 20, 220), (128, 128, 128)


def with_ifd1_thumbnail(exif: bytes, thumbnail: bytes) -> bytes:
    """Pillow's EXIF bytes (it writes no IFD1) with an IFD1 JPEG thumbnail appended."""
    tiff = bytearray(exif.removeprefix(b"Exif\x00\x00"))
    order = "<" if tiff[:2] == b"II" else ">"
    (ifd0,) = struct.unpack_from(order + "L", tiff, 4)
    (entries,) = struct.unpack_from(order + "H", tiff, ifd0)
    tiff += b"\x00" * (len(tiff) % 2)
    ifd1 = len(tiff)
    struct.pack_into(order + "L", tiff, ifd0 + 2 + 12 * entries, ifd1)  # IFD0's next IFD
    tiff += struct.pack(order + "H", 3)
    tiff += struct.pack(order + "HHLHH", 0x0103, 3, 1, 6, 0)  # Compression: JPEG
    tiff += struct.pack(order + "HHLL", 0x0201, 4, 1, ifd1 + 2 + 3 * 12 + 4)
    tiff += struct.pack(order + "HHLL", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack(order + "L", 0) + thumbnail
    return b"Exif\x00\x00" + bytes(tiff)


def jpeg_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=92)
    return buf.getvalue()


def halves(size: tuple[int, int]) -> Image.Image:
    """Red on the left, blue on the right: which way up it is shows."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def camera_jpeg(path: Path, picture: Image.Image, preview: Image.Image | None,
                orientation: int = 1) -> Path:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = exif.tobytes()
    if preview is not None:
        data = with_ifd1_thumbnail(data, jpeg_bytes(preview))
    picture.save(path, "JPEG", quality=92, exif=data)
    return path


def stored_preview(path: Path) -> Image.Image:
    """The IFD1 preview of a file, read with Pillow's own EXIF reader."""
    with Image.open(path) as im:
        ifd1 = im.getexif().get_ifd(ExifTags.IFD.IFD1)
        tiff = im.info["exif"][6:]
    start, length = ifd1[0x0201], ifd1[0x0202]
    return Image.open(io.BytesIO(tiff[start:start + length])).convert("RGB")


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean) / 3


def colour_at(image: Image.Image, x: float, y: float) -> str:
    r, _g, b = image.getpixel((int(x * (image.width - 1)), int(y * (image.height - 1))))
    return "red" if r > 150 > b else "blue" if b > 150 > r else "other"


def thumbnail_of(derivatives: tuple[Derivative, ...]) -> Image.Image:
    return picture(next(d.data for d in derivatives if d.role == "thumbnail"))


def test_a_camera_preview_becomes_the_thumbnail() -> None:
    thumb = picture(embedded_thumbnail(NIKON) or b"")
    assert thumb.size == (160, 120)  # decoding the 640 x 480 picture would give 320 x 240
    # The camera's preview, re-encoded (the camera rendered it a little differently from
    # the picture: a thumbnail decoded from the picture differs by about 13).
    assert difference(thumb, stored_preview(NIKON)) < 6
    assert embedded_thumbnail(NIKON.read_bytes()) is not None  # from bytes as well

    prepared = prepare_file(NIKON)
    assert prepared.technical["thumbnail_source"] == "embedded"
    assert thumbnail_of(prepared.derivatives).size == (160, 120)


def test_the_preview_is_used_and_the_picture_is_not_decoded(tmp_path: Path) -> None:
    # Picture and preview differ on purpose: the thumbnail shows the preview's colours.
    path = camera_jpeg(tmp_path / "DSC_0001.JPG", Image.new("RGB", (1200, 900), GREY),
                       halves((160, 120)))
    thumb = thumbnail_of(prepare_file(path).derivatives)
    assert (colour_at(thumb, 0.1, 0.5), colour_at(thumb, 0.9, 0.5)) == ("red", "blue")


def test_a_16_9_picture_loses_the_black_bars_of_its_4_3_preview() -> None:
    with Image.open(WIDE) as wide:
        assert wide.size == (1600, 900)
    assert stored_preview(WIDE).size == (160, 120)
    thumb = picture(embedded_thumbnail(WIDE) or b"")
    assert thumb.size == (160, 90)
    for row in (0, 1, thumb.height - 2, thumb.height - 1):  # no black band left
        assert ImageStat.Stat(thumb.crop((0, row, thumb.width, row + 1))).mean[0] > 60
    assert difference(thumb, picture(photo_thumbnail(WIDE))) < 12  # same scene, same frame


@pytest.mark.parametrize(("orientation", "size", "red_at"), [
    (1, (160, 120), (0.1, 0.5)),   # as stored: red on the left
    (6, (120, 160), (0.5, 0.1)),   # turned a quarter clockwise: the left side is on top
    (3, (160, 120), (0.9, 0.5)),   # upside down: red on the right
    (8, (120, 160), (0.5, 0.9)),   # turned a quarter anticlockwise: the left side at the bottom
])
def test_the_preview_is_turned_upright_like_the_picture(
    tmp_path: Path, orientation: int, size: tuple[int, int], red_at: tuple[float, float]
) -> None:
    # The camera stores picture and preview unturned; Orientation says how to show both.
    path = camera_jpeg(tmp_path / f"o{orientation}.jpg", halves((1200, 900)),
                       halves((160, 120)), orientation)
    thumb = picture(embedded_thumbnail(path) or b"")
    assert thumb.size == size
    assert colour_at(thumb, *red_at) == "red"
    assert colour_at(thumb, 1 - red_at[0], 1 - red_at[1]) == "blue"
    assert difference(thumb, picture(photo_thumbnail(path))) < 10  # as the decoded one


def test_a_cut_short_file_with_its_preview_is_still_reported_damaged(tmp_path: Path) -> None:
    """Its picture is decoded (what there is of it) and the warning says it is cut short."""
    data = NIKON.read_bytes()
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(data[: len(data) // 2])  # the preview, in the head, is whole
    assert stored_preview(truncated).size == (160, 120)
    assert embedded_thumbnail(truncated) is None
    prepared = prepare_file(truncated)
    assert prepared.technical["thumbnail_source"] == "decoded"
    assert any("cut short" in str(w) for w in prepared.warnings)


def test_padding_after_the_end_of_the_picture_is_allowed(tmp_path: Path) -> None:
    padded = tmp_path / "padded.jpg"
    padded.write_bytes(NIKON.read_bytes() + b"\x00" * 3000 + b"\xff" * 500)
    assert picture(embedded_thumbnail(padded) or b"").size == (160, 120)


def test_without_a_usable_preview_the_picture_is_decoded(tmp_path: Path) -> None:
    no_preview = SAMPLES / "orientation" / "landscape_1.jpg"  # 600 x 450, no IFD1
    tiny_preview = camera_jpeg(tmp_path / "tiny.jpg", halves((1200, 900)), halves((80, 60)))
    for path in (no_preview, tiny_preview):
        assert embedded_thumbnail(path) is None
        prepared = prepare_file(path)
        assert prepared.technical["thumbnail_source"] == "decoded"
        assert max(thumbnail_of(prepared.derivatives).size) == 320
