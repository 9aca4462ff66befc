"""The incident's retention schedule (归档范围和保管期限表) as a PDF for the package."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app.domain import codes
from app.export.log_pdf import CJK_FAMILY, find_cjk_font
from app.store.records import IncidentRecord, ScheduleRecord


def schedule_pdf(incident: IncidentRecord, schedule: ScheduleRecord | None) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    font = find_cjk_font()
    pdf.add_font(CJK_FAMILY, "", str(font.path), collection_font_number=font.collection)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font(CJK_FAMILY, size=15)
    pdf.cell(0, 10, "归档范围和保管期限表", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(CJK_FAMILY, size=9)
    pdf.cell(0, 6, f"事件：{incident.name}（{incident.number or incident.id}）  "
                   f"全宗号：{incident.fonds_code}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if schedule is None:
        pdf.cell(0, 6, "（本事件尚无保管期限表）", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return bytes(pdf.output())
    status = "已批准" if schedule.status == "approved" else "草稿"
    pdf.cell(0, 6, f"{schedule.name}  第 {schedule.version} 版  {status}  "
                   f"批准文号：{schedule.approval_ref or '—'}",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    widths = (12.0, 118.0, 44.0)
    for text, w in zip(("序号", "类目", "保管期限"), widths, strict=True):
        pdf.cell(w, 7, text, border=1, align="C")
    pdf.ln()
    for n, c in enumerate(schedule.categories, 1):
        try:
            retention = codes.RETENTION.label(c.retention)
        except KeyError:
            retention = c.retention
        for text, w in zip((str(n), c.name_zh, f"{retention}（{c.retention}）"), widths,
                           strict=True):
            pdf.cell(w, 7, text, border=1)
        pdf.ln()
    return bytes(pdf.output())
