"""`fieldarchive backup` and `fieldarchive restore`: a second copy off the laptop."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    add_operator_arg,
    add_store_arg,
    open_store,
    store_path,
)
from app.store.backup import backup_store, restore_backup
from app.store.integrity import check_store
from app.store.repositories import Repositories
from app.store.store import RECOVERED_DIR, Store


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser(
        "backup", parents=[common],
        help="copy the store to another disk (only new files after the first time)")
    add_store_arg(backup)
    backup.add_argument("--to", required=True, type=Path, metavar="TARGET",
                        help="the backup folder (empty, or an earlier backup of this store); "
                             "verify it with 'fieldarchive check --store TARGET'")
    add_operator_arg(backup)
    backup.set_defaults(handler=_backup)

    restore = sub.add_parser(
        "restore", parents=[common],
        help="bring a backup back into a new store folder, and check it")
    restore.add_argument("--from", dest="source", required=True, type=Path, metavar="BACKUP")
    add_store_arg(restore)
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        report = backup_store(store, args.to)
        Repositories(store).backups.record(report, args.operator)
    out.result({"target": str(report.target), "files": report.files, "copied": report.copied,
                "bytes_copied": report.bytes_copied, "events": report.events,
                "recovered": report.recovered,
                "finished_at": report.finished_at.isoformat(timespec="seconds")})
    out.line(f"Backed up to {report.target}: {report.files} file(s), {report.copied} copied "
             f"this time ({report.bytes_copied // 1024} KiB), {report.events} audit events.")
    if report.recovered:
        out.line(f"With it: {report.recovered} recording(s) a crash cut off, kept in "
                 f"{report.target / RECOVERED_DIR} for import.")
    out.line(f"Verify it with: fieldarchive check --store {report.target}")
    return EXIT_OK


def _restore(args: argparse.Namespace, out: Output) -> int:
    target = store_path(args)
    report = restore_backup(args.source, target)
    with Store.open(target) as store:
        check = check_store(store)
    out.result({"store": str(report.store), "files": report.files, "events": report.events,
                "ok": check.ok, "findings": [f.as_dict() for f in check.findings],
                **({} if check.ok else {"error": "the restored store did not pass check"})})
    if not check.ok:
        for f in check.findings:
            out.line(f"FAIL {f.message}")
        return out.fail("the restored store did not pass check; keep the backup", "check")
    out.line(f"Restored {report.files} file(s) and {report.events} audit events into "
             f"{report.store}; check passed.")
    return EXIT_OK if check.ok else EXIT_FAILED
