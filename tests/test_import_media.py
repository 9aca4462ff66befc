"""Audio and video import: files made here with PyAV (real FFmpeg encoders), then imported.

The factories at the top are also used by the other import tests.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from app.capture.importer import import_files
from app.store.records import IncidentRecord
from app.store.repositories import Repositories

# name: (container format, codec, sample rate, channels, frame length in samples)
AUDIO = {
    "wav": ("wav", "pcm_s16le", 48000, 2, 1),
    "wav24": ("wav", "pcm_s24le", 48000, 1, 1),
    "mp3": ("mp3", "libmp3lame", 44100, 2, 1152),
    "flac": ("flac", "flac", 44100, 2, 4608),
    "opus": ("ogg", "libopus", 48000, 2, 960),
    "m4a": ("ipod", "aac", 44100, 2, 1024),
    "amr": ("amr", "libopencore_amrnb", 8000, 1, 160),
}
# The format's own codec name recorded in Item.technical, where the encoder's differs.
CODEC_NAME = {"libopencore_amrnb": "amr_nb", "libmp3lame": "mp3", "libopus": "opus",
              "libx264": "h264"}
AUDIO_SUFFIX = {"wav": ".wav", "wav24": ".wav", "mp3": ".mp3", "flac": ".flac",
                "opus": ".opus", "m4a": ".m4a", "amr": ".amr"}

# name: (container format, suffix, video codec, audio codec or None, frame rate)
VIDEO = {
    "mp4": ("mp4", ".mp4", "libx264", "aac", 25),
    "mkv": ("matroska", ".mkv", "libx264", "libopus", 30),
    "avi": ("avi", ".avi", "mpeg4", "libmp3lame", 25),
    "mpg": ("mpeg", ".mpg", "mpeg2video", "mp2", 25),
    "mov": ("mov", ".mov", "libx264", "aac", 30),
}


def make_audio(path: Path, kind: str = "wav", seconds: float = 2.5, tone: float = 440.0) -> Path:
    """A sine tone of exactly ``seconds`` in the given format."""
    fmt, codec, rate, channels, _ = AUDIO[kind]
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        if codec == "libopencore_amrnb":
            stream.bit_rate = 12200
        total = int(round(seconds * rate))
        done = 0
        while done < total:
            n = min(1024, total - done)
            t = np.arange(done, done + n) / rate
            wave = (np.sin(2 * np.pi * tone * t) * 0.4 * 32767).astype(np.int16)
            data = np.tile(wave, (channels, 1)).T.reshape(1, -1) if channels == 2 \
                else wave.reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(data, format="s16", layout=layout)
            frame.sample_rate = rate
            frame.pts = done
            frame.time_base = Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
            done += n
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def make_video(path: Path, kind: str = "mp4", seconds: float = 2.0, size: tuple[int, int] =
               (320, 240), rotation: int = 0, marker: bool = False) -> Path:
    """Moving colour frames (+ a tone) of exactly ``seconds``; ``marker`` paints the
    top-left quarter red on blue so tests can tell which way the picture turned."""
    fmt, _, vcodec, acodec, fps = VIDEO[kind]
    width, height = size
    with av.open(str(path), "w", format=fmt) as out:
        video = out.add_stream(vcodec, rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        if rotation:
            video.set_display_rotation(rotation)
        audio = None
        if acodec:
            rate = 48000 if acodec in ("libopus", "mp2") else 44100
            audio = out.add_stream(acodec, rate=rate, layout="stereo")
        frames = int(round(seconds * fps))
        for i in range(frames):
            if marker:
                img = np.zeros((height, width, 3), np.uint8)
                img[:, :, 2] = 200
                img[: height // 2, : width // 2] = (220, 0, 0)
            else:
                img = np.full((height, width, 3), (i * 7 % 255, 80, 160), np.uint8)
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode(None):
            out.mux(packet)
        if audio is not None:
            rate = audio.codec_context.sample_rate
            total = int(round(seconds * rate))
            for start in range(0, total, 1024):
                n = min(1024, total - start)
                t = np.arange(start, start + n) / rate
                wave = (np.sin(2 * np.pi * 330 * t) * 0.3 * 32767).astype(np.int16)
                data = np.tile(wave, (2, 1)).T.reshape(1, -1)
                frame = av.AudioFrame.from_ndarray(data, format="s16", layout="stereo")
                frame.sample_rate = rate
                frame.pts = start
                frame.time_base = Fraction(1, rate)
                for packet in audio.encode(frame):
                    out.mux(packet)
            for packet in audio.encode(None):
                out.mux(packet)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_bytes(repos: Repositories, vault_path: str) -> bytes:
    with repos.items.open_file(vault_path) as f:
        return f.read()


@pytest.mark.parametrize("kind", sorted(AUDIO))
def test_audio_is_imported_with_exact_duration_and_stream_facts(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord, kind: str
) -> None:
    _, codec, rate, channels, frame_len = AUDIO[kind]
    src = make_audio(tmp_path / f"tone{AUDIO_SUFFIX[kind]}", kind, seconds=2.5)

    report = import_files(repos, incident.id, [src])

    assert not report.failed, report.failed
    item = repos.items.get(report.imported[0].item_id)
    tech = item.technical
    assert item.kind == "audio" and item.category == "LY"
    assert tech["audio_codec"] == CODEC_NAME.get(codec, codec)
    assert tech["sample_rate"] == rate
    assert tech["channels"] == channels
    assert abs(tech["duration"] - 2.5) <= frame_len / rate + 1e-3
    assert tech["bit_rate"] > 0
    assert "video_codec" not in tech
    if kind == "wav":
        assert tech["bit_depth"] == 16
    if kind == "wav24":
        assert tech["bit_depth"] == 24
    if kind == "flac":
        assert tech["bit_depth"] == 16
    original = item.file("original")
    assert original is not None
    assert stored_bytes(repos, original.vault_path) == src.read_bytes()
    assert original.sha256 == sha256(src.read_bytes())
    assert item.file("thumbnail") is None  # sound has no picture


@pytest.mark.parametrize("kind", sorted(VIDEO))
def test_video_is_imported_with_duration_codecs_and_upright_poster(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord, kind: str
) -> None:
    _, suffix, vcodec, acodec, fps = VIDEO[kind]
    src = make_video(tmp_path / f"clip{suffix}", kind, seconds=2.0, size=(320, 240))

    report = import_files(repos, incident.id, [src])

    assert not report.failed, report.failed
    item = repos.items.get(report.imported[0].item_id)
    tech = item.technical
    assert item.kind == "video" and item.category == "LX"
    assert tech["video_codec"] == CODEC_NAME.get(vcodec, vcodec)
    assert tech["width"] == 320 and tech["height"] == 240
    assert tech["frame_rate"] == pytest.approx(fps, abs=0.01)
    assert abs(tech["duration"] - 2.0) <= 1 / fps + 0.03  # a frame (+ audio padding)
    assert tech["audio_codec"] and tech["bit_rate"] > 0
    poster, thumb = item.file("poster"), item.file("thumbnail")
    original = item.file("original")
    assert poster is not None and thumb is not None and original is not None
    assert poster.derived_from == original.id and thumb.derived_from == poster.id
    with repos.items.open_file(poster.vault_path) as f, Image.open(f) as im:
        assert im.format == "JPEG" and im.size == (320, 240)
    assert stored_bytes(repos, original.vault_path) == src.read_bytes()


def test_rotated_phone_video_gets_an_upright_poster(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    # Stored landscape with a display matrix saying "turn 90 degrees counter-clockwise",
    # as phones record portrait video.
    src = make_video(tmp_path / "portrait.mp4", "mp4", size=(320, 240), rotation=90,
                     marker=True)

    item = repos.items.get(import_files(repos, incident.id, [src]).imported[0].item_id)

    assert item.technical["rotation"] == 90
    poster = item.file("poster")
    assert poster is not None
    with repos.items.open_file(poster.vault_path) as f, Image.open(f) as im:
        assert im.size == (240, 320)
        rgb = im.convert("RGB")
        # The red top-left quarter, turned counter-clockwise, is now bottom-left.
        r, g, b = rgb.getpixel((60, 240))  # type: ignore[misc]
        assert r > 150 and b < 100
        r, g, b = rgb.getpixel((180, 80))  # type: ignore[misc]
        assert b > 150 and r < 100


def test_audio_only_mp4_is_audio(tmp_path: Path, repos: Repositories,
                                 incident: IncidentRecord) -> None:
    src = make_audio(tmp_path / "voice.mp4", "m4a", seconds=1.0)

    item = repos.items.get(import_files(repos, incident.id, [src]).imported[0].item_id)

    assert item.kind == "audio"
    original = item.file("original")
    assert original is not None and original.format == "audio/mp4"


def test_a_jpg_that_holds_a_wav_is_identified_as_audio(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    src = make_audio(tmp_path / "sneaky.jpg", "wav", seconds=1.0)

    report = import_files(repos, incident.id, [src])

    item = repos.items.get(report.imported[0].item_id)
    original = item.file("original")
    assert item.kind == "audio"
    assert original is not None and original.format == "audio/wav"
    assert original.vault_path.endswith(".wav")
    assert original.original_name == "sneaky.jpg"  # the name as received is kept
    assert item.technical["extension_mismatch"] == {"extension": ".jpg", "content": "WAV"}
    assert item.technical["duration"] == pytest.approx(1.0, abs=1e-3)


def test_damaged_video_is_reported_and_the_batch_goes_on(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    good = make_video(tmp_path / "good.mp4", "mp4")
    data = good.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 3])  # the index (moov) is at the end: lost
    tone = make_audio(tmp_path / "tone.flac", "flac", seconds=1.0)

    report = import_files(repos, incident.id, [cut, good, tone])

    # Nothing of it plays, but its bytes are kept for repair tools, with a warning.
    assert not report.failed
    assert sorted(i.path.name for i in report.imported) == ["cut.mp4", "good.mp4", "tone.flac"]
    cut_warnings = next(i.warnings for i in report.imported if i.path.name == "cut.mp4")
    assert any("cut short" in w for w in cut_warnings)
    assert any("cannot be played here" in w for w in cut_warnings)
