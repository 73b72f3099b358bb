"""The 24-hour response rule as pure functions (R3.2, R3.6, R3.7, R3.8, R3.9).

Verdicts are recomputed from plain values every time: nothing is cached, so an edited
entry or a switched baseline mode (R3.6) simply gives new verdicts, and data is never
rewritten. All days are local calendar dates; :func:`local_date` (from the clock module,
re-exported here) is the one way to turn an aware timestamp into such a date.

Test lock (R3.7), as designed here — a verdict never compares readings of two tests:

* PRE_LOAD: the load-day morning and the next morning must carry the same test key.
* FIXED: the next morning's test must equal the baseline's test — ``BaselineChange.test``
  when set, else the test in force (test changes) on the baseline's effective date.
  When neither is known there is nothing to compare against and the reading is used.

Entries' own test keys are the record of what was measured, so they win over the
test-change history for the readings themselves.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pht_desktop.domain import validation
from pht_desktop.domain.clock import local_date as local_date
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    MorningEntry,
    TestChange,
    baseline_in_force,
    calendar_date,
    entries_by_day,
    label_for_test,
    morning_test_in_force,
)

PAIN_DURING_CEILING = 6
"""Pain during a session at or above this is over the ceiling (R3.8, Silbernagel 2007)."""

REASON_NO_MORNING = "no morning entry"
REASON_NO_BASELINE = "no baseline"
REASON_NO_PRE_LOAD = "no morning entry on the load day"


class Outcome(StrEnum):
    """A load day's verdict (R3.2)."""

    TOLERATED = "tolerated"
    EXCEEDED = "exceeded"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LoadDay:
    """A local calendar date with at least one exercise or run logged (R3.2).

    ``max_pain_during`` is the highest pain during any session that day (R3.8), if given;
    ``dose`` is the day's whole load in words (shown to the user); ``doses`` are the labels
    of its single sessions ("Prone hip-extension hold 5 × 40 s"), which the guidance
    follows one by one, so a second exercise that day does not reset a streak (R3.5).
    """

    day: date
    max_pain_during: int | None = None
    dose: str | None = None
    doses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", calendar_date(self.day, "day"))
        object.__setattr__(
            self, "max_pain_during", validation.optional_pain(self.max_pain_during, "pain_during")
        )
        if self.dose is not None and not isinstance(self.dose, str):
            raise ValidationError("dose", "The dose label must be text.")
        if not self.doses and self.dose:
            object.__setattr__(self, "doses", (self.dose,))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on one load day, with what it compared (R3.2, R3.6).

    ``reference`` is the baseline (FIXED) or the load-day morning pain (PRE_LOAD), when
    known; ``reason`` says why the outcome is UNKNOWN and is None otherwise.
    ``week_rose`` uses the load day's week as known on the next morning (R3.9), so later
    entries never change an issued verdict.
    """

    load_day: LoadDay
    outcome: Outcome
    next_morning_pain: int | None
    reference: int | None
    mode: BaselineMode
    reason: str | None
    pain_during_over_ceiling: bool
    week_rose: bool

    @property
    def day(self) -> date:
        return self.load_day.day

    @property
    def next_morning(self) -> date:
        """The calendar day whose morning decides (R3.2): date arithmetic, never +24 h."""
        return self.load_day.day + timedelta(days=1)

    @property
    def dose(self) -> str | None:
        return self.load_day.dose

    @property
    def doses(self) -> tuple[str, ...]:
        return self.load_day.doses


def _test_words(key: str) -> str:
    """A test key in the user's words (R3.7), the key itself if it is not one we know."""
    try:
        return label_for_test(key).lower()
    except ValueError:
        return key


def week_start(day: date) -> date:
    """Monday of the calendar week (Mon–Sun) holding ``day`` (R3.9)."""
    return day - timedelta(days=day.weekday())


def weekly_means(entries: Iterable[MorningEntry]) -> list[tuple[date, float]]:
    """Mean morning pain per calendar week with entries, oldest first (R3.9 charts)."""
    weeks = _by_week(entries)
    return [(start, sum(e.pain for e in w) / len(w)) for start, w in sorted(weeks.items())]


def _by_week(entries: Iterable[MorningEntry]) -> dict[date, list[MorningEntry]]:
    weeks: dict[date, list[MorningEntry]] = {}
    for entry in entries:
        weeks.setdefault(week_start(entry.day), []).append(entry)
    return weeks


def _week_rose(weeks: dict[date, list[MorningEntry]], day: date, as_of: date | None) -> bool:
    this_week = week_start(day)
    current = [e for e in weeks.get(this_week, ()) if as_of is None or e.day <= as_of]
    previous = [
        e for e in weeks.get(this_week - timedelta(days=7), ()) if as_of is None or e.day <= as_of
    ]
    if not current or not previous or len({e.test for e in current + previous}) > 1:
        return False
    # Cross-multiplied sums: exact, no float ties.
    now_sum, before_sum = sum(e.pain for e in current), sum(e.pain for e in previous)
    return now_sum * len(previous) > before_sum * len(current)


def week_rose(entries: Iterable[MorningEntry], day: date, *, as_of: date | None = None) -> bool:
    """True when ``day``'s week has a higher mean morning pain than the week before (R3.9).

    Only entries dated up to ``as_of`` count (None: all). Both weeks need entries, all on
    one test: readings of different tests are never compared (R3.7).
    """
    return _week_rose(_by_week(entries), day, as_of)


def _judge(pain: int, reference: int) -> Outcome:
    """R3.2: at or below the reference is tolerated, above is exceeded."""
    return Outcome.TOLERATED if pain <= reference else Outcome.EXCEEDED


def _verdict(
    load_day: LoadDay,
    by_day: dict[date, MorningEntry],
    weeks: dict[date, list[MorningEntry]],
    baselines: Sequence[BaselineChange],
    tests: Sequence[TestChange],
    mode: BaselineMode,
) -> Verdict:
    next_day = load_day.day + timedelta(days=1)
    after = by_day.get(next_day)
    reference: int | None = None
    reason: str | None = None
    outcome = Outcome.UNKNOWN
    if mode is BaselineMode.FIXED:
        baseline = baseline_in_force(baselines, next_day)  # R3.1: in force on that morning
        reference = None if baseline is None else baseline.pain
        if after is None:
            reason = REASON_NO_MORNING
        elif baseline is None:
            reason = REASON_NO_BASELINE
        else:
            base_test = baseline.test or morning_test_in_force(tests, baseline.effective_date)
            if base_test is not None and base_test != after.test:
                reason = (
                    f"test changed: your baseline is for {_test_words(base_test)}, this "
                    f"morning's pain is on {_test_words(after.test)}; set a baseline for "
                    "the new test in Settings"
                )
            else:
                outcome = _judge(after.pain, baseline.pain)
    else:
        before = by_day.get(load_day.day)
        reference = None if before is None else before.pain
        if after is None:
            reason = REASON_NO_MORNING
        elif before is None:
            reason = REASON_NO_PRE_LOAD
        elif before.test != after.test:
            reason = (
                f"test changed: {_test_words(before.test)} on the load day, "
                f"{_test_words(after.test)} next morning"
            )
        else:
            outcome = _judge(after.pain, before.pain)
    during = load_day.max_pain_during
    return Verdict(
        load_day=load_day,
        outcome=outcome,
        next_morning_pain=None if after is None else after.pain,
        reference=reference,
        mode=mode,
        reason=reason,
        pain_during_over_ceiling=during is not None and during >= PAIN_DURING_CEILING,
        week_rose=_week_rose(weeks, load_day.day, next_day),
    )


def compute_verdict(
    load_day: LoadDay,
    entries: Iterable[MorningEntry],
    baselines: Sequence[BaselineChange] = (),
    tests: Sequence[TestChange] = (),
    mode: BaselineMode = BaselineMode.FIXED,
) -> Verdict:
    """The verdict on one load day (R3.2, R3.6, R3.7); see :func:`compute_verdicts`."""
    return compute_verdicts([load_day], entries, baselines, tests, mode)[0]


def compute_verdicts(
    load_days: Iterable[LoadDay],
    entries: Iterable[MorningEntry],
    baselines: Sequence[BaselineChange] = (),
    tests: Sequence[TestChange] = (),
    mode: BaselineMode = BaselineMode.FIXED,
) -> list[Verdict]:
    """Verdicts for every load day, oldest first, recomputed from scratch (R3.2, R3.6).

    Unknown is never guessed: no next-morning entry, no baseline, no pre-load morning or
    a test change all give UNKNOWN with a reason. Two load days or two morning entries on
    one date are refused (the caller merges sessions per day; R3.4 one entry per date).
    """
    entry_list = list(entries)
    by_day = entries_by_day(entry_list)
    days = sorted(load_days, key=lambda d: d.day)
    for earlier, later in itertools.pairwise(days):
        if earlier.day == later.day:
            raise ValidationError(
                "day", f"Two load days for {later.day.isoformat()}; merge the day's sessions."
            )
    weeks = _by_week(entry_list)
    return [_verdict(d, by_day, weeks, baselines, tests, mode) for d in days]


@dataclass(frozen=True, slots=True)
class VerdictInputs:
    """Everything a verdict depends on, as one value (R3.1, R3.2, R3.6, R3.7).

    Built by one reader (``store.verdicts_repo.verdict_inputs``) for Today, Progress, the
    report, the chart CLI and ``verdicts.csv`` alike: mornings carry their full test key
    (an "other" test's name included), ``tests`` start with the implicit default test
    (:func:`with_default_test`), so a baseline set before any choice has its test.
    """

    load_days: tuple[LoadDay, ...] = ()
    mornings: tuple[MorningEntry, ...] = ()
    baselines: tuple[BaselineChange, ...] = ()
    tests: tuple[TestChange, ...] = ()
    mode: BaselineMode = BaselineMode.FIXED


def judge(inputs: VerdictInputs, mode: BaselineMode | None = None) -> list[Verdict]:
    """Every load day's verdict from the inputs, in ``mode`` (default: the stored one, R3.6).

    The one place every screen and file gets its verdicts from.
    """
    chosen = inputs.mode if mode is None else mode
    return compute_verdicts(
        inputs.load_days, inputs.mornings, inputs.baselines, inputs.tests, chosen
    )
