"""Tell the app when the machine is about to sleep and when it has woken up.

On Linux, logind broadcasts ``PrepareForSleep(true)`` before suspend and
``PrepareForSleep(false)`` after resume on the system bus. Elsewhere, or without a
system bus (containers, bare machines), :class:`SleepWatcher` stays silent and says so
through :attr:`SleepWatcher.available`; the scheduler then relies on wall-clock gaps.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

log = logging.getLogger(__name__)

LOGIN1_SERVICE = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"


class SleepWatcher(QObject):
    """Re-emits logind's ``PrepareForSleep`` as :attr:`about_to_sleep` / :attr:`resumed`."""

    about_to_sleep = Signal()
    resumed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        platform: str | None = None,
        bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self._available = False
        self._reason = ""
        platform = sys.platform if platform is None else platform
        if not platform.startswith("linux"):
            self._reason = f"no logind on {platform}"
        else:
            bus = QDBusConnection.systemBus() if bus is None else bus
            if not bus.isConnected():
                self._reason = f"no system bus: {bus.lastError().message()}"
            elif not bus.connect(  # type: ignore[call-overload]  # stub: bytes; runtime: SLOT() str
                LOGIN1_SERVICE,
                LOGIN1_PATH,
                LOGIN1_MANAGER,
                "PrepareForSleep",
                "b",
                self,
                SLOT("_on_prepare_for_sleep(QDBusMessage)"),
            ):
                self._reason = f"cannot subscribe: {bus.lastError().message()}"
            else:
                self._available = True
        if self._available:
            log.info("sleep/resume notices: logind PrepareForSleep")
        else:
            log.info("sleep/resume notices unavailable (%s); using clock gaps", self._reason)

    @property
    def available(self) -> bool:
        """Whether sleep/resume signals will ever be emitted."""
        return self._available

    @property
    def reason(self) -> str:
        """Why not, when :attr:`available` is False (for logs and the About box)."""
        return self._reason

    @Slot(QDBusMessage)
    def _on_prepare_for_sleep(self, message: QDBusMessage) -> None:
        args = message.arguments()
        if args and isinstance(args[0], bool):
            self.handle_prepare_for_sleep(args[0])

    def handle_prepare_for_sleep(self, sleeping: bool) -> None:
        """Translate one ``PrepareForSleep`` value (public so tests can drive it)."""
        if sleeping:
            self.about_to_sleep.emit()
        else:
            self.resumed.emit()
