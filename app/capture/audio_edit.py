"""Editing recorded sound: trimming a WAV (pydub) and an MP3 access copy (PyAV's LAME).

The WAV master is never changed: a trim writes a new WAV, an access copy a new MP3. pydub
reads and writes WAV by itself; its MP3 export would need an ``ffmpeg`` program, which we do
not ship, so the MP3 is encoded in-process by PyAV (the FFmpeg libraries we already carry).
"""

from __future__ import annotations

import os
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from app.capture.recording_files import fsync_file
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import InvalidInput
from app.store.vault import translate_os_error

with warnings.catch_warnings():
    # pydub warns at import that no ffmpeg program is on PATH (we never ask it to use one)
    # and that audioop is deprecated in newer Pythons.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment

MP3_BITRATE = 192_000


def trim_wav(source: Path, target: Path, start: float = 0.0, end: float | None = None) -> float:
    """Write ``source`` from ``start`` to ``end`` seconds as a new WAV; returns its length."""
    if start < 0 or (end is not None and end <= start):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "Give a trim start of 0 or more and an end after the start."))
    with open(source, "rb") as f:
        sound = AudioSegment.from_wav(f)
    length = len(sound) / 1000
    if start >= length:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The recording is only {seconds} s long; the trim starts after its end."),
            seconds=f"{length:.1f}")
    width = sound.sample_width
    # pydub slices in milliseconds; cut by sample so the length is exact.
    first = int(round(start * sound.frame_rate))
    last = int(sound.frame_count()) if end is None else min(
        int(round(end * sound.frame_rate)), int(sound.frame_count()))
    piece = sound.get_sample_slice(first, last)
    if piece.sample_width != width:
        piece = piece.set_sample_width(width)
    try:
        with open(target, "xb") as out:
            piece.export(out, format="wav")
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise translate_os_error(exc, target.parent) from exc
    return (last - first) / sound.frame_rate


def mp3_access_copy(source: Path, target: Path, bitrate: int = MP3_BITRATE) -> None:
    """Encode a WAV (or any sound PyAV reads) as an MP3 access copy at ``target``."""
    try:
        with av.open(str(source)) as src, av.open(str(target), "w", format="mp3") as out:
            in_stream = src.streams.audio[0]
            rate = in_stream.codec_context.sample_rate
            layout = "mono" if in_stream.codec_context.channels == 1 else "stereo"
            stream: Any = out.add_stream("libmp3lame", rate=rate)
            stream.layout = layout
            stream.bit_rate = bitrate
            resampler = av.AudioResampler(format="s16p", layout=layout, rate=rate)
            done = 0
            for frame in src.decode(in_stream):
                frame.pts = None
                for piece in resampler.resample(frame):
                    piece.pts = done
                    piece.time_base = Fraction(1, rate)
                    done += piece.samples
                    for packet in stream.encode(piece):
                        out.mux(packet)
            for piece in resampler.resample(None):
                for packet in stream.encode(piece):
                    out.mux(packet)
            for packet in stream.encode(None):
                out.mux(packet)
        fsync_file(target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise translate_os_error(exc, target.parent) from exc
    except av.error.FFmpegError as exc:
        target.unlink(missing_ok=True)
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{name} could not be encoded as MP3 ({reason})."),
            name=source.name, reason=exc) from exc

