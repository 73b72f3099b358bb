"""Scaffold for the exercise catalogue, log and history (issue 4); replaced by that issue's work."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from pht_desktop.services.registry import Services


class ExercisesPane(QWidget):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        QVBoxLayout(self)
