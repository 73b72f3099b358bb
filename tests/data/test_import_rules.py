"""Bad files are refused whole with row-level messages; the database stays unchanged."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pht_desktop.domain import interchange
from pht_desktop.domain.interchange import Context, neutralise, unneutralise
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services
from pht_desktop.store import models as m
from tests.data.helpers import data_service, digest, table_counts

MORNING_HEADER = "entry_date,pain,test_kind,test_name,recorded_at,note\n"


@pytest.fixture
def data(services: Services) -> DataService:
    return data_service(services)


def _zip(path: Path, files: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return path


def _manifest() -> str:
    meta = interchange.manifest("0.1.0", datetime(2026, 3, 1, tzinfo=UTC), "csv")
    return interchange.dump_document(meta).decode()


def _archive(tmp_path: Path, **csvs: str) -> Path:
    files: dict[str, bytes | str] = {"manifest.json": _manifest()}
    files.update({f"{name}.csv": body for name, body in csvs.items()})
    return _zip(tmp_path / "in.zip", files)


def _refused(data: DataService, path: Path, db_path: Path) -> list[str]:
    before = (table_counts(db_path), digest(db_path))
    report = data.import_file(path)
    assert not report.ok
    assert report.counts == {}
    assert table_counts(db_path) == before[0]
    return [str(p) for p in report.problems]


@pytest.mark.parametrize(
    "text",
    ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "'=x", "''-1", "'plain", "plain", "", "'"],
)
def test_neutralise_round_trips_exactly(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(tuple(interchange.FORMULA_STARTS))
    assert unneutralise(cell) == text


def test_numbers_are_written_plain_text_is_neutralised() -> None:
    kind = interchange.KINDS_BY_NAME["sitting_bouts"]
    seconds = next(c for c in kind.columns if c.name == "seconds")
    source = next(c for c in kind.columns if c.name == "source")
    assert interchange.encode_cell(seconds, -5) == "-5"
    assert interchange.encode_cell(source, "-5") == "'-5"


def test_every_bad_row_is_reported_and_nothing_is_written(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    body = (
        MORNING_HEADER
        + "2026-02-01,11,sitting,,2026-02-01T07:00:00+00:00,\n"  # pain out of range
        + "2026-02-02,3,sitting,,2026-02-02T07:00:00+00:00,ok\n"  # fine
        + "2027-03-04,2,sitting,,2026-02-02T07:00:00+00:00,\n"  # over a year ahead
        + "2026-02-04,x,sitting,,2026-02-04T07:00,\n"  # two problems in one row
    )
    problems = _refused(data, _archive(tmp_path, morning_pain=body), db_path)
    expected = "morning_pain.csv, line 2, pain: Pain must be from 0 to 10; 11 is outside the scale."
    assert expected in problems
    assert any("line 4, entry_date" in p and "future" in p for p in problems)
    assert any("line 5, pain" in p for p in problems)
    assert any("line 5, recorded_at" in p and "time zone" in p for p in problems)
    assert len(problems) == 4


def test_wrong_columns_refused(data: DataService, tmp_path: Path, db_path: Path) -> None:
    body = "entry_date,pain,colour\n2026-02-01,3,red\n"
    problems = _refused(data, _archive(tmp_path, morning_pain=body), db_path)
    assert any("Missing column(s): test_kind" in p for p in problems)
    assert any("Unknown column(s): colour" in p for p in problems)


def test_bad_encoding_refused(data: DataService, tmp_path: Path, db_path: Path) -> None:
    body = (MORNING_HEADER + "2026-02-01,3,sitting,,2026-02-01T07:00:00+00:00,caf").encode()
    path = _zip(
        tmp_path / "in.zip", {"manifest.json": _manifest(), "morning_pain.csv": body + b"\xe9\n"}
    )
    problems = _refused(data, path, db_path)
    assert len(problems) == 1
    assert problems[0].startswith("morning_pain.csv, line 2: Not UTF-8 text")


def test_truncated_zip_refused(
    data: DataService, services: Services, tmp_path: Path, db_path: Path
) -> None:
    full = data.export_zip(tmp_path / "full.zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    problems = _refused(data, cut, db_path)
    assert problems
    assert "incomplete" in problems[0]


def test_not_our_file_and_newer_format_refused(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    path = _zip(tmp_path / "x.zip", {"manifest.json": '{"format": "other"}'})
    assert any("not a PHT Desktop export" in p for p in _refused(data, path, db_path))
    newer = _manifest().replace('"format_version": 1', '"format_version": 99')
    path = _zip(tmp_path / "y.zip", {"manifest.json": newer})
    assert any("newer PHT Desktop" in p for p in _refused(data, path, db_path))


def test_formula_text_is_neutralised_on_export_and_restored_on_import(
    data: DataService, services: Services, tmp_path: Path
) -> None:
    with data._write() as session:
        session.add(
            m.MorningPain(
                entry_date=date(2026, 3, 1),
                pain=2,
                test_kind="sitting",
                recorded_at=services.clock.now(),
                note='=HYPERLINK("http://x")',
            )
        )
    files = data.export_files("csv")
    assert "'=HYPERLINK" in files["morning_pain.csv"].decode()
    parsed = interchange.decode_archive(files, Context(date(2026, 3, 2), services.clock.now()))
    assert parsed.problems == []
    assert parsed.records("morning_pain")[0]["note"] == '=HYPERLINK("http://x")'


def test_unknown_exercise_and_orphan_set_refused(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    sessions = (
        "performed_at,local_date,exercise,load_kind,band_colour,load_kg,effort_kind,"
        "effort_value,pain_during,note,source,created_at,deleted_at\n"
        "2026-03-01T08:00:00+00:00,2026-03-01,no-such-thing,bodyweight,,,rpe,,,,form,,\n"
    )
    sets = (
        "session_performed_at,session_exercise,position,reps,hold_seconds,rest_seconds\n"
        "2026-03-01T09:00:00+00:00,no-such-thing,0,10,,\n"
    )
    problems = _refused(data, _archive(tmp_path, sessions=sessions, session_sets=sets), db_path)
    assert any("sessions.csv, line 2, exercise: Unknown exercise" in p for p in problems)
    assert any("session_sets.csv, line 2" in p for p in problems)


def test_reimport_adds_no_duplicates_and_keeps_existing_on_conflict(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    good = MORNING_HEADER + "2026-02-02,3,sitting,,2026-02-02T07:00:00+00:00,ok\n"
    path = _archive(tmp_path, morning_pain=good)
    assert data.import_file(path).counts["morning_pain"].new == 1
    second = data.import_file(path)
    assert (second.counts["morning_pain"].new, second.counts["morning_pain"].duplicate) == (0, 1)
    changed = _archive(tmp_path, morning_pain=good.replace(",3,", ",5,"))
    third = data.import_file(changed)
    assert third.counts["morning_pain"].conflict == 1
    assert table_counts(db_path)["morning_pain"] == 1
    assert any("kept as they were" in line for line in third.lines())


def test_dry_run_changes_nothing(data: DataService, tmp_path: Path, db_path: Path) -> None:
    good = MORNING_HEADER + "2026-02-02,3,sitting,,2026-02-02T07:00:00+00:00,ok\n"
    before = table_counts(db_path)
    report = data.import_file(_archive(tmp_path, morning_pain=good), dry_run=True)
    assert report.ok
    assert report.dry_run
    assert report.counts["morning_pain"].new == 1
    assert table_counts(db_path) == before


def test_bare_json_document_imports(data: DataService, tmp_path: Path) -> None:
    document = {
        "manifest": interchange.manifest("0.1.0", datetime(2026, 3, 1, tzinfo=UTC), "json"),
        "tables": {
            "runs": [
                {
                    "performed_at": "2026-03-01T07:00:00Z",
                    "local_date": "2026-03-01",
                    "duration_s": 1200,
                    "distance_km": 3.5,
                    "style": "run_walk",
                    "hills": False,
                    "speed": False,
                    "pain_during": 2,
                    "note": "",
                    "created_at": None,
                    "deleted_at": None,
                }
            ]
        },
    }
    path = tmp_path / "data.json"
    path.write_bytes(interchange.dump_document(document))
    report = data.import_file(path)
    assert report.ok, report.lines()
    assert report.counts["runs"].new == 1
    bad = interchange.dump_document(document).replace(b'"pain_during": 2', b'"pain_during": 12')
    path.write_bytes(bad)
    refused = data.import_file(path)
    assert [str(p) for p in refused.problems] == [
        "data.json#runs, line 1, pain_during: Pain must be from 0 to 10; 12 is outside the scale."
    ]


def test_verdicts_use_compute_verdicts_and_are_ignored_on_import(
    data: DataService, services: Services, tmp_path: Path
) -> None:
    now = services.clock.now()
    with data._write() as session:
        session.add(m.BaselineChange(effective_date=date(2026, 2, 1), pain=3, created_at=now))
        session.add(
            m.MorningPain(entry_date=date(2026, 3, 2), pain=2, test_kind="sitting", recorded_at=now)
        )
        session.add(
            m.Run(
                performed_at=datetime(2026, 3, 1, 18, tzinfo=UTC),
                local_date=date(2026, 3, 1),
                duration_s=600,
                created_at=now,
            )
        )
    files = data.export_files("csv")
    assert files["verdicts.csv"].decode().splitlines()[1] == (
        "2026-03-01,2026-03-02,2,3,tolerated,fixed,,false,false"
    )
    archive = _zip(tmp_path / "v.zip", dict(files.items()))
    report = data.import_file(archive)
    assert report.ok
    assert "verdicts" not in report.counts


def test_export_is_atomic_and_leaves_no_temp_files(data: DataService, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.zip"
    target.write_bytes(b"old")
    data.export_zip(target, "json")
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["data.json", "manifest.json"]
    assert sorted(p.name for p in folder.iterdir()) == ["out.zip"]
