"""The supervisor's review report (审阅报告) as PDF: what was inspected, and what was found.

It states the inspected store's identity and digests, its counts, the integrity check's
results, the supervisor's own findings, the inspector and the date, with Chinese and English
labels side by side. It is written atomically, never inside what was reviewed, and its
SHA-256 is returned so the window can show it (and the supervisor note it down).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app import __version__
from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.package_rows import PackageFacts
from app.export.pdf_fonts import CJK_FAMILY, add_fonts
from app.store.atomic import write_atomically
from app.store.errors import InvalidInput
from app.store.integrity import CheckReport
from app.store.review_facts import StoreFacts

READ_MODES = {
    "live": "与正在使用它的程序并行读取 / beside the program that had it open",
    "in-place": "在只读介质上原位读取 / in place, on read-only media",
    "idle": "原位读取，无程序打开 / in place, no program had it open",
    "snapshot": "从快照副本读取 / from a snapshot copy",
}
MARGIN = 15.0
GREY = (105, 105, 105)
RED = (176, 0, 32)
BLACK = (0, 0, 0)


@dataclass(frozen=True)
class ReviewReport:
    facts: StoreFacts
    check: CheckReport | None  # None: the integrity check was not run
    findings: str  # the supervisor's own words
    inspector: str
    inspected_at: datetime
    packages: tuple[PackageFacts, ...] = ()  # reviewed packages (none: a store)
    damage: tuple[str, ...] = ()  # what could not be read from the packages


class _ReportPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, MARGIN)
        add_fonts(self)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(CJK_FAMILY, size=7)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"FieldArchive {__version__} · 第 {self.page_no()} 页 / 共 {{nb}} 页",
                  align="C")
        self.set_text_color(*BLACK)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(CJK_FAMILY, size=11)
        self.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(150, 150, 150)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(1.5)
        self.set_font(CJK_FAMILY, size=8.5)

    def field(self, label: str, value: str, colour: tuple[int, int, int] = BLACK) -> None:
        self.set_text_color(*GREY)
        self.cell(52, 4.6, label)
        self.set_text_color(*colour)
        self.multi_cell(0, 4.6, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)

    def para(self, value: str, colour: tuple[int, int, int] = BLACK) -> None:
        self.set_text_color(*colour)
        # Left-aligned: a long path or digest justified over a line spreads its words apart.
        self.multi_cell(0, 4.6, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)


def _head(head: object) -> str:
    count, digest = getattr(head, "count", None), getattr(head, "hash", "")
    if head is None:
        return "—"
    if count is not None and count < 0:
        return "无法读取 / unreadable"
    return f"#{count}  {digest}"


def render_review_report(report: ReviewReport) -> bytes:
    facts = report.facts
    pdf = _ReportPDF()
    pdf.add_page()
    pdf.set_font(CJK_FAMILY, size=15)
    pdf.cell(0, 9, "审阅报告 / Review report", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(CJK_FAMILY, size=8.5)
    if report.packages:
        pdf.para("只读审阅：审阅过程未在被审阅的移交数据包中创建或更改任何文件。 / Read-only "
                 "review: nothing was created or changed in the reviewed package(s).", GREY)
        _packages(pdf, report)
    else:
        pdf.para("只读审阅：审阅过程未在被审阅的存储库中创建或更改任何文件。 / Read-only "
                 "review: nothing was created or changed in the reviewed store.", GREY)
        _store(pdf, facts)

    pdf.heading("数量 / Counts")
    if not facts.incidents:
        pdf.para("（无事件 / no incidents）", GREY)
    for inc in facts.incidents:
        pdf.field(f"{inc.number or inc.id[:8]}", inc.name)
        pdf.field("", f"件 items {inc.items} · 工作日志 log entries {inc.log_entries} · "
                  f"未审核 unreviewed {inc.unreviewed}")

    pdf.heading("完整性检查 / Integrity check")
    check = report.check
    if check is None:
        pdf.para("未运行 / not run", RED)
    else:
        # Packages pass with warnings (verify's non-blocking checks), listed after failures.
        passed = bool(getattr(check, "passed", check.ok))
        warnings = int(getattr(check, "warnings", 0))
        verdict = ("通过 / passed" if passed and not warnings else
                   f"通过，{warnings} 个警告 / passed, {warnings} warning(s)" if passed else
                   "已取消 / cancelled" if check.cancelled else
                   f"发现 {len(check.findings)} 个问题 / {len(check.findings)} problem(s)")
        pdf.field("结论 / Result", verdict, BLACK if passed else RED)
        pdf.field("已核对文件 / Files verified", str(check.files_checked))
        for verdict in getattr(check, "verdicts", ()):
            pdf.field(verdict.name, "通过 / passed" if verdict.passed else
                      f"不通过 / failed: {verdict.blocking}", BLACK if verdict.passed else RED)
        if not report.packages:
            pdf.field("已核对审计事件 / Audit events", str(check.events_checked))
        if check.sm3_pending:
            pdf.field("待补 SM3 / SM3 pending", str(check.sm3_pending))
        first_warning = len(check.findings) - warnings
        for n, finding in enumerate(check.findings):
            if n < first_warning:
                pdf.para(f"× {finding.message}", RED)
            else:
                pdf.para(f"! {finding.message}", GREY)

    pdf.heading("审阅意见 / Findings")
    pdf.para(report.findings.strip() or "（无 / none）")

    pdf.heading("审阅人 / Inspector")
    pdf.field("审阅人 / Inspector", report.inspector)
    pdf.field("日期 / Date", report.inspected_at.isoformat(timespec="seconds"))
    pdf.ln(8)
    pdf.field("签字 / Signature", "_" * 30)
    return bytes(pdf.output())


def _store(pdf: _ReportPDF, facts: StoreFacts) -> None:
    pdf.heading("被审阅对象 / What was inspected")
    pdf.field("存储库 / Store", facts.root)
    schema = facts.revision or "—"
    if facts.newer_schema:
        schema += "（较新版本 / newer version）"
    pdf.field("数据结构版本 / Schema", schema)
    pdf.field("读取方式 / Read", READ_MODES.get(facts.mode, facts.mode))
    for d in facts.database:
        pdf.field(f"{d.name} SHA-256", f"{d.sha256}  ({d.size} bytes)")
    pdf.field("审计链头（记录）/ Audit head file", _head(facts.recorded_head))
    pdf.field("审计链末条 / Last audit event", _head(facts.tail))


def _packages(pdf: _ReportPDF, report: ReviewReport) -> None:
    pdf.heading("被审阅的移交数据包 / Packages inspected")
    for p in report.packages:
        pdf.set_font(CJK_FAMILY, size=9.5)
        pdf.cell(0, 6, f"{p.index}. {p.name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(CJK_FAMILY, size=8.5)
        pdf.field("路径 / Path", p.path)
        pdf.field("形式 / Form", "ZIP 文件 / ZIP file" if p.is_zip else "文件夹 / folder")
        pdf.field("批次 / Batch", f"{p.batch}  ({p.bag})" if p.bag else p.batch)
        pdf.field("事件编号 / Incident", p.incident_number)
        pdf.field("打包日期 / Bagged", p.bagging_date)
        pdf.field("签名人 / Signer", p.signer)
        pdf.field("签名公钥指纹 / Key fingerprint", f"SHA256:{p.fingerprint}"
                  if p.fingerprint else "", BLACK if p.fingerprint else RED)
        pdf.field("tagmanifest-sha256.txt SHA-256", p.tagmanifest_sha256,
                  BLACK if p.tagmanifest_sha256 else RED)
        pdf.field("Payload-Digest-SHA256", p.payload_digest)
        pdf.field("审计链头 / Audit head", p.audit_head)
        pdf.field("件 / 文件 / 字节 · items / files / bytes",
                  f"{p.items} / {p.files} / {p.bytes}")
    if report.damage:
        pdf.heading("读取时发现的损坏 / Damage found while reading")
        for line in report.damage:
            pdf.para(f"× {line}", RED)


def check_report_target(out: Path, reviewed_root: Path, inspector: str, *,
                        package: bool = False) -> None:
    """Refuse, before any work: a report inside what is reviewed, or without an inspector."""
    reviewed = Path(reviewed_root).resolve()
    if package and Path(out).resolve().is_relative_to(reviewed):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The report cannot be saved inside the package being reviewed ({path}); "
            "choose another folder."), path=reviewed)
    if Path(out).resolve().is_relative_to(reviewed):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The report cannot be saved inside the store being reviewed ({path}); "
            "choose another folder."), path=reviewed)
    if not inspector.strip():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The report needs the inspector's name."))


def write_review_report(report: ReviewReport, out: Path) -> str:
    """Write the PDF atomically outside the reviewed store; returns its SHA-256."""
    out = Path(out)
    for root in [Path(p.path) for p in report.packages] or [Path(report.facts.root)]:
        check_report_target(out, root, report.inspector, package=bool(report.packages))
    data = render_review_report(report)
    write_atomically(out, data)
    return hashlib.sha256(data).hexdigest()


__all__ = ["ReviewReport", "check_report_target", "render_review_report",
           "write_review_report"]
