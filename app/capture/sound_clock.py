"""The wall clock against the sound a microphone delivered: a device that falls behind.

A source can deliver less sound than time passes (a driver that hands out sound in large
blocks and loses what does not fit, a device that stalls): the take then holds seconds of
sound for minutes spoken. ``SoundClock`` counts the time spent recording (pauses left out)
and says when the sound received is too far behind it, and when a take with a set length
has waited long enough past that length to end anyway. Plain Python: tested without a device.
"""

from __future__ import annotations

from dataclasses import dataclass

# Behind by more than this (seconds) is more than a device's buffering explains: a device
# that hands out sound in blocks (PulseAudio's sine source: 2 s) stays within it.
LAG_ALLOWED = 2.5
# A take with a set length ends at most this long after the wall clock passed its length.
END_MARGIN = 5.0


@dataclass
class SoundClock:
    sample_rate: int
    _started: float | None = None
    _paused_at: float | None = None
    _paused_total: float = 0.0

    def start(self, now: float) -> None:
        self._started, self._paused_at, self._paused_total = now, None, 0.0

    def pause(self, now: float) -> None:
        if self._paused_at is None:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    def wall(self, now: float) -> float:
        """Seconds spent recording so far, pauses excluded."""
        if self._started is None:
            return 0.0
        until = self._paused_at if self._paused_at is not None else now
        return max(0.0, until - self._started - self._paused_total)

    def received(self, frames: int) -> float:
        return frames / self.sample_rate

    def behind(self, now: float, frames: int) -> float:
        return self.wall(now) - self.received(frames)

    def short(self, now: float, frames: int) -> bool:
        """The device delivers too little: far behind the wall clock."""
        return self.behind(now, frames) > LAG_ALLOWED

    def overdue(self, now: float, length: float | None) -> bool:
        """A take of ``length`` seconds that should have ended a while ago."""
        return length is not None and self.wall(now) > length + END_MARGIN
