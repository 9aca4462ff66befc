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
Runs are NFKC-normalised: full-width Ｇ６ is G6, compatibility ideographs are unified.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
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


# Scripts written without spaces between words (Lucene's CJK set): Hangul Jamo, Hiragana
# and Katakana, Hangul compatibility Jamo, CJK extension A, unified ideographs, Hangul
# syllables, compatibility ideographs, extensions B and later.
CJK_CLASS = ("\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
             "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff")
MONGOLIAN_BLOCK = "\u1800-\u18af"
# Mongolian digits and letters; the block's punctuation (U+1800-U+180A) separates words.
MONGOLIAN_CLASS = "\u1810-\u1819\u1820-\u18af"
# Free variation selectors and the vowel separator: how a word is typed, not what it says.
_SILENT = re.compile("[\u180b-\u180f]")
_RUN = re.compile(
    f"(?P<cjk>[{CJK_CLASS}]+)"
    f"|(?P<mongolian>[{MONGOLIAN_CLASS}]+)"
    # Letters and digits of any other script, with combining marks (not the underscore).
    f"|(?P<word>(?:[^\\W_{CJK_CLASS}{MONGOLIAN_BLOCK}][\u0300-\u036f]*)+)")
_KINDS = {"cjk": RunKind.CJK, "mongolian": RunKind.MONGOLIAN, "word": RunKind.WORD}
_LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _matches(text: str) -> Iterator[tuple[str, str]]:
    """(class, run) for each run of ``text``, casefolded and NFKC-normalised.

    Normalising whole texts is slow, and Chinese text is never normalised (its full-width
    punctuation is not): so only a run that needs it is normalised, and split again.
    """
    folded = text.casefold()
    if _SILENT.search(folded):
        folded = _SILENT.sub("", folded)
    for m in _RUN.finditer(folded):
        run = m.group()
        if unicodedata.is_normalized("NFKC", run):
            yield m.lastgroup or "word", run
        else:
            for again in _RUN.finditer(_SILENT.sub("", normalise(run))):
                yield again.lastgroup or "word", again.group()


def runs(text: str) -> list[Run]:
    """The runs of one script class in ``text``, in order; separators dropped."""
    return [Run(_KINDS[kind], run) for kind, run in _matches(text)]


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def _letter_digit_parts(word: str) -> list[str]:
    """k123 → [k, 123]; a word of letters only (or digits only) has no parts."""
    parts = _LETTERS_OR_DIGITS.findall(word)
    return parts if len(parts) > 1 else []


def index_tokens(text: str) -> str:
    """The token text FTS5 stores for one field: the main stream, then the extra tokens."""
    main: list[str] = []
    extra: list[str] = []
    for kind, run in _matches(text):  # (the hot path of indexing: no Run objects)
        if kind == "cjk":
            if len(run) > 1:
                main.extend([run[i:i + 2] for i in range(len(run) - 1)])
                extra.extend(run)
            else:
                main.append(run)
        else:
            main.append(run)
            if kind == "word" and len(run) > 1:
                extra.extend(_letter_digit_parts(run))
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
