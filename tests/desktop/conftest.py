"""The break tests' controller, fake idle source and simulated user, shared here."""

from __future__ import annotations

from tests.breaks.conftest import (
    chime,
    controller,
    idle,
    notifier,
    quiet,
    sleep_watcher,
    tray,
    user,
)

__all__ = ["chime", "controller", "idle", "notifier", "quiet", "sleep_watcher", "tray", "user"]
