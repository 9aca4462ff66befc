"""`fieldarchive incident create|list|show|edit|end`."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import (
    EXIT_OK,
    Output,
    UsageError,
    add_operator_arg,
    add_store_arg,
    code_type,
    iso_datetime,
    open_store,
    open_store_for_reading,
    say,
)
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.records import IncidentRecord
from app.store.repositories import Repositories


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("incident", help="create and list incidents", parents=[common])
    gsub = group.add_subparsers(dest="incident_command", metavar="ACTION")

    create = gsub.add_parser("create", help="create an incident", parents=[common])
    add_store_arg(create)
    create.add_argument("--name", required=True, help="the incident's name")
    create.add_argument("--kind", required=True, type=code_type(codes.INCIDENT_KIND),
                        help="natural|accident|health|security (or 自然灾害 …)")
    create.add_argument("--level", required=True, type=code_type(codes.INCIDENT_LEVEL),
                        help="I|II|III|IV (or 特别重大 …)")
    create.add_argument("--started", required=True, type=iso_datetime, help="start, ISO 8601")
    create.add_argument("--fonds", required=True, help="全宗号, e.g. Z109")
    create.add_argument("--fonds-name", default="", help="全宗名称")
    create.add_argument("--number", help="事件编号")
    create.add_argument("--place", default="")
    create.add_argument("--lead-unit", default="")
    create.add_argument("--unit", dest="units", action="append", default=[],
                        help="a participating unit (repeatable)")
    create.add_argument("--org-code", default="", help="机构(问题)代码 used in 档号")
    add_operator_arg(create)
    create.set_defaults(handler=_create)

    lst = gsub.add_parser("list", help="list incidents", parents=[common])
    add_store_arg(lst)
    lst.set_defaults(handler=_list)

    show = gsub.add_parser("show", help="show one incident", parents=[common])
    add_store_arg(show)
    show.add_argument("incident", metavar="ID")
    show.set_defaults(handler=_show)

    end = gsub.add_parser("end", help="record the end of the response", parents=[common])
    add_store_arg(end)
    end.add_argument("incident", metavar="ID")
    end.add_argument("--ended", required=True, type=iso_datetime, help="end of response, ISO 8601")
    add_operator_arg(end)
    end.set_defaults(handler=_end)

    edit = gsub.add_parser("edit", help="change an incident's details (audited)",
                           parents=[common])
    add_store_arg(edit)
    edit.add_argument("incident", metavar="ID")
    edit.add_argument("--name")
    edit.add_argument("--kind", help="natural|accident|health|security (or 自然灾害 …)")
    edit.add_argument("--level", help="I|II|III|IV (or 特别重大 …)")
    edit.add_argument("--started", help="start, ISO 8601")
    edit.add_argument("--fonds", help="全宗号 (un-files the incident's filed items)")
    edit.add_argument("--fonds-name", help="全宗名称")
    edit.add_argument("--number", help="事件编号")
    edit.add_argument("--place")
    edit.add_argument("--lead-unit")
    edit.add_argument("--unit", dest="units", action="append", metavar="UNIT",
                      help="participating unit (repeatable; replaces the list)")
    edit.add_argument("--org-code", help="机构(问题)代码 (un-files the incident's filed items)")
    add_operator_arg(edit)
    edit.set_defaults(handler=_edit)

    group.set_defaults(handler=_need_action)


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "incident: give an action: create, list, show, edit or end")))


EDIT_OPTIONS = {"name": "name", "kind": "kind", "level": "level", "started": "started_at",
                "fonds": "fonds_code", "fonds_name": "fonds_name", "number": "number",
                "place": "place", "lead_unit": "lead_unit", "units": "participating_units",
                "org_code": "org_code"}


def _edit(args: argparse.Namespace, out: Output) -> int:
    changes = {field: getattr(args, dest) for dest, field in EDIT_OPTIONS.items()
               if getattr(args, dest) is not None}
    if not changes:
        raise UsageError("incident edit: give at least one field to change, e.g. --name")
    with open_store(args) as store:
        rec = Repositories(store).incidents.edit(args.incident, changes,
                                                 operator=args.operator)
    data = incident_dict(rec)
    out.result(data)
    for key, value in data.items():
        out.line(f"{key:>18}: {value if value is not None else '-'}")
    return EXIT_OK


def incident_dict(rec: IncidentRecord) -> dict[str, Any]:
    deadline = rec.filing_deadline
    return {
        "id": rec.id,
        "number": rec.number,
        "name": rec.name,
        "kind": rec.kind,
        "level": rec.level,
        "place": rec.place,
        "started_at": rec.started_at.isoformat(),
        "response_ended_at": rec.response_ended_at.isoformat() if rec.response_ended_at else None,
        "filing_deadline": deadline.isoformat() if deadline else None,
        "fonds_code": rec.fonds_code,
        "fonds_name": rec.fonds_name,
        "org_code": rec.org_code,
        "lead_unit": rec.lead_unit,
        "participating_units": list(rec.participating_units),
        "items": rec.item_count,
        "log_entries": rec.log_count,
    }


def _create(args: argparse.Namespace, out: Output) -> int:
    with open_store(args, create=True) as store:
        rec = Repositories(store).incidents.create(
            args.name, args.kind, args.level, args.started, args.fonds,
            number=args.number, place=args.place, fonds_name=args.fonds_name,
            lead_unit=args.lead_unit, participating_units=args.units, org_code=args.org_code,
            operator=args.operator,
        )
    out.result(incident_dict(rec))
    out.line(rec.id)
    return EXIT_OK


def _list(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as reader:
        incidents = reader.incidents.list()
    out.result({"incidents": [incident_dict(r) for r in incidents]})
    if not incidents:
        out.line("No incidents yet; create one with 'fieldarchive incident create'.")
    for r in incidents:
        out.line(f"{r.id}  {r.number or '-':<12} {r.started_at:%Y-%m-%d}  "
                 f"{codes.INCIDENT_LEVEL.label(r.level)}  {r.name}  "
                 f"({r.item_count} items, {r.log_count} log entries)")
    return EXIT_OK


def _show(args: argparse.Namespace, out: Output) -> int:
    with open_store_for_reading(args) as reader:
        rec = reader.incidents.get(args.incident)
    data = incident_dict(rec)
    out.result(data)
    for key, value in data.items():
        out.line(f"{key:>18}: {value if value is not None else '-'}")
    return EXIT_OK


def _end(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        rec = Repositories(store).incidents.end_response(args.incident, args.ended,
                                                         operator=args.operator)
    out.result(incident_dict(rec))
    out.line(f"Response ended {rec.response_ended_at}; filing deadline {rec.filing_deadline}.")
    return EXIT_OK
