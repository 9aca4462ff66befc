"""Photo import on real camera files (tests/data/camera-samples, see its README.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from app.capture.importer import ImportReport, import_files
from app.store.digests import complete_digests
from app.store.hashing import new_sm3
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import ItemRecord
from app.store.store import Store

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
PICTURES = [p for p in sorted(SAMPLES.rglob("*")) if p.is_file()
            and p.suffix.lower() in (".jpg", ".tiff", ".heic")]

# Read once with Pillow's raw tags and checked by eye against the files' own tags.
CAMERAS = {
    "Canon_40D.jpg": ("2008-05-30 15:56:01", "Canon", "Canon EOS 40D"),
    "Canon_PowerShot_S40.jpg": ("2003-12-14 12:01:44", "Canon", "Canon PowerShot S40"),
    "Fujifilm_FinePix_E500.jpg": ("2006-08-17 09:24:48", "FUJIFILM", "FinePix E500"),
    "Nikon_D70.jpg": ("2008-03-15 09:52:01", "NIKON CORPORATION", "NIKON D70"),
    "Olympus_C8080WZ.jpg": ("2006-10-22 15:44:29", "OLYMPUS CORPORATION", "C8080WZ"),
    "Panasonic_DMC-FZ30.jpg": ("2008-07-16 11:33:20", "Panasonic", "DMC-FZ30"),
    "Pentax_K10D.jpg": ("2008-05-04 16:47:24", "PENTAX Corporation", "PENTAX K10D"),
    "Sony_HDR-HC3.jpg": ("2007-06-15 04:42:32", "SONY", "HDR-HC3"),
}


def dms(d: float, m: float, s: float) -> float:
    return d + m / 60 + s / 3600


# GPS from the files' GPS IFDs (degrees, minutes, seconds as stored), converted by hand.
GPS = {
    "DSCN0010.jpg": (dms(43, 28, 2.814), dms(11, 53, 6.45599999), None),
    "DSCN0012.jpg": (dms(43, 28, 1.76399999), dms(11, 53, 7.42199999), None),
    "DSCN0021.jpg": (dms(43, 28, 1.49399999), dms(11, 53, 4.33799999), None),
    "DSCN0025.jpg": (dms(43, 28, 6.114), dms(11, 52, 53.8859999), None),
    "67-0_length_string.jpg": (dms(51, 1, 30), dms(7, 35, 31), 340.0),
    "IMG_5195.HEIC": (dms(39, 3, 4.84), -dms(94, 17, 19.58), 260.561),
}


@dataclass
class Imported:
    store: Store
    repos: Repositories
    report: ImportReport
    items: dict[str, ItemRecord]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    """All the samples imported once into one store (reading tests share it)."""
    store = Store.open(tmp_path_factory.mktemp("photos") / "store", create=True)
    repos = Repositories(store)
    incident = repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109")
    report = import_files(repos, incident.id, [SAMPLES / "jpg", SAMPLES / "tiff",
                                               SAMPLES / "heic"])
    # The import leaves the originals' SM3 to the digest pass, as the command line runs it.
    assert all(repos.items.get(i.item_id).file("original").sm3 == ""  # type: ignore[union-attr]
               for i in report.imported)
    digests = complete_digests(store)
    assert digests.done == len(report.imported) and not digests.problems
    items = {i.path.name: repos.items.get(i.item_id) for i in report.imported}
    yield Imported(store, repos, report, items)
    store.close()


def read(repos: Repositories, vault_path: str) -> bytes:
    with repos.items.open_file(vault_path) as f:
        return f.read()


def open_stored(repos: Repositories, item: ItemRecord, role: str) -> Image.Image:
    stored = item.file(role)
    assert stored is not None, f"{item.title} has no {role}"
    with repos.items.open_file(stored.vault_path) as f:
        im = Image.open(f)
        im.load()
    return im


def test_every_camera_sample_is_stored_bit_identical(imported: Imported) -> None:
    report, items, repos = imported.report, imported.items, imported.repos
    assert not report.failed, report.failed
    assert sorted(items) == sorted(p.name for p in PICTURES)
    for path in PICTURES:
        item = items[path.name]
        original = item.file("original")
        assert original is not None
        source = path.read_bytes()
        back = read(repos, original.vault_path)
        assert hashlib.sha256(back).hexdigest() == hashlib.sha256(source).hexdigest()
        assert original.sha256 == hashlib.sha256(source).hexdigest()
        sm3 = new_sm3()
        sm3.update(source)
        assert original.sm3 == sm3.hexdigest()
        assert original.size == len(source)
        assert original.original_name == path.name
        assert item.kind == "photo" and item.category == "ZP"
        assert item.title == path.stem
        json.dumps(item.technical)  # the raw EXIF dump is JSON-safe
    assert check_store(imported.store).ok


def test_exif_date_make_model_are_read(imported: Imported) -> None:
    items = imported.items
    for name, (when, make, model) in CAMERAS.items():
        item = items[name]
        assert item.date is not None
        # No offset in these files: the wall-clock time is kept, with this machine's offset.
        assert item.date.replace(tzinfo=None) == datetime.fromisoformat(when), name
        assert item.technical["date_source"] == "exif:DateTimeOriginal (local offset)"
        assert item.technical["make"] == make.strip()
        assert item.technical["model"] == model.strip()
        assert item.technical["exif"]["Exif"]["DateTimeOriginal"] == when.replace("-", ":")
        assert item.technical["width"] > 0 and item.technical["height"] > 0


def test_heic_date_keeps_its_offset_and_gets_a_jpeg_archival_copy(imported: Imported) -> None:
    items, repos = imported.items, imported.repos
    item = items["IMG_5195.HEIC"]
    assert item.date is not None
    assert item.date.utcoffset() == timedelta(hours=-5)
    assert item.date.replace(tzinfo=None, microsecond=0) == datetime(2021, 4, 11, 15, 47, 53)
    assert item.technical["make"] == "Apple" and item.technical["model"] == "iPhone 11 Pro Max"
    assert item.technical["lens"] == "Apple iPhone 11 Pro Max back triple camera 4.25mm f/1.8"
    original, archival = item.file("original"), item.file("archival")
    thumbnail = item.file("thumbnail")
    assert original is not None and archival is not None and thumbnail is not None
    assert original.format == "image/heic"
    assert original.sha256 == hashlib.sha256((SAMPLES / "heic" / "IMG_5195.HEIC")
                                             .read_bytes()).hexdigest()
    assert archival.format == "image/jpeg" and archival.derived_from == original.id
    assert thumbnail.derived_from == archival.id
    jpeg = open_stored(repos, item, "archival")
    assert jpeg.format == "JPEG"
    assert jpeg.size == (item.technical["width"], item.technical["height"])
    assert jpeg.getexif()[0x010F] == "Apple"  # the archival copy carries the EXIF


def test_gps_position_and_altitude(imported: Imported) -> None:
    items = imported.items
    for name, (lat, lon, alt) in GPS.items():
        item = items[name]
        assert item.latitude == pytest.approx(lat, abs=1e-6), name
        assert item.longitude == pytest.approx(lon, abs=1e-6), name
        if alt is None:
            assert item.altitude is None
        else:
            assert item.altitude == pytest.approx(alt, abs=1e-3), name
    assert items["Nikon_D70.jpg"].latitude is None


def _difference(a: Image.Image, b: Image.Image) -> float:
    b = b.resize(a.size)
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean)


def test_thumbnails_are_upright_whatever_the_exif_orientation(imported: Imported) -> None:
    items, repos = imported.items, imported.repos
    for group, orientations in (("landscape", (1, 3, 6, 8)), ("portrait", (1, 6))):
        reference = open_stored(repos, items[f"{group}_1.jpg"], "thumbnail")
        assert max(reference.size) == 320
        assert (reference.width > reference.height) == (group == "landscape")
        for n in orientations:
            item = items[f"{group}_{n}.jpg"]
            assert item.technical["orientation"] == n
            thumb = open_stored(repos, item, "thumbnail")
            assert thumb.size == reference.size, item.title
            # Same scene the same way up: the samples differ in the digit drawn in the
            # middle, their crop and JPEG noise. Turned or mirrored, far more.
            same = _difference(reference, thumb)
            assert same < 60, item.title
            for wrong in (Image.Transpose.ROTATE_180, Image.Transpose.FLIP_LEFT_RIGHT,
                          Image.Transpose.FLIP_TOP_BOTTOM):
                assert _difference(reference, thumb.transpose(wrong)) > 2 * same, item.title


def test_creator_is_the_exif_artist_else_the_operator(imported: Imported) -> None:
    items = imported.items
    assert items["long_description.jpg"].creator == "SSG KYLE DAVIS"
    assert items["Nikon_D70.jpg"].creator  # the OS user when no operator is configured


def test_operator_is_the_creator_of_photos_without_artist(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    repos.operators.add("王敏", "旗档案馆", "archivist")  # the first is the default
    report = import_files(repos, incident.id, [SAMPLES / "jpg" / "Nikon_D70.jpg"])
    assert repos.items.get(report.imported[0].item_id).creator == "王敏"


def test_tiff_and_broken_exif_samples_have_thumbnails(imported: Imported) -> None:
    items, repos = imported.items, imported.repos
    for name in ("Arbitro.tiff", "BSG1.tiff", "30-type_error.jpg", "35-empty.jpg",
                 "45-gps_ifd.jpg", "corrupted.jpg", "no_exif.jpg", "BlueSquare.jpg"):
        thumb = open_stored(repos, items[name], "thumbnail")
        assert thumb.format == "JPEG" and max(thumb.size) <= 320


def test_raw_files_are_kept_as_received(tmp_path: Path, repos: Repositories,
                                        incident: IncidentRecord) -> None:
    # A DNG-shaped TIFF (DNGVersion tag) made here: RAW is identified by its content.
    raw = tmp_path / "IMG_0001.DNG"
    Image.new("RGB", (64, 48), (90, 120, 30)).save(
        raw, "TIFF", tiffinfo={50706: b"\x01\x04\x00\x00", 271: "Canon", 272: "EOS R5"})
    item = repos.items.get(import_files(repos, incident.id, [raw]).imported[0].item_id)
    original = item.file("original")
    assert item.kind == "photo"
    assert original is not None and original.format == "image/x-adobe-dng"
    assert read(repos, original.vault_path) == raw.read_bytes()


def test_a_structurally_damaged_jpeg_is_stored_with_a_warning(
        tmp_path: Path, repos: Repositories, incident: IncidentRecord) -> None:
    good, bad = SAMPLES / "jpg" / "Canon_40D.jpg", SAMPLES / "jpg" / "corrupted.jpg"
    report = import_files(repos, incident.id, [good, bad])
    by_name = {i.path.name: i for i in report.imported}
    assert by_name["Canon_40D.jpg"].warnings == ()
    (warning,) = by_name["corrupted.jpg"].warnings
    assert "picture data is damaged" in warning
    stored = repos.items.get(by_name["corrupted.jpg"].item_id)
    assert any("damaged" in w for w in stored.technical["warnings"])


def test_the_structure_check_names_a_missing_end_marker(tmp_path: Path) -> None:
    from app.capture.jpeg_check import jpeg_problem

    whole = SAMPLES / "jpg" / "Canon_PowerShot_S40.jpg"
    assert jpeg_problem(whole) is None
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[:-300])
    problem = jpeg_problem(cut)
    assert problem is not None and "ends before its end marker" in str(problem)
