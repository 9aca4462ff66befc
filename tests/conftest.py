"""Shared fixtures: a fresh, migrated store per test on real SQLite files."""

from __future__ import annotations

import os

# Before any QApplication exists: run Qt offscreen unless a display was asked for.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Passphrase derivation at a cost tests can afford (2^10 instead of the ~0.5 s 2^17); set
# here only, so the program itself always runs at full cost. Subprocesses inherit it.
os.environ.setdefault("FIELDARCHIVE_KDF_LOG2N", "10")

# cv2's bundled Qt must not shadow PySide6's (we use the headless build anyway).
from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.store.records import IncidentRecord  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.store import Store  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _command_line_language_ends_with_its_test() -> Iterator[None]:
    """A command run in-process (``app.cli.main``) installs its language for the rest of the
    process, as a real one-shot command may; a later test's window must not inherit it."""
    yield
    from app.ui import i18n

    if i18n._cli_translator is not None or i18n._cli_chosen:
        i18n.uninstall_command_line_translation()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path, create=True)
    yield s
    s.close()


@pytest.fixture
def repos(store: Store) -> Repositories:
    return Repositories(store)


@pytest.fixture
def incident(repos: Repositories) -> IncidentRecord:
    return repos.incidents.create(
        "2025年某旗7.1级地震", "natural", "I",
        datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109",
        number="EQ2025-01", place="内蒙古某旗", org_code="YJB",
    )
