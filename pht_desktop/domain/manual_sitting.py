"""Sitting the app could not see (driving, the sofa, a meal), entered by hand (R1.3).

Away from the computer the scheduler knows nothing, yet compression of the tendon
still happens; these entries let the daily sitting figures include it. A value type
only: the store keeps it, statistics add it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, TypeAlias, cast

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.validation import choice, int_in_range, moment_not_future

SittingKind: TypeAlias = Literal["driving", "sofa", "meal", "other"]
SeatKind: TypeAlias = Literal["hard", "soft"]
SITTING_KINDS: tuple[SittingKind, ...] = ("driving", "sofa", "meal", "other")
SEAT_KINDS: tuple[SeatKind, ...] = ("hard", "soft")
MIN_MINUTES = 1
MAX_MINUTES = 720


@dataclass(frozen=True, slots=True)
class ManualSitting:
    """One hand-entered sitting bout; ``seat`` matters because hard seats compress more
    (R1.4), None when the user does not say."""

    started_at: datetime
    minutes: int
    kind: SittingKind = "other"
    seat: SeatKind | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.started_at, datetime) or self.started_at.tzinfo is None:
            raise ValidationError("started_at", "Please give the date and time you sat down.")
        minutes = int_in_range(
            self.minutes, MIN_MINUTES, MAX_MINUTES, "minutes", "Sitting time", "minutes"
        )
        object.__setattr__(self, "minutes", minutes)
        choice(self.kind, SITTING_KINDS, "kind", "Where you sat")
        if self.seat is not None:
            choice(self.seat, SEAT_KINDS, "seat", "The seat")

    @classmethod
    def validated(
        cls,
        started_at: datetime,
        minutes: object,
        kind: object,
        seat: object,
        now: datetime,
    ) -> ManualSitting:
        """Build from form input; the start may not be in the future (a minute's grace)."""
        moment_not_future(started_at, now, "started_at")
        seat_value = None if seat in (None, "") else choice(seat, SEAT_KINDS, "seat", "The seat")
        minutes_value = int_in_range(
            minutes, MIN_MINUTES, MAX_MINUTES, "minutes", "Sitting time", "minutes"
        )
        return cls(
            started_at=started_at,
            minutes=minutes_value,
            kind=cast(SittingKind, choice(kind, SITTING_KINDS, "kind", "Where you sat")),
            seat=cast(SeatKind | None, seat_value),
        )

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.minutes)

    @property
    def seconds(self) -> float:
        return self.minutes * 60.0
