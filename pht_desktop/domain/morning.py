"""Morning pain values: entries, baselines, the locked morning test (R3.1, R3.3, R3.4, R3.6, R3.7).

Plain frozen dataclasses that validate themselves on construction, so a verdict is only
ever computed from clean values. Dates are local calendar dates already decided by the
caller (see :func:`pht_desktop.domain.verdicts.local_date`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.plural import counted

DEFAULT_BASELINE_MORNINGS = 3
"""How many first mornings :func:`derive_baseline` uses unless told otherwise (R3.1)."""

TEST_KEY_MAX_LENGTH = 60


class MorningTest(StrEnum):
    """Common morning tests, roughly in order of hip flexion (R3.7: stages move the test on).

    Members are ``str``, so an entry's ``test`` may be a member or a custom key; keys are
    compared as plain strings.
    """

    SITTING = "sitting"
    SINGLE_LEG_BRIDGE = "single_leg_bridge"
    SINGLE_LEG_DEADLIFT = "single_leg_deadlift"
    PURANEN_ORAVA = "puranen_orava"
    BENT_KNEE_STRETCH = "bent_knee_stretch"
    WALKING = "walking"
    STAIRS = "stairs"
    OTHER = "other"
    """The user's own test: its key is ``"other:<name>"`` (see :func:`key_for_test`)."""

    @property
    def label(self) -> str:
        """Words for the UI."""
        return _TEST_LABELS[self]


_TEST_LABELS: dict[MorningTest, str] = {
    MorningTest.SITTING: "Pain sitting on a firm chair",
    MorningTest.SINGLE_LEG_BRIDGE: "Single-leg bridge",
    MorningTest.SINGLE_LEG_DEADLIFT: "Single-leg Romanian deadlift",
    MorningTest.PURANEN_ORAVA: "Puranen-Orava stretch (foot on a support)",
    MorningTest.BENT_KNEE_STRETCH: "Bent-knee stretch",
    MorningTest.WALKING: "Walking",
    MorningTest.STAIRS: "Stairs (one flight)",
    MorningTest.OTHER: "Other (name it)",
}

DEFAULT_TESTS: tuple[MorningTest, ...] = (
    MorningTest.SITTING,
    MorningTest.SINGLE_LEG_BRIDGE,
    MorningTest.WALKING,
    MorningTest.STAIRS,
)
"""R3.11: tests a person can do alone without deep hip flexion, offered first."""

ADVANCED_TESTS: tuple[MorningTest, ...] = (
    MorningTest.SINGLE_LEG_DEADLIFT,
    MorningTest.PURANEN_ORAVA,
    MorningTest.BENT_KNEE_STRETCH,
)
"""R3.11: hinge and stretch tests in deep flexion are examination tests: "other / advanced"."""

ADVANCED_NOTE = (
    "Advanced: these bend the hip deeply, which presses on the tendon (compressive). "
    "Clinicians use them to examine; use one each morning only if your clinician asked you to."
)


def offered_tests() -> tuple[MorningTest, ...]:
    """The order the forms offer tests in (R3.11): defaults, your own, then advanced."""
    return (*DEFAULT_TESTS, MorningTest.OTHER, *ADVANCED_TESTS)


DEFAULT_TEST = MorningTest.SITTING
"""The test in force before the user chooses one (R3.7): the seed's first example."""

OTHER_PREFIX = "other:"
OTHER_NAME_MAX_LENGTH = TEST_KEY_MAX_LENGTH - len(OTHER_PREFIX)


def key_for_test(kind: object, name: object = "") -> str:
    """The key stored with every reading (R3.7): a member's value, or ``"other:<name>"``.

    An "other" test needs its name, because two different own tests must never compare
    equal; a named member ignores ``name``.
    """
    if kind == MorningTest.OTHER or kind == MorningTest.OTHER.value:
        clean = validation.short_text(
            name, "test_name", "The test's name", max_length=OTHER_NAME_MAX_LENGTH, required=True
        )
        return f"{OTHER_PREFIX}{clean}"
    if kind not in {member.value for member in MorningTest}:
        raise ValidationError("test", "Please choose the morning test.")
    return MorningTest(str(kind)).value


def split_test_key(key: str) -> tuple[str, str]:
    """The (kind, name) pair a key is stored as; custom keys become ("other", key)."""
    if key.startswith(OTHER_PREFIX):
        return MorningTest.OTHER.value, key.removeprefix(OTHER_PREFIX)
    if key in {member.value for member in MorningTest}:
        return key, ""
    return MorningTest.OTHER.value, key


def stored_test_key(kind: str, name: str) -> str:
    """The key for a stored (kind, name) pair, without re-validating stored data (R3.7).

    The inverse of :func:`split_test_key` for keys this module makes; every reader of
    the ``test_kind``/``test_name`` columns should use it so two "other" tests differ.
    """
    return f"{kind}:{name}" if name else kind


def with_default_test(changes: Sequence[TestChange]) -> list[TestChange]:
    """``changes`` after the implicit default test, so a test is always in force (R3.7).

    Before the user picks a test, readings are stored on :data:`DEFAULT_TEST`; without
    this a baseline set then would have no test and be compared with any later test.
    """
    return [TestChange(date.min, DEFAULT_TEST), *changes]


def label_for_test(key: str) -> str:
    """Words for a test key: the member's label, or the user's own name."""
    kind, name = split_test_key(key)
    return name if kind == MorningTest.OTHER.value else MorningTest(kind).label


class DuplicateEntryError(ValidationError):
    """A date already has its morning entry (R3.4): replace only after the user confirms."""

    def __init__(self, existing: MorningEntry) -> None:
        super().__init__(
            "day",
            f"{existing.day.isoformat()} already has a morning entry ({existing.pain}/10).",
        )
        self.existing = existing


DuplicateEntry = DuplicateEntryError
"""The name the service API uses (R3.4)."""


DEFAULT_REMINDER_TIME = time(8, 0)
"""When the morning reminder fires if today has no entry yet (issue 5; user-settable)."""


def parse_reminder_time(value: object, field: str = "reminder_time") -> time:
    """A reminder time of day from a ``time`` or ``"HH:MM"`` text (minutes only)."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, str):
        hours, sep, minutes = value.strip().partition(":")
        digits = sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2
        if digits and int(hours) < 24 and int(minutes) < 60:
            return time(int(hours), int(minutes))
    raise ValidationError(field, "The reminder time must be a time of day such as 08:00.")


def reminder_due(
    now_local: datetime,
    reminder_time: time,
    has_entry: bool,
    last_reminded_date: date | None,
) -> bool:
    """Whether to remind now: past the reminder time, no entry today, not yet reminded today.

    Pure, so the tick that calls it can be thin; at most one reminder per local date, and
    none once the morning is recorded (R3.7: one reading each morning).
    """
    today = now_local.date()
    if has_entry or last_reminded_date == today:
        return False
    return now_local.time().replace(tzinfo=None) >= reminder_time


class BaselineMode(StrEnum):
    """What a next-morning reading is compared with (R3.6); switching only recomputes."""

    FIXED = "fixed"
    PRE_LOAD = "pre_load"

    @property
    def label(self) -> str:
        """Shown beside every verdict (R3.6)."""
        return "Fixed baseline" if self is BaselineMode.FIXED else "Pre-load morning"

    @property
    def reference_word(self) -> str:
        """How a sentence names the reference pain ("baseline 3/10")."""
        return "baseline" if self is BaselineMode.FIXED else "pre-load morning"


def morning_test_key(value: object, field: str = "test") -> str:
    """A morning test key: non-empty short text (R3.7); members of MorningTest pass as is."""
    if isinstance(value, MorningTest):
        return value.value
    if not isinstance(value, str):
        raise ValidationError(field, "Please choose the morning test.")
    return validation.short_text(
        value, field, "The morning test", max_length=TEST_KEY_MAX_LENGTH, required=True
    )


def calendar_date(value: object, field: str = "date") -> date:
    """A plain calendar date; a datetime is refused because its local day is the caller's call."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, "Please give a calendar date (YYYY-MM-DD), not a time.")
    return value


@dataclass(frozen=True, slots=True)
class MorningEntry:
    """One morning's pain on the locked test, for one local calendar date (R3.3, R3.4)."""

    day: date
    pain: int
    test: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", calendar_date(self.day, "day"))
        object.__setattr__(self, "pain", validation.pain(self.pain, "pain"))
        object.__setattr__(self, "test", morning_test_key(self.test, "test"))

    @classmethod
    def from_input(cls, day: date, pain: object, test: object, *, today: date) -> MorningEntry:
        """User input: also refuses a future date, which a stored value need not re-check."""
        return cls(
            validation.date_not_future(day, today, "day"),
            validation.pain(pain, "pain"),
            morning_test_key(test, "test"),
        )


@dataclass(frozen=True, slots=True)
class BaselineChange:
    """A baseline set (by hand or derived) from ``effective_date`` on (R3.1).

    ``test`` is the test the baseline was measured on, when known; otherwise the test in
    force on ``effective_date`` (from the test changes) stands for it (R3.7).
    """

    effective_date: date
    pain: int
    test: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "effective_date", calendar_date(self.effective_date, "effective_date")
        )
        object.__setattr__(self, "pain", validation.pain(self.pain, "baseline"))
        if self.test is not None:
            object.__setattr__(self, "test", morning_test_key(self.test, "test"))


@dataclass(frozen=True, slots=True)
class TestChange:
    """The locked morning test changes to ``test`` from ``effective_date`` on (R3.7)."""

    __test__ = False  # not a pytest test class despite the name

    effective_date: date
    test: str

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "effective_date", calendar_date(self.effective_date, "effective_date")
        )
        object.__setattr__(self, "test", morning_test_key(self.test, "test"))


def baseline_in_force(changes: Sequence[BaselineChange], day: date) -> BaselineChange | None:
    """The latest change with ``effective_date <= day`` (R3.1); None before any.

    Several changes on one date: the last one in ``changes`` wins (pass them in the order
    they were recorded), because a same-day correction replaces the earlier figure.
    """
    ordered = sorted(changes, key=lambda c: c.effective_date)  # stable: keeps recording order
    index = bisect.bisect_right([c.effective_date for c in ordered], day)
    return ordered[index - 1] if index else None


def morning_test_in_force(changes: Sequence[TestChange], day: date) -> str | None:
    """The test key in force on ``day`` (R3.7); None when no test change is that old."""
    ordered = sorted(changes, key=lambda c: c.effective_date)
    index = bisect.bisect_right([c.effective_date for c in ordered], day)
    return ordered[index - 1].test if index else None


def entries_by_day(entries: Iterable[MorningEntry]) -> dict[date, MorningEntry]:
    """Index entries by date; two for one date is refused (R3.4: the caller replaces)."""
    index: dict[date, MorningEntry] = {}
    for entry in entries:
        if entry.day in index:
            raise ValidationError(
                "day", f"There are two morning entries for {entry.day.isoformat()}; keep one."
            )
        index[entry.day] = entry
    return index


def _median_half_up(values: Sequence[int]) -> int:
    """Median rounded half up, in integer arithmetic so 2.5 → 3 (never banker's rounding)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle] + 1) // 2


def derive_baseline(
    entries: Iterable[MorningEntry],
    n: int = DEFAULT_BASELINE_MORNINGS,
    test: str | None = None,
) -> BaselineChange:
    """Baseline from the first ``n`` mornings: their median, rounded half up (R3.1).

    The median resists one bad morning. The baseline takes effect on the last of those
    mornings, when it first became known, so no earlier verdict changes after the fact.
    With ``test`` only mornings on that test count; the mornings used must share one test
    (R3.7), since a baseline is a reading on one test.
    """
    count = validation.int_in_range(n, 1, 30, "n", "The number of mornings")
    wanted = None if test is None else morning_test_key(test)
    chosen = sorted(
        (e for e in entries if wanted is None or e.test == wanted), key=lambda e: e.day
    )[:count]
    if len(chosen) < count:
        raise ValidationError(
            "baseline",
            f"A baseline needs {counted(count, 'morning')} recorded; "
            f"there are {len(chosen)} so far.",
        )
    tests = {e.test for e in chosen}
    if len(tests) > 1:
        raise ValidationError(
            "baseline",
            "The first mornings used different tests; a baseline comes from one test.",
        )
    return BaselineChange(
        effective_date=chosen[-1].day,
        pain=_median_half_up([e.pain for e in chosen]),
        test=chosen[0].test,
    )
