"""Known conditions of one input file: each is one sentence the user can act on."""

from __future__ import annotations

from app.store.errors import InvalidInput


class BadFile(InvalidInput):
    """A file that cannot be taken in as it is; ``code`` says why."""

    code = "bad-file"


class EmptyFile(BadFile):
    code = "empty"


class UnsupportedFormat(BadFile):
    code = "unsupported-format"


class DamagedFile(BadFile):
    code = "damaged"


class ImageTooLarge(BadFile):
    """More pixels than the limit: a decompression bomb, or nothing a camera makes."""

    code = "too-large"


class UnreadableFile(BadFile):
    code = "unreadable"


class WrongKind(BadFile):
    """A file of a kind this action does not take (e.g. a video given as an object photo)."""

    code = "wrong-kind"
