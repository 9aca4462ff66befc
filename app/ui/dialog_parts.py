"""Pieces every form dialog shares: an inline error line and OK/Cancel buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def error_label(parent: QWidget) -> QLabel:
    """Hidden until there is something to say; selectable so it can be copied."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK is the default button (Enter); Esc and Cancel reject."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
