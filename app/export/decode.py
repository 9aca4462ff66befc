"""Decoding checks as report results: every image fully decoded (reduced when too large),
audio and video probed and their first and last frames read, PDF, OFD and office files
checked by structure (``decode_judge``). Plain Python; no store."""

from __future__ import annotations

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.decode_judge import (
    DAMAGED,
    OK,
    TOO_LARGE,
    Opener,
    Verdict,
    judge,
)
from app.export.report import Result, fail, ok

DAMAGED_TEMPLATES = {
    "image": QT_TRANSLATE_NOOP("Errors", "{path} does not decode as an image ({reason})"),
    "av": QT_TRANSLATE_NOOP("Errors", "{path} does not decode as audio or video ({reason})"),
    "pdf": QT_TRANSLATE_NOOP("Errors", "{path} is not a sound PDF ({reason})"),
    "container": QT_TRANSLATE_NOOP("Errors", "{path} fails its structure check ({reason})"),
    "xml": QT_TRANSLATE_NOOP("Errors", "{path} is not well-formed XML ({reason})"),
}
UNDECODABLE_TEMPLATE = QT_TRANSLATE_NOOP(
    "Errors", "{path} ({format}) cannot be decoded here; check it with a program that "
    "reads it")
TOO_LARGE_TEMPLATE = QT_TRANSLATE_NOOP(
    "Errors", "{path} is too large to decode within the memory budget ({reason}); check it "
    "on a computer with more memory")


def verdict_result(verdict: Verdict, subject: str, path: str, mime: str) -> Result:
    """The ``decodes`` result for one file's verdict: a failure is a warning (a damaged
    original kept as received is never a permanent block)."""
    if verdict.verdict == OK:
        return ok("decodes", subject)
    if verdict.verdict == DAMAGED:
        return fail("decodes", subject, DAMAGED_TEMPLATES.get(
            verdict.kind, DAMAGED_TEMPLATES["container"]), path=path, reason=verdict.reason)
    if verdict.verdict == TOO_LARGE:
        return fail("decodes", subject, TOO_LARGE_TEMPLATE, path=path, reason=verdict.reason)
    return fail("decodes", subject, UNDECODABLE_TEMPLATE, required=False, path=path,
                format=verdict.reason or mime)


def decode_file(mime: str, open_file: Opener, rel: str) -> Result:
    return verdict_result(judge(mime, open_file), rel, rel, mime)
