"""The worker primitive: real functions in Qt's thread pool; results, errors, cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QPushButton

from app.store.errors import DiskFull
from app.ui.progress import run_with_progress
from app.ui.worker import Cancelled, Jobs, cancelled_message

ProgressFn = Callable[[int, int, str], None]
SAFETY_SECONDS = 30  # only reached if cancel were broken


@pytest.fixture
def jobs(qapp: object) -> Iterator[Jobs]:
    runner = Jobs()
    yield runner
    runner.cancel_all()
    assert runner.wait(SAFETY_SECONDS * 1000)


def sum_squares(n: int, *, cancel: threading.Event, progress: ProgressFn) -> int:
    total = 0
    for i in range(1, n + 1):
        if cancel.is_set():
            raise Cancelled
        total += i * i
        progress(i, n, f"square {i}")
    return total


def until_cancelled(started: threading.Event, *, cancel: threading.Event,
                    progress: ProgressFn) -> str:
    started.set()
    steps = 0
    while not cancel.wait(0.01):
        steps += 1
        progress(steps, 0, "working")
        if steps > SAFETY_SECONDS * 100:
            return "ran to the end"
    raise Cancelled


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, jobs: Jobs) -> None:
    reports: list[tuple[int, int, str, bool]] = []
    gui_thread = threading.get_ident()

    def on_progress(done: int, total: int, text: str) -> None:
        reports.append((done, total, text, threading.get_ident() == gui_thread))

    worker = jobs.prepare(sum_squares, 10)
    worker.signals.progress.connect(on_progress)
    with qtbot.waitSignal(worker.signals.finished, timeout=10_000) as blocker:
        jobs.submit(worker)
    assert blocker.args == [385]
    qtbot.waitUntil(lambda: len(reports) == 10)
    assert reports[-1] == (10, 10, "square 10", True)
    assert all(on_gui for *_, on_gui in reports)
    qtbot.waitUntil(lambda: jobs.running == 0)


def test_a_known_error_arrives_as_its_sentence(qtbot, jobs: Jobs) -> None:
    def fails(*, cancel: threading.Event, progress: ProgressFn) -> None:
        raise DiskFull("The disk is full; free some space and try again.")

    finished: list[object] = []
    worker = jobs.prepare(fails)
    worker.signals.finished.connect(finished.append)
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000) as blocker:
        jobs.submit(worker)  # inside: a signal is only seen if connected before it is sent
    assert blocker.args == ["The disk is full; free some space and try again."]
    assert finished == []


def test_a_bug_still_reports_back(qtbot, jobs: Jobs, caplog: pytest.LogCaptureFixture) -> None:
    def broken(*, cancel: threading.Event, progress: ProgressFn) -> float:
        return 1 / 0

    worker = jobs.prepare(broken)
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000) as blocker:
        jobs.submit(worker)
    assert blocker.args[0].startswith("ZeroDivisionError")
    assert "ZeroDivisionError" in caplog.text


def test_cancel_stops_the_function(qtbot, jobs: Jobs) -> None:
    started = threading.Event()
    finished: list[object] = []
    worker = jobs.start(until_cancelled, started, on_finished=finished.append)
    assert started.wait(SAFETY_SECONDS)
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000) as blocker:
        worker.cancel()
    assert blocker.args == [cancelled_message()]
    assert finished == []
    assert jobs.wait(10_000)


def test_progress_dialog_cancel_button_cancels(qtbot, jobs: Jobs) -> None:
    started = threading.Event()
    failures: list[str] = []
    dialog = run_with_progress(jobs, None, "Hashing", until_cancelled, started,
                               on_failed=failures.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert started.wait(SAFETY_SECONDS)
    qtbot.waitUntil(lambda: dialog.labelText() == "working")
    cancel_button = dialog.findChild(QPushButton)
    with qtbot.waitSignal(dialog.worker.signals.done, timeout=10_000):
        cancel_button.click()
    assert failures == [cancelled_message()]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.worker.cancelled


def test_many_emits_leave_the_interpreter_intact(qapp) -> None:
    """PySide6 6.12.0 drops a reference to True on every emit (pyproject excludes it)."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Ticker(QObject):
        tick = Signal(int, int, str)

    ticker = Ticker()
    before = sys.getrefcount(True)
    for i in range(50_000):  # about a long recording's worth of level-meter updates
        ticker.tick.emit(i, 50_000, "")
    assert sys.getrefcount(True) >= before
