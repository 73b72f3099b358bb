"""Scaffold: shows break prompts and the "Were you up?" question; replaced by issue 3."""

from __future__ import annotations

from PySide6.QtCore import QObject

from pht_desktop.services.registry import Services
from pht_desktop.ui.tray import Tray


class BreakController(QObject):
    def __init__(self, services: Services, tray: Tray | None) -> None:
        super().__init__()
        self.services = services
        self.tray = tray

    def tick(self) -> None:
        """Called once a second by the app's timer."""
