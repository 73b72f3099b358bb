"""``--smoke``: prove a build really starts, and measure how fast it paints and is ready.

Prints ``startup_ms=N`` (process start → the main window's first paint) and, when the
rest of the app has started too (break controller, reminders, data menu), ``ready_ms=M``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pht_desktop.ui.first_paint import on_first_paint


def check_plurals() -> None:
    """The English plural forms were found (in a bundle too): "1 minute", not "1 minute(s)"."""
    from pht_desktop.ui.durations import minutes_text

    shown = minutes_text(60), minutes_text(120)
    if shown != ("1 minute", "2 minutes"):
        raise SystemExit(f"smoke: plural forms not loaded, got {shown}")
    print("plurals=ok", flush=True)


def report_ready(started: float) -> None:
    """Print ``ready_ms=M``: process start to the app fully started."""
    print(f"ready_ms={(time.time() - started) * 1000:.0f}", flush=True)


def report_first_paint(window: QWidget, started: float, done: Callable[[], None]) -> None:
    """Print ``startup_ms=N`` once ``window`` has painted, then call ``done``."""

    def report() -> None:
        print(f"startup_ms={(time.time() - started) * 1000:.0f}", flush=True)
        done()

    on_first_paint(window, report)
