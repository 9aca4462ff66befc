"""The occurred-at field and the question asked about a doubtful time.

Occurred-at is typed by the user (recorded-at never is: the program sets it). A time in the
future, before the incident started, or hours away from the entries recorded around it
(``NEIGHBOUR_GAP`` in the repository) is usually a slip, so the repository refuses it until
the user confirms; the question here says which it is and shows both times.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.timeutil import now_local
from app.store.records import IncidentRecord
from app.ui.date_fields import TypedDateTimeEdit
from app.ui.labels import format_time
from app.ui.log.jobs import NeedsConfirmation

DISPLAY_FORMAT = "yyyy-MM-dd HH:mm"
translate = QCoreApplication.translate


class OccurredAtEdit(TypedDateTimeEdit):
    """A date-time field that remembers whether the user changed it.

    Left alone it stands for the exact moment it was filled in (seconds included); changed,
    it stands for the minute shown. The time is shown and read in the offset of the time it
    was filled with (an entry's own, when correcting it), not this machine's: a laptop set
    to another zone must not shift a correction's time.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self._exact: datetime | None = None
        self._zone: tzinfo | None = None  # None: this machine's
        self.dateTimeChanged.connect(self._changed)

    def set_time(self, value: datetime) -> None:
        self._exact = value
        self._zone = value.tzinfo
        self.blockSignals(True)
        local = value.astimezone(self._zone)
        self.setDateTime(QDateTime(local.year, local.month, local.day, local.hour,
                                   local.minute, local.second))
        self.blockSignals(False)

    def set_now(self) -> None:
        self.set_time(now_local())

    @property
    def touched(self) -> bool:
        return self._exact is None

    def _changed(self) -> None:
        self._exact = None

    def value(self) -> datetime:
        """Aware, in the offset of the time it was filled with (else this machine's)."""
        if self._exact is not None:
            return self._exact
        shown = self.dateTime()
        date, clock = shown.date(), shown.time()
        typed = datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute())
        return typed.replace(tzinfo=self._zone) if self._zone else typed.astimezone()


def doubtful_time_question(doubt: NeedsConfirmation, occurred: datetime,
                           incident: IncidentRecord | None) -> str:
    """The question, with both times: the one typed and the one it is doubtful against."""
    if doubt.reason in ("far-before", "far-after") and doubt.neighbour_time is not None:
        other = doubt.neighbour_time
        # Always plural: the gap is at least NEIGHBOUR_GAP (6 hours).
        hours = int(abs((other - occurred).total_seconds()) // 3600)
        if doubt.reason == "far-before":
            text = translate("TimeCheck", "The time {time} is {hours} hours before entry "
                                          "#{seq} ({other}), the entry recorded before it.")
        else:
            text = translate("TimeCheck", "The time {time} is {hours} hours after entry "
                                          "#{seq} ({other}), the entry recorded after it.")
        # Both times in the log's offset (the neighbour's), so they compare at a glance.
        doubt_text = text.format(time=format_time(occurred.astimezone(other.tzinfo)),
                                 seq=doubt.neighbour_seq, other=format_time(other),
                                 hours=hours)
        return translate("TimeCheck", "{doubt} Record the entry with this time anyway?").format(
            doubt=doubt_text)
    if (doubt.reason == "future" or occurred > now_local() + timedelta(minutes=5)
            or incident is None):
        return translate("TimeCheck", "The time {time} is in the future (it is now {now}). "
                                      "Record the entry with this time anyway?").format(
            time=format_time(occurred), now=format_time(now_local()))
    return translate("TimeCheck", "The time {time} is before the incident started ({start}). "
                                  "Record the entry with this time anyway?").format(
        time=format_time(occurred), start=format_time(incident.started_at))


def confirm_doubtful_time(parent: QWidget | None, doubt: NeedsConfirmation,
                          occurred: datetime, incident: IncidentRecord | None) -> bool:
    answer = QMessageBox.question(
        parent, translate("TimeCheck", "Check the time"),
        doubtful_time_question(doubt, occurred, incident),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
