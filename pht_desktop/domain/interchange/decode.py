"""Decoding an export: its files (a CSV set or one JSON document) → validated tables.

Every problem is collected (file, line, field, why) so a bad file is refused whole with
every reason at once; rows are read lazily while they are validated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pht_desktop.domain.interchange.kinds import IMPORT_KINDS, KINDS, KINDS_BY_NAME
from pht_desktop.domain.interchange.parse import Row, duplicate_keys, parse_rows
from pht_desktop.domain.interchange.schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    JSON_DOCUMENT_NAME,
    MANIFEST_NAME,
    MAX_PROBLEMS,
    MAX_ROWS_PER_KIND,
    Context,
    Kind,
    Problem,
    Record,
)
from pht_desktop.domain.interchange.values import exc_line, load_json

RawTables = dict[str, tuple[str, Iterable[Row]]]
"""Per kind name: where its rows come from (for problems) and the raw rows."""


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


def _header_problems(kind: Kind, file: str, header: list[str]) -> list[Problem]:
    """A CSV header must name exactly the kind's columns, each once."""
    found: list[Problem] = []
    expected = kind.column_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    if missing:
        found.append(Problem(file, 1, "", f"Missing column(s): {', '.join(missing)}."))
    if unknown:
        found.append(Problem(file, 1, "", f"Unknown column(s): {', '.join(unknown)}."))
    if len(set(header)) != len(header):
        found.append(Problem(file, 1, "", "A column name appears twice."))
    return found


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
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(file, 1, "", "The file is empty; it needs a header line."))
            return
        found = _header_problems(kind, file, header)
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
    if MANIFEST_NAME in files:
        parsed.problems += _manifest_file_problems(files[MANIFEST_NAME])
    if from_csv:
        raw_tables = _csv_tables(files, parsed.problems)
    else:
        raw_tables = _json_tables(files, parsed.problems)
    _parse_tables(parsed, raw_tables, ctx)
    return parsed


def _manifest_file_problems(data: bytes) -> list[Problem]:
    """What is wrong with manifest.json: not text, not JSON, or not our format."""
    text, problem = _decode_text(MANIFEST_NAME, data)
    if problem:
        return [problem]
    try:
        return _check_manifest(MANIFEST_NAME, load_json(text or ""))
    except ValueError as exc:
        return [Problem(MANIFEST_NAME, 0, "", f"Not valid JSON ({exc}).")]


def _load_document(data: bytes, problems: list[Problem]) -> Any:
    """The JSON document, or None with the reason in ``problems``."""
    text, problem = _decode_text(JSON_DOCUMENT_NAME, data)
    if problem:
        problems.append(problem)
        return None
    try:
        return load_json(text or "")
    except ValueError as exc:
        problems.append(Problem(JSON_DOCUMENT_NAME, exc_line(exc), "", f"Not valid JSON ({exc})."))
        return None


def _json_tables(files: Mapping[str, bytes], problems: list[Problem]) -> RawTables:
    """The raw rows of a JSON document's tables; its own manifest counts if no file has one."""
    document = _load_document(files[JSON_DOCUMENT_NAME], problems)
    if not isinstance(document, dict):
        if document is not None:
            problems.append(Problem(JSON_DOCUMENT_NAME, 0, "", "Expected a JSON object."))
        return {}
    if MANIFEST_NAME not in files:
        problems += _check_manifest(JSON_DOCUMENT_NAME, document.get("manifest"))
    tables = document.get("tables")
    if not isinstance(tables, dict):
        tables = {}
        problems.append(Problem(JSON_DOCUMENT_NAME, 0, "tables", "Missing."))
    problems += [
        Problem(JSON_DOCUMENT_NAME, 0, name, "Unknown table in the document.")
        for name in tables
        if name not in KINDS_BY_NAME
    ]
    raw_tables: RawTables = {}
    for kind in IMPORT_KINDS:
        if kind.name in tables:
            rows, found = _json_rows(JSON_DOCUMENT_NAME, kind, tables[kind.name])
            problems += found
            raw_tables[kind.name] = (f"{JSON_DOCUMENT_NAME}#{kind.name}", rows)
    return raw_tables


def _csv_tables(files: Mapping[str, bytes], problems: list[Problem]) -> RawTables:
    """The CSV files' rows, read lazily while validating: never all held as text."""
    if MANIFEST_NAME not in files:
        problems.append(Problem(MANIFEST_NAME, 0, "", "The manifest is missing."))
    known = {k.filename for k in KINDS} | {MANIFEST_NAME}
    problems += [
        Problem(name, 0, "", "Unknown file in the archive.")
        for name in sorted(files)
        if name not in known
    ]
    return {
        kind.name: (kind.filename, iter_csv(kind, kind.filename, files[kind.filename], problems))
        for kind in IMPORT_KINDS
        if kind.filename in files
    }


def _parse_tables(parsed: Parsed, raw_tables: RawTables, ctx: Context) -> None:
    """Validate each kind's rows in import order; stop once MAX_PROBLEMS are found."""
    for kind in IMPORT_KINDS:
        if kind.name not in raw_tables:
            continue
        if len(parsed.problems) >= MAX_PROBLEMS:
            break
        where, table_rows = raw_tables[kind.name]
        records, problems = parse_rows(kind, where, table_rows, ctx, parsed.from_csv)
        parsed.tables[kind.name] = records
        parsed.problems += problems
        parsed.problems += duplicate_keys(kind, where, records)


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
