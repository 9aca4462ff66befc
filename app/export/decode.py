"""Decoding checks for verify: every image fully decoded, audio and video probed and their
first and last frames read. Plain Python with Pillow and PyAV; no store."""

from __future__ import annotations

import io
import tempfile
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import BinaryIO

from PIL import Image

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.report import Result, fail, ok

Opener = Callable[[], AbstractContextManager[BinaryIO]]

# Pillow's bomb guard stays on; a legitimate huge scan is reported, not decoded blindly.
Image.MAX_IMAGE_PIXELS = 400_000_000


def _register_heif() -> None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover - a trimmed install; HEIC is then reported
        pass


_register_heif()


def decode_image(data: BinaryIO, rel: str) -> Result:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(data) as im:
                im.load()
                frames = getattr(im, "n_frames", 1)
                if frames > 1:
                    im.seek(frames - 1)
                    im.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as err:
        return fail("decodes", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} does not decode as an image ({reason})"), path=rel,
            reason=str(err)[:200])
    return ok("decodes", rel)


def decode_av(open_file: Opener, rel: str) -> Result:
    """Probe the streams, read the first frame and one at the end of each stream."""
    import av

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
        return fail("decodes", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} does not decode as audio or video ({reason})"), path=rel,
            reason=str(err)[:200])
    except Exception as err:  # PyAV raises its own error types for damaged streams
        return fail("decodes", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} does not decode as audio or video ({reason})"), path=rel,
            reason=f"{type(err).__name__}: {str(err)[:200]}")
    return ok("decodes", rel)


def decode_pdf(data: bytes, rel: str) -> Result:
    tail = data[-2048:]
    if not data.startswith(b"%PDF-") or b"%%EOF" not in tail:
        return fail("decodes", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a complete PDF"), path=rel)
    return ok("decodes", rel)


def decode_file(mime: str, open_file: Opener, rel: str) -> Result:
    if mime.startswith("image/"):
        with open_file() as f:
            return decode_image(io.BytesIO(f.read()), rel)
    if mime.startswith(("audio/", "video/")):
        return decode_av(open_file, rel)
    if mime == "application/pdf":
        with open_file() as f:
            return decode_pdf(f.read(), rel)
    return fail("decodes", rel, QT_TRANSLATE_NOOP(
        "Errors", "{path} ({format}) cannot be decoded here; check it with a program that "
        "reads it"), required=False, path=rel, format=mime)
