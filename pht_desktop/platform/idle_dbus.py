"""Idle time from desktop services on the session bus (works on Wayland, unlike X11).

GNOME: ``org.gnome.Mutter.IdleMonitor`` ``GetIdletime`` (milliseconds, uint64).
KDE: ``org.freedesktop.ScreenSaver`` ``GetSessionIdleTime`` (milliseconds on KDE; GNOME
answers this one with an error, which the probe turns into "skip").
"""

from __future__ import annotations

import logging

from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

from pht_desktop.platform.idle import IdleUnavailableError

log = logging.getLogger(__name__)

_TIMEOUT_MS = 500  # called on the GUI thread on every scheduler tick: keep it short


class _DBusIdle:
    """Calls one argument-less method that returns milliseconds of idle time."""

    name = "dbus"
    _service = ""
    _path = ""
    _interface = ""
    _method = ""

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self._bus = QDBusConnection.sessionBus() if bus is None else bus
        if not self._bus.isConnected():
            raise IdleUnavailableError(f"no session bus: {self._bus.lastError().message()}")
        self._warned = False

    def seconds_since_input(self) -> float | None:
        msg = QDBusMessage.createMethodCall(
            self._service, self._path, self._interface, self._method
        )
        reply = self._bus.call(msg, QDBus.CallMode.Block, _TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            if not self._warned:  # once: this runs every few seconds
                log.debug("%s failed: %s", self.name, reply.errorMessage())
                self._warned = True
            return None
        args = reply.arguments()
        if not args or not isinstance(args[0], int) or args[0] < 0:
            return None
        return args[0] / 1000.0


class MutterIdle(_DBusIdle):
    """GNOME Shell (X11 and Wayland)."""

    name = "gnome-mutter-idlemonitor"
    _service = "org.gnome.Mutter.IdleMonitor"
    _path = "/org/gnome/Mutter/IdleMonitor/Core"
    _interface = "org.gnome.Mutter.IdleMonitor"
    _method = "GetIdletime"


class ScreenSaverIdle(_DBusIdle):
    """KDE Plasma (and others implementing the freedesktop screensaver interface)."""

    name = "freedesktop-screensaver"
    _service = "org.freedesktop.ScreenSaver"
    _path = "/ScreenSaver"
    _interface = "org.freedesktop.ScreenSaver"
    _method = "GetSessionIdleTime"
