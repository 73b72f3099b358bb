"""A realistic, deterministic demo history: a desk-worker runner in PHT rehab.

Twelve weeks ending today by default: a baseline of 3/10 set on the third morning,
isometrics, heavy slow resistance from week 4, a flare after a jump in load (exceeded
days, morning pain up), the kinetic-chain stage and a harder morning test from week 8,
run-walks at the end; sitting that improves (long bouts and snoozed prompts early, more
breaks later, some driving and evenings on the sofa). ``years=N`` carries on for N years
with later stages, runs and the odd flare, to give benchmarks ten years of data.

The generator is a seeded :class:`random.Random`, so the same arguments always give the
same records. It returns plain values; the store decides how to write them.

Given ``now``, the story holds nothing later than that moment: on the last day only what
has already happened is kept (a morning entry once its time has passed, sessions and runs
that are over, sitting cut off at ``now``). The cut is applied after the whole story is
built, so earlier days do not depend on ``now``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final, Literal, NamedTuple

from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.domain.morning import BaselineChange, MorningEntry, MorningTest, TestChange
from pht_desktop.domain.profile import StageEvent

SHORT_DAYS = 84
"""The default story: twelve weeks ending today."""
SEED = 20260302
PROMPT_INTERVAL_S = 30 * 60
SNOOZE_S = 5 * 60
WORK_START_MIN = 8 * 60 + 45
WORK_END_MIN = 17 * 60 + 30
MORNING_MIN = 7 * 60 + 30
"""When the morning test is done: today's entry exists only once this time has passed."""

Response = Literal["stood", "snoozed", "skipped", "no_answer"]


DEMO_MAX_KG: Final = 80.0
"""Where the demo's working weight levels off. The 12-week story stays far below it
(25 kg); without it a ten-year story climbed past the 500 kg the app accepts."""


@dataclass(frozen=True, slots=True)
class DemoSet:
    reps: int
    hold_seconds: int | None
    rest_seconds: int


@dataclass(frozen=True, slots=True)
class DemoSession:
    """One exercise session; ``exercise_slug`` names a built-in catalogue entry."""

    exercise_slug: str
    performed_at: datetime
    day: date
    sets: tuple[DemoSet, ...]
    load_kind: str
    band_colour: str | None
    load_kg: float | None
    effort: int
    pain_during: int


@dataclass(frozen=True, slots=True)
class DemoRun:
    performed_at: datetime
    day: date
    duration_s: int
    distance_km: float
    style: str
    pain_during: int


@dataclass(frozen=True, slots=True)
class DemoBout:
    """A sitting bout; ``manual_kind`` is set for sitting entered by hand."""

    started_at: datetime
    seconds: int
    end_reason: str
    manual_kind: str | None = None
    seat: str | None = None


@dataclass(frozen=True, slots=True)
class DemoPrompt:
    fired_at: datetime
    bout_seconds: int
    response: Response
    responded_at: datetime | None
    seconds_stood: int
    snoozes: int


@dataclass(frozen=True, slots=True)
class DemoStand:
    """A standing break; ``prompt_index`` points into the story's prompts when prompted."""

    started_at: datetime
    seconds: int
    source: str
    prompt_index: int | None


@dataclass
class DemoStory:
    """All records of the story, oldest first in each list."""

    first_day: date
    last_day: date
    mornings: list[MorningEntry] = field(default_factory=list)
    baselines: list[tuple[BaselineChange, str]] = field(default_factory=list)
    tests: list[TestChange] = field(default_factory=list)
    stages: list[StageEvent] = field(default_factory=list)
    sessions: list[DemoSession] = field(default_factory=list)
    runs: list[DemoRun] = field(default_factory=list)
    bouts: list[DemoBout] = field(default_factory=list)
    prompts: list[DemoPrompt] = field(default_factory=list)
    stands: list[DemoStand] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Record counts per kind: what the demo command prints and tests compare."""
        return {
            "mornings": len(self.mornings),
            "load_days": len({s.day for s in self.sessions} | {r.day for r in self.runs}),
            "sessions": len(self.sessions),
            "runs": len(self.runs),
            "bouts": len(self.bouts),
            "prompts": len(self.prompts),
            "stands": len(self.stands),
            "measures": len(self.measures),
        }


# Exercises per stage: (slug, kind) where kind is "hold" or "reps".
_STAGE_EXERCISES: dict[int, tuple[str, ...]] = {
    1: ("prone-hip-extension-hold", "standing-band-hip-extension-hold", "bridge-hold-low-flexion"),
    2: ("hsr-double-leg-bridge", "hsr-prone-hamstring-curl", "hsr-rdl-limited-depth"),
    3: ("single-leg-rdl", "step-up", "hip-thrust"),
    4: ("deep-rdl", "walking-lunge", "rear-foot-elevated-split-squat"),
    5: ("single-leg-rdl", "walking-lunge", "hip-thrust"),
}
_HOLD_SLUGS = frozenset(_STAGE_EXERCISES[1])


class _Odds(NamedTuple):
    """How a workday's user answers prompts: from snoozing to standing as rehab goes on."""

    stood: float
    snooze: float
    unprompted: float


class _Builder:
    """Walks the days once, carrying the state (stage, pain level, load level)."""

    def __init__(self, today: date, days: int, tz: tzinfo | None, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tz = tz
        self.days = days
        self.start = today - timedelta(days=days - 1)
        self.story = DemoStory(first_day=self.start, last_day=today)
        self.level = 3.0  # underlying morning pain
        self.flare = 0.0  # extra pain after a load jump, decaying
        self.stage = 1
        self.test: str = MorningTest.SINGLE_LEG_BRIDGE.value
        self.load_step = 0  # dose progression within a stage
        self.flare_days = self._flare_days()
        self.measure_rng = random.Random(seed + 15)

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the story's zone (the system's when none was given)."""
        return moment.astimezone(self.tz) if self.tz is not None else moment.astimezone()

    def at(self, day: date, minutes: float) -> datetime:
        """An aware local time ``minutes`` after midnight of ``day``."""
        naive = datetime.combine(day, time()) + timedelta(minutes=minutes)
        return naive.replace(tzinfo=self.tz) if self.tz is not None else naive.astimezone()

    def _flare_days(self) -> set[int]:
        """The jump in load of the short story, then one every few months in a long one."""
        flares = {min(40, self.days - 10)} if self.days >= 30 else set()
        index = 150
        while index < self.days - 5:
            flares.add(index + self.rng.randrange(-20, 20))
            index += 150
        return flares

    # --- timeline ------------------------------------------------------------------------
    def build(self) -> DemoStory:
        story = self.story
        story.tests.append(TestChange(self.start, self.test))
        story.stages.append(StageEvent(self.start, 1, "Starting with isometrics"))
        for index in range(self.days):
            day = self.start + timedelta(days=index)
            self._stage_moves(index, day)
            self._morning(index, day)
            self._load(index, day)
            self._sitting(index, day)
            self._measures(index, day)
        return story

    def _measures(self, index: int, day: date) -> None:
        """Outcome measures every two weeks (issue 15), getting better over twelve weeks:
        sitting tolerance toward the 30 min cap, the painful right side catching up on
        the bridge, VISA-H every four weeks. A flare costs some sitting tolerance. Their
        own random stream, so the rest of the story is the same with or without them."""
        if index % 14 != 3:
            return
        rng = self.measure_rng
        progress = min(1.0, index / (SHORT_DAYS - 4))
        minutes = 8.0 + 23.0 * progress + rng.uniform(-1.5, 1.5) - 5.0 * min(self.flare, 1.0)
        minutes = round(max(2.0, min(minutes, 30.0)), 1)
        self.story.measures.append(
            Measure(MeasureKind.SITTING, day, value=minutes, reached_cap=minutes >= 30)
        )
        left = round(18 + 8 * progress + rng.uniform(-1, 1))
        right = round(12 + 14 * progress + rng.uniform(-1, 1))
        self.story.measures.append(
            Measure(
                MeasureKind.BRIDGE,
                day,
                left_reps=left,
                right_reps=min(right, left + 1),
                painful_side=Side.RIGHT,
                tempo_s=2,
            )
        )
        if index % 28 == 3:
            score = round(50 + 26 * progress + rng.uniform(-2, 2))
            self.story.measures.append(Measure(MeasureKind.VISA_H, day, value=min(score, 100)))

    # --- nothing after now ---------------------------------------------------------------
    def cut_at(self, now: datetime) -> None:
        """Drop (or shorten) every record that would lie after ``now``."""
        story = self.story
        today = self.local(now).date()
        story.mornings = [
            m for m in story.mornings if m.day < today or self.at(m.day, MORNING_MIN) <= now
        ]
        story.baselines = [(b, s) for b, s in story.baselines if b.effective_date <= today]
        story.tests = [t for t in story.tests if t.effective_date <= today]
        story.stages = [s for s in story.stages if s.effective_date <= today]
        story.measures = [m for m in story.measures if m.day <= today]
        story.sessions = [s for s in story.sessions if s.performed_at <= now]
        story.runs = [
            r for r in story.runs if r.performed_at + timedelta(seconds=r.duration_s) <= now
        ]
        story.bouts = [b for b in (self._bout_until(b, now) for b in story.bouts) if b]
        kept: dict[int, int] = {}  # old prompt index -> new one
        prompts: list[DemoPrompt] = []
        stood_until = {
            s.prompt_index: s.started_at + timedelta(seconds=s.seconds)
            for s in story.stands
            if s.prompt_index is not None
        }
        for old, prompt in enumerate(story.prompts):
            answered = prompt.responded_at or prompt.fired_at
            if max(answered, stood_until.get(old, answered)) <= now:
                kept[old] = len(prompts)
                prompts.append(prompt)
        stands: list[DemoStand] = []
        for stand in story.stands:
            if stand.started_at + timedelta(seconds=stand.seconds) > now:
                continue
            if stand.prompt_index is None:
                stands.append(stand)
            elif stand.prompt_index in kept:
                stands.append(replace(stand, prompt_index=kept[stand.prompt_index]))
        story.prompts = prompts
        story.stands = stands

    @staticmethod
    def _bout_until(bout: DemoBout, now: datetime) -> DemoBout | None:
        """The bout as far as it has happened: a computer bout still open ends at ``now``;
        sitting entered by hand exists only once it is over."""
        if bout.started_at + timedelta(seconds=bout.seconds) <= now:
            return bout
        seconds = int((now - bout.started_at).total_seconds())
        if bout.manual_kind is not None or seconds <= 0:
            return None
        return replace(bout, seconds=seconds, end_reason="quit")

    def _stage_moves(self, index: int, day: date) -> None:
        moves = {27: 2, 56: 3, 120: 4, 180: 5}
        if index in moves and index < self.days - 3:
            self.stage = moves[index]
            self.load_step = 0
            self.story.stages.append(StageEvent(day, self.stage, "Tolerated the top dose"))
        if index == 58 and index < self.days - 3:
            # R3.7: a harder test as hip flexion increases; a new baseline on it.
            self.test = MorningTest.SINGLE_LEG_DEADLIFT.value
            self.story.tests.append(TestChange(day, self.test))
            self.story.baselines.append((BaselineChange(day, 3, self.test), "manual"))
            self.level += 0.6

    def _morning(self, index: int, day: date) -> None:
        # Slow improvement toward 1.5/10, the flare decaying over about a week.
        self.level += (1.8 - self.level) * 0.03
        self.flare *= 0.72
        skip = index > 3 and self.rng.random() < 0.025
        if not skip:
            pain = round(self.level + self.flare + self.rng.gauss(0, 0.45))
            self.story.mornings.append(MorningEntry(day, max(0, min(10, pain)), self.test))
        if index == 2:
            first = [e.pain for e in self.story.mornings[:3]]
            pain = sorted(first)[len(first) // 2] if first else 3
            self.story.baselines.append((BaselineChange(day, pain, self.test), "derived"))

    def _load(self, index: int, day: date) -> None:
        rng = self.rng
        # The jump in load lasts two days: the user only notices the next morning.
        jump = index in self.flare_days or index - 1 in self.flare_days
        if not jump and (day.weekday() == 6 or rng.random() < 0.1):
            return  # rest day
        if jump:
            self.flare += 2.4
        if self.flare > 1.5 and not jump:
            self.load_step = max(0, self.load_step - 1)  # back off after an exceeded day
        elif rng.random() < 0.15:
            self.load_step += 1
        minutes = 17 * 60 + 45 + rng.randrange(0, 120)
        pain_base = 1 + (3 if jump else 0) + (1 if self.flare > 1 else 0)
        slugs = _STAGE_EXERCISES[self.stage]
        hsr_day = self.stage >= 2 and day.weekday() in (0, 2, 4)
        chosen = (
            [s for s in slugs if s not in _HOLD_SLUGS]
            if hsr_day
            else [rng.choice(_STAGE_EXERCISES[1])]
        )
        for number, slug in enumerate(chosen[: 2 if not jump else 3]):
            when = self.at(day, minutes + number * 12)
            pain = max(0, min(10, pain_base + rng.choice((0, 0, 1)) + (2 if jump else 0)))
            self.story.sessions.append(self._session(slug, when, day, jump, pain))
        if self.stage >= 3 and index >= 70 and day.weekday() in (1, 5) and not jump:
            self._run(day, minutes - 60)

    def _session(self, slug: str, when: datetime, day: date, jump: bool, pain: int) -> DemoSession:
        step = self.load_step + (4 if jump else 0)
        if slug in _HOLD_SLUGS:
            hold = min(45, 30 + 5 * step)
            sets = tuple(DemoSet(1, hold, 120) for _ in range(5))
            return DemoSession(slug, when, day, sets, "band", "green", None, 7, pain)
        reps = 12 if self.stage == 2 else 10
        sets = tuple(DemoSet(reps, None, 150) for _ in range(3 + (1 if step > 2 else 0)))
        kg = min(DEMO_MAX_KG, 10.0 + 2.5 * step + 10 * (self.stage - 2))
        return DemoSession(slug, when, day, sets, "kg", None, kg, 7, pain)

    def _run(self, day: date, minutes: int) -> None:
        weeks_running = max(0, (day - self.start).days - 70) // 7
        duration = min(45, 16 + 3 * weeks_running) * 60
        style = "run_walk" if weeks_running < 6 else "continuous"
        pain = max(0, min(10, 1 + self.rng.choice((0, 0, 1)) + (1 if self.flare > 1 else 0)))
        self.story.runs.append(
            DemoRun(
                self.at(day, minutes),
                day,
                duration,
                round(duration / 60 / 6.5, 2),
                style,
                pain,
            )
        )

    # --- sitting -------------------------------------------------------------------------
    def _sitting(self, index: int, day: date) -> None:
        progress = min(1.0, index / SHORT_DAYS)
        if day.weekday() < 5:
            self._workday(day, progress)
            if self.rng.random() < 0.4:  # driving to the office and back
                for start in (7 * 60 + 50, 17 * 60 + 45):
                    minutes = self.rng.randrange(20, 45)
                    self._manual(day, start, minutes, "driving", "soft")
        if self.rng.random() < 0.35:  # an evening on the sofa, sometimes past midnight
            start = self.rng.choice((20 * 60 + 30, 21 * 60 + 30, 23 * 60 + 20))
            self._manual(day, start, self.rng.randrange(40, 110), "sofa", "soft")

    def _manual(self, day: date, start_min: int, minutes: int, kind: str, seat: str) -> None:
        self.story.bouts.append(
            DemoBout(self.at(day, start_min), minutes * 60, "manual", kind, seat)
        )

    def _workday(self, day: date, progress: float) -> None:
        """Sit, get prompted every 30 min, answer: early weeks snooze, later weeks stand."""
        rng = self.rng
        clock = float(WORK_START_MIN + rng.randrange(0, 30))
        end = float(WORK_END_MIN + rng.randrange(-30, 30))
        lunch = 12 * 60 + 30 + rng.randrange(-20, 20)
        odds = _Odds(
            stood=0.3 + 0.55 * progress,
            snooze=0.4 * (1 - progress) + 0.1,
            unprompted=0.08 * (1 + progress),
        )
        while clock < end - 10:
            bout_start = clock
            bout_end, reason = self._bout(day, bout_start, end, lunch, odds)
            seconds = round((bout_end - bout_start) * 60)
            if seconds > 0:
                self.story.bouts.append(DemoBout(self.at(day, bout_start), seconds, reason))
            if reason == "away_unknown":
                clock = bout_end + rng.randrange(30, 60)
            elif reason == "quit":
                break
            else:
                clock = bout_end + rng.uniform(2.5, 5.5)

    def _bout(
        self, day: date, start: float, end: float, lunch: int, odds: _Odds
    ) -> tuple[float, str]:
        """One sitting bout from ``start`` (minutes after midnight), prompted every 30 min
        until the user stands, lunch or the day's end: when it ended and why."""
        rng = self.rng
        next_prompt = start + PROMPT_INTERVAL_S / 60
        snoozes = 0
        while True:
            if next_prompt >= lunch > start:
                return float(lunch), "away_unknown"
            if next_prompt >= end:
                return end, "quit"
            if rng.random() < odds.unprompted:  # stood up unprompted
                own = start + rng.uniform(10, PROMPT_INTERVAL_S / 60)
                stood_at = min(own, next_prompt)
                self.story.stands.append(
                    DemoStand(self.at(day, stood_at), rng.randrange(120, 300), "self_started", None)
                )
                return stood_at, "stood"
            answer = self._prompt(day, start, next_prompt, snoozes, odds)
            if answer == "stood":
                return next_prompt, "stood"
            if answer == "snoozed":
                snoozes += 1
                next_prompt += SNOOZE_S / 60
            else:
                snoozes = 0
                next_prompt += PROMPT_INTERVAL_S / 60

    def _prompt(
        self, day: date, start: float, fired_min: float, snoozes: int, odds: _Odds
    ) -> Response:
        """One prompt of the bout and the user's answer, recorded with the stand it led to."""
        rng = self.rng
        story = self.story
        bout_s = round((fired_min - start) * 60)
        roll = rng.random()
        fired = self.at(day, fired_min)
        if roll < odds.stood:
            stood_s = rng.randrange(150, 330)
            answered = fired + timedelta(seconds=rng.randrange(3, 40))
            story.prompts.append(DemoPrompt(fired, bout_s, "stood", answered, stood_s, snoozes))
            story.stands.append(DemoStand(answered, stood_s, "prompted", len(story.prompts) - 1))
            return "stood"
        if roll < odds.stood + odds.snooze and snoozes < 2:
            answered = fired + timedelta(seconds=rng.randrange(2, 20))
            story.prompts.append(DemoPrompt(fired, bout_s, "snoozed", answered, 0, snoozes))
            return "snoozed"
        response: Response = "skipped" if rng.random() < 0.6 else "no_answer"
        reply = None if response == "no_answer" else fired + timedelta(seconds=5)
        story.prompts.append(DemoPrompt(fired, bout_s, response, reply, 0, snoozes))
        return response


def demo_story(
    today: date,
    years: int | None = None,
    tz: tzinfo | None = None,
    seed: int = SEED,
    now: datetime | None = None,
) -> DemoStory:
    """The story ending on ``today``: twelve weeks, or ``years`` years when given.

    ``tz`` is the zone the story is lived in (default: the system's), so sessions land
    on the local days their ``day`` fields name. ``now`` (aware) is the moment the story
    is written: nothing in it is later than that. The same arguments give the same story.
    """
    days = SHORT_DAYS if years is None else max(1, years) * 365
    builder = _Builder(today, days, tz, seed)
    story = builder.build()
    if now is not None:
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime")
        builder.cut_at(now)
    return story
