"""describe, file, items, unfile, appraise and incident edit as a user drives them: real
camera files imported by the real importer, Chinese names for codes, --json objects, one
clear line and a non-zero exit on every refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.test_store_support import assert_one_clear_line, one_json_object, run_cli, sql

SAMPLES = Path(__file__).parent / "data" / "camera-samples" / "jpg"
# Taken 2003, 2006 and 2008 by their cameras' clocks (see the samples' README).
PHOTOS = ["Canon_PowerShot_S40.jpg", "Olympus_C8080WZ.jpg", "Nikon_D70.jpg", "Canon_40D.jpg"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ok_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code, out, err = cli(capsys, *args, "--json")
    assert code == 0, err
    return one_json_object(out)


@pytest.fixture
def imported(store_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    S = ["--store", str(store_path)]
    ok_json(capsys, "incident", "create", *S, "--name", "测试地震", "--kind", "自然灾害",
            "--level", "重大", "--started", "2025-07-21T14:30+08:00", "--fonds", "Z109",
            "--org-code", "YJB", "--number", "EQ1")
    ok_json(capsys, "import", *S, "--incident", "EQ1", *[str(SAMPLES / p) for p in PHOTOS])
    items = ok_json(capsys, "items", *S, "--incident", "EQ1")["items"]
    assert isinstance(items, list)
    return [str(i["id"]) for i in items]  # oldest date first


def test_describe_classify_file_and_list(store_path: Path, imported: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    S = ["--store", str(store_path)]
    missing = ok_json(capsys, "items", *S, "--incident", "EQ1", "--missing")["items"]
    assert isinstance(missing, list) and len(missing) == 4
    assert "description" in missing[0]["missing"]
    obj = ok_json(capsys, "describe", *S, *imported, "--place", "兴和县", "--people", "消防员",
                  "--phase", "应急处置与救援", "--category", "现场照片(重要)",
                  "--classification", "内部", "--element", "事由=转移群众",
                  "--element", "摄影者=张三", "--lat", "40.87", "--lon", "113.83")
    changed = obj["changed"]
    assert isinstance(changed, list) and len(changed) == 4
    first = changed[0]
    assert first["state"] == "described" and first["missing"] == []
    assert first["changes"]["retention"] == {"old": None, "new": "Y"}
    assert first["changes"]["phase"]["new"] == "response"
    filed = ok_json(capsys, "file", *S, "--incident", "EQ1")
    codes = [f["archival_code"] for f in filed["filed"]]  # type: ignore[union-attr]
    assert codes == ["Z109-ZP·2003-Y-YJB-0001", "Z109-ZP·2006-Y-YJB-0001",
                     "Z109-ZP·2008-Y-YJB-0001", "Z109-ZP·2008-Y-YJB-0002"]
    code, out, _ = cli(capsys, "items", *S, "--incident", "EQ1", "--state", "已归档")
    assert code == 0 and out.count("已归档") == 4 and "Z109-ZP·2008-Y-YJB-0002" in out
    # Re-classify the first 2008 photo: it leaves its group, the other closes the gap.
    code, out, _ = cli(capsys, "describe", *S, "Z109-ZP·2008-Y-YJB-0001",
                       "--category", "photos-general")
    assert code == 0 and "un-filed (was Z109-ZP·2008-Y-YJB-0001)" in out
    after = ok_json(capsys, "items", *S, "--incident", "EQ1")["items"]
    assert [i["archival_code"] for i in after] == [  # type: ignore[union-attr]
        "Z109-ZP·2003-Y-YJB-0001", "Z109-ZP·2006-Y-YJB-0001", None, "Z109-ZP·2008-Y-YJB-0001"]
    unfiled = ok_json(capsys, "unfile", *S, "Z109-ZP·2003-Y-YJB-0001")
    assert unfiled["unfiled"] == [{"id": imported[0], "archival_code": "Z109-ZP·2003-Y-YJB-0001"}]
    excluded = ok_json(capsys, "appraise", *S, imported[0][:8], "--exclude", "--reason", "试拍")
    assert excluded["items"] == [{"id": imported[0], "excluded": True, "reason": "试拍",
                                  "unfiled_code": None}]
    again = ok_json(capsys, "file", *S, "--incident", "EQ1")
    assert [f["archival_code"] for f in again["filed"]] == [  # type: ignore[union-attr]
        "Z109-ZP·2008-D30-YJB-0001"]
    listed = ok_json(capsys, "items", *S, "--incident", "EQ1", "--state", "不归档")["items"]
    assert [i["id"] for i in listed] == [imported[0]]  # type: ignore[union-attr]
    code, out, _ = cli(capsys, "history", *S, imported[0])
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    assert any(line.endswith("Filed as Z109-ZP·2003-Y-YJB-0001") for line in lines)
    assert any(line.endswith("Un-filed (was Z109-ZP·2003-Y-YJB-0001): on request")
               for line in lines)
    assert any(line.endswith("Marked not to be archived: 试拍") for line in lines)
    assert "place: '' -> '兴和县'" in lines


def test_incident_edit_is_audited_and_unfiles_under_new_codes(
        store_path: Path, imported: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    S = ["--store", str(store_path)]
    ok_json(capsys, "describe", *S, *imported, "--caption", "群众转移",
            "--category", "photos-general")
    ok_json(capsys, "file", *S, "--incident", "EQ1")
    obj = ok_json(capsys, "incident", "edit", *S, "EQ1", "--org-code", "", "--level", "较大",
                  "--unit", "消防", "--unit", "医疗")
    assert (obj["level"], obj["org_code"], obj["participating_units"]) == (
        "III", "", ["消防", "医疗"])
    items = ok_json(capsys, "items", *S, "--incident", "EQ1")["items"]
    assert all(i["archival_code"] is None for i in items)  # type: ignore[union-attr]
    filed = ok_json(capsys, "file", *S, "--incident", "EQ1")["filed"]
    assert filed[0]["archival_code"] == "Z109-ZP·2003-D30-0001"  # type: ignore[index]


@pytest.mark.parametrize(("args", "words"), [
    (["describe", "no-such", "--title", "x"], "There is no item no-such"),
    (["describe", "{first}", "--date", "2150-01-01T00:00+08:00"], "in the future"),
    (["describe", "{first}", "--date", "July"], "is not a date"),
    (["describe", "{first}", "--lat", "95", "--lon", "10"], "out of range"),
    (["describe", "{first}", "--lat", "40"], "--lat and --lon together"),
    (["describe", "{first}", "--category", "无此类"], "not a category of this incident"),
    (["describe", "{first}", "--phase", "午后"], "is not a phase"),
    (["describe", "{first}"], "at least one field"),
    (["describe", "{first}", "--element", "天气=晴"], "NAME=TEXT"),
    (["appraise", "{first}", "--exclude"], "needs --reason"),
    (["unfile", "{first}"], "not filed"),
    (["items", "--incident", "EQ1", "--state", "lost"], "Unknown item state"),
    (["incident", "edit", "EQ1", "--fonds", "Z 1"], "fonds code"),
])
def test_refusals_are_one_line_and_a_non_zero_exit(
        store_path: Path, imported: list[str], capsys: pytest.CaptureFixture[str],
        args: list[str], words: str) -> None:
    args = [a.replace("{first}", imported[0]) for a in args]
    code, out, err = cli(capsys, *args, "--store", str(store_path))
    assert code != 0 and out == ""
    assert words in assert_one_clear_line(err)
    code, out, _ = cli(capsys, *args, "--store", str(store_path), "--json")
    assert code != 0 and "error" in json.loads(out)


def test_a_transferred_item_in_a_batch_refuses_it_whole_in_the_real_program(
        store_path: Path, imported: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    sql(store_path, f"UPDATE item SET state = 'transferred' WHERE id = '{imported[1]}'")
    done = run_cli("describe", "--store", str(store_path), *imported, "--title", "新题名")
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert imported[1][:8] in line and "already transferred" in line
    titles = ok_json(capsys, "items", "--store", str(store_path), "--incident", "EQ1")["items"]
    assert "新题名" not in {i["title"] for i in titles}  # type: ignore[union-attr]


def test_describe_sets_a_physical_objects_fields_and_audits_old_and_new(
        store_path: Path, imported: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    S = ["--store", str(store_path)]
    obj = ok_json(capsys, "physical", "add", *S, "--incident", "EQ1", "--title", "救援头盔",
                  "--description", "消防员佩戴的头盔", "--dimensions", "30 x 25 x 20 cm",
                  "--location", "库房A-3")
    item = str(obj["id"])
    done = ok_json(capsys, "describe", *S, item, "--dimensions", "31 x 25 x 20 cm",
                   "--condition", "表面有划痕", "--location", "库房B-1", "--label", "SW-0042")
    changes = done["changed"][0]["changes"]  # type: ignore[index]
    assert changes == {
        "dimensions": {"old": "30 x 25 x 20 cm", "new": "31 x 25 x 20 cm"},
        "condition": {"old": "", "new": "表面有划痕"},
        "storage_location": {"old": "库房A-3", "new": "库房B-1"},
        "label_number": {"old": "", "new": "SW-0042"}}
    history = ok_json(capsys, "history", *S, item)["events"]
    last = [e for e in history if e["changes"]][-1]  # type: ignore[union-attr,index]
    assert last["changes"]["label_number"] == {"old": "", "new": "SW-0042"}  # type: ignore[index]
    # The same again changes nothing.
    again = ok_json(capsys, "describe", *S, item, "--label", "SW-0042")
    assert again["changed"] == [] and again["unchanged"] == [item]


def test_physical_fields_are_refused_on_a_photo_and_when_too_long(
        store_path: Path, imported: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    S = ["--store", str(store_path)]
    obj = ok_json(capsys, "physical", "add", *S, "--incident", "EQ1", "--title", "救援头盔",
                  "--description", "头盔")
    item = str(obj["id"])
    # A batch of the object and a photo is refused whole, naming the photo.
    code, out, err = cli(capsys, "describe", *S, item, imported[0], "--location", "库房B-1")
    line = assert_one_clear_line(err)
    assert code != 0 and out == ""
    assert "only physical objects" in line and imported[0][:8] in line and item[:8] not in line
    code, _, err = cli(capsys, "describe", *S, item, "--label", "L" * 101)
    assert code != 0 and "at most 100 fit" in assert_one_clear_line(err)
    shown = ok_json(capsys, "history", *S, item)["events"]
    assert not any(e["changes"] for e in shown)  # type: ignore[union-attr]
