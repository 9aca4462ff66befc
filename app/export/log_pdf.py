"""The work log as PDF: an ICS-214-like activity log in Chinese, for the transfer package.

Layout (A4 portrait): a header block (incident, operational period, units, recorders), then
one table row per entry in time order (the current text, with every earlier version, the
correction reasons and review opinions beneath it in grey, and the review mark), a summary
with the chain heads, and a sign-off block. Every page carries "第 n 页 / 共 N 页".

Chinese is set in the Noto Sans CJK SC subset shipped in ``resources/fonts`` (see
``app.export.pdf_fonts``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode, XPos, YPos

from app import __version__
from app.domain import codes
from app.export.pdf_fonts import CJK_FAMILY, FontMissing, add_fonts, find_cjk_font
from app.store.atomic import write_atomically
from app.store.worklog_records import LinkedItem, LogRendition, LogReviewRecord, LogThread

# Geometry, in mm and points. Two-line rows come out at about 30 to a page.
MARGIN = 12.0
BODY_PT = 8.0
LINE_H = 3.6
PAD = 0.6  # above and below a row's text
CELL_PAD = 1.0  # left and right
GREY = (105, 105, 105)
BLACK = (0, 0, 0)
RULE = (150, 150, 150)
SHADE = (235, 235, 235)
# Characters of a paragraph wrapped at once (see LogPDF._wrap_paragraph).
WRAP_PIECE = 1000


@dataclass(frozen=True)
class Column:
    title: str
    width: float


COLUMNS = (
    Column("序号", 13.0),
    Column("时间", 20.0),
    Column("类别", 14.0),
    Column("记录人", 18.0),
    Column("工作内容（更正、审核意见附后）", 95.0),
    Column("审核", 26.0),
)

Segment = tuple[str, tuple[int, int, int]]  # a line of text and its colour


def _label(table: codes.CodeTable, code: str | None) -> str:
    if not code:
        return "—"
    try:
        return table.label(code)
    except KeyError:
        return code


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" for ch in text)


class LogPDF(FPDF):
    def __init__(self, rendition: LogRendition) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.rendition = rendition
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        add_fonts(self)
        self.alias_nb_pages()
        self._running_header = False

    # -- page furniture ------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        return self.h - MARGIN - 8.0

    def header(self) -> None:
        if not self._running_header:
            return
        inc = self.rendition.incident
        self.set_font(CJK_FAMILY, size=7.5)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, MARGIN - 4)
        self.cell(0, 4, f"工作日志 · {inc.name}（{inc.number or inc.id}）· 作业期："
                        f"{_period_text(self.rendition)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)
        self.set_y(MARGIN + 1)
        self.table_header()

    def footer(self) -> None:
        self.set_font(CJK_FAMILY, size=7.5)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, self.h - MARGIN - 4)
        generated = self.rendition.generated_at.isoformat(timespec="minutes")
        self.cell(0, 4, f"FieldArchive {__version__} · 生成于 {generated}", align="L")
        self.set_xy(MARGIN, self.h - MARGIN - 4)
        self.cell(0, 4, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="R")
        self.set_text_color(*BLACK)

    def table_header(self) -> None:
        self.set_font(CJK_FAMILY, size=BODY_PT)
        self.set_fill_color(*SHADE)
        self.set_draw_color(*RULE)
        x = MARGIN
        y = self.get_y()
        for col in COLUMNS:
            self.set_xy(x, y)
            self.cell(col.width, LINE_H + 2 * PAD, col.title, border=1, align="C", fill=True)
            x += col.width
        self.set_xy(MARGIN, y + LINE_H + 2 * PAD)

    # -- text measuring and rows ---------------------------------------------------------

    def wrap(self, text: str, width: float, colour: tuple[int, int, int] = BLACK
             ) -> list[Segment]:
        lines: list[Segment] = []
        mode = WrapMode.CHAR if _has_cjk(text) else WrapMode.WORD
        for para in text.split("\n"):
            if not para:
                lines.append(("", colour))
                continue
            lines.extend((line, colour) for line in self._wrap_paragraph(para, width, mode))
        return lines

    def _wrap_paragraph(self, para: str, width: float, mode: WrapMode) -> list[str]:
        """The lines of one paragraph, wrapped a piece at a time.

        fpdf2's ``multi_cell`` costs more per character the longer its text (a 30-KB entry
        took 1.4 s, 1 MB 21 s), so a long paragraph is given to it in pieces of
        WRAP_PIECE characters; the last, unfinished line of each piece is wrapped again at
        the head of the next, so the lines are those of the whole paragraph.
        """
        out: list[str] = []
        carry = ""
        for start in range(0, len(para), WRAP_PIECE):
            piece = carry + para[start:start + WRAP_PIECE]
            got = self.multi_cell(width - 2 * CELL_PAD, LINE_H, piece, dry_run=True,
                                  output=MethodReturnValue.LINES, wrapmode=mode)
            assert isinstance(got, list)
            if start + WRAP_PIECE >= len(para) or not got:
                out.extend(got)
                carry = ""
                break
            last = got[-1].rstrip()
            head = piece.rstrip()
            if last and head.endswith(last):
                out.extend(got[:-1])
                carry = piece[len(head) - len(last):]
            else:  # the last line is not the piece's end as given: keep it as wrapped
                out.extend(got)
                carry = ""
        return out

    def new_page(self) -> None:
        self._running_header = True
        self.add_page()

    def row(self, cells: Sequence[list[Segment]]) -> None:
        """One table row; a row taller than the page goes on over the next pages."""
        self.set_font(CJK_FAMILY, size=BODY_PT)
        remaining = [list(c) for c in cells]
        continued = False
        while any(remaining):
            need = max(len(c) for c in remaining)
            fits = int((self.bottom - self.get_y() - 2 * PAD) // LINE_H)
            at_top = self.get_y() <= MARGIN + 1 + LINE_H + 2 * PAD + 0.01
            if fits < need and not (at_top or (fits >= 3 and need > fits * 2)):
                self.new_page()
                continue
            take = min(need, max(fits, 1))
            chunk = [c[:take] for c in remaining]
            if continued:
                chunk[0] = [("（续）", GREY)]
            self._draw_row(chunk, take)
            remaining = [c[take:] for c in remaining]
            continued = True
            if any(remaining):
                self.new_page()

    def _draw_row(self, cells: Sequence[list[Segment]], lines: int) -> None:
        y = self.get_y()
        h = lines * LINE_H + 2 * PAD
        x = MARGIN
        self.set_draw_color(*RULE)
        for col, segs in zip(COLUMNS, cells, strict=True):
            self.rect(x, y, col.width, h)
            for i, (text, colour) in enumerate(segs):
                self.set_text_color(*colour)
                self.set_xy(x + CELL_PAD, y + PAD + i * LINE_H)
                self.cell(col.width - 2 * CELL_PAD, LINE_H, text)
            x += col.width
        self.set_text_color(*BLACK)
        self.set_xy(MARGIN, y + h)

    def band(self, text: str) -> None:
        """A shaded full-width row: a new operational period or phase begins."""
        self.set_font(CJK_FAMILY, size=BODY_PT)
        if self.get_y() + LINE_H + 2 * PAD + 2 * LINE_H > self.bottom:
            self.new_page()
        self.set_fill_color(*SHADE)
        self.set_draw_color(*RULE)
        self.cell(sum(c.width for c in COLUMNS), LINE_H + 2 * PAD, text, border=1, fill=True,
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# -- content of the document ----------------------------------------------------------------


def _period_text(r: LogRendition) -> str:
    if r.operational_period is not None:
        return r.operational_period
    periods = []
    for t in r.threads:
        if t.current.operational_period not in periods:
            periods.append(t.current.operational_period)
    if not periods:
        return "全部"
    return periods[0] if len(periods) == 1 else f"全部（{periods[0]} 至 {periods[-1]}）"


def _distinct(values: Sequence[str]) -> str:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return "、".join(seen) or "—"


def _one_offset(r: LogRendition) -> int | None:
    offsets = {v.tz_offset_min for v in r.entries}
    return offsets.pop() if len(offsets) == 1 else None


def _offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class TimeFormat:
    """Short times when the whole rendition shares one year and one offset."""

    def __init__(self, r: LogRendition) -> None:
        self.offset = _one_offset(r)
        years = {t.year for v in r.entries for t in (v.occurred_at, v.recorded_at)}
        years |= {rv.reviewed_at.year for rv in r.reviews}
        self.with_year = len(years) > 1

    def short(self, value: datetime) -> str:
        text = value.strftime("%Y-%m-%d %H:%M" if self.with_year else "%m-%d %H:%M")
        if self.offset is None:
            text += " " + _offset_text(_minutes(value))
        return text


def _minutes(value: datetime) -> int:
    off = value.utcoffset()
    return int(off.total_seconds() // 60) if off is not None else 0


def _header_block(pdf: LogPDF, r: LogRendition, times: TimeFormat) -> None:
    inc = r.incident
    pdf.set_font(CJK_FAMILY, size=15)
    pdf.cell(0, 8, "工 作 日 志", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(CJK_FAMILY, size=8)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 4, "Work log (activity log, after ICS-214) · 保管期限：永久",
             align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.ln(2)
    current = [t.current for t in r.threads]
    if current:
        first = min(v.occurred_at for v in current)
        last = max(v.occurred_at for v in current)
        span = f"{first.isoformat(timespec='minutes')} 至 {last.isoformat(timespec='minutes')}"
    else:
        span = "—"
    recorders = _distinct([f"{v.recorder_name}（{v.recorder_position}）"
                           if v.recorder_position else v.recorder_name for v in r.entries])
    fields = [
        ("1. 事件名称", f"{inc.name}（编号 {inc.number or '—'}）"),
        ("   事件类型/级别", f"{_label(codes.INCIDENT_KIND, inc.kind)} / "
                         f"{_label(codes.INCIDENT_LEVEL, inc.level)}；发生于 "
                         f"{inc.started_at.isoformat(timespec='minutes')}"
                         f"{'，' + inc.place if inc.place else ''}"),
        ("   全宗", f"{inc.fonds_code} {inc.fonds_name}".strip()),
        ("2. 作业期", f"{_period_text(r)}；记录时段 {span}"
                    + (f"（时间为 {_offset_text(times.offset)}）" if times.offset is not None
                       else "")),
        ("3. 单位/队组", _distinct([v.unit for v in r.entries])),
        ("4. 记录人", recorders),
        ("5. 条目", _counts(r)),
    ]
    label_w = 28.0
    value_w = sum(c.width for c in COLUMNS) - label_w
    pdf.set_draw_color(*RULE)
    for label, value in fields:
        pdf.set_font(CJK_FAMILY, size=8.5)
        lines = pdf.wrap(value, value_w)
        h = len(lines) * 4.2 + 1.2
        y = pdf.get_y()
        pdf.set_fill_color(*SHADE)
        pdf.rect(MARGIN, y, label_w, h, style="DF")
        pdf.rect(MARGIN + label_w, y, value_w, h)
        pdf.set_xy(MARGIN + CELL_PAD, y + 0.6)
        pdf.cell(label_w - 2 * CELL_PAD, 4.2, label)
        for i, (text, _c) in enumerate(lines):
            pdf.set_xy(MARGIN + label_w + CELL_PAD, y + 0.6 + i * 4.2)
            pdf.cell(value_w - 2 * CELL_PAD, 4.2, text)
        pdf.set_xy(MARGIN, y + h)
    pdf.ln(3)
    pdf.set_font(CJK_FAMILY, size=9)
    pdf.cell(0, 5, "6. 工作记录（按发生时间）", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.table_header()


def _counts(r: LogRendition) -> str:
    statuses = [t.current.review_status for t in r.threads]
    corrected = sum(1 for t in r.threads if len(t.versions) > 1)
    return (f"{len(r.threads)} 条（更正 {corrected} 条，共 {len(r.entries)} 个版本）；"
            f"审核通过 {statuses.count('approved')} 条，退回修改 {statuses.count('returned')} 条，"
            f"未审核 {statuses.count('unreviewed')} 条")


def _review_text(rv: LogReviewRecord, times: TimeFormat) -> str:
    status = _label(codes.REVIEW_STATUS, rv.status)
    opinion = f"：{rv.opinion}" if rv.opinion else ""
    return (f"〔审核 {status}，{rv.reviewer_name}，{times.short(rv.reviewed_at)}"
            f"{_unsigned(rv)}{opinion}〕")


def _short_head(head: str) -> str:
    """``COUNT:HASH16``: the form to write down (``fieldarchive head`` prints the same)."""
    count, _, digest = head.partition(":")
    return f"{count}:{digest[:16]}"


def _unsigned(rv: LogReviewRecord) -> str:
    """A review from before signatures: shown as such, not as a signed one."""
    return "" if rv.signed else "，签名前审核（无签名）"


def _links(item_ids: Sequence[str], items: Mapping[str, LinkedItem]) -> str:
    """关联：each item by its 档号, or before filing by its title and file name."""
    return "关联：" + "、".join(items[i].label() if i in items else "（已不在库中的条目）"
                             for i in item_ids)


def _thread_cells(pdf: LogPDF, t: LogThread, times: TimeFormat,
                  items: Mapping[str, LinkedItem]) -> list[list[Segment]]:
    cur = t.current
    widths = [c.width for c in COLUMNS]
    seq = [(f"{cur.seq}", BLACK)]
    if len(t.versions) > 1:
        seq.append((f"原{t.original.seq}", GREY))
    content = pdf.wrap(cur.content, widths[4])
    extras = []
    if cur.place:
        extras.append(f"地点：{cur.place}")
    if cur.participants:
        extras.append(f"参加人员：{cur.participants}")
    if cur.linked_items:
        extras.append(_links(cur.linked_items, items))
    if extras:
        content += pdf.wrap("；".join(extras), widths[4], GREY)
    for rv in cur.reviews:
        if rv.opinion:
            content += pdf.wrap(_review_text(rv, times), widths[4], GREY)
    for old, new in zip(t.versions, t.versions[1:], strict=False):
        content += pdf.wrap(
            f"〔原记录 #{old.seq}，{old.recorder_name}，{times.short(old.occurred_at)}〕"
            f"{old.content}", widths[4], GREY)
        if list(old.linked_items) != list(new.linked_items):
            was = _links(old.linked_items, items) if old.linked_items else "关联：无"
            content += pdf.wrap(f"〔原{was}〕", widths[4], GREY)
        for rv in old.reviews:
            content += pdf.wrap(_review_text(rv, times), widths[4], GREY)
        content += pdf.wrap(
            f"〔更正为 #{new.seq}，{new.recorder_name}，记录于 {times.short(new.recorded_at)}，"
            f"理由：{new.correction_reason}〕", widths[4], GREY)
    review: list[Segment]
    latest = cur.latest_review
    if latest is None:
        review = [("未审核", GREY)]
    else:
        status = _label(codes.REVIEW_STATUS, latest.status)
        review = pdf.wrap(f"{status} {latest.reviewer_name}", widths[5])
        if not latest.signed:
            review += pdf.wrap("签名前审核", widths[5], GREY)
        day = latest.reviewed_at.strftime("%Y-%m-%d" if times.with_year else "%m-%d")
        review += pdf.wrap(day, widths[5])
    return [
        seq,
        pdf.wrap(times.short(cur.occurred_at), widths[1]),
        pdf.wrap(_label(codes.LOG_CATEGORY, cur.category), widths[2]),
        pdf.wrap(cur.recorder_name, widths[3]),
        content,
        review,
    ]


def _sign_off(pdf: LogPDF, r: LogRendition) -> None:
    pdf.set_font(CJK_FAMILY, size=8)
    if pdf.get_y() + 48 > pdf.bottom:
        pdf.new_page()
    pdf.ln(3)
    pdf.set_text_color(*GREY)
    for text in (
        f"条目链头（SHA-256）：{r.chain_head}",
        f"审核链头（SHA-256）：{r.review_chain_head}",
        f"审计链头（请抄录，日后用 fieldarchive check --head 核对）：{_short_head(r.audit_head)}"
        f"（完整：{r.audit_head}）",
        "每条记录的哈希值见同名 XML 文件（工作日志 XML，含完整字段与哈希链，可独立复核）。",
    ):
        pdf.multi_cell(0, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.ln(3)
    pdf.set_font(CJK_FAMILY, size=9.5)
    pdf.cell(0, 6, "7. 编制与审核", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(CJK_FAMILY, size=9)
    for role in ("编制人（签名）", "审核人（签名）"):
        pdf.ln(3)
        pdf.cell(0, 7, f"{role}：____________________    职务：______________    "
                       f"日期：______年____月____日", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_log_pdf(rendition: LogRendition) -> LogPDF:
    # fpdf2 reports each glyph a font lacks; the README says what happens to them.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    pdf = LogPDF(rendition)
    inc = rendition.incident
    pdf.set_title(f"工作日志 {inc.name} {_period_text(rendition)}")
    pdf.set_subject("工作日志 Work log")
    pdf.set_author(_distinct([v.recorder_name for v in rendition.entries]))
    pdf.set_creator(f"FieldArchive {__version__}")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(rendition.generated_at)
    pdf.add_page()
    times = TimeFormat(rendition)
    _header_block(pdf, rendition, times)
    band_key: tuple[str, str | None] | None = None
    for t in rendition.threads:
        key = (t.current.operational_period, t.current.phase)
        if key != band_key:
            pdf.band(f"作业期：{key[0] or '—'}    阶段：{_label(codes.PHASE, key[1])}")
            band_key = key
        pdf.row(_thread_cells(pdf, t, times, rendition.items))
    if not rendition.threads:
        pdf.row([[("", BLACK)], [("", BLACK)], [("", BLACK)], [("", BLACK)],
                 [("（无记录）", GREY)], [("", BLACK)]])
    _sign_off(pdf, rendition)
    return pdf


def write_log_pdf(rendition: LogRendition, out: Path) -> int:
    """Write the PDF rendition atomically; returns its page count."""
    pdf = render_log_pdf(rendition)
    write_atomically(Path(out), bytes(pdf.output()))
    return int(pdf.pages_count)


__all__ = ["FontMissing", "find_cjk_font", "render_log_pdf", "write_log_pdf"]
