"""The built-in catalogue follows the five-stage protocol (R2, R2.1–R2.3, R2.5, R2.6)."""

from __future__ import annotations

import dataclasses

import pytest

from pht_desktop.domain.catalogue import (
    CATALOGUE,
    STAGE_NAMES,
    CatalogueExercise,
    by_slug,
    compressive_position,
    for_stage,
)
from pht_desktop.domain.dose_ladder import ladder_for

# The migration seeds from a frozen copy of these slugs: renaming one breaks user data.
FROZEN_SLUGS = {
    "standing-band-hip-extension-hold",
    "prone-hip-extension-hold",
    "bridge-hold-low-flexion",
    "supine-heel-dig-hold",
    "wall-hamstring-isometric",
    "hsr-double-leg-bridge",
    "hsr-single-leg-bridge",
    "hsr-prone-hamstring-curl",
    "hsr-rdl-limited-depth",
    "single-leg-rdl",
    "step-up",
    "hip-thrust",
    "single-leg-hip-thrust",
    "deep-rdl",
    "walking-lunge",
    "rear-foot-elevated-split-squat",
    "goblet-squat-full-depth",
    "run-walk",
    "continuous-run",
    "hill-strides",
    "speed-intervals",
    "seated-toe-reach-stretch",
    "seated-figure-four-stretch",
}


def test_slugs_are_unique_and_stable() -> None:
    slugs = [e.slug for e in CATALOGUE]
    assert len(slugs) == len(set(slugs))
    assert set(slugs) == FROZEN_SLUGS


@pytest.mark.parametrize("stage", sorted(STAGE_NAMES))
def test_every_stage_has_at_least_three(stage: int) -> None:
    assert len(for_stage(stage)) >= 3


def test_catalogue_is_in_stage_order() -> None:
    stages = [e.stage for e in CATALOGUE]
    assert stages == sorted(stages)


@pytest.mark.parametrize("exercise", for_stage(1), ids=lambda e: e.slug)
def test_stage_one_is_non_compressed_isometric_at_r2_3_dose(exercise: CatalogueExercise) -> None:
    assert exercise.dose_type == "hold"
    assert exercise.default_sets * exercise.default_reps == 5
    assert exercise.default_hold_s is not None
    assert 30 <= exercise.default_hold_s <= 45
    assert exercise.default_rest_s == 120
    assert not exercise.compressive
    assert "70 %" in exercise.how_to


@pytest.mark.parametrize("exercise", [e for e in CATALOGUE if e.stage <= 4], ids=lambda e: e.slug)
def test_the_stored_default_is_the_ladders_entry_rung(exercise: CatalogueExercise) -> None:
    """R2.9: one starting dose. The stored default of a stage 1–4 exercise is the entry
    rung of the ladder the plan and the log form start it on (5 × 30 s, not 5 × 40 s)."""
    ladder = ladder_for(exercise.slug, exercise.stage, exercise.dose_type)
    entry = ladder.rung(ladder.entry)
    stored = (
        exercise.default_sets,
        exercise.default_reps,
        exercise.default_hold_s,
        exercise.default_rest_s,
    )
    assert stored == (entry.sets, entry.reps, entry.hold_s, entry.rest_s)


@pytest.mark.parametrize("exercise", for_stage(2), ids=lambda e: e.slug)
def test_stage_two_is_heavy_slow_resistance(exercise: CatalogueExercise) -> None:
    assert exercise.hsr
    assert exercise.dose_type == "reps"
    assert 3 <= exercise.default_sets <= 4
    assert 6 <= exercise.default_reps <= 15
    assert 120 <= exercise.default_rest_s <= 180  # R2.6: 2–3 min


@pytest.mark.parametrize("exercise", CATALOGUE, ids=lambda e: e.slug)
def test_compressive_follows_r2_5_in_every_stage(exercise: CatalogueExercise) -> None:
    """R2.5 decides the flag from the position; stage 3 has none only because its
    step-up and single-leg RDL were corrected below 90° (issue 11)."""
    assert exercise.compressive == compressive_position(
        exercise.hip_flexion_deg, exercise.knee_extended, exercise.adducted
    )
    if exercise.stage < 4:
        assert exercise.hip_flexion_deg < 90


@pytest.mark.parametrize(
    ("flexion", "knee_extended", "adducted", "compressive"),
    [
        (0, True, False, False),
        (70, False, False, False),
        (60, True, False, True),
        (60, False, True, True),
        (89, False, False, False),
        (90, False, False, True),
    ],
)
def test_compressive_position(
    flexion: int, knee_extended: bool, adducted: bool, compressive: bool
) -> None:
    assert compressive_position(flexion, knee_extended, adducted) is compressive


def test_a_compressive_stage_three_exercise_can_now_be_flagged() -> None:
    """Issue 11: the flag is no longer refused below stage 4 (R2.1 warns instead)."""
    step_up = by_slug("step-up")
    knee_high = dataclasses.replace(step_up, hip_flexion_deg=95, compressive=True)
    assert knee_high.compressive


def test_stage_four_loads_compressive_positions() -> None:
    assert all(e.compressive for e in for_stage(4))


def test_stage_five_is_running() -> None:
    runs = {e.slug for e in for_stage(5) if e.dose_type == "run"}
    assert {"run-walk", "continuous-run", "hill-strides", "speed-intervals"} <= runs


@pytest.mark.parametrize("slug", ["seated-toe-reach-stretch", "seated-figure-four-stretch"])
def test_seated_stretches_are_flagged_avoid_early_and_compressive(slug: str) -> None:
    stretch = by_slug(slug)
    assert stretch.avoid_early
    assert stretch.compressive
    assert stretch.stage >= 4


def test_only_seated_stretches_are_avoid_early() -> None:
    assert {e.slug for e in CATALOGUE if e.avoid_early} == {
        "seated-toe-reach-stretch",
        "seated-figure-four-stretch",
    }


@pytest.mark.parametrize("exercise", CATALOGUE, ids=lambda e: e.slug)
def test_hold_seconds_only_for_holds(exercise: CatalogueExercise) -> None:
    assert (exercise.default_hold_s is not None) == (exercise.dose_type == "hold")


@pytest.mark.parametrize("exercise", CATALOGUE, ids=lambda e: e.slug)
def test_how_to_is_short(exercise: CatalogueExercise) -> None:
    sentences = [s for s in exercise.how_to.replace("?", ".").split(". ") if s.strip()]
    assert 1 <= len(sentences) <= 2
    assert len(exercise.how_to) <= 240


def test_hsr_spans_stages_two_and_three_only() -> None:
    assert {e.stage for e in CATALOGUE if e.hsr} == {2, 3}


def test_by_slug_unknown_raises_key_error() -> None:
    with pytest.raises(KeyError):
        by_slug("no-such-exercise")


def test_entries_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CATALOGUE[0].stage = 3  # type: ignore[misc]


BASE = CATALOGUE[5]  # a stage-2 rep exercise


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"slug": "Bad Slug"}, "slug"),
        ({"stage": 6}, "stage"),
        ({"dose_type": "swim"}, "dose_type"),
        ({"default_hold_s": 30}, "default_hold_s"),
        ({"compressive": True}, "R2.5"),
        ({"avoid_early": True}, "R2.2"),
        ({"default_sets": 0}, "sets"),
        ({"how_to": ""}, "how_to"),
    ],
)
def test_invalid_entries_fail_loudly(changes: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        dataclasses.replace(BASE, **changes)  # type: ignore[arg-type]


def test_stage_names() -> None:
    assert by_slug("deep-rdl").stage_name == "Compressive load"
