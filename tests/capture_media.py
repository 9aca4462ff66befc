"""Real media for the capture tests: video files made with PyAV, and reading sound back."""

from __future__ import annotations

import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def make_video(path: Path, seconds: float, width: int = 320, height: int = 240,
               fps: int = 25, noise: bool = False) -> Path:
    """An H.264 file whose frames change over time (a moving bar), or pure noise."""
    rng = np.random.default_rng(7)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if noise:
            stream.options = {"crf": "10", "preset": "ultrafast"}
        for i in range(int(round(seconds * fps))):
            if noise:
                image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
            else:
                image = np.zeros((height, width, 3), np.uint8)
                image[:, :, 1] = 40 + (i * 5) % 200
                bar = (i * 4) % width
                image[:, bar:bar + 8, 2] = 255
            frame = av.VideoFrame.from_ndarray(image, format="bgr24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def read_wav(path: Path) -> tuple[np.ndarray, int, int, int]:
    """(samples as float in -1..1, one column per channel; rate; channels; bytes per sample)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        wide = np.zeros((b.shape[0], 4), np.uint8)
        wide[:, 1:] = b
        values = np.frombuffer(wide.tobytes(), "<i4").astype(np.float64) / 2**31
    else:
        values = np.frombuffer(raw, "<i2").astype(np.float64) / 32768
    return values.reshape(-1, channels), rate, channels, width


def decode_audio(path: Path) -> tuple[np.ndarray, int]:
    """Every sample of the first audio stream of a file (mono mix), and its rate."""
    chunks = []
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        for frame in container.decode(stream):
            for piece in resampler.resample(frame):
                chunks.append(piece.to_ndarray().reshape(-1))
    return (np.concatenate(chunks) if chunks else np.zeros(0)), rate


def dominant_frequency(samples: np.ndarray, rate: int) -> float:
    """The frequency (Hz) with the most energy."""
    mono = samples if samples.ndim == 1 else samples.mean(axis=1)
    spectrum = np.abs(np.fft.rfft(mono * np.hanning(len(mono))))
    return float(np.argmax(spectrum) * rate / len(mono))
