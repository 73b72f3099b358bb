"""What the Progress chart's tooltip says about one day: pain, verdict, load, sitting.

Indexed once per history (:class:`DayTexts`), so hovering only looks days up. The
verdict names the mode in use beside it (R3.6).
"""

from __future__ import annotations

from datetime import date

from pht_desktop.domain.progress import ProgressData
from pht_desktop.domain.verdicts import Outcome, Verdict
from pht_desktop.ui.charts.geometry import EPOCH_ORDINAL, day_number
from pht_desktop.ui.durations import duration_text


def verdict_words(verdict: Verdict) -> str:
    """Verdict for the tooltip, with the mode in use beside it (R3.6)."""
    if verdict.outcome is Outcome.UNKNOWN:
        return f"Load day: unknown ({verdict.reason})"
    return (
        f"Load day: {verdict.outcome.value} — next morning {verdict.next_morning_pain}/10 vs "
        f"{verdict.mode.reference_word} {verdict.reference}/10"
    )


class DayTexts:
    """The days of one history by day number, for the tooltip."""

    def __init__(self, data: ProgressData) -> None:
        self._data = data
        self._mornings = {round(day_number(e.day)): e.pain for e in data.mornings}
        self._verdicts: dict[int, Verdict] = {round(day_number(v.day)): v for v in data.verdicts}
        self._loads = {round(day_number(d.day)): d for d in data.loads}
        self._sitting = {round(day_number(d.day)): d for d in data.sitting}

    def nearest(self, x: float) -> str | None:
        """The text of the day nearest ``x`` that holds anything (or the day either side)."""
        key = round(x)
        for candidate in (key, key - 1, key + 1):
            text = self.text(candidate)
            if text is not None:
                return text
        return None

    def text(self, key: int) -> str | None:
        """The tooltip of day number ``key``; None when nothing was recorded that day."""
        lines: list[str] = []
        day = date.fromordinal(key + EPOCH_ORDINAL)
        pain = self._mornings.get(key)
        if pain is not None:
            base = self._data.baseline_on(day)
            base_text = "" if base is None else f", baseline {base}/10"
            lines.append(f"Morning pain {pain}/10{base_text}")
        verdict = self._verdicts.get(key)
        if verdict is not None:
            lines.append(verdict_words(verdict))
        load = self._loads.get(key)
        if load is not None:
            parts = [f"{load.sets} sets", f"{load.seconds_held} s held"]
            if load.run_seconds:
                parts.append(f"{load.run_minutes:.0f} min run")
                parts += [w for w, on in (("hilly", load.hilly), ("fast", load.fast)) if on]
            if load.max_pain_during is not None:
                parts.append(f"pain during {load.max_pain_during}/10")
            lines.append("Load: " + ", ".join(parts))
        sitting = self._sitting.get(key)
        if sitting is not None:
            lines.append(
                f"Sitting {duration_text(sitting.total_s)}, "
                f"longest bout {duration_text(sitting.longest_s)}, "
                f"{sitting.breaks} breaks"
            )
        if not lines:
            return None
        return "\n".join([day.strftime("%a %d %b %Y"), *lines])
