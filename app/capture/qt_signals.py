"""Emitting Qt signals from Python without losing a reference to ``True``.

PySide6 6.12.0 on Python 3.11 returns the result of ``SignalInstance.emit()`` (``True``)
without counting a reference for it, so every emit from Python takes one reference away from
``True``. A few thousand emits later (a level meter emits ~50 a second) Python aborts with
"Fatal Python error: bool_dealloc". PySide6 6.11.3 does not do this, and on Python 3.12+
``True`` is immortal so it cannot happen there. ``emit`` measures the loss once per process
and hands the reference back after each emit only when it is really lost.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_PROBES = 16


class _Probe(QObject):
    ping = Signal()


def _measure_loss() -> int:
    """References to True lost per emit in this process: 0 with a sound PySide6, else 1."""
    if sys.version_info >= (3, 12):
        return 0  # True is immortal
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    return 1 if lost >= _PROBES else 0


_LOSS: int | None = None


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, giving back the reference a faulty PySide6 takes from True."""
    global _LOSS
    if _LOSS is None:
        _LOSS = _measure_loss()
    result = signal.emit(*args)
    if _LOSS and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
