"""`fieldarchive decode`: judge whether stored files decode, once per content (SHA-256).

``import`` runs this pass itself before it exits (after the SM3 pass; ``--no-decode-check``
leaves it to later), the desktop program in the background; pre-flight then reads the
verdicts instead of decoding. This command is for what an interrupted one left. A damaged
original is reported, not a failure (it is kept as received): exit 0, or 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from app.cli.common import EXIT_OK, Output, add_store_arg, open_store, say
from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.decode_pass import DecodePassReport, run_decode_pass
from app.store.store import Store

EXIT_INTERRUPTED = 130
PROGRESS = QT_TRANSLATE_NOOP("Errors", "Decode check: {done}/{total}")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    decode = sub.add_parser(
        "decode", parents=[common],
        help="check that stored files decode (kept per content; pre-flight reads it)")
    add_store_arg(decode)
    decode.set_defaults(handler=_decode)


def _decode(args: argparse.Namespace, out: Output) -> int:
    from app.cli.import_cmd import ctrl_c_cancels  # its Ctrl-C handling, shared

    cancel = threading.Event()
    with open_store(args) as store, ctrl_c_cancels(cancel):
        report = run_terminal_pass(store, cancel)
    out.result(decode_result(report))
    for line in decode_lines(report):
        out.line(line)
    return EXIT_INTERRUPTED if report.cancelled else EXIT_OK


def run_terminal_pass(store: Store, cancel: threading.Event | None = None) -> DecodePassReport:
    """The pass over every content without a verdict, with a progress line on a terminal."""
    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int, _path: str) -> None:
            sys.stderr.write("\r" + say(PROGRESS, done=done, total=total))
            sys.stderr.flush()
    report = run_decode_pass(store, progress=progress, cancel=cancel)
    if progress is not None:
        sys.stderr.write("\n")
    return report


def decode_result(report: DecodePassReport) -> dict[str, Any]:
    return {"decode_judged": report.judged,
            "decode_findings": [{"vault_path": p, "verdict": v, "reason": r}
                                for p, v, r in report.findings],
            "decode_cancelled": report.cancelled}


VERDICT_TEMPLATES = {
    "damaged": QT_TRANSLATE_NOOP("Errors", "damaged: {path} ({reason})"),
    "undecodable": QT_TRANSLATE_NOOP("Errors", "not decodable here: {path} ({reason})"),
    "too-large": QT_TRANSLATE_NOOP("Errors", "too large to decode: {path} ({reason})"),
    "ok": QT_TRANSLATE_NOOP("Errors", "decoded reduced: {path} ({reason})"),
    "unreadable": QT_TRANSLATE_NOOP("Errors", "cannot be read: {path} ({reason}); run "
                                    "'fieldarchive check'"),
}


def decode_lines(report: DecodePassReport) -> list[str]:
    lines = [say(QT_TRANSLATE_NOOP("Errors", "Decode check: {count} file(s) judged."),
                 count=report.judged)]
    lines += ["  " + say(VERDICT_TEMPLATES[v], path=p, reason=r) for p, v, r in report.findings]
    if report.cancelled:
        lines.append(say(QT_TRANSLATE_NOOP(
            "Errors", "Decode check stopped: the remaining files are judged by 'fieldarchive "
            "decode', the desktop program, or pre-flight.")))
    return lines
