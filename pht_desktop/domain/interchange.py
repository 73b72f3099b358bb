"""The interchange format as pure data and functions (see docs/data-format.md).

One table per kind, written as CSV files in a zip or as one JSON document. This module
knows the columns, turns typed values into cells and back, neutralises text a
spreadsheet would run as a formula, and validates every row with the domain validators,
collecting *all* problems (file, line, field, why) so a bad file is refused whole with
every reason at once. No I/O: the service reads and writes the bytes.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from pht_desktop.domain import setting_specs, validation
from pht_desktop.domain.catalogue import DOSE_TYPES, SLUG_MAX_LENGTH
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import EffortKind, Load, LoadKind, RunStyle, effort_value
from pht_desktop.domain.measures import (
    BRIDGE_MAX_REPS,
    NOTE_MAX,
    STORED_KINDS,
    TEMPO_RANGE,
    Measure,
    Side,
)
from pht_desktop.domain.profile import PATHOLOGY_STAGES
from pht_desktop.domain.verdicts import Verdict

FORMAT_NAME: Final = "pht-desktop-export"
FORMAT_VERSION: Final = 1
MANIFEST_NAME: Final = "manifest.json"
JSON_DOCUMENT_NAME: Final = "data.json"

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula when a text cell starts with it."""

EARLIEST_UTC_OFFSET: Final = timedelta(hours=-12)
LATEST_UTC_OFFSET: Final = timedelta(hours=14)
"""The range of real UTC offsets: a local date is a calendar day of its moment in one."""

_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

CUSTOM_REF_PREFIX: Final = "custom:"

MAX_ROWS_PER_KIND: Final = 2_000_000
"""More rows than this in one table is not an export this app made (20 years of data
is ~1.5 million sitting bouts); refused before the rest is read."""
MAX_PROBLEMS: Final = 10_000
"""Checking stops after this many problems: the file is refused either way."""
MAX_PROBLEMS_SHOWN: Final = 50
"""How many problems a report lists; the rest are counted ("… and N more")."""
MAX_JSON_DEPTH: Final = 32
"""Deeper nesting is refused (our documents are 5 deep; a setting value a few more)."""

Record = dict[str, Any]
"""One row as typed Python values (str, int, float, bool, date, datetime, None, JSON)."""


class ColumnType(StrEnum):
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Context:
    """What validation needs to know about the present (no future entries)."""

    today: date
    now: datetime


Check = Callable[[Any, Context], Any]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its type, whether empty is allowed, and a domain check on the value."""

    name: str
    type: ColumnType
    nullable: bool = False
    check: Check | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of entry: a CSV file, a JSON table, and its natural key (for de-dup)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    export_only: bool = False
    row_check: Callable[[Record], None] | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def key_of(self, record: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(record[name] for name in self.key)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Why a file was refused: which file, which line (JSON: item number), which field."""

    file: str
    line: int
    field: str
    why: str

    def __str__(self) -> str:
        where = self.file if self.line <= 0 else f"{self.file}, line {self.line}"
        return f"{where}, {self.field}: {self.why}" if self.field else f"{where}: {self.why}"


@dataclass(slots=True)
class KindCount:
    """What an import did (or would do) with one kind's rows.

    ``conflict``: the natural key is already there with other content; the existing
    entry is kept (an import never overwrites what the user entered).
    """

    new: int = 0
    duplicate: int = 0
    conflict: int = 0


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import or a dry run: counts per kind, or every problem."""

    dry_run: bool
    counts: dict[str, KindCount] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """Plain sentences for the CLI and the UI."""
        if self.problems:
            count = len(self.problems)
            stopped = count >= MAX_PROBLEMS
            shown = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
            more = count - len(shown)
            tail = [f"… and {more:,} more" + (" (checking stopped there)" if stopped else "")]
            total = f"at least {count:,}" if stopped else f"{count:,}"
            return [
                f"Nothing was imported: {total} problem(s) found.",
                *shown,
                *(tail if more else []),
            ]
        head = "Dry run, nothing written:" if self.dry_run else "Imported:"
        body = [
            f"  {name}: {c.new} new, {c.duplicate} already there"
            + (f", {c.conflict} kept as they were (different in the file)" if c.conflict else "")
            for name, c in self.counts.items()
            if c.new or c.duplicate or c.conflict
        ]
        return [head, *(body or ["  (no entries)"])]


# --- checks: domain validators adapted to (value, context) ------------------------------


def _pain(value: Any, _ctx: Context) -> int:
    return validation.pain(value)


def _day(value: Any, ctx: Context) -> date:
    return validation.date_not_future(value, ctx.today)


def _moment(value: Any, ctx: Context) -> datetime:
    return validation.moment_not_future(value, ctx.now)


def _text(max_length: int, required: bool = False) -> Check:
    def check(value: Any, _ctx: Context) -> str:
        return validation.short_text(value, "text", "The text", max_length, required)

    return check


def _choice(allowed: Iterable[str]) -> Check:
    options = tuple(str(a) for a in allowed)

    def check(value: Any, _ctx: Context) -> str:
        return validation.choice(value, options, "value", "The value")

    return check


def _range(low: int, high: int) -> Check:
    def check(value: Any, _ctx: Context) -> int:
        return validation.int_in_range(value, low, high, "value", "The number")

    return check


def _number(maximum: float) -> Check:
    def check(value: Any, _ctx: Context) -> float:
        return validation.non_negative_number(value, "value", "The number", maximum)

    return check


def _slug(value: Any, _ctx: Context) -> str:
    if not isinstance(value, str) or not _SLUG.match(value) or len(value) > SLUG_MAX_LENGTH:
        raise ValidationError("slug", "A slug is lowercase words joined by hyphens.")
    return value


def _json_value(value: Any, _ctx: Context) -> Any:
    if json_depth(value) > MAX_JSON_DEPTH:
        raise ValidationError("value", f"Nested more than {MAX_JSON_DEPTH} levels deep.")
    return value


DAY_S: Final = 24 * 3600
MAX_AWAY_DAYS: Final = 100 * 366
"""An away period is as long as the machine was off or asleep: years are possible."""


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
            f"({_utc_text(moment)}) in any time zone (UTC-12:00 to UTC+14:00); "
            f"expected {earliest.isoformat()} to {latest.isoformat()}.",
        )


def _session_row(record: Record) -> None:
    _local_date_matches(record)
    kind = record["load_kind"]
    Load(LoadKind(kind), record["band_colour"], record["load_kg"])
    effort_value(record["effort_kind"], record["effort_value"])


def _run_row(record: Record) -> None:
    _local_date_matches(record)


def _bout_row(record: Record) -> None:
    ended = record["ended_at"]
    if ended is not None and ended < record["started_at"]:
        raise ValidationError("ended_at", "A sitting bout cannot end before it started.")


def _exercise_row(record: Record) -> None:
    slug, ref = record["slug"], record["ref"]
    if slug is not None and ref != slug:
        raise ValidationError("ref", f"An exercise with a slug is referred to by it: {slug!r}.")
    base = CUSTOM_REF_PREFIX + record["name"]
    if slug is None and not re.fullmatch(re.escape(base) + r"( #\d+)?", ref):
        raise ValidationError("ref", f"A custom exercise is referred to as {base!r}.")
    if (record["dose_type"] == "hold") != (record["default_hold_s"] is not None):
        raise ValidationError("default_hold_s", "Hold seconds go with hold exercises only.")


def _measure_row(record: Record) -> None:
    """An outcome measure holds together as the domain requires (issue 15)."""
    fields = {k: v for k, v in record.items() if k not in ("taken_on", "created_at")}
    Measure(day=record["taken_on"], **fields)


def _setting_row(record: Record) -> None:
    """A setting's value passes the same check as its form (setting_specs), so an
    imported file can never store what every later start would choke on (finding 1)."""
    key = record["key"]
    try:
        clean = setting_specs.parse(key, record["value"])
    except ValidationError as exc:
        raise ValidationError("value", f"{key}: {exc.message}") from exc
    record["value"] = setting_specs.dump(key, clean)


def _c(name: str, kind: ColumnType, check: Check | None = None, nullable: bool = False) -> Column:
    return Column(name, kind, nullable, check)


T, INT, FLOAT, BOOL = ColumnType.TEXT, ColumnType.INT, ColumnType.FLOAT, ColumnType.BOOL
DATE, DT, JSON = ColumnType.DATE, ColumnType.DATETIME, ColumnType.JSON

_NOTE = _text(2000)

KINDS: Final[tuple[Kind, ...]] = (
    Kind(
        "settings",
        (_c("key", T, _text(64, required=True)), _c("value", JSON, _json_value, nullable=True)),
        key=("key",),
        row_check=_setting_row,
    ),
    Kind(
        "stage_changes",
        (
            _c("effective_date", DATE, _day),
            _c("stage", INT, _range(1, 5)),
            _c("note", T, _NOTE),
            _c("created_at", DT, _moment, nullable=True),
        ),
        key=("effective_date", "stage"),
    ),
    Kind(
        "pathology_stage_changes",
        (
            _c("effective_date", DATE, _day),
            _c("pathology_stage", T, _choice(PATHOLOGY_STAGES)),
            _c("created_at", DT, _moment, nullable=True),
        ),
        key=("effective_date", "pathology_stage"),
    ),
    Kind(
        "baseline_changes",
        (
            _c("effective_date", DATE, _day),
            _c("pain", INT, _pain),
            _c("source", T, _text(16, required=True)),
            _c("created_at", DT, _moment, nullable=True),
        ),
        key=("effective_date", "pain"),
    ),
    Kind(
        "test_changes",
        (
            _c("effective_date", DATE, _day),
            _c("test_kind", T, _text(32, required=True)),
            _c("test_name", T, _text(120)),
            _c("created_at", DT, _moment, nullable=True),
        ),
        key=("effective_date", "test_kind"),
    ),
    Kind(
        "morning_pain",
        (
            _c("entry_date", DATE, _day),
            _c("pain", INT, _pain),
            _c("test_kind", T, _text(32, required=True)),
            _c("test_name", T, _text(120)),
            _c("recorded_at", DT, _moment, nullable=True),
            _c("note", T, _NOTE),
        ),
        key=("entry_date",),
    ),
    Kind(
        "exercises",
        (
            _c("ref", T, _text(140, required=True)),
            _c("slug", T, _slug, nullable=True),
            _c("name", T, _text(120, required=True)),
            _c("stage", INT, _range(1, 5)),
            _c("how_to", T, _NOTE),
            _c("dose_type", T, _choice(DOSE_TYPES)),
            _c("default_sets", INT, _range(1, 30)),
            _c("default_reps", INT, _range(1, 200)),
            _c("default_hold_s", INT, _range(1, 600), nullable=True),
            _c("default_rest_s", INT, _range(0, 1800)),
            _c("compressive", BOOL),
            _c("avoid_early", BOOL),
            _c("hsr", BOOL),
            _c("archived", BOOL),
        ),
        key=("ref",),
        row_check=_exercise_row,
    ),
    Kind(
        "sessions",
        (
            _c("performed_at", DT, _moment),
            _c("local_date", DATE, _day),
            _c("exercise", T, _text(140, required=True)),
            _c("load_kind", T, _choice(LoadKind)),
            _c("band_colour", T, _text(32, required=True), nullable=True),
            _c("load_kg", FLOAT, _number(500.0), nullable=True),
            _c("effort_kind", T, _choice(EffortKind)),
            _c("effort_value", INT, nullable=True),
            _c("pain_during", INT, _pain, nullable=True),
            _c("note", T, _NOTE),
            _c("source", T, _text(16, required=True)),
            _c("created_at", DT, _moment, nullable=True),
            _c("deleted_at", DT, _moment, nullable=True),
        ),
        key=("performed_at", "exercise"),
        row_check=_session_row,
    ),
    Kind(
        "session_sets",
        (
            _c("session_performed_at", DT, _moment),
            _c("session_exercise", T, _text(140, required=True)),
            _c("position", INT, _range(0, 1000)),
            _c("reps", INT, _range(1, 200)),
            _c("hold_seconds", INT, _range(1, 600), nullable=True),
            _c("rest_seconds", INT, _range(0, 1800), nullable=True),
        ),
        key=("session_performed_at", "session_exercise", "position"),
    ),
    Kind(
        "runs",
        (
            _c("performed_at", DT, _moment),
            _c("local_date", DATE, _day),
            _c("duration_s", INT, _range(1, 8 * 3600)),
            _c("distance_km", FLOAT, _number(200.0), nullable=True),
            _c("style", T, _choice(RunStyle)),
            _c("hills", BOOL),
            _c("speed", BOOL),
            _c("pain_during", INT, _pain, nullable=True),
            _c("note", T, _NOTE),
            _c("created_at", DT, _moment, nullable=True),
            _c("deleted_at", DT, _moment, nullable=True),
        ),
        key=("performed_at",),
        row_check=_run_row,
    ),
    Kind(
        "sitting_bouts",
        (
            _c("started_at", DT, _moment),
            _c("ended_at", DT, _moment, nullable=True),
            _c("seconds", INT, _range(0, 7 * DAY_S)),
            _c("source", T, _text(16, required=True)),
            _c("end_reason", T, _text(24), nullable=True),
            _c("manual_kind", T, _text(16), nullable=True),
            _c("seat", T, _text(8), nullable=True),
            _c("deleted_at", DT, _moment, nullable=True),
        ),
        key=("started_at",),
        row_check=_bout_row,
    ),
    Kind(
        "break_prompts",
        (
            _c("fired_at", DT, _moment),
            _c("bout_seconds", INT, _range(0, 7 * DAY_S)),
            _c("response", T, _text(16), nullable=True),
            _c("responded_at", DT, _moment, nullable=True),
            _c("seconds_stood", INT, _range(0, DAY_S)),
            _c("snoozes", INT, _range(0, 1000)),
            _c("deferrals", INT, _range(0, 1000)),
            _c("skip_reason", T, _NOTE),
        ),
        key=("fired_at",),
    ),
    Kind(
        "prompt_deferrals",
        (
            _c("deferred_at", DT, _moment),
            _c("reason", T, _text(16, required=True)),
            _c("prompt_fired_at", DT, _moment, nullable=True),
        ),
        key=("deferred_at", "reason"),
    ),
    Kind(
        "stands",
        (
            _c("started_at", DT, _moment),
            _c("seconds", INT, _range(0, DAY_S)),
            _c("source", T, _text(16, required=True)),
            _c("ended_early", BOOL),
            _c("prompt_fired_at", DT, _moment, nullable=True),
        ),
        key=("started_at",),
    ),
    Kind(
        "away_periods",
        (
            _c("started_at", DT, _moment),
            # The app records any absence, however long (a 45-day suspend is one row).
            _c("seconds", INT, _range(0, MAX_AWAY_DAYS * DAY_S)),
            _c("answer", T, _text(16, required=True)),
            _c("cause", T, _text(16, required=True)),
        ),
        key=("started_at",),
    ),
    Kind(
        "measures",
        (
            _c("kind", T, _choice(k.value for k in STORED_KINDS)),
            _c("taken_on", DATE, _day),
            _c("value", FLOAT, _number(100.0), nullable=True),
            _c("reached_cap", BOOL),
            _c("left_reps", INT, _range(0, BRIDGE_MAX_REPS), nullable=True),
            _c("right_reps", INT, _range(0, BRIDGE_MAX_REPS), nullable=True),
            _c("painful_side", T, _choice(Side), nullable=True),
            _c("tempo_s", INT, _range(*TEMPO_RANGE), nullable=True),
            _c("note", T, _text(NOTE_MAX)),
            _c("created_at", DT, _moment, nullable=True),
        ),
        key=("kind", "taken_on"),
        row_check=_measure_row,
    ),
    Kind(
        "verdicts",
        (
            _c("load_day", DATE),
            _c("next_morning", DATE),
            _c("next_morning_pain", INT, nullable=True),
            _c("baseline", INT, nullable=True),
            _c("verdict", T),
            _c("mode", T),
            _c("reason", T, nullable=True),
            _c("pain_during_over_ceiling", BOOL),
            _c("week_rose", BOOL),
        ),
        key=("load_day",),
        export_only=True,
    ),
)

KINDS_BY_NAME: Final[Mapping[str, Kind]] = {k.name: k for k in KINDS}
IMPORT_KINDS: Final[tuple[Kind, ...]] = tuple(k for k in KINDS if not k.export_only)


# --- formula neutralisation ----------------------------------------------------------------


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Text that already starts with apostrophes before such a character gets one more, so
    :func:`unneutralise` always restores the original exactly.
    """
    return "'" + text if _NEUTRALISED.match(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: drop exactly one leading ``'`` before a formula start."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text[1:]) else text


# --- exercise references ---------------------------------------------------------------------


def exercise_refs(exercises: Sequence[tuple[str | None, str]]) -> list[str]:
    """A file-wide reference per exercise (slug, or ``custom:<name>``), in the given order.

    Custom exercises may lack a slug and share a name; the n-th of a name gets `` #n``
    so references stay unique and stable across export → import → export.
    """
    seen: dict[str, int] = {}
    refs: list[str] = []
    for slug, name in exercises:
        base = slug if slug else CUSTOM_REF_PREFIX + name
        seen[base] = seen.get(base, 0) + 1
        refs.append(base if seen[base] == 1 else f"{base} #{seen[base]}")
    return refs


# --- encoding ----------------------------------------------------------------------------


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def encode_cell(column: Column, value: Any) -> str:
    """A typed value as a CSV cell; only text is neutralised, numbers are written plain."""
    if value is None:
        return ""
    match column.type:
        case ColumnType.TEXT:
            return neutralise(str(value))
        case ColumnType.JSON:
            return neutralise(json.dumps(value, sort_keys=True, ensure_ascii=False))
        case ColumnType.BOOL:
            return "true" if value else "false"
        case ColumnType.FLOAT:
            return repr(float(value))
        case ColumnType.INT:
            return str(int(value))
        case ColumnType.DATE:
            return str(value.isoformat())
        case ColumnType.DATETIME:
            return _utc_text(value)
    raise AssertionError(column.type)  # pragma: no cover


def encode_json_value(column: Column, value: Any) -> Any:
    """A typed value as JSON: dates as ISO text, everything else native."""
    if value is None:
        return None
    if column.type is ColumnType.DATE:
        return value.isoformat()
    if column.type is ColumnType.DATETIME:
        return _utc_text(value)
    if column.type is ColumnType.FLOAT:
        return float(value)
    return value


def encode_csv(kind: Kind, records: Iterable[Mapping[str, Any]]) -> bytes:
    """One kind as UTF-8 CSV (header first, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(kind.column_names)
    for record in records:
        writer.writerow([encode_cell(c, record[c.name]) for c in kind.columns])
    return buffer.getvalue().encode("utf-8")


def manifest(app_version: str, exported_at: datetime, encoding: str) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": _utc_text(exported_at),
        "encoding": encoding,
        "kinds": [k.name for k in KINDS],
    }


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def encode_archive(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], meta: Mapping[str, Any], as_json: bool
) -> dict[str, bytes]:
    """The files of an export zip: the manifest plus CSVs, or plus one JSON document."""
    files = {MANIFEST_NAME: _dump(dict(meta))}
    if as_json:
        document = {
            "manifest": dict(meta),
            "tables": {
                k.name: [
                    {c.name: encode_json_value(c, r[c.name]) for c in k.columns}
                    for r in tables.get(k.name, ())
                ]
                for k in KINDS
            },
        }
        files[JSON_DOCUMENT_NAME] = _dump(document)
    else:
        for kind in KINDS:
            files[kind.filename] = encode_csv(kind, tables.get(kind.name, ()))
    return files


def verdict_records(verdicts: Iterable[Verdict]) -> list[Record]:
    """Rows of verdicts.csv, from the very function the UI uses (compute_verdicts)."""
    return [
        {
            "load_day": v.day,
            "next_morning": v.next_morning,
            "next_morning_pain": v.next_morning_pain,
            "baseline": v.reference,
            "verdict": v.outcome.value,
            "mode": v.mode.value,
            "reason": v.reason,
            "pain_during_over_ceiling": v.pain_during_over_ceiling,
            "week_rose": v.week_rose,
        }
        for v in verdicts
    ]


# --- decoding and validation ------------------------------------------------------------------


def _parse_text(column: Column, raw: Any, from_csv: bool) -> Any:
    if column.type is ColumnType.JSON:
        if not from_csv:
            return raw
        try:
            return load_json(unneutralise(raw))
        except ValueError as exc:
            raise ValidationError(column.name, f"Not valid JSON ({exc.args[0]}).") from exc
    if not isinstance(raw, str):
        raise ValidationError(column.name, "Expected text.")
    if not from_csv:
        return raw  # JSON is not a spreadsheet: its text is never neutralised
    # Text that looks like a formula is data: a spreadsheet that saved the file dropped
    # our apostrophe. It is neutralised again wherever CSV is written (encode_cell).
    return unneutralise(raw)


def _parse_typed(column: Column, raw: Any) -> Any:
    """Parse a non-empty CSV cell (str) or JSON value into the column's type."""
    kind = column.type
    if kind is ColumnType.INT:
        if isinstance(raw, str) and re.fullmatch(r"-?\d{1,12}", raw.strip()):
            return int(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise ValidationError(column.name, f"Expected a whole number, not {raw!r}.")
    if kind is ColumnType.FLOAT:
        try:
            number = float(raw) if isinstance(raw, (str, int, float)) else math.nan
        except ValueError:
            number = math.nan
        if isinstance(raw, bool) or not math.isfinite(number):
            raise ValidationError(column.name, f"Expected a number, not {raw!r}.")
        return number
    if kind is ColumnType.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        raise ValidationError(column.name, f"Expected true or false, not {raw!r}.")
    if kind is ColumnType.DATE:
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else _fail()
        except ValueError as exc:
            raise ValidationError(column.name, f"Expected a date YYYY-MM-DD, not {raw!r}.") from exc
    if kind is ColumnType.DATETIME:
        try:
            moment = datetime.fromisoformat(raw) if isinstance(raw, str) else _fail()
        except ValueError as exc:
            raise ValidationError(
                column.name, f"Expected an ISO 8601 date and time, not {raw!r}."
            ) from exc
        if moment.tzinfo is None:
            raise ValidationError(column.name, f"{raw!r} has no time zone; add one, e.g. +00:00.")
        return moment.astimezone(UTC)
    raise AssertionError(kind)  # pragma: no cover


def _fail() -> Any:
    raise ValueError("wrong type")


def parse_value(column: Column, raw: Any, ctx: Context, from_csv: bool) -> Any:
    """One cell (CSV text) or JSON value → a checked, typed value, or ValidationError."""
    empty = raw is None or (from_csv and raw == "")
    if column.type in (ColumnType.TEXT, ColumnType.JSON) and not empty:
        value = _parse_text(column, raw, from_csv)
    elif empty:
        if column.nullable:
            return None
        if column.type is ColumnType.TEXT:
            value = ""
        else:
            raise ValidationError(column.name, "This field cannot be empty.")
    else:
        value = _parse_typed(column, raw)
    if column.check is not None:
        try:
            value = column.check(value, ctx)
        except ValidationError as exc:
            raise ValidationError(column.name, exc.message) from exc
    return value


Row = tuple[int, Mapping[str, Any]]
"""A raw row with its line (CSV) or item number (JSON)."""


def parse_rows(
    kind: Kind, file: str, rows: Iterable[Row], ctx: Context, from_csv: bool
) -> tuple[list[tuple[int, Record]], list[Problem]]:
    """Validate every row, collecting every problem (up to MAX_PROBLEMS, then stop)."""
    records: list[tuple[int, Record]] = []
    problems: list[Problem] = []
    for line, raw in rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        record: Record = {}
        row_ok = True
        for column in kind.columns:
            try:
                record[column.name] = parse_value(column, raw.get(column.name), ctx, from_csv)
            except ValidationError as exc:
                problems.append(Problem(file, line, column.name, exc.message))
                row_ok = False
        if row_ok and kind.row_check is not None:
            try:
                kind.row_check(record)
            except ValidationError as exc:
                problems.append(Problem(file, line, exc.field, exc.message))
                row_ok = False
        if row_ok:
            records.append((line, record))
    return records, problems


def _key_text(value: Any) -> str:
    if isinstance(value, datetime):
        return _utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def duplicate_keys(kind: Kind, file: str, records: Sequence[tuple[int, Record]]) -> list[Problem]:
    """A natural key twice in one file is a bad row: which entry would win is a guess.

    (A key already in the *database* is fine: re-importing a file adds nothing.)
    """
    first_line: dict[tuple[Any, ...], int] = {}
    problems: list[Problem] = []
    for line, record in records:
        key = kind.key_of(record)
        if key in first_line:
            what = ", ".join(_key_text(part) for part in key)
            problems.append(
                Problem(
                    file,
                    line,
                    kind.key[0],
                    f"A second entry for {what} in this file (first on line {first_line[key]}).",
                )
            )
        else:
            first_line[key] = line
    return problems


def _decode_text(file: str, data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(file, line, "", f"Not UTF-8 text (byte {exc.start}); save as UTF-8.")


def read_csv(kind: Kind, file: str, data: bytes) -> tuple[list[Row], list[Problem]]:
    """Split a CSV file into rows, checking the header has exactly the kind's columns."""
    problems: list[Problem] = []
    rows = list(iter_csv(kind, file, data, problems))
    return rows, problems


def _too_many_rows(file: str, line: int) -> Problem:
    return Problem(
        file,
        line,
        "",
        f"More than {MAX_ROWS_PER_KIND:,} rows: more than this app ever writes; nothing read.",
    )


def iter_csv(kind: Kind, file: str, data: bytes, problems: list[Problem]) -> Iterator[Row]:
    """The rows of a CSV file, one at a time (a big file is never held twice).

    Problems go to ``problems`` as they are found; reading stops at MAX_PROBLEMS or at
    more than MAX_ROWS_PER_KIND rows.
    """
    text, problem = _decode_text(file, data)
    if text is None:
        if problem:
            problems.append(problem)
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    found: list[Problem] = []
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(file, 1, "", "The file is empty; it needs a header line."))
            return
        expected = kind.column_names
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing:
            found.append(Problem(file, 1, "", f"Missing column(s): {', '.join(missing)}."))
        if unknown:
            found.append(Problem(file, 1, "", f"Unknown column(s): {', '.join(unknown)}."))
        if len(set(header)) != len(header):
            found.append(Problem(file, 1, "", "A column name appears twice."))
        if found:
            problems += found
            return
        line = reader.line_num + 1
        for count, cells in enumerate(reader, start=1):
            if count > MAX_ROWS_PER_KIND:
                problems.append(_too_many_rows(file, line))
                return
            if len(problems) >= MAX_PROBLEMS:
                return
            if len(cells) != len(header):
                problems.append(
                    Problem(file, line, "", f"Expected {len(header)} cells, found {len(cells)}.")
                )
            else:
                yield line, dict(zip(header, cells, strict=True))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, "", f"Not readable as CSV ({exc})."))


def _check_manifest(file: str, meta: Any) -> list[Problem]:
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        return [Problem(file, 0, "format", "This is not a PHT Desktop export.")]
    version = meta.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [Problem(file, 0, "format_version", "The format version is missing.")]
    if version > FORMAT_VERSION:
        return [
            Problem(
                file,
                0,
                "format_version",
                f"Made by a newer PHT Desktop (format {version}); update the app to import it.",
            )
        ]
    return []


@dataclass(slots=True)
class Parsed:
    """A whole file, validated: typed records per kind (with lines), or problems."""

    tables: dict[str, list[tuple[int, Record]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    from_csv: bool = True

    def records(self, kind: str) -> list[Record]:
        return [r for _line, r in self.tables.get(kind, [])]


def _json_rows(file: str, kind: Kind, items: Any) -> tuple[list[Row], list[Problem]]:
    if not isinstance(items, list):
        return [], [Problem(file, 0, kind.name, "Expected a list of entries.")]
    rows: list[Row] = []
    problems: list[Problem] = []
    names = set(kind.column_names)
    if len(items) > MAX_ROWS_PER_KIND:
        return [], [_too_many_rows(f"{file}#{kind.name}", 0)]
    for number, item in enumerate(items, start=1):
        if len(problems) >= MAX_PROBLEMS:
            break
        where = f"{file}#{kind.name}"
        if not isinstance(item, dict):
            problems.append(Problem(where, number, "", "Expected an object."))
            continue
        missing = sorted(names - item.keys())
        unknown = sorted(item.keys() - names)
        if missing or unknown:
            why = "; ".join(
                part
                for part in (
                    f"missing field(s): {', '.join(missing)}" if missing else "",
                    f"unknown field(s): {', '.join(unknown)}" if unknown else "",
                )
                if part
            )
            problems.append(Problem(where, number, "", why.capitalize() + "."))
            continue
        rows.append((number, item))
    return rows, problems


def decode_archive(files: Mapping[str, bytes], ctx: Context) -> Parsed:
    """Validate an export's files (CSV set or JSON document); every problem is collected."""
    from_csv = JSON_DOCUMENT_NAME not in files
    parsed = Parsed(from_csv=from_csv)
    raw_tables: dict[str, tuple[str, Iterable[Row]]] = {}
    if MANIFEST_NAME in files:
        text, problem = _decode_text(MANIFEST_NAME, files[MANIFEST_NAME])
        if problem:
            parsed.problems.append(problem)
        else:
            try:
                parsed.problems += _check_manifest(MANIFEST_NAME, load_json(text or ""))
            except ValueError as exc:
                parsed.problems.append(Problem(MANIFEST_NAME, 0, "", f"Not valid JSON ({exc})."))
    if not from_csv:
        text, problem = _decode_text(JSON_DOCUMENT_NAME, files[JSON_DOCUMENT_NAME])
        document: Any = None
        if problem:
            parsed.problems.append(problem)
        else:
            try:
                document = load_json(text or "")
            except ValueError as exc:
                parsed.problems.append(
                    Problem(JSON_DOCUMENT_NAME, exc_line(exc), "", f"Not valid JSON ({exc}).")
                )
        if isinstance(document, dict):
            if MANIFEST_NAME not in files:
                parsed.problems += _check_manifest(JSON_DOCUMENT_NAME, document.get("manifest"))
            tables = document.get("tables")
            if not isinstance(tables, dict):
                tables = {}
                parsed.problems.append(Problem(JSON_DOCUMENT_NAME, 0, "tables", "Missing."))
            for name in tables:
                if name not in KINDS_BY_NAME:
                    parsed.problems.append(
                        Problem(JSON_DOCUMENT_NAME, 0, name, "Unknown table in the document.")
                    )
            for kind in IMPORT_KINDS:
                if kind.name in tables:
                    rows, problems = _json_rows(JSON_DOCUMENT_NAME, kind, tables[kind.name])
                    parsed.problems += problems
                    raw_tables[kind.name] = (f"{JSON_DOCUMENT_NAME}#{kind.name}", rows)
        elif document is not None:
            parsed.problems.append(Problem(JSON_DOCUMENT_NAME, 0, "", "Expected a JSON object."))
    else:
        if MANIFEST_NAME not in files:
            parsed.problems.append(Problem(MANIFEST_NAME, 0, "", "The manifest is missing."))
        known = {k.filename for k in KINDS} | {MANIFEST_NAME}
        for name in sorted(files):
            if name not in known:
                parsed.problems.append(Problem(name, 0, "", "Unknown file in the archive."))
        for kind in IMPORT_KINDS:
            if kind.filename in files:
                # Read lazily, while validating: the rows are never all held as text.
                lazy = iter_csv(kind, kind.filename, files[kind.filename], parsed.problems)
                raw_tables[kind.name] = (kind.filename, lazy)
    for kind in IMPORT_KINDS:
        if kind.name in raw_tables:
            if len(parsed.problems) >= MAX_PROBLEMS:
                break
            where, table_rows = raw_tables[kind.name]
            records, problems = parse_rows(kind, where, table_rows, ctx, from_csv)
            parsed.tables[kind.name] = records
            parsed.problems += problems
            parsed.problems += duplicate_keys(kind, where, records)
    return parsed


def load_json(text: str) -> Any:
    """json.loads, with nesting deeper than Python's stack refused as ValueError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep") from None


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a plain value)."""
    depth, level = 0, [(value, 1)]
    while level:
        item, d = level.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            depth = max(depth, d)
            if depth > MAX_JSON_DEPTH:
                return depth
            level.extend((child, d + 1) for child in item)
    return depth


def exc_line(exc: ValueError) -> int:
    """The line a json.JSONDecodeError points at (0 when unknown)."""
    line = getattr(exc, "lineno", 0)
    return line if isinstance(line, int) else 0


def _where(parsed: Parsed, kind: str) -> str:
    return KINDS_BY_NAME[kind].filename if parsed.from_csv else f"{JSON_DOCUMENT_NAME}#{kind}"


def check_references(parsed: Parsed, known_exercise_refs: Iterable[str]) -> None:
    """Cross-file links: sessions → exercises, sets → sessions, stands → prompts."""
    exercises = set(known_exercise_refs)
    exercises |= {r["ref"] for r in parsed.records("exercises")}  # repeats: duplicate_keys
    sessions = set()
    for line, record in parsed.tables.get("sessions", []):
        sessions.add((record["performed_at"], record["exercise"]))
        if record["exercise"] not in exercises:
            parsed.problems.append(
                Problem(
                    _where(parsed, "sessions"),
                    line,
                    "exercise",
                    f"Unknown exercise {record['exercise']!r}: not built in, not in exercises.",
                )
            )
    for line, record in parsed.tables.get("session_sets", []):
        if (record["session_performed_at"], record["session_exercise"]) not in sessions:
            parsed.problems.append(
                Problem(
                    _where(parsed, "session_sets"),
                    line,
                    "session_performed_at",
                    "No session in sessions with this time and exercise.",
                )
            )
    prompts = {r["fired_at"] for r in parsed.records("break_prompts")}
    for kind in ("stands", "prompt_deferrals"):
        for line, record in parsed.tables.get(kind, []):
            fired = record["prompt_fired_at"]
            if fired is not None and fired not in prompts:
                parsed.problems.append(
                    Problem(
                        _where(parsed, kind),
                        line,
                        "prompt_fired_at",
                        "No break prompt in break_prompts fired at this time.",
                    )
                )
    parsed.problems.sort()
