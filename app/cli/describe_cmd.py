"""`fieldarchive describe ITEM...`, `fieldarchive appraise ITEM...`, `fieldarchive history ITEM`.

ITEM is an item's id, an unambiguous id prefix or its 档号. One command sets the same fields
on every item named, in one transaction: refused whole (one line, non-zero exit) on a bad
value, a bad reference or a transferred item.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import (
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    open_store,
    open_store_for_reading,
)
from app.domain import captions, codes, completeness
from app.store.repositories import Repositories
from app.store.repositories.description import DescribedItem
from app.ui.i18n import message_text

# Option dest -> item field.
OPTIONS = {
    "title": "title", "place": "place", "people": "people", "keywords": "keywords",
    "phase": "phase", "category": "category", "classification": "classification",
    "caption": "description", "author": "creator", "date": "date", "language": "language",
    "dimensions": "dimensions", "condition": "condition", "location": "storage_location",
    "label": "label_number",
}
ELEMENT_NAMES_ZH = {"事由": "cause", "时间": "time", "地点": "place", "人物": "people",
                    "背景": "background", "摄影者": "photographer"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    d = sub.add_parser("describe", parents=[common],
                       help="set descriptive fields on one or many items (著录)")
    add_store_arg(d)
    d.add_argument("items", nargs="+", metavar="ITEM", help="id, id prefix or 档号")
    d.add_argument("--title", help="题名")
    d.add_argument("--place", help="地点")
    d.add_argument("--lat", help="latitude, WGS-84 degrees (with --lon)")
    d.add_argument("--lon", help="longitude, WGS-84 degrees (with --lat)")
    d.add_argument("--people", help="人物")
    d.add_argument("--keywords", help="关键词")
    d.add_argument("--phase", help="prevention|warning|response|recovery (or 应急处置与救援 …)")
    d.add_argument("--category", help="a category of the incident's retention schedule "
                   "(key or Chinese name); sets the retention")
    d.add_argument("--classification", help="public|internal|secret|… (or 公开 …)")
    d.add_argument("--caption", help="文字说明, the description")
    d.add_argument("--element", action="append", default=[], metavar="NAME=TEXT",
                   help="a caption element: cause|time|place|people|background|photographer "
                   "(or 事由 时间 地点 人物 背景 摄影者); repeatable")
    d.add_argument("--author", help="责任者 (photographer, recorder, author)")
    d.add_argument("--date", help="日期, ISO 8601 with offset, e.g. 2025-07-21T14:30+08:00")
    d.add_argument("--language", help="语种, e.g. zh, mn, en")
    d.add_argument("--dimensions", help="实物 only: 尺寸, e.g. 32 x 20 x 4 cm")
    d.add_argument("--condition", help="实物 only: 保存状况 (state of preservation)")
    d.add_argument("--location", help="实物 only: 存放位置 (storage location)")
    d.add_argument("--label", help="实物 only: 标签号 (label or QR-code number)")
    add_operator_arg(d)
    d.set_defaults(handler=_describe)

    a = sub.add_parser("appraise", parents=[common],
                       help="mark items not to be archived (不归档), or restore them")
    add_store_arg(a)
    a.add_argument("items", nargs="+", metavar="ITEM", help="id, id prefix or 档号")
    which = a.add_mutually_exclusive_group(required=True)
    which.add_argument("--exclude", action="store_true", help="not to be archived")
    which.add_argument("--restore", action="store_true", help="to be archived again")
    a.add_argument("--reason", default="", help="why not (needed with --exclude)")
    add_operator_arg(a)
    a.set_defaults(handler=_appraise)

    h = sub.add_parser("history", parents=[common],
                       help="an item's history: capture, import, every change, filing")
    add_store_arg(h)
    h.add_argument("item", metavar="ITEM", help="id, id prefix or 档号")
    h.set_defaults(handler=_history)


def missing_words(fields: tuple[str, ...]) -> str:
    return ", ".join(f"{completeness.FIELD_NAMES_ZH.get(f, f)} {f}" for f in fields)


def _elements(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        key = ELEMENT_NAMES_ZH.get(name.strip(), name.strip())
        if not sep or key not in captions.ELEMENTS:
            raise UsageError(f"'{pair}' is not NAME=TEXT with NAME one of "
                             f"{', '.join(captions.ELEMENTS)} (or 事由 时间 地点 人物 背景 摄影者)")
        out[key] = text
    return out


def changes_from(args: argparse.Namespace) -> dict[str, Any]:
    changes = {field: getattr(args, dest) for dest, field in OPTIONS.items()
               if getattr(args, dest) is not None}
    if args.lat is not None or args.lon is not None:
        if args.lat is None or args.lon is None:
            raise UsageError("describe: give --lat and --lon together")
        changes["latitude"], changes["longitude"] = args.lat, args.lon
    if args.element:
        changes["caption"] = _elements(args.element)
    if not changes:
        raise UsageError("describe: give at least one field to set, e.g. --title or --place")
    return changes


def described_dict(d: DescribedItem) -> dict[str, Any]:
    return {"id": d.item_id, "state": d.state, "archival_code": d.archival_code,
            "revision": d.revision, "missing": list(d.missing),
            "unfiled_code": d.unfiled_code,
            "changes": {c.field: {"old": c.old, "new": c.new} for c in d.changes}}


def _describe(args: argparse.Namespace, out: Output) -> int:
    changes = changes_from(args)
    with open_store(args) as store:
        result = Repositories(store).description.describe(args.items, changes,
                                                          operator=args.operator)
    out.result({"changed": [described_dict(d) for d in result.changed],
                "unchanged": list(result.unchanged)})
    out.line(f"Described {len(result.changed)} item(s); {len(result.unchanged)} already "
             f"had these values.")
    for d in result.changed:
        line = f"  {d.item_id[:8]}  {codes.ITEM_STATE.label(d.state)}"
        if d.missing:
            line += f"  缺 missing: {missing_words(d.missing)}"
        if d.unfiled_code:
            line += f"  撤销归档 un-filed (was {d.unfiled_code})"
        out.line(line)
    return EXIT_OK


def _appraise(args: argparse.Namespace, out: Output) -> int:
    if args.exclude and not args.reason.strip():
        raise UsageError("appraise: --exclude needs --reason (why not to archive)")
    with open_store(args) as store:
        done = Repositories(store).description.appraise(
            args.items, exclude=args.exclude, reason=args.reason, operator=args.operator)
    out.result({"items": [{"id": a.item_id, "excluded": a.excluded, "reason": a.reason,
                           "unfiled_code": a.unfiled_code} for a in done]})
    for a in done:
        word = "不归档 excluded" if a.excluded else "归档 to be archived"
        extra = f"  撤销归档 un-filed (was {a.unfiled_code})" if a.unfiled_code else ""
        out.line(f"{a.item_id[:8]}  {word}{': ' + a.reason if a.reason else ''}{extra}")
    return EXIT_OK


def _history(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as store:
        entries = store.item_status.history(args.item)
    out.result({"events": [
        {"seq": e.seq, "occurred_at": e.occurred_at.isoformat(), "agent": e.agent,
         "event_type": e.event_type, "summary": message_text(e.summary),
         "changes": {c.field: {"old": c.old, "new": c.new} for c in e.changes}}
        for e in entries]})
    for e in entries:
        out.line(f"{e.occurred_at.astimezone():%Y-%m-%d %H:%M:%S}  {e.agent}  "
                 f"{message_text(e.summary)}")
        for c in e.changes:
            out.line(f"    {c.field}: {c.old!r} -> {c.new!r}")
    return EXIT_OK
