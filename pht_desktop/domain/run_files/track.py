"""What a format reader hands on: a :class:`Track` of :class:`Sample` points, and the
two ways a file is turned away (issue 14).

Shared by the readers (GPX, TCX, FIT) and the summary, so neither needs the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal

RunFormat = Literal["gpx", "tcx", "fit"]
FORMAT_NAMES: Final[dict[str, str]] = {"gpx": "GPX", "tcx": "TCX", "fit": "FIT"}


class RunFileError(ValueError):
    """A file that cannot be imported; ``reason`` is one sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotARunError(ValueError):
    """A readable activity that is not a run (a ride, a walk): listed, not imported."""

    def __init__(self, sport: str, reason: str) -> None:
        super().__init__(reason)
        self.sport = sport
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Sample:
    """One recorded point; ``distance_m`` is the device's running total when it gave one."""

    at: datetime
    lat: float | None = None
    lon: float | None = None
    elevation_m: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """What a format parser extracts, before any interpretation."""

    fmt: RunFormat
    sport: str | None
    samples: tuple[Sample, ...]
    total_distance_m: float | None = None
    total_ascent_m: float | None = None


def short_reason(exc: BaseException) -> str:
    """A parser's complaint cut to one line for the user's report."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def as_utc(moment: datetime) -> datetime:
    """GPX and TCX times are UTC by their specs; a time without a zone is read so."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
