"""Anchors between packages: verify --previous and check --against catch a store whose
history was rewritten after a transfer, even when the rewrite is self-consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from app.cli import main
from app.export.against import compare_with_package
from app.export.pipeline import ExportResult, export_incident
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store import audit
from app.store.hashing import GENESIS
from app.store.models import AuditEvent, TransferBatch
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from tests.export_support import JPEGS, file_items, import_items


def two_exports(repos: Repositories, incident: IncidentRecord, out: Path,
                between: object = None) -> tuple[ExportResult, ExportResult]:
    signer = Signer(Ed25519PrivateKey.generate(), "李娜")
    file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    first = export_incident(repos, incident.id, out, signer)
    if callable(between):
        between()
    file_items(repos, import_items(repos, incident.id, JPEGS[2:4]))
    second = export_incident(repos, incident.id, out, signer)
    return first, second


def rewrite_history(repos: Repositories) -> None:
    """Change event #1 and recompute every later hash, the head file and the batch's
    anchor: a rewrite nothing inside the store can tell from the real history."""
    with repos.store.writer() as s:
        for action in ("update", "delete"):
            s.connection().exec_driver_sql(f"DROP TRIGGER IF EXISTS audit_event_no_{action}")
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        events[0].agent = "someone else"
        prev = GENESIS
        for e in events:
            e.prev_hash = prev
            e.hash = audit.link_hash(prev, e)
            prev = e.hash
        batch = s.scalar(select(TransferBatch))
        assert batch is not None
        s.execute(update(TransferBatch).values(
            audit_head_hash=next(e.hash for e in events if e.seq == batch.audit_head_count)))
        s.info.pop(audit.SESSION_HEAD_KEY, None)
    head = events[-1]
    (repos.store.root / audit.HEAD_FILE).unlink()
    audit.write_head(repos.store.root, audit.ChainHead(head.seq, head.hash))


def test_consecutive_packages_link_up(repos: Repositories, incident: IncidentRecord,
                                      tmp_path: Path) -> None:
    first, second = two_exports(repos, incident, tmp_path)
    [older], [newer] = first.paths, second.paths
    report = verify_package(newer, previous=older, decode=False)
    assert report.passed, [r.text() for r in report.blocking]
    assert [r for r in report.results if r.check == "audit-chain" and r.ok]
    for path in (older, newer):
        assert compare_with_package(repos, path).passed


def test_a_rewritten_history_fails_previous_and_against(repos: Repositories,
                                                       incident: IncidentRecord,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    first, second = two_exports(repos, incident, tmp_path,
                                between=lambda: rewrite_history(repos))
    [older], [newer] = first.paths, second.paths
    # Alone, the newer package is self-consistent: the rewrite happened before it.
    assert verify_package(newer, decode=False).passed
    report = verify_package(newer, previous=older, decode=False)
    [bad] = report.failed("audit-chain")
    old_head = (older / "bag-info.txt").read_text("utf-8").split("Audit-Head-Hash: ")[1][:64]
    assert old_head in bad.text() and older.name in bad.text() and newer.name in bad.text()
    against = compare_with_package(repos, older)
    assert not against.passed
    assert against.failed("audit-chain")[0].subject == "#1"
    store = str(repos.store.root)
    repos.store.close()
    assert main(["check", "--store", store, "--against", str(older)]) == 1
    captured = capsys.readouterr()
    assert "#1" in captured.out and "rewritten" in captured.out
    assert main(["verify", str(newer), "--previous", str(older), "--no-decode"]) == 1
