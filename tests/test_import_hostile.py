"""What a probe with hostile files found, each kept from coming back: links out of the chosen
folders, files swapped or changed while imported, damaged and enormous media, names with
control characters or bytes that are not UTF-8, and dates from the wrong tag."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.capture import importer, probe
from app.capture.importer import ImportReport, import_files
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_import_bad_input import GOOD, assert_clean, by_name
from tests.test_import_media import make_audio, make_video
from tests.test_store_support import run_cli

SAMPLES = Path(__file__).parent / "data" / "camera-samples"


def reason_of(report: ImportReport, name: str) -> str:
    return next(s.reason for s in report.skipped if s.path.name == name)


def test_links_are_followed_once_and_only_inside_the_chosen_folders(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    outside = tmp_path / "laptop"
    outside.mkdir()
    shutil.copy(SAMPLES / "jpg" / "Canon_40D.jpg", outside / "secret.jpg")
    card = tmp_path / "card"
    (card / "a").mkdir(parents=True)
    shutil.copy(GOOD, card / "a" / "photo.jpg")
    os.symlink(outside / "secret.jpg", card / "IMG_0001.jpg")  # absolute, out of the card
    os.symlink("../laptop/secret.jpg", card / "up.jpg")  # relative, out of the card
    os.symlink("a/photo.jpg", card / "inside.jpg")  # to a file the card holds
    os.symlink("inside.jpg", card / "chain.jpg")  # a link to a link
    os.symlink("loop_b.jpg", card / "loop_a.jpg")
    os.symlink("loop_a.jpg", card / "loop_b.jpg")
    # A file named on its own: its folder is what the user chose.
    lone = tmp_path / "lone"
    lone.mkdir()
    os.symlink(outside / "secret.jpg", lone / "given.jpg")

    report = import_files(repos, incident.id, [card, lone / "given.jpg"])

    result = by_name(report)
    assert result["photo.jpg"] == "imported"
    for name in ("IMG_0001.jpg", "up.jpg", "given.jpg"):
        assert result[name] == "skipped", name
        assert "outside the folders" in reason_of(report, name)
    assert result["inside.jpg"] == "skipped"  # the same file as photo.jpg: taken once
    assert "same file" in reason_of(report, "inside.jpg")
    assert result["chain.jpg"] == "skipped"
    assert "another link" in reason_of(report, "chain.jpg")
    for name in ("loop_a.jpg", "loop_b.jpg"):
        assert result[name] == "skipped"
        assert "loop" in reason_of(report, name)
    assert repos.items.count(incident.id) == 1
    assert_clean(store)


def test_a_link_inside_the_folder_is_taken_when_its_file_is_not(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    card = tmp_path / "card"
    (card / "DCIM").mkdir(parents=True)
    shutil.copy(GOOD, card / "photo.jpg")
    os.symlink("../photo.jpg", card / "DCIM" / "shortcut.jpg")

    report = import_files(repos, incident.id, [card / "DCIM"])
    assert by_name(report) == {"shortcut.jpg": "skipped"}  # its target is out of DCIM

    report = import_files(repos, incident.id, [card])
    assert by_name(report)["photo.jpg"] == "imported"


def _picture(target: Path, size: tuple[int, int], colour: str) -> Path:
    Image.new("RGB", size, colour).save(target, "JPEG", quality=90)
    return target


def test_a_file_swapped_for_a_fifo_after_its_check_never_hangs_the_import(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    photo = _picture(card / "photo.jpg", (64, 48), "blue")
    expected = hashlib.sha256(photo.read_bytes()).hexdigest()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real = probe.regular_file_size

    def check_then_swap(path: Path) -> int:
        size = real(path)
        if fifo.exists():  # the name now holds a pipe that nobody writes to
            os.replace(fifo, photo)
        return size

    monkeypatch.setattr(probe, "regular_file_size", check_then_swap)
    done: list[ImportReport] = []
    worker = threading.Thread(target=lambda: done.append(import_files(repos, incident.id, [card])))
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # free the blocked reader so the test run can end
        os.close(os.open(photo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=30)
        pytest.fail("the import hung on a file swapped for a named pipe")
    (report,) = done
    assert by_name(report) == {"photo.jpg": "imported"}
    assert report.imported[0].sha256 == expected  # the file that was opened, whole
    assert_clean(store)


def test_a_file_swapped_for_another_picture_is_described_by_what_was_stored(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    photo = _picture(card / "photo.jpg", (640, 484), "blue")
    other = _picture(tmp_path / "other.jpg", (804, 600), "red")
    real = importer.prepare_file

    def prepare_then_swap(*args: Any, **kwargs: Any) -> Any:
        prepared = real(*args, **kwargs)
        os.replace(other, photo)  # probed: blue; the name now holds a red picture
        return prepared

    monkeypatch.setattr(importer, "prepare_file", prepare_then_swap)
    report = import_files(repos, incident.id, [card])

    assert by_name(report) == {"photo.jpg": "imported"}
    item = repos.items.get(report.imported[0].item_id)
    original = item.file("original")
    assert original is not None
    with Image.open(store.vault.absolute(original.vault_path)) as stored:
        assert stored.size == (item.technical["width"], item.technical["height"])
    assert_clean(store)


def test_a_file_written_to_while_imported_is_refused_and_nothing_is_kept(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    photo = _picture(card / "photo.jpg", (640, 484), "blue")
    real = importer.prepare_file

    def prepare_then_write(*args: Any, **kwargs: Any) -> Any:
        prepared = real(*args, **kwargs)
        with open(photo, "r+b") as f:  # a program still writing the file, in place
            f.seek(-64, os.SEEK_END)
            f.write(os.urandom(62))
        return prepared

    monkeypatch.setattr(importer, "prepare_file", prepare_then_write)
    report = import_files(repos, incident.id, [card])

    assert by_name(report) == {"photo.jpg": "failed:changed"}
    assert "changed while it was being imported" in report.failed[0].error
    assert repos.items.count(incident.id) == 0
    assert_clean(store)


# -- memory ------------------------------------------------------------------------------------


def write_huge_png(target: Path, width: int, height: int, shade: int) -> Path:
    """A valid RGB PNG of width x height in one colour, written row by row (small on disk,
    a gigabyte once decoded), so the test itself never holds the picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))

    row = b"\x00" + bytes([shade, 255 - shade, 90]) * width
    packer = zlib.compressobj(9)
    with open(target, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
        f.write(chunk(b"IDAT", data))
        f.write(chunk(b"IEND", b""))
    return target


CHILD_IMPORT = """
import json, resource, sys
from datetime import datetime
from pathlib import Path
limit = int(sys.argv[3]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from app.capture.importer import import_files
from app.store.repositories import Repositories
from app.store.store import Store
with Store.open(Path(sys.argv[1]), create=True) as store:
    repos = Repositories(store)
    incident = repos.incidents.create("x", "natural", "I",
                                      datetime.fromisoformat("2025-07-21T14:30+08:00"), "Z109")
    report = import_files(repos, incident.id, [Path(sys.argv[2])])
    thumbnails = [repos.items.get(i.item_id).file("thumbnail") is not None
                  for i in report.imported]
# This process's own peak (VmHWM). Not ru_maxrss: Linux carries the parent's resident size
# over exec into it, so under a pytest grown large in a full run it reported ~1 GB.
status = Path("/proc/self/status").read_text()
peak_kib = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"report": report.as_dict(), "thumbnails": thumbnails,
                  "peak_mib": peak_kib // 1024}))
"""


def test_enormous_pngs_are_kept_within_a_fixed_memory_budget(tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    for n in range(3):  # 240 megapixels each, under the pixel limit; about 1 GB decoded
        write_huge_png(card / f"scan_{n}.png", 15_000, 16_000, shade=40 * n)
    assert max(p.stat().st_size for p in card.iterdir()) < 2 * 1024 * 1024
    # Measured 100-118 MiB (the program's own imports: Qt, SQLAlchemy, PyAV, Pillow), alone and
    # in a full run alike once the child's own peak is read (the 973 MiB seen before was the
    # pytest parent's size, carried into ru_maxrss over exec). The budget: that, plus what
    # the thumbnails may decode at once (DECODE_BUDGET_PIXELS, 64 Mpx x 4 bytes = 244 MiB),
    # rounded up; one decoded copy of one of these files alone (687 MiB) breaks it, three
    # (what the import took before: 4 GB) by far.
    budget_mib = 384
    done = subprocess.run(
        [sys.executable, "-c", CHILD_IMPORT, str(tmp_path / "store"), str(card), "3072"],
        cwd=Path(__file__).parent.parent, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.splitlines()[-1])
    report = result["report"]
    assert not report["failed"], report["failed"]
    assert len(report["imported"]) == 3
    for imported in report["imported"]:
        assert any("no thumbnail" in w and "15000 x 16000" in w for w in imported["warnings"])
    assert result["thumbnails"] == [False, False, False]
    assert result["peak_mib"] < budget_mib, result


# -- truncation ----------------------------------------------------------------------------


def _cut(source: Path, target: Path, share: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * share)])
    return target


def _wav_with(target: Path, source: Path, *, data_share: float = 1.0,
              riff_delta: int = 0) -> Path:
    """``source`` WAV with only ``data_share`` of its sound, or a RIFF size off by
    ``riff_delta``; the header's sizes are left as they were."""
    data = bytearray(source.read_bytes())
    at = data.find(b"data") + 8
    keep = at + int((len(data) - at) * data_share)
    data = data[:keep]
    riff = int.from_bytes(data[4:8], "little") + riff_delta
    data[4:8] = riff.to_bytes(4, "little")
    target.write_bytes(bytes(data))
    return target


def warnings_of(report: ImportReport, name: str) -> str:
    return " | ".join(next(i.warnings for i in report.imported if i.path.name == name))


def test_damaged_files_are_kept_with_a_warning_saying_what_is_damaged(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    _cut(SAMPLES / "jpg" / "Canon_40D.jpg", card / "cut.jpg", 0.999)
    png = tmp_path / "whole.png"
    Image.effect_noise((400, 300), 60).convert("RGB").save(png)
    _cut(png, card / "cut.png", 0.999)
    wav = make_audio(tmp_path / "tone.wav", "wav", seconds=2.0)
    _wav_with(card / "one_percent.wav", wav, data_share=0.01)
    _wav_with(card / "header_only.wav", wav, data_share=0.0)
    _wav_with(card / "wrong_size.wav", wav, riff_delta=4096)
    video = make_video(tmp_path / "clip.mp4", "mp4")
    _cut(video, card / "cut.mp4", 0.999)
    shutil.copy(GOOD, card / "whole.jpg")

    report = import_files(repos, incident.id, [card])

    assert set(by_name(report).values()) == {"imported"}, by_name(report)
    assert "cut short" in warnings_of(report, "cut.jpg")
    assert "cut short" in warnings_of(report, "cut.png")
    assert "cut short" in warnings_of(report, "one_percent.wav")
    assert "1.0%" in warnings_of(report, "one_percent.wav")
    assert "no sound" in warnings_of(report, "header_only.wav")
    assert "wrong size" in warnings_of(report, "wrong_size.wav")
    assert "cut short" in warnings_of(report, "cut.mp4")
    assert warnings_of(report, "whole.jpg") == ""
    for name in ("cut.jpg", "cut.png"):  # what could be read is shown
        item = repos.items.get(next(i.item_id for i in report.imported if i.path.name == name))
        assert item.file("thumbnail") is not None
        assert "cut short" in " ".join(item.technical["warnings"])
    assert_clean(store)


def test_the_import_list_shows_a_damaged_file_as_imported_with_a_warning(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    _cut(SAMPLES / "jpg" / "Canon_40D.jpg", tmp_path / "cut.jpg", 0.999)
    done = run_cli("import", "--store", str(repos.store.root), "--incident", incident.id,
                   str(tmp_path / "cut.jpg"))
    assert done.returncode == 0, done.stderr
    assert "note: damaged: its picture data is cut short" in done.stdout


# -- capture dates -------------------------------------------------------------------------


def _with_dates(target: Path, modify: str, xmp: bytes) -> Path:
    exif = Image.Exif()
    exif[0x0132] = modify  # IFD0 DateTime, "ModifyDate": when the file was last changed
    Image.new("RGB", (64, 48), "green").save(target, "JPEG", exif=exif, xmp=xmp)
    return target


XMP_ORIGINAL = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
                b'1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:ex="http://'
                b'ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
                b'xmp:CreateDate="2013-07-06T10:00:00Z"><ex:DateTimeOriginal>2013-07-05T03:18:27Z'
                b'</ex:DateTimeOriginal></rdf:Description></rdf:RDF></x:xmpmeta>')


def test_capture_dates_follow_the_archives_order_and_say_where_they_came_from(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    for name in ("BlueSquare.jpg", "no_exif.jpg"):  # XMP CreateDate, IFD0 ModifyDate later
        shutil.copy(SAMPLES / "jpg" / "xmp" / name, card / name)
    shutil.copy(SAMPLES / "jpg" / "Canon_40D.jpg", card / "canon.jpg")
    shutil.copy(SAMPLES / "jpg" / "tests" / "30-type_error.jpg", card / "type_error.jpg")
    _with_dates(card / "edited.jpg", "2013:07:07 17:20:59", XMP_ORIGINAL)
    Image.new("RGB", (64, 48), "grey").save(card / "bare.png")  # says nothing of its date

    report = import_files(repos, incident.id, [card])
    items = {i.path.name: repos.items.get(i.item_id) for i in report.imported}

    def when(name: str) -> str:
        date = items[name].date
        assert date is not None
        return date.isoformat()

    assert when("edited.jpg") == "2013-07-05T03:18:27+00:00"
    assert items["edited.jpg"].technical["date_source"] == "xmp:exif:DateTimeOriginal"
    assert when("type_error.jpg") == "2013-07-05T03:18:27+00:00"  # a real camera's XMP
    assert when("BlueSquare.jpg") == "2005-09-07T15:07:40-07:00"  # not ModifyDate 15:09:51
    assert items["BlueSquare.jpg"].technical["date_source"] == "xmp:xmp:CreateDate"
    assert when("no_exif.jpg") == "2013-09-23T10:09:46+02:00"  # not ModifyDate 2014-09-22
    assert items["canon.jpg"].technical["date_source"] == "exif:DateTimeOriginal (local offset)"
    for name in ("edited.jpg", "BlueSquare.jpg", "no_exif.jpg", "canon.jpg"):
        assert "date_unreliable" not in items[name].technical, name
    bare = items["bare.png"]
    assert bare.technical["date_source"] == "file-modified"
    assert bare.technical["date_unreliable"] is True
    assert any("check the date in the editor" in w
               for w in next(i.warnings for i in report.imported if i.path.name == "bare.png"))


def test_a_damaged_file_whose_name_is_not_utf8_is_kept_and_the_batch_commits(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    """Found by the generated tests: the decoder's message named the file, the name's
    undecodable bytes went into the item's warnings, and the whole group's commit failed."""
    card = tmp_path / "card"
    card.mkdir()
    video = make_video(tmp_path / "clip.mp4", "mp4")
    _cut(video, card / os.fsdecode(b"\x88 clip.mp4"), 0.3)
    shutil.copy(GOOD, card / "good.jpg")

    report = import_files(repos, incident.id, [card])

    assert not report.failed, [f.error for f in report.failed]
    assert len(report.imported) == 2
    assert_clean(store)


def test_a_video_whose_metadata_is_not_utf8_gets_its_poster(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    """Found by the generated tests: the poster's reader raised UnicodeDecodeError on it."""
    data = make_video(tmp_path / "clip.mp4", "mp4").read_bytes()
    at = data.find(b"Lavf")  # the encoder's name in the metadata
    assert at > 0
    odd = tmp_path / "odd.mp4"
    odd.write_bytes(data[:at] + b"\x80\xf4\xa1\xff" + data[at + 4:])

    report = import_files(repos, incident.id, [odd])

    assert not report.failed, [f.error for f in report.failed]
    item = repos.items.get(report.imported[0].item_id)
    assert item.file("poster") is not None
    assert_clean(store)
