"""Should a break prompt wait now? Do-not-disturb or a full-screen window say so."""

from __future__ import annotations

from pht_desktop.platform.fullscreen import foreground_is_fullscreen
from pht_desktop.platform.notifications import DndWatcher


class QuietReason:
    """Why a prompt should wait now ('dnd', 'fullscreen'), or None (best effort).

    Answers at once: do-not-disturb comes from what the watcher last heard from the
    notification server, never from a call made now.
    """

    def __init__(self, dnd: DndWatcher) -> None:
        self._dnd = dnd

    def __call__(self) -> str | None:
        if self._dnd.active():
            return "dnd"
        if foreground_is_fullscreen():
            return "fullscreen"
        return None
