"""The SITTING card's words: the state, the next stand and today's figures in a sentence.

Shared by the card and the tray (its tooltip and pause menu), so both say the same thing.
The texts are translated in the "SittingCard" context, where they were first marked.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.durations import whole_minutes
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.breaks import BreakStatus, DayFigures, ManualEntry
from pht_desktop.ui.durations import clock_text, counted, duration_text

# The words below are marked for translation in the "SittingCard" context and shown
# through ``QCoreApplication.translate("SittingCard", …)`` (see the helpers after them).
PAUSE_CHOICES: tuple[tuple[PauseKind, str], ...] = (
    (PauseKind.MIN_30, str(QT_TRANSLATE_NOOP("SittingCard", "30 minutes"))),
    (PauseKind.HOUR_1, str(QT_TRANSLATE_NOOP("SittingCard", "1 hour"))),
    (PauseKind.UNTIL_TOMORROW, str(QT_TRANSLATE_NOOP("SittingCard", "Until tomorrow"))),
)
SOURCE_WORDS = {
    "prompted": str(QT_TRANSLATE_NOOP("SittingCard", "after a prompt")),
    "self_started": str(QT_TRANSLATE_NOOP("SittingCard", "self-started")),
    "idle_confirmed": str(QT_TRANSLATE_NOOP("SittingCard", "while away")),
}
KIND_WORDS = {
    "driving": str(QT_TRANSLATE_NOOP("SittingCard", "Driving")),
    "sofa": str(QT_TRANSLATE_NOOP("SittingCard", "Sofa")),
    "meal": str(QT_TRANSLATE_NOOP("SittingCard", "Meal")),
    "other": str(QT_TRANSLATE_NOOP("SittingCard", "Other")),
}
# The seat kinds are stored keys ('hard', 'soft'); these are their names on screen.
SEAT_WORDS = {
    "hard": str(QT_TRANSLATE_NOOP("SittingCard", "Hard")),
    "soft": str(QT_TRANSLATE_NOOP("SittingCard", "Soft")),
}
# Lower case, inside a sentence: "08:10 · Sofa, soft seat · 30 min".
SEAT_IN_SENTENCE = {
    "hard": str(QT_TRANSLATE_NOOP("SittingCard", "hard seat")),
    "soft": str(QT_TRANSLATE_NOOP("SittingCard", "soft seat")),
}
STATE_WORDS: dict[SchedulerState, str] = {
    SchedulerState.PROMPTING: str(QT_TRANSLATE_NOOP("SittingCard", "Time to stand up")),
    SchedulerState.DEFERRED: str(QT_TRANSLATE_NOOP("SittingCard", "Stand when you can")),
    SchedulerState.AWAY: str(QT_TRANSLATE_NOOP("SittingCard", "Away from the computer")),
    SchedulerState.ASKING_WERE_YOU_UP: str(QT_TRANSLATE_NOOP("SittingCard", "Were you up?")),
    SchedulerState.OUTSIDE_HOURS: str(
        QT_TRANSLATE_NOOP("SittingCard", "Outside working hours: no prompts")
    ),
    SchedulerState.STOPPED: str(QT_TRANSLATE_NOOP("SittingCard", "Break reminders stopped")),
}


def translated(text: str) -> str:
    """``text`` (a literal marked above, or a known key's word) in the user's language."""
    return QCoreApplication.translate("SittingCard", text)


def pause_choices() -> tuple[tuple[PauseKind, str], ...]:
    """The pause lengths with their translated labels (the card's menu and the tray's)."""
    return tuple((kind, translated(label)) for kind, label in PAUSE_CHOICES)


def status_line(status: BreakStatus) -> str:
    """One line for the tray tooltip and the card: the state in plain words."""
    state = status.state
    if state in (SchedulerState.SITTING, SchedulerState.SNOOZED):
        return QCoreApplication.translate("SittingCard", "Sitting {bout} · {next}").format(
            bout=duration_text(status.bout_seconds), next=next_text(status)
        )
    if state is SchedulerState.STANDING:
        return QCoreApplication.translate("SittingCard", "Standing · {left} left").format(
            left=clock_text(status.stand_remaining or 0.0)
        )
    if state is SchedulerState.PAUSED and status.pause_until is not None:
        until = status.pause_until
        if until.hour == 0 and until.minute == 0:
            # 'until tomorrow', or a pause that ends then
            return QCoreApplication.translate("SittingCard", "Paused until midnight")
        return QCoreApplication.translate("SittingCard", "Paused until {time}").format(
            time=f"{until:%H:%M}"
        )
    if state in STATE_WORDS:
        return translated(STATE_WORDS[state])
    return QCoreApplication.translate("SittingCard", "Paused")


def _minutes_left(status: BreakStatus) -> int | None:
    """Whole minutes to the next prompt, counted on the bout as shown, so the numbers on
    screen add up (24 min sat + 6 min to go = a 30 min interval), never 24 + 7."""
    nxt = status.seconds_to_next_prompt
    if nxt is None:
        return None
    return whole_minutes(status.bout_seconds + nxt) - whole_minutes(status.bout_seconds)


def minutes_to_next_stand(status: BreakStatus) -> int | None:
    """The tray icon's number: minutes to the next prompt while sitting, else None."""
    if status.state not in (SchedulerState.SITTING, SchedulerState.SNOOZED):
        return None
    return _minutes_left(status)


def next_text(status: BreakStatus) -> str:
    """ "next stand in 12 min", or past the interval "over by 7 min · next reminder in
    3 min": a skipped or snoozed prompt does not restart the bout (R1.2)."""
    shown = whole_minutes(status.bout_seconds)
    minutes = _minutes_left(status)
    left = None if minutes is None else 60 * minutes
    over = shown - whole_minutes(status.interval_seconds)
    if over > 0:
        text = QCoreApplication.translate("SittingCard", "over by {duration}").format(
            duration=duration_text(60 * over)
        )
        if left is None:
            return text
        return QCoreApplication.translate(
            "SittingCard", "{over} · next reminder in {duration}"
        ).format(over=text, duration=duration_text(left))
    if left is None:
        return ""
    return QCoreApplication.translate("SittingCard", "next stand in {duration}").format(
        duration=duration_text(left)
    )


def figures_text(figures: DayFigures) -> str:
    """Today's R1.3 figures on one line, the parts separated by " · "; a figure that is
    still zero is left out until there is something to say (issue 13)."""
    parts: list[str] = []
    if figures.prompts:
        parts.append(counted().prompts(figures.prompts))
        parts.append(
            QCoreApplication.translate("SittingCard", "{count} stood").format(count=figures.taken)
        )
    if figures.longest_bout_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "longest bout {duration}").format(
                duration=duration_text(figures.longest_bout_s)
            )
        )
    if figures.bouts_over_40:
        parts.append(counted().long_bouts(figures.bouts_over_40))
    if figures.sitting_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "sat {sat}").format(
                sat=duration_text(figures.sitting_s)
            )
        )
    if figures.standing_s:
        parts.append(
            QCoreApplication.translate("SittingCard", "stood {stood}").format(
                stood=duration_text(figures.standing_s)
            )
        )
    if figures.adherence is not None and figures.prompts:
        parts.append(
            QCoreApplication.translate("SittingCard", "stood up at {percent} % of prompts").format(
                percent=round(figures.adherence * 100)
            )
        )
    if not parts:
        return ""
    return QCoreApplication.translate("SittingCard", "Today: {figures}").format(
        figures=" · ".join(parts)
    )


def breaks_text(figures: DayFigures) -> str:
    if not figures.breaks_by_source:
        return ""  # nothing to say yet: the line stays hidden
    parts = [
        # A number of breaks and how they began, e.g. "3 after a prompt".
        QCoreApplication.translate("SittingCard", "{count} {how}").format(
            count=count, how=translated(SOURCE_WORDS[source]) if source in SOURCE_WORDS else source
        )
        for source, count in sorted(figures.breaks_by_source.items())
    ]
    counts = " · ".join(parts)
    if not figures.manual_sitting_s:
        return QCoreApplication.translate("SittingCard", "Breaks: {counts}").format(counts=counts)
    return QCoreApplication.translate(
        "SittingCard", "Breaks: {counts} · {duration} sitting added by hand"
    ).format(counts=counts, duration=duration_text(figures.manual_sitting_s))


def manual_entry_text(entry: ManualEntry, zone: tzinfo) -> str:
    """One hand-entered bout as the list shows it: "08:10 · Sofa, soft seat · 30 min"."""
    local = entry.started_at.astimezone(zone)
    kind = translated(KIND_WORDS[entry.kind]) if entry.kind in KIND_WORDS else entry.kind
    if not entry.seat:
        return QCoreApplication.translate("SittingCard", "{time} · {kind} · {minutes} min").format(
            time=f"{local:%H:%M}", kind=kind, minutes=entry.minutes
        )
    seat = (
        translated(SEAT_IN_SENTENCE[entry.seat])
        if entry.seat in SEAT_IN_SENTENCE
        else f"{entry.seat} seat"
    )
    return QCoreApplication.translate(
        "SittingCard", "{time} · {kind}, {seat} · {minutes} min"
    ).format(time=f"{local:%H:%M}", kind=kind, seat=seat, minutes=entry.minutes)
