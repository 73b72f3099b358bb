"""An edited imported run's paces (issue 14): the average follows the typed numbers, the
file's best km is shown only while the run still has the file's minutes and distance."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.run_figures import (
    FileMeasures,
    average_pace,
    detail_lines,
    kept_km,
    kept_seconds,
    run_figures,
)

FILE = FileMeasures(moving_s=1843, distance_km=5.0234, best_km_s=350.0)
"""30:43 over 5.0234 km with a best km of 5:50, as a watch file gives them."""

FIGURES = [
    # (what the user did, duration_s, distance_km, file, shown best km, edited)
    ("typed by hand", 1500, 4.0, None, None, False),
    ("imported, untouched", 1843, 5.0234, FILE, 350.0, False),
    ("saved from the form unchanged (31 min, 5.02 km)", 1860, 5.02, FILE, 350.0, False),
    ("minutes corrected", 35 * 60, 5.0234, FILE, None, True),
    ("distance corrected", 1843, 5.5, FILE, None, True),
    ("distance removed", 1843, None, FILE, None, True),
    (
        "no best km in the file (a short run)",
        1843,
        5.0234,
        FileMeasures(1843, 5.0234, None),
        None,
        False,
    ),
]


@pytest.mark.parametrize(
    ("case", "seconds", "km", "file", "best", "edited"), FIGURES, ids=[f[0] for f in FIGURES]
)
def test_figures_follow_what_the_user_typed(
    case: str,
    seconds: int,
    km: float | None,
    file: FileMeasures | None,
    best: float | None,
    edited: bool,
) -> None:
    figures = run_figures(seconds, km, file)
    assert figures.pace_s_km == average_pace(seconds, km)
    assert figures.best_km_s == best
    assert figures.edited is edited


KEPT = [
    # (typed on the form, known precise values (file's, stored), kept)
    (31 * 60, (1843, 1843), 1843),  # minutes left alone: the file's 30:43 stays
    (31 * 60, (1843, 2100), 1843),  # the file's minutes typed back: its seconds come back
    (35 * 60, (1843, 2100), 2100),  # left at 35 after an earlier edit
    (40 * 60, (1843, 2100), 2400),  # a new number of minutes
    (1210, (1200, None), 1210),  # seconds the form cannot show: a caller's, as given
    (25 * 60, (None, 1500), 1500),  # a run typed by hand
]


@pytest.mark.parametrize(("typed", "known", "kept"), KEPT)
def test_seconds_the_form_still_shows_are_kept_precisely(
    typed: int, known: tuple[int | None, ...], kept: int
) -> None:
    assert kept_seconds(typed, *known) == kept


@pytest.mark.parametrize(
    ("typed", "known", "kept"),
    [
        (5.02, (5.0234, 5.0234), 5.0234),
        (5.02, (5.0234, 5.5), 5.0234),
        (5.5, (5.0234, 5.5), 5.5),
        (5.6, (5.0234, 5.5), 5.6),
        (None, (5.0234, 5.0234), None),
    ],
)
def test_a_distance_the_form_still_shows_is_kept_precisely(
    typed: float | None, known: tuple[float | None, ...], kept: float | None
) -> None:
    assert kept_km(typed, *known) == kept


@given(st.integers(1, 8 * 60), st.lists(st.one_of(st.none(), st.integers(1, 8 * 3600))))
def test_a_kept_duration_always_shows_as_the_minutes_typed(
    minutes: int, known: list[int | None]
) -> None:
    kept = kept_seconds(minutes * 60, *known)
    assert round(kept / 60) == minutes


@given(st.integers(1, 20_000), st.integers(0, 8 * 3600), st.floats(0.0, 200.0))
def test_an_edit_away_from_the_file_never_shows_the_files_best_km(
    centi_km: int, seconds: int, best: float
) -> None:
    """Whatever is typed: the best km shown is the file's only with the file's numbers."""
    file = FileMeasures(1843, 5.0234, 180.0 + best)
    figures = run_figures(max(1, seconds), centi_km / 100, file)
    unchanged = round(max(1, seconds) / 60) == 31 and centi_km == 502
    assert (figures.best_km_s is not None) is unchanged
    assert figures.edited is not unchanged


def test_the_detail_says_which_numbers_are_the_files_once_edited() -> None:
    note = "fast: 400 m at 4:50 /km (easy pace 6:00 /km)"
    untouched = detail_lines(run_figures(1843, 5.0234, FILE), note, "run.fit")
    assert untouched == ["Pace 6:07 /km, best km 5:50 /km", note, "From run.fit"]
    edited = detail_lines(run_figures(1843, 5.5, FILE), note, "run.fit")
    assert edited == [
        "Pace 5:35 /km (your minutes and distance)",
        f"The file said: {note}",
        "Edited by you; run.fit measured 31 min, 5.02 km, best km 5:50 /km",
    ]
    assert detail_lines(run_figures(1500, None, None), "", None) == []
