"""`fieldarchive check`: verify every file, the audit chain and the log chains."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    UsageError,
    add_store_arg,
    open_store_for_reading,
    store_path,
)
from app.store.integrity import check_path, parse_head
from app.store.repositories.audit_log import short_head


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    check = sub.add_parser("check", help="verify the store's files and chains",
                           parents=[common])
    add_store_arg(check)
    check.add_argument("--against", type=Path, metavar="PACKAGE",
                       help="compare the store with a transfer package made from it")
    check.add_argument("--head", metavar="COUNT:HASH",
                       help="also check against an audit head written down earlier "
                            "('fieldarchive head' prints it)")
    check.set_defaults(handler=_check)
    head = sub.add_parser("head", help="print the audit head (count and hash) to write down "
                          "or photograph; 'check --head' compares the store with it later",
                          parents=[common])
    add_store_arg(head)
    head.set_defaults(handler=_head)


def _head(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as reader:
        head = reader.audit.head()
    short = short_head(head)
    out.result({"count": head.count, "hash": head.hash, "short": short})
    out.line(short)
    out.line(f"(audit event #{head.count}, SHA-256 {head.hash}; write down or photograph the "
             f"first line, and check against it later with 'fieldarchive check --head {short}')")
    return EXIT_OK


def _check(args: argparse.Namespace, out: Output) -> int:
    if args.against is not None:
        return _against(args, out)
    try:
        anchor = parse_head(args.head) if args.head else None
    except ValueError as err:
        raise UsageError(f"check --head: {err}") from None
    # Read-only: checking must never change what it checks (app.store.read_source).
    report = check_path(store_path(args), anchor)
    summary = f"check found {len(report.findings)} problem(s)"
    result: dict[str, Any] = {
        "ok": report.ok,
        "files_checked": report.files_checked,
        "events_checked": report.events_checked,
        "rows_checked": report.rows_checked,
        "sm3_pending": report.sm3_pending,
        "head": (f"{report.head.count}:{report.head.hash}" if report.head else None),
        "findings": [f.as_dict() for f in report.findings],
    }
    if not report.ok:
        result["error"] = summary  # every failing command's object has "error"
    out.result(result)
    if report.ok:
        out.line(f"OK: {report.files_checked} files, {report.rows_checked} sealed rows and "
                 f"{report.events_checked} audit events verified.")
        if anchor is not None:
            out.line(f"The store matches the head written down ({args.head}).")
        if report.sm3_pending:
            out.line(f"{report.sm3_pending} file(s) were checked by SHA-256 alone: their SM3 "
                     f"is added by the digest pass, which runs after an import and when the "
                     f"desktop program opens the store ('fieldarchive digest --store DIR').")
        return EXIT_OK
    for f in report.findings:
        out.line(f"FAIL {f.message}")
    print(f"fieldarchive: {summary}", file=sys.stderr)
    return EXIT_FAILED


def _against(args: argparse.Namespace, out: Output) -> int:
    """The store's history still passes through the package's anchor; its items unchanged."""
    from app.export.against import compare_with_package

    if not args.against.exists():
        return out.fail(f"{args.against} does not exist", code="usage", status=2)
    with open_store_for_reading(args) as reader:
        report = compare_with_package(reader, args.against)
    out.result(report.to_json() | ({} if report.passed else
                                   {"error": f"{len(report.blocking)} difference(s)"}))
    out.line(report.to_text("en").rstrip("\n"))
    if report.passed:
        return EXIT_OK
    print(f"fieldarchive: the store differs from {args.against.name}", file=sys.stderr)
    return EXIT_FAILED
