"""How long since the user last touched keyboard or mouse, whatever the platform.

The break scheduler uses this to tell "sitting at the desk" from "away". Every backend
can fail (no display, a Wayland compositor without an idle API, a sandbox), so the
selection tries candidates in a platform-specific order, validates each with one probe,
and ends in :class:`UnknownIdle`, which makes the scheduler fall back to plain timers.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

from pht_desktop.platform.bus_address import session_bus_address

log = logging.getLogger(__name__)


class IdleUnavailableError(RuntimeError):
    """Raised by a backend's constructor when it cannot work on this machine."""


@runtime_checkable
class IdleSource(Protocol):
    """Seconds since the last user input; ``None`` when it cannot be known right now."""

    name: str

    def seconds_since_input(self) -> float | None: ...


class UnknownIdle:
    """The fallback: never knows, never fails."""

    name = "unknown"

    def seconds_since_input(self) -> float | None:
        return None


IdleFactory = Callable[[], IdleSource]

WINDOWS = "windows"
MACOS = "macos"
X11 = "x11"
MUTTER = "gnome-mutter"
SCREENSAVER = "freedesktop-screensaver"


def _windows() -> IdleSource:
    from pht_desktop.platform.idle_windows import WindowsIdle

    return WindowsIdle()


def _macos() -> IdleSource:
    from pht_desktop.platform.idle_macos import MacIdle

    return MacIdle()


def _x11() -> IdleSource:
    from pht_desktop.platform.idle_x11 import X11Idle

    return X11Idle()


def _mutter() -> IdleSource:
    from pht_desktop.platform.idle_dbus import MutterIdle

    return MutterIdle()


def _screensaver() -> IdleSource:
    from pht_desktop.platform.idle_dbus import ScreenSaverIdle

    return ScreenSaverIdle()


#: The real backends, imported lazily so that e.g. the Windows module never loads on Linux.
DEFAULT_FACTORIES: Mapping[str, IdleFactory] = {
    WINDOWS: _windows,
    MACOS: _macos,
    X11: _x11,
    MUTTER: _mutter,
    SCREENSAVER: _screensaver,
}


def idle_candidates(platform: str, env: Mapping[str, str]) -> list[str]:
    """The backends worth trying, best first (pure: depends only on its arguments).

    On Wayland the X11 extension is skipped on purpose: through XWayland it only sees
    input sent to X clients, so it would report "idle" while the user types elsewhere.
    """
    if platform == "win32":
        return [WINDOWS]
    if platform == "darwin":
        return [MACOS]
    session = env.get("XDG_SESSION_TYPE", "").strip().lower()
    wayland = session == "wayland" or (session != "x11" and bool(env.get("WAYLAND_DISPLAY")))
    x11 = session == "x11" or (not wayland and bool(env.get("DISPLAY")))
    desktops = {d.strip().upper() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":")}
    kde = "KDE" in desktops
    dbus = [SCREENSAVER, MUTTER] if kde else [MUTTER, SCREENSAVER]
    if session_bus_address(env) is None:
        dbus = []  # no session bus to ask (a bare X server, a container): nothing loaded
    return [X11, *dbus] if x11 else dbus


def choose_idle_source(
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
    factories: Mapping[str, IdleFactory] | None = None,
) -> IdleSource:
    """Return the first candidate that constructs and answers a probe; else :class:`UnknownIdle`.

    Call it after the ``QApplication`` exists (the D-Bus backends need one). ``factories``
    replaces the real backends, so tests can check the selection without any of them.
    """
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    factories = DEFAULT_FACTORIES if factories is None else factories
    for key in idle_candidates(platform, env):
        factory = factories.get(key)
        if factory is None:
            continue
        try:
            source = factory()
            # A backend may offer a patient first reading (its connection is new).
            probe = getattr(source, "probe", source.seconds_since_input)()
        except Exception as exc:  # any backend failure just means "try the next one"
            log.debug("idle source %s unavailable: %s", key, exc)
            continue
        if probe is None:
            log.debug("idle source %s gave no answer to its probe", key)
            continue
        log.info("idle source: %s (probe %.1f s)", source.name, probe)
        return source
    log.info("idle source: unknown (no backend works here); breaks use plain timers")
    return UnknownIdle()


class IdleChosenInBackground:
    """Chooses the backend on a worker thread: the probes may wait on the desktop.

    Until the choice is made (usually within milliseconds) it answers None, which the
    scheduler reads as "unknown"; then every reading goes to the chosen backend.
    """

    def __init__(self, choose: Callable[[], IdleSource] = choose_idle_source) -> None:
        self._source: IdleSource | None = None
        self.name = "choosing"
        self._done = threading.Event()
        self._choose = choose
        threading.Thread(target=self._run, name="pht-idle-choice", daemon=True).start()

    def _run(self) -> None:
        try:
            self._source = self._choose()
        except Exception:  # the selection itself never raises; this is belt and braces
            log.exception("idle source selection failed")
            self._source = UnknownIdle()
        self.name = self._source.name
        self._done.set()

    def wait_chosen(self, timeout: float) -> bool:
        """For tests and tools: wait until the choice is made."""
        return self._done.wait(timeout)

    def seconds_since_input(self) -> float | None:
        source = self._source
        return None if source is None else source.seconds_since_input()
