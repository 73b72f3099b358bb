"""The main window: Today, Exercises, Progress, Settings (docs/ux.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from pht_desktop import __version__
from pht_desktop.domain.plan import PlanItem
from pht_desktop.services.registry import Services
from pht_desktop.ui.ports import QT_BEEP, Chime, StartAtLogin
from pht_desktop.ui.style import scaled_font
from pht_desktop.ui.today_pane import TodayPane

if TYPE_CHECKING:
    from pht_desktop.ui.exercises_pane import ExercisesPane
    from pht_desktop.ui.first_run import FirstRunWizard
    from pht_desktop.ui.measures_pane import MeasuresPane
    from pht_desktop.ui.progress_pane import ProgressPane
    from pht_desktop.ui.settings_pane import SettingsPane
    from pht_desktop.ui.shortcuts import ShortcutsDialog

PANE_NAMES = ("Today", "Exercises", "Progress", "Measures", "Settings")
# The tab titles, marked for translation (the names above stay the keys).
_PANE_TITLES: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("MainWindow", "Today")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Exercises")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Progress")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Measures")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Settings")),
)
#: The same names for menus, marked for translation (pyside6-lupdate picks them up).
PANE_LABELS: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("MainWindow", "&Today")),
    str(QT_TRANSLATE_NOOP("MainWindow", "&Exercises")),
    str(QT_TRANSLATE_NOOP("MainWindow", "&Progress")),
    str(QT_TRANSLATE_NOOP("MainWindow", "Measu&res")),
    str(QT_TRANSLATE_NOOP("MainWindow", "&Settings")),
)


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

    def __init__(
        self,
        services: Services,
        qsettings: QSettings,
        autostart: StartAtLogin | None = None,
        *,
        chime: Chime = QT_BEEP,
    ) -> None:
        super().__init__()
        self.services = services
        #: The app's one sound, handed in by app.py (Qt's beep when built without a desktop).
        self.chime = chime
        self._qsettings = qsettings
        self.hide_to_tray = False
        #: Where "start at login" is written, handed in by app.py (None: not offered).
        self.autostart = autostart
        self.welcome: FirstRunWizard | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.setWindowTitle("PHT Desktop")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.today = TodayPane(services)
        self.exercises = LazyPane(self._build_exercises)
        self.progress = LazyPane(self._build_progress)
        self.measures = LazyPane(self._build_measures)
        self.settings = LazyPane(self._build_settings)
        panes = (self.today, self.exercises, self.progress, self.measures, self.settings)
        for pane, title in zip(panes, _PANE_TITLES, strict=True):
            shown = self.tr(title)
            pane.setAccessibleName(self.tr("{pane} pane").format(pane=shown))
            self.tabs.addTab(pane, shown)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.today.plan.item_requested.connect(self.start_planned)
        self.today.measures_due.open_requested.connect(lambda: self.show_pane("Measures"))
        self.read_only_banner: QLabel | None = None
        if services.read_only:
            self.setCentralWidget(self._with_read_only_banner(self.tabs))
        else:
            self.setCentralWidget(self.tabs)
        self._build_menus()
        self._restore_geometry()

    def _with_read_only_banner(self, tabs: QWidget) -> QWidget:
        """A read-only database (the user's choice) is said once, at the top."""
        self.read_only_banner = QLabel(self.tr("Read-only: changes cannot be saved"))
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setMargin(6)
        self.read_only_banner.setFont(scaled_font(self.read_only_banner, 1.0, bold=True))
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(tabs, 1)
        return holder

    def _build_exercises(self) -> QWidget:
        from pht_desktop.ui.exercises_pane import ExercisesPane

        return ExercisesPane(self.services, self.chime)

    def _build_progress(self) -> QWidget:
        from pht_desktop.ui.progress_pane import ProgressPane

        return ProgressPane(self.services)

    def _build_measures(self) -> QWidget:
        from pht_desktop.ui.measures_pane import MeasuresPane

        return MeasuresPane(self.services, self.chime)

    def _build_settings(self) -> QWidget:
        from pht_desktop.ui.settings_pane import SettingsPane

        return SettingsPane(self.services, self.autostart)

    @property
    def exercises_pane(self) -> ExercisesPane:
        return cast("ExercisesPane", self.exercises.ensure_built())

    @property
    def progress_pane(self) -> ProgressPane:
        return cast("ProgressPane", self.progress.ensure_built())

    @property
    def measures_pane(self) -> MeasuresPane:
        return cast("MeasuresPane", self.measures.ensure_built())

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
        """File, View, Actions, Help; every frequent action has a key (issue 8).

        Help ▸ Keyboard shortcuts lists these very actions, so keep keys on QActions.
        """
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu = file_menu
        quit_action = self._action(self.tr("&Quit"), None, QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        self._quit_action = quit_action
        file_menu.addAction(quit_action)

        view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu = view_menu
        self.pane_actions: list[QAction] = []
        for index, (name, label) in enumerate(zip(PANE_NAMES, PANE_LABELS, strict=True)):
            action = self._action(
                self.tr(label), partial(self.show_pane, name), f"Ctrl+{index + 1}"
            )
            view_menu.addAction(action)
            self.pane_actions.append(action)

        actions_menu = bar.addMenu(self.tr("&Actions"))
        self.actions_menu = actions_menu
        self.morning_action = self._action(
            self.tr("&Morning check-in…"), self.open_morning_checkin, "Ctrl+M"
        )
        self.morning_action.setStatusTip(self.tr("Record this morning's pain on your test"))
        self.hold_action = self._action(
            self.tr("Start today's &exercise"), self.start_todays_exercise, "Ctrl+T"
        )
        self.hold_action.setStatusTip(self.tr("Open the hold timer with today's planned dose"))
        self.stand_action = self._action(self.tr("I'm &standing"), self.stand_now, "Ctrl+Shift+S")
        self.stand_action.setStatusTip(self.tr("Start a standing break now"))
        for action in (self.morning_action, self.hold_action, self.stand_action):
            actions_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu = help_menu
        self.welcome_action = self._action(self.tr("&Welcome…"), self.open_welcome)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"),
            self.open_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        about = self._action(self.tr("&About PHT Desktop"), self._show_about)
        for action in (self.welcome_action, self.shortcuts_action, about):
            help_menu.addAction(action)

    def _action(
        self,
        text: str,
        slot: Callable[[], object] | None,
        keys: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        """A window-wide action (its shortcut works from any pane)."""
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- what the actions do ------------------------------------------------------------

    def open_morning_checkin(self) -> None:
        """Ctrl+M: Today, keyboard on the pain row (digits choose, Enter saves)."""
        self.show_pane("Today")
        self.today.morning.focus_checkin()

    def start_planned(self, item: PlanItem) -> None:
        """Open the logger on a plan item with exactly its dose (issue 11)."""
        self.show_pane("Exercises")
        self.exercises_pane.start_planned(item)

    def start_todays_exercise(self) -> None:
        """Ctrl+T: today's plan, the same one the Today pane shows; a hold opens the
        running timer (Space pauses)."""
        self.today.plan.refresh()
        item = self.today.plan.planned()
        if item is None:
            self.show_pane("Today")
            self.statusBar().showMessage(
                self.tr("No exercise planned for your stage yet: add one in Exercises."), 8000
            )
            return
        self.start_planned(item)
        pane = self.exercises_pane
        if item.timed and pane.timer.timer is not None:
            pane.timer.pause_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def stand_now(self) -> None:
        """Ctrl+Shift+S: the sitting card's "I'm standing" (its errors show there)."""
        self.show_pane("Today")
        button = self.today.sitting.stand_button
        if button.isEnabled() and not button.isHidden():
            button.click()
        else:
            self.statusBar().showMessage(self.tr("A standing break is already running."), 8000)

    def open_welcome(self) -> None:
        """Help ▸ Welcome…: the first-run setup again (non-modal)."""
        from pht_desktop.ui.first_run import FirstRunWizard

        if self.welcome is None:
            self.welcome = FirstRunWizard(self.services, self.autostart, parent=self)
            self.welcome.finished_setup.connect(self._welcome_closed)
        self.welcome.show()
        self.welcome.raise_()
        self.welcome.activateWindow()

    def _welcome_closed(self) -> None:
        if self.welcome is not None:
            self.welcome.deleteLater()
            self.welcome = None

    def open_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts (non-modal)."""
        if self.shortcuts_dialog is None:
            from pht_desktop.ui.shortcuts import ShortcutsDialog  # on first use: start-up

            self.shortcuts_dialog = ShortcutsDialog(self.menuBar(), self)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()

    def end_file_menu_with_quit(self) -> None:
        """Keep Quit last after features added their File actions."""
        self.file_menu.removeAction(self._quit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._quit_action)

    def _show_about(self) -> None:
        """Version, licence, where the data is, and the clinical sources (issue 8)."""
        from html import escape

        from pht_desktop.domain.guidance import DISCLAIMER
        from pht_desktop.domain.sources import CLINICAL_SOURCES

        sources = "".join(f"<li>{escape(source)}</li>" for source in CLINICAL_SOURCES)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About PHT Desktop"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<b>PHT Desktop {__version__}</b><br>"
            + self.tr("An offline companion for proximal hamstring tendinopathy rehab.")
            + "<br>"
            + self.tr("Your data: {path}").format(path=escape(str(self.services.database_path)))
            + "<br>"
            + self.tr("Licence: MIT. No network, no account.")
            + f"<br><br><i>{escape(DISCLAIMER)}</i><br><br>"
            + self.tr("Clinical sources:")
            + f"<ul>{sources}</ul>"
        )
        self.about_box = box
        box.open()

    def _restore_geometry(self) -> None:
        geometry = self._qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(960, 720)

    def save_geometry(self) -> None:
        """Written only when it changed: each write syncs a file, and one quit asks
        up to three times (the app, the window's close, the app again)."""
        geometry = self.saveGeometry()
        if self._qsettings.value("window/geometry") == geometry:
            return
        self._qsettings.setValue("window/geometry", geometry)
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
