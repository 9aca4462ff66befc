"""The layer rule, kept true by reading every module's imports with ``ast``.

- app/domain, app/store, app/capture, app/export never import PySide6.QtWidgets;
- app/store never imports app.ui;
- app/ui (widgets) never opens a Session: no sqlalchemy.orm, Session, sessionmaker, and no
  store.reader() / store.writer() (widgets call repositories).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
NO_WIDGETS = ("domain", "store", "capture", "export")
SESSION_NAMES = {"Session", "sessionmaker", "scoped_session"}
SESSION_METHODS = {"reader", "writer"}


@dataclass(frozen=True)
class Violation:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every module an import statement names, relative imports made absolute.

    ``from X import Y`` yields both ``X`` and ``X.Y`` (Y may be a submodule, as in
    ``from PySide6 import QtWidgets``).
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def violations_in(source: str, module: str, is_package: bool = False) -> list[Violation]:
    tree = ast.parse(source)
    found: list[Violation] = []
    layer = module.split(".")[1] if module.count(".") else ""
    for line, name in imported_modules(tree, module, is_package):
        where = f"{module}:{line}"
        if layer in NO_WIDGETS and _is_under(name, "PySide6.QtWidgets"):
            found.append(Violation(where, f"imports {name} (no widgets below app/ui)"))
        if layer == "store" and _is_under(name, "app.ui"):
            found.append(Violation(where, f"imports {name} (the store never imports the UI)"))
        if layer == "ui" and _is_under(name, "sqlalchemy.orm"):
            found.append(Violation(where, f"imports {name} (widgets never open a Session)"))
    if layer == "ui":
        for node in ast.walk(tree):
            where = f"{module}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Name) and node.id in SESSION_NAMES:
                found.append(Violation(where, f"uses {node.id} (widgets call repositories)"))
            elif isinstance(node, ast.Attribute):
                if node.attr in SESSION_NAMES:
                    found.append(Violation(where, f"uses {_dotted(node)}"))
                elif node.attr in SESSION_METHODS and "store" in _dotted(node.value).lower():
                    found.append(Violation(where, f"opens a session via {_dotted(node)}()"))
            elif isinstance(node, ast.alias) and node.name.split(".")[-1] in SESSION_NAMES:
                found.append(Violation(f"{module}", f"imports {node.name}"))
    return found


def app_modules() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_keeps_the_layer_rule() -> None:
    modules = app_modules()
    assert any(module_name(p).startswith("app.store.") for p in modules)
    problems: list[Violation] = []
    for path in modules:
        problems += violations_in(path.read_text("utf-8"), module_name(path),
                                  path.name == "__init__.py")
    assert not problems, "layer rule broken:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("app.store.x", "import PySide6.QtWidgets"),
        ("app.capture.x", "from PySide6 import QtWidgets"),
        ("app.domain.x", "from PySide6.QtWidgets import QWidget"),
        ("app.export.x", "import PySide6.QtWidgets as W"),
        ("app.store.x", "from app.ui.main_window import MainWindow"),
        ("app.store.x", "from app import ui"),
        ("app.store.repositories.x", "from ...ui import labels"),
        ("app.ui.x", "from sqlalchemy.orm import Session"),
        ("app.ui.x", "import sqlalchemy.orm"),
        ("app.ui.x", "def f(s):\n    return s.query(Session)"),
        ("app.ui.x", "from app.store.store import sessionmaker"),
        ("app.ui.x", "def f(self):\n    with self.store.writer() as s:\n        pass"),
        ("app.ui.x", "def f(store):\n    with store.reader() as s:\n        pass"),
    ],
)
def test_the_checker_catches_a_breach(module: str, source: str) -> None:
    assert violations_in(source, module), source


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("app.capture.x", "from PySide6.QtMultimedia import QAudioSource"),
        ("app.capture.x", "from PySide6 import QtCore"),
        ("app.ui.x", "from PySide6.QtWidgets import QWidget"),
        ("app.ui.x", "def f(repos):\n    return repos.items.list()"),
        ("app.ui.x", "import csv\nw = csv.writer(open('x', 'w'))"),
        ("app.store.x", "from sqlalchemy.orm import Session"),
    ],
)
def test_the_checker_allows_what_the_rule_allows(module: str, source: str) -> None:
    assert violations_in(source, module) == []
