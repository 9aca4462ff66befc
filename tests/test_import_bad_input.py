"""Bad input, duplicates, cancel and a full disk: every file gets its own clear result, the
batch goes on, nothing stored is touched and no half-written file or row remains."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.capture import importer
from app.capture.importer import ImportReport, import_files
from app.store.integrity import check_store
from app.store.models import File, ImportBatch, Item
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_import_media import make_audio

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
GOOD = SAMPLES / "jpg" / "gps" / "DSCN0010.jpg"


def by_name(report: ImportReport) -> dict[str, str]:
    """name -> 'imported' | 'duplicate' | 'skipped' | 'failed:<code>'."""
    out = {i.path.name: "imported" for i in report.imported}
    out.update({d.path.name: "duplicate" for d in report.duplicates})
    out.update({s.path.name: "skipped" for s in report.skipped})
    out.update({f.path.name: f"failed:{f.code}" for f in report.failed})
    return out


def error_of(report: ImportReport, name: str) -> str:
    return next(f.error for f in report.failed if f.path.name == name)


def assert_clean(store: Store) -> None:
    """No partial file, no placed file without its row, no row without its file."""
    pending = store.vault.pending
    assert not pending.exists() or not any(pending.iterdir())
    report = check_store(store)
    assert report.ok, [f.message for f in report.findings]


def make_broken_exif(target: Path) -> Path:
    data = GOOD.read_bytes()
    at = data.find(b"Exif\x00\x00")
    length = int.from_bytes(data[at - 2:at], "big")
    junk = b"Exif\x00\x00II*\x00" + (0xFFFFFF).to_bytes(4, "little")
    target.write_bytes(data[:at] + junk.ljust(length - 2, b"\x00") + data[at - 2 + length:])
    return target


def make_bomb(target: Path) -> Path:
    """A 60-kB PNG claiming 20 000 x 20 000 pixels (400 megapixels)."""
    Image.new("1", (20_000, 20_000)).save(target, "PNG", optimize=True)
    return target


def test_each_bad_file_gets_its_own_reason_and_the_batch_goes_on(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    card = tmp_path / "DCIM"
    card.mkdir()
    shutil.copy(GOOD, card / "good.jpg")
    data = GOOD.read_bytes()
    (card / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (card / "empty.jpg").write_bytes(b"")
    (card / "noise.jpg").write_bytes(os.urandom(4096))
    make_bomb(card / "bomb.png")
    make_broken_exif(card / "broken_exif.jpg")
    os.mkfifo(card / "pipe.jpg")
    os.symlink(card / "gone.jpg", card / "dangling.jpg")
    (card / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (card / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (card / "._good.jpg").write_bytes(b"\x00\x05\x16\x07")
    (card / ".Trashes").mkdir()
    (card / ".Trashes" / "old.jpg").write_bytes(data)

    report = import_files(repos, incident.id, [card, tmp_path / "not-there.jpg"])

    assert by_name(report) == {
        "good.jpg": "imported",
        "broken_exif.jpg": "imported",
        "truncated.jpg": "imported",  # what can be read is kept, with a warning
        "empty.jpg": "failed:empty",
        "noise.jpg": "failed:unsupported-format",
        "bomb.png": "failed:too-large",
        "pipe.jpg": "failed:unreadable",
        "dangling.jpg": "failed:unreadable",
        "not-there.jpg": "failed:not-found",
        ".DS_Store": "skipped",
        "Thumbs.db": "skipped",
        "._good.jpg": "skipped",
        ".Trashes": "skipped",
    }
    truncated = next(i for i in report.imported if i.path.name == "truncated.jpg")
    assert any("cut short" in w for w in truncated.warnings)
    assert "empty (0 bytes)" in error_of(report, "empty.jpg")
    assert "decompression bomb" in error_of(report, "bomb.png")
    assert "named pipe" in error_of(report, "pipe.jpg")
    assert "target is missing" in error_of(report, "dangling.jpg")
    assert "does not exist" in error_of(report, "not-there.jpg")
    broken = next(i for i in report.imported if i.path.name == "broken_exif.jpg")
    assert any("EXIF could not be read" in w for w in broken.warnings)
    item = repos.items.get(broken.item_id)
    assert item.file("thumbnail") is not None  # the picture itself is fine
    assert "EXIF could not be read" in " ".join(item.technical["warnings"])
    assert repos.items.count(incident.id) == 3
    assert_clean(store)


def test_each_files_warnings_stay_its_own_while_files_are_probed_side_by_side(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord,
    recwarn: pytest.WarningsRecorder
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    photo = GOOD.read_bytes()
    for n in range(24):  # distinct good files (bytes after the picture's end)...
        (card / f"good_{n:02d}.jpg").write_bytes(photo + n.to_bytes(4, "big"))
    for n in range(0, 24, 6):  # ...and some whose EXIF is damaged, among them
        make_broken_exif(card / f"good_{n:02d}.jpg")
        (card / f"good_{n:02d}.jpg").rename(card / f"broken_{n:02d}.jpg")
        with open(card / f"broken_{n:02d}.jpg", "ab") as f:
            f.write(n.to_bytes(4, "big"))

    report = import_files(repos, incident.id, [card])

    assert len(report.imported) == 24 and not report.failed
    warned = sorted(i.path.name for i in report.imported if i.warnings)
    assert warned == ["broken_00.jpg", "broken_06.jpg", "broken_12.jpg", "broken_18.jpg"]
    # None slipped past the per-file catch (a thread inside another's catch would let go).
    assert [str(w.message) for w in recwarn if "EXIF" in str(w.message)] == []


def test_names_are_kept_as_given_and_recorded_in_nfc(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    nfd = unicodedata.normalize("NFD", "café 现场 ᠮᠣᠩᠭᠣᠯ.jpg")
    assert nfd != unicodedata.normalize("NFC", nfd)
    card = tmp_path / "card"
    card.mkdir()
    shutil.copy(SAMPLES / "jpg" / "Nikon_D70.jpg", card / nfd)
    odd = os.fsdecode(b"IMG \xff\xfe #1 (copy).jpg")  # not valid UTF-8, as old cards have
    shutil.copy(SAMPLES / "jpg" / "Canon_40D.jpg", card / odd)

    (card / os.fsdecode(b"\xff.jpg")).write_bytes(b"")

    report = import_files(repos, incident.id, [card])

    assert [f.error for f in report.failed] == ["\\xff.jpg is empty (0 bytes); there is "
                                                "nothing to keep."]
    json.dumps(report.as_dict(), ensure_ascii=False).encode("utf-8")  # printable as is
    items = {i.path.name: repos.items.get(i.item_id) for i in report.imported}
    first = items[nfd]
    original = first.file("original")
    assert original is not None and original.original_name == nfd
    assert first.technical["nfc_name"] == unicodedata.normalize("NFC", nfd)
    assert first.title == unicodedata.normalize("NFC", "café 现场 ᠮᠣᠩᠭᠣᠯ")
    second = items[odd]
    assert second.technical["original_name_bytes"] == b"IMG \xff\xfe #1 (copy).jpg".hex()
    assert second.title == "IMG \ufffd\ufffd #1 (copy)"
    shown = [i["path"] for i in report.as_dict()["imported"]]  # printable for the CLI
    assert any(p.endswith("IMG \\xff\\xfe #1 (copy).jpg") for p in shown), shown


def test_duplicates_are_reported_not_stored_twice(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    for name in ("Nikon_D70.jpg", "Canon_40D.jpg"):
        shutil.copy(SAMPLES / "jpg" / name, folder / name)
    shutil.copy(SAMPLES / "jpg" / "Nikon_D70.jpg", folder / "Nikon_D70_copy.jpg")

    first = import_files(repos, incident.id, [folder])
    again = import_files(repos, incident.id, [folder])

    assert len(first.imported) == 2
    # The copy in the same batch is a duplicate of the file imported just before it.
    assert [d.path.name for d in first.duplicates] == ["Nikon_D70_copy.jpg"]
    ids = {i.path.name: i.item_id for i in first.imported}
    assert first.duplicates[0].item_id == ids["Nikon_D70.jpg"]
    assert not again.imported and not again.failed
    assert {d.path.name: d.item_id for d in again.duplicates} == {
        "Nikon_D70.jpg": ids["Nikon_D70.jpg"], "Canon_40D.jpg": ids["Canon_40D.jpg"],
        "Nikon_D70_copy.jpg": ids["Nikon_D70.jpg"]}
    assert again.batch_id is None  # nothing stored: no empty batch either
    assert repos.items.count(incident.id) == 2
    assert_clean(store)


def test_the_store_itself_is_never_imported(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    shutil.copy(GOOD, tmp_path / "photo.jpg")
    import_files(repos, incident.id, [GOOD])  # the vault now holds files too

    report = import_files(repos, incident.id, [tmp_path])  # the store is inside tmp_path

    assert [i.path.name for i in report.imported] == []
    assert [d.path.name for d in report.duplicates] == ["photo.jpg"]
    assert [s.path for s in report.skipped] == [store.root]
    assert not report.failed


def test_the_same_file_in_another_incident_is_not_a_duplicate(
    repos: Repositories, incident: IncidentRecord
) -> None:
    other = repos.incidents.create("另一事件", "accident", "III",
                                   datetime.fromisoformat("2025-08-01T09:00:00+08:00"), "Z109")
    import_files(repos, incident.id, [GOOD])
    assert len(import_files(repos, other.id, [GOOD]).imported) == 1


def test_provenance_is_stored_with_every_item_of_the_batch(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    report = import_files(
        repos, incident.id, [SAMPLES / "jpg" / "gps"], source_channel="社会征集",
        provenance={"donor": "李华", "contact": "138-0000-0000", "authorisation": "授权书 7 号",
                    "copyright": "捐赠者保留署名权", "open_status": "开放"},
    )
    assert len(report.imported) == 4
    with store.reader() as s:
        batch = s.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert batch.source_channel == "donation"
        assert batch.provenance == {"donor": "李华", "contact": "138-0000-0000",
                                    "authorisation": "授权书 7 号",
                                    "copyright": "捐赠者保留署名权", "open_status": "open"}
    for i in report.imported:
        item = repos.items.get(i.item_id)
        assert item.batch_id == report.batch_id
        assert item.source_channel == "donation"
        assert item.creator == "李华"  # the donor made it, not the archivist
        assert item.open_status == "open"


def test_cancel_between_files_keeps_what_finished(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    cancel = threading.Event()

    def on_result(outcome: object) -> None:
        if isinstance(outcome, importer.Imported):  # the first file is in: stop
            cancel.set()

    # More files than are ever staged at once: distinct copies of one photo.
    photo = (SAMPLES / "jpg" / "gps" / "DSCN0010.jpg").read_bytes()
    files = []
    for n in range(3 * importer.LOOK_AHEAD):
        files.append(tmp_path / f"DSC_{n:04d}.JPG")
        files[-1].write_bytes(photo + n.to_bytes(4, "big"))  # after the picture's end
    report = import_files(repos, incident.id, files, on_result=on_result, cancel=cancel)

    assert report.cancelled
    assert report.imported and report.not_started
    ended = [*report.imported, *report.duplicates, *report.failed, *report.skipped]
    assert sorted([*(o.path for o in ended), *report.not_started]) == sorted(files)
    assert repos.items.count(incident.id) == len(report.imported)
    assert_clean(store)


def test_cancel_in_the_middle_of_a_copy_leaves_no_partial_file(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    big = make_audio(tmp_path / "long.wav", "wav", seconds=60.0)  # about 11 MB
    assert big.stat().st_size > 8 * 1024 * 1024
    cancel = threading.Event()

    def progress(done: int, total: int, text: str) -> None:
        if "long.wav" in text and done > 3 * 1024:  # 3 MB into the copy
            cancel.set()

    report = import_files(repos, incident.id, [GOOD, big], progress=progress, cancel=cancel)

    assert report.cancelled
    assert [i.path.name for i in report.imported] == ["DSCN0010.jpg"]
    assert [p.name for p in report.not_started] == ["long.wav"]
    with store.reader() as s:
        assert s.scalar(select(func.count()).select_from(File)) == 2  # original + thumbnail
        assert s.scalar(select(func.count()).select_from(Item)) == 1
    assert len(list(store.vault.iter_files())) == 2
    assert_clean(store)


@pytest.fixture
def small_disk(tmp_path: Path) -> object:
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip()})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("when", ["checked-before-copying", "found-while-copying"])
def test_a_full_disk_stores_what_fits_and_fails_the_rest_cleanly(
    tmp_path: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    if when == "found-while-copying":
        # No room check before copying: the vault itself meets ENOSPC mid-copy.
        monkeypatch.setattr(importer, "FREE_SPACE_RESERVE", -(1 << 40))
    sources = tmp_path / "recorder"
    sources.mkdir()
    # Eight different WAV files of about 860 kB: about 7 MB, on a 5 MB disk.
    for n in range(8):
        make_audio(sources / f"take{n}.wav", "wav", seconds=4.5, tone=300.0 + 40 * n)
    with Store.open(small_disk / "store", create=True) as store:
        repos = Repositories(store)
        incident = repos.incidents.create(
            "洪水", "natural", "II", datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
            "Z109")

        report = import_files(repos, incident.id, [sources])

        assert report.imported, "some files fit"
        assert report.failed, "not all files fit"
        assert len(report.imported) + len(report.failed) == 8
        for f in report.failed:
            assert "disk is full" in f.error and f.code == "disk-full", f.error
        for i in report.imported:  # what was stored is whole
            stored = repos.items.get(i.item_id).file("original")
            assert stored is not None
            with repos.items.open_file(stored.vault_path) as fh:
                assert fh.read() == i.path.read_bytes()
        assert repos.items.count(incident.id) == len(report.imported)
        assert_clean(store)
