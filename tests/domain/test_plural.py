"""The domain's one plural rule (issue 13): "1 day", never "1 days"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.plural import counted


@pytest.mark.parametrize(
    ("count", "singular", "plural", "words"),
    [
        (0, "day", None, "0 days"),
        (1, "day", None, "1 day"),
        (2, "day", None, "2 days"),
        (1, "load day", None, "1 load day"),
        (12, "rep", None, "12 reps"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
        (-1, "day", None, "-1 days"),
    ],
)
def test_counted(count: int, singular: str, plural: str | None, words: str) -> None:
    assert counted(count, singular, plural) == words


@given(st.integers(min_value=2, max_value=10**6))
def test_every_count_but_one_is_plural(count: int) -> None:
    assert counted(count, "morning") == f"{count} mornings"
