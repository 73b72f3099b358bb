"""One rounding rule, one short form (issue 17: 3570 s read three ways on three screens)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.durations import short_duration, whole_minutes
from pht_desktop.ui.durations import duration_text, minutes_text


@pytest.mark.parametrize(
    ("seconds", "short", "words"),
    [
        (0, "0 min", "0 minutes"),
        (29, "0 min", "0 minutes"),
        (30, "1 min", "1 minute"),
        (89, "1 min", "1 minute"),
        (90, "2 min", "2 minutes"),
        (3570, "1 h 0 min", "1 hour"),
        (3569, "59 min", "59 minutes"),
        (6270, "1 h 45 min", "1 hour 45 minutes"),
        (-5, "0 min", "0 minutes"),
    ],
)
def test_every_screen_rounds_alike(seconds: float, short: str, words: str) -> None:
    assert short_duration(seconds) == short  # the report
    assert duration_text(seconds) == short  # Today, the charts' tooltips
    assert minutes_text(seconds) == words  # the prompt's sentences


@given(st.floats(0, 10 * 24 * 3600))
def test_whole_minutes_is_the_nearest_minute(seconds: float) -> None:
    assert abs(whole_minutes(seconds) * 60 - seconds) <= 30
