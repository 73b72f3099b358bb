"""Import refuses within-file duplicate keys, impossible local dates and raw formulas.

Each refusal names the file, the line and the field, and leaves the database unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from pht_desktop.domain import interchange
from pht_desktop.domain.interchange import Context
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services
from pht_desktop.store import models as m
from tests.data.helpers import data_service

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CTX = Context(date(2026, 3, 2), NOW)
SESSION_HEADER = (
    "performed_at,local_date,exercise,load_kind,band_colour,load_kg,effort_kind,"
    "effort_value,pain_during,note,source,created_at,deleted_at"
)
RUN_HEADER = (
    "performed_at,local_date,duration_s,distance_km,style,hills,speed,pain_during,note,"
    "created_at,deleted_at"
)


@pytest.fixture
def data(services: Services) -> DataService:
    return data_service(services)


def _csv(kind: str, *rows: dict[str, Any]) -> str:
    """A CSV for ``kind``: every column, empty unless given (written by the csv module).

    RFC 4180 line ends, so a cell holding a carriage return is quoted.
    """
    columns = interchange.KINDS_BY_NAME[kind].column_names
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def _morning(day: str, pain: int, **extra: str) -> dict[str, Any]:
    return {"entry_date": day, "pain": pain, "test_kind": "sitting"} | extra


def _session(at: str, local: str, **extra: str) -> dict[str, Any]:
    fields = {"exercise": "step-up", "load_kind": "bodyweight", "effort_kind": "rpe"}
    return {"performed_at": at, "local_date": local, "source": "form"} | fields | extra


def _run(at: str, local: str, **extra: str) -> dict[str, Any]:
    fields = {"duration_s": 1200, "style": "run_walk", "hills": "false", "speed": "false"}
    return {"performed_at": at, "local_date": local} | fields | extra


def _files(**csvs: str) -> dict[str, bytes]:
    meta = interchange.manifest("0.1.0", datetime(2026, 3, 1, tzinfo=UTC), "csv")
    files = {"manifest.json": interchange.dump_document(meta)}
    files.update({f"{name}.csv": body.encode() for name, body in csvs.items()})
    return files


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


def _snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read with a plain connection that is closed again."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}
    finally:
        conn.close()


def _refused(data: DataService, tmp_path: Path, db_path: Path, **csvs: str) -> list[str]:
    before = _snapshot(db_path)
    report = data.import_file(_zip(tmp_path / "in.zip", _files(**csvs)))
    assert not report.ok
    assert report.counts == {}
    assert report.lines()[0].startswith("Nothing was imported")
    assert _snapshot(db_path) == before
    return [str(p) for p in report.problems]


def _problems(files: dict[str, bytes]) -> list[str]:
    return [str(p) for p in interchange.decode_archive(files, CTX).problems]


# --- 1. a natural key twice in one file ------------------------------------------------------


def test_two_morning_rows_for_one_day_refuse_the_whole_file(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    body = _csv(
        "morning_pain",
        _morning("2026-02-01", 2),
        _morning("2026-02-02", 4),
        _morning("2026-02-02", 3),
    )
    problems = _refused(data, tmp_path, db_path, morning_pain=body)
    assert problems == [
        "morning_pain.csv, line 4, entry_date: "
        "A second entry for 2026-02-02 in this file (first on line 3)."
    ]


@pytest.mark.parametrize(
    ("kind", "rows", "expected"),
    [
        (
            "sessions",
            [
                _session("2026-02-01T08:00:00+00:00", "2026-02-01"),
                _session("2026-02-01T09:00:00+01:00", "2026-02-01", note="again"),
            ],
            "sessions.csv, line 3, performed_at: A second entry for "
            "2026-02-01T08:00:00+00:00, step-up in this file (first on line 2).",
        ),
        (
            "runs",
            [_run("2026-02-01T08:00:00+00:00", "2026-02-01")] * 2,
            "runs.csv, line 3, performed_at: A second entry for "
            "2026-02-01T08:00:00+00:00 in this file (first on line 2).",
        ),
        (
            "sitting_bouts",
            [
                {"started_at": "2026-02-01T08:00:00+00:00", "seconds": s, "source": "computer"}
                for s in (60, 90)
            ],
            "sitting_bouts.csv, line 3, started_at: A second entry for "
            "2026-02-01T08:00:00+00:00 in this file (first on line 2).",
        ),
        (
            "break_prompts",
            [
                {"fired_at": "2026-02-01T08:00:00+00:00", "bout_seconds": 1800}
                | {"seconds_stood": 0, "snoozes": 0, "deferrals": 0}
            ]
            * 2,
            "break_prompts.csv, line 3, fired_at: A second entry for "
            "2026-02-01T08:00:00+00:00 in this file (first on line 2).",
        ),
        (
            "stage_changes",
            [{"effective_date": "2026-02-01", "stage": 2, "note": n} for n in ("a", "b")],
            "stage_changes.csv, line 3, effective_date: A second entry for "
            "2026-02-01, 2 in this file (first on line 2).",
        ),
        (
            "baseline_changes",
            [{"effective_date": "2026-02-01", "pain": 3, "source": "manual"}] * 2,
            "baseline_changes.csv, line 3, effective_date: A second entry for "
            "2026-02-01, 3 in this file (first on line 2).",
        ),
        (
            "settings",
            [
                {"key": "baseline_mode", "value": '"fixed"'},
                {"key": "baseline_mode", "value": '"pre_load"'},
            ],
            "settings.csv, line 3, key: A second entry for baseline_mode in this file "
            "(first on line 2).",
        ),
    ],
)
def test_a_key_twice_in_one_file_is_a_bad_row(
    data: DataService,
    tmp_path: Path,
    db_path: Path,
    kind: str,
    rows: list[dict[str, Any]],
    expected: str,
) -> None:
    assert _refused(data, tmp_path, db_path, **{kind: _csv(kind, *rows)}) == [expected]


def test_a_set_twice_and_an_exercise_twice_are_bad_rows() -> None:
    exercise = {
        "ref": "custom:Wall sit",
        "name": "Wall sit",
        "stage": 1,
        "dose_type": "reps",
        "default_sets": 3,
        "default_reps": 10,
        "default_rest_s": 60,
    } | dict.fromkeys(("compressive", "avoid_early", "hsr", "archived"), "false")
    at = "2026-02-01T08:00:00+00:00"
    sets = [{"session_performed_at": at, "session_exercise": "step-up", "position": 0}]
    problems = _problems(
        _files(
            exercises=_csv("exercises", exercise, exercise),
            sessions=_csv("sessions", _session(at, "2026-02-01")),
            session_sets=_csv("session_sets", *(s | {"reps": r} for s in sets for r in (8, 9))),
        )
    )
    assert problems == [
        "exercises.csv, line 3, ref: "
        "A second entry for custom:Wall sit in this file (first on line 2).",
        "session_sets.csv, line 3, session_performed_at: A second entry for "
        f"{at}, step-up, 0 in this file (first on line 2).",
    ]


def test_a_key_twice_in_one_json_table_is_a_bad_item(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    run = dict.fromkeys(interchange.KINDS_BY_NAME["runs"].column_names) | {
        "performed_at": "2026-03-01T07:00:00Z",
        "local_date": "2026-03-01",
        "duration_s": 1200,
        "style": "run_walk",
        "hills": False,
        "speed": False,
        "note": "",
    }
    meta = interchange.manifest("0.1.0", datetime(2026, 3, 1, tzinfo=UTC), "json")
    path = tmp_path / "data.json"
    path.write_bytes(interchange.dump_document({"manifest": meta, "tables": {"runs": [run, run]}}))
    before = _snapshot(db_path)
    report = data.import_file(path)
    assert [str(p) for p in report.problems] == [
        "data.json#runs, line 2, performed_at: A second entry for "
        "2026-03-01T07:00:00+00:00 in this file (first on line 1)."
    ]
    assert _snapshot(db_path) == before


def test_reimporting_into_a_database_that_has_the_entries_is_a_no_op(
    data: DataService, services: Services, tmp_path: Path, db_path: Path
) -> None:
    now = services.clock.now()
    with data._write() as session:
        session.add(
            m.MorningPain(entry_date=date(2026, 2, 2), pain=4, test_kind="sitting", recorded_at=now)
        )
        session.add(
            m.Run(
                performed_at=datetime(2026, 3, 1, 18, tzinfo=UTC),
                local_date=date(2026, 3, 1),
                duration_s=600,
                created_at=now,
            )
        )
        session.add(m.StageChange(effective_date=date(2026, 2, 1), stage=2, created_at=now))
    for fmt in ("csv", "json"):
        archive = _zip(tmp_path / f"again-{fmt}.zip", data.export_files(fmt))
        before = _snapshot(db_path)
        report = data.import_file(archive)
        assert report.ok, report.lines()
        assert all(c.new == 0 and c.conflict == 0 for c in report.counts.values())
        assert report.counts["morning_pain"].duplicate == 1
        assert report.counts["runs"].duplicate == 1
        assert _snapshot(db_path) == before


# --- 2. local_date must be a calendar day of performed_at ---------------------------------------


@pytest.mark.parametrize("local", ["2026-01-31", "2026-02-01", "2026-02-02"])
def test_local_date_within_real_utc_offsets_is_accepted(local: str) -> None:
    # 11:00 UTC is 23:00 the day before at UTC-12:00 and 01:00 the day after at UTC+14:00.
    at = "2026-02-01T11:00:00+00:00"
    files = _files(
        sessions=_csv("sessions", _session(at, local)), runs=_csv("runs", _run(at, local))
    )
    assert _problems(files) == []


def test_local_date_edges_of_the_offsets() -> None:
    late = "2026-02-01T10:00:00+00:00"  # +14:00 gives 2026-02-02T00:00
    early = "2026-02-01T11:59:59+00:00"  # -12:00 gives 2026-01-31T23:59:59
    files = _files(
        runs=_csv("runs", _run(late, "2026-02-02"), _run(early, "2026-01-31")),
        sessions=_csv(
            "sessions",
            _session("2026-02-01T09:59:59+00:00", "2026-02-02"),  # +14:00: still 2026-02-01
            _session("2026-02-01T12:00:00+00:00", "2026-01-31"),  # -12:00: already 2026-02-01
        ),
    )
    problems = _problems(files)
    assert len(problems) == 2
    assert problems[0].startswith("sessions.csv, line 2, local_date: 2026-02-02 is not")
    assert problems[1].startswith("sessions.csv, line 3, local_date: 2026-01-31 is not")


def test_a_session_or_run_on_an_impossible_local_date_is_refused(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    at = "2026-02-01T08:00:00+00:00"
    problems = _refused(
        data,
        tmp_path,
        db_path,
        sessions=_csv(
            "sessions", _session(at, "2026-02-01"), _session(at.replace("08", "09"), "2026-02-05")
        ),
        runs=_csv("runs", _run(at, "2026-01-20")),
    )
    assert problems == [
        "runs.csv, line 2, local_date: 2026-01-20 is not the calendar day of performed_at "
        "(2026-02-01T08:00:00+00:00) in any time zone (UTC-12:00 to UTC+14:00); "
        "expected 2026-01-31 to 2026-02-01.",
        "sessions.csv, line 3, local_date: 2026-02-05 is not the calendar day of performed_at "
        "(2026-02-01T09:00:00+00:00) in any time zone (UTC-12:00 to UTC+14:00); "
        "expected 2026-01-31 to 2026-02-01.",
    ]


# --- 3. raw formula-looking text in a CSV text cell is data (issue 12) -------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1)", "="),
        ("+1", "+"),
        ("-2 after the run", "-"),
        ("@cmd", "@"),
        ("\tx", "a tab"),
        ("\rx", "a carriage return"),
    ],
)
def test_raw_formula_text_in_a_csv_text_cell_is_data(
    data: DataService, tmp_path: Path, cell: str, shown: str
) -> None:
    """Issue 12: a file saved by a spreadsheet (apostrophes gone) imports as the text it
    is; only CSV writing neutralises it, so the export escapes it again."""
    body = _csv("morning_pain", _morning("2026-02-01", 2, note=cell))
    report = data.import_file(_zip(tmp_path / "in.zip", _files(morning_pain=body)))
    assert report.ok, report.lines()
    kept = cell.strip()  # the note's own rule (as on screen) trims a leading tab
    exported = interchange.decode_archive(data.export_files("csv"), CTX)
    assert exported.records("morning_pain")[0]["note"] == kept, shown
    written = data.export_files("csv")["morning_pain.csv"].decode()
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert rows[0]["note"] == interchange.neutralise(kept)


def test_formula_looking_text_is_never_a_problem_numbers_still_are() -> None:
    files = _files(
        sessions=_csv(
            "sessions",
            _session(
                "2026-02-01T08:00:00+00:00",
                "2026-02-01",
                load_kind="band",
                band_colour="-red",
                note="ok",
            ),
        ),
        sitting_bouts=_csv(
            "sitting_bouts",
            {"started_at": "2026-02-01T08:00:00+00:00", "seconds": "-3", "source": "@me"},
        ),
    )
    problems = _problems(files)
    # -3 in a number column is a number (out of range here), never a "formula".
    assert len(problems) == 1
    assert problems[0].startswith("sitting_bouts.csv, line 2, seconds: ")
    assert "formula" not in problems[0]


def test_escaped_formula_text_round_trips_and_json_text_is_taken_as_it_is(
    data: DataService, tmp_path: Path
) -> None:
    escaped = _csv("morning_pain", _morning("2026-02-01", 2, note="'=SUM(A1)", test_name="'-x"))
    parsed = interchange.decode_archive(_files(morning_pain=escaped), CTX)
    assert parsed.problems == []
    record = parsed.records("morning_pain")[0]
    assert (record["note"], record["test_name"]) == ("=SUM(A1)", "-x")
    # A settings value is JSON, checked by its setting's own rule (setting_specs).
    settings = _csv("settings", {"key": "backup_keep_days", "value": "30"})
    assert _problems(_files(settings=settings)) == []
    row = dict.fromkeys(interchange.KINDS_BY_NAME["morning_pain"].column_names) | {
        "entry_date": "2026-02-01",
        "pain": 2,
        "test_kind": "sitting",
        "test_name": "",
        "note": "=SUM(A1)",
    }
    document = {
        "manifest": json.loads(_files()["manifest.json"]),
        "tables": {"morning_pain": [row]},
    }
    path = tmp_path / "data.json"
    path.write_bytes(interchange.dump_document(document))
    report = data.import_file(path)
    assert report.ok, report.lines()
    assert "=SUM(A1)" in data.export_files("json")["data.json"].decode()


def test_the_store_never_resolves_an_in_file_repeat_silently(data: DataService) -> None:
    from pht_desktop.store import interchange_repo

    records = interchange.decode_archive(
        _files(morning_pain=_csv("morning_pain", _morning("2026-02-01", 2))), CTX
    ).records("morning_pain")
    with data._sessions() as session, pytest.raises(ValueError, match="twice in one import"):
        interchange_repo.import_tables(session, {"morning_pain": records * 2}, NOW)
