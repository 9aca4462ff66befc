"""`fieldarchive operator add|list|default`."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import (
    EXIT_OK,
    Output,
    UsageError,
    add_store_arg,
    code_type,
    open_store,
    open_store_for_reading,
    read_passphrase,
    say,
)
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.store.errors import InvalidInput
from app.store.passphrase import check_passphrase
from app.store.records import OperatorRecord
from app.store.repositories import Repositories


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("operator", help="add and list operators", parents=[common])
    gsub = group.add_subparsers(dest="operator_command", metavar="ACTION")

    add = gsub.add_parser("add", help="add an operator", parents=[common])
    add_store_arg(add)
    add.add_argument("--name", required=True)
    add.add_argument("--unit", required=True)
    add.add_argument("--position", default="", help="position or title")
    add.add_argument("--role", required=True, type=code_type(codes.ROLE),
                     help="archivist|reviewer|supervisor (or 档案员/审核人/监督检查人)")
    add.add_argument("--default", action="store_true",
                     help="make this the store's default operator")
    add.set_defaults(handler=_add)

    lst = gsub.add_parser("list", help="list operators", parents=[common])
    add_store_arg(lst)
    lst.set_defaults(handler=_list)

    default = gsub.add_parser("default", help="set the default operator", parents=[common])
    add_store_arg(default)
    default.add_argument("name")
    default.set_defaults(handler=_default)

    group.set_defaults(handler=_need_action)


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "operator: give an action: add, list or default")))


def operator_dict(rec: OperatorRecord, default_id: str | None = None) -> dict[str, Any]:
    return {"id": rec.id, "name": rec.name, "unit": rec.unit, "position": rec.position,
            "role": rec.role, "has_passphrase": rec.has_passphrase,
            "default": rec.id == default_id}


def _add(args: argparse.Namespace, out: Output) -> int:
    passphrase = None
    if args.role in codes.ROLES_WITH_PASSPHRASE:
        passphrase = read_passphrase(f"Passphrase for {args.name}: ", confirm=True)
        try:
            check_passphrase(passphrase)  # before the store is opened (or created)
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
    with open_store(args, create=True) as store:
        repos = Repositories(store)
        rec = repos.operators.add(args.name, args.unit, args.role, position=args.position,
                                  passphrase=passphrase, make_default=args.default or None)
        default = repos.operators.default()
    out.result(operator_dict(rec, default.id if default else None))
    out.line(rec.id)
    return EXIT_OK


def _list(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as reader:
        ops = reader.operators.list()
        default = reader.operators.default()
    default_id = default.id if default else None
    out.result({"operators": [operator_dict(o, default_id) for o in ops]})
    if not ops:
        out.line("No operators yet; add one with 'fieldarchive operator add'.")
    for o in ops:
        mark = "*" if o.id == default_id else " "
        out.line(f"{mark} {o.name}  {codes.ROLE.label(o.role)}  {o.unit}  {o.position}")
    return EXIT_OK


def _default(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        operators = Repositories(store).operators
        passphrase = None
        if operators.get(args.name).role in codes.ROLES_WITH_PASSPHRASE:
            passphrase = read_passphrase(f"Passphrase for {args.name}: ")
        rec = operators.set_default(args.name, passphrase)
    out.result(operator_dict(rec, rec.id))
    out.line(f"{rec.name} is now the default operator.")
    return EXIT_OK
