"""The `fieldarchive` command line.

Every command: exit 0 on success, non-zero on failure with one clear line on stderr (no
traceback for known conditions); ``--json`` prints exactly one JSON object on stdout.
Command groups live in their own modules and register themselves in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import (
    backup_cmd,
    capture_cmd,
    check_cmd,
    decode_cmd,
    describe_cmd,
    digest_cmd,
    export_cmd,
    file_cmd,
    gui_cmd,
    import_cmd,
    incident_cmd,
    language,
    log_cmd,
    operator_cmd,
    physical_cmd,
    review_cmd,
    schedule_cmd,
    search_cmd,
)
from app.cli.common import EXIT_USAGE, Output, UsageError, run_command

# Each module has register(subparsers, common_parent).
COMMAND_MODULES = [gui_cmd, incident_cmd, operator_cmd, schedule_cmd, check_cmd, import_cmd,
                   digest_cmd, decode_cmd, physical_cmd, capture_cmd, log_cmd, describe_cmd,
                   file_cmd, search_cmd, review_cmd, export_cmd,
                   backup_cmd]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    from app.store.migrate import head_revision

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    common.add_argument(language.LANG_OPTION, metavar="LANG", choices=("zh_CN", "zh", "en"),
                        help="language of messages: zh_CN (Chinese) or en (English); "
                             "default: the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)")
    parser = _Parser(
        prog="fieldarchive",
        description="FieldArchive (现场建档): capture and archive major-incident records.",
        parents=[common],
    )
    parser.add_argument(
        "--version", action="version",
        version=f"fieldarchive {__version__} (store schema {head_revision()})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = Output(json_mode="--json" in args_list)
    language.install(args_list)

    try:
        args = build_parser().parse_args(args_list)
    except UsageError as err:
        return out.fail(str(err), code="usage", status=EXIT_USAGE)
    if args.command is None:
        return gui_cmd.run_default(args, out)
    try:
        return run_command(args, out)
    except BrokenPipeError:
        # The reader went away (`fieldarchive log show | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
