"""`fieldarchive check`: verify every file, the audit chain and the log chains."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    add_store_arg,
    open_store_for_reading,
)
from app.store.integrity import check_store


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser("check", help="verify the store's files and chains",
                           parents=[common])
    add_store_arg(check)
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace, out: Output) -> int:
    # Read-only: checking must never change what it checks.
    with open_store_for_reading(args) as reader:
        report = check_store(reader.source)
    summary = f"check found {len(report.findings)} problem(s)"
    result: dict[str, Any] = {
        "ok": report.ok,
        "files_checked": report.files_checked,
        "events_checked": report.events_checked,
        "sm3_pending": report.sm3_pending,
        "findings": [f.as_dict() for f in report.findings],
    }
    if not report.ok:
        result["error"] = summary  # every failing command's object has "error"
    out.result(result)
    if report.ok:
        out.line(f"OK: {report.files_checked} files and {report.events_checked} audit events "
                 f"verified.")
        if report.sm3_pending:
            out.line(f"{report.sm3_pending} file(s) were checked by SHA-256 alone: their SM3 "
                     f"is added by the digest pass, which runs after an import and when the "
                     f"desktop program opens the store ('fieldarchive digest --store DIR').")
        return EXIT_OK
    for f in report.findings:
        out.line(f"FAIL {f.message}")
    print(f"fieldarchive: {summary}", file=sys.stderr)
    return EXIT_FAILED
