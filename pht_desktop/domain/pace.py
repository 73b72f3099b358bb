"""How a pace is shown, on every screen, in the report and in the import's report lines.

Its own module so that the history and the report, which show paces at start-up, need
none of the run-file readers (``domain/run_files``) to say "5:42 /km".
"""

from __future__ import annotations


def pace_label(seconds_per_km: float | None) -> str:
    """ "5:42 /km" (empty when unknown)."""
    if seconds_per_km is None:
        return ""
    minutes, seconds = divmod(round(seconds_per_km), 60)
    return f"{minutes}:{seconds:02d} /km"
