"""`fieldarchive import`: take files and folders into an incident, one result per file.

Exit 0 when nothing failed (duplicates and skipped litter are not failures), 1 when some
file failed (everything that could be imported still is), 130 when interrupted with
Ctrl-C: the first Ctrl-C stops after the current file and prints what was done.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.capture.importer import (
    Duplicate,
    Failed,
    Imported,
    ImportReport,
    Outcome,
    import_files,
    shown,
    terminal_text,
)
from app.capture.provenance import CHANNEL_FIELDS, FIELD_LABELS, build_provenance, option_name
from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    add_operator_arg,
    add_store_arg,
    code_type,
    open_store,
    say,
)
from app.cli.decode_cmd import decode_lines, decode_result, run_terminal_pass
from app.cli.digest_cmd import digest_lines, digest_result, digest_status, run_digest_pass
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.decode_pass import DecodePassReport
from app.store.digests import DigestReport
from app.store.repositories import Repositories
from app.ui.i18n import message_text

EXIT_INTERRUPTED = 130


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser(
        "import", parents=[common],
        help="import photos, audio, video and documents into an incident",
        description="Import files and folders (recursively). Originals are stored "
                    "bit-identical; duplicates are reported, not stored twice.",
    )
    add_store_arg(imp)
    imp.add_argument("--incident", required=True, metavar="ID", help="incident id or number")
    add_source_args(imp)
    imp.add_argument("--note", default="", help="a note on the batch")
    imp.add_argument("--no-decode-check", action="store_true",
                     help="leave the decode check of the new files to 'fieldarchive decode', "
                          "the desktop program or pre-flight")
    add_operator_arg(imp)
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                     help="files or folders to import")
    imp.set_defaults(handler=_import)


def add_source_args(parser: argparse.ArgumentParser) -> None:
    """--source and the provenance details of each channel (shared with `physical`)."""
    parser.add_argument("--source", default="self", type=code_type(codes.SOURCE_CHANNEL),
                        help="self|media|oral|donation (or 自形成/媒体移交/口述采录/社会征集)")
    for channel, keys in CHANNEL_FIELDS.items():
        if not keys:
            continue
        group = parser.add_argument_group(f"{codes.SOURCE_CHANNEL.label(channel, 'en')} "
                                          f"({codes.SOURCE_CHANNEL.label(channel)}), "
                                          f"with --source {channel}")
        for key in keys:
            zh, en = FIELD_LABELS[key]
            group.add_argument(option_name(key), dest=f"prov_{key}", metavar="TEXT",
                               help=f"{en} ({zh})")


def provenance_from_args(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    values = {key: getattr(args, f"prov_{key}", None) for key in FIELD_LABELS}
    return build_provenance(args.source, values)


@contextmanager
def ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """First Ctrl-C sets ``cancel`` (the import stops cleanly); a second one interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("\nStopping after the current file…", file=sys.stderr)

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def terminal_progress(out: Output) -> Any:
    if out.json_mode or not sys.stderr.isatty():
        return None

    def progress(done: int, total: int, text: str) -> None:
        percent = 100 * done // total if total else 100
        sys.stderr.write(f"\r{percent:3d}% {terminal_text(text)[:70]:<70}")
        sys.stderr.flush()

    return progress


def _import(args: argparse.Namespace, out: Output) -> int:
    channel, provenance = provenance_from_args(args)
    cancel = threading.Event()
    progress = terminal_progress(out)
    with open_store(args) as store, ctrl_c_cancels(cancel):
        repos = Repositories(store)
        repos.incidents.get(args.incident)  # a clear error before any work
        report = import_files(
            repos, args.incident, args.paths, source_channel=channel, provenance=provenance,
            operator=args.operator, note=args.note, progress=progress, cancel=cancel,
            on_result=streamed_lines(out, progress is not None),
        )
        if progress is not None:
            sys.stderr.write("\n")
        # SM3 of what was just stored (the import leaves it to this pass); not after Ctrl-C.
        digests = None if cancel.is_set() else run_digest_pass(store, args.operator, cancel)
        # Then whether they decode, kept per content for pre-flight (off the export's path).
        decoded = (None if cancel.is_set() or args.no_decode_check or not report.imported
                   else run_terminal_pass(store, cancel))
    return print_report(report, out, digests, decoded)


def outcome_lines(outcome: Outcome) -> list[str]:
    """What the user reads about one file; names come from strangers' cards, so never raw
    to a terminal."""
    if isinstance(outcome, Imported):
        return ([f"imported   {shown(outcome.path)} -> {outcome.item_id} ({outcome.kind})"]
                + [f"           note: {message_text(w)}" for w in outcome.notes])
    if isinstance(outcome, Duplicate):
        return [f"duplicate  {shown(outcome.path)} is already item {outcome.item_id}; "
                f"not stored again"]
    if isinstance(outcome, Failed):
        return [f"FAILED     {shown(outcome.path)}: {message_text(outcome.message)}"]
    return [f"skipped    {shown(outcome.path)}: {message_text(outcome.message)}"]


def streamed_lines(out: Output, progress_shown: bool) -> Any:
    """Each file's lines as soon as its rows are committed: "imported" is said only of what
    is stored, and what was said stays true if the program is killed a moment later."""
    if out.json_mode:
        return None

    def tell(outcome: Outcome) -> None:
        if progress_shown:
            sys.stderr.write("\r\033[K")
        for text in outcome_lines(outcome):
            out.line(terminal_text(text))

    return tell


def print_report(report: ImportReport, out: Output, digests: DigestReport | None = None,
                 decoded: DecodePassReport | None = None) -> int:
    """The summary (each file's lines were printed as it ended)."""
    out.result({**report.as_dict(), **(digest_result(digests) if digests else {}),
                **(decode_result(decoded) if decoded else {})})
    if report.cancelled:
        out.line(f"cancelled  {len(report.not_started)} file(s) were not imported")
    out.line(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate(s), "
             f"{len(report.skipped)} skipped, {len(report.failed)} failed"
             + (f" (batch {report.batch_id})." if report.batch_id else "."))
    for text in digest_lines(digests) if digests else []:
        out.line(text)
    for text in decode_lines(decoded) if decoded and decoded.findings else []:
        out.line(text)
    if report.cancelled:
        if not out.json_mode:
            print(say(QT_TRANSLATE_NOOP(
                "Errors", "fieldarchive: import cancelled; the files listed as imported are "
                "kept")), file=sys.stderr)
        return EXIT_INTERRUPTED
    if report.failed:
        if not out.json_mode:
            print(say(QT_TRANSLATE_NOOP(
                "Errors", "fieldarchive: {count} file(s) could not be imported; the reasons "
                "are listed above"), count=len(report.failed)), file=sys.stderr)
        return EXIT_FAILED
    return digest_status(digests, out) if digests else EXIT_OK
