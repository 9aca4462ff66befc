"""The incident's 归档范围和档案保管期限表 as PDF: for approval, for the file, for the package.

A4 portrait, in Chinese: a header block (incident, fonds, schedule name, version, status,
approval), one table row per category (序号, 类目, English name, key, 保管期限), and the
signature lines of the drafting unit and of the approving archives authority. The fonts are
those of every rendition (``app.export.pdf_fonts``); the file is written atomically.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode, XPos, YPos

from app import __version__
from app.domain import codes
from app.export.pdf_fonts import CJK_FAMILY, add_fonts
from app.store.atomic import write_atomically
from app.store.repositories.schedules import SchedulePrintout

MARGIN = 15.0
LINE_H = 5.0
BODY_PT = 9.5
GREY = (105, 105, 105)
BLACK = (0, 0, 0)
RULE = (150, 150, 150)
SHADE = (235, 235, 235)
SIGN_OFF_H = 30.0  # the two signature lines with their spacing
# (title, width in mm); the widths add up to the A4 text width (180 mm).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 10.0), ("类目", 50.0), ("Category", 52.0), ("代码", 34.0), ("保管期限", 34.0),
)
STATUS_TEXT = {"draft": "草稿（未批准）", "approved": "已批准"}


def _local(value: datetime | None, like: datetime) -> str:
    if value is None:
        return "—"
    assert like.tzinfo is not None
    return value.astimezone(like.tzinfo).strftime("%Y-%m-%d %H:%M")


class SchedulePDF(FPDF):
    def __init__(self, printout: SchedulePrintout) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.printout = printout
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        add_fonts(self)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_font(CJK_FAMILY, size=7.5)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, self.h - MARGIN)
        generated = self.printout.generated_at.isoformat(timespec="minutes")
        self.cell(0, 4, f"FieldArchive {__version__} · 生成于 {generated}", align="L")
        self.set_xy(MARGIN, self.h - MARGIN)
        self.cell(0, 4, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="R")
        self.set_text_color(*BLACK)

    @property
    def bottom(self) -> float:
        return self.h - MARGIN - 8.0

    def table_header(self) -> None:
        self.set_font(CJK_FAMILY, size=BODY_PT)
        self.set_fill_color(*SHADE)
        self.set_draw_color(*RULE)
        y = self.get_y()
        x = MARGIN
        for title, width in COLUMNS:
            self.set_xy(x, y)
            self.cell(width, LINE_H + 2, title, border=1, align="C", fill=True)
            x += width
        self.set_xy(MARGIN, y + LINE_H + 2)

    def lines(self, text: str, width: float) -> list[str]:
        # Chinese breaks between any two characters; English and keys between words.
        mode = WrapMode.CHAR if any(ord(ch) > 0x2E7F for ch in text) else WrapMode.WORD
        got = self.multi_cell(width - 2, LINE_H, text or "", dry_run=True,
                              output=MethodReturnValue.LINES, wrapmode=mode)
        assert isinstance(got, list)
        return [str(line) for line in got] or [""]

    def row(self, cells: list[str]) -> None:
        wrapped = [self.lines(text, width) for text, (_, width) in zip(cells, COLUMNS,
                                                                      strict=True)]
        height = max(len(w) for w in wrapped) * LINE_H + 2
        if self.get_y() + height > self.bottom:
            self.add_page()
            self.table_header()
        y = self.get_y()
        x = MARGIN
        for lines, (_, width) in zip(wrapped, COLUMNS, strict=True):
            self.rect(x, y, width, height)
            for n, line in enumerate(lines):
                self.set_xy(x + 1, y + 1 + n * LINE_H)
                self.cell(width - 2, LINE_H, line)
            x += width
        self.set_xy(MARGIN, y + height)


def _retention(code: str) -> str:
    try:
        return f"{codes.RETENTION.label(code)}（{code}）"
    except KeyError:
        return code


def _header(pdf: SchedulePDF, p: SchedulePrintout) -> None:
    inc, sched = p.incident, p.schedule
    pdf.set_font(CJK_FAMILY, size=15)
    pdf.cell(0, 9, "归档范围和档案保管期限表", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(CJK_FAMILY, size=9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, "Filing scope and retention schedule", align="C", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.ln(3)
    pdf.set_font(CJK_FAMILY, size=BODY_PT)
    fonds = inc.fonds_code + (f"　{inc.fonds_name}" if inc.fonds_name else "")
    status = STATUS_TEXT.get(sched.status, sched.status)
    rows = [
        ("事件名称", f"{inc.name}（编号 {inc.number or inc.id}）"),
        ("事件类型 / 级别", f"{codes.INCIDENT_KIND.label(inc.kind)} / "
                         f"{codes.INCIDENT_LEVEL.label(inc.level)}"),
        ("全宗", fonds),
        ("牵头单位", inc.lead_unit or "—"),
        ("期限表", f"{sched.name}　第 {sched.version} 版"
                 + (f"（模板 {sched.template_version}）" if sched.template_version else "")),
        ("状态", status),
        ("批准文号", sched.approval_ref or "—"),
        ("批准人 / 时间", f"{p.approver_name or '—'} / "
                      f"{_local(sched.approved_at, inc.started_at)}"),
    ]
    for label, value in rows:
        pdf.set_x(MARGIN)
        pdf.cell(32, LINE_H + 0.5, f"{label}：")
        pdf.multi_cell(0, LINE_H + 0.5, value, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    pdf.ln(3)


def _sign_off(pdf: SchedulePDF) -> None:
    if pdf.get_y() + SIGN_OFF_H > pdf.bottom:
        pdf.add_page()
    pdf.ln(6)
    pdf.set_font(CJK_FAMILY, size=BODY_PT)
    for role in ("编制单位（盖章）", "档案主管部门审批意见（盖章）"):
        pdf.cell(0, 7, f"{role}：________________________    日期：______年____月____日",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)


def render_schedule_pdf(printout: SchedulePrintout) -> SchedulePDF:
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # glyphs a font lacks: see pdf_fonts
    pdf = SchedulePDF(printout)
    pdf.set_title(f"归档范围和档案保管期限表 {printout.incident.name} "
                  f"第{printout.schedule.version}版")
    pdf.set_subject("归档范围和档案保管期限表 Retention schedule")
    pdf.set_creator(f"FieldArchive {__version__}")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(printout.generated_at)
    pdf.add_page()
    _header(pdf, printout)
    pdf.table_header()
    for n, c in enumerate(printout.schedule.categories, 1):
        pdf.row([str(n), c.name_zh, c.name_en, c.key, _retention(c.retention)])
    _sign_off(pdf)
    return pdf


def write_schedule_pdf(printout: SchedulePrintout, out: Path) -> int:
    """Write the schedule's PDF atomically; returns its page count."""
    pdf = render_schedule_pdf(printout)
    write_atomically(Path(out), bytes(pdf.output()))
    return int(pdf.pages_count)


__all__ = ["SchedulePrintout", "render_schedule_pdf", "write_schedule_pdf"]
