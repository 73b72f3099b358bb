"""Parsing cells into typed, checked values, and rows into records.

A CSV cell is text; a JSON value is already typed. Either way every value goes through
its column's type and domain check, and every problem of a row is collected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.interchange.schema import (
    MAX_PROBLEMS,
    Column,
    ColumnType,
    Context,
    Kind,
    Problem,
    Record,
)
from pht_desktop.domain.interchange.values import load_json, unneutralise, utc_text

Row = tuple[int, Mapping[str, Any]]
"""A raw row with its line (CSV) or item number (JSON)."""


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


def _fail() -> Any:
    raise ValueError("wrong type")


def _parse_int(name: str, raw: Any) -> int:
    if isinstance(raw, str) and re.fullmatch(r"-?\d{1,12}", raw.strip()):
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise ValidationError(name, f"Expected a whole number, not {raw!r}.")


def _parse_float(name: str, raw: Any) -> float:
    try:
        number = float(raw) if isinstance(raw, (str, int, float)) else math.nan
    except ValueError:
        number = math.nan
    if isinstance(raw, bool) or not math.isfinite(number):
        raise ValidationError(name, f"Expected a number, not {raw!r}.")
    return number


def _parse_bool(name: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    raise ValidationError(name, f"Expected true or false, not {raw!r}.")


def _parse_date(name: str, raw: Any) -> date:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else _fail()
    except ValueError as exc:
        raise ValidationError(name, f"Expected a date YYYY-MM-DD, not {raw!r}.") from exc


def _parse_datetime(name: str, raw: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(raw) if isinstance(raw, str) else _fail()
    except ValueError as exc:
        raise ValidationError(name, f"Expected an ISO 8601 date and time, not {raw!r}.") from exc
    if moment.tzinfo is None:
        raise ValidationError(name, f"{raw!r} has no time zone; add one, e.g. +00:00.")
    return moment.astimezone(UTC)


_TYPED_PARSERS: dict[ColumnType, Callable[[str, Any], Any]] = {
    ColumnType.INT: _parse_int,
    ColumnType.FLOAT: _parse_float,
    ColumnType.BOOL: _parse_bool,
    ColumnType.DATE: _parse_date,
    ColumnType.DATETIME: _parse_datetime,
}
"""Non-empty CSV cell (str) or JSON value → the column's type (text and JSON aside)."""


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
        value = _TYPED_PARSERS[column.type](column.name, raw)
    if column.check is not None:
        try:
            value = column.check(value, ctx)
        except ValidationError as exc:
            raise ValidationError(column.name, exc.message) from exc
    return value


def parse_rows(
    kind: Kind, file: str, rows: Iterable[Row], ctx: Context, from_csv: bool
) -> tuple[list[tuple[int, Record]], list[Problem]]:
    """Validate every row, collecting every problem (up to MAX_PROBLEMS, then stop)."""
    problems: list[Problem] = []
    records = list(iter_records(kind, file, rows, ctx, from_csv, problems))
    return records, problems


def iter_records(
    kind: Kind,
    file: str,
    rows: Iterable[Row],
    ctx: Context,
    from_csv: bool,
    problems: list[Problem],
) -> Iterator[tuple[int, Record]]:
    """The valid rows as records, one at a time (a big import never holds them all);
    every problem goes to ``problems``, and reading stops once it has MAX_PROBLEMS."""
    for line, raw in rows:
        if len(problems) >= MAX_PROBLEMS:
            return
        record = _record(kind, file, line, raw, ctx, from_csv, problems)
        if record is not None:
            yield line, record


def _record(
    kind: Kind,
    file: str,
    line: int,
    raw: Mapping[str, Any],
    ctx: Context,
    from_csv: bool,
    problems: list[Problem],
) -> Record | None:
    """One row checked cell by cell, then as a whole; None (and its problems) if bad."""
    record: Record = {}
    row_ok = True
    for column in kind.columns:
        if not column.required and column.name not in raw:
            record[column.name] = column.absent  # an older export: not written then
            continue
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
    return record if row_ok else None


def _key_text(value: Any) -> str:
    if isinstance(value, datetime):
        return utc_text(value)
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
            what = ", ".join(_key_text(part) for part in key if part is not None)
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
