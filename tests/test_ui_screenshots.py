"""The screenshot tool renders every screen in both languages (for looking after changes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from app.ui.screenshots import take_screenshots


def test_every_screen_renders_in_both_languages(qapp, tmp_path: Path) -> None:
    saved = take_screenshots(tmp_path)
    names = sorted(p.name for p in saved)
    assert len(names) == 10
    assert {n.rsplit("_", 1)[-1] for n in names} == {"CN.png", "en.png"}
    for path in saved:
        image = QImage(str(path))
        assert image.width() > 300 and image.height() > 150, path.name
