"""Shared fixtures: offscreen Qt, a fake clock, one throw-away database per test.

The template database is migrated once per run and copied for each test, so every
test starts from a real, fully migrated schema without paying for Alembic each time.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store.db import open_database
from pht_desktop.ui import ask
from pht_desktop.ui.i18n import install_english_plurals

# A Monday morning, in UTC so tests do not depend on the machine's timezone.
START = datetime.fromisoformat("2026-03-02T09:00:00+00:00")


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> None:
    """The English plural forms, as the app installs them at start ("1 minute")."""
    assert install_english_plurals(qapp), "resources/translations/pht-desktop_en.qm is missing"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    sessions = open_database(path)
    bind = sessions.kw["bind"]
    bind.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    target = tmp_path / "data" / "pht-desktop.sqlite3"
    target.parent.mkdir(mode=0o700)
    shutil.copyfile(template_db, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def services(db_path: Path, clock: FakeClock) -> Iterator[Services]:
    built = build_services(db_path, clock)
    yield built
    built.close()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


class Answers:
    """Records questions asked through ``ui.ask`` and answers them at once."""

    def __init__(self) -> None:
        self.reply = True
        self.asked: list[str] = []

    def __call__(
        self, parent: QWidget | None, title: str, text: str, on_answer: Callable[[bool], None]
    ) -> None:
        self.asked.append(text)
        on_answer(self.reply)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """No test ever blocks on a modal question."""
    stub = Answers()
    monkeypatch.setattr(ask, "ask_hook", stub)
    return stub
