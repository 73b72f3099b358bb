"""Should a break prompt wait now? Do-not-disturb or a full-screen window say so."""

from __future__ import annotations

from pht_desktop.platform.fullscreen import foreground_is_fullscreen
from pht_desktop.platform.notifications import dnd_active


def quiet_reason() -> str | None:
    """Why a prompt should wait now ('dnd', 'fullscreen'), or None (best effort)."""
    if dnd_active():
        return "dnd"
    if foreground_is_fullscreen():
        return "fullscreen"
    return None
