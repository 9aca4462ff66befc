"""The command line as a user drives it: ids printed, --json objects, Chinese code names."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.store.migrate import head_revision
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_store_support import assert_one_clear_line, one_json_object, run_cli

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CREATE = ["incident", "create", "--name", "2025年某旗7.1级地震 ᠮᠣᠩᠭᠣᠯ", "--kind", "自然灾害",
          "--level", "特别重大", "--started", "2025-07-21T14:30+08:00", "--fonds", "Z109"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def give_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """What a pipe hands the program (not a terminal)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_incident_create_prints_the_id(store_path: Path, capsys) -> None:
    code, out, err = cli(capsys, *CREATE, "--store", str(store_path))
    assert code == 0 and err == ""
    incident_id = out.strip()
    assert UUID.match(incident_id)
    with Store.open(store_path) as store:
        rec = Repositories(store).incidents.get(incident_id)
    # Chinese names were taken for the codes.
    assert (rec.kind, rec.level) == ("natural", "I")
    assert rec.name == "2025年某旗7.1级地震 ᠮᠣᠩᠭᠣᠯ"


def test_incident_create_json_is_one_object_with_the_id(store_path: Path, capsys) -> None:
    code, out, _ = cli(capsys, *CREATE, "--number", "EQ-1", "--unit", "消防", "--unit", "医疗",
                       "--store", str(store_path), "--json")
    assert code == 0
    obj = one_json_object(out)
    assert UUID.match(str(obj["id"]))
    assert obj["name"] == "2025年某旗7.1级地震 ᠮᠣᠩᠭᠣᠯ"
    assert (obj["kind"], obj["level"], obj["number"]) == ("natural", "I", "EQ-1")
    assert obj["started_at"] == "2025-07-21T14:30:00+08:00"


def test_list_and_show(store_path: Path, capsys) -> None:
    cli(capsys, *CREATE, "--store", str(store_path))
    cli(capsys, "incident", "create", "--name", "矿难", "--kind", "accident", "--level", "较大",
        "--started", "2025-03-01T09:00+08:00", "--fonds", "Z109", "--store", str(store_path))
    code, out, _ = cli(capsys, "incident", "list", "--store", str(store_path), "--json")
    assert code == 0
    listing = one_json_object(out)
    incidents = listing["incidents"]
    assert isinstance(incidents, list) and len(incidents) == 2
    assert all(UUID.match(i["id"]) for i in incidents)
    assert [i["name"] for i in incidents] == ["2025年某旗7.1级地震 ᠮᠣᠩᠭᠣᠯ", "矿难"]  # newest first
    code, out, _ = cli(capsys, "incident", "list", "--store", str(store_path))
    assert code == 0 and "特别重大" in out and "较大" in out
    first = incidents[1]["id"]
    code, out, _ = cli(capsys, "incident", "show", first[:8], "--store", str(store_path), "--json")
    assert code == 0 and one_json_object(out)["id"] == first


def test_end_of_response_gives_the_filing_deadline(store_path: Path, capsys) -> None:
    _, out, _ = cli(capsys, *CREATE, "--store", str(store_path))
    code, out, _ = cli(capsys, "incident", "end", out.strip(), "--ended",
                       "2025-08-31T18:00+08:00", "--store", str(store_path), "--json")
    assert code == 0
    obj = one_json_object(out)
    assert obj["filing_deadline"] == "2026-02-28T18:00:00+08:00"


def test_reviewer_added_with_chinese_role_and_passphrase_from_stdin(
    store_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    give_stdin(monkeypatch, "审核口令1234\n")
    code, out, err = cli(capsys, "operator", "add", "--name", "王审核", "--unit", "档案局",
                         "--role", "审核人", "--store", str(store_path), "--json")
    assert code == 0, err
    obj = one_json_object(out)
    assert (obj["role"], obj["has_passphrase"], obj["default"]) == ("reviewer", True, True)
    with Store.open(store_path) as store:
        repos = Repositories(store)
        reviewer = repos.operators.authenticate("王审核", "审核口令1234", role="reviewer")
        assert reviewer.id == obj["id"]
    code, out, _ = cli(capsys, "operator", "list", "--store", str(store_path), "--json")
    operators = one_json_object(out)["operators"]
    assert isinstance(operators, list) and [o["id"] for o in operators] == [obj["id"]]


def test_archivist_needs_no_passphrase(store_path: Path, capsys, monkeypatch) -> None:
    give_stdin(monkeypatch, "")  # nothing to read; nothing is asked
    code, out, _ = cli(capsys, "operator", "add", "--name", "其其格", "--unit", "档案馆",
                       "--role", "档案员", "--store", str(store_path))
    assert code == 0 and UUID.match(out.strip())


def test_a_short_passphrase_is_refused(store_path: Path, capsys, monkeypatch) -> None:
    give_stdin(monkeypatch, "abc\n")
    code, out, err = cli(capsys, "operator", "add", "--name", "王审核", "--unit", "档案局",
                         "--role", "reviewer", "--store", str(store_path))
    assert code == 1 and out == ""
    line = assert_one_clear_line(err)
    assert "at least 8 characters" in line
    assert not store_path.exists()  # refused before anything was created


def test_a_missing_passphrase_is_a_usage_error(store_path: Path, capsys, monkeypatch) -> None:
    give_stdin(monkeypatch, "")
    code, _, err = cli(capsys, "operator", "add", "--name", "王审核", "--unit", "档案局",
                       "--role", "supervisor", "--store", str(store_path))
    assert code == 2
    assert "passphrase is needed" in assert_one_clear_line(err)


def test_version_and_help() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"fieldarchive {__version__} (store schema {head_revision()})"
    result = run_cli("incident", "create", "--help")
    assert result.returncode == 0
    assert "--kind" in result.stdout and "自然灾害" in result.stdout


def test_exit_codes(store_path: Path, capsys) -> None:
    assert cli(capsys, *CREATE, "--store", str(store_path))[0] == 0
    assert cli(capsys, "incident", "show", "no-such-incident", "--store", str(store_path))[0] == 1
    assert cli(capsys, "incident", "create", "--store", str(store_path))[0] == 2
    assert cli(capsys, "incident", "--store", str(store_path))[0] == 2
    assert cli(capsys, "no-such-command")[0] == 2


def test_failure_with_json_is_one_object_and_one_line(store_path: Path, capsys) -> None:
    cli(capsys, *CREATE, "--store", str(store_path))
    code, out, err = cli(capsys, "incident", "show", "nope", "--store", str(store_path), "--json")
    assert code == 1
    obj = one_json_object(out)
    assert obj["code"] == "not-found" and "no incident 'nope'" in str(obj["error"])
    assert assert_one_clear_line(err) == f"fieldarchive: {obj['error']}"
    code, out, err = cli(capsys, "incident", "create", "--json", "--store", str(store_path))
    assert code == 2
    assert one_json_object(out)["code"] == "usage"
    assert "required" in assert_one_clear_line(err)


def test_end_to_end_as_a_user_runs_it(store_path: Path) -> None:
    """The real program in a subprocess: create, add a reviewer from a pipe, list, check."""
    store = str(store_path)
    created = run_cli(*CREATE, "--store", store, "--json")
    assert created.returncode == 0, created.stderr
    incident_id = json.loads(created.stdout)["id"]
    added = run_cli("operator", "add", "--name", "王审核", "--unit", "档案局", "--role", "审核人",
                    "--store", store, "--json", stdin="审核口令1234\n")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["has_passphrase"] is True
    listed = run_cli("incident", "list", "--store", store, "--json")
    assert [i["id"] for i in json.loads(listed.stdout)["incidents"]] == [incident_id]
    checked = run_cli("check", "--store", store)
    assert checked.returncode == 0
    # the incident, its schedule and categories, the reviewer; two units of work each sealed
    assert checked.stdout.strip() == "OK: 0 files, 20 sealed rows and 5 audit events verified."
    missing = run_cli("incident", "show", "nope", "--store", store, "--json")
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["code"] == "not-found"
    assert_one_clear_line(missing.stderr)
