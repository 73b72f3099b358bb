"""Command line: the GUI by default, plus headless subcommands.

``--data-dir DIR`` is accepted before or after any subcommand.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

_IMPORT_TIME = time.time()


def process_start_time() -> float:
    """Wall time the process started (Linux /proc), else when this module loaded."""
    try:
        with open("/proc/self/stat") as stat_file:
            fields = stat_file.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        return time.time() - uptime + start_ticks / ticks_per_second
    except (OSError, ValueError, IndexError):
        return _IMPORT_TIME


def _add_common(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        metavar="DIR",
        help="folder holding the database (overrides PHT_DESKTOP_DATA_DIR)",
    )


def _add_gui_options(parser: argparse.ArgumentParser) -> None:
    _add_common(parser, top=True)
    parser.add_argument("--smoke", action="store_true", help="start, paint once, print startup_ms")
    parser.add_argument(
        "--autostart", action="store_true", help="started at login: open to the tray"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pht-desktop",
        description="Offline companion for proximal hamstring tendinopathy rehab.",
    )
    _add_gui_options(parser)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="open the app (default)")
    _add_common(run, top=False)
    from pht_desktop import cli

    cli.register_commands(sub, lambda p: _add_common(p, top=False))
    return parser


def _qt_application(smoke: bool) -> QApplication:
    """The QApplication, named and translated (a smoke run checks the plural forms)."""
    from PySide6.QtWidgets import QApplication

    from pht_desktop.paths import APP_ID, APP_NAME
    from pht_desktop.ui.i18n import install_translator

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    install_translator(qapp)
    if smoke:
        from pht_desktop.smoke import check_plurals

        check_plurals()
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(APP_NAME)
    qapp.setDesktopFileName(APP_ID)
    return qapp


def run_gui(args: argparse.Namespace) -> int:
    from pht_desktop.start_memory import (
        GC_BACKSTOP_MS,
        hold_collection_during_start,
        settle_after_start,
    )

    hold_collection_during_start()
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.logs import install_logging
    from pht_desktop.paths import resolve_paths

    paths = resolve_paths(args.data_dir)
    install_logging(paths.log_dir)
    from PySide6.QtCore import QTimer

    from pht_desktop.ui.pyside_import_hook import switch_off_feature_hook

    switch_off_feature_hook()  # before the app's own ~500 imports (start-up time)
    qapp = _qt_application(args.smoke)
    start_hidden = args.autostart and not args.smoke
    began = process_start_time() if args.smoke else 0.0
    splash = None
    if not start_hidden:
        from pht_desktop.ui.splash import show_splash

        splash = show_splash()  # on screen before SQLAlchemy and the app are imported
        if args.smoke:
            from pht_desktop.smoke import report_first_window

            report_first_window(began)
    from pht_desktop.app import Launcher
    from pht_desktop.ui.error_dialog import install_excepthook

    install_excepthook()
    launcher = Launcher(qapp, SystemClock(), start_hidden=start_hidden)
    if not args.smoke:
        # A second start brings the running window forward instead of opening the
        # database twice. (QtNetwork is loaded for it, so a smoke run skips it.)
        from pht_desktop.platform.single_instance import SingleInstance

        instance = SingleInstance(paths.data_dir)
        if not instance.acquire():
            print("PHT Desktop is already running: its window was brought forward.")
            return 0
        if instance.warning:
            print(f"pht-desktop: {instance.warning}", file=sys.stderr)
        launcher.single_instance = instance
    started = launcher.start(paths)
    if splash is not None:
        from pht_desktop.ui.splash import close_splash_after

        close_splash_after(splash, launcher.app.window if launcher.app else launcher.recovery)
    if launcher.app is not None:
        launcher.app.started.connect(settle_after_start)
        # A start that never reaches ready (a failure after the first paint) must not
        # leave the collector off for the whole session.
        QTimer.singleShot(GC_BACKSTOP_MS, settle_after_start)
    else:
        settle_after_start()  # the recovery dialog: nothing more to start
    if args.smoke and not started:
        print(f"pht-desktop: {launcher.failure}", file=sys.stderr)
        return launcher.exit_code
    from pht_desktop.platform.interrupt import InterruptHandler

    interrupt = InterruptHandler(lambda: launcher.app.quit() if launcher.app else qapp.quit())
    if args.smoke:
        from pht_desktop.smoke import quit_when_ready

        assert launcher.app is not None
        quit_when_ready(launcher.app, began)
    QTimer.singleShot(
        0, lambda: logging.getLogger("pht_desktop").info("started; Qt event loop running")
    )
    code = qapp.exec()
    interrupt.close()
    return code


def gui_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a plain GUI start, or None when ``argv`` holds anything else.

    Opening the app is by far the commonest command line, and the subcommands' parsers
    (the ``cli`` modules, ~0.4 MB) are not needed for it: they are built only when the
    arguments name a subcommand, ask for help or are not understood here.
    """
    parser = argparse.ArgumentParser(prog="pht-desktop", add_help=False, exit_on_error=False)
    _add_gui_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser says what is wrong, with its usage line
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = gui_arguments(argv) or build_parser().parse_args(argv)
    if args.command in (None, "run"):
        return run_gui(args)
    handler = args.handler
    result = handler(args)
    assert isinstance(result, int)
    return result


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing

        # A bundled app's run-import workers start here (PyInstaller's hook makes this
        # work on every OS); from source it does nothing, so its import is skipped.
        multiprocessing.freeze_support()
    sys.exit(main())
