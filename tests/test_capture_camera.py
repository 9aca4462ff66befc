"""Camera stills through the real OpenCV path, with a generated video file as the camera."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pytest
from PIL import Image

from app.capture.camera import CameraError, CameraSession, CameraSource, interval_stills, shutter
from app.cli import main
from app.store.errors import StoreError
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.capture_media import make_video

EXIF_IFD = 0x8769


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return make_video(tmp_path / "camera.mp4", seconds=4.0, width=640, height=360)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def exif_of(data: bytes) -> tuple[dict[int, object], dict[int, object]]:
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        return dict(exif), dict(exif.get_ifd(EXIF_IFD))


def artist(ifd0: dict[int, object]) -> str:
    # Pillow hands EXIF ASCII back as Latin-1; we store UTF-8 there.
    return str(ifd0[0x013B]).encode("latin-1").decode("utf-8")


def test_photo_stores_full_resolution_jpeg_with_exif(
    store_path: Path, repos: Repositories, incident: IncidentRecord, clip: Path, capsys
) -> None:
    repos.operators.add("张档案", "应急局", "archivist", make_default=True)
    before = datetime.now().astimezone()
    code, out, err = cli(capsys, "capture", "photo", "--store", str(store_path),
                         "--incident", incident.id, "--source", str(clip), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["stored"] == 1 and result["truncated"] is False
    item = repos.items.get(result["items"][0]["id"])
    assert (item.kind, item.category, item.creator) == ("photo", "ZP", "张档案")
    original, thumbnail = item.file("original"), item.file("thumbnail")
    assert original is not None and thumbnail is not None
    assert original.format == "image/jpeg" and thumbnail.derived_from == original.id
    with repos.items.open_file(original.vault_path) as f:
        data = f.read()
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG" and im.size == (640, 360)
    ifd0, sub = exif_of(data)
    assert artist(ifd0) == "张档案"
    assert ifd0[0x010F] == "FieldArchive" and ifd0[0x0110] == "video file camera.mp4"
    taken = datetime.strptime(str(sub[0x9003]), "%Y:%m:%d %H:%M:%S")
    offset = str(sub[0x9011])
    taken_aware = datetime.fromisoformat(f"{taken:%Y-%m-%dT%H:%M:%S}{offset}")
    assert abs((taken_aware - before).total_seconds()) < 60
    assert item.date is not None and abs((item.date - taken_aware).total_seconds()) < 1
    with repos.items.open_file(thumbnail.vault_path) as f, Image.open(f) as thumb:
        assert max(thumb.size) == 320
    assert check_store(repos.store).ok


def test_interval_mode_stores_n_stills_in_one_batch(
    store_path: Path, repos: Repositories, incident: IncidentRecord, clip: Path, capsys
) -> None:
    code, out, err = cli(capsys, "capture", "photo", "--store", str(store_path),
                         "--incident", incident.id, "--source", str(clip), "--count", "3",
                         "--interval", "0.5", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["stored"] == 3 and result["truncated"] is False
    items = [repos.items.get(i["id"]) for i in result["items"]]
    assert {i.batch_id for i in items} == {result["batch_id"]}
    dates = sorted(i.date for i in items if i.date is not None)
    # A fixed-rate schedule: the k-th still is never taken before start + k x interval (a
    # late shot on a busy machine is followed by a shorter gap, not by a drift).
    offsets = [(d - dates[0]).total_seconds() for d in dates]
    assert all(off >= k * 0.5 - 0.05 for k, off in enumerate(offsets)), offsets
    # Three different moments of the moving picture, not one frame three times.
    assert len({i.files[0].sha256 for i in items}) == 3


def test_interval_mode_keeps_what_it_took_when_the_source_ends(
    store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path, capsys
) -> None:
    short = make_video(tmp_path / "short.mp4", seconds=1.0)
    code, out, err = cli(capsys, "capture", "photo", "--store", str(store_path),
                         "--incident", incident.id, "--source", str(short), "--count", "10",
                         "--interval", "0.4", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["truncated"] is True and 1 <= result["stored"] < 10
    assert "short.mp4 ended" in result["reason"]
    assert repos.items.count(incident.id, kind="photo") == result["stored"]


def test_photo_text_output_warns_about_a_short_series(
    store_path: Path, incident: IncidentRecord, tmp_path: Path, capsys
) -> None:
    short = make_video(tmp_path / "short.mp4", seconds=0.5)
    code, out, err = cli(capsys, "capture", "photo", "--store", str(store_path),
                         "--incident", incident.id, "--source", str(short), "--count", "5",
                         "--interval", "1")
    assert code == 0
    assert "warning:" in err and "of 5 photos taken" in err and "are stored" in err
    assert len(out.strip().splitlines()) >= 1


@pytest.mark.parametrize(("source", "expected"), [
    ("{tmp}/missing.mp4", "does not exist"),
    ("{tmp}/not-a-video.mp4", "not a video"),
    ("57", "Camera 57 cannot be opened"),
    ("rtsp://user:secret@127.0.0.1:9/live", "Cannot connect to the stream rtsp://127.0.0.1:9/live"),
])
def test_unusable_camera_gives_one_clear_line_and_stores_nothing(
    store_path: Path, repos: Repositories, incident: IncidentRecord, tmp_path: Path, capsys,
    source: str, expected: str,
) -> None:
    (tmp_path / "not-a-video.mp4").write_bytes(b"this is text, not video" * 100)
    code, out, err = cli(capsys, "capture", "photo", "--store", str(store_path),
                         "--incident", incident.id, "--source", source.format(tmp=tmp_path))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], err
    assert "secret" not in err and "Traceback" not in err
    assert repos.items.count(incident.id) == 0


def test_count_without_interval_is_a_usage_error(
    store_path: Path, incident: IncidentRecord, clip: Path, capsys
) -> None:
    code, _, err = cli(capsys, "capture", "photo", "--store", str(store_path), "--incident",
                       incident.id, "--source", str(clip), "--count", "3")
    assert code == 2 and "--interval" in err


def test_unknown_incident_is_refused_before_the_camera_opens(
    store_path: Path, store: Store, clip: Path, capsys
) -> None:
    code, _, err = cli(capsys, "capture", "photo", "--store", str(store_path), "--incident",
                       "NOPE-1", "--source", str(clip))
    assert code == 1 and "There is no incident 'NOPE-1'" in err


def test_shutter_writes_utf8_artist_offset_and_windows_author() -> None:
    frame = np.zeros((90, 160, 3), np.uint8)
    frame[:, :, 2] = 255  # red in BGR
    taken = datetime.fromisoformat("2025-07-21T14:30:05.250+08:00")
    data = shutter(frame, taken, "巴特尔 ᠪᠠᠭᠠᠲᠤᠷ", "camera 0")
    ifd0, sub = exif_of(data)
    assert artist(ifd0) == "巴特尔 ᠪᠠᠭᠠᠲᠤᠷ"
    assert bytes(ifd0[0x9C9D]).decode("utf-16-le").rstrip("\0") == "巴特尔 ᠪᠠᠭᠠᠲᠤᠷ"  # type: ignore[arg-type]
    assert sub[0x9003] == "2025:07:21 14:30:05" and sub[0x9011] == "+08:00"
    assert sub[0x9291] == "250"
    with Image.open(io.BytesIO(data)) as im:
        r, g, b = im.convert("RGB").getpixel((80, 45))  # type: ignore[misc]
        assert r > 240 and g < 16 and b < 16  # colours not swapped


def test_session_paces_a_file_like_a_live_camera_and_reports_its_end(clip: Path) -> None:
    with CameraSession(clip) as session:
        assert (session.width, session.height, session.fps) == (640, 360, 25.0)
        frames = list(session.frames())
        assert str(session.ended_reason) == "the video file camera.mp4 ended"
    assert len(frames) == 100
    # Read at the file's own rate: four seconds of video take about four seconds.
    assert frames[-1].t - frames[0].t > 3.5
    assert session.read() is None


def test_interval_stills_stops_when_asked(clip: Path) -> None:
    taken = []
    with CameraSession(clip) as session:
        for frame in interval_stills(session, 10, 0.2, should_stop=lambda: len(taken) >= 2):
            taken.append(frame)
    assert len(taken) == 2


def test_stream_description_hides_credentials() -> None:
    src = CameraSource.parse("rtsp://admin:pa55@192.168.1.64:554/Streaming/Channels/101")
    assert src.kind == "stream"
    assert src.describe() == "stream rtsp://192.168.1.64:554/Streaming/Channels/101"
    assert CameraSource.parse("0") == CameraSource("device", 0)


def test_reading_a_closed_session_is_a_clear_error(clip: Path) -> None:
    with pytest.raises(CameraError, match="not open"):
        CameraSession(clip).read()


def test_a_failed_encode_is_an_error_not_a_short_file(store: Store) -> None:
    from app.capture.encoded_stream import EncodedStream

    def produce(fp: BinaryIO) -> None:
        fp.write(b"\xff\xd8" + b"x" * 100_000)
        raise OSError(28, "No space left on device")

    stream = EncodedStream(produce)
    with pytest.raises(StoreError, match="is full"):
        store.vault.place_stream(stream, ".jpg")
    stream.close()
    assert list(store.vault.iter_files()) == []
    assert not list(store.vault.pending.iterdir())


def test_stream_closed_early_stops_its_encoder() -> None:
    from app.capture.encoded_stream import EncodedStream

    def produce(fp: BinaryIO) -> None:
        for _ in range(1000):
            fp.write(b"x" * 65536)  # far more than a pipe holds

    stream = EncodedStream(produce)
    assert stream.read(10)
    stream.close()  # must not hang on the blocked writer
    assert stream.closed
