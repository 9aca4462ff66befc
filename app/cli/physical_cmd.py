"""`fieldarchive physical add|attach`: record a physical object (实物) and its photos."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from app.capture.importer import printable, shown
from app.capture.physical import PhysicalObject, PhysicalResult, add_physical, attach_photos
from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    open_store,
    say,
)
from app.cli.digest_cmd import run_digest_pass
from app.cli.import_cmd import (
    EXIT_INTERRUPTED,
    add_source_args,
    ctrl_c_cancels,
    provenance_from_args,
)
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.repositories import Repositories
from app.ui.i18n import message_text


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("physical", help="record physical objects (实物) and their photos",
                           parents=[common])
    gsub = group.add_subparsers(dest="physical_command", metavar="ACTION")

    add = gsub.add_parser("add", help="record a physical object, with photos of it",
                          parents=[common])
    add_store_arg(add)
    add.add_argument("--incident", required=True, metavar="ID", help="incident id or number")
    add.add_argument("--title", required=True, help="题名")
    add.add_argument("--description", required=True, help="what the object is (文字说明)")
    add.add_argument("--dimensions", default="", help="e.g. 32 x 20 x 4 cm")
    add.add_argument("--condition", default="", help="state of preservation")
    add.add_argument("--location", default="", help="storage location (存放位置)")
    add.add_argument("--label", default="", help="label or QR-code number (标签号)")
    add_source_args(add)
    add_operator_arg(add)
    add.add_argument("photos", nargs="*", type=Path, metavar="PHOTO", help="photos of it")
    add.set_defaults(handler=_add)

    attach = gsub.add_parser("attach", help="attach more photos to a recorded object",
                             parents=[common])
    add_store_arg(attach)
    attach.add_argument("item", metavar="ITEM_ID", help="the physical object's item id")
    add_operator_arg(attach)
    attach.add_argument("photos", nargs="+", type=Path, metavar="PHOTO")
    attach.set_defaults(handler=_attach)

    group.set_defaults(handler=_need_action)


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "physical: give an action: add or attach")))


def _add(args: argparse.Namespace, out: Output) -> int:
    channel, provenance = provenance_from_args(args)
    obj = PhysicalObject(args.title, args.description, args.dimensions, args.condition,
                         args.location, args.label)
    cancel = threading.Event()
    with open_store(args) as store, ctrl_c_cancels(cancel):
        result = add_physical(Repositories(store), args.incident, obj, args.photos,
                              source_channel=channel, provenance=provenance,
                              operator=args.operator, cancel=cancel)
        if not cancel.is_set():
            run_digest_pass(store, args.operator, cancel)  # the photos' SM3
    return _print(result, out)


def _attach(args: argparse.Namespace, out: Output) -> int:
    cancel = threading.Event()
    with open_store(args) as store, ctrl_c_cancels(cancel):
        result = attach_photos(Repositories(store), args.item, args.photos,
                               operator=args.operator, cancel=cancel)
        if not cancel.is_set():
            run_digest_pass(store, args.operator, cancel)  # the photos' SM3
    return _print(result, out)


def _print(result: PhysicalResult, out: Output) -> int:
    item, report = result.item, result.photos
    out.result({
        "id": item.id, "kind": item.kind, "category": item.category, "title": item.title,
        "description": item.description, "dimensions": item.dimensions,
        "condition": item.condition, "storage_location": item.storage_location,
        "label_number": item.label_number, "photos": list(result.photo_ids),
        **{k: v for k, v in report.as_dict().items() if k != "batch_id"},
    })
    out.line(f"{item.id}  {item.title}  ({len(result.photo_ids)} photo(s) linked)")
    for i in report.imported:
        out.line(f"photo      {shown(i.path)} -> {i.item_id}")
    for d in report.duplicates:
        out.line(f"photo      {shown(d.path)} was already item {d.item_id}; linked")
    for s in report.skipped:
        out.line(f"skipped    {shown(s.path)}: {printable(message_text(s.message))}")
    for f in report.failed:
        out.line(f"FAILED     {shown(f.path)}: {printable(message_text(f.message))}")
    if report.cancelled:
        return EXIT_INTERRUPTED
    if report.failed:
        if not out.json_mode:
            print(say(QT_TRANSLATE_NOOP(
                "Errors", "fieldarchive: {count} photo(s) could not be attached; the object is "
                "recorded"), count=len(report.failed)), file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
