"""Import is bounded: every hostile file is a clear refusal, nothing written (issue 12).

Finding 4 (unbounded reads, crashes on odd zips, a name twice) and finding 3 (the app's
own long absences). Each test fails on the code before issue 12: there the same file
hung, ran out of memory, raised, or was imported partly.
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pht_desktop.domain import interchange
from pht_desktop.safe_files import ReadLimits
from pht_desktop.services import data as data_module
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services
from tests.data.test_import_gaps import _csv, _files, _morning, _snapshot, _zip

SMALL = ReadLimits(
    max_file_bytes=64_000, max_members=8, max_member_bytes=64_000, max_total_bytes=100_000
)


@pytest.fixture
def data(services: Services) -> DataService:
    return services.data


def _refused_cleanly(data: DataService, db_path: Path, path: Path) -> str:
    """The report's text; asserts nothing was written.

    How fast the refusal comes is measured by bench/import_caps (target 5 s), not
    asserted here: a wall-clock bound fails on a loaded CI machine, not on a slow import.
    """
    before = _snapshot(db_path)
    report = data.import_file(path)
    assert not report.ok
    assert _snapshot(db_path) == before
    lines = report.lines()
    assert lines[0].startswith("Nothing was imported")
    return "\n".join(lines)


def _patch_zip(raw: bytes, *, flags: int | None = None, method: int | None = None) -> bytes:
    """Rewrite every header's flag bits / compression method (what a hostile tool writes)."""
    out = bytearray(raw)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (at := out.find(signature, start)) != -1:
            if flags is not None:
                out[at + flag_at : at + flag_at + 2] = struct.pack("<H", flags)
            if method is not None:
                out[at + method_at : at + method_at + 2] = struct.pack("<H", method)
            start = at + 4
    return bytes(out)


def _export_zip(tmp_path: Path, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_many_bad_rows_print_a_bounded_report(
    data: DataService, db_path: Path, tmp_path: Path
) -> None:
    rows = "".join(f"2026-02-01,{n % 90 + 11},x,,,\n" for n in range(300_000))
    body = "entry_date,pain,test_kind,test_name,recorded_at,note\n" + rows
    path = tmp_path / "bad.zip"
    path.write_bytes(_export_zip(tmp_path, _files(morning_pain=body)))
    assert path.stat().st_size < 200_000
    text = _refused_cleanly(data, db_path, path)
    assert len(text.splitlines()) <= interchange.MAX_PROBLEMS_SHOWN + 2
    assert "… and" in text
    assert "more" in text


def test_a_member_bigger_than_the_cap_is_refused_while_reading(
    data: DataService, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_module, "IMPORT_LIMITS", SMALL)
    path = tmp_path / "bomb.zip"
    path.write_bytes(_export_zip(tmp_path, _files(morning_pain="a" * 1_000_000)))
    assert "larger than" in _refused_cleanly(data, db_path, path)


def test_a_zip_lying_about_its_sizes_is_refused(
    data: DataService, db_path: Path, tmp_path: Path
) -> None:
    raw = bytearray(_export_zip(tmp_path, _files(morning_pain="x" * 50_000)))
    central = raw.find(b"PK\x01\x02", raw.find(b"morning_pain") - 60)
    at = raw.find(b"PK\x01\x02")
    while at != -1:  # every entry claims 10 bytes uncompressed
        raw[at + 24 : at + 28] = struct.pack("<I", 10)
        at = raw.find(b"PK\x01\x02", at + 4)
    assert central != -1
    path = tmp_path / "lying.zip"
    path.write_bytes(bytes(raw))
    assert "damaged" in _refused_cleanly(data, db_path, path)


@pytest.mark.parametrize(
    ("patch", "why"),
    [({"flags": 0x1}, "encrypted"), ({"method": 9}, "compression")],
    ids=["encrypted", "deflate64"],
)
def test_encrypted_or_deflate64_members_are_refused(
    data: DataService, db_path: Path, tmp_path: Path, patch: dict[str, int], why: str
) -> None:
    path = tmp_path / "odd.zip"
    path.write_bytes(_patch_zip(_export_zip(tmp_path, _files()), **patch))
    assert why in _refused_cleanly(data, db_path, path)


def test_a_member_name_twice_is_refused_not_last_wins(
    data: DataService, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "twice.zip"
    first = _csv("morning_pain", _morning("2026-02-01", 2))
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in _files(morning_pain=first).items():
            archive.writestr(name, content)
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("morning_pain.csv", _csv("morning_pain", _morning("2026-02-02", 3)))
    assert "more than once" in _refused_cleanly(data, db_path, path)


def test_too_many_members_are_refused(data: DataService, db_path: Path, tmp_path: Path) -> None:
    files = _files() | {f"extra-{n}.csv": b"" for n in range(100)}
    path = tmp_path / "many.zip"
    path.write_bytes(_export_zip(tmp_path, files))
    assert "at most" in _refused_cleanly(data, db_path, path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")
@pytest.mark.parametrize("suffix", [".zip", ".json"])
def test_a_device_or_a_fifo_is_never_read(
    data: DataService, db_path: Path, tmp_path: Path, suffix: str
) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in _refused_cleanly(data, db_path, link)
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused_cleanly(data, db_path, fifo)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")
def test_a_symbolic_link_even_to_a_real_export_is_refused(
    data: DataService, db_path: Path, tmp_path: Path
) -> None:
    """One bounded reader for exports and run files, with the stricter rule: no links."""
    real = tmp_path / "data.json"
    real.write_text(json.dumps({"tables": {}}))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert "symbolic link" in _refused_cleanly(data, db_path, link)


def test_a_bare_json_has_a_size_cap(
    data: DataService, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_module, "IMPORT_LIMITS", SMALL)
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"tables": {}, "pad": "x" * 100_000}))
    assert "larger than" in _refused_cleanly(data, db_path, path)


def test_json_nested_5000_deep_is_a_refusal(
    data: DataService, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "data.json"
    path.write_text("[" * 5000 + "]" * 5000)
    assert "nested" in _refused_cleanly(data, db_path, path)
    settings = _csv("settings", {"key": "theme", "value": "[" * 100 + "]" * 100})
    deep = tmp_path / "deep.zip"
    _zip(deep, _files(settings=settings))
    assert "nested" in _refused_cleanly(data, db_path, deep).lower()


def test_an_away_period_longer_than_30_days_round_trips(data: DataService, tmp_path: Path) -> None:
    """Finding 3: a 45-day suspend is one away period of 3,888,000 s."""
    body = _csv(
        "away_periods",
        {
            "started_at": "2026-01-01T08:00:00+00:00",
            "seconds": "3888000",
            "answer": "away",
            "cause": "sleep",
        },
    )
    report = data.import_file(_zip(tmp_path / "in.zip", _files(away_periods=body)))
    assert report.ok, report.lines()
    exported = data.export_files("csv")
    back = interchange.decode_archive(
        exported, interchange.Context(datetime.now(UTC).date(), datetime.now(UTC))
    )
    assert back.records("away_periods")[0]["seconds"] == 3_888_000


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("baseline_mode", "{}", "Baseline mode"),
        ("backup_keep_days", "100000", "Backups kept"),
        ("appearance", '"purple"', "Appearance"),
        ("breaks", "[]", ""),
        ("no_such_setting", "1", "There is no setting"),
    ],
)
def test_a_setting_the_app_would_choke_on_is_refused(
    data: DataService, db_path: Path, tmp_path: Path, key: str, value: str, why: str
) -> None:
    """Finding 1: ``baseline_mode,"{}"`` imported, then every start died."""
    path = _zip(
        tmp_path / "in.zip", _files(settings=_csv("settings", {"key": key, "value": value}))
    )
    text = _refused_cleanly(data, db_path, path)
    assert f"settings.csv, line 2, value: {key}" in text or "no setting" in text
    assert why in text


def test_valid_settings_import_and_are_read_back(services: Services, tmp_path: Path) -> None:
    rows = [
        {"key": "baseline_mode", "value": '"pre_load"'},
        {"key": "backup_keep_days", "value": "30"},
    ]
    path = _zip(tmp_path / "in.zip", _files(settings=_csv("settings", *rows)))
    report = services.data.import_file(path)
    assert report.ok, report.lines()
    assert services.data.keep_days() == 30
    assert services.morning.baseline_mode().value == "pre_load"
