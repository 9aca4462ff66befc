"""What a probe with hostile files found, each kept from coming back: links out of the chosen
folders, files swapped or changed while imported, damaged and enormous media, names with
control characters or bytes that are not UTF-8, and dates from the wrong tag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.capture.importer import ImportReport, import_files
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_import_bad_input import GOOD, assert_clean, by_name

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
