"""Small shared helpers for the exercise tests."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester

from pht_desktop.services.registry import Services


def exercise_id(services: Services, slug: str) -> int:
    """The database id of a built-in exercise."""
    for info in services.exercises.catalogue(include_archived=True):
        if info.slug == slug:
            return info.id
    raise KeyError(slug)


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """pytest-qt's model checks (typed wrapper)."""
    tester.check(model)  # type: ignore[no-untyped-call]
