"""Packages as the second source of the read interface: real packages from the real export
(two bags of one group from one team, a ZIP from another team of the same incident) read
from their own files, browsed as one, each item's origin kept, nothing written in them."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from PIL import Image

from app.export.package_review import (
    PackageReviewReader,
    open_packages,
    open_review,
    verify_packages,
)
from app.store.errors import NotAStore, NotFound
from app.store.worklog_records import LogFilter
from tests.export_support import JPEGS
from tests.package_review_support import Packages, packages
from tests.review_support import read_only_mount, review_cache, tree_state
from tests.review_walk import query_only, walk

__all__ = ["packages", "review_cache"]


def states(p: Packages) -> dict[str, object]:
    return {str(path): tree_state(path) for path in p.bags} | {
        str(p.zip): tree_state(p.zip.parent)}


def test_bags_and_a_zip_of_one_incident_are_browsed_as_one(packages: Packages,
                                                           review_cache: Path) -> None:
    before = states(packages)
    with open_packages([*packages.bags, packages.zip]) as reader:
        assert isinstance(reader, PackageReviewReader)
        [incident] = reader.incidents.list()  # two teams' stores, one incident number
        assert incident.number == "EQ2025-01" and incident.item_count == 5
        items = reader.items.list(incident.id)
        assert sorted(i.archival_code or "" for i in items) == sorted(
            packages.codes_a + packages.codes_b)
        origins = reader.origins([i.id for i in items])
        by_code = {i.archival_code: origins[i.id] for i in items}
        assert {by_code[c] for c in packages.codes_a} == {p.name for p in packages.bags}
        assert {by_code[c] for c in packages.codes_b} == {packages.zip.name}
        # The bytes are the originals', read from the packages (folder and ZIP alike).
        originals = {p.read_bytes() for p in JPEGS[:5]}
        for item in items:
            original = item.file("original")
            assert original is not None
            with reader.items.open_file(original.vault_path) as f:
                assert f.read() in originals
            assert reader.source.vault.path_to_read(original.vault_path).read_bytes() in (
                originals)
        # Both teams' work logs, corrections and review states.
        views = reader.log.page(incident.id)
        contents = {v.entry.content for v in views}
        assert {"YJB到达震中某镇中心小学，开始拍摄。",
                "XFD接收旗融媒体中心移交的照片。"} <= contents
        assert reader.log.count(incident.id, LogFilter(review_status="unreviewed")) == 2
        corrected = next(v for v in views if v.entry.content.startswith("YJB到达"))
        assert len(reader.log.history(corrected.entry.id).versions) == 2
        # Search and the dashboard read the same database.
        hits = reader.search.search("接收", incident_ref=incident.id)
        assert len(hits) >= 2  # one entry of each team's log
        assert reader.search.search(packages.codes_b[0])
        assert reader.audit.list(item_id=items[0].id)
        head = reader.head()
        assert head.recorded is not None and head.tail is not None
        assert {p.name for p in reader.packages} == {p.name for p in packages.bags} | {
            packages.zip.name}
        assert all(p.fingerprint and p.tagmanifest_sha256 for p in reader.packages)
        assert reader.damage == ()
        assert states(packages) == before  # while it is open
        cache = reader.source.snapshot_dir
        assert cache is not None and cache.is_relative_to(review_cache)
    assert states(packages) == before
    assert not cache.exists()


def test_nothing_reachable_from_the_reader_can_write(packages: Packages,
                                                     review_cache: Path) -> None:
    with open_review([packages.zip]) as reader:
        found = walk(reader, "reader")
        assert found.writers == []
        assert found.engines and all(query_only(e) for e in found.engines)
        with pytest.raises(NotFound):
            reader.items.open_file("1/../../etc/passwd")


def test_review_from_a_read_only_mount(packages: Packages, tmp_path: Path,
                                       review_cache: Path) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    for bag in packages.bags:
        shutil.copytree(bag, disc / bag.name)
    shutil.copy2(packages.zip, disc / packages.zip.name)
    before = tree_state(disc)
    with read_only_mount(disc, tmp_path / "mnt") as mnt:
        paths = sorted(mnt.iterdir())
        with open_review(paths) as reader:
            [incident] = reader.incidents.list()
            assert incident.item_count == 5
            for item in reader.items.list(incident.id):
                original = item.file("original")
                assert original is not None
                reader.source.vault.path_to_read(original.vault_path).read_bytes()
            report = verify_packages(reader, str)
            assert [v.passed for v in report.verdicts] == [True, True, True]
            # Only the warning a package carries: one log entry per team is unreviewed.
            assert {f.kind for f in report.findings} == {"worklog-reviewed"}
            assert tree_state(mnt) == before
        assert tree_state(mnt) == before
    assert tree_state(disc) == before


def damaged_copy(packages: Packages, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The first bag with a flipped byte, a missing file and a malformed item XML."""
    bag = tmp_path / packages.bags[0].name
    shutil.copytree(packages.bags[0], bag)
    folders = sorted((bag / "data" / "Z109" / "ZP").iterdir())
    flipped, missing = folders[0], folders[1]
    photo = next(flipped.glob("*-001.*"))
    data = bytearray(photo.read_bytes())
    data[len(data) // 2] ^= 0x01
    photo.write_bytes(bytes(data))
    next(missing.glob("*-001.*")).unlink()
    xml = missing / f"{missing.name}.xml"
    xml.write_bytes(xml.read_bytes()[:200])
    return bag, {"flipped": flipped.name, "missing": missing.name}


def test_a_damaged_package_opens_what_it_can_and_says_where(packages: Packages,
                                                           tmp_path: Path,
                                                           review_cache: Path) -> None:
    bag, names = damaged_copy(packages, tmp_path)
    before = tree_state(bag)
    with open_review([bag]) as reader:
        [incident] = reader.incidents.list()
        items = {i.archival_code: i for i in reader.items.list(incident.id)}
        assert set(items) == {names["flipped"], names["missing"]}  # both still listed
        damaged = items[names["missing"]]
        assert damaged.title  # from the catalogue row, its own XML being unreadable
        subjects = {(d.subject, d.item_id) for d in reader.damage}
        xml_rel = f"data/Z109/ZP/{names['missing']}/{names['missing']}.xml"
        assert (xml_rel, damaged.id) in subjects
        assert any("not well-formed XML" in str(d.message) for d in reader.damage)
        report = verify_packages(reader, str)
        assert not report.ok and report.verdicts[0].passed is False
        flipped = items[names["flipped"]]
        on_flipped = [f for f in report.findings if f.item_id == flipped.id]
        assert any(f.kind == "digests-match" for f in on_flipped)
        assert any(f.item_id == damaged.id for f in report.findings)
        with pytest.raises(NotFound):  # the flipped one still reads; the missing one says so
            reader.items.open_file(f"1/data/Z109/ZP/{names['missing']}/x.jpg")
    assert tree_state(bag) == before


def test_verify_in_the_panel_can_be_cancelled(packages: Packages, review_cache: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with open_review([packages.zip]) as reader:
        assert verify_packages(reader, str, cancel=cancel).cancelled


def test_a_store_and_packages_do_not_mix(packages: Packages, tmp_path: Path,
                                        review_cache: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "archive.sqlite").write_bytes(b"")
    with pytest.raises(NotAStore, match="one store at a time"):
        open_review([store, packages.zip])
    with pytest.raises(NotAStore, match="neither a FieldArchive store nor a transfer"):
        open_review([tmp_path])


def test_a_changed_byte_in_a_zip_is_named_on_its_item(packages: Packages, tmp_path: Path,
                                                      review_cache: Path) -> None:
    import zipfile

    disc = tmp_path / "disc"
    disc.mkdir()
    damaged = disc / packages.zip.name
    shutil.copy2(packages.zip, damaged)
    with zipfile.ZipFile(damaged) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("-001.jpg"))
        code = info.filename.rsplit("/", 2)[-2]
    with open(damaged, "r+b") as f:  # a byte of the entry's data, past its local header
        f.seek(info.header_offset + 26)
        name_len, extra_len = (int.from_bytes(f.read(2), "little") for _ in range(2))
        f.seek(info.header_offset + 30 + name_len + extra_len + info.file_size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0x01]))
    before = tree_state(disc)
    with open_review([damaged]) as reader:
        [incident] = reader.incidents.list()
        items = {i.archival_code: i for i in reader.items.list(incident.id)}
        assert set(items) == set(packages.codes_b)  # the metadata still reads
        report = verify_packages(reader, str)
        mine = [f for f in report.findings if f.item_id == items[code].id]
        assert mine and not report.passed
        original = items[code].file("original")
        assert original is not None
        with pytest.raises(zipfile.BadZipFile), reader.items.open_file(
                original.vault_path) as f:
            f.read()  # the CRC check refuses the changed bytes
    assert tree_state(disc) == before


def test_the_library_shows_pictures_made_from_the_package(packages: Packages,
                                                           review_cache: Path) -> None:
    # A package carries no thumbnails: review makes them in its cache, never in the package.
    before = states(packages)
    with open_packages([*packages.bags, packages.zip]) as reader:
        [incident] = reader.incidents.list()
        items = reader.items.list(incident.id)
        made = [reader.library.thumbnail(i.id) for i in items]
        assert all(m is not None for m in made)
        with Image.open(io.BytesIO(made[0] or b"")) as picture:
            assert picture.format == "JPEG" and max(picture.size) <= 320
        cache = reader.source.snapshot_dir
        assert cache is not None
        assert len(list((cache / "thumbnails").glob("*.jpg"))) == len(
            {i.file("original").sha256 for i in items if i.file("original")})  # type: ignore[union-attr]
        # Asked again, it comes from the cache.
        assert reader.library.thumbnail(items[0].id) == made[0]
    assert states(packages) == before
