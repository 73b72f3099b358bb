"""The stack's floor: a bare QMainWindow with four tabs, PySide6 + SQLAlchemy imported.

Prints ``startup_ms=N`` (process start to first paint) like ``pht-desktop --smoke``.
"""

from __future__ import annotations

import sys
import time

import sqlalchemy.orm  # noqa: F401  (the floor includes the ORM import)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

from pht_desktop.__main__ import process_start_time


class FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"startup_ms={(time.time() - process_start_time()) * 1000:.0f}", flush=True)
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("Today", "Exercises", "Progress", "Settings"):
        tabs.addTab(QLabel(name), name)
    window.setCentralWidget(tabs)
    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
