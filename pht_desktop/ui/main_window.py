"""The main window: Today, Exercises, Progress, Settings (docs/ux.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from pht_desktop import __version__
from pht_desktop.services.registry import Services
from pht_desktop.ui.today_pane import TodayPane

if TYPE_CHECKING:
    from pht_desktop.ui.exercises_pane import ExercisesPane
    from pht_desktop.ui.progress_pane import ProgressPane
    from pht_desktop.ui.settings_pane import SettingsPane

PANE_NAMES = ("Today", "Exercises", "Progress", "Settings")


class LazyPane(QWidget):
    """Holds a pane that is built the first time it is shown.

    Start-up only pays for Today; Progress in particular keeps matplotlib out.
    """

    def __init__(self, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        from PySide6.QtWidgets import QVBoxLayout

        self._factory = factory
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.inner: QWidget | None = None

    def ensure_built(self) -> QWidget:
        if self.inner is None:
            self.inner = self._factory()
            self._layout.addWidget(self.inner)
        return self.inner


class MainWindow(QMainWindow):
    """Navigation and window state; each pane owns its own content."""

    quit_requested = Signal()
    # Emitted the first time the window hides to the tray, so the app can say so once.
    hidden_to_tray_first_time = Signal()

    def __init__(self, services: Services, qsettings: QSettings) -> None:
        super().__init__()
        self.services = services
        self._qsettings = qsettings
        self.hide_to_tray = False
        self.setWindowTitle("PHT Desktop")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.today = TodayPane(services)
        self.exercises = LazyPane(self._build_exercises)
        self.progress = LazyPane(self._build_progress)
        self.settings = LazyPane(self._build_settings)
        for pane, name in zip(
            (self.today, self.exercises, self.progress, self.settings), PANE_NAMES, strict=True
        ):
            pane.setAccessibleName(f"{name} pane")
            self.tabs.addTab(pane, name)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.today.plan.start_requested.connect(self.start_exercise)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self._restore_geometry()

    def _build_exercises(self) -> QWidget:
        from pht_desktop.ui.exercises_pane import ExercisesPane

        return ExercisesPane(self.services)

    def _build_progress(self) -> QWidget:
        from pht_desktop.ui.progress_pane import ProgressPane

        return ProgressPane(self.services)

    def _build_settings(self) -> QWidget:
        from pht_desktop.ui.settings_pane import SettingsPane

        return SettingsPane(self.services)

    @property
    def exercises_pane(self) -> ExercisesPane:
        return cast("ExercisesPane", self.exercises.ensure_built())

    @property
    def progress_pane(self) -> ProgressPane:
        return cast("ProgressPane", self.progress.ensure_built())

    @property
    def settings_pane(self) -> SettingsPane:
        return cast("SettingsPane", self.settings.ensure_built())

    def _on_tab_changed(self, index: int) -> None:
        pane = self.tabs.widget(index)
        if isinstance(pane, LazyPane):
            pane.ensure_built()

    def start_exercise(self, exercise_id: int | None = None, timed: bool = True) -> None:
        """Open the logger on an exercise; timed holds go straight to the hold timer."""
        self.show_pane("Exercises")
        pane = self.exercises_pane
        if timed:
            pane.start_hold_timer(exercise_id)
        elif exercise_id is not None:
            pane.form.select_exercise(exercise_id)

    def show_pane(self, name: str) -> None:
        self.tabs.setCurrentIndex(PANE_NAMES.index(name))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.file_menu = file_menu
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested.emit)
        self._quit_action = quit_action
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        for index, name in enumerate(PANE_NAMES):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, n=name: self.show_pane(n))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About PHT Desktop", self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def end_file_menu_with_quit(self) -> None:
        """Keep Quit last after features added their File actions."""
        self.file_menu.removeAction(self._quit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._quit_action)

    def _show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About PHT Desktop")
        box.setText(
            f"<b>PHT Desktop {__version__}</b><br>"
            "An offline companion for proximal hamstring tendinopathy rehab.<br>"
            f"Your data: {self.services.database_path}<br><br>"
            "General education and self-monitoring, not individual clinical advice. "
            "Consult a registered health practitioner.<br>Licence: MIT."
        )
        box.open()

    def _restore_geometry(self) -> None:
        geometry = self._qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(960, 720)

    def save_geometry(self) -> None:
        self._qsettings.setValue("window/geometry", self.saveGeometry())
        self._qsettings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        if self.hide_to_tray:
            # With a tray, closing keeps the app (and its break prompts) running.
            event.ignore()
            self.hide()
            if not self._qsettings.value("tray/told_once", False, type=bool):
                self._qsettings.setValue("tray/told_once", True)
                self.hidden_to_tray_first_time.emit()
            return
        # Without a tray there is nowhere to live: closing the window quits.
        event.accept()
        self.quit_requested.emit()
