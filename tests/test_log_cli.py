"""`fieldarchive log …` as a user drives it: ids printed, readable Chinese, clear refusals."""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import main
from app.export.log_xml import validate_log_xml
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_log_support import PASS, add_people, tamper
from tests.test_store_support import (
    assert_one_clear_line,
    audit_count,
    one_json_object,
    run_cli,
)

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ready(store_path: Path) -> Path:
    """A store with people and the incident EQ2025-01 (closed again: the CLI opens it)."""
    with Store.open(store_path, create=True) as store:
        repos = Repositories(store)
        add_people(repos)
        repos.incidents.create("2025年某旗7.1级地震", "natural", "I",
                               datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
                               number="EQ2025-01")
    return store_path


def add(capsys: pytest.CaptureFixture[str], store: Path, *extra: str) -> str:
    code, out, err = cli(capsys, "log", "add", "--store", str(store), "--incident", "EQ2025-01",
                         *extra)
    assert code == 0, err
    return out.strip()


def test_add_prints_the_entry_id(ready: Path, capsys) -> None:
    entry_id = add(capsys, ready, "--text", "搜救一队进入震中村。",
                   "--occurred-at", "2025-07-21T15:10+08:00", "--phase", "应急处置与救援",
                   "--category", "decision", "--place", "震中村", "--operator", "王记录")
    assert UUID.match(entry_id)
    with Store.open(ready) as store:
        e = Repositories(store).log.get(entry_id)
    assert (e.content, e.recorder_name, e.category, e.place) == (
        "搜救一队进入震中村。", "王记录", "decision", "震中村")


def test_add_json_is_one_object(ready: Path, capsys) -> None:
    code, out, _ = cli(capsys, "log", "add", "--store", str(ready), "--incident", "EQ2025-01",
                       "--text", "到达现场", "--occurred-at", "2025-07-21T15:00+08:00", "--json")
    obj = one_json_object(out)
    assert code == 0 and UUID.match(str(obj["id"])) and obj["seq"] == 1
    assert obj["recorder"] == {"name": "张三", "position": "档案员"}
    assert obj["occurred_at"] == "2025-07-21T15:00:00+08:00"


@pytest.mark.parametrize("extra,message", [
    (["--text", "  "], "needs text"),
    (["--text", "x", "--occurred-at", "2099-01-01T00:00+08:00"], "in the future"),
    (["--text", "x", "--occurred-at", "2025-07-20T10:00+08:00"], "before the incident started"),
    (["--text", "x", "--operator", "无名"], "no operator named '无名'"),
    (["--text", "x", "--occurred-at", "yesterday"], "not an ISO 8601"),
])
def test_bad_input_is_one_clear_line_and_stores_nothing(ready: Path, capsys, extra: list[str],
                                                        message: str) -> None:
    events = audit_count(ready)
    code, out, err = cli(capsys, "log", "add", "--store", str(ready), "--incident", "EQ2025-01",
                         *extra)
    assert code != 0 and out == ""
    assert message in assert_one_clear_line(err)
    assert audit_count(ready) == events


def test_a_doubtful_time_is_stored_with_force(ready: Path, capsys) -> None:
    code, _, err = cli(capsys, "log", "add", "--store", str(ready), "--incident", "EQ2025-01",
                       "--text", "预警会商", "--occurred-at", "2025-07-20T10:00+08:00")
    assert code == 1 and "pass --force to record it anyway" in err
    entry_id = add(capsys, ready, "--text", "预警会商", "--occurred-at", "2025-07-20T10:00+08:00",
                   "--phase", "warning", "--force")
    assert UUID.match(entry_id)


def test_without_an_operator_the_message_says_how_to_set_one(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s"
    code, out, err = cli(capsys, "incident", "create", "--store", str(store), "--name", "某事件",
                         "--kind", "natural", "--level", "IV",
                         "--started", "2025-07-21T14:30+08:00", "--fonds", "Z1",
                         "--number", "N1")
    assert code == 0
    code, out, err = cli(capsys, "log", "add", "--store", str(store), "--incident", "N1",
                         "--text", "到达现场")
    line = assert_one_clear_line(err)
    assert code == 1 and "--operator NAME" in line and "fieldarchive operator add" in line


def test_correct_review_and_show(ready: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    first = add(capsys, ready, "--text", "搜救一队进入震中村。",
                "--occurred-at", "2025-07-21T15:10+08:00")
    photo = add(capsys, ready, "--text", "拍摄现场照片20张。", "--category", "采集",
                "--occurred-at", "2025-07-21T15:40+08:00")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code, out, err = cli(capsys, "log", "review", "--store", str(ready), photo,
                         "--reviewer", "李审核", "--return", "--opinion", "张数有误")
    assert code == 0 and out.strip() == "Returned 1 entry (#2) as 李审核."
    code, out, err = cli(capsys, "log", "correct", "--store", str(ready), photo,
                         "--text", "拍摄现场照片25张。", "--reason", "按审核意见更正")
    assert code == 0, err
    fixed = out.strip()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code, out, err = cli(capsys, "log", "review", "--store", str(ready), first, fixed[:8],
                         "--reviewer", "李审核", "--opinion", "属实")
    assert code == 0 and out.strip() == "Approved 2 entries (#1, #3) as 李审核.", err

    code, out, err = cli(capsys, "log", "show", "--store", str(ready), "--incident", "EQ2025-01")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "工作日志 Work log: 2025年某旗7.1级地震 (EQ2025-01), 2 entries"
    assert lines[1].startswith("#1       2025-07-21 15:10+08:00  "
                               "应急处置与救援 · 其他  张三（档案员）")
    assert "[已通过]" in lines[1]
    assert lines[2].strip() == "搜救一队进入震中村。"
    text = "\n".join(lines)
    assert "#2→#3" in text and "拍摄现场照片25张。" in text
    assert "原文 #2: 拍摄现场照片20张。" in text and "reason: 按审核意见更正" in text
    assert "退回修改 (returned) by 李审核" in text and "张数有误" in text
    # Chronological: the first entry comes before the corrected one.
    assert text.index("搜救一队") < text.index("拍摄现场照片25张")

    code, out, _ = cli(capsys, "log", "show", "--store", str(ready), "--incident", "EQ2025-01",
                       "--json")
    obj = one_json_object(out)
    entries = obj["entries"]
    assert isinstance(entries, list)
    assert [e["id"] for e in entries] == [first, fixed]
    assert entries[1]["history"][0]["content"] == "拍摄现场照片20张。"
    assert entries[1]["review_status"] == "approved"

    code, out, _ = cli(capsys, "log", "show", "--store", str(ready), "--incident", "EQ2025-01",
                       "--status", "unreviewed")
    assert code == 0 and "0 entries" in out


def test_bad_reviews_store_nothing(ready: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = add(capsys, ready, "--text", "记录", "--occurred-at", "2025-07-21T15:10+08:00")
    own = add(capsys, ready, "--text", "审核人自己写的", "--operator", "李审核",
              "--occurred-at", "2025-07-21T15:20+08:00")
    events = audit_count(ready)
    for stdin, args, message in [
        ("wrong-passphrase\n", [entry, "--reviewer", "李审核"], "Wrong passphrase"),
        (PASS + "\n", [entry, "--reviewer", "王记录"], "this needs a reviewer"),
        (PASS + "\n", [own, "--reviewer", "李审核"], "reviewed by someone else"),
        (PASS + "\n", ["deadbeef-0000", "--reviewer", "李审核"], "no work-log entry"),
    ]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code, out, err = cli(capsys, "log", "review", "--store", str(ready), *args)
        assert code == 1 and message in assert_one_clear_line(err), err
    code, _, err = cli(capsys, "log", "review", "--store", str(ready), entry, "--reviewer",
                       "李审核", "--return")
    assert code == 2 and "--opinion" in err
    assert audit_count(ready) == events


def test_correct_an_unknown_entry(ready: Path, capsys) -> None:
    code, out, err = cli(capsys, "log", "correct", "--store", str(ready), "0123456789",
                         "--text", "新", "--reason", "理由")
    assert code == 1 and "no work-log entry '0123456789'" in assert_one_clear_line(err)


def test_render_pdf_and_xml(ready: Path, tmp_path: Path, capsys) -> None:
    add(capsys, ready, "--text", "搜救一队进入震中村。", "--occurred-at", "2025-07-21T15:10+08:00")
    pdf, xml = tmp_path / "log.pdf", tmp_path / "log.xml"
    code, out, err = cli(capsys, "log", "render", "--store", str(ready), "--incident",
                         "EQ2025-01", "--out", str(pdf))
    assert code == 0 and out.strip() == f"Wrote {pdf} (1 page, 1 entries).", err
    assert pdf.read_bytes().startswith(b"%PDF-")
    code, out, err = cli(capsys, "log", "render", "--store", str(ready), "--incident",
                         "EQ2025-01", "--out", str(xml), "--json")
    assert code == 0 and one_json_object(out)["format"] == "xml"
    assert validate_log_xml(xml) == []
    code, _, err = cli(capsys, "log", "render", "--store", str(ready), "--incident",
                       "EQ2025-01", "--out", str(tmp_path / "log.txt"))
    assert code == 2 and ".pdf or .xml" in err
    code, _, err = cli(capsys, "log", "render", "--store", str(ready), "--incident",
                       "EQ2025-01", "--out", str(pdf), "--period", "2030-01-01")
    assert code == 1 and "no work-log entries in operational period" in err


def test_the_real_program_and_a_tampered_row(ready: Path) -> None:
    added = run_cli("log", "add", "--store", str(ready), "--incident", "EQ2025-01",
                    "--text", "搜救一队进入震中村。", "--occurred-at", "2025-07-21T15:10+08:00")
    assert added.returncode == 0, added.stderr
    entry_id = added.stdout.strip()
    reviewed = run_cli("log", "review", "--store", str(ready), entry_id, "--reviewer", "李审核",
                       stdin=PASS + "\n")
    assert reviewed.returncode == 0, reviewed.stderr
    assert run_cli("check", "--store", str(ready)).returncode == 0
    tamper(ready, f"UPDATE log_entry SET content='没有进入' WHERE id='{entry_id}'")
    checked = run_cli("check", "--store", str(ready))
    assert checked.returncode == 1
    assert (f"work-log entry #1 (id {entry_id}) of incident EQ2025-01 was changed"
            in checked.stdout)
