"""The composition root: builds clock, store, services, tray and windows."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pht_desktop.domain.clock import Clock
from pht_desktop.paths import AppPaths, ensure_private_dir
from pht_desktop.resources import resource
from pht_desktop.services.registry import Services, build_services
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.theme import follow_system
from pht_desktop.ui.tray import Tray

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource(f"icons/pht-desktop-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    svg = resource("icons/pht-desktop.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon


class PhtApp:
    """One running app: services, main window, optional tray, the tick timer."""

    def __init__(
        self, qapp: QApplication, paths: AppPaths, clock: Clock, start_hidden: bool = False
    ) -> None:
        self.qapp = qapp
        self.paths = paths
        ensure_private_dir(paths.data_dir)
        self.services: Services = build_services(paths.database, clock)
        follow_system(qapp, str(self.services.settings.get("appearance", "system")))
        qsettings = QSettings(str(Path(paths.data_dir) / "window.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(self.services, qsettings)
        self.window.setWindowIcon(app_icon())
        self.window.quit_requested.connect(self.quit)
        self.tray: Tray | None = None
        if Tray.available():
            self.tray = Tray(app_icon())
            self.tray.open_requested.connect(self.show_window)
            self.tray.quit_requested.connect(self.quit)
            self.tray.show()
            qapp.setQuitOnLastWindowClosed(False)
            self.window.hide_to_tray = True
            self.window.hidden_to_tray_first_time.connect(self._tell_tray_once)
        self.breaks = BreakController(self.services, self.tray)
        # Ticks the break scheduler; also lets Python run its Ctrl-C handler.
        self.tick_timer = QTimer()
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.breaks.tick)
        self.tick_timer.start()
        if not start_hidden or self.tray is None:
            self.show_window()

    def _tell_tray_once(self) -> None:
        if self.tray is not None:
            self.tray.icon.showMessage(
                "PHT Desktop is still running",
                "Break reminders keep working. Use Quit in this icon's menu to stop them.",
            )

    def show_window(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        self.window.save_geometry()
        self.tick_timer.stop()
        if self.tray is not None:
            self.tray.icon.hide()
        self.qapp.quit()
