"""A WAV file written as sound arrives, with its header completed when recording stops.

The RIFF header is written first with zero sizes, the PCM data appended chunk by chunk, and
at ``close()`` the two size fields are filled in and the file is fsynced. A recording that is
abandoned (``abort()``) leaves no file behind.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

HEADER_SIZE = 44
WAVE_FORMAT_PCM = 1


def wav_header(sample_rate: int, channels: int, bits: int, data_size: int) -> bytes:
    block_align = channels * bits // 8
    return (
        b"RIFF" + struct.pack("<I", 36 + data_size + data_size % 2) + b"WAVE"
        + b"fmt " + struct.pack("<IHHIIHH", 16, WAVE_FORMAT_PCM, channels, sample_rate,
                                sample_rate * block_align, block_align, bits)
        + b"data" + struct.pack("<I", data_size)
    )


class WavWriter:
    """Append little-endian PCM frames to ``path``; ``close()`` makes it a complete WAV."""

    def __init__(self, path: Path, sample_rate: int, channels: int, bits: int) -> None:
        if bits not in (16, 24, 32):
            raise ValueError(f"unsupported bit depth {bits}")
        self.path = path
        self.sample_rate = sample_rate
        self.channels = channels
        self.bits = bits
        self.frame_bytes = channels * bits // 8
        self.data_size = 0
        self._file: BinaryIO | None = open(path, "xb")
        try:
            self._file.write(wav_header(sample_rate, channels, bits, 0))
        except BaseException:
            self.abort()
            raise

    @property
    def frames(self) -> int:
        return self.data_size // self.frame_bytes

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate

    def write(self, pcm: bytes) -> None:
        if self._file is None:
            raise ValueError("the WAV file is already closed")
        self._file.write(pcm)
        self.data_size += len(pcm)

    def close(self) -> None:
        """Fill in the sizes and make the file durable."""
        f = self._file
        if f is None:
            return
        if self.data_size % 2:  # RIFF chunks are word-aligned
            f.write(b"\0")
        f.seek(0)
        f.write(wav_header(self.sample_rate, self.channels, self.bits, self.data_size))
        f.flush()
        os.fsync(f.fileno())
        f.close()
        self._file = None

    def abort(self) -> None:
        """Give up: close and remove the file."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass  # a full disk can fail the final flush; the file goes anyway
            self._file = None
        self.path.unlink(missing_ok=True)
