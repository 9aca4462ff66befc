"""The export: plan → pre-flight → write → seal → commit, for one incident's batch.

Slow work happens with no transaction open; the store is touched only to read the
snapshot, to record the batch 'writing' just before the rename and to mark the items
transferred just after it (``TransferRepository``). Every bag is written under a temporary
name; on any failure or cancel the temporary files are removed, so nothing that looks
finished is left and nothing is marked.
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.timeutil import now_local
from app.export.decode_judge import Verdict, kind_of
from app.export.decode_pass import judge_stored, to_record
from app.export.errors import (
    ExportBlocked,
    ExportCancelled,
    ExportError,
    FileChanged,
    TargetFull,
)
from app.export.formats import PACKAGED_ROLES
from app.export.interrupted import export_note
from app.export.plan import ExportPlan, Options, Signing, make_plan
from app.export.preflight import run_preflight
from app.export.redaction import redact_source, redaction_note
from app.export.report import Report
from app.export.seal import Sealed, Signer, seal_bag
from app.export.sinks import FolderSink, Sink, ZipSink
from app.export.write import Progress, write_bag
from app.store.digests import complete_digests
from app.store.errors import NotFound
from app.store.repositories import Repositories
from app.store.repositories.transfers import new_batch_id
from app.store.transfer_records import ExportSource, TransferBatchRecord
from app.store.worklog_records import LogRendition


@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...]
    batch: TransferBatchRecord
    preflight: Report
    sealed: tuple[Sealed, ...]
    reconciled: tuple[TransferBatchRecord, ...] = ()


def package_is_finished(path: Path, batch_id: str) -> bool:
    """A final-named package whose bag-info names this batch (for ``reconcile``)."""
    import zipfile

    try:
        if path.is_dir():
            info = (path / "bag-info.txt").read_text("utf-8")
        elif path.is_file():
            with zipfile.ZipFile(path) as zf:
                name = path.name.removesuffix(".zip")
                info = zf.read(f"{name}/bag-info.txt").decode("utf-8")
        else:
            return False
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    return f"Batch-ID: {batch_id}\n" in info


def reconcile(repos: Repositories, operator: str | None = None) -> list[TransferBatchRecord]:
    """Batches a crash left between rename and marking: finished packages get marked."""
    return repos.transfers.reconcile(
        lambda b: bool(b.paths) and all(package_is_finished(Path(p), b.id) for p in b.paths),
        operator)


def snapshot(repos: Repositories, incident_ref: str, items: list[str] | None,
             classified: bool, operator: str | None) -> ExportSource:
    """The batch's items; files still waiting for their SM3 get it first."""
    source = repos.transfers.export_source(incident_ref, items, include_classified=classified)
    waiting = [i.id for i in source.items if any(f.sm3 == "" for f in i.files)]
    if waiting:
        report = complete_digests(repos.store, item_ids=waiting, operator=operator)
        if report.problems:
            vault_path, reason = report.problems[0]
            raise FileChanged(QT_TRANSLATE_NOOP(
                "Errors", "The stored file {vault_path} {reason}; the export stopped and "
                "nothing was handed over."), vault_path=vault_path, reason=reason)
        source = repos.transfers.export_source(incident_ref, items,
                                               include_classified=classified)
    return source


def rendition_of(repos: Repositories, incident_id: str) -> LogRendition | None:
    try:
        r = repos.log.entries_for_rendition(incident_id)
    except NotFound:
        return None
    return r if r.entries else None


def unreviewed(rendition: LogRendition | None) -> int:
    if rendition is None:
        return 0
    return sum(1 for t in rendition.threads if t.current.review_status != "approved")


def decode_verdicts(repos: Repositories, source: ExportSource,
                    progress: Progress | None = None,
                    cancel: threading.Event | None = None) -> dict[str, Verdict]:
    """Each packaged file's decode verdict: file id -> verdict.

    The decode pass (``decode_pass``) left one per SHA-256 for what it has seen; only files
    with none are judged here (and their verdicts kept for the next time).
    """
    files = [f for i in source.items for f in i.files if f.role in PACKAGED_ROLES]
    stored = repos.decode_verdicts.verdicts(f.sha256 for f in files)
    out: dict[str, Verdict] = {}
    todo = []
    for f in files:
        known = stored.get(f.sha256)
        if known is not None:
            out[f.id] = Verdict(known.verdict, known.reason, known.decoder,
                                known.decoder_version, kind_of(f.format))
        else:
            todo.append(f)
    judged: dict[str, Verdict] = {}
    for n, f in enumerate(todo, 1):
        if cancel is not None and cancel.is_set():
            raise ExportCancelled(QT_TRANSLATE_NOOP(
                "Errors", "The export was cancelled; nothing was handed over."))
        if f.sha256 not in judged:
            judged[f.sha256] = judge_stored(repos.store, f.vault_path, f.format)
        out[f.id] = judged[f.sha256]
        if progress is not None:
            progress("decode", n, len(todo))
    repos.decode_verdicts.record([to_record(sha, v) for sha, v in judged.items()])
    return out


def preflight(repos: Repositories, incident_ref: str, items: list[str] | None = None,
              classified: bool = False, operator: str | None = None, *,
              decode: bool = True, progress: Progress | None = None,
              cancel: threading.Event | None = None
              ) -> tuple[ExportSource, LogRendition | None, Report]:
    source = snapshot(repos, incident_ref, items, classified, operator)
    rendition = rendition_of(repos, source.incident.id)
    verdicts = decode_verdicts(repos, source, progress, cancel) if decode else {}
    report = run_preflight(source, classified_batch=classified,
                           unreviewed_log_entries=unreviewed(rendition),
                           decode_verdicts=verdicts)
    return source, rendition, report


def export_incident(repos: Repositories, incident_ref: str, out: Path, signer: Signer, *,
                    as_zip: bool = False, options: Options | None = None,
                    items: list[str] | None = None, operator: str | None = None,
                    progress: Progress | None = None,
                    cancel: threading.Event | None = None,
                    accepted_warnings: str = "", decode: bool = True) -> ExportResult:
    """Pre-flight, then write, seal and commit the batch (see the module note).

    ``accepted_warnings``: the reason given for going ahead despite pre-flight warnings;
    it is recorded in the package's pre-flight report.
    """
    options = options or Options()
    reconciled = reconcile(repos, operator)
    source, rendition, report = preflight(repos, incident_ref, items, options.classified,
                                          operator, decode=decode, progress=progress,
                                          cancel=cancel)
    if report.blocking:
        raise ExportBlocked(QT_TRANSLATE_NOOP(
            "Errors", "Pre-flight found {count} required check(s) failing; nothing was "
            "exported."), report=report, count=len(report.blocking))
    if accepted_warnings.strip() and report.warnings:
        report.notes["warnings-accepted"] = accepted_warnings.strip()
    source, redacted = redact_source(source, options.redact_old_values)
    if redacted.values or redacted.withheld:
        report.notes["redacted-old-values"] = redaction_note(redacted,
                                                             options.redact_old_values)
    now = now_local()
    batch_id = new_batch_id()
    plan = make_plan(source, rendition, report, Signing(signer.name, signer.fingerprint),
                     options, repos.store.vault.absolute, batch_id, now)
    out = Path(out)
    if not out.is_dir():
        raise ExportError(QT_TRANSLATE_NOOP(
            "Errors", "The target folder {path} does not exist."), path=str(out))
    sinks = [_sink(out, b.name, as_zip, now) for b in plan.bags]
    for s in sinks:
        if s.final.exists():
            raise ExportError(QT_TRANSLATE_NOOP(
                "Errors", "{path} already exists; choose another target folder."),
                path=str(s.final))
    # The note names the partial packages while they exist, so that the next start can
    # clear them if this process dies (``app.export.interrupted``).
    with export_note(repos.store, [s.partial for s in sinks]):
        sealed = _write_all(plan, sinks, signer, progress, cancel)
        # The snapshot and the plan are not needed any more: let them go before the batch is
        # recorded, whose transaction (every item marked, an event each) has its own peak.
        incident_id, number, item_ids = source.incident.id, source.batch_number, plan.item_ids
        head_count, head_hash = source.audit_head_count, source.audit_head_hash
        del source, plan
        batch = repos.transfers.begin(
            batch_id=batch_id, incident_id=incident_id, number=number,
            paths=[str(s.final) for s in sinks], item_ids=item_ids,
            byte_count=sum(x.payload_bytes for x in sealed),
            digests={s.final.name: {"tagmanifest-sha256": x.tagmanifest_sha256,
                                    "manifest-sha256": x.manifest_sha256,
                                    "payload-oxum": x.payload_oxum}
                     for s, x in zip(sinks, sealed, strict=True)},
            fingerprint=signer.fingerprint, reviewer=signer.name,
            carrier=f"{options.carrier_type} {options.carrier_number}".strip(),
            audit_head_count=head_count, audit_head_hash=head_hash)
        del item_ids
        try:
            for s in sinks:
                s.rename()
        except OSError as err:
            for s in sinks:
                s.discard()
            repos.transfers.abandon(batch_id)
            raise _os_error(err, out) from err
        batch = repos.transfers.complete(batch_id, operator)
        return ExportResult(tuple(s.final for s in sinks), batch, report, tuple(sealed),
                            tuple(reconciled))


def _sink(out: Path, name: str, as_zip: bool, when: datetime) -> Sink:
    return ZipSink(out, name, when) if as_zip else FolderSink(out, name)


def _write_all(plan: ExportPlan, sinks: list[Sink], signer: Signer,
               progress: Progress | None, cancel: threading.Event | None) -> list[Sealed]:
    sealed = []
    try:
        for bag, sink in zip(plan.bags, sinks, strict=True):
            sink.start()
            written = write_bag(bag, sink, progress, cancel)
            sealed.append(seal_bag(bag, written, sink, signer))
            sink.finish()
    except OSError as err:
        for s in sinks:
            s.discard()
        raise _os_error(err, sinks[0].final.parent) from err
    except BaseException:
        for s in sinks:
            s.discard()
        raise
    return sealed


def _os_error(err: OSError, out: Path) -> ExportError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return TargetFull(QT_TRANSLATE_NOOP(
            "Errors", "The target disk {path} is full; the partial package was removed and "
            "nothing was handed over. Free space or choose a larger carrier."),
            path=str(out))
    return ExportError(QT_TRANSLATE_NOOP(
        "Errors", "Writing the package to {path} failed ({reason}); the partial package was "
        "removed and nothing was handed over."), path=str(out),
        reason=err.strerror or str(err))
