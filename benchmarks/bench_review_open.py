"""Opening a store for review stays as quick for a large store as for an empty one.

Builds an empty store (one incident) and one with N items and 5·N work-log entries (default
20,000 and 100,000: bulk-inserted rows, tests.library_support.bulk_items and
tests.ui_log_support.bulk_log), closes both, then times, for each, from
``StoreReader.open`` to the review window's dashboard first painted (the incident's details,
its figures still loading in the worker), and to the dashboard painted with its figures (the
library, the work log and the items table load beside it, as they do for a supervisor). The
figures are counts over every item and log entry (``DashboardQueries.summary``): that part
grows with the store whatever way it is opened.

Two ways of reading are measured:
- a closed store (nobody has it open, no rows waiting in a -wal): read in place, no copy.
  Target: the large store at most 1.5× the empty one (the issue's limit).
- a store left with committed rows in its -wal (a program killed): read from a snapshot
  copied into the cache folder (the database's size is copied: reported, not a target).

Prints the medians and their ratios.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_review_open.py [--items 20000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.store.reading import StoreReader  # noqa: E402
from app.store.repositories import Repositories  # noqa: E402
from app.store.store import DB_NAME, Store  # noqa: E402
from app.ui.i18n import Translations  # noqa: E402
from app.ui.review.review_window import ReviewWindow  # noqa: E402
from app.ui.worker import Jobs  # noqa: E402
from tests.library_support import bulk_items  # noqa: E402
from tests.ui_log_support import bulk_log  # noqa: E402

TARGET_RATIO = 1.5
OPENINGS = 5
LOG_PER_ITEM = 5


def wait(condition, seconds: float = 300.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
        QApplication.processEvents()
        time.sleep(0.001)


def build(root: Path, items: int) -> tuple[Path, Path]:
    """The closed store, and a copy of it left with committed rows in its -wal."""
    store = Store.open(root, create=True)
    repos = Repositories(store)
    incident = repos.incidents.create("基准事件", "natural", "I",
                                      datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
                                      "Z109", number="EQ2025-01")
    operator = repos.operators.add("张伟", "旗档案馆", "archivist")
    if items:
        bulk_items(store, incident.id, items)
        bulk_log(store, incident.id, operator.id, items * LOG_PER_ITEM)
    repos.log.add(incident.id, "最后一条，仍在 -wal 中。")
    store.flush_head()  # (no head file half-replaced at the moment of the copy)
    killed = root.with_name(root.name + "-killed")
    shutil.copytree(root, killed, ignore=shutil.ignore_patterns("*-shm", "store.lock", "*.tmp"))
    store.close()
    assert (killed / (DB_NAME + "-wal")).stat().st_size > 0
    return root, killed


def open_once(root: Path, jobs: Jobs, translations: Translations
              ) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    reader = StoreReader.open(root)
    window = ReviewWindow(reader, jobs, translations)
    window.resize(1200, 800)
    window.show()
    window.dashboard.repaint()
    painted = time.perf_counter() - t0
    wait(lambda: window.dashboard.figures is not None)
    window.dashboard.repaint()
    elapsed = time.perf_counter() - t0
    mode = reader.source.mode
    window.close()
    jobs.cancel_all()
    jobs.wait()
    window.deleteLater()
    QApplication.processEvents()
    reader.close()
    return painted, elapsed, mode


def median_open(root: Path, jobs: Jobs, translations: Translations
                ) -> tuple[float, float, str]:
    runs = [open_once(root, jobs, translations) for _ in range(OPENINGS)]
    modes = {m for _, _, m in runs}
    return (statistics.median(p for p, _, _ in runs), statistics.median(t for _, t, _ in runs),
            "/".join(sorted(modes)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # snapshots go here
        jobs = Jobs()
        translations = Translations(work / "i18n", app)
        translations.set_language("en")
        empty, empty_killed = build(work / "empty", 0)
        large, large_killed = build(work / "large", args.items)
        size_mb = (large / DB_NAME).stat().st_size / 1e6
        print(f"large store: {args.items} items, {args.items * LOG_PER_ITEM} log entries, "
              f"database {size_mb:.1f} MB")
        open_once(empty, jobs, translations)  # warm up: imports, fonts, the thread pool
        for label, small, big, limit in (
                ("closed store (read in place)", empty, large, TARGET_RATIO),
                ("left with rows in its -wal (snapshot copy)", empty_killed, large_killed,
                 None)):
            p_small, t_small, m_small = median_open(small, jobs, translations)
            p_big, t_big, m_big = median_open(big, jobs, translations)
            print(f"{label} [{m_small}, {m_big}]:")
            for what, a, b in (("dashboard first painted", p_small, p_big),
                               ("dashboard painted with its figures", t_small, t_big)):
                ratio = b / a
                verdict = "" if limit is None else (
                    f"  (target ≤ {limit}: {'ok' if ratio <= limit else 'OVER'})")
                print(f"  {what}: empty {a * 1000:.0f} ms, large {b * 1000:.0f} ms, "
                      f"ratio {ratio:.2f}{verdict}")


if __name__ == "__main__":
    main()
