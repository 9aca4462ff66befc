"""`fieldarchive import` and `fieldarchive physical` as a user drives them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.store.models import ImportBatch
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_import_media import make_video

SAMPLES = Path(__file__).parent / "data" / "camera-samples"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """A camera card: two photos, a copy of one, a broken file and Mac litter."""
    folder = tmp_path / "card" / "DCIM"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES / "jpg" / "Nikon_D70.jpg", folder / "DSC_0001.JPG")
    shutil.copy(SAMPLES / "jpg" / "gps" / "DSCN0010.jpg", folder / "DSC_0002.JPG")
    shutil.copy(SAMPLES / "jpg" / "Nikon_D70.jpg", folder / "DSC_0003.JPG")
    (folder / "DSC_0004.JPG").write_bytes(b"")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return folder.parent


def test_import_json_has_one_entry_per_file_and_fails_when_a_file_failed(
    card: Path, store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "import", "--store", str(store_path), "--incident",
                         incident.id, "--json", str(card))

    assert code == 1  # one file failed; the others are in all the same
    result = json.loads(out)
    assert [sorted(i) for i in result["imported"]] == [
        ["id", "kind", "path", "sha256", "warnings"]] * 2
    assert [Path(i["path"]).name for i in result["imported"]] == ["DSC_0001.JPG",
                                                                   "DSC_0002.JPG"]
    assert {i["kind"] for i in result["imported"]} == {"photo"}
    assert result["duplicates"] == [{"path": str(card / "DCIM" / "DSC_0003.JPG"),
                                     "id": result["imported"][0]["id"]}]
    assert [(Path(f["path"]).name, f["code"]) for f in result["failed"]] == [
        ("DSC_0004.JPG", "empty")]
    assert "empty" in result["failed"][0]["error"]
    assert [Path(s["path"]).name for s in result["skipped"]] == [".DS_Store"]
    assert Repositories(store).items.count(incident.id) == 2


def test_import_again_reports_duplicates_and_succeeds(
    card: Path, store_path: Path, incident: IncidentRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    (card / "DCIM" / "DSC_0004.JPG").unlink()
    first_code, _, _ = cli(capsys, "import", "--store", str(store_path), "--incident",
                           incident.id, str(card))
    code, out, err = cli(capsys, "import", "--store", str(store_path), "--incident",
                         incident.id, str(card))

    assert first_code == 0
    assert code == 0 and err == ""
    assert out.count("duplicate  ") == 3
    assert "0 imported, 3 duplicate(s), 1 skipped, 0 failed." in out


def test_import_prints_each_reason_and_one_error_line(
    card: Path, store_path: Path, incident: IncidentRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "import", "--store", str(store_path), "--incident",
                         incident.id, str(card))

    assert code == 1
    assert "FAILED     " in out and "DSC_0004.JPG is empty (0 bytes)" in out
    assert "skipped    " in out and "operating-system litter" in out
    assert "2 imported, 1 duplicate(s), 1 skipped, 1 failed" in out
    assert err.strip().splitlines() == [
        "fieldarchive: 1 file(s) could not be imported; the reasons are listed above"]


def test_oral_history_source_in_chinese_with_its_details(
    tmp_path: Path, store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    clip = make_video(tmp_path / "访谈.mp4", "mp4")
    code, out, _ = cli(capsys, "import", "--store", str(store_path), "--incident", "EQ2025-01",
                       "--source", "口述采录", "--narrator", "巴特尔", "--interviewer", "王敏",
                       "--unit", "旗档案馆", "--consent", "授权-2025-003", "--json", str(clip))

    assert code == 0
    item = Repositories(store).items.get(json.loads(out)["imported"][0]["id"])
    assert item.source_channel == "oral" and item.kind == "video"
    assert item.creator == "巴特尔"
    with store.reader() as s:
        batch = s.get(ImportBatch, item.batch_id)
        assert batch is not None
        assert batch.provenance == {"narrator": "巴特尔", "interviewer": "王敏",
                                    "unit": "旗档案馆", "consent": "授权-2025-003"}


@pytest.mark.parametrize("args, message", [
    (["--narrator", "巴特尔"], "--narrator belongs to oral history (口述采录)"),
    (["--source", "媒体移交", "--document-number", "X"], "needs the organisation (移交单位)"),
    (["--source", "media", "--organisation", "新华社", "--handover-date", "yesterday"],
     "is not an ISO 8601 date"),
    (["--source", "游客"], "Unknown source channel '游客'"),
])
def test_wrong_provenance_is_refused_before_anything_is_stored(
    card: Path, store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = cli(capsys, "import", "--store", str(store_path), "--incident",
                         incident.id, *args, str(card))

    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert Repositories(store).items.count(incident.id) == 0
    with store.reader() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_unknown_incident_is_one_clear_line(
    card: Path, store_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "import", "--store", str(store_path), "--incident",
                         "NO-SUCH", str(card))
    assert code == 1
    assert "There is no incident 'NO-SUCH'" in err


def test_physical_object_with_photos(
    tmp_path: Path, store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    video = make_video(tmp_path / "turning.mp4", "mp4")
    photos = [SAMPLES / "jpg" / "orientation" / "landscape_1.jpg",
              SAMPLES / "heic" / "IMG_5195.HEIC"]
    code, out, err = cli(
        capsys, "physical", "add", "--store", str(store_path), "--incident", incident.id,
        "--title", "救援队员的安全帽", "--description", "橙色安全帽，帽檐有裂纹",
        "--dimensions", "30 x 22 x 16 cm", "--condition", "帽檐开裂", "--location",
        "库房 B-3-2", "--label", "SW-2025-0001", "--source", "社会征集", "--donor", "李华",
        "--json", *map(str, photos), str(video))

    assert code == 1  # the video is not a photo of the object
    result = json.loads(out)
    repos = Repositories(store)
    obj = repos.items.get(result["id"])
    assert (obj.kind, obj.category, obj.source_channel) == ("physical", "SW", "donation")
    assert (obj.title, obj.description, obj.dimensions, obj.condition, obj.storage_location,
            obj.label_number) == ("救援队员的安全帽", "橙色安全帽，帽檐有裂纹", "30 x 22 x 16 cm",
                                  "帽檐开裂", "库房 B-3-2", "SW-2025-0001")
    assert obj.files == () and obj.date is not None
    assert [(Path(f["path"]).name, f["code"]) for f in result["failed"]] == [
        ("turning.mp4", "wrong-kind")]
    assert len(result["photos"]) == 2
    for photo_id in result["photos"]:
        photo = repos.items.get(photo_id)
        assert photo.kind == "photo" and photo.batch_id == obj.batch_id
        assert repos.items.related(photo_id, "photo-of") == (obj.id,)
    assert "not a photo" in result["failed"][0]["error"]

    # Later: one more photo, and one already stored (linked, not stored twice).
    shutil.copy(SAMPLES / "jpg" / "orientation" / "portrait_1.jpg", tmp_path / "back.jpg")
    code, out, _ = cli(capsys, "physical", "attach", "--store", str(store_path), obj.id,
                       str(tmp_path / "back.jpg"), str(photos[0]), "--json")
    assert code == 0
    again = json.loads(out)
    assert len(again["photos"]) == 3
    assert [d["id"] for d in again["duplicates"]] == [result["photos"][0]]
    assert repos.items.count(incident.id, kind="photo") == 3


def test_a_stored_video_is_not_linked_as_a_photo(
    tmp_path: Path, store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    video = make_video(tmp_path / "clip.mp4", "mp4")
    cli(capsys, "import", "--store", str(store_path), "--incident", incident.id, str(video))
    code, out, _ = cli(capsys, "physical", "add", "--store", str(store_path), "--incident",
                       incident.id, "--title", "铁锹", "--description", "救援用铁锹", "--json",
                       str(video))
    result = json.loads(out)
    assert code == 1
    assert result["photos"] == [] and result["duplicates"] == []
    assert [f["code"] for f in result["failed"]] == ["wrong-kind"]
    assert "already stored as a video" in result["failed"][0]["error"]


def test_attach_to_something_that_is_not_a_physical_object(
    store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "import", "--store", str(store_path), "--incident", incident.id,
        str(SAMPLES / "jpg" / "Nikon_D70.jpg"))
    photo = Repositories(store).items.list(incident.id)[0]
    code, _, err = cli(capsys, "physical", "attach", "--store", str(store_path), photo.id,
                       str(SAMPLES / "jpg" / "Canon_40D.jpg"))
    assert code == 1 and "not a physical object" in err
