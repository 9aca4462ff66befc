"""Check results and their report: XML, readable text (Chinese or English) and JSON.

A result is one check on one subject (an item's 档号, a file path, or the package), pass or
fail, with an English template and named arguments explaining it; ``texts.ZH`` holds the
Chinese of each template. Plain Python and lxml (``verify`` uses it with no store).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, BinaryIO

from lxml import etree

from app.domain.spool import Spool
from app.export.catalogue import CHECKS, PROPERTY_ZH, STANDARD, spec
from app.export.texts import zh

NS = "urn:fieldarchive:checkreport:1"
PACKAGE = "package"


# Shared by every result without arguments (most are passes): a package of 100,000 items
# holds about a million results, and one empty dict each would cost more than they do.
NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Result:
    check: str
    subject: str
    ok: bool
    template: str = ""
    params: Mapping[str, Any] = field(default_factory=lambda: NO_PARAMS)
    # A required check may be reported as a warning for one subject (a damaged original
    # kept as received): None means the catalogue's rule.
    required: bool | None = None

    @property
    def blocking(self) -> bool:
        req = spec(self.check).required if self.required is None else self.required
        return req and not self.ok

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled for a spooled report: ``NO_PARAMS`` (a mapping proxy) goes as nothing.
        return _result, (self.check, self.subject, self.ok, self.template,
                         dict(self.params) if self.params else None, self.required)

    def text(self, lang: str = "en") -> str:
        template = zh(self.template) if lang == "zh" else self.template
        try:
            return template.format(**self.params) if self.params else template
        except (KeyError, IndexError, ValueError):
            return self.template


def _result(check: str, subject: str, ok: bool, template: str,
            params: dict[str, Any] | None, required: bool | None) -> Result:
    return Result(check, subject, ok, template, NO_PARAMS if params is None else params,
                  required)


def ok(check: str, subject: str = PACKAGE) -> Result:
    return Result(check, subject, True)


def fail(check: str, subject: str, template: str, *, required: bool | None = None,
         **params: Any) -> Result:
    return Result(check, subject, False, template, params, required)


@dataclass
class Report:
    kind: str  # "preflight" | "verify"
    package: str
    # A long one (a pre-flight's: ten per item) is spooled (``app.domain.spool``).
    results: list[Result] | Spool[Result] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # what each digest covers, etc.

    def add(self, results: Iterable[Result]) -> None:
        self.results.extend(results)

    @property
    def blocking(self) -> list[Result]:
        return [r for r in self.results if r.blocking]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if not r.ok and not r.blocking]

    @property
    def passed(self) -> bool:
        return not self.blocking

    def failed(self, check: str) -> list[Result]:
        return [r for r in self.results if r.check == check and not r.ok]

    # -- renderings ----------------------------------------------------------------------

    def to_xml(self) -> bytes:
        out = io.BytesIO()
        self.write_xml(out)
        return out.getvalue()

    def write_xml(self, out: BinaryIO) -> None:
        """The report as XML, written result by result (a pre-flight of 100,000 items has
        about a million results: never one tree of them in memory)."""
        by_check: dict[str, list[Result] | Spool[Result]] = {}
        spooled = isinstance(self.results, Spool)
        for r in self.results:
            mine = by_check.get(r.check)
            if mine is None:
                mine = by_check[r.check] = Spool() if spooled else []
            mine.append(r)
        with etree.xmlfile(out, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element(f"{{{NS}}}report", {
                    "kind": self.kind, "standard": STANDARD,
                    "result": "pass" if self.passed else "fail"}, nsmap={None: NS}):
                xf.write("\n")
                head = etree.Element(f"{{{NS}}}h", nsmap={None: NS})
                etree.SubElement(head, f"{{{NS}}}package").text = self.package
                for key, value in sorted(self.notes.items()):
                    n = etree.SubElement(head, f"{{{NS}}}note", name=key)
                    n.text = value
                for el in head:
                    xf.write(el, pretty_print=True)
                for c in CHECKS:
                    mine = by_check.get(c.id)
                    if not mine:
                        continue
                    with xf.element(f"{{{NS}}}check", {
                            "id": c.id, "property": c.prop,
                            "property_zh": PROPERTY_ZH[c.prop], "dat70": c.dat70,
                            "required": "true" if c.required else "false"}):
                        xf.write("\n")
                        titles = etree.Element(f"{{{NS}}}h", nsmap={None: NS})
                        etree.SubElement(titles, f"{{{NS}}}title", lang="zh").text = c.title_zh
                        etree.SubElement(titles, f"{{{NS}}}title", lang="en").text = c.title_en
                        for el in titles:
                            xf.write(el, pretty_print=True)
                        for r in mine:
                            xf.write(self._result_element(r), pretty_print=True)
                    xf.write("\n")

    @staticmethod
    def _result_element(r: Result) -> etree._Element:
        holder = etree.Element(f"{{{NS}}}h", nsmap={None: NS})
        res = etree.SubElement(holder, f"{{{NS}}}result", subject=r.subject,
                               outcome="pass" if r.ok else
                               ("fail" if r.blocking else "warning"))
        if r.template:
            etree.SubElement(res, f"{{{NS}}}detail", lang="zh").text = r.text("zh")
            etree.SubElement(res, f"{{{NS}}}detail", lang="en").text = r.text("en")
        return res

    def to_text(self, lang: str = "en") -> str:
        zh = lang == "zh"
        lines = [("四性检测报告" if zh else "Four-property check report")
                 + f" ({STANDARD}): {self.package}"]
        verdict = self.passed
        lines.append(("结论：" if zh else "Result: ")
                     + (("通过" if verdict else "不通过") if zh else
                        ("PASS" if verdict else "FAIL")))
        for key, value in sorted(self.notes.items()):
            lines.append(f"  {key}: {value}")
        for c in CHECKS:
            mine = [r for r in self.results if r.check == c.id]
            if not mine:
                continue
            bad = [r for r in mine if not r.ok]
            title = c.title_zh if zh else c.title_en
            prop = PROPERTY_ZH[c.prop] if zh else c.prop
            state = ("通过" if zh else "pass") if not bad else (
                ("不通过" if zh else "FAIL") if any(r.blocking for r in bad)
                else ("警告" if zh else "warning"))
            lines.append(f"[{state}] {prop} {c.dat70} {title} "
                         f"({len(mine) - len(bad)}/{len(mine)})")
            for r in bad:
                lines.append(f"    {r.subject}: {r.text(lang)}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "package": self.package, "passed": self.passed,
            "notes": dict(self.notes),
            "results": [{"check": r.check, "property": spec(r.check).prop,
                         "dat70": spec(r.check).dat70, "subject": r.subject,
                         "outcome": "pass" if r.ok else ("fail" if r.blocking else "warning"),
                         "detail_en": r.text("en") if r.template else "",
                         "detail_zh": r.text("zh") if r.template else ""}
                        for r in self.results],
        }


def digest_line(data: bytes) -> str:
    """The line that states a report's own digest (kept beside it, never inside)."""
    return f"SHA-256 {hashlib.sha256(data).hexdigest()}"
