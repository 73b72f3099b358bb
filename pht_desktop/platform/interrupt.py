"""Ctrl-C in a terminal quits cleanly, without a polling timer.

Python runs signal handlers only when the interpreter gets control, and Qt's event
loop may sleep for a long time (the app wakes rarely to save CPU). The signal's
wakeup fd writes a byte to a socket that Qt watches, which hands control back to
Python at once.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class InterruptHandler(QObject):
    """Calls ``on_interrupt`` on SIGINT (and SIGTERM where it exists)."""

    def __init__(self, on_interrupt: Callable[[], None]) -> None:
        super().__init__()
        self._on_interrupt = on_interrupt
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for name in ("SIGINT", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is not None:
                signal.signal(number, self._handle)

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _handle(self, _signum: int, _frame: object) -> None:
        self._on_interrupt()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
