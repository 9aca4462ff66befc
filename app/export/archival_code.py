"""档号 (archival code) as a package reader needs it: the parts flat, and 件号 runs.

The rules themselves (format, the 机构 part omitted when an incident has none, 件号 wider
than four digits past 9,999) are ``app.domain.archival_code``'s; this only reshapes its
answer. Plain Python (no store): ``verify`` uses it on a package, pre-flight on items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain import archival_code as rules

# How a 档号 reads, for messages that say what was expected (DA/T 22).
CODE_PATTERN = "全宗号-门类·年度-期限-机构-件号"


@dataclass(frozen=True)
class ArchivalCode:
    fonds: str
    category: str
    year: int
    retention: str
    org: str
    piece: int

    @property
    def group(self) -> str:
        """The group within which 件号 run without gaps (everything but the 件号)."""
        return rules.format_code(self._key, 1).rsplit(rules.SEPARATOR, 1)[0]

    @property
    def _key(self) -> rules.GroupKey:
        return rules.GroupKey(self.fonds, self.category, self.year, self.retention, self.org)

    def __str__(self) -> str:
        return rules.format_code(self._key, self.piece)


def parse(code: str) -> ArchivalCode | None:
    """The parts of a well-formed 档号, or None."""
    try:
        parsed = rules.parse_code(code or "")
    except rules.CodeError:
        return None
    g = parsed.group
    return ArchivalCode(g.fonds, g.category, g.year, g.retention, g.org, parsed.piece)


def runs(pieces: list[int]) -> list[tuple[int, int]]:
    """Sorted 件号 as contiguous runs: [1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    out: list[tuple[int, int]] = []
    for p in sorted(set(pieces)):
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def runs_text(pieces: list[int]) -> str:
    return ",".join(f"{a:04d}-{b:04d}" for a, b in runs(pieces))


def parse_runs(text: str) -> list[int] | None:
    """``0001-0003,0005-0005`` -> [1, 2, 3, 5]; None when malformed."""
    out: list[int] = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*(\d{4})-(\d{4})\s*", part)
        if m is None or int(m[1]) > int(m[2]) or int(m[1]) == 0:
            return None
        out.extend(range(int(m[1]), int(m[2]) + 1))
    return out
