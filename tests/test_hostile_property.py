"""Hostile input, generated: batches of damaged media and odd names through the real
importer on a real store. Whatever the bytes and the names, each file gets exactly one clear
result (imported, duplicate, skipped or a known failure, never an internal error), no batch
hangs, the rest of the batch is processed, and the store checks clean afterwards.

The number of generated batches is ``FA_HOSTILE_EXAMPLES`` (default 30, a few seconds of
CI); set it higher for a longer local run, e.g. ``FA_HOSTILE_EXAMPLES=2000``.
"""

from __future__ import annotations

import io
import os
import threading
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.capture.importer import ImportReport, import_files, terminal_text
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_import_media import make_audio, make_video

EXAMPLES = int(os.environ.get("FA_HOSTILE_EXAMPLES", "30"))
BATCH_SECONDS = 120  # a batch of at most six small files taking longer than this has hung
WINDOWS_RESERVED = ["CON", "PRN.jpg", "AUX.wav", "NUL", "COM1.jpg", "LPT1.mp4", "con.png"]


def _seeds(folder: Path) -> dict[str, bytes]:
    """Small valid files of each kind the generated ones are made from."""
    jpeg, png = io.BytesIO(), io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "FieldCam"
    Image.effect_noise((96, 64), 50).convert("RGB").save(jpeg, "JPEG", exif=exif)
    Image.effect_noise((48, 32), 50).convert("RGB").save(png, "PNG")
    wav = make_audio(folder / "seed.wav", "wav", seconds=0.3)
    mp4 = make_video(folder / "seed.mp4", "mp4", seconds=0.5, size=(64, 48))
    return {"jpg": jpeg.getvalue(), "png": png.getvalue(), "wav": wav.read_bytes(),
            "mp4": mp4.read_bytes()}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Repositories, IncidentRecord, dict[str, bytes], Path]]:
    root = tmp_path_factory.mktemp("hostile")
    seeds = _seeds(root)
    secret = root / "laptop" / "secret.jpg"
    secret.parent.mkdir()
    secret.write_bytes(seeds["jpg"])
    with Store.open(root / "store", create=True) as store:
        repos = Repositories(store)
        incident = repos.incidents.create("某旗地震", "natural", "I",
                                          datetime.fromisoformat("2025-07-21T14:30+08:00"),
                                          "Z109")
        yield repos, incident, seeds, secret
        report = check_store(store)  # after every batch: nothing half-written anywhere
        assert report.ok, [f.message for f in report.findings]
        assert not any(store.vault.pending.iterdir())


@st.composite
def contents(draw: st.DrawFn, seeds: dict[str, bytes]) -> bytes:
    data = seeds[draw(st.sampled_from(sorted(seeds)))]
    how = draw(st.sampled_from(["whole", "cut", "flipped", "junk", "exif", "empty"]))
    if how == "cut":
        return data[:draw(st.integers(1, len(data) - 1))]
    if how == "flipped":  # bytes changed past the magic number
        out = bytearray(data)
        for at in draw(st.lists(st.integers(12, len(data) - 1), min_size=1, max_size=12)):
            out[at] = draw(st.integers(0, 255))
        return bytes(out)
    if how == "junk":  # a valid header, then anything
        return data[:draw(st.integers(4, 96))] + draw(st.binary(max_size=4096))
    if how == "exif":  # a JPEG whose EXIF block is random bytes
        block = b"Exif\x00\x00" + draw(st.binary(min_size=8, max_size=600))
        return (seeds["jpg"][:2] + b"\xff\xe1" + (len(block) + 2).to_bytes(2, "big") + block
                + seeds["jpg"][2:])
    if how == "empty":
        return b""
    return data


def _valid(name: str) -> bool:
    raw = os.fsencode(name)
    return 0 < len(raw) <= 255 and b"/" not in raw and b"\x00" not in raw \
        and name not in (".", "..")


NAME_CHARS = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
names = st.one_of(
    st.text(NAME_CHARS, min_size=1, max_size=30),  # control characters, newlines, any script
    st.text(NAME_CHARS, min_size=1, max_size=20).map(lambda s: unicodedata.normalize("NFD",
                                                                               s + "é.jpg")),
    st.binary(min_size=1, max_size=30).map(os.fsdecode),  # not UTF-8, as old cards have
    st.sampled_from(WINDOWS_RESERVED),
    st.integers(1, 3).map(lambda n: "现" * (85 - n) + "场" * n),  # 255 bytes
    st.sampled_from(["a\nb.jpg", "line\r.wav", "\x1b[31mred.png", "tab\t.mp4", " lead.jpg"]),
).filter(_valid)


# One pytest test runs every batch: its time limit grows with the count (a hung batch is
# caught on its own, after BATCH_SECONDS).
@pytest.mark.timeout(max(300, 2 * EXAMPLES))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_any_batch_of_hostile_files_gets_one_clear_result_per_file(
    world: tuple[Repositories, IncidentRecord, dict[str, bytes], Path],
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    repos, incident, seeds, secret = world
    folder = tmp_path_factory.mktemp("card")
    batch = data.draw(st.lists(st.tuples(names, contents(seeds)), min_size=1, max_size=6,
                               unique_by=lambda pair: os.fsencode(pair[0])))
    expected: set[Path] = set()
    for name, content in batch:
        (folder / name).write_bytes(content)
        expected.add(folder / name)
    if data.draw(st.booleans()):  # links out of the card, and in circles
        os.symlink(secret, folder / "IMG_9999.jpg")
        os.symlink("loop_b", folder / "loop_a")
        os.symlink("loop_a", folder / "loop_b")
        expected |= {folder / "IMG_9999.jpg", folder / "loop_a", folder / "loop_b"}

    done: list[ImportReport] = []
    worker = threading.Thread(target=lambda: done.append(
        import_files(repos, incident.id, [folder])), daemon=True)
    worker.start()
    worker.join(BATCH_SECONDS)
    assert done, f"the import hung on {[n for n, _ in batch]!r}"
    report = done[0]

    outcomes = ([i.path for i in report.imported] + [d.path for d in report.duplicates]
                + [f.path for f in report.failed] + [s.path for s in report.skipped])
    assert sorted(outcomes) == sorted(expected)  # one result for each, none lost
    for failed in report.failed:
        assert failed.code != "internal-error", failed.error
        assert failed.error.strip()
        assert "\n" not in terminal_text(failed.error)
    for link in ("IMG_9999.jpg", "loop_a", "loop_b"):
        assert folder / link not in {i.path for i in report.imported}
