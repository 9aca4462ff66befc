"""Pre-flight: the 四性 catalogue run on the store's data before anything is written.

One function per check, each returning results per item (see ``catalogue`` for the DA/T
70-2018 item each implements). A required failure blocks the export; a warning is
reported and recorded in the package's pre-flight report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.spool import Spool
from app.export import archival_code
from app.export.decode import verdict_result
from app.export.decode_judge import Verdict
from app.export.formats import PACKAGED_ROLES, WHITELIST
from app.export.report import Report, Result, fail, ok
from app.store.repositories.items import FileRecord
from app.store.transfer_records import ExportItem, ExportSource

CLASSIFIED = frozenset({"secret", "confidential", "top-secret"})

ItemCheck = Callable[[ExportItem], list[Result]]


def subject(item: ExportItem) -> str:
    return item.archival_code or item.id


def check_digests_recorded(item: ExportItem) -> list[Result]:
    missing = [f for f in _packaged(item) if not f.sha256 or not f.sm3]
    if missing:
        return [fail("digests-recorded", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "{name} has no {what} recorded"), name=missing[0].vault_path,
            what="SM3" if missing[0].sha256 else "SHA-256")]
    return [ok("digests-recorded", subject(item))]


def check_code_format(item: ExportItem) -> list[Result]:
    code = archival_code.parse(item.archival_code or "")
    if code is None:
        return [fail("code-format", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the archival code '{code}' is not of the form "
            "{pattern}"), code=item.archival_code or "", pattern=archival_code.CODE_PATTERN)]
    if (code.category != item.category or code.retention != item.retention
            or (item.piece_number is not None and code.piece != item.piece_number)
            or (item.year is not None and code.year != item.year)):
        return [fail("code-format", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the archival code '{code}' does not agree with the item's category, "
            "year, retention or piece number"), code=item.archival_code or "")]
    return [ok("code-format", subject(item))]


def check_required_fields(item: ExportItem) -> list[Result]:
    fields = {"题名": item.title, "责任者": item.creator, "日期": item.date,
              "保管期限": item.retention, "密级": item.classification,
              "档号": item.archival_code}
    if item.category == "ZP":
        fields["文字说明"] = item.description
    empty = [name for name, value in fields.items()
             if value is None or (isinstance(value, str) and not value.strip())]
    if empty:
        return [fail("required-fields", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "required fields are empty: {fields}"), fields="、".join(empty))]
    return [ok("required-fields", subject(item))]


def check_filed_state(item: ExportItem) -> list[Result]:
    if item.transfer_batch_id is not None or item.state == "transferred":
        return [fail("filed-state", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the item was already transferred"))]
    if item.state != "filed":
        return [fail("filed-state", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the item is not filed (state: {state})"), state=item.state)]
    return [ok("filed-state", subject(item))]


def check_has_original(item: ExportItem) -> list[Result]:
    if item.kind == "physical" or any(f.role == "original" for f in item.files):
        return [ok("has-original", subject(item))]
    return [fail("has-original", subject(item), QT_TRANSLATE_NOOP(
        "Errors", "the item has no original file"))]


def check_format_whitelist(item: ExportItem) -> list[Result]:
    off = [f for f in _packaged(item) if f.format not in WHITELIST]
    if off:
        return [fail("format-whitelist", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "{name} is {format}, which is not an archival format"),
            required=False, name=off[0].original_name or off[0].vault_path,
            format=off[0].format)]
    return [ok("format-whitelist", subject(item))]


def check_decodes(item: ExportItem, verdicts: Mapping[str, Verdict] | None = None
                  ) -> list[Result]:
    """Each packaged file's decode verdict (the decode pass's, or pre-flight's for what it
    had not seen), and the import's own warning. An original kept as received but damaged
    is a warning (never a permanent block)."""
    out = [verdict_result(v, subject(item), f.original_name or f.vault_path, f.format)
           for f in _packaged(item) if verdicts and (v := verdicts.get(f.id)) is not None
           and not v.ok]
    warnings = [str(w) for w in item.technical.get("warnings", []) if w]
    damaged = [w for w in warnings if "damag" in w or "truncat" in w or "cut short" in w
               or "not decoded" in w or "cannot" in w]
    if damaged and not out:
        out.append(fail("decodes", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the import reported: {warning}"), warning=damaged[0]))
    return out or [ok("decodes", subject(item))]


def check_classification(item: ExportItem, classified_batch: bool) -> list[Result]:
    if (item.classification in CLASSIFIED) != classified_batch:
        if classified_batch:
            return [fail("classification", subject(item), QT_TRANSLATE_NOOP(
                "Errors", "the item is not classified and does not belong in a classified "
                "batch"))]
        return [fail("classification", subject(item), QT_TRANSLATE_NOOP(
            "Errors", "the item is classified {level}; it may only go in a separate "
            "classified batch"), level=item.classification)]
    return [ok("classification", subject(item))]


def check_process_log(item: ExportItem, event_items: set[str]) -> list[Result]:
    if item.id in event_items:
        return [ok("process-log", subject(item))]
    return [fail("process-log", subject(item), QT_TRANSLATE_NOOP(
        "Errors", "no audit event of this item was found"))]


def check_code_unique(items: Sequence[ExportItem]) -> list[Result]:
    seen: dict[str, int] = {}
    for item in items:
        if item.archival_code:
            seen[item.archival_code] = seen.get(item.archival_code, 0) + 1
    out = []
    for item in items:
        if item.archival_code and seen[item.archival_code] > 1:
            out.append(fail("code-unique", subject(item), QT_TRANSLATE_NOOP(
                "Errors", "the archival code '{code}' is given to {count} items"),
                code=item.archival_code, count=seen[item.archival_code]))
        else:
            out.append(ok("code-unique", subject(item)))
    return out


def check_piece_gap_free(items: Sequence[ExportItem],
                         earlier: dict[str, set[int]] | None = None) -> list[Result]:
    """Within each 档号 group, this batch and the earlier ones hold 1..n with no gap."""
    groups: dict[str, list[int]] = {}
    for item in items:
        code = archival_code.parse(item.archival_code or "")
        if code is not None:
            groups.setdefault(code.group, []).append(code.piece)
    out = []
    for group, pieces in sorted(groups.items()):
        held = set(pieces) | (earlier or {}).get(group, set())
        missing = sorted(set(range(1, max(held) + 1)) - held)
        if missing:
            out.append(fail("piece-gap-free", group, QT_TRANSLATE_NOOP(
                "Errors", "piece numbers missing: {pieces}"),
                pieces=",".join(f"{p:04d}" for p in missing[:20])))
        else:
            out.append(ok("piece-gap-free", group))
    return out


def check_worklog_reviewed(unreviewed: int) -> list[Result]:
    if unreviewed:
        return [fail("worklog-reviewed", "工作日志", QT_TRANSLATE_NOOP(
            "Errors", "{count} work-log entries are not reviewed"), count=unreviewed)]
    return [ok("worklog-reviewed", "工作日志")]


ITEM_CHECKS: tuple[ItemCheck, ...] = (
    check_digests_recorded, check_code_format, check_required_fields, check_filed_state,
    check_has_original, check_format_whitelist,
)


def earlier_pieces(codes: Sequence[str]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for text in codes:
        code = archival_code.parse(text)
        if code is not None:
            out.setdefault(code.group, set()).add(code.piece)
    return out


def run_preflight(source: ExportSource, *, classified_batch: bool = False,
                  unreviewed_log_entries: int = 0, package: str = "",
                  decode_verdicts: Mapping[str, Verdict] | None = None) -> Report:
    earlier = earlier_pieces(source.earlier_codes)
    report = Report("preflight", package, results=Spool())
    if not source.items:
        report.add([fail("filed-state", "package", QT_TRANSLATE_NOOP(
            "Errors", "there are no filed items left to transfer in this incident"))])
        return report
    event_items = {e.item_id for e in source.events if e.item_id}
    for item in source.items:
        for check in ITEM_CHECKS:
            report.add(check(item))
        report.add(check_decodes(item, decode_verdicts))
        report.add(check_classification(item, classified_batch))
        report.add(check_process_log(item, event_items))
    report.add(check_code_unique(source.items))
    report.add(check_piece_gap_free(source.items, earlier))
    report.add(check_worklog_reviewed(unreviewed_log_entries))
    return report


def _packaged(item: ExportItem) -> list[FileRecord]:
    return [f for f in item.files if f.role in PACKAGED_ROLES]
