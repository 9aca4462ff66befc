"""The archival code (档号) after DA/T 22-2015, and gap-free numbering of 件号.

``全宗号-门类代码·年度-保管期限-机构(问题)代码-件号``, e.g. ``Z109-ZP·2025-Y-YJB-0007``;
the 机构 part is left out when the incident has no organisation code
(``Z109-ZP·2025-Y-0007``). 件号 is zero-padded to four digits and grows wider only past
9,999. Within one group (全宗, 门类, 年度, 保管期限, 机构) the numbers run 1..n with no gap.

Numbering rules, as pure functions the repository applies in one transaction:
- a filing run numbers its items in date order (then by id, so the order is total),
  continuing after the highest number already in each group;
- removing items from a group (un-filing, re-classifying) closes the gaps, keeping the
  others in their order;
- transferred items are frozen: a renumbering that would move one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP

SEPARATOR = "-"
YEAR_SEPARATOR = "·"  # U+00B7 MIDDLE DOT, between 门类代码 and 年度
PIECE_WIDTH = 4
# 全宗号 and 机构代码: letters, digits (no separators, no spaces).
_PART = re.compile(r"^[0-9A-Za-z]+$")
_PIECE = re.compile(r"^[0-9]{4,}$")
_YEAR = re.compile(r"^[0-9]{4}$")


class CodeError(ValueError):
    """A malformed 档号 or part; a translatable template with named arguments."""

    context = "Errors"

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


@dataclass(frozen=True, order=True)
class GroupKey:
    """The group within which 件号 run without gaps."""

    fonds: str
    category: str
    year: int
    retention: str
    org: str = ""


@dataclass(frozen=True)
class ArchivalCode:
    group: GroupKey
    piece: int

    def __str__(self) -> str:
        return format_code(self.group, self.piece)


def format_piece(piece: int) -> str:
    if piece < 1:
        raise CodeError(QT_TRANSLATE_NOOP("Errors", "A piece number starts at 1, not {piece}."),
                        piece=piece)
    return f"{piece:0{PIECE_WIDTH}d}"


def validate_group(group: GroupKey) -> None:
    """Raise CodeError naming the first part that cannot go into a 档号."""
    if not _PART.match(group.fonds):
        raise CodeError(QT_TRANSLATE_NOOP(
            "Errors", "The fonds number '{value}' must be letters and digits only."),
            value=group.fonds)
    if group.org and not _PART.match(group.org):
        raise CodeError(QT_TRANSLATE_NOOP(
            "Errors", "The organisation code '{value}' must be letters and digits only."),
            value=group.org)
    if group.category not in codes.CATEGORY.values():
        raise CodeError(QT_TRANSLATE_NOOP("Errors", "'{value}' is not a category code."),
                        value=group.category)
    if not 1000 <= group.year <= 9999:
        raise CodeError(QT_TRANSLATE_NOOP("Errors", "The year {value} has not four digits."),
                        value=group.year)
    if group.retention not in codes.RETENTION.values():
        raise CodeError(QT_TRANSLATE_NOOP("Errors", "'{value}' is not a retention code."),
                        value=group.retention)


def format_code(group: GroupKey, piece: int) -> str:
    """The 档号 of ``piece`` in ``group``."""
    validate_group(group)
    parts = [group.fonds, f"{group.category}{YEAR_SEPARATOR}{group.year}", group.retention]
    if group.org:
        parts.append(group.org)
    parts.append(format_piece(piece))
    return SEPARATOR.join(parts)


def parse_code(text: str) -> ArchivalCode:
    """The parts of a 档号; raises CodeError when it is not one."""
    bad = CodeError(QT_TRANSLATE_NOOP(
        "Errors", "'{text}' is not an archival code like Z109-ZP·2025-Y-YJB-0007."),
        text=text)
    parts = text.strip().split(SEPARATOR)
    if len(parts) not in (4, 5):
        raise bad
    fonds, category_year, retention = parts[0], parts[1], parts[2]
    org = parts[3] if len(parts) == 5 else ""
    piece_text = parts[-1]
    category, dot, year_text = category_year.partition(YEAR_SEPARATOR)
    if not dot or not _YEAR.match(year_text) or not _PIECE.match(piece_text):
        raise bad
    piece = int(piece_text)
    # Only the canonical spelling is a 档号: 0007, not 007 or 00007.
    if piece < 1 or piece_text != format_piece(piece):
        raise bad
    group = GroupKey(fonds, category, int(year_text), retention, org)
    try:
        validate_group(group)
    except CodeError:
        raise bad from None
    return ArchivalCode(group, piece)


def is_valid(text: str) -> bool:
    try:
        parse_code(text)
    except CodeError:
        return False
    return True


def looks_like_code(text: str) -> bool:
    """Whether a reference typed by a user is meant as a 档号 rather than an id."""
    return YEAR_SEPARATOR in text


def item_year(date_utc: datetime, offset_minutes: int = 0) -> int:
    """年度 of an item: the year of its date in its own offset (a photo taken at
    2025-01-01 00:30 +08:00 belongs to 2025, though it is still 2024 in UTC)."""
    if date_utc.tzinfo is None:
        date_utc = date_utc.replace(tzinfo=UTC)
    return date_utc.astimezone(timezone(timedelta(minutes=offset_minutes))).year


def group_of(fonds: str, category: str, year: int, retention: str, org: str = "") -> GroupKey:
    return GroupKey(fonds.strip(), category, year, retention, org.strip())


@dataclass(frozen=True)
class Candidate:
    """An item to number in a filing run."""

    item_id: str
    group: GroupKey
    date: datetime  # aware


@dataclass(frozen=True)
class Assignment:
    item_id: str
    group: GroupKey
    piece: int

    @property
    def code(self) -> str:
        return format_code(self.group, self.piece)


def assign(candidates: Iterable[Candidate],
           highest: Mapping[GroupKey, int]) -> list[Assignment]:
    """Number a filing run: in date order (then id), each group continuing after
    ``highest[group]`` (0 when the group is new)."""
    ordered = sorted(candidates, key=lambda c: (c.date, c.item_id))
    next_piece = dict(highest)
    out: list[Assignment] = []
    for c in ordered:
        validate_group(c.group)
        piece = next_piece.get(c.group, 0) + 1
        next_piece[c.group] = piece
        out.append(Assignment(c.item_id, c.group, piece))
    return out


@dataclass(frozen=True)
class Member:
    """An item that holds a number in a group."""

    item_id: str
    piece: int
    frozen: bool = False


def renumber(members: Sequence[Member], removed: Collection[str]) -> dict[str, int]:
    """New numbers for a group after ``removed`` items leave it: the rest keep their order
    and run 1..n. Returns only the numbers that change; raises CodeError when one of them
    is a frozen (transferred) item's, or when a frozen item would be removed."""
    gone = set(removed)
    changes: dict[str, int] = {}
    new_piece = 0
    for m in sorted(members, key=lambda m: (m.piece, m.item_id)):
        if m.item_id in gone:
            if m.frozen:
                raise CodeError(QT_TRANSLATE_NOOP(
                    "Errors", "A transferred item keeps its archival code for ever."))
            continue
        new_piece += 1
        if new_piece != m.piece:
            if m.frozen:
                raise CodeError(QT_TRANSLATE_NOOP(
                    "Errors", "Removing these items would renumber the transferred item "
                              "with piece {piece}; transferred codes never change."),
                    piece=m.piece)
            changes[m.item_id] = new_piece
    return changes


def gaps(pieces: Iterable[int]) -> list[int]:
    """The numbers missing from 1..max (and duplicates show as a wrong count elsewhere)."""
    have = set(pieces)
    return [n for n in range(1, max(have, default=0) + 1) if n not in have]
