"""What the windows need from the desktop, as interfaces; ``app.py`` hands in the adapters.

The ui never imports ``pht_desktop.platform``: the composition root builds the real
adapters (idle time, notifications, do-not-disturb, start at login, the chime) and passes them to
the widgets and the break controller, and tests pass fakes the same way. Each interface
here is structural (a ``Protocol``), so the platform classes satisfy it without knowing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol


class IdleSource(Protocol):
    """Seconds since the last keyboard or mouse input; ``None`` when it cannot be known."""

    name: str

    def seconds_since_input(self) -> float | None: ...


class Notifications(Protocol):
    """Shows and withdraws desktop notifications; never raises (a chain of adapters)."""

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> str | None: ...

    def close(self, key: str) -> None: ...


class StartAtLogin(Protocol):
    """Whether the app starts when the user logs in; the adapter knows the command line."""

    def is_enabled(self) -> bool: ...

    def enable(self) -> None: ...

    def disable(self) -> None: ...


class Chime(Protocol):
    """The app's one short sound (end of a hold, a tempo beat, a stand prompt)."""

    def play(self) -> None: ...


class QtBeep:
    """Qt's own beep: the chime of windows built without the desktop (tests, fallbacks)."""

    def play(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.beep()


#: The chime of any window built without a desktop's (stateless, so one is shared).
QT_BEEP: Chime = QtBeep()


#: Why a break prompt should wait now ("dnd", "fullscreen"), or None: ask the desktop.
QuietCheck = Callable[[], str | None]


class NoStartAtLogin:
    """For windows built without the desktop (tests, the i18n check): never enabled."""

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        raise OSError("start at login is not available here")

    def disable(self) -> None:
        return None
