"""Video recording: camera frames (and microphone sound) into an MP4, H.264 + AAC, via PyAV.

The MP4 is fragmented while it is written (``FRAGMENTED``): the index (``moov``) comes
first and every second or so a self-contained fragment (``moof`` + ``mdat``) follows, so a
recording cut off by a crash or a pulled plug is readable up to its last whole fragment
(the next start keeps it aside in ``recovered/``; see ``Vault.recover``). A plain MP4 writes
its index only at the end and is unreadable without it. The finished file is stored as it
is: it is still an ISO base media file (ftyp, moov first, then fragments, and an ``mfra``
random-access index at the end) that FFmpeg, browsers and common players open and seek.

Frames carry the real time they were read, so the file's timestamps follow what the camera
delivered (a stalling stream makes a longer frame, not a faster film). Sound arrives from
another thread (the microphone's) through ``add_audio``; it is queued and muxed by the
recording thread, so only one thread ever touches the container. ``finish()`` flushes both
encoders and writes the last fragment and the ``mfra`` index; ``abort()`` removes the file.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

from app.capture.camera import CameraSession, Frame
from app.capture.recording_files import fsync_file
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.store.errors import StoreError
from app.store.vault import translate_os_error

VIDEO_TIME_BASE = Fraction(1, 90000)
DEFAULT_CRF = 20  # visually lossless for field footage at a sane size
DEFAULT_PRESET = "veryfast"  # keeps 1080p real-time on a laptop CPU
AUDIO_BITRATE = 192_000
KEYFRAME_SECONDS = 2.0  # a keyframe at least this often: a cut file seeks and decodes from it
FRAGMENT_MICROSECONDS = 1_000_000  # a fragment reaches the disk about every second
# Fragmented MP4. ``delay_moov`` writes the header once the first fragment is cut, when the
# encoders' start delays are known, so it carries the edit lists a plain MP4 has: pictures
# start at 0 (not two B-frames late) and the AAC priming samples are cut, as before.
# ``flush_packets`` hands each cut fragment to the system at once: otherwise a quiet, small
# picture can sit for many seconds in FFmpeg's 32 KiB write buffer, which a crash loses.
FRAGMENTED = {"movflags": "frag_keyframe+delay_moov+default_base_moof",
              "frag_duration": str(FRAGMENT_MICROSECONDS), "flush_packets": "1"}


class VideoError(StoreError):
    code = "video"


@dataclass(frozen=True)
class AudioSpec:
    """The PCM the microphone delivers: little-endian signed integers, interleaved."""

    sample_rate: int = 48000
    channels: int = 1
    bits: int = 16

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.bits // 8


class VideoRecorder:
    """Encode BGR frames (and optional PCM sound) into an MP4 at ``path``."""

    def __init__(self, path: Path, width: int, height: int, fps: float = 30.0,
                 audio: AudioSpec | None = None, crf: int = DEFAULT_CRF,
                 preset: str = DEFAULT_PRESET) -> None:
        self.path = path
        self.width = width - width % 2  # 4:2:0 needs even sizes
        self.height = height - height % 2
        if self.width < 2 or self.height < 2:
            raise VideoError(QT_TRANSLATE_NOOP(
                "Errors", "The camera picture is too small to record ({width}x{height})."),
                width=width, height=height)
        self.audio = audio
        self.frames = 0
        self.audio_samples = 0
        self._origin: float | None = None  # monotonic time of the first frame
        self._last_pts = -1
        self._last_t = 0.0
        self._frame_gap = 1.0 / (fps if fps > 0 else 30.0)
        self._pending_audio: collections.deque[tuple[bytes, float]] = collections.deque()
        self._audio_started = False
        self._audio_buffer = bytearray()
        self._closed = False
        try:
            self._container = av.open(str(path), "w", format="mp4", options=FRAGMENTED)
            rate = fps if fps > 0 else 30.0
            self._video = self._container.add_stream(
                "libx264", rate=Fraction(round(rate * 1000), 1000))
            self._video.width = self.width
            self._video.height = self.height
            self._video.pix_fmt = "yuv420p"
            self._video.codec_context.time_base = VIDEO_TIME_BASE
            self._video.codec_context.gop_size = max(1, int(rate * KEYFRAME_SECONDS))
            self._video.options = {"preset": preset, "crf": str(crf)}
            self._audio_stream: Any = None
            self._resampler: Any = None
            if audio is not None:
                layout = "mono" if audio.channels == 1 else "stereo"
                self._audio_stream = self._container.add_stream("aac", rate=audio.sample_rate)
                self._audio_stream.layout = layout
                self._audio_stream.bit_rate = AUDIO_BITRATE
                self._resampler = av.AudioResampler(format="fltp", layout=layout,
                                                    rate=audio.sample_rate)
        except OSError as exc:
            self._close_quietly()
            path.unlink(missing_ok=True)
            raise translate_os_error(exc, path.parent) from exc

    # -- input -----------------------------------------------------------------------------
    def add_frame(self, image: np.ndarray, t: float) -> None:
        """One BGR frame read at monotonic time ``t``."""
        if self._origin is None:
            self._origin = t
        rel = t - self._origin
        pts = max(int(round(rel / VIDEO_TIME_BASE)), self._last_pts + 1)
        if self._last_pts >= 0:
            self._frame_gap = (pts - self._last_pts) * float(VIDEO_TIME_BASE)
        self._last_pts = pts
        self._last_t = rel
        if image.shape[0] != self.height or image.shape[1] != self.width:
            image = image[: self.height, : self.width]
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        self._guard(lambda: self._mux(self._video.encode(frame)))
        self.frames += 1
        self._drain_audio(final=False)

    def add_audio(self, pcm: bytes, arrived: float | None = None) -> None:
        """PCM that finished arriving at monotonic time ``arrived``. Safe from any thread."""
        if self.audio is not None and pcm:
            self._pending_audio.append((pcm, time.monotonic() if arrived is None else arrived))

    @property
    def seconds(self) -> float:
        """Length of the video so far: last frame time plus one frame's duration."""
        return self._last_t + self._frame_gap if self.frames else 0.0

    # -- output ----------------------------------------------------------------------------
    def finish(self) -> None:
        """Flush the encoders, write the last fragment and the index; the file is then
        complete and synced."""
        if self._closed:
            return
        if self.frames == 0:
            self.abort()
            raise VideoError(QT_TRANSLATE_NOOP(
                "Errors", "The camera gave no pictures, so there is no video to keep."))
        self._drain_audio(final=True)

        def flush() -> None:
            self._mux(self._video.encode(None))
            if self._audio_stream is not None:
                if self._resampler is not None:
                    self._encode_audio_frames(self._resampler.resample(None))
                self._mux(self._audio_stream.encode(None))
            self._container.close()

        self._guard(flush)
        self._closed = True
        fsync_file(self.path)

    def abort(self) -> None:
        """Give up: close and delete the partial file."""
        self._close_quietly()
        self._closed = True
        self.path.unlink(missing_ok=True)

    # -- internals ---------------------------------------------------------------------------
    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except OSError as exc:  # av.error.OSError too: a full disk while muxing
            self.abort()
            raise translate_os_error(exc, self.path.parent) from exc

    def _mux(self, packets: Any) -> None:
        for packet in packets:
            self._container.mux(packet)

    def _drain_audio(self, final: bool) -> None:
        """Encode queued sound up to the end of the pictures so far; at the end drop the rest.

        Holding back sound that runs ahead of the pictures keeps both streams the same
        length however the microphone's latency differs from the camera's.
        """
        if self.audio is None or self._origin is None:
            return
        spec = self.audio
        while self._pending_audio:
            pcm, arrived = self._pending_audio.popleft()
            if not self._audio_started:
                # Line the sound up with the first frame: pad or drop what lies before it.
                start = arrived - len(pcm) / spec.frame_bytes / spec.sample_rate - self._origin
                offset = int(round(start * spec.sample_rate)) * spec.frame_bytes
                pcm = bytes(offset) + pcm if offset >= 0 else pcm[-offset:]
                self._audio_started = True
            self._audio_buffer += pcm
        room = int(round(self.seconds * spec.sample_rate)) - self.audio_samples
        usable = min(len(self._audio_buffer) // spec.frame_bytes, max(room, 0))
        data = bytes(self._audio_buffer[: usable * spec.frame_bytes])
        if final:
            self._audio_buffer.clear()
        else:
            del self._audio_buffer[: usable * spec.frame_bytes]
        if data:
            self._guard(lambda: self._encode_pcm(data))

    def _encode_pcm(self, data: bytes) -> None:
        spec = self.audio
        assert spec is not None and self._resampler is not None
        dtype, fmt = ("<i2", "s16") if spec.bits == 16 else ("<i4", "s32")
        samples = np.frombuffer(_widen(data, spec.bits), dtype=dtype).reshape(1, -1)
        layout = "mono" if spec.channels == 1 else "stereo"
        frame = av.AudioFrame.from_ndarray(samples, format=fmt, layout=layout)
        frame.sample_rate = spec.sample_rate
        frame.pts = self.audio_samples
        frame.time_base = Fraction(1, spec.sample_rate)
        self.audio_samples += samples.shape[1] // spec.channels
        self._encode_audio_frames(self._resampler.resample(frame))

    def _encode_audio_frames(self, frames: Any) -> None:
        for f in frames:
            self._mux(self._audio_stream.encode(f))

    def _close_quietly(self) -> None:
        container = getattr(self, "_container", None)
        if container is not None and not self._closed:
            try:
                container.close()
            except Exception:  # noqa: BLE001 - the file is being discarded anyway
                pass


def _widen(data: bytes, bits: int) -> bytes:
    """24-bit PCM to 32-bit (AAC input takes 16 or 32 bits)."""
    if bits != 24:
        return data
    raw = np.frombuffer(data, dtype=np.uint8).reshape(-1, 3)
    out = np.zeros((raw.shape[0], 4), dtype=np.uint8)
    out[:, 1:] = raw
    return out.tobytes()





# -- the recording loop ---------------------------------------------------------------------

@dataclass(frozen=True)
class RecordOutcome:
    frames: int
    seconds: float
    truncated: bool  # the source ended before the asked length
    reason: Message | None  # why it ended early, one sentence fragment

    poster: np.ndarray | None  # a frame from about one second in, for the poster image


def record(session: CameraSession, recorder: VideoRecorder, seconds: float | None,
           should_stop: Callable[[], bool] | None = None,
           on_frame: Callable[[Frame], None] | None = None) -> RecordOutcome:
    """Feed frames from ``session`` into ``recorder`` for ``seconds`` (None: until stopped).

    Does not finish the recorder (the caller stops the microphone first, then finishes).
    """
    poster: np.ndarray | None = None
    origin: float | None = None
    for frame in session.frames(should_stop):
        if origin is None:
            origin = frame.t
        if seconds is not None and frame.t - origin >= seconds:
            break
        recorder.add_frame(frame.image, frame.t)
        if poster is None or (frame.t - origin <= 1.0):
            poster = frame.image
        if on_frame is not None:
            on_frame(frame)
    ended = session.ended_reason
    stopped_by_user = should_stop is not None and should_stop()
    truncated = ended is not None and not stopped_by_user and (
        seconds is None or recorder.seconds < seconds - 1e-6)
    return RecordOutcome(recorder.frames, recorder.seconds, truncated,
                         ended if truncated else None, poster)
