"""Should a break prompt wait now? Do-not-disturb or a full-screen window say so."""

from __future__ import annotations

from typing import Protocol

from pht_desktop.platform.fullscreen import foreground_is_fullscreen


class DoNotDisturb(Protocol):
    """What the notification server last said about do-not-disturb (None: unknown)."""

    def active(self) -> bool | None: ...


class QuietReason:
    """Why a prompt should wait now ('dnd', 'fullscreen'), or None (best effort).

    Answers at once: do-not-disturb comes from what the watcher last heard from the
    notification server (``notifications_dbus.DndWatcher``), never from a call made now.
    Without a session bus there is no watcher, and only a full-screen window counts.
    """

    def __init__(self, dnd: DoNotDisturb | None) -> None:
        self._dnd = dnd

    def __call__(self) -> str | None:
        if self._dnd is not None and self._dnd.active():
            return "dnd"
        if foreground_is_fullscreen():
            return "fullscreen"
        return None
