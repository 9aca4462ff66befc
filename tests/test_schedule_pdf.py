"""The retention schedule printed to PDF: what pdftotext reads back from it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.export.schedule_pdf import write_schedule_pdf
from app.store.records import IncidentRecord, RetentionCategoryRecord
from app.store.repositories import Repositories
from tests.test_store_support import one_json_object, run_cli


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_an_approved_schedule_prints_with_its_approval(tmp_path: Path, repos: Repositories,
                                                       incident: IncidentRecord) -> None:
    repos.operators.add("李审核", "档案局", "reviewer", passphrase="secret-1")
    current = repos.schedules.current(incident.id)
    edited = [*current.categories,
              RetentionCategoryRecord("drones", "无人机航拍影像", "Drone imagery", "D30")]
    repos.schedules.revise(incident.id, edited)
    repos.schedules.approve(incident.id, "李审核", "secret-1", "内档发〔2025〕12号")
    out = tmp_path / "schedule.pdf"
    pages = write_schedule_pdf(repos.schedules.printout(incident.id), out)
    assert pages == 1
    text = pdf_text(out)
    assert "归档范围和档案保管期限表" in text
    assert incident.name in text and "EQ2025-01" in text and "Z109" in text
    assert "第 2 版" in text and "已批准" in text
    assert "内档发〔2025〕12号" in text and "李审核" in text
    rows = [line for line in text.splitlines() if "工作日志" in line]
    assert rows and "work-logs" in rows[0] and "永久（Y）" in rows[0]
    drones = [line for line in text.splitlines() if "无人机航拍影像" in line]
    assert drones and "定期30年（D30）" in drones[0] and drones[0].split()[0] == "18"
    assert "档案主管部门审批意见" in text
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left beside it


def test_a_long_schedule_runs_on_with_the_table_header(tmp_path: Path, repos: Repositories,
                                                       incident: IncidentRecord) -> None:
    many = [RetentionCategoryRecord(f"c{n}", f"第{n}类材料：现场形成的各类文件、图表和记录",
                                    f"Category {n}", "D10") for n in range(1, 61)]
    repos.schedules.revise(incident.id, many)
    out = tmp_path / "long.pdf"
    pages = write_schedule_pdf(repos.schedules.printout(incident.id), out)
    assert pages >= 2
    text = pdf_text(out)
    assert text.count("保管期限") >= pages  # the header row on every page
    assert "第60类材料" in text and f"第{pages}页/共{pages}页" in text.replace(" ", "")
    assert "草稿（未批准）" in text


def test_schedule_print_command(tmp_path: Path, store_path: Path, repos: Repositories,
                                incident: IncidentRecord) -> None:
    repos.store.close()
    out = tmp_path / "期限表.pdf"
    result = run_cli("schedule", "print", "--store", str(store_path), "--incident",
                     "EQ2025-01", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = one_json_object(result.stdout)
    assert data["pages"] == 1 and data["out"] == str(out) and data["version"] == 1
    assert "现场照片(重要)" in pdf_text(out)
    bad = run_cli("schedule", "print", "--store", str(store_path), "--incident",
                  "EQ2025-01", "--out", str(tmp_path / "missing" / "x.pdf"))
    assert bad.returncode != 0 and "existing folder" in bad.stderr
    assert "Traceback" not in bad.stderr
