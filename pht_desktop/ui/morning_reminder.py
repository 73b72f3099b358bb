"""The morning reminder: a thin tick over :func:`domain.morning.reminder_due` (issue 5).

The app calls :meth:`MorningReminder.check` on every tick; the decision is pure and the
database is asked only once the reminder time has passed, so a one-second tick costs
nothing most of the day. ``remind`` fires at most once per local date and never once the
morning is recorded; the app routes it to the notification adapters.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from pht_desktop.domain.morning import label_for_test, reminder_due
from pht_desktop.services.registry import Services

REMINDER_TITLE = "Morning check-in"


class MorningReminder(QObject):
    """Emits ``remind(title, body)`` once a day when the morning is not recorded yet.

    ``day_changed`` fires when a check sees a new local date (past midnight, after a
    sleep), so the app can refresh "today" everywhere (morning.refresh).
    """

    remind = Signal(str, str)
    day_changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.last_reminded: date | None = None
        self._last_day: date | None = None
        self._recorded_day: date | None = None
        self._reminder_time = services.morning.reminder_time()
        services.morning.changed.connect(self._reload)

    def _reload(self) -> None:
        """Settings or entries changed: re-read the time, forget the cached "recorded"."""
        self._reminder_time = self.services.morning.reminder_time()
        self._recorded_day = None

    def check(self, now: datetime | None = None) -> bool:
        """One tick: returns True when it emitted ``remind``. ``now`` is aware local time."""
        moment = self.services.clock.now() if now is None else now
        today = moment.date()
        if self._last_day is not None and today != self._last_day:
            self._last_day = today
            self.day_changed.emit()
        self._last_day = today
        if self.last_reminded == today or self._recorded_day == today:
            return False
        if moment.time().replace(tzinfo=None) < self._reminder_time:
            return False  # before the time: no database read at all
        has_entry = self.services.morning.entry_for(today) is not None
        if has_entry:
            self._recorded_day = today
        if not reminder_due(moment, self._reminder_time, has_entry, self.last_reminded):
            return False
        self.last_reminded = today
        test = label_for_test(self.services.morning.test_on(today))
        self.remind.emit(
            REMINDER_TITLE,
            f"How is your morning test ({test})? Record this morning's pain, 0–10.",
        )
        return True
