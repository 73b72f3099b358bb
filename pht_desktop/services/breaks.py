"""Sitting-break use cases (R1): owns the scheduler, records what it says, tells the UI.

The pure :class:`~pht_desktop.domain.scheduler.BreakScheduler` decides; this service
feeds it clock readings (``tick``) and the user's answers, writes every effect in ONE
transaction per call (R1.3 records: bouts, prompts, deferrals, stands, absences), then
emits Qt signals for the windows. It never waits and owns no timer.

Restart rule (state survives a restart sensibly):

* A computer bout row is written when the bout starts and its length is refreshed by a
  heartbeat once a minute, so a crash loses at most a minute of it.
* On start, the newest computer bout that is still open (a crash) or was closed at a
  quit is looked at. If its last known time (last heartbeat, or the quit) is within one
  break length of now, the user cannot have stood long enough for a break (R1.2): the
  same row is reopened and the bout — and the sitting clock — simply continue, the
  downtime counted as sitting. Otherwise any open bout is closed as ``quit`` at its last
  known time and a fresh bout starts. Prompts a crash left without an answer are
  recorded as ``no_answer``.
* A pause "until tomorrow" survives a restart; a 30 min / 1 h pause does not (starting
  the app again means you are back at the desk). Snooze counts start afresh.

The scheduler is built lazily (first ``tick`` or action), so building the services for
a test or a CLI command writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import Signal
from sqlalchemy.orm import Session

from pht_desktop.domain import setting_specs
from pht_desktop.domain.break_settings import BreakSettings, BreakUiOptions, PauseKind
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.manual_sitting import ManualSitting
from pht_desktop.domain.scheduler import (
    AskWereYouUp,
    BreakScheduler,
    Effect,
    PromptDeferred,
    PromptDue,
    Reading,
    SchedulerState,
    StandEnded,
    StandStarted,
    WereYouUp,
)
from pht_desktop.services.base import ServiceBase
from pht_desktop.services.break_records import BreakRecords
from pht_desktop.store import breaks_repo, settings_repo, sitting_day_repo
from pht_desktop.store.breaks_repo import DayFigures, ManualEntry, PromptRow

__all__ = [
    "BreakService",
    "BreakStatus",
    "BreakUiOptions",
    "DayFigures",
    "ManualEntry",
    "PromptRow",
]

log = logging.getLogger(__name__)

Batch = tuple[list[Effect], Reading]
"""Scheduler effects and the reading they happened at, waiting to be written."""


@dataclass(frozen=True, slots=True)
class BreakStatus:
    """Everything the tray and the sitting card show, computed without the database."""

    state: SchedulerState
    bout_seconds: float
    seconds_to_next_prompt: float | None
    interval_seconds: float
    pause_until: datetime | None
    can_snooze: bool
    snoozes_in_row: int
    stand_remaining: float | None
    stand_planned: float


class BreakService(ServiceBase):
    """R1 sitting breaks: scheduler + records + signals for the UI."""

    prompt_due = Signal(object)  # PromptDue
    prompt_deferred = Signal(object)  # PromptDeferred
    ask_were_you_up = Signal(object)  # AskWereYouUp
    stand_started = Signal(object)  # StandStarted
    stand_ended = Signal(object)  # StandEnded
    state_changed = Signal(str)  # SchedulerState value
    #: From the UI's timer on its due ticks, so views refresh without timers of their own.
    pulse = Signal()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sched: BreakScheduler | None = None
        self._stopped = False
        self._settings: BreakSettings | None = None
        self._options: BreakUiOptions | None = None
        self._records = BreakRecords()
        self._last_idle: float | None = None
        self._last_state: SchedulerState | None = None

    # --- settings -----------------------------------------------------------------

    def settings(self) -> BreakSettings:
        """The stored settings; damaged ones fall back to the defaults (and are logged)."""
        if self._settings is None:
            with self._read() as session:
                self._settings = _load_settings(session)
        return self._settings

    def ui_options(self) -> BreakUiOptions:
        if self._options is None:
            with self._read() as session:
                self._options = settings_repo.read(session, setting_specs.BREAKS_UI)
        return self._options

    def save_settings(self, settings: BreakSettings, options: BreakUiOptions) -> None:
        """Save both (already validated by :class:`BreakSettings`) and apply at once."""
        self._settings, self._options = settings, options

        def write(session: Session) -> None:
            settings_repo.write(session, setting_specs.BREAKS, settings)
            settings_repo.write(session, setting_specs.BREAKS_UI, options)

        if self._sched is None or self._stopped:
            with self._write() as session:
                write(session)
            self.changed.emit()
            return
        reading = self._reading(self._last_idle)
        self._apply(self._sched.update_settings(reading, settings), reading, write, force=True)

    # --- clock feeding ---------------------------------------------------------------

    def tick(self, idle_seconds: float | None) -> None:
        """One look at the clocks; writes (one transaction) only when something happened
        or the heartbeat is due. The first also applies the restart rule, in the same
        transaction: one write to disk at start-up, not two."""
        if self._stopped:
            return
        self._last_idle = idle_seconds
        if self._sched is not None:
            reading = self._reading(idle_seconds)
            self._apply(self._sched.tick(reading), reading)
            return
        with self._write() as session:
            sched, batches = self._restart(session)
            reading = self._reading(idle_seconds)
            batches.append((sched.tick(reading), reading))
            for effects, at in batches:
                self._persist(session, effects, at, always=False)
        for effects, _at in batches:
            self._emit(effects, sched.state, False)

    def next_wakeup_seconds(self) -> float:
        """How long the UI may wait before the next ``tick`` (1 s to 60 s)."""
        if self._stopped:
            return 60.0
        if self._sched is None:
            return 0.0
        return self._sched.next_wakeup_seconds(self._reading(self._last_idle))

    def on_sleep(self) -> None:
        if self._sched is not None and not self._stopped:
            reading = self._reading(self._last_idle)
            self._apply(self._sched.on_sleep(reading), reading)

    def on_resume(self) -> None:
        if self._sched is not None and not self._stopped:
            reading = self._reading(None)
            self._apply(self._sched.on_resume(reading), reading)

    def stop(self) -> None:
        """The app is quitting: close the open bout (and anything else) as 'quit'."""
        if self._sched is not None and not self._stopped:
            reading = self._reading(self._last_idle)
            self._apply(self._sched.quit(reading), reading)
        self._stopped = True

    def announce_pulse(self) -> None:
        """Called by the UI timer on due ticks; views listening refresh themselves."""
        self.pulse.emit()

    # --- user actions (each may raise ValidationError with a readable message) ----------

    def stand_now(self) -> None:
        self._act(lambda s, r: s.stand_now(r))

    def finish_stand(self) -> None:
        self._act(lambda s, r: s.finish_stand(r))

    def sit_down_early(self) -> None:
        self._act(lambda s, r: s.sit_down_early(r))

    def snooze(self) -> None:
        self._act(lambda s, r: s.snooze(r))

    def skip(self, reason: str | None = None) -> None:
        self._act(lambda s, r: s.skip(r, reason))

    def dismiss(self) -> None:
        self._act(lambda s, r: s.dismiss(r))

    def defer(self, reason: str) -> None:
        self._act(lambda s, r: s.defer(r, reason), idle=self._last_idle)

    def answer_were_you_up(self, answer: WereYouUp | str) -> None:
        self._act(lambda s, r: s.answer_were_you_up(r, answer))

    def pause(self, kind: PauseKind | str) -> None:
        self._act(lambda s, r: s.pause(r, kind))

    def resume(self) -> None:
        self._act(lambda s, r: s.resume(r))

    # --- manual sitting (R1.3: the day's total stays honest) ---------------------------

    def add_manual_sitting(
        self, started_at: datetime, minutes: object, kind: object, seat: object
    ) -> int:
        now = self.now()
        entry = ManualSitting.validated(started_at, minutes, kind, seat, now)
        if entry.ended_at > now + timedelta(minutes=1):
            raise ValidationError(
                "minutes", "That sitting would end in the future; add it once it is over."
            )
        with self._write() as session:
            clash = breaks_repo.overlapping_bouts(session, entry.started_at, entry.ended_at)
            if clash:
                first = clash[0].started.astimezone(self.zone())
                where = "added by hand" if clash[0].source == "manual" else "at the computer"
                raise ValidationError(
                    "started_at",
                    f"That time overlaps sitting already recorded {where} (from "
                    f"{first:%H:%M}); change the start or the minutes so it is not counted twice.",
                )
            new_id = breaks_repo.add_manual(session, entry)
        self.changed.emit()
        return new_id

    def delete_manual_sitting(self, bout_id: int) -> None:
        self._set_manual_deleted(bout_id, self.now())

    def undo_delete_manual_sitting(self, bout_id: int) -> None:
        self._set_manual_deleted(bout_id, None)

    def _set_manual_deleted(self, bout_id: int, when: datetime | None) -> None:
        with self._write() as session:
            found = breaks_repo.set_manual_deleted(session, bout_id, when)
        if not found:
            raise ValidationError("manual", "That sitting entry no longer exists.")
        self.changed.emit()

    # --- reads -------------------------------------------------------------------------

    def status(self) -> BreakStatus:
        """Cheap (no database): safe to call every second."""
        settings = self.settings()
        sched = self._sched
        if sched is None:
            state = SchedulerState.STOPPED if self._stopped else SchedulerState.SITTING
            return BreakStatus(
                state, 0.0, settings.interval_s, settings.interval_s, None, True, 0, None, 0.0
            )
        reading = self._reading(self._last_idle)
        return BreakStatus(
            state=sched.state,
            bout_seconds=sched.current_bout_seconds(reading),
            seconds_to_next_prompt=sched.seconds_to_next_prompt(reading),
            interval_seconds=sched.settings.interval_s,
            pause_until=sched.pause_until,
            can_snooze=sched.can_snooze,
            snoozes_in_row=sched.snoozes_in_row,
            stand_remaining=sched.stand_remaining_seconds(reading),
            stand_planned=sched.settings.break_s,
        )

    def today_figures(self) -> DayFigures:
        day, tz = self._local_day()
        with self._read() as session:
            return sitting_day_repo.day_figures(session, day, tz)

    def manual_today(self) -> list[ManualEntry]:
        day, tz = self._local_day()
        with self._read() as session:
            return sitting_day_repo.manual_on(session, day, tz)

    def prompts_on(self, day: date) -> list[PromptRow]:
        start, end = breaks_repo.day_bounds(day, self._local_day()[1])
        with self._read() as session:
            return breaks_repo.prompts_between(session, start, end)

    def stood_by_day(self, first: date, last: date) -> dict[date, int]:
        """Prompts answered by standing, per local day of ``first``..``last`` (R1.3).

        One read for the whole range (a report of three months asks once, not 91 times).
        """
        zone = self._local_day()[1]
        start, _ = breaks_repo.day_bounds(first, zone)
        _, end = breaks_repo.day_bounds(last, zone)
        with self._read() as session:
            prompts = breaks_repo.prompts_between(session, start, end)
        counts: dict[date, int] = {}
        for prompt in prompts:
            if prompt.response == "stood":
                day = self.local_day(prompt.fired_at)
                counts[day] = counts.get(day, 0) + 1
        return counts

    def stands_on(self, day: date) -> list[breaks_repo.StandRow]:
        start, end = breaks_repo.day_bounds(day, self._local_day()[1])
        with self._read() as session:
            return breaks_repo.stands_between(session, start, end)

    def bouts_on(self, day: date) -> list[breaks_repo.BoutRow]:
        start, end = breaks_repo.day_bounds(day, self._local_day()[1])
        with self._read() as session:
            return breaks_repo.bouts_between(session, start, end)

    def away_on(self, day: date) -> list[breaks_repo.AwayRow]:
        start, end = breaks_repo.day_bounds(day, self._local_day()[1])
        with self._read() as session:
            return breaks_repo.away_between(session, start, end)

    def deferral_count(self) -> int:
        with self._read() as session:
            return breaks_repo.count_deferrals(session)

    # --- the engine ----------------------------------------------------------------------

    def _local_day(self) -> tuple[date, tzinfo]:
        """Today and the zone it is in: days are cut by the clock zone's own rules."""
        return self.today(), self.zone()

    def _reading(self, idle: float | None) -> Reading:
        return Reading.from_clock(self._clock, idle)

    def _ensure(self) -> BreakScheduler:
        """Build the scheduler on first use, applying the restart rule (module doc)."""
        if self._sched is not None:
            return self._sched
        with self._write() as session:
            sched, batches = self._restart(session)
            for effects, reading in batches:
                self._persist(session, effects, reading, always=False)
        for effects, _reading in batches:
            self._emit(effects, sched.state, False)
        return sched

    def _restart(self, session: Session) -> tuple[BreakScheduler, list[Batch]]:
        """The restart rule in ``session``: reopen a bout left within a break's length,
        recover open records; returns the scheduler and the effects still to persist
        (a pause that is still on)."""
        now, mono = self._clock.now(), self._clock.monotonic()
        settings = _load_settings(session)
        # Read before the writes below: a read after them bypasses the settings read cache.
        saved_pause = settings_repo.read(session, setting_specs.BREAKS_PAUSE)
        last = breaks_repo.last_computer_bout(session)
        breaks_repo.recover_open_records(session)
        gap = None if last is None else (now - last.last_seen).total_seconds()
        start = Reading(mono, now)
        chain: PromptRow | None = None
        if last is not None and gap is not None and 0 <= gap <= settings.break_s:
            breaks_repo.reopen_bout(session, last.id)
            self._records.adopt = last
            elapsed = (now - last.started_at).total_seconds()
            start = Reading(mono - elapsed, last.started_at.astimezone(self.zone()))
            answered = [
                p
                for p in breaks_repo.prompts_between(session, last.started_at, now)
                if p.response in ("snoozed", "skipped", "no_answer")
            ]
            chain = answered[-1] if answered else None
        self._settings = settings
        self._sched = sched = BreakScheduler(settings, start)
        if chain is not None:  # the continued bout keeps its snoozes (R1.2)
            snoozed = chain.response == "snoozed"
            sched.restore_prompt_chain(
                chain.snoozes + 1 if snoozed else 0, float(chain.bout_seconds), snoozed
            )
        batches: list[Batch] = []
        if _pause_still_on(saved_pause, now):
            reading = self._reading(None)
            batches.append((sched.pause(reading, PauseKind.UNTIL_TOMORROW), reading))
        return sched, batches

    def _act(
        self, call: Callable[[BreakScheduler, Reading], list[Effect]], idle: float | None = 0.0
    ) -> None:
        """A user action: the user just gave input, so idle is 0 unless told otherwise."""
        if self._stopped:
            raise ValidationError("action", "Break reminders have stopped.")
        sched = self._ensure()
        reading = self._reading(idle)
        self._apply(call(sched, reading), reading)

    def _apply(
        self,
        effects: list[Effect],
        reading: Reading,
        extra: Callable[[Session], None] | None = None,
        force: bool = False,
    ) -> None:
        """Persist ``effects`` in one transaction, then tell the UI."""
        sched = self._sched
        assert sched is not None
        if effects or self._records.beat_due(reading, sched.state) or extra is not None:
            with self._write() as session:
                self._persist(session, effects, reading, extra=extra)
        self._emit(effects, sched.state, force or extra is not None)

    def _persist(
        self,
        session: Session,
        effects: list[Effect],
        reading: Reading,
        extra: Callable[[Session], None] | None = None,
        always: bool = True,
    ) -> None:
        """Write ``effects`` (and ``extra``) and the heartbeat into ``session``; with
        ``always=False`` only when there is something to write."""
        sched = self._sched
        assert sched is not None
        records = self._records
        if not always and not effects and not records.beat_due(reading, sched.state):
            return
        for effect in effects:
            records.write(session, effect, reading)
        if extra is not None:
            extra(session)
        records.heartbeat(session, reading, sched.state)

    def _emit(self, effects: list[Effect], state: SchedulerState, force: bool) -> None:
        if state is not self._last_state:
            self._last_state = state
            self.state_changed.emit(state.value)
        for effect in effects:
            if isinstance(effect, PromptDue):
                self.prompt_due.emit(effect)
            elif isinstance(effect, PromptDeferred):
                self.prompt_deferred.emit(effect)
            elif isinstance(effect, AskWereYouUp):
                self.ask_were_you_up.emit(effect)
            elif isinstance(effect, StandStarted):
                self.stand_started.emit(effect)
            elif isinstance(effect, StandEnded):
                self.stand_ended.emit(effect)
        if force or any(not isinstance(e, (PromptDue, AskWereYouUp)) for e in effects):
            self.changed.emit()


def _load_settings(session: Session) -> BreakSettings:
    """The stored break settings; damaged ones read as the defaults (and are logged)."""
    return settings_repo.read(session, setting_specs.BREAKS)


def _pause_still_on(saved: object, now: datetime) -> bool:
    """Only an "until tomorrow" pause survives a restart (module doc)."""
    if not isinstance(saved, dict) or saved.get("kind") != PauseKind.UNTIL_TOMORROW.value:
        return False
    try:
        until = datetime.fromisoformat(str(saved.get("until")))
    except ValueError:
        return False
    return until.tzinfo is not None and until > now
