"""verify recomputes each work-log link's hash from the package's XML: one changed byte in
an entry's text or in its linked items fails and names the entry, even when the chain's
links (prev_hash, hash) were left as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.export.pipeline import export_incident
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.export_support import JPEGS, file_items, import_items

LOG = Path("data") / "其他" / "工作日志" / "工作日志.xml"


def _changed(bag: Path, tmp: Path, old: str, new: str) -> Path:
    copy = tmp / f"bag-{len(list(tmp.iterdir()))}"
    shutil.copytree(bag, copy)
    xml = copy / LOG
    data = xml.read_bytes()
    assert data.count(old.encode()) == 1, old
    xml.write_bytes(data.replace(old.encode(), new.encode()))
    return copy


def test_a_changed_entry_text_or_link_fails_and_names_the_entry(
        repos: Repositories, incident: IncidentRecord, tmp_path: Path) -> None:
    repos.operators.add("张伟", "旗档案馆", "archivist", make_default=True)
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase="review-2025")
    [item_id] = import_items(repos, incident.id, JPEGS[:1])
    [code] = file_items(repos, [item_id])
    a = repos.log.add(incident.id, "到达现场，开始拍摄。")
    b = repos.log.add(incident.id, "完成第一批照片导入。", linked_items=[item_id])
    repos.log.review([a.id, b.id], "李审核", "review-2025")
    out = tmp_path / "out"
    out.mkdir()
    result = export_incident(repos, incident.id, out,
                             Signer(Ed25519PrivateKey.generate(), "李审核"))
    [bag] = result.paths
    assert verify_package(bag, decode=False).passed
    work = tmp_path / "work"
    work.mkdir()

    text_changed = _changed(bag, work, "完成第一批", "完成第二批")
    report = verify_package(text_changed, decode=False)
    assert not report.passed
    [named] = [r for r in report.failed("audit-chain") if "entry #2" in r.subject]
    assert b.id in named.text() and "does not match its hash" in named.text()
    assert "工作日志" in named.text("zh") or "#2" in named.text("zh")

    xml = (bag / LOG).read_text("utf-8")
    linked = next(line for line in xml.splitlines() if "<item" in line and item_id in line)
    link_changed = _changed(bag, work, linked, linked.replace(item_id[:8], "00000000"))
    report = verify_package(link_changed, decode=False)
    assert [r for r in report.failed("audit-chain") if "entry #2" in r.subject]
    assert not [r for r in report.failed("audit-chain") if "entry #1" in r.subject]
    assert code
