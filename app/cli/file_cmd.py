"""`fieldarchive file --incident ID [ITEM...]`, `fieldarchive unfile ITEM...` and
`fieldarchive items --incident ID [--missing] [--state S]`."""

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
    say,
)
from app.cli.describe_cmd import missing_words
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, Message, MessageValueError
from app.store.repositories import Repositories
from app.store.repositories.item_status import ItemStatus

BLOCKER_WORDS = {"excluded": "不归档 excluded", "filed": "已归档 already filed",
                 "transferred": "已移交 transferred"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser("file", parents=[common],
                       help="give 档号 to every complete, classified item (归档)")
    add_store_arg(f)
    f.add_argument("--incident", required=True, metavar="ID")
    f.add_argument("items", nargs="*", metavar="ITEM", help="only these (id, prefix or 档号)")
    add_operator_arg(f)
    f.set_defaults(handler=_file)

    u = sub.add_parser("unfile", parents=[common],
                       help="take items' 档号 away; their groups are renumbered without gaps")
    add_store_arg(u)
    u.add_argument("items", nargs="+", metavar="ITEM", help="id, id prefix or 档号")
    add_operator_arg(u)
    u.set_defaults(handler=_unfile)

    i = sub.add_parser("items", parents=[common],
                       help="list an incident's items with state, 档号 and what they lack")
    add_store_arg(i)
    i.add_argument("--incident", required=True, metavar="ID")
    i.add_argument("--missing", action="store_true",
                   help="only items that still lack something for filing")
    i.add_argument("--state", help="captured|described|filed|transferred|excluded "
                   "(or 已采集 … 不归档)")
    i.set_defaults(handler=_items)


def _blocker_words(lacks: tuple[str, ...]) -> str:
    if len(lacks) == 1 and lacks[0] in BLOCKER_WORDS:
        return BLOCKER_WORDS[lacks[0]]
    return "缺 missing: " + missing_words(lacks)


def _file(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        result = Repositories(store).filing.file(args.incident, args.items,
                                                 operator=args.operator)
    out.result({"run": result.run_id,
                "filed": [{"id": f.item_id, "archival_code": f.archival_code,
                           "title": f.title} for f in result.filed],
                "blocked": [{"id": b.item_id, "title": b.title, "lacks": list(b.lacks)}
                            for b in result.blocked]})
    out.line(f"Filed {len(result.filed)} item(s); {len(result.blocked)} cannot be filed yet.")
    for f in result.filed:
        out.line(f"  {f.archival_code}  {f.title}")
    for b in result.blocked:
        out.line(f"  {b.item_id[:8]}  {b.title or '-'}  {_blocker_words(b.lacks)}")
    return EXIT_OK


def _unfile(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        result = Repositories(store).filing.unfile(args.items, operator=args.operator)
    out.result({"unfiled": [{"id": i, "archival_code": c} for i, c in result.unfiled],
                "renumbered": [{"id": i, "old": o, "new": n} for i, o, n in result.renumbered]})
    for item_id, code in result.unfiled:
        out.line(f"{item_id[:8]}  撤销归档 un-filed (was {code})")
    for _item_id, old, new in result.renumbered:
        out.line(f"  {old} -> {new}")
    return EXIT_OK


def _state(text: str | None) -> str | None:
    if text is None:
        return None
    if text.strip() in ("excluded", "不归档"):
        return "excluded"
    try:
        return codes.ITEM_STATE.parse(text)
    except MessageValueError as err:
        raise UsageError(say(QT_TRANSLATE_NOOP(
            "Errors", "items: {reason} Or: {excluded}."),
            reason=Message(err.template, err.params), excluded="excluded (不归档)")) from None


def status_dict(s: ItemStatus) -> dict[str, Any]:
    return {"id": s.id, "kind": s.kind, "title": s.title,
            "date": s.date.isoformat() if s.date else None, "state": s.state,
            "archival_code": s.archival_code, "retention": s.retention,
            "category": s.category_key, "excluded": s.excluded,
            "exclusion_reason": s.exclusion_reason, "complete": s.complete,
            "missing": list(s.missing), "missing_for_filing": list(s.missing_for_filing)}


def _items(args: argparse.Namespace, out: Output) -> int:
    state = _state(args.state)
    with open_store_for_reading(args) as store:
        rows = store.item_status.status(args.incident, state=state,
                                                      missing_only=args.missing)
    out.result({"items": [status_dict(s) for s in rows]})
    if not rows:
        out.line("No items match.")
    for s in rows:
        label = s.archival_code or s.id[:8]
        state_words = "不归档 excluded" if s.excluded else codes.ITEM_STATE.label(s.state)
        line = (f"{label:<26} {codes.ITEM_KIND.label(s.kind):<4} {state_words:<6} "
                f"{s.date:%Y-%m-%d}  " if s.date else
                f"{label:<26} {codes.ITEM_KIND.label(s.kind):<4} {state_words:<6} ----------  ")
        line += s.title or "-"
        if s.missing_for_filing and not s.excluded:
            line += f"  缺 missing: {missing_words(s.missing_for_filing)}"
        out.line(line)
    return EXIT_OK
