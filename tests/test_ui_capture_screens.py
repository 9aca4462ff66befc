"""The capture screenshot tool renders every capture panel in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.capture_screens import take_screenshots


def test_every_capture_panel_renders_in_both_languages(qapp, tmp_path: Path) -> None:
    saved = take_screenshots(tmp_path)
    names = sorted(p.name for p in saved)
    assert len(names) == 8
    assert {n.rsplit("_", 1)[-1] for n in names} == {"CN.png", "en.png"}
    for path in saved:
        image = QImage(str(path))
        assert image.width() >= 1200 and image.height() >= 800, path.name
