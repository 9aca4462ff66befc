"""The work log travels in the package: its chains link up and unreviewed entries are
reported (a warning: the export goes ahead, the report says so)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from lxml import etree

from app.export.pipeline import export_incident
from app.export.seal import Signer
from app.export.verify import verify_package
from app.export.worklog_check import NS, check_worklog
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.export_support import JPEGS, file_items, import_items


def test_the_work_log_is_in_the_package_and_checked(repos: Repositories,
                                                   incident: IncidentRecord,
                                                   tmp_path: Path) -> None:
    repos.operators.add("张伟", "旗档案馆", "archivist", make_default=True)
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase="review-2025")
    first = repos.log.add(incident.id, "到达现场，开始拍摄。")
    repos.log.add(incident.id, "完成第一批照片导入。")
    repos.log.add(incident.id, "召开现场会议。")
    repos.log.review([first.id], "李审核", "review-2025")
    file_items(repos, import_items(repos, incident.id, JPEGS[:1]))
    result = export_incident(repos, incident.id, tmp_path,
                             Signer(Ed25519PrivateKey.generate(), "李审核"))
    assert result.preflight.failed("worklog-reviewed")  # a warning, not a block
    [path] = result.paths
    log_xml = path / "data" / "其他" / "工作日志" / "工作日志.xml"
    assert (log_xml.with_suffix(".pdf")).is_file()
    report = verify_package(path, decode=False)
    assert report.passed
    [warning] = report.failed("worklog-reviewed")
    assert "2 work-log entries are not reviewed" in warning.text()
    assert [r for r in report.results if r.check == "audit-chain" and r.ok
            and "entry" in r.subject]
    # An entry taken out of the middle breaks the chain there.
    root = etree.parse(str(log_xml)).getroot()
    entries = root.find(f"{{{NS}}}entries")
    assert entries is not None
    entries.remove(entries[1])
    bad = [r for r in check_worklog(root, "log") if not r.ok]
    assert any("entry #3" in r.subject for r in bad), [r.subject for r in bad]
