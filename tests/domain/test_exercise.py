"""Logging values and the R2 rule helpers (R2.1, R2.3, R2.4, R2.6, R2.8, R3.3)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    RUNNING_READINESS_CHECKLIST,
    EffortKind,
    Load,
    LoadKind,
    RunDraft,
    RunStyle,
    SessionDraft,
    SetEntry,
    compressive_warning,
    dose_label,
    effort_value,
    hsr_spacing_note,
    nudge_dose,
    plan_sets,
    run_stage_warning,
)

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def session(**changes: object) -> SessionDraft:
    draft = SessionDraft(
        exercise_id=1,
        performed_at=NOW - timedelta(hours=1),
        sets=plan_sets(5, 1, 40, 120),
        load=Load.band("green"),
        effort_kind=EffortKind.PERCENT,
        effort_value=70,
        pain_during=2,
        note="felt fine",
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def run(**changes: object) -> RunDraft:
    draft = RunDraft(performed_at=NOW - timedelta(hours=2), duration_s=1800, distance_km=4.2)
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


# --- Load ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("load", "label"),
    [
        (Load.bodyweight(), "bodyweight"),
        (Load.band("  green "), "band: green"),
        (Load.weight(20), "20 kg"),
        (Load.weight(22.5), "22.5 kg"),
        (Load("kg", kg=0), "0 kg"),  # type: ignore[arg-type]
    ],
)
def test_load_labels(load: Load, label: str) -> None:
    assert load.label == label


def test_load_kind_string_becomes_enum() -> None:
    assert Load("band", band_colour="red").kind is LoadKind.BAND  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "chain"}, "load_kind"),
        ({"kind": LoadKind.BAND}, "band_colour"),
        ({"kind": LoadKind.BAND, "band_colour": "   "}, "band_colour"),
        ({"kind": LoadKind.BAND, "band_colour": "x" * 33}, "band_colour"),
        ({"kind": LoadKind.KG}, "load_kg"),
        ({"kind": LoadKind.KG, "kg": -1}, "load_kg"),
        ({"kind": LoadKind.KG, "kg": 500.5}, "load_kg"),
        ({"kind": LoadKind.KG, "kg": float("nan")}, "load_kg"),
        ({"kind": LoadKind.BODYWEIGHT, "kg": 10}, "load_kg"),
        ({"kind": LoadKind.KG, "kg": 10, "band_colour": "red"}, "band_colour"),
    ],
)
def test_invalid_load_names_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        Load(**kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


# --- effort ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("rpe", 1, 1),
        ("rpe", 10, 10),
        ("rpe", 7.0, 7),
        ("percent", 1, 1),
        ("percent", 100, 100),
        ("percent", None, None),
        ("rpe", "", None),
    ],
)
def test_effort_accepts(kind: str, value: object, expected: int | None) -> None:
    assert effort_value(kind, value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [
        ("rpe", 0, "effort_value"),
        ("rpe", 11, "effort_value"),
        ("rpe", 6.5, "effort_value"),
        ("percent", 0, "effort_value"),
        ("percent", 101, "effort_value"),
        ("borg", 5, "effort_kind"),
    ],
)
def test_effort_rejects(kind: str, value: object, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        effort_value(kind, value)
    assert err.value.field == field


# --- SetEntry --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reps": 0}, "reps"),
        ({"reps": 201}, "reps"),
        ({"reps": True}, "reps"),
        ({"reps": 1, "hold_seconds": 0}, "hold_seconds"),
        ({"reps": 1, "hold_seconds": 601}, "hold_seconds"),
        ({"reps": 1, "rest_seconds": -1}, "rest_seconds"),
        ({"reps": 1, "rest_seconds": 1801}, "rest_seconds"),
    ],
)
def test_invalid_set_names_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        SetEntry(**kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


def test_set_edges_accepted() -> None:
    assert SetEntry(200, 600, 1800) == SetEntry(200, 600, 1800)
    assert SetEntry(1, 1, 0).rest_seconds == 0


# --- SessionDraft ----------------------------------------------------------------------------
def test_valid_session_is_cleaned() -> None:
    clean = session(note="  ok  ", sets=[SetEntry(12), SetEntry(10)]).validate(NOW)
    assert clean.note == "ok"
    assert clean.sets == (SetEntry(12), SetEntry(10))
    assert clean.effort_kind is EffortKind.PERCENT


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"exercise_id": 0}, "exercise_id"),
        ({"exercise_id": True}, "exercise_id"),
        ({"performed_at": NOW + timedelta(hours=1)}, "performed_at"),
        ({"performed_at": datetime(2026, 3, 2, 9, 0)}, "performed_at"),
        ({"sets": ()}, "sets"),
        ({"sets": tuple(SetEntry(5) for _ in range(31))}, "sets"),
        ({"sets": (5, 5)}, "sets"),
        ({"load": "band"}, "load"),
        ({"effort_kind": "borg"}, "effort_kind"),
        ({"effort_value": 101}, "effort_value"),
        ({"effort_kind": EffortKind.RPE, "effort_value": 70}, "effort_value"),
        ({"pain_during": 11}, "pain_during"),
        ({"pain_during": -1}, "pain_during"),
        ({"note": "x" * 2001}, "note"),
    ],
)
def test_invalid_session_names_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        session(**changes).validate(NOW)
    assert err.value.field == field
    assert err.value.message


def test_thirty_sets_allowed() -> None:
    assert len(session(sets=tuple(SetEntry(5) for _ in range(30))).validate(NOW).sets) == 30


# --- RunDraft --------------------------------------------------------------------------------
def test_valid_run_is_cleaned() -> None:
    clean = run(duration_s=1799.6, style="continuous", note=" easy ").validate(NOW)
    assert clean.duration_s == 1800
    assert clean.style is RunStyle.CONTINUOUS
    assert clean.note == "easy"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration_s": 0}, "duration_s"),
        ({"duration_s": -5}, "duration_s"),
        ({"duration_s": 8 * 3600 + 1}, "duration_s"),
        ({"distance_km": -0.1}, "distance_km"),
        ({"distance_km": 200.1}, "distance_km"),
        ({"style": "sprint"}, "style"),
        ({"hills": "yes"}, "hills"),
        ({"speed": 1}, "speed"),
        ({"pain_during": 12}, "pain_during"),
        ({"performed_at": NOW + timedelta(minutes=5)}, "performed_at"),
    ],
)
def test_invalid_run_names_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        run(**changes).validate(NOW)
    assert err.value.field == field


def test_run_edges_accepted() -> None:
    assert run(duration_s=8 * 3600, distance_km=200).validate(NOW).duration_s == 8 * 3600
    assert run(distance_km=None).validate(NOW).distance_km is None
    assert run(duration_s=0.2).validate(NOW).duration_s == 1


# --- R2.1 compressive warning -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("compressive", "stage", "warns"),
    [
        (True, 1, True),
        (True, 2, True),
        (True, 3, True),
        (True, 4, False),
        (True, 5, False),
        (False, 1, False),
        (False, 3, False),
        (False, 5, False),
    ],
)
def test_compressive_warning(compressive: bool, stage: int, warns: bool) -> None:
    text = compressive_warning(compressive, stage)
    assert (text is not None) == warns
    if text is not None:
        assert f"stage {stage}" in text
        assert "can still log" in text  # a warning, not a refusal


def test_compressive_warning_rejects_unknown_stage() -> None:
    with pytest.raises(ValidationError) as err:
        compressive_warning(True, 0)
    assert err.value.field == "stage"


@pytest.mark.parametrize(
    ("hills", "speed", "stage", "warns"),
    [
        (True, False, 4, True),
        (False, True, 3, True),
        (False, False, 4, False),
        (True, True, 5, False),
    ],
)
def test_run_stage_warning(hills: bool, speed: bool, stage: int, warns: bool) -> None:
    assert (run_stage_warning(hills, speed, stage) is not None) == warns


# --- R2.6 48 h spacing ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gap", "note"),
    [
        (timedelta(hours=47, minutes=59), True),
        (timedelta(hours=48), False),
        (timedelta(hours=-47, minutes=-59), True),  # a session logged later, after this one
        (timedelta(hours=-48), False),
        (timedelta(0), True),
        (timedelta(hours=72), False),
    ],
)
def test_hsr_spacing_edges(gap: timedelta, note: bool) -> None:
    new = NOW
    assert (hsr_spacing_note([new - gap], new) is not None) == note


def test_hsr_spacing_names_the_closest_gap() -> None:
    text = hsr_spacing_note([NOW - timedelta(hours=40), NOW - timedelta(hours=20)], NOW)
    assert text is not None
    assert "20 h" in text
    assert "48 h" in text


def test_hsr_spacing_without_history() -> None:
    assert hsr_spacing_note([], NOW) is None


# --- nudging ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sets", "step", "dose_type", "expected"),
    [
        ((SetEntry(1, 40, 120),), 1, "hold", (SetEntry(1, 45, 120),)),
        ((SetEntry(1, 40, 120),), -1, "hold", (SetEntry(1, 35, 120),)),
        ((SetEntry(1, 7),), -1, "hold", (SetEntry(1, 5),)),
        ((SetEntry(1, 5),), -1, "hold", (SetEntry(1, 5),)),
        ((SetEntry(1, 3),), -1, "hold", (SetEntry(1, 3),)),  # never raised by a step down
        ((SetEntry(1, 598),), 1, "hold", (SetEntry(1, 600),)),
        ((SetEntry(12), SetEntry(10)), 1, "reps", (SetEntry(13), SetEntry(11))),
        ((SetEntry(1),), -1, "reps", (SetEntry(1),)),
        ((SetEntry(200),), 1, "reps", (SetEntry(200),)),
        ((SetEntry(8),), 1, "hold", (SetEntry(8),)),  # no hold seconds: left alone
    ],
)
def test_nudge_dose(
    sets: tuple[SetEntry, ...], step: int, dose_type: str, expected: tuple[SetEntry, ...]
) -> None:
    assert nudge_dose(sets, step, dose_type) == expected


@pytest.mark.parametrize(("step", "dose_type"), [(2, "reps"), (0, "hold"), (1, "run")])
def test_nudge_rejects(step: int, dose_type: str) -> None:
    with pytest.raises(ValueError, match=r"step|nudge"):
        nudge_dose((SetEntry(5),), step, dose_type)


@given(
    reps=st.integers(1, 200),
    hold=st.integers(1, 600),
    steps=st.lists(st.sampled_from([1, -1]), max_size=60),
    dose_type=st.sampled_from(["hold", "reps"]),
)
def test_nudge_never_goes_below_minimum_property(
    reps: int, hold: int, steps: list[int], dose_type: str
) -> None:
    sets: tuple[SetEntry, ...] = (SetEntry(reps, hold, 60),)
    for step in steps:
        before = sets[0]
        sets = nudge_dose(sets, step, dose_type)
        after = sets[0]
        assert after.reps >= min(1, before.reps)
        assert before.hold_seconds is not None
        assert after.hold_seconds is not None
        assert after.hold_seconds >= min(5, hold)
        moved = (
            (after.hold_seconds - before.hold_seconds)
            if dose_type == "hold"
            else (after.reps - before.reps)
        )
        assert moved * step >= 0  # never against the step's direction


# --- labels ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sets", "load", "label"),
    [
        (plan_sets(5, 1, 40, 120), Load.band("green"), "5 × 40 s, band: green"),
        (plan_sets(3, 12, None, 150), Load.weight(20), "3 × 12, 20 kg"),
        (plan_sets(1, 5, 30, 60), Load.bodyweight(), "5 × 30 s, bodyweight"),
        (plan_sets(2, 5, 30, 60), Load.bodyweight(), "2 sets × 5 × 30 s, bodyweight"),
        ((SetEntry(12), SetEntry(10), SetEntry(8)), Load.weight(20), "12 / 10 / 8, 20 kg"),
        (
            (SetEntry(1, 40), SetEntry(1, 40), SetEntry(1, 25)),
            Load.bodyweight(),
            "40 s / 40 s / 25 s, bodyweight",
        ),
    ],
)
def test_dose_label(sets: tuple[SetEntry, ...], load: Load, label: str) -> None:
    assert dose_label(sets, load) == label


def test_dose_label_ignores_rest() -> None:
    load = Load.bodyweight()
    assert dose_label(plan_sets(3, 10, None, 60), load) == dose_label(
        plan_sets(3, 10, None, 180), load
    )


def test_dose_label_needs_sets() -> None:
    with pytest.raises(ValidationError):
        dose_label((), Load.bodyweight())


def test_plan_sets_rejects_too_many() -> None:
    with pytest.raises(ValidationError) as err:
        plan_sets(31, 1, 40, 120)
    assert err.value.field == "sets"


# --- R2.8 ------------------------------------------------------------------------------------
def test_running_readiness_checklist() -> None:
    text = " ".join(RUNNING_READINESS_CHECKLIST).lower()
    for item in ("pain at rest", "drop lunge", "hamstring-curl", "left and the right"):
        assert item in text
    last = RUNNING_READINESS_CHECKLIST[-1].lower()
    assert last.index("run-walk") < last.index("hills") < last.index("last")
