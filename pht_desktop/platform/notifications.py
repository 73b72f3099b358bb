"""Desktop notifications through adapters tried in order, ending in a silent fallback.

``DBusNotifier`` (freedesktop notifications: GNOME, KDE, XFCE, dunst, mako...; in
``notifications_dbus``) comes first where there is a session bus, then ``TrayNotifier``
(a tray balloon; Windows and macOS), then ``NullNotifier``. :class:`NotifierChain` tries
them one by one: an adapter that raises or returns False hands over to the next, and
nothing ever raises out of the chain; a missed reminder is bad, a crashed app is worse.

This module never imports jeepney: it is a Linux-only dependency, and Windows and macOS
must start without it. The D-Bus adapters are imported only when a session bus exists.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from pht_desktop.platform.bus_address import may_have_session_bus

if TYPE_CHECKING:
    from pht_desktop.platform.dbus import BusWorker

log = logging.getLogger(__name__)


@runtime_checkable
class Notifier(Protocol):
    """One way of showing a notification. ``key`` names what it is about (e.g. "break")."""

    name: str

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        """Show it; False (or an exception) means "not shown, try the next adapter"."""
        ...

    def close(self, key: str) -> None:
        """Withdraw the notification shown for ``key``, if the adapter can."""
        ...


Actions = Sequence[tuple[str, str]]


class TrayNotifier(QObject):
    """A tray balloon: used when D-Bus notifications are missing (Windows, macOS, no server)."""

    name = "tray"
    activated = Signal(str, str)

    def __init__(
        self,
        tray: QSystemTrayIcon | None,
        *,
        msecs: int = 15000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._msecs = msecs
        self._last_key: str | None = None
        if tray is not None:
            tray.messageClicked.connect(self._on_clicked)

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        # Balloons have no buttons: clicking one reports the "default" action.
        tray = self._tray
        if tray is None or not tray.isVisible() or not QSystemTrayIcon.supportsMessages():
            return False
        tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, self._msecs)
        self._last_key = key
        return True

    def close(self, key: str) -> None:
        """A balloon cannot be withdrawn; forget it so a late click does nothing."""
        if self._last_key == key:
            self._last_key = None

    @Slot()
    def _on_clicked(self) -> None:
        if self._last_key is not None:
            self.activated.emit(self._last_key, "default")


class NullNotifier:
    """Shows nothing and says it is done: the app's own window remains the reminder."""

    name = "none"

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        log.debug("notification not shown (no notifier): %s", title)
        return True

    def close(self, key: str) -> None:
        return None


class NotifierChain(QObject):
    """Tries each adapter in order; never raises; re-emits any adapter's ``activated``.

    An adapter that accepted a notification and failed later (``failed``, the D-Bus
    server did not answer) hands it to the adapters after it, as a refusal would have.
    """

    activated = Signal(str, str)

    def __init__(self, adapters: Sequence[Notifier], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._adapters = list(adapters)
        for index, adapter in enumerate(self._adapters):
            signal = getattr(adapter, "activated", None)
            if signal is not None:
                signal.connect(self.activated)
            failed = getattr(adapter, "failed", None)
            if failed is not None:
                failed.connect(partial(self._fall_back, index + 1))

    @property
    def adapters(self) -> list[Notifier]:
        return list(self._adapters)

    def notify(self, title: str, body: str, key: str, actions: Actions = ()) -> str | None:
        """Return the name of the adapter that took it, or None if none did."""
        return self._try(self._adapters, title, body, key, actions)

    def _fall_back(self, start: int, title: str, body: str, key: str, actions: Actions) -> None:
        self._try(self._adapters[start:], title, body, key, actions)

    @staticmethod
    def _try(
        adapters: Sequence[Notifier], title: str, body: str, key: str, actions: Actions
    ) -> str | None:
        for adapter in adapters:
            name = getattr(adapter, "name", type(adapter).__name__)
            try:
                if adapter.notify(title, body, key, actions):
                    return str(name)
                log.debug("notifier %s declined", name)
            except Exception as exc:
                log.warning("notifier %s failed: %s", name, exc)
        log.warning("no notifier could show %r", title)
        return None

    def close(self, key: str) -> None:
        """Withdraw ``key``'s notification everywhere it may have been shown."""
        for adapter in self._adapters:
            try:
                adapter.close(key)
            except Exception as exc:
                log.debug("notifier %s could not close %r: %s", adapter.name, key, exc)


def desktop_session_bus(platform: str | None = None) -> BusWorker | None:
    """The session-bus worker where there is a bus, else None with nothing imported
    (jeepney is not installed on Windows or macOS, and is not needed without a bus)."""
    if not may_have_session_bus(platform):
        return None
    from pht_desktop.platform.dbus import session_bus

    return session_bus()


def default_notifiers(
    tray: QSystemTrayIcon | None = None, bus: BusWorker | None = None
) -> NotifierChain:
    """D-Bus (where there is a session bus), then the tray, then nothing."""
    bus = bus if bus is not None else desktop_session_bus()
    adapters: list[Notifier] = [TrayNotifier(tray), NullNotifier()]
    if bus is not None:
        from pht_desktop.platform.notifications_dbus import DBusNotifier

        adapters.insert(0, DBusNotifier(bus=bus))
    return NotifierChain(adapters)
