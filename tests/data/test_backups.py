"""Daily backups with retention, restore (pre-restore backup first), recovery paths."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.data import DataService, list_backups, restore_database_file
from pht_desktop.services.registry import Services
from pht_desktop.store.db import CorruptDatabaseError, NewerDatabaseError, open_database
from pht_desktop.ui.recovery_dialog import RecoveryDialog
from tests.conftest import Answers
from tests.data.helpers import add_morning, data_service, digest, table_counts


@pytest.fixture
def data(services: Services) -> DataService:
    return data_service(services)


def test_backup_at_most_once_a_day_and_kept_n_days(data: DataService, clock: FakeClock) -> None:
    first = data.backup_if_due()
    assert first is not None
    assert first.name == "pht-desktop-2026-03-02.sqlite3"
    assert data.backup_if_due() is None
    data.set_keep_days(3)
    for _ in range(5):
        clock.advance(24 * 3600)
        assert data.backup_if_due() is not None
    names = sorted(b.path.name for b in data.list_backups())
    assert names == [
        "pht-desktop-2026-03-05.sqlite3",
        "pht-desktop-2026-03-06.sqlite3",
        "pht-desktop-2026-03-07.sqlite3",
    ]
    assert all(b.kind == "daily" for b in data.list_backups())


def test_backup_is_a_consistent_readable_copy(data: DataService) -> None:
    add_morning(data, date(2026, 3, 1), 4)
    path = data.backup_now()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT pain FROM morning_pain").fetchall() == [(4,)]
    finally:
        conn.close()


def test_checking_the_backups_leaves_only_the_backups(data: DataService) -> None:
    """A backup is one file: reading it to offer it must not create WAL files beside it."""
    add_morning(data, date(2026, 3, 1), 4)
    path = data.backup_now()
    assert [b.path for b in data.list_backups()] == [path]
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_restore_makes_a_pre_restore_backup_and_services_keep_working(
    data: DataService, services: Services, db_path: Path
) -> None:
    add_morning(data, date(2026, 3, 1), 4)
    backup = data.backup_now()
    add_morning(data, date(2026, 3, 2), 7)
    kept = data.restore_backup(backup)
    assert kept is not None
    assert kept.name.startswith("before-restore-")
    assert table_counts(db_path)["morning_pain"] == 1
    assert table_counts(kept)["morning_pain"] == 2
    # The shared engine reconnects: other services read the restored file.
    services.settings.set("backup_keep_days", 11)
    assert services.settings.get("backup_keep_days") == 11
    assert any(b.kind == "before-restore" for b in data.list_backups())


def test_corrupt_database_is_reported_and_restorable(
    data: DataService, services: Services, db_path: Path, clock: FakeClock
) -> None:
    backup = data.backup_now()
    services.close()
    db_path.write_bytes(b"this is not a database" * 100)
    damaged = digest(db_path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(db_path)
    assert "not a readable database" in caught.value.message
    assert digest(db_path) == damaged  # never repaired silently
    kept = restore_database_file(backup, db_path, clock.now())
    assert kept is not None
    assert digest(kept) == damaged
    sessions = open_database(db_path)
    sessions.kw["bind"].dispose()


def test_newer_schema_is_refused_untouched(db_path: Path, services: Services) -> None:
    services.close()
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    finally:
        conn.close()
    before = digest(db_path)
    with pytest.raises(NewerDatabaseError) as caught:
        open_database(db_path)
    assert "newer version" in caught.value.message
    assert digest(db_path) == before


def test_restoring_a_newer_or_damaged_backup_is_refused(
    data: DataService, tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 200)
    before = digest(db_path)
    with pytest.raises(CorruptDatabaseError):
        data.restore_backup(bad)
    assert digest(db_path) == before


def test_recovery_dialog_restores_after_asking(
    qtbot: QtBot,
    data: DataService,
    services: Services,
    db_path: Path,
    answers: Answers,
    clock: FakeClock,
) -> None:
    backup = data.backup_now()
    services.close()
    db_path.write_bytes(b"junk" * 500)
    restored: list[Path] = []
    dialog = RecoveryDialog(
        "pht-desktop.sqlite3 is not a readable database.",
        lambda: list_backups(db_path),
        lambda path: restore_database_file(path, db_path, clock.now()),
    )
    qtbot.addWidget(dialog)
    dialog.restored.connect(restored.append)
    dialog.show()
    assert "not a readable database" in dialog.message_label.text()
    assert dialog.backups.count() == 1
    answers.reply = False
    dialog.restore_button.click()
    assert restored == []
    answers.reply = True
    dialog.restore_button.click()
    assert restored == [backup]
    assert len(answers.asked) == 2
    sessions = open_database(db_path)
    sessions.kw["bind"].dispose()


def test_recovery_dialog_without_backups_offers_other_folder_and_quit(qtbot: QtBot) -> None:
    dialog = RecoveryDialog("newer version", list, lambda _p: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isEnabled()
    assert "no backups" in dialog.status.text()
    with qtbot.waitSignal(dialog.quit_requested):
        dialog.quit_button.click()
    dialog.choose_folder()
    assert dialog._folder_dialog is not None
    assert dialog._folder_dialog.isVisible()
    with qtbot.waitSignal(dialog.other_folder_chosen) as blocker:
        dialog._folder_dialog.fileSelected.emit("/tmp")
    assert blocker.args == [Path("/tmp")]
    dialog._folder_dialog.reject()
