"""Characters that must not hide in stored text: control characters, shown or refused.

A name or a log entry is printed on terminals, set in PDFs and written to XML. A control
character in it (ESC starting a terminal colour, CR or a line break forging a line, a
bidirectional override reordering what is read) is never silently dropped: names refuse
them, log text refuses them (line breaks and tabs are text), and output escapes them.
"""

from __future__ import annotations

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = frozenset("\u2028\u2029\x85")


def is_control(ch: str, allow: str = "") -> bool:
    """Whether ``ch`` is a control character (C0, DEL, C1, bidi, line separators, lone
    surrogates, non-characters) not listed in ``allow``."""
    if ch in allow:
        return False
    code = ord(ch)
    return (code < 0x20 or 0x7F <= code <= 0x9F or ch in BIDI_CONTROLS
            or ch in LINE_SEPARATORS or 0xD800 <= code <= 0xDFFF or 0xFFFE <= code <= 0xFFFF)


def first_control(text: str, allow: str = "") -> int | None:
    """The index of the first control character in ``text`` (see is_control), or None."""
    return next((n for n, ch in enumerate(text) if is_control(ch, allow)), None)


def escaped(text: str, allow: str = "") -> str:
    """``text`` with each control character written as a visible escape (\\x1b, \\u202e)."""
    out = []
    for ch in text:
        if not is_control(ch, allow):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def printable(text: str) -> str:
    """Text that can always be encoded as UTF-8 (stored, printed): the undecodable bytes of
    a POSIX file name (surrogate escapes) and lone surrogates become \\\\x / \\\\u escapes."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def scrubbed(value: object) -> object:
    """``value`` (text, or lists and dicts of it, as JSON holds) with every string printable:
    a decoder's message naming a file whose name is not UTF-8 cannot break a commit."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return [scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {printable(str(k)): scrubbed(v) for k, v in value.items()}
    return value
