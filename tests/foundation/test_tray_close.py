"""Closing the window keeps the app in the tray (told once); without a tray it quits."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import MainWindow


def test_close_hides_to_tray_and_tells_once(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    window = MainWindow(services, qsettings)
    qtbot.addWidget(window)
    window.hide_to_tray = True
    told: list[bool] = []
    quits: list[bool] = []
    window.hidden_to_tray_first_time.connect(lambda: told.append(True))
    window.quit_requested.connect(lambda: quits.append(True))
    for _ in range(2):
        window.show()
        qtbot.waitExposed(window)
        window.close()
        assert not window.isVisible()
    assert told == [True]
    assert quits == []


def test_close_without_tray_quits(qtbot: QtBot, services: Services, qsettings: QSettings) -> None:
    window = MainWindow(services, qsettings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        window.close()
