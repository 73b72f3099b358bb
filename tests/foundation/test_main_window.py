"""The main window opens with its four panes, navigates, and remembers its size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import PANE_NAMES, MainWindow
from tests.qt_input import shown


def make_window(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    return shown(qtbot, MainWindow(services, qsettings))


def test_four_panes_and_navigation(qtbot: QtBot, services: Services, qsettings: QSettings) -> None:
    window = make_window(qtbot, services, qsettings)
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == list(PANE_NAMES)
    for index, name in enumerate(PANE_NAMES):
        window.show_pane(name)
        assert tabs.currentIndex() == index
        assert tabs.currentWidget().isVisible()


def test_progress_pane_is_built_only_when_first_opened(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    window = make_window(qtbot, services, qsettings)
    assert window.progress.inner is None
    window.show_pane("Progress")
    assert window.progress.inner is not None


def test_window_geometry_is_remembered(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    first = make_window(qtbot, services, qsettings)
    first.resize(701, 503)
    first.close()
    second = make_window(qtbot, services, qsettings)
    assert (second.width(), second.height()) == (701, 503)


def test_stage_change_from_settings_is_stored(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    window = make_window(qtbot, services, qsettings)
    window.show_pane("Settings")
    form = window.settings_pane.stage
    form.stage.setCurrentIndex(form.stage.findData(2))
    form.save_stage.click()
    assert services.profile.current_stage() == 2
    assert [e.stage for e in services.profile.stage_history()] == [2]
    assert "stage 2" in form.history.item(0).text()


def test_smoke_flag_starts_the_real_app(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pht_desktop", "--smoke", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("startup_ms=")]
    assert len(lines) == 1
    assert int(lines[0].split("=")[1]) > 0


def test_about_box_names_version_data_location_and_sources(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    from pht_desktop import __version__

    window = make_window(qtbot, services, qsettings)
    window._show_about()
    text = window.about_box.text()
    assert __version__ in text
    assert str(services.database_path) in text
    assert "MIT" in text
    assert "Rich A" in text
    assert "not individual clinical advice" in text
    assert not window.about_box.isModal() or window.about_box.isVisible()
    window.about_box.close()
