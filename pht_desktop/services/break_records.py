"""The rows a break scheduler's effects open, keep current and close (R1.3).

Which bout, prompt and stand rows are open and since when, so one effect at a time
becomes the right insert or update; and the heartbeat that keeps an open bout's (or
stand's) length current, so a crash loses at most :data:`HEARTBEAT_S` of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from pht_desktop.domain import setting_specs
from pht_desktop.domain.scheduler import (
    AwayResolved,
    AwayStarted,
    BoutEnded,
    BoutStarted,
    Effect,
    PauseEnded,
    PauseStarted,
    PromptAnswered,
    PromptDeferred,
    PromptDue,
    Reading,
    SchedulerState,
    SleepDetected,
    StandEnded,
    StandStarted,
)
from pht_desktop.store import breaks_repo, settings_repo
from pht_desktop.store.breaks_repo import OpenBout

#: How often the open bout's length is written (the most a crash can lose).
HEARTBEAT_S = 60.0
_SUSPENDED = (SchedulerState.AWAY, SchedulerState.ASKING_WERE_YOU_UP)


@dataclass(slots=True)
class BreakRecords:
    """The open rows and their start times; :meth:`write` turns one effect into rows."""

    adopt: OpenBout | None = None
    """A bout reopened at start-up (the restart rule): its BoutStarted continues it."""
    bout_id: int | None = None
    bout_start_mono: float = 0.0
    bout_start_wall: datetime | None = None
    last_heartbeat: float = 0.0
    prompt_id: int | None = None
    stand_id: int | None = None
    """The stand row written when a stand starts."""
    stand_start_mono: float = 0.0
    away_since: datetime | None = None

    def beat_due(self, reading: Reading, state: SchedulerState) -> bool:
        """An open bout or stand whose length was last written a heartbeat ago."""
        return (
            (self.bout_id is not None or self.stand_id is not None)
            and state not in _SUSPENDED
            and reading.monotonic - self.last_heartbeat >= HEARTBEAT_S
        )

    def heartbeat(self, session: Session, reading: Reading, state: SchedulerState) -> None:
        """Write the open bout's length (not while away) and the open stand's."""
        if self.bout_id is not None and state not in _SUSPENDED:
            seconds = reading.monotonic - self.bout_start_mono
            breaks_repo.heartbeat_bout(session, self.bout_id, seconds)
            self.last_heartbeat = reading.monotonic
        if self.stand_id is not None:  # a crash mid-stand keeps what was stood
            seconds = reading.monotonic - self.stand_start_mono
            breaks_repo.heartbeat_stand(session, self.stand_id, seconds)
            self.last_heartbeat = reading.monotonic

    def write(self, session: Session, effect: Effect, reading: Reading) -> None:
        """Write one scheduler effect: each kind of record has its own writer."""
        if isinstance(effect, (BoutStarted, BoutEnded)):
            self._write_bout(session, effect, reading)
        elif isinstance(effect, (PromptDue, PromptDeferred, PromptAnswered)):
            self._write_prompt(session, effect)
        elif isinstance(effect, (StandStarted, StandEnded)):
            self._write_stand(session, effect, reading)
        elif isinstance(effect, (AwayStarted, AwayResolved, SleepDetected)):
            self._write_away(session, effect, reading)
        elif isinstance(effect, PauseStarted):
            value = {"kind": effect.kind.value, "until": effect.until.isoformat()}
            settings_repo.write(session, setting_specs.BREAKS_PAUSE, value)
        elif isinstance(effect, PauseEnded):
            settings_repo.write(session, setting_specs.BREAKS_PAUSE, None)

    def _write_bout(
        self, session: Session, effect: BoutStarted | BoutEnded, reading: Reading
    ) -> None:
        if isinstance(effect, BoutStarted):
            adopt, self.adopt = self.adopt, None
            if adopt is not None and adopt.started_at == effect.started_at:
                self.bout_id = adopt.id
            else:
                self.bout_id = breaks_repo.open_bout(session, effect.started_at)
            ago = (reading.wall - effect.started_at).total_seconds()
            self.bout_start_mono = reading.monotonic - max(0.0, ago)
            self.bout_start_wall = effect.started_at
            return
        bout_id, self.bout_id = self.bout_id, None  # over, even if the write below fails
        if bout_id is None:
            bout_id = breaks_repo.open_bout(session, effect.started_at)
        # Refused (locked, full), the row stays open at its last heartbeat for the next
        # start's recovery, and no later heartbeat stretches it over what came after.
        breaks_repo.close_bout(
            session, bout_id, effect.ended_at, effect.sat_seconds, effect.end_reason
        )

    def _write_prompt(
        self, session: Session, effect: PromptDue | PromptDeferred | PromptAnswered
    ) -> None:
        if isinstance(effect, PromptDue):
            if self.prompt_id is None:
                self.prompt_id = breaks_repo.open_prompt(
                    session, effect.fired_at, effect.bout_seconds, effect.snoozes_in_row
                )
        elif isinstance(effect, PromptDeferred):
            breaks_repo.add_deferral(session, self.prompt_id, effect.at, effect.reason)
        else:
            prompt_id, self.prompt_id = self.prompt_id, None  # answered, as a bout ends
            breaks_repo.answer_prompt(session, prompt_id, effect)

    def _write_stand(
        self, session: Session, effect: StandStarted | StandEnded, reading: Reading
    ) -> None:
        prompt_id = self.prompt_id if effect.source == "prompted" else None
        if isinstance(effect, StandStarted):
            if prompt_id is not None:
                breaks_repo.mark_prompt_standing(session, prompt_id, effect.at)
            # Written at its start (and kept current by the heartbeat), like a bout.
            self.stand_id = breaks_repo.open_stand(session, effect.at, effect.source, prompt_id)
            ago = (reading.wall - effect.at).total_seconds()
            self.stand_start_mono = reading.monotonic - max(0.0, ago)
            self.last_heartbeat = reading.monotonic
        elif self.stand_id is not None:
            stand_id, self.stand_id = self.stand_id, None  # over, as a bout ends
            breaks_repo.close_stand(session, stand_id, effect)
        else:  # confirmed after an absence: it is over before it is known
            breaks_repo.add_stand(session, effect, prompt_id)

    def _write_away(
        self,
        session: Session,
        effect: AwayStarted | AwayResolved | SleepDetected,
        reading: Reading,
    ) -> None:
        if isinstance(effect, AwayStarted):
            self.away_since = effect.since
            if self.bout_id is not None and self.bout_start_wall is not None:
                sat = (effect.since - self.bout_start_wall).total_seconds()
                breaks_repo.heartbeat_bout(session, self.bout_id, sat)
        elif isinstance(effect, AwayResolved):
            since = self.away_since or reading.wall - timedelta(seconds=effect.away_seconds)
            breaks_repo.add_away(session, since, effect.away_seconds, effect.answer)
            self.away_since = None
        else:
            breaks_repo.add_away(
                session, effect.slept_at, effect.gap_seconds, "unknown", cause="sleep"
            )
