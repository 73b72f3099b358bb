"""Issue 12: any history the app can record exports and imports back identically.

The history is lived, not made up: hypothesis draws a sequence of days at the desk —
sitting (the break scheduler prompting), idling away, suspends of up to 50 days,
the wall clock jumping back and forward, travel across time zones (UTC−12 to UTC+14),
answers to prompts and to "were you up?", morning check-ins, sessions, runs, measures,
stage changes — and plays it through the real services on a FakeClock, so every row is
one the app itself wrote. Both export formats must import into an empty data folder and
export again to the very same files (every kind, verdicts included).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunDraft, SessionDraft, SetEntry
from pht_desktop.domain.measures import Measure, MeasureKind
from pht_desktop.domain.scheduler import SchedulerState, WereYouUp
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store.db import open_database
from tests.conftest import START

ZONES = (
    "UTC",
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Pacific/Kiritimati",  # UTC+14
    "Etc/GMT+12",  # UTC-12
)
DAY_MIN = 24 * 60

Step = tuple[str, int]

steps = st.lists(
    st.one_of(
        st.tuples(st.just("sit"), st.integers(1, 60)),
        st.tuples(st.just("idle"), st.integers(3, 120)),
        st.tuples(st.just("sleep"), st.integers(5, 50 * DAY_MIN)),
        st.tuples(st.just("jump"), st.integers(-3 * DAY_MIN, 3 * DAY_MIN)),
        st.tuples(st.just("zone"), st.integers(0, len(ZONES) - 1)),
        st.tuples(st.just("answer"), st.integers(0, 5)),
        st.tuples(st.just("morning"), st.integers(0, 10)),
        st.tuples(st.just("session"), st.integers(1, 20)),
        st.tuples(st.just("run"), st.integers(5, 90)),
        st.tuples(st.just("measure"), st.integers(0, 100)),
        st.tuples(st.just("stage"), st.integers(1, 5)),
    ),
    max_size=12,
)


class Life:
    """Plays steps through the services as the running app would (one tick a minute)."""

    def __init__(self, services: Services, clock: FakeClock) -> None:
        self.services = services
        self.clock = clock
        self.idle_since: float | None = None

    def tick(self) -> None:
        idle = 0.0 if self.idle_since is None else self.clock.monotonic() - self.idle_since
        self.services.breaks.tick(idle)

    def minutes(self, count: int) -> None:
        for _ in range(count):
            self.clock.advance(60)
            self.tick()

    def play(self, step: Step) -> None:
        name, value = step
        # A real clock moves between two saves (a form saves "now", to the microsecond).
        self.clock.advance(1)
        with contextlib.suppress(ValidationError):  # refused input is the app's answer too
            self._actions()[name](value)

    def _actions(self) -> dict[str, Callable[[int], None]]:
        return {
            "sit": self.minutes,
            "idle": self.idle,
            "sleep": self.sleep,
            "jump": self.jump,
            "zone": self.zone,
            "answer": self.answer,
            "morning": self.morning,
            "session": self.session,
            "run": self.run,
            "measure": self.measure,
            "stage": self.stage,
        }

    def idle(self, count: int) -> None:
        self.idle_since = self.clock.monotonic()
        self.minutes(count)
        self.idle_since = None
        self.tick()

    def sleep(self, count: int) -> None:
        self.services.breaks.on_sleep()
        self.clock.sleep_machine(count * 60)
        self.services.breaks.on_resume()
        self.tick()

    def jump(self, count: int) -> None:
        self.clock.jump_wall(count * 60)
        self.tick()

    def zone(self, index: int) -> None:
        self.clock.set_zone(ZONES[index])
        self.tick()

    def answer(self, choice: int) -> None:
        breaks = self.services.breaks
        state = breaks.status().state
        if state is SchedulerState.ASKING_WERE_YOU_UP:
            breaks.answer_were_you_up(list(WereYouUp)[choice % 3])
        elif state is SchedulerState.PROMPTING:
            (breaks.stand_now, breaks.snooze, breaks.skip, breaks.dismiss)[choice % 4]()
        elif state is SchedulerState.STANDING:
            (breaks.finish_stand, breaks.sit_down_early)[choice % 2]()
        else:
            breaks.defer("meeting")

    def morning(self, pain: int) -> None:
        self.services.morning.record_morning(self.clock.now().date(), pain, replace=True)

    def session(self, reps: int) -> None:
        draft = SessionDraft(exercise_id=1, performed_at=self.clock.now(), sets=(SetEntry(reps),))
        self.services.exercises.log_session(draft)

    def run(self, count: int) -> None:
        self.services.exercises.log_run(RunDraft(self.clock.now(), duration_s=count * 60))

    def measure(self, score: int) -> None:
        visa = Measure(MeasureKind.VISA_H, self.clock.now().date(), value=float(score))
        self.services.measures.record(visa, replace_existing=True)

    def stage(self, stage: int) -> None:
        self.services.profile.set_stage(stage)


def _fresh(folder: Path, template: Path, clock: FakeClock) -> DataService:
    folder.mkdir()
    path = folder / "pht-desktop.sqlite3"
    shutil.copyfile(template, path)
    return DataService(open_database(path), clock, path)


LONG_AWAY: list[Step] = [
    ("sit", 40),
    ("answer", 0),
    ("sit", 5),
    ("answer", 0),
    ("morning", 3),
    ("sleep", 45 * DAY_MIN),  # finding 3: a 45-day suspend is one away period
    ("zone", 4),
    ("sit", 35),
    ("jump", -2 * DAY_MIN),  # the clock set back two days
    ("session", 8),
    ("idle", 200),
    ("answer", 1),
    ("jump", 3 * DAY_MIN),
    ("zone", 5),
    ("run", 30),
    ("jump", -4 * DAY_MIN),  # set back again: the run above now lies "in the future"
]


@pytest.mark.timeout(300)  # up to 12 steps of up to two hours of ticks, on a loaded machine
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=(Phase.explicit, Phase.generate, Phase.shrink),  # no slow "explain" tracing
)
@given(lived=steps)
@example(lived=LONG_AWAY)
def test_a_lived_history_exports_and_imports_back_identically(
    template_db: Path, lived: list[Step]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "source" / "pht-desktop.sqlite3"
        source.parent.mkdir()
        shutil.copyfile(template_db, source)
        clock = FakeClock(START)
        services = build_services(source, clock)
        try:
            life = Life(services, clock)
            for step in lived:
                life.play(step)
            services.breaks.stop()
            formats: tuple[Literal["csv", "json"], ...] = ("csv", "json")
            for fmt in formats:
                archive = services.data.export_zip(root / f"export.{fmt}.zip", fmt)
                target = _fresh(root / fmt, template_db, clock)
                try:
                    report = target.import_file(archive)
                    assert report.ok, report.lines()
                    assert target.export_files(fmt) == services.data.export_files(fmt)
                finally:
                    target.engine.dispose()
        finally:
            services.close()


def test_the_long_example_records_what_it_is_meant_to(services: Services, clock: FakeClock) -> None:
    """The explicit example is the hard case: a > 30-day suspend recorded as one away
    period, and entries stamped ahead of the clock that was later set back."""
    life = Life(services, clock)
    for step in LONG_AWAY:
        life.play(step)
    services.breaks.stop()
    tables = services.data.export_files("json")["data.json"].decode()
    document = json.loads(tables)["tables"]
    away = [row["seconds"] for row in document["away_periods"]]
    assert max(away) > 30 * 24 * 3600
    assert {row["cause"] for row in document["away_periods"]} >= {"sleep", "idle"}
    assert document["sessions"]
    (run,) = document["runs"]
    assert datetime.fromisoformat(run["performed_at"]) > clock.now() + timedelta(days=3)
