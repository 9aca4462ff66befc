"""The desktop interface (Qt widgets). Importing it first repairs a PySide6 fault that
would otherwise abort the process after a few thousand signal emits (see pyside_fixes)."""

from app.ui import pyside_fixes

pyside_fixes.install()
