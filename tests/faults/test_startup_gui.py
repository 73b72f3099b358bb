"""Every start-up failure ends in the recovery dialog; read-only data shows a banner."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pht_desktop.app import Launcher, PhtApp
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.paths import AppPaths
from pht_desktop.startup_errors import EXIT_LOCATION, EXIT_REFUSED, EXIT_UNEXPECTED
from pht_desktop.ui.recovery_dialog import RecoveryDialog


def _launch(qapp: QApplication, qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> Launcher:
    launcher = Launcher(qapp, clock, start_hidden=False)
    assert launcher.start(paths) is False
    assert isinstance(launcher.recovery, RecoveryDialog)
    qtbot.addWidget(launcher.recovery)
    assert launcher.recovery.isVisible()
    return launcher


def test_another_programs_file_shows_recovery_and_is_untouched(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    paths.data_dir.mkdir()
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE settings (name TEXT)")
    conn.commit()
    conn.close()
    before = paths.database.read_bytes()
    launcher = _launch(qapp, qtbot, paths, clock)
    assert launcher.exit_code == EXIT_REFUSED
    assert "did not make" in launcher.recovery.message_label.text()  # type: ignore[union-attr]
    assert paths.database.read_bytes() == before


def test_an_unusable_folder_and_an_unexpected_error_show_recovery(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    launcher = _launch(qapp, qtbot, AppPaths(blocker / "data", tmp_path / "logs"), clock)
    assert launcher.exit_code == EXIT_LOCATION

    def broken(*_args: object) -> None:
        raise RuntimeError("surprise")

    monkeypatch.setattr("pht_desktop.app.build_services", broken)
    launcher = _launch(qapp, qtbot, AppPaths(tmp_path / "ok", tmp_path / "logs"), clock)
    assert launcher.exit_code == EXIT_UNEXPECTED
    assert "surprise" in launcher.recovery.message_label.text()  # type: ignore[union-attr]


def test_a_read_only_database_opens_with_a_banner_and_refuses_writes_plainly(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, clock: FakeClock, template_db: Path
) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    paths.data_dir.mkdir()
    shutil.copyfile(template_db, paths.database)
    paths.database.chmod(0o400)
    app = PhtApp(qapp, paths, clock)
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.is_started, timeout=5000)
    banner = app.window.read_only_banner
    assert banner is not None
    assert banner.text() == "Read-only: changes cannot be saved"
    assert banner.isVisible()
    with pytest.raises(ValidationError, match="Read-only"):
        app.services.settings.set("appearance", "dark")
    app.tick_timer.stop()
    app.services.close()
