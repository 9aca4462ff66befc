"""The review window on transfer packages: bags and a ZIP browsed as one with each item's
origin, verify in the integrity panel, damage shown where it is, a report naming the
packages; every byte and path of the packages as it was, also while the window is open."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from app.export.package_review import open_review
from app.ui.review.items_model import COLUMN_KEYS
from app.ui.review.review_window import ReviewWindow
from tests.package_review_support import Packages, packages
from tests.review_support import read_only_mount, review_cache, tree_state
from tests.review_walk import query_only, walk
from tests.test_review_packages import damaged_copy, states
from tests.test_ui_operators import window
from tests.test_ui_review import session

__all__ = ["packages", "review_cache", "session", "window"]


def open_window(qtbot, paths: list[Path], session) -> ReviewWindow:
    review = ReviewWindow(open_review(paths), *session)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.incidents is not None and not review.log_model.loading
                    and not review.items_model.loading and not review.library.model.loading
                    and review.dashboard.figures is not None, timeout=20000)
    return review


def cell(review: ReviewWindow, row: int, key: str) -> str:
    return review.items_model.index(row, COLUMN_KEYS.index(key)).data()


def run_verify(qtbot, review: ReviewWindow) -> None:
    review.tabs.setCurrentWidget(review.integrity)
    with qtbot.waitSignal(review.integrity.checked, timeout=120000):
        review.integrity.run_button.click()


def test_a_whole_package_session_changes_nothing(qtbot, packages: Packages, tmp_path: Path,
                                                review_cache: Path, session) -> None:
    before = states(packages)
    review = open_window(qtbot, [*packages.bags, packages.zip], session)
    banner = review.banner.text()
    assert "只读审阅" in banner and "3 transfer package(s)" in banner
    assert all(p.name in banner for p in packages.bags)
    review.tabs.setCurrentWidget(review.items_view)
    assert review.items_model.rowCount() == 5
    assert not review.items_view.isColumnHidden(COLUMN_KEYS.index("origin"))
    origins = {cell(review, r, "code"): cell(review, r, "origin") for r in range(5)}
    assert {origins[c] for c in packages.codes_b} == {packages.zip.name}
    assert {origins[c] for c in packages.codes_a} == {b.name for b in packages.bags}
    assert review.log_model.rowCount() == 4  # both teams' current entries
    run_verify(qtbot, review)
    report = review.integrity.report
    assert report is not None and not report.cancelled
    assert all(cell(review, r, "integrity") == "✓" for r in range(5))
    assert review.integrity.status.text() == (
        "Passed: 3 package(s) verified, 70 files. 3 warning(s).")  # unreviewed log entries
    assert review.integrity.findings.item(0).text().startswith("⚠")
    assert states(packages) == before  # while the window is open
    review.tabs.setCurrentWidget(review.report)
    review.report.inspector_edit.setText("赵监督（盟档案馆）")
    review.report.findings_edit.setPlainText("两个组的移交数据包均完整。")
    out = tmp_path / "reports" / "审阅报告.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(review.report.saved, timeout=60000):
        review.report.save_to(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert review.report.result is not None
    assert hashlib.sha256(data).hexdigest() == review.report.result.sha256
    # Never inside a reviewed package.
    assert review.report.save_to(packages.bags[0] / "report.pdf") is None
    assert "inside the package being reviewed" in review.report.error.text()
    review.close()
    review.reader.close()
    assert states(packages) == before


def test_the_report_states_the_packages_identity(packages: Packages, tmp_path: Path,
                                                 review_cache: Path) -> None:
    from datetime import datetime

    from app.export.review_report import ReviewReport, render_review_report
    from app.store.review_facts import gather_facts

    with open_review([packages.zip]) as reader:
        facts = gather_facts(reader)
        report = ReviewReport(facts, None, "", "赵监督", datetime.now().astimezone(),
                              packages=reader.packages, damage=("x: y: z",))
        pdf = render_review_report(report)
    assert pdf.startswith(b"%PDF")
    [p] = report.packages
    assert p.is_zip and p.items == 2 and len(p.tagmanifest_sha256) == 64
    assert len(p.fingerprint) == 64
    assert facts.incidents[0].items == 2


def test_a_damaged_package_shows_what_and_where(qtbot, packages: Packages, tmp_path: Path,
                                                review_cache: Path, session) -> None:
    bag, names = damaged_copy(packages, tmp_path)
    before = tree_state(bag)
    review = open_window(qtbot, [bag], session)
    assert "Damage found while reading" in review.banner.text()
    rows = {cell(review, r, "code"): r for r in range(review.items_model.rowCount())}
    missing = rows[names["missing"]]
    assert cell(review, missing, "integrity").startswith("✗")  # before any check
    tip = review.items_model.index(missing, COLUMN_KEYS.index("integrity")).data(3)
    assert "not well-formed XML" in tip
    assert any("Damaged:" in review.integrity.findings.item(i).text()
               for i in range(review.integrity.findings.count()))
    run_verify(qtbot, review)
    flipped = rows[names["flipped"]]
    assert cell(review, flipped, "integrity").startswith("✗")
    tip = review.items_model.index(flipped, COLUMN_KEYS.index("integrity")).data(3)
    assert "digest differs" in tip
    assert "problem(s) found in the packages" in review.integrity.status.text()
    review.close()
    review.reader.close()
    assert tree_state(bag) == before


def test_nothing_in_a_package_window_can_write(qtbot, packages: Packages,
                                               review_cache: Path, session) -> None:
    review = open_window(qtbot, [packages.zip], session)
    found = walk(review, "window")
    assert found.writers == []
    assert found.engines and all(query_only(e) for e in found.engines)
    assert found.visited > 200
    review.close()
    review.reader.close()


def test_a_package_window_from_a_read_only_mount(qtbot, packages: Packages, tmp_path: Path,
                                                 review_cache: Path, session) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    shutil.copy2(packages.zip, disc / packages.zip.name)
    shutil.copytree(packages.bags[1], disc / packages.bags[1].name)
    before = tree_state(disc)
    with read_only_mount(disc, tmp_path / "mnt") as mnt:
        review = open_window(qtbot, sorted(mnt.iterdir()), session)
        run_verify(qtbot, review)
        assert all(v.passed for v in review.integrity.report.verdicts)  # type: ignore[union-attr]
        assert tree_state(mnt) == before
        review.close()
        review.reader.close()
        assert tree_state(mnt) == before
    assert tree_state(disc) == before


def test_the_main_window_reviews_a_package_zip(qtbot, window, packages: Packages,
                                               review_cache: Path) -> None:
    before = tree_state(packages.zip.parent)
    window.open_review([packages.zip])
    qtbot.waitUntil(lambda: len(window.reviews) == 1, timeout=20000)
    review = window.reviews[0]
    assert isinstance(review, ReviewWindow) and review.packages is not None
    # (the items page loads when its turn on the shared worker comes: wait for the rows,
    # not for "not loading", which holds before the load has started too)
    qtbot.waitUntil(lambda: review.items_model.rowCount() == 2, timeout=20000)
    # (the main window's own jobs, which the review shares the runner with, done first)
    qtbot.waitUntil(lambda: window.services.jobs.running == 0, timeout=20000)
    assert walk(review).writers == []
    review.close()
    qtbot.waitUntil(lambda: window.reviews == [], timeout=5000)
    assert tree_state(packages.zip.parent) == before
