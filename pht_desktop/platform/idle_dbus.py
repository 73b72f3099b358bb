"""Idle time from desktop services on the session bus (works on Wayland, unlike X11).

GNOME: ``org.gnome.Mutter.IdleMonitor`` ``GetIdletime`` (milliseconds, uint64).
KDE: ``org.freedesktop.ScreenSaver`` ``GetSessionIdleTime`` (milliseconds on KDE; GNOME
answers this one with an error, which the probe turns into "skip").

The call runs on the bus worker. A reading waits a few milliseconds for the answer (a
desktop answers in well under one); a slow desktop gets the last answer aged by the time
since, so the GUI thread never waits longer than ``WAIT_S``.
"""

from __future__ import annotations

import logging
import threading
import time

from jeepney import DBusAddress

from pht_desktop.platform.dbus import BusWorker, session_bus
from pht_desktop.platform.idle import IdleUnavailableError

log = logging.getLogger(__name__)

WAIT_S = 0.01
"""How long a reading on the GUI thread waits for the bus."""
PROBE_WAIT_S = 2.0
"""The probe (made off the GUI thread, see ``IdleChosenInBackground``) may wait this long."""


class _DBusIdle:
    """Calls one argument-less method that returns milliseconds of idle time."""

    name = "dbus"
    _service = ""
    _path = ""
    _interface = ""
    _method = ""

    def __init__(self, bus: BusWorker | None = None) -> None:
        bus = bus if bus is not None else session_bus()
        if bus is None:
            raise IdleUnavailableError("no session bus")
        self._bus = bus
        self._address = DBusAddress(self._path, self._service, self._interface)
        self._lock = threading.Lock()
        self._last: tuple[float, float] | None = None  # (idle seconds, monotonic when read)
        self._pending: threading.Event | None = None
        self._warned = False

    def probe(self) -> float | None:
        """The selection's first reading (off the GUI thread): waits for the connection."""
        return self._reading(PROBE_WAIT_S)

    def seconds_since_input(self) -> float | None:
        return self._reading(WAIT_S)

    def _reading(self, wait: float) -> float | None:
        with self._lock:
            done = self._pending
            if done is None:
                done = self._pending = threading.Event()
                self._bus.submit(lambda: self._read(done))
        done.wait(wait)
        with self._lock:
            last = self._last
        if last is None:
            return None
        seconds, when = last
        return seconds + max(0.0, time.monotonic() - when)

    def _read(self, done: threading.Event) -> None:
        """On the worker: one call; the answer (or nothing) for the next reading."""
        try:
            (millis,) = self._bus.call(self._address, self._method)
            value = float(millis) / 1000.0 if isinstance(millis, int) and millis >= 0 else None
        except Exception as exc:
            if not self._warned:  # once: this runs every few seconds
                log.debug("%s failed: %s", self.name, exc)
                self._warned = True
            value = None
        with self._lock:
            self._last = None if value is None else (value, time.monotonic())
            self._pending = None
        done.set()


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
