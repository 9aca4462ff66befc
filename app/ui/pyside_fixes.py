"""Work around PySide6 6.12.0's ``SignalInstance.emit``, which returns ``True`` without
taking a reference to it.

Each ``signal.emit(...)`` from Python then drops one reference too many from ``True``; a few
thousand emits (a progress bar, a level meter) bring its count to zero and the interpreter
aborts ("Fatal Python error: bool_dealloc"), at exit or in the middle of a session.
PySide6 6.11.3 does not have the fault. ``install()`` measures whether the running PySide6
has it and, only then, wraps ``emit`` to add the missing reference. Only QtCore here, so
any Qt-using package may call it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBE_EMITS = 20
_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_references() -> bool:
    """True if emitting from Python lowers ``True``'s reference count (the 6.12.0 fault)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe itself took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _PROBE_EMITS


def install() -> bool:
    """Patch ``SignalInstance.emit`` if the running PySide6 needs it; True if patched."""
    global _installed
    if _installed:
        return True
    if not emit_loses_references():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    py_object = ctypes.py_object

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(py_object(result))  # the reference PySide6 forgot to take
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    return True
