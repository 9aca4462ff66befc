"""`fieldarchive schedule show|set|approve`: the incident's 归档范围和保管期限表."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    open_store,
    open_store_for_reading,
    read_passphrase,
    say,
)
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.records import RetentionCategoryRecord, ScheduleRecord
from app.store.repositories import Repositories
from app.ui.i18n import message_text


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("schedule", help="the incident's filing scope and retention schedule",
                           parents=[common])
    gsub = group.add_subparsers(dest="schedule_command", metavar="ACTION")

    show = gsub.add_parser("show", help="show the current version", parents=[common])
    add_store_arg(show)
    show.add_argument("--incident", required=True, metavar="ID")
    show.set_defaults(handler=_show)

    change = gsub.add_parser(
        "set", parents=[common],
        help="save a new draft version with changed retentions or new categories",
    )
    add_store_arg(change)
    change.add_argument("--incident", required=True, metavar="ID")
    change.add_argument("changes", nargs="*", metavar="KEY=RETENTION",
                        help="e.g. photos-general=Y (retention Y|D30|D10 or 永久 …)")
    change.add_argument("--add", action="append", default=[], metavar="KEY=名称=RETENTION",
                        help="add a category, e.g. drones=无人机航拍=Y (repeatable)")
    add_operator_arg(change)
    change.set_defaults(handler=_set)

    approve = gsub.add_parser("approve", help="approve the current version (reviewer or "
                              "supervisor; passphrase asked)", parents=[common])
    add_store_arg(approve)
    approve.add_argument("--incident", required=True, metavar="ID")
    approve.add_argument("--approver", required=True, metavar="NAME")
    approve.add_argument("--ref", required=True, help="reference of the approving document")
    approve.set_defaults(handler=_approve)

    printing = gsub.add_parser("print", help="write the current version as a PDF",
                               parents=[common])
    add_store_arg(printing)
    printing.add_argument("--incident", required=True, metavar="ID")
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    printing.set_defaults(handler=_print_pdf)

    group.set_defaults(handler=_need_action)


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "schedule: give an action: show, set, approve or print")))


def schedule_dict(rec: ScheduleRecord) -> dict[str, Any]:
    return {
        "id": rec.id, "incident_id": rec.incident_id, "version": rec.version,
        "name": rec.name, "status": rec.status, "approval_ref": rec.approval_ref,
        "approved_at": rec.approved_at.isoformat() if rec.approved_at else None,
        "categories": [{"key": c.key, "name_zh": c.name_zh, "name_en": c.name_en,
                        "retention": c.retention} for c in rec.categories],
    }


def _print(out: Output, rec: ScheduleRecord) -> None:
    out.result(schedule_dict(rec))
    state = ("已批准 approved " + rec.approval_ref) if rec.status == "approved" else "草稿 draft"
    out.line(f"{rec.name}  v{rec.version}  [{state}]")
    for c in rec.categories:
        out.line(f"  {c.key:<18} {codes.RETENTION.label(c.retention):<8} {c.name_zh}  {c.name_en}")


def _retention(text: str) -> str:
    try:
        return codes.RETENTION.parse(text)
    except ValueError as err:
        raise UsageError(message_text(err)) from None


def _edited(current: ScheduleRecord, changes: list[str],
            additions: list[str]) -> list[RetentionCategoryRecord]:
    cats = {c.key: c for c in current.categories}
    order = [c.key for c in current.categories]
    for change in changes:
        key, sep, value = change.partition("=")
        if not sep or key not in cats:
            known = ", ".join(order)
            raise UsageError(f"'{change}' is not KEY=RETENTION with a known key ({known})")
        old = cats[key]
        cats[key] = RetentionCategoryRecord(key, old.name_zh, old.name_en, _retention(value))
    for addition in additions:
        parts = addition.split("=")
        if len(parts) != 3 or not parts[0].strip() or not parts[1].strip():
            raise UsageError(f"'{addition}' is not KEY=名称=RETENTION")
        key = parts[0].strip()
        if key in cats:
            raise UsageError(f"the schedule already has a category '{key}'")
        cats[key] = RetentionCategoryRecord(key, parts[1].strip(), "", _retention(parts[2]))
        order.append(key)
    return [cats[k] for k in order]


def _show(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as reader:
        rec = reader.schedules.current(args.incident)
    _print(out, rec)
    return EXIT_OK


def _set(args: argparse.Namespace, out: Output) -> int:
    if not args.changes and not args.add:
        raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "schedule set: give KEY=RETENTION changes or --add")))
    with open_store(args) as store:
        schedules = Repositories(store).schedules
        edited = _edited(schedules.current(args.incident), args.changes, args.add)
        rec = schedules.revise(args.incident, edited, operator=args.operator)
    _print(out, rec)
    return EXIT_OK


def _approve(args: argparse.Namespace, out: Output) -> int:
    passphrase = read_passphrase(f"Passphrase for {args.approver}: ")
    with open_store(args) as store:
        rec = Repositories(store).schedules.approve(args.incident, args.approver, passphrase,
                                                    args.ref)
    _print(out, rec)
    return EXIT_OK


def _print_pdf(args: argparse.Namespace, out: Output) -> int:
    from app.export.schedule_pdf import write_schedule_pdf  # fpdf2 is big: load when used

    target = Path(args.out)
    if target.is_dir() or not target.parent.is_dir():
        raise UsageError(f"schedule print: --out must name a file in an existing folder "
                         f"({target})")
    with open_store_for_reading(args) as store:
        printout = store.schedules.printout(args.incident)
    try:
        pages = write_schedule_pdf(printout, target)
    except OSError as err:
        raise UsageError(f"schedule print: cannot write {target} ({err.strerror})") from None
    rec = printout.schedule
    out.result({**schedule_dict(rec), "out": str(target), "pages": pages})
    out.line(f"{rec.name} v{rec.version} → {target} ({pages} page{'s' if pages != 1 else ''})")
    return EXIT_OK
