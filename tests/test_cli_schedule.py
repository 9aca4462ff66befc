"""`fieldarchive schedule`: show the incident's retention schedule, revise it, approve it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store


@pytest.fixture
def ready(store: Store, repos: Repositories, incident: IncidentRecord) -> Path:
    repos.operators.add("李审核", "档案局", "reviewer", passphrase="secret-1")
    repos.operators.add("张伟", "档案馆", "archivist")
    store.close()
    return store.root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    status = main([*args, "--json"])
    out = capsys.readouterr().out
    return status, json.loads(out)


def test_show_revise_and_approve(ready: Path, capsys, monkeypatch) -> None:
    status, shown = run(capsys, "schedule", "show", "--store", str(ready),
                        "--incident", "EQ2025-01")
    assert status == 0 and shown["version"] == 1 and shown["status"] == "draft"
    general = {c["key"]: c["retention"] for c in shown["categories"]}
    assert general["photos-general"] == "D30" and general["work-logs"] == "Y"

    status, revised = run(capsys, "schedule", "set", "--store", str(ready), "--incident",
                          "EQ2025-01", "photos-general=永久", "--add", "drones=无人机航拍=D30")
    assert status == 0 and revised["version"] == 2
    cats = {c["key"]: c for c in revised["categories"]}
    assert cats["photos-general"]["retention"] == "Y"
    assert cats["drones"] == {"key": "drones", "name_zh": "无人机航拍", "name_en": "",
                              "retention": "D30"}

    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-one\n"))
    status, failed = run(capsys, "schedule", "approve", "--store", str(ready), "--incident",
                         "EQ2025-01", "--approver", "李审核", "--ref", "内档发〔2025〕3号")
    assert status == 1 and "Wrong passphrase" in failed["error"]

    monkeypatch.setattr("sys.stdin", io.StringIO("secret-1\n"))
    status, failed = run(capsys, "schedule", "approve", "--store", str(ready), "--incident",
                         "EQ2025-01", "--approver", "张伟", "--ref", "内档发〔2025〕3号")
    assert status == 1 and "needs a reviewer or supervisor" in failed["error"]

    monkeypatch.setattr("sys.stdin", io.StringIO("secret-1\n"))
    status, approved = run(capsys, "schedule", "approve", "--store", str(ready), "--incident",
                           "EQ2025-01", "--approver", "李审核", "--ref", "内档发〔2025〕3号")
    assert status == 0 and approved["status"] == "approved"
    assert approved["approval_ref"] == "内档发〔2025〕3号" and approved["version"] == 2

    with Store.open(ready) as store:
        events = [e.event_type for e in Repositories(store).audit.list()
                  if e.event_type != "store.seal"]
        assert events[:2] == ["schedule.approve", "schedule.revise"]
        assert check_store(store).ok


def test_unknown_key_is_a_usage_error(ready: Path, capsys) -> None:
    status, failed = run(capsys, "schedule", "set", "--store", str(ready), "--incident",
                         "EQ2025-01", "no-such=Y")
    assert status == 2 and "known key" in failed["error"]
