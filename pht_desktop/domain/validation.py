"""Validators at the domain edge (R3.3 pain scale, durations, dates).

Each returns the clean value or raises :class:`ValidationError` with a message a
user can read. The UI and importers call these; the store never sees bad values.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from pht_desktop.domain.errors import ValidationError

PAIN_MIN = 0
PAIN_MAX = 10


def pain(value: object, field: str = "pain") -> int:
    """Pain is an integer 0–10 (R3.3)."""
    if isinstance(value, bool) or not isinstance(value, int):
        # Text is parsed where it is read (forms, import), never guessed here (R3.3).
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValidationError(
                field, f"Pain must be a whole number from 0 to 10, not {value!r}."
            )
    assert isinstance(value, int)
    if not PAIN_MIN <= value <= PAIN_MAX:
        raise ValidationError(field, f"Pain must be from 0 to 10; {value} is outside the scale.")
    return value


def optional_pain(value: object, field: str = "pain") -> int | None:
    return None if value is None or value == "" else pain(value, field)


def int_in_range(value: object, low: int, high: int, field: str, what: str, unit: str = "") -> int:
    """A whole number within [low, high]; ``what`` names it in the message."""
    suffix = f" {unit}" if unit else ""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValidationError(
                field, f"{what} must be a whole number from {low} to {high}{suffix}."
            )
    assert isinstance(value, int)
    if not low <= value <= high:
        raise ValidationError(field, f"{what} must be from {low} to {high}{suffix}; got {value}.")
    return value


def positive_seconds(value: object, field: str, what: str, maximum: float = 24 * 3600) -> float:
    """A duration in seconds greater than zero (and not absurdly long)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValidationError(field, f"{what} must be a number of seconds greater than 0.")
    if value <= 0:
        raise ValidationError(field, f"{what} must be greater than 0 seconds.")
    if value > maximum:
        raise ValidationError(field, f"{what} cannot be longer than {int(maximum // 60)} minutes.")
    return float(value)


def non_negative_number(value: object, field: str, what: str, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValidationError(field, f"{what} must be a number.")
    if value < 0:
        raise ValidationError(field, f"{what} cannot be negative.")
    if value > maximum:
        raise ValidationError(field, f"{what} cannot be more than {maximum:g}.")
    return float(value) + 0.0  # -0.0 + 0.0 is 0.0: a typed "-0" never reads "-0 min"


def date_not_future(value: date, today: date, field: str = "date") -> date:
    """A calendar date that is today or earlier."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValidationError(field, "Please give a date (YYYY-MM-DD).")
    if value > today:
        raise ValidationError(
            field, f"{value.isoformat()} is in the future; entries can be for today or earlier."
        )
    if value.year < 1990:
        raise ValidationError(field, f"{value.isoformat()} is too far in the past.")
    return value


def moment_not_future(value: datetime, now: datetime, field: str = "time") -> datetime:
    """An aware timestamp that is not after ``now`` (a minute's grace for clock skew)."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(field, "Please give a date and time.")
    if (value - now).total_seconds() > 60:
        raise ValidationError(field, "That time is in the future; log what has already happened.")
    if value.year < 1990:
        raise ValidationError(field, "That time is too far in the past.")
    return value


def short_text(
    value: object, field: str, what: str, max_length: int = 500, required: bool = False
) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ValidationError(field, f"{what} cannot be empty.")
    if len(text) > max_length:
        raise ValidationError(field, f"{what} is too long (at most {max_length} characters).")
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        raise ValidationError(field, f"{what} contains control characters.")
    return text


def choice(value: object, allowed: tuple[str, ...], field: str, what: str) -> str:
    if value not in allowed:
        raise ValidationError(field, f"{what} must be one of: {', '.join(allowed)}.")
    assert isinstance(value, str)
    return value
