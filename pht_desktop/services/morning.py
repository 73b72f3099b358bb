"""Morning pain, baseline, the locked test, verdicts and guidance (R3, R2.7, R5).

Every write validates in the domain first (a :class:`ValidationError` means nothing was
written), runs in one transaction, then emits ``changed``. Verdicts and guidance are
recomputed from stored values on every call, so an edited entry or a switched baseline
mode only changes what is shown, never the data (R3.6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TypeVar

from PySide6.QtCore import Signal
from sqlalchemy.orm import Session

from pht_desktop.domain import setting_specs, validation
from pht_desktop.domain.guidance import Yesterday, yesterday
from pht_desktop.domain.morning import (
    DEFAULT_BASELINE_MORNINGS,
    DEFAULT_TEST,
    BaselineChange,
    BaselineMode,
    DuplicateEntry,
    MorningEntry,
    TestChange,
    baseline_in_force,
    derive_baseline,
    key_for_test,
    label_for_test,
    morning_test_in_force,
    with_default_test,
)
from pht_desktop.domain.setting_specs import SettingSpec
from pht_desktop.domain.verdicts import LoadDay, Verdict, judge
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import (
    load_days_repo,
    morning_repo,
    settings_repo,
    verdicts_repo,
)
from pht_desktop.store.morning_repo import BaselineRecord, TestRecord

__all__ = [
    "BaselineRecord",
    "CurrentTest",
    "DuplicateEntry",
    "MorningService",
    "TestRecord",
]

T = TypeVar("T")

BASELINE_SOURCES = ("manual", "derived")


@dataclass(frozen=True, slots=True)
class CurrentTest:
    """The locked morning test in force (R3.7): its key, words, and since when (None: default)."""

    __test__ = False  # not a pytest test class despite the name

    key: str
    label: str
    since: date | None


class MorningService(ServiceBase):
    """Use cases of the morning check-in and the Today guidance; the only caller of their repos.

    ``stage_changed`` fires when a confirmed stage move was recorded (the plan service,
    R2.7), so whoever shows the stage can refresh.
    """

    stage_changed = Signal()

    # --- refresh ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Verdicts depend on sessions logged elsewhere (R3.2): re-announce, nothing stored."""
        self.changed.emit()

    # --- morning entries (R3.3, R3.4) -------------------------------------------------------
    def entry_for(self, day: date) -> MorningEntry | None:
        with self._read() as session:
            return morning_repo.get_entry(session, day)

    def entries(self, start: date | None = None, end: date | None = None) -> list[MorningEntry]:
        """Morning entries oldest first (charts, reports)."""
        with self._read() as session:
            return morning_repo.list_entries(session, start, end)

    def has_entry_today(self) -> bool:
        """Whether this morning is recorded ("first question of the day", reminder)."""
        return self.entry_for(self.today()) is not None

    def record_morning(self, day: date, pain: object, replace: bool = False) -> MorningEntry:
        """Record a date's morning pain on the test in force that date (R3.3, R3.4, R3.7).

        A date that already has an entry raises :class:`DuplicateEntry` unless ``replace``
        (the user confirmed); the check runs inside the write, so nothing slips between.
        """
        with self._write() as session:
            test = self._test_on(session, validation.date_not_future(day, self.today(), "day"))
            entry = MorningEntry.from_input(day, pain, test, today=self.today())
            existing = morning_repo.get_entry(session, entry.day)
            if existing is not None and not replace:
                raise DuplicateEntry(existing)
            morning_repo.upsert_entry(session, entry, self.now())
        self.changed.emit()
        return entry

    def undo_morning(self, day: date, previous: MorningEntry | None) -> None:
        """Take back a check-in just saved: the earlier entry again, or none (issue 13)."""
        with self._write() as session:
            if previous is None:
                morning_repo.delete_entry(session, day)
            else:
                morning_repo.upsert_entry(session, previous, self.now())
        self.changed.emit()

    # --- the locked test (R3.7) -------------------------------------------------------------
    @staticmethod
    def _test_changes(session: Session) -> list[TestChange]:
        """Recorded changes after the implicit default, so a test is always in force."""
        return with_default_test([r.change for r in morning_repo.list_test_changes(session)])

    def _test_on(self, session: Session, day: date) -> str:
        test = morning_test_in_force(self._test_changes(session), day)
        assert test is not None  # the implicit default is in force since date.min
        return test

    def test_history(self) -> list[TestRecord]:
        """Recorded test changes, oldest first (charts mark them, R3.7)."""
        with self._read() as session:
            return morning_repo.list_test_changes(session)

    def test_on(self, day: date) -> str:
        """The test key in force on ``day``."""
        with self._read() as session:
            return self._test_on(session, day)

    def current_test(self) -> CurrentTest:
        today = self.today()
        with self._read() as session:
            recorded = [r.change for r in morning_repo.list_test_changes(session)]
        in_force = [c for c in recorded if c.effective_date <= today]
        if not in_force:
            return CurrentTest(DEFAULT_TEST.value, DEFAULT_TEST.label, None)
        key = morning_test_in_force(in_force, today)
        assert key is not None
        since = max(c.effective_date for c in in_force)
        return CurrentTest(key, label_for_test(key), since)

    def set_test(
        self, kind: object, name: object = "", effective_date: date | None = None
    ) -> TestChange:
        """Change the locked test from a date on: an event, old readings keep theirs (R3.7)."""
        day = validation.date_not_future(effective_date or self.today(), self.today(), "test_date")
        change = TestChange(day, key_for_test(kind, name))
        with self._write() as session:
            morning_repo.add_test_change(session, change, self.now())
        self.changed.emit()
        return change

    def undo_test(self, change: TestChange) -> None:
        """Take back a test change just made (Settings' Undo), as if never recorded."""
        with self._write() as session:
            morning_repo.remove_test_change(session, change)
        self.changed.emit()

    # --- baseline (R3.1) --------------------------------------------------------------------
    def baseline_history(self) -> list[BaselineRecord]:
        """Every baseline change with its source, oldest first (R3.1: all kept)."""
        with self._read() as session:
            return morning_repo.list_baselines(session)

    def baselines(self) -> list[BaselineChange]:
        return [r.change for r in self.baseline_history()]

    def baseline_on(self, day: date) -> BaselineChange | None:
        """The baseline in force on ``day`` (R3.1), None before any was set."""
        return baseline_in_force(self.baselines(), day)

    def current_baseline(self) -> BaselineChange | None:
        return self.baseline_on(self.today())

    def set_baseline(
        self, pain: object, effective_date: date | None = None, source: str = "manual"
    ) -> BaselineChange:
        """Keep a new baseline from ``effective_date`` on; earlier verdicts keep theirs (R3.1)."""
        day = validation.date_not_future(
            effective_date or self.today(), self.today(), "baseline_date"
        )
        kind = validation.choice(source, BASELINE_SOURCES, "source", "Baseline source")
        change = BaselineChange(day, validation.pain(pain, "baseline"))
        with self._write() as session:
            morning_repo.add_baseline(session, change, kind, self.now())
        self.changed.emit()
        return change

    def undo_baseline(self, change: BaselineChange) -> None:
        """Take back a baseline just set or derived (Settings' Undo); earlier ones stay."""
        with self._write() as session:
            morning_repo.remove_baseline(session, change)
        self.changed.emit()

    def derive_baseline(self, n: int = DEFAULT_BASELINE_MORNINGS) -> BaselineChange:
        """Median of the first ``n`` mornings on the current test, kept as "derived" (R3.1).

        It takes effect on the last of those mornings, so no earlier verdict changes.
        """
        test = self.current_test().key
        with self._write() as session:
            change = derive_baseline(morning_repo.list_entries(session), n, test=test)
            morning_repo.add_baseline(
                session, BaselineChange(change.effective_date, change.pain), "derived", self.now()
            )
        self.changed.emit()
        return change

    # --- settings (declared in domain.setting_specs) -------------------------------------------
    def _setting(self, spec: SettingSpec[T]) -> T:
        with self._read() as session:
            return settings_repo.read(session, spec)

    def _save_setting(self, spec: SettingSpec[T], raw: object) -> T:
        """Validate with the spec (nothing written on error), store, announce."""
        clean = spec.parse(raw)
        with self._write() as session:
            settings_repo.write(session, spec, clean)
        self.changed.emit()
        return clean

    def baseline_mode(self) -> BaselineMode:
        """Fixed (default, the seed's rule) or pre-load morning (R3.6)."""
        return self._setting(setting_specs.BASELINE_MODE)

    def set_baseline_mode(self, mode: object) -> BaselineMode:
        """Switching recomputes verdicts and rewrites nothing (R3.6)."""
        return self._save_setting(setting_specs.BASELINE_MODE, mode)

    def progress_after(self) -> int:
        """Tolerated load days at one dose before progressing is suggested (R2.7, default 6)."""
        return self._setting(setting_specs.PROGRESS_AFTER)

    def set_progress_after(self, days: object) -> int:
        return self._save_setting(setting_specs.PROGRESS_AFTER, days)

    def reminder_time(self) -> time:
        """When the morning reminder fires if today has no entry (default 08:00)."""
        return self._setting(setting_specs.REMINDER_TIME)

    def set_reminder_time(self, value: object) -> time:
        return self._save_setting(setting_specs.REMINDER_TIME, value)

    # --- verdicts and yesterday (R3.2, R3.5, R3.6) --------------------------------------------
    def load_days(self, start: date | None = None, end: date | None = None) -> list[LoadDay]:
        """Local dates with live sessions or runs, as stored by the exercise log (R3.2)."""
        with self._read() as session:
            return load_days_repo.load_days(session, start, end)

    def verdicts(self, mode: BaselineMode | None = None) -> list[Verdict]:
        """Every load day's verdict, oldest first, in ``mode`` (default: the setting, R3.6)."""
        with self._read() as session:
            inputs = verdicts_repo.verdict_inputs(session)
        return judge(inputs, mode)

    def yesterday(self) -> Yesterday:
        """Yesterday's verdict and its flags (R3.2, R3.8, R3.9) for the YESTERDAY line.

        What to do today is the plan's alone (``services/plan.py``, issue 11).
        """
        return yesterday(self.verdicts(), self.today())
