"""Qt's own dialogs and date pickers speak the interface language, also after a switch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCalendarWidget, QDateTimeEdit, QFileDialog, QLabel

from app.ui.i18n import Translations


def labels(dialog: QFileDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_the_file_dialog_is_chinese_throughout(qtbot, tmp_path: Path) -> None:
    translations = Translations(tmp_path / "cache")
    assert translations.set_language("zh_CN")
    try:
        dialog = QFileDialog(None, "x", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        # Qt's zh_CN catalogue lacks the Qt 6 "&Look in:" and "Files of &type:".
        assert labels(dialog) == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
    finally:
        translations.set_language("en")


def test_date_pickers_follow_a_live_switch(qtbot, tmp_path: Path) -> None:
    translations = Translations(tmp_path / "cache")
    translations.set_language("zh_CN")
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    calendar = QCalendarWidget()
    qtbot.addWidget(edit)
    qtbot.addWidget(calendar)
    assert calendar.locale().monthName(12) == "十二月"
    translations.set_language("en")
    for widget in (edit, edit.calendarWidget(), calendar):
        assert widget.locale().language() == QLocale.Language.English
    assert calendar.locale().monthName(12) == "December"
    assert calendar.locale().dayName(1) == "Monday"
    fresh = QCalendarWidget()
    qtbot.addWidget(fresh)
    assert fresh.locale().standaloneMonthName(12) == "December"
