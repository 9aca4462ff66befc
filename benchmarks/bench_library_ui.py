"""Opening and scrolling the Library stays flat as an incident grows.

Builds an incident of N items (default 20,000) and one a tenth its size (bulk-inserted rows:
tests.library_support.bulk_items), then for each: the time from showing the incident to its
first page painted in the real LibraryPage (table view), and, while an import stores photos
in the background on another thread, the longest stall of the GUI event loop while the table
is scrolled down page after page (a 5 ms timer measures the gaps between its ticks).

Prints the ratio of the median opening times (target: at most 2) and the stalls (target under 50 ms
on a quiet machine; reported, not asserted).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_library_ui.py [--items 20000]
        [--pages 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.store.repositories import Repositories  # noqa: E402
from app.store.store import Store  # noqa: E402
from app.ui.i18n import Translations  # noqa: E402
from app.ui.library.library_page import LibraryPage  # noqa: E402
from app.ui.main import application  # noqa: E402
from app.ui.services import UiServices  # noqa: E402
from app.ui.settings import UiSettings  # noqa: E402
from app.ui.worker import Jobs  # noqa: E402
from tests.library_support import add_photos, bulk_items  # noqa: E402

TARGET_RATIO = 2.0
TARGET_STALL_MS = 50.0
OPENINGS = 7
IMPORT_START = datetime.fromisoformat("2026-01-01T00:00:00+08:00")


def wait(condition, seconds: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
        QApplication.processEvents()
        time.sleep(0.001)


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was busy.

    Beside it, the most CPU time the GUI thread itself spent between two ticks: on a shared
    machine the wall-clock gap also counts the time other processes had the cores, the CPU
    figure does not (neither does it count waits for the GIL, which the wall figure shows)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.last = 0
        self.longest_cpu = 0.0
        self.last_cpu = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.last_cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        cpu = time.thread_time()
        self.longest = max(self.longest, float(now - self.last))
        self.longest_cpu = max(self.longest_cpu, 1000 * (cpu - self.last_cpu))
        self.last = now
        self.last_cpu = cpu

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def measure(work: Path, items: int, pages: int,
            importing_too: bool = True) -> tuple[float, float, float]:
    store = Store.open(work / f"store{items}", create=True)
    repos = Repositories(store)
    incident = repos.incidents.create("基准事件", "natural", "I",
                                      datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
                                      "Z109")
    bulk_items(store, incident.id, items)
    settings = UiSettings(QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
    services = UiServices.for_store(store, settings, Translations(work / "cache"), Jobs())
    page = LibraryPage(services)
    page.resize(1200, 800)
    page.show_table()
    page.show()
    QApplication.processEvents()
    times = []
    for _ in range(OPENINGS):  # the median of several: a shared machine is noisy
        services.selection.set(None)
        QApplication.processEvents()
        t0 = time.perf_counter()
        services.selection.set(incident)
        wait(lambda: page.model.rowCount() > 0 and not page.model.loading)
        page.table.viewport().repaint()
        times.append(time.perf_counter() - t0)
    opened = statistics.median(times)
    # Scroll page after page while an import stores photos on another thread.
    stop = threading.Event()

    def importing() -> None:
        n = 0
        while importing_too and not stop.is_set():
            add_photos(repos, incident.id, 1, start=IMPORT_START + timedelta(seconds=n))
            n += 1

    importer = threading.Thread(target=importing)
    importer.start()
    meter = StallMeter()
    meter.start()
    try:
        for _ in range(pages):
            if not page.model.canFetchMore():
                break
            rows = page.model.rowCount()
            page.table.scrollToBottom()
            wait(lambda rows=rows: page.model.rowCount() > rows and not page.model.loading)
            for _ in range(5):
                QApplication.processEvents()
    finally:
        stall = meter.stop()
        busy = meter.longest_cpu
        stop.set()
        importer.join()
    services.jobs.wait()
    page.close()
    page.deleteLater()
    QApplication.processEvents()
    store.close()
    return opened, stall, busy


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--pages", type=int, default=20)
    args = ap.parse_args()
    application()  # as the program sets it up (the GIL's switch interval included)
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp), 300, 1, importing_too=False)  # warm-up: fonts, styles, imports
        small_open, small_stall, _ = measure(Path(tmp), args.items // 10, min(args.pages, 8))
        large_open, large_stall, large_busy = measure(Path(tmp), args.items, args.pages)
        _, quiet_stall, quiet_busy = measure(Path(tmp), args.items, args.pages,
                                             importing_too=False)
    ratio = large_open / small_open
    print(f"open to first painted page: {args.items // 10} items {1000 * small_open:.1f} ms, "
          f"{args.items} items {1000 * large_open:.1f} ms")
    print(f"ratio: {ratio:.2f}  ({'ok' if ratio <= TARGET_RATIO else 'OVER'} the limit "
          f"{TARGET_RATIO})")
    print(f"longest event-loop stall while scrolling with an import running: "
          f"{small_stall:.0f} ms ({args.items // 10} items), {large_stall:.0f} ms "
          f"({args.items} items); target under {TARGET_STALL_MS:.0f} ms on a quiet machine")
    print(f"the same without the import: {quiet_stall:.0f} ms ({args.items} items)")
    print(f"most CPU time of the GUI thread between two ticks: {large_busy:.0f} ms with the "
          f"import, {quiet_busy:.0f} ms without ({args.items} items; machine load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
