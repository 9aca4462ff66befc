"""The wall clock against the sound received (plain arithmetic, no device)."""

from __future__ import annotations

from app.capture.sound_clock import END_MARGIN, LAG_ALLOWED, SoundClock


def test_pauses_are_not_recording_time() -> None:
    clock = SoundClock(48000)
    clock.start(100.0)
    clock.pause(103.0)
    assert clock.wall(110.0) == 3.0
    clock.resume(110.0)
    assert clock.wall(112.0) == 5.0


def test_a_source_in_blocks_is_not_short_but_one_that_loses_sound_is() -> None:
    clock = SoundClock(48000)
    clock.start(0.0)
    assert not clock.short(2.0, 0)  # a block of two seconds is still to come
    assert clock.short(LAG_ALLOWED + 0.5, int(0.1 * 48000))


def test_a_take_with_a_length_is_overdue_after_the_margin() -> None:
    clock = SoundClock(48000)
    clock.start(0.0)
    assert not clock.overdue(3.0 + END_MARGIN - 0.1, 3.0)
    assert clock.overdue(3.0 + END_MARGIN + 0.1, 3.0)
    assert not clock.overdue(1000.0, None)  # no set length: the user stops it
