"""The Chinese of the check reports' sentences, read from the one translation source.

Report sentences are error templates (context "Errors"); their Chinese lives in
``resources/i18n/fieldarchive_zh_CN.ts`` like every other message. ``verify`` runs with no
Qt application and no store, so it reads that file itself (with lxml) once.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from app.domain.messages import ERRORS_CONTEXT
from app.resources import resource_path

TS = ("i18n", "fieldarchive_zh_CN.ts")


@cache
def _chinese() -> dict[str, str]:
    try:
        root = etree.parse(str(resource_path(*TS))).getroot()
    except (OSError, etree.XMLSyntaxError):
        return {}
    out: dict[str, str] = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != ERRORS_CONTEXT:
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and tr.get("type") not in ("unfinished", "vanished",
                                                                     "obsolete"):
                out[msg.findtext("source") or ""] = tr.text
    return out


def zh(template: str) -> str:
    """The Chinese of an English template; the English when there is none."""
    return _chinese().get(template, template)
