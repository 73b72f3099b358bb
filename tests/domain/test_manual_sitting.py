"""ManualSitting: hand-entered sitting the app could not see (R1.3 daily totals)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.manual_sitting import ManualSitting

TZ = timezone(timedelta(hours=10))
NOW = datetime(2026, 3, 2, 18, 0, tzinfo=TZ)


def test_a_valid_entry() -> None:
    entry = ManualSitting.validated(NOW - timedelta(hours=2), 45, "driving", "soft", NOW)
    assert entry == ManualSitting(NOW - timedelta(hours=2), 45, "driving", "soft")
    assert entry.ended_at == NOW - timedelta(hours=1, minutes=15)
    assert entry.seconds == 2700


@pytest.mark.parametrize("seat", [None, ""])
def test_seat_is_optional(seat: object) -> None:
    assert ManualSitting.validated(NOW, 10, "meal", seat, NOW).seat is None


@pytest.mark.parametrize(
    ("started_at", "minutes", "kind", "seat", "field"),
    [
        (NOW, 0, "sofa", None, "minutes"),
        (NOW, 721, "sofa", None, "minutes"),
        (NOW, "ten", "sofa", None, "minutes"),
        (NOW, 10, "bus", None, "kind"),
        (NOW, 10, "sofa", "cushioned", "seat"),
        (NOW + timedelta(minutes=5), 10, "sofa", None, "started_at"),
        (datetime(2026, 3, 2, 9, 0), 10, "sofa", None, "started_at"),
    ],
)
def test_bad_entries_name_the_field(
    started_at: datetime, minutes: object, kind: object, seat: object, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        ManualSitting.validated(started_at, minutes, kind, seat, NOW)
    assert info.value.field == field
    assert info.value.message


def test_a_minute_of_clock_skew_is_allowed_and_limits_are_inclusive() -> None:
    assert ManualSitting.validated(NOW + timedelta(seconds=30), 1, "other", "hard", NOW)
    assert ManualSitting.validated(NOW, 720, "other", None, NOW).minutes == 720


def test_the_constructor_validates_too() -> None:
    with pytest.raises(ValidationError):
        ManualSitting(NOW, 0)
    with pytest.raises(ValidationError):
        ManualSitting(NOW, 10, "bus")  # type: ignore[arg-type]
