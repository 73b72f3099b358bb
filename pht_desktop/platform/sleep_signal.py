"""Tell the app when the machine is about to sleep and when it has woken up.

On Linux, logind broadcasts ``PrepareForSleep(true)`` before suspend and
``PrepareForSleep(false)`` after resume on the system bus. :class:`SleepWatcher`
subscribes through the app's one D-Bus stack (``platform/dbus.py``, jeepney): the
connection and the ``AddMatch`` happen on the system bus's worker thread, so a missing or
hung bus never holds up the GUI thread. Until the worker reports, and for good
elsewhere or without a system bus (containers, bare machines), the watcher is silent
and says so through :attr:`SleepWatcher.available`; the scheduler then relies on
wall-clock gaps.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from pht_desktop.platform.bus_address import system_bus_absent

if TYPE_CHECKING:
    from jeepney import Message

    from pht_desktop.platform.dbus import BusWorker

log = logging.getLogger(__name__)

LOGIN1_SERVICE = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"
#: What :attr:`SleepWatcher.reason` says while the worker has not reported yet.
NOT_YET = "waiting for the system bus"


class SleepWatcher(QObject):
    """Re-emits logind's ``PrepareForSleep`` as :attr:`about_to_sleep` / :attr:`resumed`."""

    about_to_sleep = Signal()
    resumed = Signal()
    #: :attr:`available` and :attr:`reason` are final (on Linux, once the worker reports).
    settled = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        platform: str | None = None,
        bus: BusWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self._available = False
        self._reason = NOT_YET
        self._is_settled = False
        platform = sys.platform if platform is None else platform
        if not platform.startswith("linux"):
            self._settle(f"no logind on {platform}")
            return
        absent = system_bus_absent() if bus is None else None
        if absent is not None:
            self._settle(absent)  # a container or a bare machine: nothing to load
            return
        from jeepney import MatchRule  # jeepney is a Linux-only dependency

        from pht_desktop.platform.dbus import system_bus

        bus = system_bus() if bus is None else bus
        bus.watch(
            MatchRule(
                type="signal", interface=LOGIN1_MANAGER, member="PrepareForSleep", path=LOGIN1_PATH
            ),
            self._on_prepare_for_sleep,
            sender=LOGIN1_SERVICE,
            on_watching=self._subscribed,
        )

    @property
    def available(self) -> bool:
        """Whether sleep/resume signals will ever be emitted (False until settled)."""
        return self._available

    @property
    def reason(self) -> str:
        """Why not, when :attr:`available` is False (for logs and the About box)."""
        return self._reason

    @property
    def is_settled(self) -> bool:
        """Whether :attr:`available` and :attr:`reason` are final."""
        return self._is_settled

    def _subscribed(self, failure: Exception | None) -> None:
        """The worker's report (on the GUI thread): the subscription took, or why not."""
        from pht_desktop.platform.dbus import BusUnavailableError

        if failure is None or isinstance(failure, BusUnavailableError):
            self._settle(str(failure or ""))  # "no system bus at ...: ..." says it all
        else:
            self._settle(f"cannot subscribe: {str(failure) or type(failure).__name__}")

    def _settle(self, reason: str) -> None:
        """Final: available without a reason; logged once, as it always was."""
        self._available = not reason
        self._reason = reason
        self._is_settled = True
        if self._available:
            log.info("sleep/resume notices: logind PrepareForSleep")
        else:
            log.info("sleep/resume notices unavailable (%s); using clock gaps", self._reason)
        self.settled.emit()

    def _on_prepare_for_sleep(self, message: Message) -> None:
        body = message.body
        if body and isinstance(body[0], bool):
            self.handle_prepare_for_sleep(body[0])

    def handle_prepare_for_sleep(self, sleeping: bool) -> None:
        """Translate one ``PrepareForSleep`` value (public so tests can drive it)."""
        if sleeping:
            self.about_to_sleep.emit()
        else:
            self.resumed.emit()
