"""`fieldarchive log add|correct|review|show|render`: the work log (工作日志)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
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
    read_passphrase,
    say,
)
from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.repositories import Repositories
from app.store.repositories.log_input import MAX_ENTRY_CHARS, DoubtfulTime
from app.store.worklog_records import LogEntryRecord, LogEntryView, LogFilter, LogReviewRecord

SHOW_BATCH = 500
RENDER_FORMATS = (".pdf", ".xml")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("log", parents=[common],
                           help="the work log (工作日志): add, correct, review, show, render")
    gsub = group.add_subparsers(dest="log_command", metavar="ACTION")

    add = gsub.add_parser("add", help="add a work-log entry; prints its id", parents=[common])
    add_store_arg(add)
    add.add_argument("--incident", required=True, metavar="ID", help="incident id or number")
    _add_text_args(add, "what was done (the entry's content)")
    _add_entry_fields(add)
    add.add_argument("--category", default="other", type=code_type(codes.LOG_CATEGORY),
                     help="capture|handover|oral|collection|meeting|decision|other "
                          "(or 采集 …; default other)")
    add.add_argument("--unit", help="unit/team (default: the recorder's unit)")
    add_operator_arg(add)
    add.set_defaults(handler=_add)

    correct = gsub.add_parser("correct", help="correct an entry with a new one; prints its id",
                              parents=[common])
    add_store_arg(correct)
    correct.add_argument("entry", metavar="ENTRY_ID")
    _add_text_args(correct, "the corrected text")
    correct.add_argument("--reason", required=True, help="why the entry was wrong")
    _add_entry_fields(correct)
    correct.add_argument("--category", type=code_type(codes.LOG_CATEGORY),
                         help="a corrected category (default: kept)")
    add_operator_arg(correct)
    correct.set_defaults(handler=_correct)

    review = gsub.add_parser(
        "review", parents=[common],
        help="approve (or --return with comments) entries; the reviewer's passphrase is asked "
             "on a terminal or read from standard input")
    add_store_arg(review)
    review.add_argument("entries", metavar="ENTRY_ID", nargs="+")
    review.add_argument("--reviewer", required=True, metavar="NAME")
    review.add_argument("--opinion", default="", help="审核意见")
    review.add_argument("--return", dest="returned", action="store_true",
                        help="return the entries with comments (needs --opinion)")
    review.set_defaults(handler=_review)

    show = gsub.add_parser("show", help="the incident's log in time order, with corrections "
                                        "and review state", parents=[common])
    add_store_arg(show)
    show.add_argument("--incident", required=True, metavar="ID")
    show.add_argument("--period", help="only this operational period")
    show.add_argument("--status", type=code_type(codes.REVIEW_STATUS),
                      help="only unreviewed|approved|returned entries")
    show.set_defaults(handler=_show)

    render = gsub.add_parser("render", help="write the log as PDF or XML for the archive",
                             parents=[common])
    add_store_arg(render)
    render.add_argument("--incident", required=True, metavar="ID")
    render.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.xml")
    render.add_argument("--period", help="only this operational period (default: whole log)")
    render.set_defaults(handler=_render)

    group.set_defaults(handler=_need_action)


def _add_entry_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--occurred-at", type=iso_datetime, metavar="ISO8601",
                   help="when it happened (default: now); without an offset, local time")
    p.add_argument("--phase", type=code_type(codes.PHASE),
                   help="prevention|warning|response|recovery (or 预防与应急准备 …; "
                        "default: as the previous entry)")
    p.add_argument("--period", help="operational period (default: the day of occurred-at)")
    p.add_argument("--place", help="where")
    p.add_argument("--participants", help="who took part")
    p.add_argument("--link", dest="links", action="append", metavar="ITEM",
                   help="a linked item by id or 档号 (repeatable)")
    p.add_argument("--force", action="store_true",
                   help="record an occurred-at in the future or before the incident started")


def _need_action(args: argparse.Namespace, out: Output) -> int:
    raise UsageError(say(QT_TRANSLATE_NOOP(
        "Errors", "log: give an action: add, correct, review, show or render")))


def _doubtful(err: DoubtfulTime) -> DoubtfulTime:
    return DoubtfulTime(QT_TRANSLATE_NOOP(
        "Errors", "{doubt} Check the time, or pass --force to record it anyway; nothing was "
        "stored."), doubt=err)


# -- output ---------------------------------------------------------------------------------


def review_dict(r: LogReviewRecord) -> dict[str, Any]:
    return {"id": r.id, "seq": r.seq, "entry_id": r.entry_id, "entry_seq": r.entry_seq,
            "reviewer": r.reviewer_name, "reviewed_at": r.reviewed_at.isoformat(),
            "status": r.status, "opinion": r.opinion, "review_hash": r.review_hash,
            "signed": r.signed, "signature": r.signature}


def entry_dict(e: LogEntryRecord) -> dict[str, Any]:
    return {
        "id": e.id, "seq": e.seq, "incident_id": e.incident_id, "phase": e.phase,
        "operational_period": e.operational_period, "unit": e.unit,
        "recorder": {"name": e.recorder_name, "position": e.recorder_position},
        "participants": e.participants, "occurred_at": e.occurred_at.isoformat(),
        "recorded_at": e.recorded_at.isoformat(), "place": e.place, "category": e.category,
        "content": e.content, "linked_items": list(e.linked_items),
        "corrects_id": e.corrects_id, "correction_reason": e.correction_reason,
        "retention": e.retention, "review_status": e.review_status,
        "reviews": [review_dict(r) for r in e.reviews],
        "prev_hash": e.prev_hash, "entry_hash": e.entry_hash,
    }


def _when(e: LogEntryRecord) -> str:
    return e.occurred_at.isoformat(timespec="minutes").replace("T", " ")


def _label(table: codes.CodeTable, code: str | None) -> str:
    if not code:
        return "-"
    try:
        return table.label(code)
    except KeyError:
        return code


def _review_line(r: LogReviewRecord) -> str:
    status = _label(codes.REVIEW_STATUS, r.status)
    opinion = f": {r.opinion}" if r.opinion else ""
    unsigned = "" if r.signed else " [made before signatures 签名前审核]"
    return (f"审核 #{r.entry_seq} {status} ({r.status}) by {r.reviewer_name} "
            f"{r.reviewed_at.isoformat(timespec='minutes').replace('T', ' ')}{unsigned}"
            f"{opinion}")


def _show_lines(view: LogEntryView, history: tuple[LogEntryRecord, ...]) -> Iterator[str]:
    e = view.entry
    status = _label(codes.REVIEW_STATUS, e.review_status)
    numbers = f"#{e.seq}" if not view.has_history else f"#{view.original_seq}→#{e.seq}"
    yield (f"{numbers:<8} {_when(e)}  {_label(codes.PHASE, e.phase)} · "
           f"{_label(codes.LOG_CATEGORY, e.category)}  {e.recorder_name}"
           f"{'（' + e.recorder_position + '）' if e.recorder_position else ''} {e.unit}  "
           f"[{status}]  id {e.id[:8]}")
    for line in e.content.splitlines() or [""]:
        yield f"         {line}"
    extras = [("地点", e.place), ("参加人员", e.participants),
              ("关联", ", ".join(e.linked_items))]
    details = "  ".join(f"{k}: {v}" for k, v in extras if v)
    if details:
        yield f"         {details}"
    for r in e.reviews:
        yield f"         {_review_line(r)}"
    for old, new in zip(history, history[1:], strict=False):
        yield (f"         更正 #{old.seq}→#{new.seq} by {new.recorder_name} "
               f"{new.recorded_at.isoformat(timespec='minutes').replace('T', ' ')}, "
               f"reason: {new.correction_reason}")
        yield f"           原文 #{old.seq}: {' '.join(old.content.splitlines())}"
        for r in old.reviews:
            yield f"           {_review_line(r)}"


def _add_text_args(parser: argparse.ArgumentParser, what: str) -> None:
    text = parser.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help=f"{what}; '-' reads it from standard input")
    text.add_argument("--text-file", type=Path, metavar="FILE",
                      help=f"{what}, read from a UTF-8 text file (for long texts)")


def _entry_text(args: argparse.Namespace) -> str:
    """The text of --text, --text - (standard input) or --text-file, as UTF-8."""
    if args.text is not None and args.text != "-":
        return str(args.text)
    # Read one character's worth beyond the limit: enough to say the text is too long,
    # never a whole multi-gigabyte file given by mistake.
    most = 4 * MAX_ENTRY_CHARS + 4
    if args.text_file is None:
        data = sys.stdin.buffer.read(most)
        where = "standard input"
    else:
        try:
            with open(args.text_file, "rb") as f:
                data = f.read(most)
        except OSError as err:
            raise UsageError(f"{args.text_file} cannot be read "
                             f"({err.strerror or err}).") from None
        where = str(args.text_file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if len(data) == most and err.start >= most - 4:  # cut in a character by the limit
            return data[:err.start].decode("utf-8-sig") + "\ufffd"
        raise UsageError(f"The text in {where} is not UTF-8 (byte {err.start + 1}); save "
                         f"it as UTF-8 and try again.") from None


# -- handlers -------------------------------------------------------------------------------


def _add(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        try:
            rec = Repositories(store).log.add(
                args.incident, _entry_text(args), occurred_at=args.occurred_at,
                phase=args.phase,
                category=args.category, operational_period=args.period, unit=args.unit,
                participants=args.participants or "", place=args.place or "",
                linked_items=args.links or [], operator=args.operator, force=args.force,
            )
        except DoubtfulTime as err:
            raise _doubtful(err) from None
    out.result(entry_dict(rec))
    out.line(rec.id)
    return EXIT_OK


def _correct(args: argparse.Namespace, out: Output) -> int:
    with open_store(args) as store:
        try:
            rec = Repositories(store).log.correct(
                args.entry, _entry_text(args), args.reason, occurred_at=args.occurred_at,
                phase=args.phase, category=args.category, operational_period=args.period,
                participants=args.participants, place=args.place, linked_items=args.links,
                operator=args.operator, force=args.force,
            )
        except DoubtfulTime as err:
            raise _doubtful(err) from None
    out.result(entry_dict(rec))
    out.line(rec.id)
    return EXIT_OK


def _review(args: argparse.Namespace, out: Output) -> int:
    if args.returned and not args.opinion.strip():
        raise UsageError(say(QT_TRANSLATE_NOOP(
            "Errors", "log review --return needs --opinion saying what to correct")))
    with open_store(args) as store:
        passphrase = read_passphrase(f"Passphrase for {args.reviewer}: ")
        reviews = Repositories(store).log.review(
            args.entries, args.reviewer, passphrase, opinion=args.opinion,
            returned=args.returned)
    out.result({"reviews": [review_dict(r) for r in reviews]})
    verb = "Returned" if args.returned else "Approved"
    seqs = ", ".join(f"#{r.entry_seq}" for r in reviews)
    out.line(f"{verb} {len(reviews)} entr{'y' if len(reviews) == 1 else 'ies'} ({seqs}) "
             f"as {args.reviewer}.")
    return EXIT_OK


def _show(args: argparse.Namespace, out: Output) -> int:
    filters = LogFilter(operational_period=args.period, review_status=args.status)
    with open_store_for_reading(args) as reader:
        repo = reader.log
        incident = reader.incidents.get(args.incident)
        total = repo.count(incident.id, filters)
        entries: list[dict[str, Any]] = []
        if not out.json_mode:
            out.line(f"工作日志 Work log: {incident.name} ({incident.number or incident.id}), "
                     f"{total} entr{'y' if total == 1 else 'ies'}")
        after = None
        while batch := repo.page(incident.id, filters, limit=SHOW_BATCH, after=after):
            after = batch[-1].cursor
            for view in batch:
                history = repo.history(view.id).versions if view.has_history else ()
                if out.json_mode:
                    d = entry_dict(view.entry)
                    d["original_seq"] = view.original_seq
                    d["history"] = [entry_dict(v) for v in history[:-1]]
                    entries.append(d)
                else:
                    for line in _show_lines(view, history):
                        out.line(line)
    out.result({"incident_id": incident.id, "count": total, "entries": entries})
    return EXIT_OK


def _render(args: argparse.Namespace, out: Output) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in RENDER_FORMATS:
        raise UsageError(say(QT_TRANSLATE_NOOP(
            "Errors", "log render --out must name a .pdf or .xml file")))
    with open_store_for_reading(args) as reader:
        rendition = reader.log.entries_for_rendition(args.incident, args.period)
    if suffix == ".pdf":
        from app.export.log_pdf import write_log_pdf

        pages = write_log_pdf(rendition, args.out)
        detail = f"{pages} page{'s' if pages != 1 else ''}"
    else:
        from app.export.log_xml import write_log_xml

        write_log_xml(rendition, args.out)
        detail = "XML"
    out.result({"path": str(args.out), "format": suffix[1:], "entries": len(rendition.entries),
                "reviews": len(rendition.reviews)})
    out.line(f"Wrote {args.out} ({detail}, {len(rendition.threads)} entries).")
    return EXIT_OK
