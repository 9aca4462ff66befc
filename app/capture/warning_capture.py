"""Catching a library's warnings for one file while several files are read at once.

``warnings.catch_warnings`` changes process-wide state: two threads inside it at once see
each other's warnings (a damaged-EXIF note would land on the wrong file, or on none) and
one can restore filters the other just set. An import probes several files on threads, so
every place that catches warnings goes through one lock. The code inside is short: opening
an image's header, reading its EXIF, turning a small picture upright.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.RLock()


@contextmanager
def caught_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Every warning raised inside the block, by this thread alone."""
    with _LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


@contextmanager
def ignored_warnings(category: type[Warning]) -> Iterator[None]:
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", category)
        yield
