"""What a user types into the search box, read like beets' queries.

``place:兴和 phase:response 转移`` is three parts: a word looked for in one field (place), a
filter on a code (phase), and a word looked for anywhere. ``"群众 转移"`` in quotes is an exact
phrase. A ``name:`` that is not a known field stays part of the text (``14:30`` is a time).
Field names are accepted in English or Chinese; the tables are here so they can be extended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Text fields: the name typed -> the index column (see app.store.search_index.COLUMNS).
TEXT_FIELDS: dict[str, str] = {
    "title": "title", "题名": "title", "标题": "title",
    "description": "body", "desc": "body", "text": "body", "content": "body",
    "说明": "body", "文字说明": "body", "内容": "body",
    "people": "people", "person": "people", "participants": "people", "人物": "people",
    "参与人员": "people",
    "place": "place", "地点": "place",
    "keywords": "keywords", "keyword": "keywords", "关键词": "keywords",
    "file": "files", "filename": "files", "name": "files", "文件名": "files",
    "code": "code", "档号": "code",
}
# Code filters: the name typed -> the filter (phase code, or item kind / "log").
FILTER_FIELDS: dict[str, str] = {
    "phase": "phase", "阶段": "phase", "事件阶段": "phase",
    "kind": "kind", "type": "kind", "类型": "kind",
}

# A quoted phrase, a field:"quoted value", a field:value, or a bare word.
_PART = re.compile(r'(?:([^\s:"]+)[:：])?("([^"]*)"?|\S+)')


@dataclass(frozen=True)
class Term:
    text: str
    column: str | None = None  # None: any column
    exact: bool = False  # typed in quotes: no prefix matching


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]
    filters: tuple[tuple[str, str], ...]  # (filter name, value as typed)

    @property
    def free_text(self) -> str:
        """The words looked for anywhere, as typed (for the exact-phrase bonus)."""
        return " ".join(t.text for t in self.terms if t.column is None)


def parse_query(text: str) -> ParsedQuery:
    terms: list[Term] = []
    filters: list[tuple[str, str]] = []
    for match in _PART.finditer(text.strip()):
        field, raw, quoted = match.group(1), match.group(2), match.group(3)
        value = quoted if quoted is not None else raw
        exact = quoted is not None
        name = field.casefold() if field else None
        if name is not None and name in FILTER_FIELDS and value:
            filters.append((FILTER_FIELDS[name], value))
        elif name is not None and name in TEXT_FIELDS:
            if value:
                terms.append(Term(value, TEXT_FIELDS[name], exact))
        elif field is not None:
            terms.append(Term(match.group(0).strip('"'), None, exact))  # not a field: text
        elif value:
            terms.append(Term(value, None, exact))
    return ParsedQuery(tuple(terms), tuple(filters))
