"""Helpers shared by the command modules: output, errors, store opening, passphrases."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.codes import CodeTable
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.domain.timeutil import parse_iso
from app.export.interrupted import Interrupted, settle_interrupted_exports
from app.store.errors import StoreError
from app.store.reading import StoreReader
from app.store.store import DB_NAME, Store, default_store_path
from app.ui.i18n import message_text

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

NEED_PASSPHRASE = QT_TRANSLATE_NOOP("Errors", "a passphrase is needed; give it on standard input")

Handler = Callable[[argparse.Namespace, "Output"], int]


def say(template: str, /, **params: Any) -> str:
    """A command-line sentence (a template marked with QT_TRANSLATE_NOOP("Errors", ...)) in
    the user's language."""
    return message_text(Message(template, params))


class UsageError(Exception):
    """A missing or malformed argument."""


class Output:
    """Human text on stdout/stderr, or exactly one JSON object on stdout."""

    def __init__(self, json_mode: bool) -> None:
        self.json_mode = json_mode

    def line(self, text: str = "") -> None:
        if not self.json_mode:
            # Flushed: a line saying something was stored reaches a pipe at once, so a
            # reader still has it if the program is killed or the battery dies a moment later.
            print(text, flush=True)

    def result(self, obj: dict[str, Any]) -> None:
        if self.json_mode:
            print(json.dumps(obj, ensure_ascii=False, default=str))

    def fail(self, message: str, code: str = "error", status: int = EXIT_FAILED,
             extra: dict[str, Any] | None = None) -> int:
        # One line on stderr, whatever the message was built from.
        message = " ".join(part.strip() for part in message.splitlines() if part.strip())
        if self.json_mode:
            print(json.dumps({"error": message, "code": code, **(extra or {})},
                             ensure_ascii=False, default=str))
        prefix = "" if message.startswith("fieldarchive") else "fieldarchive: "
        print(f"{prefix}{message}", file=sys.stderr)
        return status


def run_command(args: argparse.Namespace, out: Output) -> int:
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        return out.fail(say(QT_TRANSLATE_NOOP(
            "Errors", "give a command; see 'fieldarchive --help'")), code="usage",
                        status=EXIT_USAGE)
    try:
        return handler(args, out)
    except StoreError as err:
        return out.fail(message_text(err), code=err.code)
    except UsageError as err:
        return out.fail(str(err), code="usage", status=EXIT_USAGE)
    except KeyboardInterrupt:
        return out.fail(say(QT_TRANSLATE_NOOP(
            "Errors", "interrupted; nothing half-done was kept")), code="interrupted",
                        status=130)


def add_store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", type=Path, metavar="DIR",
        help=f"the store folder (default: {default_store_path()})",
    )


def add_operator_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--operator", metavar="NAME",
                        help="who acts (default: the store's configured operator)")


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.store) if getattr(args, "store", None) else default_store_path()


def open_store(args: argparse.Namespace, create: bool = False, readonly: bool = False) -> Store:
    path = store_path(args)
    # The default store is the user's own: make it on first use.
    create = create or (getattr(args, "store", None) is None and not readonly)
    store = Store.open(path, create=create, readonly=readonly)
    report_recovery(store)
    report_interrupted_exports(settle_interrupted_exports(store))
    return store


def report_interrupted_exports(found: Interrupted) -> None:
    """Say on stderr which half-written packages a killed export left, and what became of
    them (nothing of them was handed over; the items are not marked transferred)."""
    if found.removed:
        print(say(QT_TRANSLATE_NOOP(
            "Errors", "fieldarchive: an export was interrupted; its partial package was "
            "removed: {paths}. Nothing was handed over; export again."),
            paths=", ".join(str(p) for p in found.removed)), file=sys.stderr)
    if found.unreachable:
        print(say(QT_TRANSLATE_NOOP(
            "Errors", "fieldarchive: an export was interrupted; its partial package is on a "
            "disk that is not connected: {paths}. Delete it there; nothing was handed over."),
            paths=", ".join(str(p) for p in found.unreachable)), file=sys.stderr)


def report_recovery(store: Store) -> None:
    """Say on stderr what the open cleaned up after a program that was killed or lost
    power: the user learns that the last run did not finish, and that nothing it had
    reported stored is gone."""
    if not store.recovered and not store.unfinished:
        return
    print(say(QT_TRANSLATE_NOOP(
        "Errors", "fieldarchive: the last program to use {path} was interrupted; {placed} "
        "file(s) it had not finished storing and {partial} unfinished copy or recording "
        "file(s) were removed. Everything reported as stored before is kept; check what "
        "the interrupted work was and do it again."), path=store.root,
        placed=len(store.recovered), partial=len(store.unfinished)), file=sys.stderr)
    if store.kept_recordings:
        print(say(QT_TRANSLATE_NOOP(
            "Errors", "fieldarchive: what the interrupted recording(s) had recorded is kept "
            "in {folder} ({names}); import it to add it to the store."),
            folder=store.kept_recordings[0].parent,
            names=", ".join(p.name for p in store.kept_recordings)), file=sys.stderr)


def open_store_for_reading(args: argparse.Namespace) -> StoreReader:
    """Open read-only, always: no migration, no recovery, no file created in the store
    (see ``app.store.read_source``), so reading works on read-only media and beside the
    desktop program writing the same store."""
    path = store_path(args)
    if getattr(args, "store", None) is None and not (path / DB_NAME).exists():
        Store.open(path, create=True).close()  # the user's own default store: made on first use
    return StoreReader.open(path)


def code_type(table: CodeTable) -> Callable[[str], str]:
    """argparse type accepting a code or its Chinese name."""

    def parse(value: str) -> str:
        try:
            return table.parse(value)
        except ValueError as err:
            raise argparse.ArgumentTypeError(message_text(err)) from None

    parse.__name__ = table.label_en
    return parse


def iso_datetime(value: str) -> datetime:
    """argparse type for an ISO 8601 date/time (local time when no offset is given)."""
    try:
        return parse_iso(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(message_text(err)) from None


def read_passphrase(prompt: str, confirm: bool = False) -> str:
    """Ask on a terminal (twice when ``confirm``), or read one line from standard input."""
    if sys.stdin is None:
        raise UsageError(say(NEED_PASSPHRASE))
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise UsageError(say(NEED_PASSPHRASE))
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat passphrase: ") != first:
        raise UsageError(say(QT_TRANSLATE_NOOP(
            "Errors", "the two passphrases differ; nothing was changed")))
    return first
