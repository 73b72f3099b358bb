"""Encoding an export: typed records → CSV cells or JSON values → the files of a zip.

Only text is neutralised (numbers are written plain); times are written in UTC.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from pht_desktop.domain.interchange.kinds import KINDS
from pht_desktop.domain.interchange.schema import (
    CUSTOM_REF_PREFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    JSON_DOCUMENT_NAME,
    MANIFEST_NAME,
    Column,
    ColumnType,
    Kind,
    Record,
)
from pht_desktop.domain.interchange.values import neutralise, utc_text
from pht_desktop.domain.verdicts import Verdict


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
            return utc_text(value)
    raise AssertionError(column.type)  # pragma: no cover


def encode_json_value(column: Column, value: Any) -> Any:
    """A typed value as JSON: dates as ISO text, everything else native."""
    if value is None:
        return None
    if column.type is ColumnType.DATE:
        return value.isoformat()
    if column.type is ColumnType.DATETIME:
        return utc_text(value)
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
        "exported_at": utc_text(exported_at),
        "encoding": encoding,
        "kinds": [k.name for k in KINDS],
    }


def dump_document(document: Any) -> bytes:
    """A JSON document as the export writes it: indented UTF-8, one newline at the end."""
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def encode_archive(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], meta: Mapping[str, Any], as_json: bool
) -> dict[str, bytes]:
    """The files of an export zip: the manifest plus CSVs, or plus one JSON document."""
    files = {MANIFEST_NAME: dump_document(dict(meta))}
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
        files[JSON_DOCUMENT_NAME] = dump_document(document)
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
