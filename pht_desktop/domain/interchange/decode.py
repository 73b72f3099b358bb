"""Decoding an export: its files (a CSV set or one JSON document) → validated tables.

Every problem is collected (file, line, field, why) so a bad file is refused whole with
every reason at once; rows are read lazily while they are validated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Protocol

from pht_desktop.domain.interchange.kinds import IMPORT_KINDS, KINDS, KINDS_BY_NAME
from pht_desktop.domain.interchange.parse import Row, duplicate_keys, iter_records, parse_rows
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
    missing = [c for c in kind.required_names if c not in header]
    unknown = [c for c in header if c not in expected]
    if missing:
        found.append(Problem(file, 1, "", f"Missing column(s): {', '.join(missing)}."))
    if unknown:
        found.append(Problem(file, 1, "", f"Unknown column(s): {', '.join(unknown)}."))
    if len(set(header)) != len(header):
        found.append(Problem(file, 1, "", "A column name appears twice."))
    return found


Source = bytes | Iterable[str]
"""A file's content: bytes, or its text lines read lazily (a big member never held)."""


def iter_csv(kind: Kind, file: str, data: Source, problems: list[Problem]) -> Iterator[Row]:
    """The rows of a CSV file, one at a time (a big file is never held twice).

    Problems go to ``problems`` as they are found; reading stops at MAX_PROBLEMS or at
    more than MAX_ROWS_PER_KIND rows.
    """
    if isinstance(data, bytes):
        text, problem = _decode_text(file, data)
        if text is None:
            if problem:
                problems.append(problem)
            return
        data = io.StringIO(text, newline="")
    reader = csv.reader(data, strict=True)
    try:
        yield from _csv_rows(kind, file, reader, problems)
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, "", f"Not readable as CSV ({exc})."))
    except UnicodeDecodeError:
        line = reader.line_num + 1
        problems.append(Problem(file, line, "", "Not UTF-8 text; save as UTF-8."))


def _csv_rows(kind: Kind, file: str, reader: Any, problems: list[Problem]) -> Iterator[Row]:
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
    staged: set[str] = field(default_factory=set)
    """Kinds whose rows went to a stage (not in ``tables``)."""

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
        missing = sorted(set(kind.required_names) - item.keys())
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


class Stage(Protocol):
    """Where the rows of big kinds go while they are validated (the store's staging
    tables), so an import of 700k rows never holds them; it finds in-file repeats."""

    kinds: frozenset[str]

    def add(self, kind: Kind, records: list[tuple[int, Record]]) -> None: ...

    def duplicates(self, kind: Kind, where: str) -> list[Problem]: ...


STAGE_CHUNK: Final = 5000
"""Validated rows handed to a stage at a time."""


def decode_archive(files: Mapping[str, Source], ctx: Context, stage: Stage | None = None) -> Parsed:
    """Validate an export's files (CSV set or JSON document); every problem is collected.

    Kinds the ``stage`` takes are streamed into it instead of kept in ``Parsed``.
    """
    from_csv = JSON_DOCUMENT_NAME not in files
    parsed = Parsed(from_csv=from_csv)
    if MANIFEST_NAME in files:
        parsed.problems += _manifest_file_problems(_whole(files[MANIFEST_NAME]))
    if from_csv:
        raw_tables = _csv_tables(files, parsed.problems)
    else:
        raw_tables = _json_tables(_whole(files[JSON_DOCUMENT_NAME]), files, parsed.problems)
    _parse_tables(parsed, raw_tables, ctx, stage)
    return parsed


def _whole(data: Source) -> bytes:
    """A small file (the manifest, a JSON document) as bytes."""
    return data if isinstance(data, bytes) else "".join(data).encode()


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


def _json_tables(data: bytes, files: Mapping[str, Source], problems: list[Problem]) -> RawTables:
    """The raw rows of a JSON document's tables; its own manifest counts if no file has one."""
    document = _load_document(data, problems)
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


def _csv_tables(files: Mapping[str, Source], problems: list[Problem]) -> RawTables:
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


def _parse_tables(parsed: Parsed, raw_tables: RawTables, ctx: Context, stage: Stage | None) -> None:
    """Validate each kind's rows in import order; stop once MAX_PROBLEMS are found."""
    for kind in IMPORT_KINDS:
        if kind.name not in raw_tables:
            continue
        if len(parsed.problems) >= MAX_PROBLEMS:
            break
        where, table_rows = raw_tables[kind.name]
        if stage is not None and kind.name in stage.kinds:
            _stage_rows(parsed, kind, where, table_rows, ctx, stage)
            continue
        records, problems = parse_rows(kind, where, table_rows, ctx, parsed.from_csv)
        parsed.tables[kind.name] = records
        parsed.problems += problems
        parsed.problems += duplicate_keys(kind, where, records)


def _stage_rows(
    parsed: Parsed, kind: Kind, where: str, rows: Iterable[Row], ctx: Context, stage: Stage
) -> None:
    """Stream one kind's valid rows into ``stage`` in chunks; then its in-file repeats."""
    chunk: list[tuple[int, Record]] = []
    for item in iter_records(kind, where, rows, ctx, parsed.from_csv, parsed.problems):
        chunk.append(item)
        if len(chunk) >= STAGE_CHUNK:
            stage.add(kind, chunk)
            chunk = []
    if chunk:
        stage.add(kind, chunk)
    parsed.staged.add(kind.name)
    parsed.problems += stage.duplicates(kind, where)


def _where(parsed: Parsed, kind: str) -> str:
    return KINDS_BY_NAME[kind].filename if parsed.from_csv else f"{JSON_DOCUMENT_NAME}#{kind}"


def check_references(
    parsed: Parsed,
    known_exercise_refs: Iterable[str],
    staged_prompts: Callable[[set[datetime]], set[datetime]] | None = None,
) -> None:
    """Cross-file links: sessions → exercises, sets → sessions, stands → prompts.

    ``staged_prompts`` answers which of the given times are break prompts of the file
    when those went to a stage.
    """
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
    if staged_prompts is not None:
        prompts |= staged_prompts(_prompt_times_wanted(parsed))
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


def _prompt_times_wanted(parsed: Parsed) -> set[datetime]:
    return {
        record["prompt_fired_at"]
        for kind in ("stands", "prompt_deferrals")
        for _line, record in parsed.tables.get(kind, [])
        if record["prompt_fired_at"] is not None
    }
