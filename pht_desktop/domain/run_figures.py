"""The paces a run shows, for every screen: the one place an edited imported run is read.

A watch file gives the moving time and distance and, from its track, the best kilometre.
When the user corrects the minutes or the distance (the watch stopped late, the GPS cut a
corner), the average pace follows the typed numbers: that is what they say happened. The
best kilometre was measured on the file's own time and distance, which the user has just
said are wrong, so it is no longer shown as the run's; it is kept with the file's own
minutes and distance and shown as what the file said, so nothing is lost and typing the
file's numbers back brings it back. The hilly/fast flags are the user's: they stay as
ticked, the reasons found in the file are marked as the file's once it is edited, and
the reason of a flag the user unticks goes with it (:func:`reasons_still_flagged`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pht_desktop.domain.pace import pace_label

SHOWN_S: Final = 60
"""The run form shows whole minutes: 30:43 from a file reads "31 min"."""
SHOWN_KM_DECIMALS: Final = 2
"""...and kilometres to 10 m: 5.0234 km reads "5.02 km"."""


@dataclass(frozen=True, slots=True)
class FileMeasures:
    """What the run's file measured, as imported (None for a run typed in)."""

    moving_s: int
    distance_km: float | None
    best_km_s: float | None


@dataclass(frozen=True, slots=True)
class RunFigures:
    """A run's paces as every screen, the export check and the report show them."""

    pace_s_km: float | None
    """Average pace from the stored minutes and distance (typed, or the file's)."""
    best_km_s: float | None
    """The file's best kilometre, only while the run still has the file's numbers."""
    edited: bool
    """An imported run whose minutes or distance the user changed."""
    file: FileMeasures | None


def average_pace(duration_s: float, distance_km: float | None) -> float | None:
    """Seconds per km; None without a distance (a run typed with "—")."""
    return duration_s / distance_km if distance_km else None


def _same_shown(a: float | None, b: float | None, shown: float) -> bool:
    if a is None or b is None:
        return a is b
    return round(a / shown) == round(b / shown)


def same_seconds(a: float, b: float) -> bool:
    """The same number of minutes on the form."""
    return _same_shown(a, b, SHOWN_S)


def same_km(a: float | None, b: float | None) -> bool:
    """The same distance on the form (both "—" counts as the same)."""
    return _same_shown(a, b, 10.0**-SHOWN_KM_DECIMALS)


def kept_seconds(typed: int, *known: int | None) -> int:
    """The first precise ``known`` value the form would show as ``typed``, else ``typed``.

    Saving an edit that left the minutes alone must not round a file's 30:43 to 31:00,
    and typing a file's minutes back restores its exact seconds; a caller giving seconds
    the form cannot show (1210 s) gets them as given."""
    shown = (k for k in known if k is not None and round(k / SHOWN_S) * SHOWN_S == typed)
    return next(shown, typed)


def kept_km(typed: float | None, *known: float | None) -> float | None:
    """:func:`kept_seconds` for the distance (the form shows 10 m)."""
    if typed is None:
        return None
    shown = (k for k in known if k is not None and abs(round(k, SHOWN_KM_DECIMALS) - typed) < 1e-9)
    return next(shown, typed)


def run_figures(
    duration_s: int, distance_km: float | None, file: FileMeasures | None
) -> RunFigures:
    """The paces to show: average from the stored numbers, best km only while they are
    still the file's (within what the form shows)."""
    edited = file is not None and not (
        same_seconds(file.moving_s, duration_s) and same_km(file.distance_km, distance_km)
    )
    best = None if file is None or edited else file.best_km_s
    return RunFigures(average_pace(duration_s, distance_km), best, edited, file)


def _minutes_km(seconds: float, km: float | None) -> str:
    text = f"{round(seconds / SHOWN_S)} min"
    return text if km is None else f"{text}, {km:.{SHOWN_KM_DECIMALS}f} km"


def detail_lines(figures: RunFigures, flag_note: str, source_name: str | None) -> list[str]:
    """The run's pace, why it is flagged and where it came from, in words (the history's
    tooltip): after an edit the file's figures are said to be the file's."""
    lines = []
    if figures.pace_s_km is not None:
        pace = f"Pace {pace_label(figures.pace_s_km)}"
        if figures.best_km_s is not None:
            pace += f", best km {pace_label(figures.best_km_s)}"
        lines.append(pace + (" (your minutes and distance)" if figures.edited else ""))
    if flag_note:
        lines.append(f"The file said: {flag_note}" if figures.edited else flag_note)
    file = figures.file
    if figures.edited and file is not None:
        said = _minutes_km(file.moving_s, file.distance_km)
        if file.best_km_s is not None:
            said += f", best km {pace_label(file.best_km_s)}"
        lines.append(f"Edited by you; {source_name or 'the file'} measured {said}")
    elif source_name:
        lines.append(f"From {source_name}")
    return lines


def reasons_still_flagged(note: str, hilly: bool, fast: bool) -> str:
    """A flag note without the reasons of a flag the user has since unticked (F8): an
    edited run that is no longer hilly must not still say "hilly: 144 m climbed"."""
    kept = [
        reason
        for reason in note.split("; ")
        if not (reason.startswith("hilly:") and not hilly)
        and not (reason.startswith("fast:") and not fast)
    ]
    return "; ".join(kept)
