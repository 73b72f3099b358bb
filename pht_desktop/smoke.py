"""``--smoke``: prove a build really starts, and measure how fast it paints and is ready.

Prints ``startup_ms=N`` (process start → the main window's first paint) and, when the
rest of the app has started too (break controller, reminders, data menu), ``ready_ms=M``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from pht_desktop.ui.first_paint import on_first_paint

if TYPE_CHECKING:
    from pht_desktop.app import PhtApp

#: A smoke run that is not ready by then exits with EXIT_SMOKE_TIMEOUT.
SMOKE_TIMEOUT_MS = 20000


def check_plurals() -> None:
    """The English plural forms were found (in a bundle too): "1 minute", not "1 minute(s)"."""
    from pht_desktop.ui.durations import minutes_text

    shown = minutes_text(60), minutes_text(120)
    if shown != ("1 minute", "2 minutes"):
        raise SystemExit(f"smoke: plural forms not loaded, got {shown}")
    print("plurals=ok", flush=True)


def report_first_window(started: float) -> None:
    """Print ``first_window_ms=N``: process start to the splash painted (the first window)."""
    print(f"first_window_ms={(time.time() - started) * 1000:.0f}", flush=True)


def report_ready(started: float) -> None:
    """Print ``ready_ms=M``: process start to the app fully started."""
    print(f"ready_ms={(time.time() - started) * 1000:.0f}", flush=True)


def report_first_paint(window: QWidget, started: float, done: Callable[[], None]) -> None:
    """Print ``startup_ms=N`` once ``window`` has painted, then call ``done``."""

    def report() -> None:
        print(f"startup_ms={(time.time() - started) * 1000:.0f}", flush=True)
        done()

    on_first_paint(window, report)


def quit_when_ready(app: PhtApp, began: float) -> None:
    """Report the first paint, then wait until the rest of the app has started (so the
    run proves the whole app comes up), report that and quit."""

    def ready_then_quit() -> None:
        report_ready(began)
        app.quit()

    def quit_once_started() -> None:
        if app.is_started:
            ready_then_quit()
        else:
            app.started.connect(ready_then_quit)

    report_first_paint(app.window, began, quit_once_started)
    from pht_desktop.startup_errors import EXIT_SMOKE_TIMEOUT  # SQLAlchemy: loaded by now

    QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: QCoreApplication.exit(EXIT_SMOKE_TIMEOUT))
