"""The review window's screenshot tool renders every page (dashboard, library, work log,
items, integrity, report) and the item history in both languages, with no clipped text and
no English left on the Chinese screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.review_screens import LANGUAGES, PAGES, take_screenshots


def test_every_review_screen_renders_cleanly_in_both_languages(qapp, tmp_path: Path,
                                                               monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    screens = take_screenshots(tmp_path / "shots")
    names = {p.name for p in screens.saved}
    assert names == {f"review-{page}-{language}.png" for language in LANGUAGES
                     for page in (*PAGES, "item-history")}
    for path in screens.saved:
        image = QImage(str(path))
        assert image.width() >= 600 and image.height() >= 500, path.name
    assert screens.problems == []
