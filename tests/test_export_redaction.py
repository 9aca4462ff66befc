"""Old values replaced by their digests in the exported audit events: the package verifies
(each event's hash checked over its digest form, the chain linked to its signed anchor),
and the earlier text is nowhere in it, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.audit_form import value_digest
from app.export.against import compare_with_package
from app.export.pipeline import export_incident
from app.export.plan import Options
from app.export.redaction import changed_fields
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.export_support import JPEGS, file_items, import_items

OLD = "旧题名：某镇救灾帐篷甲"
MIDDLE = "中间题名：转移群众乙"
FINAL = "救援现场照片（终稿）"


def _history(repos: Repositories, incident: IncidentRecord) -> str:
    [item_id] = import_items(repos, incident.id, JPEGS[:1])
    repos.description.describe([item_id], {"title": OLD})
    repos.description.describe([item_id], {"title": MIDDLE, "creator": "王五"})
    file_items(repos, [item_id])  # (sets the fields a filed item has, the title too)
    repos.description.describe([item_id], {"title": FINAL})
    return item_id


def _all_bytes(bag: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(bag.rglob("*")) if p.is_file())


def test_a_redacted_export_verifies_and_the_old_value_is_nowhere_in_it(
        repos: Repositories, incident: IncidentRecord, tmp_path: Path) -> None:
    _history(repos, incident)
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    source = repos.transfers.export_source(incident.id)
    offered = {f.field: f.changes for f in changed_fields(source.events)}
    assert offered["title"] == 3 and offered["creator"] == 1

    out = tmp_path / "out"
    out.mkdir()
    result = export_incident(repos, incident.id, out, signer,
                             options=Options(redact_old_values=("title",)))
    [bag] = result.paths
    report = verify_package(bag, decode=False)
    assert report.passed, [(r.subject, r.text()) for r in report.blocking]
    assert [r for r in report.results if r.check == "audit-chain" and r.ok]
    data = _all_bytes(bag)
    for text in (OLD, MIDDLE):
        assert text.encode("utf-8") not in data, text
        assert json.dumps(text).encode() not in data  # nor \\u-escaped
    assert FINAL.encode("utf-8") in data  # the current value is the item's metadata
    assert value_digest(OLD).encode() in data  # its digest stands in for it
    assert "王五".encode() in data  # a field not chosen is left as it was
    events = (bag / "data" / "其他" / "审计事件.xml")
    assert "redacted" in events.read_text("utf-8") if events.exists() else True
    assert "redacted-old-values" in (bag / "data" / "其他" / "四性检测报告.xml").read_text(
        "utf-8")
    # The store and the package still agree: the digests stand for the stored values.
    assert compare_with_package(repos, bag).passed

    # Changing a digest (or putting a value back) breaks that event's hash, and is named.
    text = (bag / "data" / "其他" / "审计链.xml").read_text("utf-8")
    (bag / "data" / "其他" / "审计链.xml").write_text(
        text.replace(value_digest(OLD)[:20], value_digest("x")[:20], 1), "utf-8")
    broken = verify_package(bag, decode=False)
    assert any("does not match its recorded hash" in r.text()
               for r in broken.failed("audit-chain"))


def test_all_changed_values_and_no_redaction(repos: Repositories, incident: IncidentRecord,
                                             tmp_path: Path) -> None:
    _history(repos, incident)
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    out = tmp_path / "out"
    out.mkdir()
    [bag] = export_incident(repos, incident.id, out, signer,
                            options=Options(redact_old_values=("*",))).paths
    assert verify_package(bag, decode=False).passed
    data = _all_bytes(bag)
    # 王五 was the creator once (file_items set 张三 since): an earlier value, hidden too.
    assert OLD.encode() not in data and "王五".encode() not in data
    assert FINAL.encode() in data and b"sha256:" in data
