"""Restore and backup edge cases through the data service, each on a throw-away DB.

A backup that is not this app's, or is from a newer app, is refused before anything is
touched; a backup folder's odd entries are never offered; two restores in one second
keep both pre-restore copies; a damaged database is kept byte for byte with its WAL.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.services.base import ReadOnlyError
from pht_desktop.services.data import (
    DataService,
    is_restorable,
    list_backups,
    preserve_current,
    restore_database_file,
)
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store.db import NewerDatabaseError
from tests.data.helpers import add_morning, data_service, digest, table_counts


@pytest.fixture
def data(services: Services) -> DataService:
    return data_service(services)


def _set_version(path: Path, version: str | None) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            if version is None:
                conn.execute("DROP TABLE alembic_version")
            else:
                conn.execute("UPDATE alembic_version SET version_num = ?", (version,))
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("version", "refusal", "words"),
    [
        ("9999", NewerDatabaseError, "written by a newer version of PHT Desktop"),
        (None, ValidationError, "is not a PHT Desktop database"),
    ],
    ids=["newer app", "no version: not ours"],
)
def test_restoring_a_backup_that_is_not_ours_to_open_changes_nothing(
    data: DataService,
    db_path: Path,
    version: str | None,
    refusal: type[Exception],
    words: str,
) -> None:
    add_morning(data, date(2026, 3, 1), 4)
    backup = data.backup_now()
    _set_version(backup, version)
    before_db, before_backups = digest(db_path), sorted(backup.parent.glob("*.sqlite3"))
    with pytest.raises(refusal) as raised:
        data.restore_backup(backup)
    assert words in str(raised.value)
    assert digest(db_path) == before_db  # the current database untouched
    assert sorted(backup.parent.glob("*.sqlite3")) == before_backups  # no pre-restore copy


def test_odd_entries_in_the_backup_folder_are_not_offered(data: DataService, db_path: Path) -> None:
    good = data.backup_now()
    folder = good.parent
    (folder / "a-folder.sqlite3").mkdir()
    (folder / "link.sqlite3").symlink_to(good)
    (folder / "truncated.sqlite3").write_bytes(good.read_bytes()[:1000])
    assert [b.path for b in list_backups(db_path)] == [good]
    assert not is_restorable(folder / "never-written.sqlite3")  # gone between list and check


def test_two_restores_in_one_second_keep_both_pre_restore_copies(
    data: DataService, db_path: Path
) -> None:
    add_morning(data, date(2026, 3, 1), 4)
    backup = data.backup_now()
    first = data.restore_backup(backup)
    second = data.restore_backup(backup)  # the fake clock has not moved
    assert first is not None
    assert second is not None
    assert first != second
    assert second.name == first.name.replace(".sqlite3", "-2.sqlite3")
    assert table_counts(first)["morning_pain"] == table_counts(second)["morning_pain"] == 1


def test_a_damaged_database_is_kept_byte_for_byte_with_its_wal(
    tmp_path: Path, clock: FakeClock
) -> None:
    database = tmp_path / "pht-desktop.sqlite3"
    database.write_bytes(b"not a database " * 100)
    wal = database.with_name(database.name + "-wal")
    wal.write_bytes(b"wal bytes")
    kept = preserve_current(database, clock.now())
    assert kept is not None
    assert kept.read_bytes() == database.read_bytes()
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"wal bytes"


def test_no_pre_restore_copy_of_a_database_that_holds_nothing(
    tmp_path: Path, clock: FakeClock, data: DataService
) -> None:
    backup = data.backup_now()
    missing = tmp_path / "fresh" / "pht-desktop.sqlite3"
    assert preserve_current(missing, clock.now()) is None
    missing.parent.mkdir()
    missing.touch()  # an empty file: nothing to keep either
    assert restore_database_file(backup, missing, clock.now()) is None
    assert table_counts(missing) == table_counts(backup)


def test_an_export_format_other_than_csv_or_json_is_refused(
    data: DataService, tmp_path: Path
) -> None:
    target = tmp_path / "export.zip"
    with pytest.raises(ValidationError) as raised:
        data.export_zip(target, "xml")  # type: ignore[arg-type]
    assert raised.value.message == "The export format is csv or json."
    assert not target.exists()


def test_a_read_only_database_refuses_an_import_but_previews_it(
    data: DataService, services: Services, db_path: Path, tmp_path: Path
) -> None:
    add_morning(data, date(2026, 3, 1), 4)
    archive = data.export_zip(tmp_path / "export.zip")
    services.close()
    db_path.chmod(0o400)
    opened = build_services(db_path, services.clock)
    try:
        assert opened.read_only
        preview = opened.data.import_file(archive, dry_run=True)
        assert preview.dry_run
        before = digest(db_path)
        with pytest.raises(ReadOnlyError):
            opened.data.import_file(archive)
        assert digest(db_path) == before
    finally:
        opened.close()
        db_path.chmod(0o600)
