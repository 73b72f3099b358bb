"""The composition root: builds clock, store, services, tray and windows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from pht_desktop.domain import setting_specs
from pht_desktop.domain.clock import Clock
from pht_desktop.domain.plan import BreakOffer, Plan
from pht_desktop.paths import AppPaths, ensure_private_dir, resolve_paths
from pht_desktop.resources import resource
from pht_desktop.services.registry import Services, build_services
from pht_desktop.startup_errors import explain
from pht_desktop.ui.first_paint import on_first_paint
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.ports import (
    QT_BEEP,
    Chime,
    IdleSource,
    Notifications,
    QtBeep,
    QuietCheck,
    StartAtLogin,
)
from pht_desktop.ui.theme import follow_system
from pht_desktop.ui.tray import Tray

if TYPE_CHECKING:
    from pht_desktop.platform.single_instance import SingleInstance

log = logging.getLogger(__name__)

#: The app's timer sleeps at least a second and at most this long (the morning
#: reminder's resolution; the break scheduler usually asks for 15 s).
MAX_SLEEP_S = 30.0
MIN_SLEEP_MS = 1000


class SleepNotices(Protocol):
    """What the app needs of a sleep watcher: two signals (the real one is logind's)."""

    @property
    def about_to_sleep(self) -> SignalInstance: ...

    @property
    def resumed(self) -> SignalInstance: ...


@dataclass
class Desktop:
    """Every operating-system adapter the app uses, built here and handed in.

    The windows and the break controller never build one themselves, so tests hand in
    fakes the same way. The ones that probe the desktop (idle source, notification
    server, logind) are factories, called after the first paint, off the start-up path.
    """

    start_at_login: StartAtLogin
    idle: Callable[[], IdleSource]
    notifier: Callable[[QSystemTrayIcon | None], Notifications]
    sleep: Callable[[QObject], SleepNotices]
    quiet: Callable[[], QuietCheck]
    chime: Callable[[], Chime] = QtBeep


def real_desktop(data_dir: Path) -> Desktop:
    """This machine's adapters; each one ends in a fallback that works everywhere."""
    from pht_desktop.platform.autostart import LoginEntry, autostart_for

    def idle() -> IdleSource:
        from pht_desktop.platform.idle import IdleChosenInBackground

        return IdleChosenInBackground()

    def notifier(tray: QSystemTrayIcon | None) -> Notifications:
        from pht_desktop.platform.notifications import default_notifiers

        return default_notifiers(tray)

    def sleep(parent: QObject) -> SleepNotices:
        from pht_desktop.platform.sleep_signal import SleepWatcher

        return SleepWatcher(parent)

    def quiet() -> QuietCheck:
        from pht_desktop.platform.notifications import desktop_session_bus
        from pht_desktop.platform.quiet import QuietReason

        bus = desktop_session_bus()
        if bus is None:
            return QuietReason(None)
        from pht_desktop.platform.notifications_dbus import DndWatcher

        return QuietReason(DndWatcher(bus))

    def chime() -> Chime:
        from pht_desktop.platform.sound import WavChime

        return WavChime(resource("sounds/chime.wav"), QT_BEEP.play)

    return Desktop(LoginEntry(autostart_for(), data_dir), idle, notifier, sleep, quiet, chime)


#: Sizes drawn as PNG, 16 px (a tray) to 512 px (a HiDPI dock): every size a desktop asks for.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The app's icon from its PNGs.

    The SVG is for installers and the desktop file: at run time it would load QtSvg and
    its image plugin (~2 MB of start-up memory) to draw what the PNGs already hold.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource(f"icons/pht-desktop-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    return icon


class PhtApp(QObject):
    """One running app: services, main window, optional tray, the tick timer.

    The window is built and shown first; everything it does not need to paint (the
    break controller, reminders, notifications, the data menu) is finished right after
    its first paint, and ``started`` is emitted then.
    """

    started = Signal()

    def __init__(
        self,
        qapp: QApplication,
        paths: AppPaths,
        clock: Clock,
        start_hidden: bool = False,
        single_instance: SingleInstance | None = None,
        desktop: Desktop | None = None,
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self.paths = paths
        self.desktop = desktop if desktop is not None else real_desktop(paths.data_dir)
        self.is_started = False
        self._waiting_for_welcome = False
        ensure_private_dir(paths.data_dir)
        self.services: Services = build_services(paths.database, clock)
        self.single_instance = single_instance
        if single_instance is not None:
            single_instance.show_requested.connect(self.show_window)
        follow_system(qapp, self.services.settings.value(setting_specs.APPEARANCE).value)
        qsettings = QSettings(str(Path(paths.data_dir) / "window.ini"), QSettings.Format.IniFormat)
        # The app's icon on every top-level window (prompt, "Were you up?", dialogs), not
        # only the main one: a generic icon made the prompt look foreign (issue 13).
        qapp.setWindowIcon(app_icon())
        self.window = MainWindow(
            self.services, qsettings, self.desktop.start_at_login, chime=self.desktop.chime()
        )
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
        self._connect_services()
        # Wakes the break scheduler and the morning reminder only when one has work:
        # each second during a stand, every 15 s while sitting, at most MAX_SLEEP_S apart.
        self.tick_timer = QTimer()
        self.tick_timer.setSingleShot(True)
        self.tick_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.tick_timer.timeout.connect(self._tick)
        self._show_at_start = not start_hidden or self.tray is None
        if self._show_at_start:
            on_first_paint(self.window, self._finish_start)
            self.show_window()
            if not self.window.today.morning.has_entry_today():
                # The first question of the day (R3): this morning's pain.
                self.window.today.morning.focus_checkin()
        else:
            QTimer.singleShot(0, self._finish_start)

    def _finish_start(self) -> None:
        """Everything the first paint does not need."""
        from pht_desktop.ui.break_controller import BreakController
        from pht_desktop.ui.data_menu import add_data_actions
        from pht_desktop.ui.morning_reminder import MorningReminder

        desktop = self.desktop
        self.notifier = desktop.notifier(self.tray.icon if self.tray is not None else None)
        self.breaks = BreakController(
            self.services,
            self.tray,
            idle_source=desktop.idle(),
            quiet_check=desktop.quiet(),
            notifier=self.notifier,
            chime=self.window.chime,
        )
        self.sleep = desktop.sleep(self)
        self.sleep.about_to_sleep.connect(self.breaks.on_sleep)
        self.sleep.resumed.connect(self.breaks.on_resume)
        # During a prompted stand the user may do their stage-1 hold right away.
        self.breaks.start_hold_requested.connect(self._start_hold_from_prompt)
        self.morning_reminder = MorningReminder(self.services)
        self.morning_reminder.remind.connect(
            lambda title, body: self.notifier.notify(title, body, "morning-check-in")
        )
        self.morning_reminder.day_changed.connect(self.services.morning.refresh)
        self.morning_reminder.day_changed.connect(self.services.measures.refresh)
        if self.tray is not None:
            checkin = QAction("Morning check-in…", self.tray.menu)
            checkin.triggered.connect(self.open_morning_checkin)
            self.tray.menu.insertAction(self.tray.feature_anchor, checkin)
            # Issue 11: the tray names and starts the same plan Today shows (Ctrl+T).
            plan_action = QAction("Today's plan", self.tray.menu)
            plan_action.triggered.connect(self._start_todays_plan)
            self.tray.menu.insertAction(self.tray.feature_anchor, plan_action)
            self.plan_action = plan_action
            card = self.window.today.plan
            card.plan_shown.connect(self._show_plan_in_tray)
            if card.plan is not None:
                self._show_plan_in_tray(card.plan)
        # A user action (I'm standing, snooze…) may need the next tick within a second.
        self.services.breaks.changed.connect(self._tick_within_a_second)
        self._tick()
        self.data_actions = add_data_actions(
            self.window.file_menu, self.services.data, self.window, services=self.services
        )
        # Runs from watch files: File ▸ Import runs…, drops, the watched folder (issue 14).
        from pht_desktop.ui.run_import import install_run_import

        self.run_import = install_run_import(self.window, self.services)
        self.window.end_file_menu_with_quit()
        # A daily backup, once the window is up (never in the way of start-up).
        QTimer.singleShot(3000, self._backup_if_due)
        if self._show_at_start:
            self.maybe_show_first_run()
            if self.window.welcome is not None:
                # A first start: no prompt on top of the unfinished welcome (issue 17).
                self._waiting_for_welcome = True
                self.window.welcome.finished_setup.connect(self._welcome_finished)
        self.is_started = True
        self.started.emit()

    def _welcome_finished(self) -> None:
        self._waiting_for_welcome = False
        self._tick()

    def _tick(self) -> None:
        if self.services.read_only or self._waiting_for_welcome:
            # Read-only: the break scheduler would only fail each write. The first
            # welcome: the scheduler is not ticked, so the first prompt comes once the
            # welcome is finished (issue 17).
            self.morning_reminder.check()
            self.tick_timer.start(int(MAX_SLEEP_S * 1000))
            return
        self.breaks.tick()
        self.morning_reminder.check()
        wait = min(self.breaks.seconds_until_due(), MAX_SLEEP_S)
        self.tick_timer.start(max(MIN_SLEEP_MS, int(wait * 1000)))

    def _tick_within_a_second(self) -> None:
        if self.tick_timer.remainingTime() > MIN_SLEEP_MS:
            self.tick_timer.start(MIN_SLEEP_MS)

    def maybe_show_first_run(self) -> None:
        """The welcome, on a new folder until it is finished or skipped once."""
        from pht_desktop.ui.first_run import welcome_is_due

        if welcome_is_due(self.services):
            self.window.open_welcome()

    def _connect_services(self) -> None:
        """Verdicts follow every write that changes load, pain or stage (the charts'
        service does the same when it is first built, ``Services.progress``)."""
        services = self.services
        services.exercises.changed.connect(services.morning.refresh)
        services.morning.stage_changed.connect(services.profile.changed)
        services.plan.changed.connect(services.profile.changed)  # a confirmed stage move

    def _show_plan_in_tray(self, plan: Plan) -> None:
        first = plan.first
        self.plan_action.setText(f"Today: {first.words}" if first else plan.headline)
        self.plan_action.setEnabled(first is not None)

    def _start_todays_plan(self) -> None:
        self.show_window()
        self.window.start_todays_exercise()

    def _start_hold_from_prompt(self, offer: BreakOffer) -> None:
        """The break's standing hold, at the dose that fits the break (issue 11)."""
        self.show_window()
        self.window.start_planned(offer.as_item())

    def open_morning_checkin(self) -> None:
        self.show_window()
        self.window.show_pane("Today")
        self.window.today.morning.focus_checkin()

    def _backup_if_due(self) -> None:
        if self.services.read_only:
            return
        try:
            made = self.services.data.backup_if_due()
        except Exception:
            log.exception("daily backup failed")
            return
        if made is not None:
            log.info("daily backup written to %s", made)

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
        if self.single_instance is not None:
            self.single_instance.release()
        self.window.save_geometry()
        self.tick_timer.stop()
        # Gone from the screen first: quitting feels instant, and no card re-reads
        # today's figures for a window that is closing.
        self.window.hide()
        self.services.breaks.stop()  # the open sitting bout ends as 'quit'
        if self.tray is not None:
            self.tray.icon.hide()
        self.qapp.quit()


class Launcher:
    """Opens the app; when the database cannot be opened, shows the recovery dialog.

    A damaged, unreadable or newer-version database is never touched silently: the
    user restores a backup (the current file is kept), picks another folder, or quits.
    """

    def __init__(self, qapp: QApplication, clock: Clock, start_hidden: bool) -> None:
        self.qapp = qapp
        self.clock = clock
        self.start_hidden = start_hidden
        self.app: PhtApp | None = None
        self.recovery: QWidget | None = None
        self.single_instance: SingleInstance | None = None
        self.failure = ""
        self.exit_code = 0
        """What a headless run exits with after :meth:`start` (startup_errors codes)."""

    def start(self, paths: AppPaths) -> bool:
        """True when the app is up; False when recovery is showing instead.

        Every failure (a refused database, a folder that cannot be used, anything
        unexpected) ends in the recovery dialog, never in a silent exit.
        """
        try:
            ensure_private_dir(paths.data_dir)
            self.app = PhtApp(self.qapp, paths, self.clock, self.start_hidden, self.single_instance)
        except Exception as error:
            self.exit_code, message = explain(error, paths.data_dir)
            self.failure = message
            log.error("cannot open %s: %s", paths.database, message)
            self._show_recovery(paths, message)
            return False
        self.exit_code = 0
        return True

    def _show_recovery(self, paths: AppPaths, message: str) -> None:
        from pht_desktop.services.data import list_backups, restore_database_file
        from pht_desktop.ui.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(
            message,
            lambda: list_backups(paths.database),
            lambda backup: restore_database_file(backup, paths.database, self.clock.now()),
        )
        dialog.setWindowIcon(app_icon())
        dialog.restored.connect(lambda _p: self._retry(paths))
        dialog.other_folder_chosen.connect(lambda folder: self._retry(resolve_paths(str(folder))))
        dialog.quit_requested.connect(self.qapp.quit)
        self.recovery = dialog
        dialog.show()

    def _retry(self, paths: AppPaths) -> None:
        if self.recovery is not None:
            self.recovery.close()
            self.recovery.deleteLater()
            self.recovery = None
        self.start(paths)
