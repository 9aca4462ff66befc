"""The work-log screenshot tool renders every work-log screen in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from app.ui.log.screenshots import SAMPLE_PHOTO, take_screenshots


def test_every_work_log_screen_renders_in_both_languages(qapp, tmp_path: Path) -> None:
    assert SAMPLE_PHOTO.is_file()
    saved = take_screenshots(tmp_path)
    names = sorted(p.name for p in saved)
    assert names == sorted(f"log_{screen}_{language}.png"
                           for screen in ("page", "quick_entry", "review", "history")
                           for language in ("zh_CN", "en"))
    for path in saved:
        image = QImage(str(path))
        assert image.width() > 300 and image.height() > 200, path.name
