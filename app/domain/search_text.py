"""Search tokens made in Python, for SQLite FTS5 to index as plain words.

SQLite's own tokenizers miss Chinese words (``unicode61`` keeps a run of Han characters as
one token, so 转移 is not found in 群众转移到安置点; ``trigram`` needs three characters) and
Python's ``sqlite3`` cannot register a tokenizer. So the text is split here, the way Lucene's
CJK analyzer does it, and stored as space-separated token text that FTS5's ``unicode61``
splits back exactly at the spaces:

- a run of CJK characters becomes its overlapping bigrams (群众转移 → 群众 众转 转移); a run of
  one character stays itself. The single characters of longer runs are added after the main
  stream, so a one-character word (水) is found too without breaking phrase order;
- a run of letters and digits (Latin and other alphabets) becomes one lowercased word
  (G6 → g6, K123 → k123); where it mixes letters and digits its letter and digit parts are
  added after the main stream too, so 123 finds K123+500;
- a run of Mongolian script (U+1800–U+18AF) becomes one word, without the free variation
  selectors and the vowel separator (how a word is typed, not what it says).

A query goes through the same rules (``query_runs``), so what was indexed is what is found.
Text is NFKC-normalised first: full-width Ｇ６ is G6, compatibility ideographs are unified.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum


class RunKind(Enum):
    CJK = "cjk"
    WORD = "word"
    MONGOLIAN = "mongolian"


@dataclass(frozen=True)
class Run:
    kind: RunKind
    text: str


# Ranges of scripts written without spaces between words (Lucene's CJK set).
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)
MONGOLIAN_FIRST, MONGOLIAN_LAST = 0x1800, 0x18AF
MONGOLIAN_PUNCTUATION = range(0x1800, 0x180B)  # birga, commas, full stops: separators
MONGOLIAN_SILENT = frozenset(range(0x180B, 0x1810))  # FVS1-3, MVS, FVS4: dropped


def _is_cjk(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in CJK_RANGES)


def _class_of(ch: str) -> RunKind | None:
    code = ord(ch)
    if MONGOLIAN_FIRST <= code <= MONGOLIAN_LAST:
        return None if code in MONGOLIAN_PUNCTUATION else RunKind.MONGOLIAN
    if _is_cjk(code):
        return RunKind.CJK
    if unicodedata.category(ch)[0] in "LNM":
        return RunKind.WORD
    return None


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def runs(text: str) -> list[Run]:
    """The runs of one script class in ``text``, in order; separators dropped."""
    out: list[Run] = []
    current: list[str] = []
    kind: RunKind | None = None
    for ch in normalise(text):
        if ord(ch) in MONGOLIAN_SILENT:
            continue  # inside a Mongolian word: neither a letter nor a break
        cls = _class_of(ch)
        if cls is not kind and current:
            assert kind is not None
            out.append(Run(kind, "".join(current)))
            current = []
        kind = cls
        if cls is not None:
            current.append(ch)
    if current and kind is not None:
        out.append(Run(kind, "".join(current)))
    return out


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def _letter_digit_parts(word: str) -> list[str]:
    """k123 → [k, 123]; a word of letters only (or digits only) has no parts."""
    parts: list[str] = []
    current = ""
    for ch in word:
        if current and ch.isdigit() != current[-1].isdigit():
            parts.append(current)
            current = ""
        current += ch
    parts.append(current)
    return parts if len(parts) > 1 else []


def index_tokens(text: str) -> str:
    """The token text FTS5 stores for one field: the main stream, then the extra tokens."""
    main: list[str] = []
    extra: list[str] = []
    for run in runs(text):
        if run.kind is RunKind.CJK:
            main.extend(bigrams(run.text))
            if len(run.text) > 1:
                extra.extend(run.text)
        else:
            main.append(run.text)
            if run.kind is RunKind.WORD:
                extra.extend(_letter_digit_parts(run.text))
    return " ".join(main + extra)


def index_tokens_main(text: str) -> list[str]:
    """The main stream alone: the tokens of ``text`` in order, for an exact phrase."""
    out: list[str] = []
    for run in runs(text):
        out.extend(bigrams(run.text) if run.kind is RunKind.CJK else [run.text])
    return out


def needles(query_text: str) -> list[str]:
    """What to look for in a hit's text to show where it matched: the query's runs."""
    return sorted({r.text for r in runs(query_text)}, key=len, reverse=True)


def snippet(text: str, wanted: list[str], width: int = 60) -> str:
    """About ``width`` characters of ``text`` around the first of ``wanted`` it holds
    ("" when it holds none); "…" marks what was cut."""
    flat = " ".join(text.split())
    folded = normalise(flat)
    if len(folded) != len(flat):  # NFKC changed the length: positions would not match
        folded = flat.casefold()
    hits = [p for p in (folded.find(w) for w in wanted) if p >= 0]
    if not hits:
        return ""
    at = min(hits)
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
