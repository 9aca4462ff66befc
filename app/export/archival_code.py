"""档号 (archival code) rules after DA/T 22-2015, as a package reader needs them.

``全宗号-门类代码·年度-保管期限-机构(问题)代码-件号``, e.g. ``Z109-ZP·2025-Y-YJB-0007``.
Plain Python (no store): ``verify`` uses it on a package, pre-flight on the store's items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = re.compile(
    r"^(?P<fonds>[A-Z0-9]{1,16})-(?P<category>ZP|LY|LX|WS|SW)·(?P<year>\d{4})-"
    r"(?P<retention>Y|D30|D10)-(?P<org>[A-Z0-9]{1,16})-(?P<piece>\d{4})$")

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
        return f"{self.fonds}-{self.category}·{self.year}-{self.retention}-{self.org}"

    def __str__(self) -> str:
        return f"{self.group}-{self.piece:04d}"


def parse(code: str) -> ArchivalCode | None:
    """The parts of a well-formed 档号, or None."""
    m = PATTERN.match(code or "")
    if m is None or int(m["piece"]) == 0:
        return None
    return ArchivalCode(m["fonds"], m["category"], int(m["year"]), m["retention"], m["org"],
                        int(m["piece"]))


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
