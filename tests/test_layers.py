"""The rules of ``docs/ARCHITECTURE.md``, kept true by reading the code (``ast``) and config.

Each numbered rule of "Rules worth keeping", and where it is held:

1. Layers: app/domain, app/store, app/capture, app/export never import PySide6.QtWidgets;
   app/domain imports no Qt and no SQL at all; the store, capture and export never import
   app.ui or app.cli; widgets never open a Session. And who opens database sessions (the
   README says the same): the repositories (``app/store/repositories/``, every unit of work
   and every query the UI and command line make), the store that hands sessions out and
   does its own opening work (``store.py``, ``read_source.py``), and, reading only, the two
   passes that must see a whole store in ONE snapshot, on a writable or a read-only source:
   ``check`` (``integrity.py``: vault, chain, seals, signatures and work log compared in one
   read transaction, so a program writing beside it causes no false alarm) and the review's
   ``StoreReader`` (``reading.py``). Nothing else: no writer outside the repositories and
   ``store.py``. -> ``test_every_module_keeps_the_layer_rule``,
   ``test_only_the_store_layer_opens_sessions``.
2. Typed SQLAlchemy 2.0: ``Mapped[...]``/``mapped_column`` only, a naming convention, aware
   datetimes stored as UTC text. -> ``test_models_are_typed_with_a_naming_convention``.
3. Repositories return frozen dataclasses, never a generator outliving its session.
   -> ``test_repositories_return_frozen_values_not_generators``.
4. Engine: WAL, synchronous NORMAL or FULL, foreign keys on, a busy timeout.
   -> ``test_the_engine_settings`` (on a real store).
5. Alembic at start-up (backup, upgrade, newer refused; migrations never use the ORM
   models). -> ``test_migrations_never_use_the_live_models`` here;
   ``test_store_fixtures.py`` (a store of every revision upgrades, newer refused, failed
   upgrade put back) and ``test_store_migrations.py`` (``alembic check``).
6. Qt model/view for every list and table of stored rows. -> ``test_lists_use_models``
   (item-based widgets only where named below, with why).
7. Services through constructors, never the main window.
   -> ``test_no_widget_reaches_for_the_main_window``.
8. One worker primitive (``app/ui/worker.py``). -> ``test_one_worker_primitive``.
9. Two kinds of error, born translatable below the UI. -> ``test_messages_catalogue.py``
   (every error the layers raise has a marked template), ``test_ui_errors.py`` (the hook).
10. Settings and paths from QSettings / platformdirs, no hard-coded user folders.
    -> ``test_no_hard_coded_user_folders``.
11. Translations: ``tr()``, ``QT_TRANSLATE_NOOP``, placeholders equal across languages.
    -> ``test_messages_catalogue.py``, ``test_ui_i18n.py``.
12. Test configuration: pyside6, offscreen before any QApplication, warnings (Python's and
    Qt's) as errors, strict markers, a per-test timeout. -> ``test_the_test_configuration``.
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
        if layer in NO_WIDGETS and (_is_under(name, "app.ui") or _is_under(name, "app.cli")):
            found.append(Violation(where, f"imports {name} (the {layer} layer never imports "
                                          "the UI or the command line)"))
        if layer == "domain" and any(_is_under(name, p) for p in ("PySide6", "sqlalchemy",
                                                                    "alembic", "sqlite3")):
            found.append(Violation(where, f"imports {name} (the domain is plain Python)"))
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


# -- rule 1: who opens database sessions ---------------------------------------------------

# Module (or package prefix) -> what it may open: "reader", "writer", "session" (Session or
# sessionmaker built directly). See the module note for why each is here.
SESSION_OPENERS: dict[str, set[str]] = {
    "app.store.repositories": {"reader", "writer", "session"},
    "app.store.store": {"reader", "writer", "session"},
    "app.store.read_source": {"reader", "session"},
    "app.store.integrity": {"reader"},
    "app.store.reading": {"reader"},
}


def session_openings(source: str, module: str) -> list[Violation]:
    """Sessions opened where the rule does not allow them."""
    allowed: set[str] = set()
    for prefix, kinds in SESSION_OPENERS.items():
        if _is_under(module, prefix):
            allowed |= kinds
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SESSION_NAMES:
            kind = "session"
        elif (name in SESSION_METHODS and isinstance(func, ast.Attribute)
              and not node.args and not node.keywords):
            kind = name  # store.reader() / store.writer() (csv.writer(f) takes a file)
        else:
            continue
        if kind not in allowed:
            found.append(Violation(f"{module}:{node.lineno}",
                                   f"opens a session ({_dotted(func)}()); only the "
                                   "repositories do (see SESSION_OPENERS)"))
    return found


def test_only_the_store_layer_opens_sessions() -> None:
    problems: list[Violation] = []
    for path in app_modules():
        problems += session_openings(path.read_text("utf-8"), module_name(path))
    assert not problems, "sessions opened outside the rule:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize(("module", "source", "breach"), [
    ("app.store.digests", "def f(store):\n    with store.writer() as s:\n        pass", True),
    ("app.store.worklog_chain", "from sqlalchemy.orm import Session\nSession(bind=c)", True),
    ("app.store.integrity", "def f(store):\n    with store.writer() as s:\n        pass", True),
    ("app.cli.x", "def f(store):\n    with store.reader() as s:\n        pass", True),
    ("app.export.x", "import csv\nw = csv.writer(open('x', 'w'))", False),
    ("app.store.integrity", "def f(store):\n    with store.reader() as s:\n        pass", False),
    ("app.store.repositories.x",
     "def f(self):\n    with self.store.writer() as s:\n        pass", False),
])
def test_the_session_rule_catches_a_breach(module: str, source: str, breach: bool) -> None:
    assert bool(session_openings(source, module)) == breach, source


# -- rule 2: typed models ------------------------------------------------------------------


def test_models_are_typed_with_a_naming_convention() -> None:
    from sqlalchemy import DateTime

    from app.store.models import Base

    assert Base.metadata.naming_convention.get("pk"), "a naming convention for batch mode"
    tree = ast.parse((APP / "store" / "models.py").read_text("utf-8"))
    untyped = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
               and _dotted(n.func).split(".")[-1] == "Column"]
    assert not untyped, f"Column() instead of Mapped[...] = mapped_column() at {untyped}"
    naive = [f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns
             if isinstance(c.type, DateTime)]
    assert not naive, f"datetimes not stored as UTC text (UTCDateTime): {naive}"


# -- rule 3: repositories return frozen values ---------------------------------------------


def _dataclass_decorators(tree: ast.AST) -> Iterator[tuple[str, int, bool]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for deco in node.decorator_list:
            if _dotted(deco.func if isinstance(deco, ast.Call) else deco).endswith("dataclass"):
                frozen = isinstance(deco, ast.Call) and any(
                    k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value
                    for k in deco.keywords)
                yield node.name, node.lineno, frozen


def test_repositories_return_frozen_values_not_generators() -> None:
    store = APP / "store"
    files = sorted((store / "repositories").glob("*.py")) + sorted(store.glob("*records*.py"))
    problems = []
    for path in files:
        tree = ast.parse(path.read_text("utf-8"))
        problems += [f"{path.name}:{line} {name} is not frozen"
                     for name, line, frozen in _dataclass_decorators(tree) if not frozen]
        if path.parent.name != "repositories":
            continue
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for fn in cls.body:
                if (isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                        and not fn.name.startswith("_")
                        and any(isinstance(n, ast.Yield | ast.YieldFrom)
                                for n in ast.walk(fn))):
                    problems.append(f"{path.name}:{fn.lineno} {cls.name}.{fn.name} is a "
                                    "generator (it would outlive its session)")
    assert not problems, "\n".join(problems)


# -- rule 4: the engine --------------------------------------------------------------------


def test_the_engine_settings(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert pragma["journal_mode"] == "wal"
    assert pragma["synchronous"] in (1, 2)  # NORMAL or FULL
    assert pragma["foreign_keys"] == 1
    assert pragma["busy_timeout"] > 0


# -- rule 5: migrations never use the live models ------------------------------------------


def test_migrations_never_use_the_live_models() -> None:
    problems = []
    for path in sorted((APP / "store" / "migrations" / "versions").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for line, name in imported_modules(tree, "app.store.migrations.versions.x", False):
            if _is_under(name, "app.store.models") or _is_under(name, "sqlalchemy.orm"):
                problems.append(f"{path.name}:{line} imports {name}")
    assert not problems, "\n".join(problems)


# -- rule 6: model/view --------------------------------------------------------------------

ITEM_WIDGETS = {"QTableWidget", "QListWidget", "QTreeWidget"}
# Item-based widgets that hold a few rows the screen makes itself, not stored rows.
ITEM_WIDGETS_ALLOWED = {
    "app.ui.dashboard.schedule_window": "the schedule's categories (a dozen, edited in place)",
    "app.ui.export.wizard": "the pre-flight checks of one export (a fixed short list)",
    "app.ui.export.export_page": "the bags of one export (a handful)",
    "app.ui.review.integrity_panel": "the findings of one check (capped by the check)",
    "app.ui.export.history_page": "the changed fields of one export's items (a few dozen)",
    "app.ui.log.link_picker": "the eight most recent items to link (fixed at eight)",
}


def test_lists_use_models() -> None:
    problems = []
    for path in app_modules():
        module = module_name(path)
        if module in ITEM_WIDGETS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Name) and node.id in ITEM_WIDGETS:
                problems.append(f"{module}:{node.lineno} uses {node.id}")
    assert not problems, "use a Qt model (app/ui/models) for these:\n" + "\n".join(problems)


# -- rule 7: services through constructors -------------------------------------------------

# The modules that compose the window (and the screenshot tools that start it whole).
MAIN_WINDOW_USERS = {"app.ui.app_controller", "app.ui.main_window", "app.ui.screenshots",
                     "app.ui.log.screenshots"}


def test_no_widget_reaches_for_the_main_window() -> None:
    problems = []
    for path in app_modules():
        module = module_name(path)
        if module in MAIN_WINDOW_USERS:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for line, name in imported_modules(tree, module, path.name == "__init__.py"):
            if _is_under(name, "app.ui.main_window"):
                problems.append(f"{module}:{line} imports {name}")
    assert not problems, "pass services in through the constructor:\n" + "\n".join(problems)


# -- rule 8: one worker primitive ----------------------------------------------------------


def test_one_worker_primitive() -> None:
    problems = []
    for path in app_modules():
        module = module_name(path)
        if not module.startswith("app.ui.") or module == "app.ui.worker":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    _dotted(b).split(".")[-1] in ("QRunnable", "QThread") for b in node.bases):
                problems.append(f"{module}:{node.lineno} subclasses a thread class")
            elif isinstance(node, ast.Call) and _dotted(node.func) in (
                    "threading.Thread", "Thread", "QThread"):
                problems.append(f"{module}:{node.lineno} starts its own thread")
    assert not problems, "use app/ui/worker.py:\n" + "\n".join(problems)


# -- rule 10: no hard-coded user folders ---------------------------------------------------


def test_no_hard_coded_user_folders() -> None:
    problems = []
    for path in app_modules():
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
                      and n.body and isinstance(n.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and any(p in node.value for p in (".local/share", "AppData", "~/"))):
                problems.append(f"{module_name(path)}:{node.lineno} {node.value!r}")
    assert not problems, "paths come from platformdirs / QStandardPaths:\n" + \
        "\n".join(problems)


# -- rule 12: the test configuration -------------------------------------------------------


def test_the_test_configuration() -> None:
    import tomllib

    root = APP.parent
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    pytest_ini = config["tool"]["pytest"]["ini_options"]
    assert pytest_ini["qt_api"] == "pyside6"
    assert pytest_ini["filterwarnings"][0] == "error"
    assert pytest_ini["qt_log_level_fail"] == "WARNING"
    assert "--strict-markers" in pytest_ini["addopts"]
    assert int(pytest_ini["timeout"]) > 0
    conftest = (root / "tests" / "conftest.py").read_text("utf-8")
    offscreen = conftest.index('setdefault("QT_QPA_PLATFORM", "offscreen")')
    assert "PySide6" not in conftest[:offscreen], "offscreen before any Qt import"
