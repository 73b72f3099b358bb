"""Outcome measures over weeks: is the tendon getting stronger and more tolerant? (issue 15)

Morning pain answers "was yesterday too much?" (R3.2); these answer the question a user and
their physiotherapist ask every few weeks. Four measures, each a dated entry:

* **Sitting tolerance** — minutes on a firm chair until the first sitting-bone pain, capped
  at 30 min ("reached 30 min without pain"): the compressive tolerance R1 is about.
* **Single-leg bridge to fatigue** — repetitions each side at a set tempo; the limb
  symmetry index (LSI) is painful side ÷ other side × 100 (both sides painful: weaker ÷
  stronger). The R2.8 checklist's "strength similar left and right" reads from it.
* **Pain-free running time** — never typed: the longest run after which the next morning
  was at or below baseline, i.e. a run on a load day the one verdict engine
  (:func:`pht_desktop.domain.verdicts.compute_verdicts`) calls tolerated (R3.2).
* **VISA-H** (Cacchio et al. 2014, BJSM) — the total 0–100 (100 = no symptoms) the user
  took on paper or with their clinician; the questionnaire's items are never reproduced.

Pure values and rules: no Qt, no SQL. A single reading is never read as a diagnosis
(R5): the words here describe what a measure shows and how to repeat it, nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import calendar_date
from pht_desktop.domain.plural import counted
from pht_desktop.domain.verdicts import PAIN_DURING_CEILING, Outcome, Verdict

SITTING_CAP_MIN: Final = 30
"""The sitting test stops at 30 min: "reached 30 min without pain" (issue 15)."""
BRIDGE_MAX_REPS: Final = 200
TEMPO_RANGE: Final = (1, 6)
"""Seconds per repetition the counter beeps (up and down in one beat)."""
DEFAULT_TEMPO_S: Final = 2
VISA_H_RANGE: Final = (0, 100)
SIMILAR_PERCENT: Final = 90.0
"""A limb-symmetry index of 90 % or more counts as "similar left and right" (R2.8): the
threshold commonly quoted in return-to-running and return-to-sport criteria."""
INTERVAL_WEEKS_RANGE: Final = (1, 4)
DEFAULT_INTERVAL_WEEKS: Final = 2
"""Every 2 weeks unless set otherwise, 1–4 weeks (issue 15)."""
NOTE_MAX: Final = 500

NOT_A_DIAGNOSIS: Final = (
    "A single measure is one reading, not a diagnosis: look at the trend over weeks, "
    "with your clinician."
)


class MeasureKind(StrEnum):
    """What was measured; ``RUNNING`` is computed from runs and verdicts, never stored."""

    SITTING = "sitting_tolerance"
    BRIDGE = "bridge"
    VISA_H = "visa_h"
    RUNNING = "pain_free_running"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def unit(self) -> str:
        return _UNITS[self]


_LABELS: Final = {
    MeasureKind.SITTING: "Sitting tolerance",
    MeasureKind.BRIDGE: "Single-leg bridge",
    MeasureKind.VISA_H: "VISA-H",
    MeasureKind.RUNNING: "Pain-free running",
}
_UNITS: Final = {
    MeasureKind.SITTING: "min",
    MeasureKind.BRIDGE: "reps",
    MeasureKind.VISA_H: "/100",
    MeasureKind.RUNNING: "min",
}

STORED_KINDS: Final = (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H)
REMINDED_KINDS: Final = (MeasureKind.SITTING, MeasureKind.BRIDGE)
"""The ones the user takes alone with the app's stopwatch and counter; VISA-H is entered
when taken with the clinician or on paper, and running is computed."""


@dataclass(frozen=True, slots=True)
class MeasureGuide:
    """One sentence on what a measure shows, one on doing it the same way each time."""

    shows: str
    how: str


GUIDES: Final[Mapping[MeasureKind, MeasureGuide]] = {
    MeasureKind.SITTING: MeasureGuide(
        shows="How long your tendon tolerates being compressed on a seat, which is what "
        "the sitting breaks protect.",
        how="Sit on the same firm chair at about the same time of day, start the stopwatch "
        "as you sit and stop it at the first sitting-bone pain (it stops by itself at 30 "
        "min).",
    ),
    MeasureKind.BRIDGE: MeasureGuide(
        shows="The strength and endurance of each side's hip extensors, and how even the "
        "two sides are (the symmetry, painful side ÷ other side).",
        how="Lie on your back with the same knee bend each time, lift and lower your hips "
        "once per beep until you cannot keep the tempo, then rest and do the other side "
        "at the same tempo.",
    ),
    MeasureKind.RUNNING: MeasureGuide(
        shows="The longest run your tendon handled: the next morning's pain was at or "
        "below your baseline.",
        how="Worked out from the runs you log or import and the next morning's check-in, "
        "so keep the morning test the same.",
    ),
    MeasureKind.VISA_H: MeasureGuide(
        shows="Symptoms and function on the VISA-H questionnaire (a standard hamstring "
        "tendon score), "
        "0–100, where 100 means no symptoms.",
        how="Take the same version of the questionnaire on paper or with your clinician "
        "and enter its total score and the date you took it.",
    ),
}


class Side(StrEnum):
    """The painful side for the bridge (both: the weaker side is named instead)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


@dataclass(frozen=True, slots=True)
class Symmetry:
    """A limb-symmetry index with the sides it compares.

    ``percent`` is ``side`` ÷ the other side × 100: the painful side when one side is
    painful (it may pass 100 %), else the weaker side (at most 100 %).
    """

    percent: float
    side: Side
    painful: bool
    side_reps: int
    other_reps: int

    @property
    def similar(self) -> bool:
        """R2.8 "strength similar left and right": within :data:`SIMILAR_PERCENT`."""
        low, high = sorted((self.side_reps, self.other_reps))
        return low * 100 >= SIMILAR_PERCENT * high

    def sentence(self) -> str:
        """ "Bridge symmetry 80 %: right (painful) 16 reps, left 20 reps." """
        role = "painful" if self.painful else "weaker"
        return (
            f"Bridge symmetry {self.percent:.0f} %: {self.side.value} ({role}) "
            f"{counted(self.side_reps, 'rep')}, {_other(self.side).value} "
            f"{counted(self.other_reps, 'rep')}."
        )


def limb_symmetry(left: int, right: int, painful_side: Side) -> Symmetry | None:
    """The LSI of a bridge test, or None when the other side did no repetition.

    One painful side: painful ÷ other × 100 (the clinical convention, involved ÷
    uninvolved). Both painful: weaker ÷ stronger × 100, naming the weaker side; equal
    sides name the left, at 100 %.
    """
    painful_side = Side(painful_side)
    if painful_side is Side.BOTH:
        side = Side.RIGHT if right < left else Side.LEFT
        painful = False
    else:
        side, painful = painful_side, True
    reps = {Side.LEFT: left, Side.RIGHT: right}
    mine, other = reps[side], reps[_other(side)]
    if other == 0:
        return None
    return Symmetry(mine / other * 100.0, side, painful, mine, other)


@dataclass(frozen=True, slots=True)
class Measure:
    """One dated, validated outcome measure.

    ``value`` is minutes for sitting tolerance (0–30; ``reached_cap`` when the 30 min
    passed without pain) and the total score for VISA-H (0–100). A bridge has reps per
    side, the tempo in seconds per rep and the painful side. ``id`` is the store's.
    """

    kind: MeasureKind
    day: date
    value: float | None = None
    reached_cap: bool = False
    left_reps: int | None = None
    right_reps: int | None = None
    painful_side: Side | None = None
    tempo_s: int | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        kind = _kind(self.kind)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "day", calendar_date(self.day, "day"))
        object.__setattr__(self, "note", validation.short_text(self.note, "note", "The note"))
        if kind is MeasureKind.SITTING:
            self._check_sitting()
        elif kind is MeasureKind.BRIDGE:
            self._check_bridge()
        else:
            self._check_visa()

    def _only(self, *fields: str) -> None:
        """Fields of other kinds stay empty, so a stored row means one thing."""
        extra = {
            "value": self.value is not None,
            "reached_cap": self.reached_cap,
            "left_reps": self.left_reps is not None,
            "right_reps": self.right_reps is not None,
            "painful_side": self.painful_side is not None,
            "tempo_s": self.tempo_s is not None,
        }
        for name, present in extra.items():
            if present and name not in fields:
                raise ValidationError(name, f"{self.kind.label} has no {name.replace('_', ' ')}.")

    def _check_sitting(self) -> None:
        self._only("value", "reached_cap")
        minutes = validation.non_negative_number(
            self.value, "value", "Sitting tolerance", float(SITTING_CAP_MIN)
        )
        if minutes > SITTING_CAP_MIN:
            raise ValidationError("value", f"The sitting test stops at {SITTING_CAP_MIN} min.")
        if self.reached_cap and minutes < SITTING_CAP_MIN:
            raise ValidationError(
                "reached_cap",
                f"'Reached {SITTING_CAP_MIN} min without pain' needs {SITTING_CAP_MIN} min.",
            )
        object.__setattr__(self, "value", round(minutes, 1))
        object.__setattr__(self, "reached_cap", bool(self.reached_cap))

    def _check_bridge(self) -> None:
        self._only("left_reps", "right_reps", "painful_side", "tempo_s")
        left = validation.int_in_range(
            self.left_reps, 0, BRIDGE_MAX_REPS, "left_reps", "Left-side repetitions"
        )
        right = validation.int_in_range(
            self.right_reps, 0, BRIDGE_MAX_REPS, "right_reps", "Right-side repetitions"
        )
        if left == 0 and right == 0:
            raise ValidationError("left_reps", "Enter the repetitions of at least one side.")
        tempo = validation.int_in_range(
            self.tempo_s, *TEMPO_RANGE, "tempo_s", "The tempo", "seconds per repetition"
        )
        if self.painful_side not in tuple(Side):
            raise ValidationError("painful_side", "Say which side is painful: left, right or both.")
        object.__setattr__(self, "painful_side", Side(self.painful_side))
        object.__setattr__(self, "tempo_s", tempo)

    def _check_visa(self) -> None:
        self._only("value")
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        score = validation.int_in_range(value, *VISA_H_RANGE, "value", "The VISA-H total")
        object.__setattr__(self, "value", float(score))

    def not_in_future(self, today: date) -> Measure:
        """User input: also refuse a date after ``today`` (a stored value need not)."""
        validation.date_not_future(self.day, today, "day")
        return self

    @property
    def symmetry(self) -> Symmetry | None:
        if self.kind is not MeasureKind.BRIDGE:
            return None
        assert self.left_reps is not None
        assert self.right_reps is not None
        assert self.painful_side is not None
        return limb_symmetry(self.left_reps, self.right_reps, self.painful_side)

    def value_text(self) -> str:
        """The reading in words with its unit: "25 min", "30 min (no pain)", "68/100"."""
        if self.kind is MeasureKind.SITTING:
            assert self.value is not None
            cap = " (no pain)" if self.reached_cap else ""
            return f"{minutes_text(self.value)} min{cap}"
        if self.kind is MeasureKind.VISA_H:
            assert self.value is not None
            return f"{self.value:.0f}/100"
        sym = self.symmetry
        reps = f"left {self.left_reps}, right {self.right_reps} reps at {self.tempo_s} s/rep"
        if sym is None:  # the comparison side did nothing: say so rather than show nothing
            zero = "left" if self.left_reps == 0 else "right"
            return f"{reps}; symmetry not available (0 reps on the {zero})"
        return f"{reps}; symmetry {sym.percent:.0f} %"


def _kind(value: object) -> MeasureKind:
    if value not in STORED_KINDS:
        names = ", ".join(k.value for k in STORED_KINDS)
        raise ValidationError("kind", f"A measure is one of: {names}.")
    return MeasureKind(str(value))


def minutes_text(minutes: float) -> str:
    """Whole minutes plain, others to one decimal ("12", "12.5")."""
    rounded = round(minutes, 1)
    return f"{rounded:.0f}" if rounded.is_integer() else f"{rounded:.1f}"


# --- pain-free running (from runs and the one verdict engine) -------------------------------
@dataclass(frozen=True, slots=True)
class RunItem:
    """A live run as the measure needs it: its local date, length and pain during."""

    day: date
    seconds: int
    pain_during: int | None = None


def pain_free_runs(runs: Iterable[RunItem], verdicts: Iterable[Verdict]) -> list[tuple[date, int]]:
    """Per load day judged tolerated (R3.2), the longest run that day, oldest first.

    ``verdicts`` come from :func:`~pht_desktop.domain.verdicts.compute_verdicts` (one rule,
    one function): tolerated means the next morning was at or below the reference of the
    mode in use (R3.6). A run with pain during at or above the R3.8 ceiling is left out,
    since R3.8 flags it whatever the next morning says. Unknown days never count.
    """
    tolerated = {v.day for v in verdicts if v.outcome is Outcome.TOLERATED}
    best: dict[date, int] = {}
    for run in runs:
        over = run.pain_during is not None and run.pain_during >= PAIN_DURING_CEILING
        if run.day in tolerated and not over and run.seconds > best.get(run.day, 0):
            best[run.day] = run.seconds
    return sorted(best.items())


def pain_free_running_s(
    runs: Iterable[RunItem],
    verdicts: Iterable[Verdict],
    start: date | None = None,
    end: date | None = None,
) -> int | None:
    """The longest pain-free run (seconds) with its day in [start, end]; None: none yet."""
    chosen = [
        s
        for day, s in pain_free_runs(runs, verdicts)
        if (start is None or day >= start) and (end is None or day <= end)
    ]
    return max(chosen) if chosen else None


# --- due (the reminder) -------------------------------------------------------------------
def check_interval_weeks(value: object) -> int:
    """The reminder interval, 1–4 weeks (default 2)."""
    return validation.int_in_range(
        value, *INTERVAL_WEEKS_RANGE, "interval_weeks", "The measure reminder", "weeks"
    )


def due_kinds(
    latest: Mapping[MeasureKind, date], today: date, interval_weeks: int = DEFAULT_INTERVAL_WEEKS
) -> list[MeasureKind]:
    """The reminded measures never taken, or last taken ``interval_weeks`` or more ago."""
    weeks = check_interval_weeks(interval_weeks)
    limit = today - timedelta(days=7 * weeks)
    return [k for k in REMINDED_KINDS if k not in latest or latest[k] <= limit]


def due_sentence(
    due: Sequence[MeasureKind], latest: Mapping[MeasureKind, date], today: date
) -> str:
    """The Today line: "Outcome measures due: sitting tolerance (last 15 days ago), …"."""
    if not due:
        return ""
    parts = []
    for kind in due:
        last = latest.get(kind)
        when = (
            "not taken yet" if last is None else f"last {counted((today - last).days, 'day')} ago"
        )
        parts.append(f"{kind.label.lower()} ({when})")
    return "Outcome measures due: " + ", ".join(parts) + ". Take them in Measures."


def latest_days(measures: Iterable[Measure]) -> dict[MeasureKind, date]:
    """The most recent date each kind was taken."""
    latest: dict[MeasureKind, date] = {}
    for m in measures:
        if m.kind not in latest or m.day > latest[m.kind]:
            latest[m.kind] = m.day
    return latest


# --- the sentence beside the streak (stage-proposal dialog) -------------------------------
@dataclass(frozen=True, slots=True)
class Reading:
    """One number of one measure on one day (what charts and summaries compare)."""

    kind: MeasureKind
    day: date
    value: float


def readings(
    measures: Iterable[Measure], running: Iterable[tuple[date, int]] = ()
) -> list[Reading]:
    """Each measure as one comparable number, oldest first: sitting minutes, bridge
    symmetry % (skipped when undefined), VISA-H points, pain-free running minutes."""
    out: list[Reading] = []
    for m in measures:
        if m.kind is MeasureKind.BRIDGE:
            sym = m.symmetry
            if sym is not None:
                out.append(Reading(m.kind, m.day, sym.percent))
        elif m.value is not None:
            out.append(Reading(m.kind, m.day, m.value))
    out += [Reading(MeasureKind.RUNNING, day, seconds / 60) for day, seconds in running]
    return sorted(out, key=lambda r: (r.day, list(MeasureKind).index(r.kind)))


_SUMMARY_WORDS: Final = {
    MeasureKind.SITTING: ("Sitting tolerance", " min"),
    MeasureKind.BRIDGE: ("bridge symmetry", " %"),
    MeasureKind.RUNNING: ("pain-free running", " min"),
    MeasureKind.VISA_H: ("VISA-H", "/100"),
}


def _number(kind: MeasureKind, value: float) -> str:
    return f"{value:.0f}" if kind is MeasureKind.BRIDGE else minutes_text(value)


def measures_summary_since(
    measures: Iterable[Measure],
    since: date | None,
    stage: int,
    running: Iterable[tuple[date, int]] = (),
) -> str:
    """One sentence for the stage-proposal dialog, beside the streak (issue 15).

    "Sitting tolerance 12 → 25 min since stage 2; bridge symmetry 78 % → 92 %." For each
    measure: the reading in force when the stage began (the last one on or before
    ``since``, else the first after it) → the latest. One reading only: just it. No
    readings at all: an empty string (the dialog then shows nothing). ``since`` None
    means the stage has no recorded start: the first reading ever is the reference.
    """
    by_kind: dict[MeasureKind, list[Reading]] = {}
    for r in readings(measures, running):
        by_kind.setdefault(r.kind, []).append(r)
    parts: list[str] = []
    for kind in (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.RUNNING, MeasureKind.VISA_H):
        series = by_kind.get(kind)
        if not series:
            continue
        before = [r for r in series if since is not None and r.day <= since]
        first = before[-1] if before else series[0]
        last = series[-1]
        name, unit = _SUMMARY_WORDS[kind]
        if not parts:
            name = name[0].upper() + name[1:]
        now = f"{_number(kind, last.value)}{unit}"
        if first is last:
            parts.append(f"{name} {now}")
        else:
            # A percentage keeps its sign on both sides ("78 % → 92 %"), minutes once.
            was = _number(kind, first.value) + (unit if kind is MeasureKind.BRIDGE else "")
            parts.append(f"{name} {was} → {now}")
        if len(parts) == 1:
            parts[0] += f" since stage {stage}"
    return "; ".join(parts) + "." if parts else ""


def is_strength_item(item: str) -> bool:
    """The R2.8 checklist's "strength similar left and right" item, whatever its words."""
    return "strength" in item.lower()


def checklist_strength_line(measures: Iterable[Measure]) -> tuple[bool | None, str]:
    """R2.8 "strength similar left and right", read from the latest bridge test.

    (None, why) when there is no bridge test with both sides, so the user is asked to
    take one instead of guessing; otherwise (similar, the symmetry sentence).
    """
    bridges = [m for m in measures if m.kind is MeasureKind.BRIDGE and m.symmetry is not None]
    if not bridges:
        return None, "No single-leg bridge test yet: take one in Measures to answer this."
    latest = max(bridges, key=lambda m: m.day)
    sym = latest.symmetry
    assert sym is not None
    verdict = "similar" if sym.similar else f"not yet similar (under {SIMILAR_PERCENT:.0f} %)"
    return sym.similar, f"{sym.sentence()} On {latest.day.isoformat()}: {verdict}."
