"""Two programs at once on one store: the window imports a card while the command line, in
other processes, adds work-log entries and runs ``check`` over and over.

What a user would notice: no "database is locked" (or "in use by another program") in the
command line's output or anywhere in the window, every entry and every photo present at the
end, ``check`` clean throughout and after.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.store.digests import pending_count
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories.worklog import WorkLogRepository
from app.store.store import Store
from app.ui import errors as ui_errors
from app.ui.capture.results_model import StatusRole
from app.ui.main_window import MainWindow
from tests.test_store_support import run_cli
from tests.test_ui_capture_import import (  # noqa: F401 (the window and its services)
    SAMPLES,
    drop,
    page_of,
    services,
    wait_done,
    window,
)

LOCKED_WORDS = ("database is locked", "locked", "in use by another program", "busy")
MIN_ENTRIES = 4  # the command line keeps adding until the window is done, at least this
MIN_CHECKS = 2
ROLLS = 10  # copies of each JPEG on the card, each a distinct file (see ``card_of``)


def card_of(folder: Path) -> int:
    """A big card of real photos: the samples, and each camera JPEG again ROLLS times as a
    distinct file (a JPEG comment segment after SOI naming the copy, as some cameras write
    one), so the window is busy long enough for the command line to meet it many times.
    Returns how many photos are on it."""
    shutil.copytree(SAMPLES, folder / "100CANON")
    count = 30
    for n in range(ROLLS):
        roll = folder / f"{101 + n}CANON"
        roll.mkdir()
        for jpeg in sorted(SAMPLES.glob("jpg/**/*.jpg")):
            data = jpeg.read_bytes()
            note = f"roll {n}".encode()
            comment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
            (roll / jpeg.name).write_bytes(data[:2] + comment + data[2:])
            count += 1
    return count


class CommandLine:
    """A loop of real ``fieldarchive`` processes on a thread of the test."""

    def __init__(self, make_args: Any, minimum: int) -> None:
        self.make_args, self.minimum = make_args, minimum
        self.results: list[tuple[list[str], Any]] = []
        self.spans: list[tuple[float, float]] = []  # each command's start and end
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="command-line")

    def _run(self) -> None:
        n = 0
        while not self.stop.is_set() or n < self.minimum:
            args = self.make_args(n)
            started = time.monotonic()
            self.results.append((args, run_cli(*args, timeout=300)))
            self.spans.append((started, time.monotonic()))
            n += 1

    def __enter__(self) -> CommandLine:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=600)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every message box the window would show (none opens: they would wait for a click)."""
    texts: list[str] = []

    def record(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        texts.append(" ".join(str(a) for a in args[1:]))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, record)
    monkeypatch.setattr(ui_errors, "show_bug",
                        lambda _parent, summary, details: texts.append(f"{summary} {details}"))
    yield texts


def test_the_window_imports_while_the_command_line_writes_and_checks(
        qtbot, window: MainWindow, store: Store, incident: IncidentRecord,  # noqa: F811
        tmp_path: Path, shown: list[str], caplog: pytest.LogCaptureFixture) -> None:
    card = tmp_path / "DCIM"
    photos = card_of(card)
    root = str(store.root)
    log_args = lambda n: ["--lang", "en", "log", "add", "--store", root,  # noqa: E731
                          "--incident", incident.id, "--text", f"命令行日志第{n + 1}条"]
    check_args = lambda _n: ["--lang", "en", "check", "--store", root]  # noqa: E731
    panel = page_of(window).import_panel
    with CommandLine(log_args, MIN_ENTRIES) as log_loop, \
            CommandLine(check_args, MIN_CHECKS) as check_loop:
        window_from = time.monotonic()
        drop(window, [card])
        wait_done(qtbot, panel)
        # The window's own second writer, the digest pass, runs after the import: it too
        # meets the command line's commits.
        qtbot.waitUntil(lambda: pending_count(store) == 0 and not window.digest_pass.running,
                        timeout=300_000)
        window_to = time.monotonic()
    # Commands that did their store work while the window did its own (a command opens the
    # store and writes or checks at its end, after seconds of start-up): the programs met.
    met = [end for _start, end in log_loop.spans + check_loop.spans
           if window_from <= end <= window_to]
    assert len(met) >= 2, (window_to - window_from, log_loop.spans, check_loop.spans)

    everything = log_loop.results + check_loop.results
    for args, result in everything:
        said = (result.stdout + result.stderr).lower()
        assert not any(w in said for w in LOCKED_WORDS), (args, said)
        assert result.returncode == 0, (args, result.stdout[-1500:], result.stderr[-1500:])
        assert "traceback" not in said
    assert all(r.stdout.startswith("OK: ") for _a, r in check_loop.results), \
        [r.stdout for _a, r in check_loop.results]

    # The window: no message box, nothing failed, nothing locked in its log or its lists.
    assert shown == []
    results = [(panel.results.index(r).data(), panel.results.index(r).data(StatusRole))
               for r in range(panel.results.rowCount())]
    assert not [r for r in results if r[1] == "failed"], results
    assert not any(w in text.lower() for text, _s in results for w in LOCKED_WORDS)
    assert not any(w in rec.getMessage().lower() for rec in caplog.records
                   for w in LOCKED_WORDS), [r.getMessage() for r in caplog.records]
    assert panel.summary_label.text().startswith(f"Imported: {photos}")

    # Nothing lost: every photo, every entry the command line reported, check clean.
    repos = window.services.repos
    assert repos.items.count(incident.id) == photos
    texts = {e.entry.content for e in
             WorkLogRepository(store).page(incident.id, limit=500)}
    added = {args[-1] for args, _r in log_loop.results}
    assert len(added) >= MIN_ENTRIES and added <= texts
    report = check_store(store)
    assert report.ok, [f.message for f in report.findings]
    assert report.sm3_pending == 0
