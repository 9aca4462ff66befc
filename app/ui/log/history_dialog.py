"""An entry's history: the original and every correction with its reason, and the reviews of
each version. Nothing here can change anything: the log is append-only."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.domain import codes
from app.store.errors import StoreError
from app.store.reading import LogReading
from app.store.worklog_records import LogEntryRecord, LogThread
from app.ui.i18n import message_text
from app.ui.labels import code_label, format_time
from app.ui.log.badges import badge_html
from app.ui.person_text import person_text


class HistoryDialog(QDialog):
    def __init__(self, log: LogReading, entry_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logHistoryDialog")
        self.log = log
        self.entry_id = entry_id
        self.history: LogThread | None = None
        self.error: str | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 480)
        # A few rows looked up by id: quick enough to read here.
        try:
            self.history = log.history(entry_id)
        except StoreError as err:
            self.error = message_text(err)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Entry history"))
        if self.history is None:
            self.browser.setPlainText(self.error or "")
            return
        self.browser.setHtml(self.html(self.history))

    def html(self, thread: LogThread) -> str:
        heading = self.tr("Entry #{number}: %n versions", "", len(thread.versions)).format(
            number=thread.original.seq)
        parts = [f"<h3>{escape(heading)}</h3>"]
        last = len(thread.versions) - 1
        for n, version in enumerate(thread.versions):
            if n == 0:
                title = self.tr("Original, #{seq}").format(seq=version.seq)
            else:
                title = self.tr("Correction {n}, #{seq}").format(n=n, seq=version.seq)
            if n == last and last > 0:
                title += " — " + self.tr("current text")
            parts.append(self._version_html(title, version))
        return "".join(parts)

    def _version_html(self, title: str, v: LogEntryRecord) -> str:
        who = person_text(v.recorder_name, v.recorder_position)
        recorded = self.tr("{time} by {who}, {unit}").format(
            time=format_time(v.recorded_at), who=who, unit=v.unit)
        rows = [
            (self.tr("Occurred"), escape(format_time(v.occurred_at))),
            (self.tr("Recorded"), escape(recorded)),
            (self.tr("Category"), escape(code_label(codes.LOG_CATEGORY, v.category))),
            (self.tr("Phase"), escape(code_label(codes.PHASE, v.phase) if v.phase else "")),
        ]
        if v.place:
            rows.append((self.tr("Place"), escape(v.place)))
        if v.participants:
            rows.append((self.tr("Participants"), escape(v.participants)))
        if v.linked_items:
            rows.append((self.tr("Linked items"), str(len(v.linked_items))))
        if v.is_correction:
            rows.append((self.tr("Reason for the correction"),
                         f"<b>{escape(v.correction_reason)}</b>"))
        table = "".join(f"<tr><td width='30%' style='color:gray'>{escape(k)}</td>"
                        f"<td>{val}</td></tr>" for k, val in rows)
        text = escape(v.content).replace("\n", "<br>")
        reviews = []
        for r in v.reviews:
            when = format_time(r.reviewed_at)
            by = (self.tr("{reviewer}, {time}: {opinion}").format(
                reviewer=r.reviewer_name, time=when, opinion=r.opinion) if r.opinion
                else self.tr("{reviewer}, {time}").format(reviewer=r.reviewer_name, time=when))
            reviews.append(f"<p>{_badge(r.status)} {escape(by)}</p>")
        if not reviews:
            reviews.append(f"<p>{_badge('unreviewed')}</p>")
        return (f"<h4>{escape(title)}</h4><table width='100%'>{table}</table>"
                f"<p style='background:#f4f4f4; padding:6px'>{text}</p>{''.join(reviews)}<hr>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _badge(status: str) -> str:
    return badge_html(status, escape(code_label(codes.REVIEW_STATUS, status)))
