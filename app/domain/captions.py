"""The photo's six caption elements (照片文字说明六要素, after DA/T 54).

事由 (what happened), 时间 (when), 地点 (where), 人物 (who), 背景 (background) and
摄影者 (photographer). They are stored on the item as a small mapping under these keys
(``Item.caption``), and they compose the 文字说明 (``Item.description``): while the
description is empty or still the composition of the previous elements, a change of the
elements writes it again; once a person has written the description in their own words,
it is theirs and the elements no longer touch it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.messages import QT_TRANSLATE_NOOP

ELEMENTS: tuple[str, ...] = ("cause", "time", "place", "people", "background", "photographer")
ELEMENT_LABELS: dict[str, str] = {
    "cause": QT_TRANSLATE_NOOP("Fields", "Event (事由)"),
    "time": QT_TRANSLATE_NOOP("Fields", "Time (时间)"),
    "place": QT_TRANSLATE_NOOP("Fields", "Place (地点)"),
    "people": QT_TRANSLATE_NOOP("Fields", "People (人物)"),
    "background": QT_TRANSLATE_NOOP("Fields", "Background (背景)"),
    "photographer": QT_TRANSLATE_NOOP("Fields", "Photographer (摄影者)"),
}


def clean(elements: Mapping[str, Any] | None) -> dict[str, str]:
    """Only the six keys, stripped, empty ones dropped; raises ValueError on others."""
    if not elements:
        return {}
    unknown = sorted(set(elements) - set(ELEMENTS))
    if unknown:
        raise ValueError(", ".join(unknown))
    return {k: str(v).strip() for k, v in elements.items()
            if v is not None and str(v).strip()}


def compose(elements: Mapping[str, str]) -> str:
    """The 文字说明 from the elements present, in the customary order:
    时间，人物在地点事由。背景。（摄影者 摄）"""
    e = clean(elements)
    first = "，".join(p for p in (e.get("time", ""), _who_where_what(e)) if p)
    sentences = [s for s in (first, e.get("background", "")) if s]
    text = "".join(s if s.endswith(("。", "！", "？", ".")) else s + "。" for s in sentences)
    if e.get("photographer"):
        text += f"（{e['photographer']} 摄）"
    return text


def _who_where_what(e: Mapping[str, str]) -> str:
    who, where, what = e.get("people", ""), e.get("place", ""), e.get("cause", "")
    if who and where:
        return f"{who}在{where}{what}"
    if where:
        return f"在{where}{what}" if what else where
    return f"{who}{what}"


def description_after(old_elements: Mapping[str, str], new_elements: Mapping[str, str],
                      description: str) -> str:
    """The 文字说明 once the elements change from ``old`` to ``new``: composed again while
    it is empty or still the old composition; a person's own text is kept."""
    if not description.strip() or description == compose(old_elements):
        return compose(new_elements)
    return description


def defaults(time: str = "", place: str = "", people: str = "",
             photographer: str = "") -> dict[str, str]:
    """The elements the item already knows (date, place, people, creator), to prompt with."""
    return clean({"time": time, "place": place, "people": people,
                  "photographer": photographer})
