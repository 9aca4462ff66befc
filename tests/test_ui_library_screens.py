"""The library screenshot tool renders the dashboard, the Library, the editor, the batch
edit and the schedule window in both languages, with no clipped or untranslated text; and
the checks themselves catch what they are for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tests.library_screens import take_screenshots
from tests.screen_checks import clipped, untranslated


def test_every_library_screen_renders_cleanly_in_both_languages(qapp, tmp_path: Path) -> None:
    screens = take_screenshots(tmp_path)
    names = sorted(p.name for p in screens.saved)
    assert len(names) == 18
    assert {n.rsplit("_", 1)[-1] for n in names} == {"CN.png", "en.png"}
    for path in screens.saved:
        image = QImage(str(path))
        assert image.width() >= 700 and image.height() >= 600, path.name
    assert screens.problems == []


def test_the_checks_find_clipped_and_untranslated_text(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("一段很长很长很长很长很长很长的中文说明文字", root)
    label.setObjectName("tooNarrow")
    label.setFixedWidth(60)
    button = QPushButton("Print to PDF…", root)  # English left on a Chinese screen
    button.setObjectName("english")
    layout.addWidget(label)
    layout.addWidget(button)
    root.show()
    assert any("tooNarrow" in p for p in clipped(root))
    assert any("english" in p for p in untranslated(root))
