"""The interchange columns' checks: the domain validators adapted to (value, context).

A column check refines one cell; a row check tests what only the whole row can show
(a local date against its moment, a dose against its load). Both raise ValidationError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Final

from pht_desktop.domain import setting_specs, validation
from pht_desktop.domain.catalogue import SLUG_MAX_LENGTH
from pht_desktop.domain.dose_ladder import LadderSteps, checked_custom_ladder
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import Load, LoadKind, effort_value
from pht_desktop.domain.interchange.schema import (
    CUSTOM_REF_PREFIX,
    EARLIEST_UTC_OFFSET,
    LATEST_UTC_OFFSET,
    MAX_JSON_DEPTH,
    Check,
    Context,
    Record,
)
from pht_desktop.domain.interchange.values import json_depth, utc_text
from pht_desktop.domain.measures import Measure

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def pain(value: Any, _ctx: Context) -> int:
    return validation.pain(value)


def day(value: Any, ctx: Context) -> date:
    return validation.date_not_future(value, ctx.today)


def moment(value: Any, ctx: Context) -> datetime:
    return validation.moment_not_future(value, ctx.now)


def text(max_length: int, required: bool = False) -> Check:
    def check(value: Any, _ctx: Context) -> str:
        return validation.short_text(value, "text", "The text", max_length, required)

    return check


def choice(allowed: Iterable[str]) -> Check:
    options = tuple(str(a) for a in allowed)

    def check(value: Any, _ctx: Context) -> str:
        return validation.choice(value, options, "value", "The value")

    return check


def in_range(low: int, high: int) -> Check:
    def check(value: Any, _ctx: Context) -> int:
        return validation.int_in_range(value, low, high, "value", "The number")

    return check


def number(maximum: float) -> Check:
    def check(value: Any, _ctx: Context) -> float:
        return validation.non_negative_number(value, "value", "The number", maximum)

    return check


def number_between(low: float, high: float) -> Check:
    def check(value: Any, _ctx: Context) -> float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            raise ValidationError("value", f"The number must be between {low:g} and {high:g}.")
        return float(value)

    return check


RUN_SOURCES: Final = ("manual", "gpx", "tcx", "fit")


def run_source(value: Any, _ctx: Context) -> str:
    """Where a run came from: typed (``manual``; an empty cell too) or a file's format."""
    if value == "":
        return "manual"
    return validation.choice(value, RUN_SOURCES, "source", "The run's source")


def sha256(value: Any, _ctx: Context) -> str:
    """A file's SHA-256 as 64 lower-case hex digits (how an imported run names its file)."""
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ValidationError("source_sha256", "A file hash is 64 lower-case hex digits.")
    return value


def slug(value: Any, _ctx: Context) -> str:
    if not isinstance(value, str) or not _SLUG.match(value) or len(value) > SLUG_MAX_LENGTH:
        raise ValidationError("slug", "A slug is lowercase words joined by hyphens.")
    return value


def json_value(value: Any, _ctx: Context) -> Any:
    if json_depth(value) > MAX_JSON_DEPTH:
        raise ValidationError("value", f"Nested more than {MAX_JSON_DEPTH} levels deep.")
    return value


def _local_date_matches(record: Record) -> None:
    """``local_date`` must be the calendar day of ``performed_at`` under a real UTC offset."""
    moment: datetime = record["performed_at"]
    day: date = record["local_date"]
    earliest = (moment + EARLIEST_UTC_OFFSET).date()
    latest = (moment + LATEST_UTC_OFFSET).date()
    if not earliest <= day <= latest:
        raise ValidationError(
            "local_date",
            f"{day.isoformat()} is not the calendar day of performed_at "
            f"({utc_text(moment)}) in any time zone (UTC-12:00 to UTC+14:00); "
            f"expected {earliest.isoformat()} to {latest.isoformat()}.",
        )


def session_row(record: Record) -> None:
    _local_date_matches(record)
    kind = record["load_kind"]
    Load(LoadKind(kind), record["band_colour"], record["load_kg"])
    effort_value(record["effort_kind"], record["effort_value"])


def run_row(record: Record) -> None:
    _local_date_matches(record)
    typed = record.get("source", "manual") == "manual"
    if typed and (record.get("source_sha256") or record.get("source_name")):
        raise ValidationError(
            "source",
            "A run typed by hand has no file name or hash; an imported one names its format.",
        )


def bout_row(record: Record) -> None:
    ended = record["ended_at"]
    if ended is not None and ended < record["started_at"]:
        raise ValidationError("ended_at", "A sitting bout cannot end before it started.")


def exercise_row(record: Record) -> None:
    slug, ref = record["slug"], record["ref"]
    if slug is not None and ref != slug:
        raise ValidationError("ref", f"An exercise with a slug is referred to by it: {slug!r}.")
    base = CUSTOM_REF_PREFIX + record["name"]
    if slug is None and not re.fullmatch(re.escape(base) + r"( #\d+)?", ref):
        raise ValidationError("ref", f"A custom exercise is referred to as {base!r}.")
    if (record["dose_type"] == "hold") != (record["default_hold_s"] is not None):
        raise ValidationError("default_hold_s", "Hold seconds go with hold exercises only.")
    _ladder_holds_together(record)


def _ladder_holds_together(record: Record) -> None:
    """A stored ladder passes the same check as the Ladder tab, so an import can never
    store one the plan would refuse; no rungs means the default steps, and no steps."""
    rungs = record.get("ladder_rungs")
    if rungs is None:
        if record.get("ladder_step") is not None or record.get("ladder_load_step_kg"):
            raise ValidationError("ladder_rungs", "A ladder's steps need its number of levels.")
        return
    steps = LadderSteps(rungs, record.get("ladder_step"), record.get("ladder_load_step_kg") or 0.0)
    checked_custom_ladder(
        record["dose_type"],
        record["default_sets"],
        record["default_reps"],
        record["default_hold_s"],
        record["default_rest_s"],
        steps,
    )


def measure_row(record: Record) -> None:
    """An outcome measure holds together as the domain requires (issue 15)."""
    fields = {k: v for k, v in record.items() if k not in ("taken_on", "created_at")}
    Measure(day=record["taken_on"], **fields)


def setting_row(record: Record) -> None:
    """A setting's value passes the same check as its form (setting_specs), so an
    imported file can never store what every later start would choke on (finding 1)."""
    key = record["key"]
    try:
        clean = setting_specs.parse(key, record["value"])
    except ValidationError as exc:
        raise ValidationError("value", f"{key}: {exc.message}") from exc
    record["value"] = setting_specs.dump(key, clean)
