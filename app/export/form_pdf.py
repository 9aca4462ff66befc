"""The transfer registration form (电子档案移交与接收登记表) as PDF and as XML.

The PDF is for signing and sealing on paper; the XML beside it carries the same values so
``verify`` can compare them with the package. The digest the form states covers every
payload file except the 交接信息/ folder the form sits in (it cannot cover itself): the
SHA-256 of the sorted manifest lines of those files (``payload_digest``).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from lxml import etree

from app.export.pdf_fonts import CJK_FAMILY, add_cjk_font

FORM_NS = "urn:fieldarchive:registration:1"
GIB = 1024 ** 3


def volume_gb(size: int) -> str:
    return f"{size / GIB:.3f}"


@dataclass(frozen=True)
class FormValues:
    title: str  # 交接工作名称
    content: str  # 内容描述
    items: int
    files: int
    bytes: int
    carrier_type: str
    carrier_number: str
    checks: tuple[tuple[str, str], ...]  # (真实性, 通过) ...
    digest: str
    fingerprint: str
    audit_head: str
    preparer: str  # 填表人
    reviewer: str  # 审核人
    batch: str
    date: str

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("交接工作名称", self.title),
            ("内容描述", self.content),
            ("移交电子档案数量", f"{self.items} 件，{self.files} 个文件"),
            ("移交数据量", f"{volume_gb(self.bytes)} GB（{self.bytes} 字节，1 GB = 1024³ 字节）"),
            ("载体起止顺序号", self.carrier_number or "—"),
            ("载体类型", self.carrier_type or "—"),
            *[(f"{name}检测", result) for name, result in self.checks],
            ("摘要算法", "SHA-256"),
            ("数字摘要", self.digest),
            ("摘要范围", "data/ 下除 其他/交接信息/ 以外全部文件的 manifest 行（按路径排序）"),
            ("签名公钥指纹", f"SHA256:{self.fingerprint}"),
            ("审计链头", self.audit_head),
            ("批次", self.batch),
            ("填表人", self.preparer),
            ("审核人", self.reviewer),
            ("填表日期", self.date),
        ]


def form_xml(v: FormValues) -> bytes:
    root = etree.Element(f"{{{FORM_NS}}}登记表", nsmap={None: FORM_NS})
    for key, value in (("交接工作名称", v.title), ("内容描述", v.content),
                       ("件数", str(v.items)), ("文件数", str(v.files)),
                       ("字节数", str(v.bytes)), ("数据量GB", volume_gb(v.bytes)),
                       ("载体类型", v.carrier_type), ("载体编号", v.carrier_number),
                       ("摘要算法", "SHA-256"), ("数字摘要", v.digest),
                       ("签名公钥指纹", v.fingerprint), ("审计链头", v.audit_head),
                       ("批次", v.batch), ("填表人", v.preparer), ("审核人", v.reviewer),
                       ("填表日期", v.date)):
        etree.SubElement(root, f"{{{FORM_NS}}}项", 名=key).text = value
    for name, result in v.checks:
        etree.SubElement(root, f"{{{FORM_NS}}}检测", 性质=name).text = result
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def prepare_form_pdf() -> FPDF:
    """An empty form document with its font loaded: loading the CJK font takes about a
    second, so an export does it before the write stage, which fills the form in last
    (the form states the payload digest, known only once everything else is written)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    add_cjk_font(pdf)
    return pdf


def form_pdf(v: FormValues, prepared: FPDF | None = None) -> bytes:
    """The form as PDF, in ``prepared`` (from ``prepare_form_pdf``, used once) if given."""
    pdf = prepared if prepared is not None else prepare_form_pdf()
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_font(CJK_FAMILY, size=15)
    pdf.cell(0, 10, "电子档案移交与接收登记表", align="C", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(CJK_FAMILY, size=9)
    label_w = 38.0
    for label, value in v.rows():
        y = pdf.get_y()
        pdf.multi_cell(label_w, 6, label, border=1, new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.multi_cell(0, 6, value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), y + 6))
    pdf.ln(8)
    pdf.set_font(CJK_FAMILY, size=10)
    for side in ("移交单位", "接收单位"):
        pdf.cell(0, 8, f"{side}（签章）：______________________    "
                       f"经办人（签名）：______________    日期：______年____月____日",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    return bytes(pdf.output())
