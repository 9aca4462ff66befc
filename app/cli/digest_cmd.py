"""`fieldarchive digest`: add the SM3 digests an import left to the digest pass.

``import`` (and ``physical``) run the pass themselves before they exit; this command is for
what an interrupted one left (``check`` says how many files wait). Exit 0 when every
pending file got its SM3, 1 when a file had changed or could not be read, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from app.cli.common import EXIT_FAILED, EXIT_OK, Output, add_operator_arg, add_store_arg, open_store
from app.store.digests import DigestReport, complete_digests
from app.store.store import Store

EXIT_INTERRUPTED = 130


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    digest = sub.add_parser("digest", parents=[common],
                            help="add the SM3 digests an import left to the digest pass")
    add_store_arg(digest)
    add_operator_arg(digest)
    digest.set_defaults(handler=_digest)


def _digest(args: argparse.Namespace, out: Output) -> int:
    from app.cli.import_cmd import ctrl_c_cancels  # its Ctrl-C handling, shared

    cancel = threading.Event()
    with open_store(args) as store, ctrl_c_cancels(cancel):
        report = run_digest_pass(store, args.operator, cancel)
    out.result(digest_result(report))
    for line in digest_lines(report):
        out.line(line)
    return digest_status(report, out)


def run_digest_pass(store: Store, operator: str | None,
                    cancel: threading.Event | None = None) -> DigestReport:
    """The pass over every file still without SM3, with a progress line on a terminal."""
    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int, _path: str) -> None:
            sys.stderr.write(f"\rSM3 {100 * done // total if total else 100:3d}%")
            sys.stderr.flush()
    report = complete_digests(store, operator=operator, progress=progress, cancel=cancel)
    if progress is not None:
        sys.stderr.write("\r")
    return report


def digest_result(report: DigestReport) -> dict[str, Any]:
    return {"sm3_recorded": report.done,
            "sm3_problems": [{"vault_path": p, "error": e} for p, e in report.problems],
            "sm3_cancelled": report.cancelled}


def digest_lines(report: DigestReport) -> list[str]:
    lines = [f"SM3 recorded for {report.done} file(s)."]
    lines += [f"FAILED     vault file {p} {e}" for p, e in report.problems]
    if report.cancelled:
        lines.append("SM3 stopped: the remaining files get theirs from "
                     "'fieldarchive digest' or the next time the desktop program opens "
                     "the store.")
    return lines


def digest_status(report: DigestReport, out: Output) -> int:
    if report.problems:
        if not out.json_mode:
            print(f"fieldarchive: {len(report.problems)} stored file(s) failed their check; "
                  f"run 'fieldarchive check'", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_INTERRUPTED if report.cancelled else EXIT_OK
