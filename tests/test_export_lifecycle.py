"""The export's life cycle: killed, cancelled, a full disk, a changed vault file, a crash
between rename and marking, a second batch, carrier splits, classified items, the CLI."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.cli import main
from app.cli.common import open_store
from app.export.errors import ExportBlocked, ExportCancelled, FileChanged, TargetFull
from app.export.interrupted import NOTE_DIR, settle_interrupted_exports
from app.export.pipeline import export_incident
from app.export.plan import Options
from app.export.seal import Signer
from app.export.verify import verify_package
from app.store.digests import complete_digests
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.export_support import JPEGS, file_items, import_items

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def signer() -> Signer:
    return Signer(Ed25519PrivateKey.generate(), "李娜")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def finished_looking(out: Path) -> list[str]:
    """Anything in ``out`` a person would take for a package."""
    return [p.name for p in out.iterdir() if not p.name.startswith(".")]


def states(repos: Repositories, incident: IncidentRecord) -> set[str]:
    return {i.state for i in repos.items.list(incident.id)}


def kill_an_export(repos: Repositories, out: Path, marker: Path,
                   until: Callable[[], bool]) -> None:
    """SIGKILL a slow export of the store into ``out`` as soon as ``until()`` holds."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.export_child", str(repos.store.root), str(out),
         str(marker)], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not until() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert until(), child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stderr is not None:
            child.stderr.close()


def test_a_killed_export_leaves_nothing_finished_and_nothing_marked(
        repos: Repositories, incident: IncidentRecord, out: Path, tmp_path: Path,
        signer: Signer) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:4]))
    marker = tmp_path / "started"
    kill_an_export(repos, out, marker, until=marker.exists)
    assert finished_looking(out) == []
    assert states(repos, incident) == {"filed"}
    assert repos.transfers.history(incident.id) == []
    # The next export starts afresh over the killed one's leftovers.
    result = export_incident(repos, incident.id, out, signer)
    assert finished_looking(out) == [result.paths[0].name]
    assert verify_package(result.paths[0], decode=False).passed
    assert states(repos, incident) == {"transferred"}


def test_the_next_start_clears_a_killed_exports_partial_package_and_says_so(
        repos: Repositories, incident: IncidentRecord, out: Path, tmp_path: Path) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:4]))
    kill_an_export(repos, out, tmp_path / "started",  # once the package is being written
                   until=lambda: any(p.name.startswith(".") for p in out.iterdir()))
    [partial] = [p for p in out.iterdir() if p.name.startswith(".")]
    root = repos.store.root
    repos.store.close()
    # The next program to open the store alone (here the command line's own open).
    said = io.StringIO()
    args = argparse.Namespace(store=root)
    with contextlib.redirect_stderr(said), open_store(args) as store:
        assert store.opened_alone
    assert list(out.iterdir()) == []
    assert str(partial) in said.getvalue() and "interrupted" in said.getvalue()
    assert not (root / NOTE_DIR).exists()


def test_a_partial_package_on_a_carrier_not_plugged_in_is_named(
        store_path: Path, tmp_path: Path) -> None:
    gone = tmp_path / "usb-disk" / ".Z109-EQ2025-01-001.partial"  # the disk was pulled
    with Store.open(store_path, create=True) as store:
        (store.root / NOTE_DIR).mkdir()
        (store.root / NOTE_DIR / "a.json").write_text(json.dumps([str(gone)]))
    with Store.open(store_path) as store:
        found = settle_interrupted_exports(store)
    assert found.unreachable == [gone] and found.removed == []
    with Store.open(store_path) as store:  # said once: the note is gone
        assert not settle_interrupted_exports(store)


def test_a_cancelled_export_leaves_nothing(repos: Repositories, incident: IncidentRecord,
                                           out: Path, signer: Signer) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        cancel.set()

    with pytest.raises(ExportCancelled):
        export_incident(repos, incident.id, out, signer, progress=progress, cancel=cancel)
    assert list(out.iterdir()) == []
    assert states(repos, incident) == {"filed"}


def test_a_second_export_holds_only_the_new_items(repos: Repositories,
                                                  incident: IncidentRecord, out: Path,
                                                  signer: Signer) -> None:
    first_codes = file_items(repos, import_items(repos, incident.id, JPEGS[:3]))
    first = export_incident(repos, incident.id, out, signer)
    new_codes = file_items(repos, import_items(repos, incident.id, JPEGS[3:5]))
    assert [c[-4:] for c in new_codes] == ["0004", "0005"]
    second = export_incident(repos, incident.id, out, signer)
    bag = second.paths[0]
    assert bag.name == "Z109-EQ2025-01-002"
    held = sorted(p.name for p in (bag / "data" / "Z109" / "ZP").iterdir())
    assert held == sorted(new_codes) and not set(held) & set(first_codes)
    description = (bag / "data" / "说明文件.TXT").read_text("utf-8")
    assert "件号范围: Z109-ZP·2025-Y-YJB 0004-0005" in description
    info = (bag / "bag-info.txt").read_text("utf-8")
    assert "Previous-Batch: 1" in info
    assert f"Previous-Audit-Head: {first.batch.audit_head_count} " in info
    assert verify_package(bag, decode=False).passed
    # Nothing left to send: pre-flight blocks an empty batch.
    with pytest.raises(ExportBlocked):
        export_incident(repos, incident.id, out, signer)


@pytest.mark.parametrize("sm3_first", [True, False], ids=["write-stage", "digest-pass"])
def test_a_changed_vault_file_stops_the_export_and_is_named(
        repos: Repositories, incident: IncidentRecord, out: Path, signer: Signer,
        sm3_first: bool) -> None:
    ids = import_items(repos, incident.id, JPEGS[:2])
    file_items(repos, ids)
    if sm3_first:  # then only the write stage's comparison can catch the change
        complete_digests(repos.store)
    original = repos.items.get(ids[1]).file("original")
    assert original is not None
    path = repos.store.vault.absolute(original.vault_path)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(FileChanged) as err:
        export_incident(repos, incident.id, out, signer)
    assert original.vault_path in str(err.value)
    assert list(out.iterdir()) == []
    assert states(repos, incident) == {"filed"}


def test_a_crash_between_rename_and_marking_is_reconciled(
        repos: Repositories, incident: IncidentRecord, out: Path, signer: Signer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:2]))

    def crash(batch_id: str, operator: str | None = None) -> None:
        raise KeyboardInterrupt  # the process dies right after the rename

    monkeypatch.setattr(repos.transfers, "complete", crash)
    with pytest.raises(KeyboardInterrupt):
        export_incident(repos, incident.id, out, signer)
    monkeypatch.undo()
    assert finished_looking(out) == ["Z109-EQ2025-01-001"]
    assert states(repos, incident) == {"filed"}
    # The next export finds the finished package and marks its items first.
    with pytest.raises(ExportBlocked):
        export_incident(repos, incident.id, out, signer)
    assert states(repos, incident) == {"transferred"}
    [batch] = repos.transfers.history(incident.id)
    assert batch.status == "done"


def test_a_batch_larger_than_the_carrier_is_split_into_one_group(
        repos: Repositories, incident: IncidentRecord, out: Path, signer: Signer) -> None:
    file_items(repos, import_items(repos, incident.id, JPEGS[:4]))
    largest = max(p.stat().st_size for p in JPEGS[:4])
    size = 4 * 1024 * 1024 + largest + 200 * 1024
    result = export_incident(repos, incident.id, out, signer,
                             options=Options(carrier_size=size), as_zip=True)
    assert len(result.paths) >= 2
    groups = set()
    for i, path in enumerate(result.paths, 1):
        assert path.name == f"Z109-EQ2025-01-001-{i}of{len(result.paths)}.zip"
        report = verify_package(path, decode=False)
        assert report.passed, [r.text() for r in report.blocking]
        import zipfile

        with zipfile.ZipFile(path) as zf:
            info = zf.read(f"{path.stem}/bag-info.txt").decode()
        groups.add(next(line for line in info.splitlines()
                        if line.startswith("Bag-Group-Identifier")))
        assert f"Bag-Count: {i} of {len(result.paths)}" in info
    assert groups == {"Bag-Group-Identifier: Z109-EQ2025-01-001"}
    assert states(repos, incident) == {"transferred"}


def test_classified_items_never_go_into_an_ordinary_package(
        repos: Repositories, incident: IncidentRecord, out: Path, signer: Signer) -> None:
    ordinary = file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    [secret_id] = import_items(repos, incident.id, JPEGS[2:3])
    file_items(repos, [secret_id], classification="secret", retention="D30")
    result = export_incident(repos, incident.id, out, signer)
    held = sorted(p.name for p in (result.paths[0] / "data" / "Z109" / "ZP").iterdir())
    assert held == sorted(ordinary)
    assert repos.items.get(secret_id).state == "filed"
    # Chosen by hand into an ordinary batch: pre-flight blocks it.
    with pytest.raises(ExportBlocked) as err:
        export_incident(repos, incident.id, out, signer, items=[secret_id])
    assert err.value.report.failed("classification")
    # As its own classified batch it goes, marked so.
    classified = export_incident(repos, incident.id, out, signer,
                                 options=Options(classified=True))
    info = (classified.paths[0] / "bag-info.txt").read_text("utf-8")
    assert "Classified-Batch: yes" in info
    assert verify_package(classified.paths[0], decode=False).passed


def test_unfiled_items_block_with_findings(repos: Repositories, incident: IncidentRecord,
                                           out: Path, signer: Signer) -> None:
    ids = import_items(repos, incident.id, JPEGS[:1])
    with pytest.raises(ExportBlocked) as err:
        export_incident(repos, incident.id, out, signer, items=ids)
    report = err.value.report
    assert report.failed("filed-state") and report.failed("required-fields")
    assert "档号" in report.failed("required-fields")[0].text()
    assert list(out.iterdir()) == []


def test_a_full_target_disk_is_a_clear_message(repos: Repositories,
                                               incident: IncidentRecord, tmp_path: Path,
                                               signer: Signer) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    from PIL import Image

    noisy = []
    for n in range(3):  # noise does not compress: about 2.2 MB each, 6.6 MB in all
        path = tmp_path / f"noise{n}.jpg"
        Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(
            path, quality=95)
        noisy.append(path)
    small = tmp_path / "carrier"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(small)], check=True)
    try:
        file_items(repos, import_items(repos, incident.id, noisy))
        with pytest.raises(TargetFull) as err:
            export_incident(repos, incident.id, small, signer)
        assert "full" in str(err.value) and str(small) in str(err.value)
        assert list(small.iterdir()) == []
        assert states(repos, incident) == {"filed"}
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_the_command_line_exports_and_verifies(repos: Repositories,
                                               incident: IncidentRecord, out: Path,
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    repos.operators.add("李娜", "旗档案馆", "reviewer", passphrase="passphrase-1")
    file_items(repos, import_items(repos, incident.id, JPEGS[:2]))
    store = str(repos.store.root)
    repos.store.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong-passphrase\n"))
    assert main(["export", "--store", store, "--incident", "EQ2025-01", "--out", str(out),
                 "--reviewer", "李娜"]) == 1
    assert "passphrase" in capsys.readouterr().err.lower()
    monkeypatch.setattr(sys, "stdin", io.StringIO("passphrase-1\n"))
    assert main(["export", "--store", store, "--incident", "EQ2025-01", "--out", str(out),
                 "--reviewer", "李娜", "--zip"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == [str(out / "Z109-EQ2025-01-001.zip")]
    report = tmp_path / "report.xml"
    assert main(["verify", printed[0], "--report", str(report), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Result: PASS" in text and "Report SHA-256: " in text
    import hashlib

    assert hashlib.sha256(report.read_bytes()).hexdigest() in text
    assert main(["verify", printed[0], "--trusted-key", "SHA256:" + "ab" * 32,
                 "--no-decode"]) == 1
    captured = capsys.readouterr()
    assert "ab" * 32 in captured.out and "verify failed" in captured.err
    # Nothing left: the CLI exits 1 and says what blocks it.
    monkeypatch.setattr(sys, "stdin", io.StringIO("passphrase-1\n"))
    assert main(["export", "--store", store, "--incident", "EQ2025-01", "--out", str(out),
                 "--reviewer", "李娜"]) == 1
    captured = capsys.readouterr()
    assert "BLOCKS" in captured.out and "Pre-flight" in captured.err


def test_a_damaged_original_is_a_warning_never_a_block(repos: Repositories,
                                                      incident: IncidentRecord, out: Path,
                                                      signer: Signer) -> None:
    # Kept as received (a media handover stored byte for byte), cut short: the importer
    # refuses such a photo, so it is stored here directly, as a handover would be.
    from app.store.repositories.items import NewFile

    data = JPEGS[0].read_bytes()
    damaged = repos.items.ingest(incident.id, "photo", [NewFile(
        data[: len(data) * 2 // 3], original_name="handover.jpg", format="image/jpeg")]).id
    file_items(repos, [damaged] + import_items(repos, incident.id, JPEGS[:1]))
    result = export_incident(repos, incident.id, out, signer,
                             accepted_warnings="kept as received from the camera")
    [warning] = result.preflight.failed("decodes")
    assert not warning.blocking
    report = verify_package(result.paths[0])
    assert report.passed  # decoding is a warning in verify too, named per file
    assert any("-001.jpg" in r.subject for r in report.failed("decodes"))
    preflight_xml = (result.paths[0] / "data" / "其他" / "四性检测报告.xml").read_text("utf-8")
    assert "kept as received from the camera" in preflight_xml


def test_a_target_that_disappears_mid_export(repos: Repositories, incident: IncidentRecord,
                                             tmp_path: Path, signer: Signer) -> None:
    import shutil

    from app.export.errors import ExportError

    file_items(repos, import_items(repos, incident.id, JPEGS[:3]))
    carrier = tmp_path / "carrier"
    carrier.mkdir()

    def pull_the_disk(stage: str, done: int, total: int) -> None:
        if stage == "write" and carrier.exists():
            shutil.rmtree(carrier)

    with pytest.raises(ExportError) as err:
        export_incident(repos, incident.id, carrier, signer, progress=pull_the_disk)
    assert str(carrier) in str(err.value) and "nothing was handed over" in str(err.value)
    assert states(repos, incident) == {"filed"}
    assert repos.transfers.history(incident.id) == []
