"""Probe audio and video in-process through PyAV (FFmpeg's libraries): no text parsing.

Durations, codecs, sample rates and frame rates come from the demuxer and decoders
themselves. The first frames are decoded too, so a file whose header is fine but whose
content is damaged is found at import time, not when someone later tries to play it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from app.capture.errors import DamagedFile
from app.domain.messages import QT_TRANSLATE_NOOP

# Bit depth of PCM codecs is in their name; lossy codecs have none worth recording.
_PCM_BITS = re.compile(r"^pcm_[suf](\d+)")
_LOSSLESS_FROM_FORMAT = {"alac", "wavpack", "ape", "tta", "mlp", "truehd"}
# Raw streams without a length in any header: FFmpeg guesses from the bit rate (off by 4%
# for AMR voice memos), so their packets are counted instead.
_COUNT_PACKETS = {"amr", "amrnb", "amrwb", "aac"}


@dataclass(frozen=True)
class AVInfo:
    kind: str  # audio | video
    container: str  # FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    duration: float | None  # seconds
    bit_rate: int | None
    audio_codec: str | None = None
    sample_rate: int | None = None
    channels: int | None = None
    bit_depth: int | None = None
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None
    frame_rate: float | None = None
    rotation: int = 0  # degrees the picture must turn to be upright (display matrix)
    creation_time: datetime | None = None

    def technical(self) -> dict[str, Any]:
        data = {
            "container": self.container, "duration": self.duration, "bit_rate": self.bit_rate,
            "audio_codec": self.audio_codec, "sample_rate": self.sample_rate,
            "channels": self.channels, "bit_depth": self.bit_depth,
            "video_codec": self.video_codec, "width": self.width, "height": self.height,
            "frame_rate": self.frame_rate, "rotation": self.rotation or None,
        }
        return {k: v for k, v in data.items() if v is not None}


def probe_av(path: Path) -> AVInfo:
    """Streams of an audio or video file. Raises DamagedFile if FFmpeg cannot read it."""
    try:
        with av.open(str(path), metadata_errors="replace") as container:
            return _probe(container, path)
    except av.FFmpegError as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name} cannot be read as audio or video ({reason})."),
            name=path.name, reason=_reason(err)) from None


def _reason(err: av.FFmpegError) -> str:
    return (getattr(err, "strerror", None) or str(err)).strip().rstrip(".")


def _is_picture(stream: Any) -> bool:
    """Cover art in MP3/M4A is a one-picture 'video' stream; it does not make a video."""
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _probe(container: Any, path: Path) -> AVInfo:
    video = next((s for s in container.streams.video if not _is_picture(s)), None)
    audio = next(iter(container.streams.audio), None)
    if video is None and audio is None:
        raise DamagedFile(QT_TRANSLATE_NOOP("Errors", "{name} holds neither sound nor pictures."),
                          name=path.name)
    if any(s is not None and s.codec_context is None for s in (video, audio)):
        # A damaged header can name a codec FFmpeg does not know: nothing to decode it with.
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its streams name a codec that cannot be read; the file looks "
            "damaged."), name=path.name)
    duration = _container_duration(container)
    if audio is not None and video is None and container.format.name in _COUNT_PACKETS:
        duration = _counted_duration(path) or duration
    if duration is None:
        lengths = [_stream_duration(s) for s in (video, audio) if s is not None]
        duration = max((d for d in lengths if d is not None), default=None)
    fields: dict[str, Any] = {}
    if audio is not None:
        cc = audio.codec_context
        fields.update(audio_codec=_codec_name(cc), sample_rate=cc.sample_rate or None,
                      channels=cc.channels or None, bit_depth=_bit_depth(cc, path))
    rotation = 0
    if video is not None:
        cc = video.codec_context
        rate = video.average_rate or video.guessed_rate or video.base_rate
        fields.update(video_codec=_codec_name(cc), width=cc.width or None, height=cc.height or None,
                      frame_rate=round(float(rate), 3) if rate else None)
        rotation = _first_frame_rotation(container, video, path)
    elif audio is not None:
        _decode_some_audio(container, audio, path)
    return AVInfo(
        kind="video" if video is not None else "audio",
        container=container.format.name,
        duration=round(duration, 6) if duration is not None else None,
        bit_rate=container.bit_rate or None,
        rotation=rotation,
        creation_time=_creation_time(container),
        **fields,
    )


def _codec_name(cc: Any) -> str:
    """The format's name (mp3), not the decoder's (mp3float)."""
    codec = getattr(cc, "codec", None)
    return str(getattr(codec, "canonical_name", None) or cc.name)


def _container_duration(container: Any) -> float | None:
    if container.duration is None or container.duration <= 0:
        return None
    return float(Fraction(container.duration, av.time_base))


def _counted_duration(path: Path) -> float | None:
    """Length of the first audio stream from its packets' timestamps (no decoding)."""
    with av.open(str(path), metadata_errors="replace") as container:
        stream = container.streams.audio[0]
        first = end = None
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            first = packet.pts if first is None else min(first, packet.pts)
            stop = packet.pts + (packet.duration or 0)
            end = stop if end is None else max(end, stop)
        if first is None or end is None or stream.time_base is None:
            return None
        return float((end - first) * stream.time_base)


def _stream_duration(stream: Any) -> float | None:
    if stream.duration is None or stream.time_base is None:
        return None
    return float(stream.duration * stream.time_base)


def _bit_depth(cc: Any, path: Path) -> int | None:
    m = _PCM_BITS.match(cc.name or "")
    if m:
        return int(m.group(1))
    if cc.name == "flac":
        return _flac_bits(path) or _format_bits(cc)
    if cc.name in _LOSSLESS_FROM_FORMAT:
        return _format_bits(cc)
    return None


def _format_bits(cc: Any) -> int | None:
    fmt = getattr(cc, "format", None)
    bits = getattr(fmt, "bits", None)
    return int(bits) if bits else None


def _flac_bits(path: Path) -> int | None:
    """Bits per sample from a native FLAC file's STREAMINFO block."""
    try:
        with open(path, "rb") as f:
            head = f.read(26)
    except OSError:
        return None
    if not head.startswith(b"fLaC") or len(head) < 26:
        return None
    packed = int.from_bytes(head[18:26], "big")
    return ((packed >> 36) & 0x1F) + 1


def _first_frame_rotation(container: Any, video: Any, path: Path) -> int:
    try:
        for frame in container.decode(video):
            return int(round(getattr(frame, "rotation", 0) or 0))
    except av.FFmpegError as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its pictures cannot be decoded ({reason})."),
            name=path.name, reason=_reason(err)) from None
    raise DamagedFile(QT_TRANSLATE_NOOP("Errors", "{name}: its video stream holds no picture."),
                      name=path.name)


def _decode_some_audio(container: Any, audio: Any, path: Path, frames: int = 4) -> None:
    try:
        for n, _ in enumerate(container.decode(audio), 1):
            if n >= frames:
                return
    except av.FFmpegError as err:
        raise DamagedFile(QT_TRANSLATE_NOOP(
            "Errors", "{name}: its sound cannot be decoded ({reason})."),
            name=path.name, reason=_reason(err)) from None



def _creation_time(container: Any) -> datetime | None:
    text = (container.metadata or {}).get("creation_time", "")
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    # Cameras without a clock write 1904-01-01 (the MP4 epoch) or 1970.
    return value if value.year >= 1990 else None
