"""``--smoke``: prove a build really starts, and measure how fast it paints."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, started: float, done: Callable[[], None]) -> None:
        super().__init__()
        self._started = started
        self._done = done
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        elapsed_ms = (time.time() - self._started) * 1000
        print(f"startup_ms={elapsed_ms:.0f}", flush=True)
        self._done()


def report_first_paint(window: QWidget, started: float, done: Callable[[], None]) -> None:
    """Print ``startup_ms=N`` once ``window`` has painted, then call ``done``."""
    watcher = _FirstPaint(started, done)
    watcher.setParent(window)
    window.installEventFilter(watcher)
