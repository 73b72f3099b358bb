"""Settings → Morning test & baseline through the real widgets (R3.1, R3.6, R3.7, R2.7)."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from pht_desktop.domain.morning import BaselineMode
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_settings_form import MorningSettingsForm
from tests.morning.helpers import d
from tests.qt_input import click, press, shown


@pytest.fixture
def form(qtbot: QtBot, services: Services) -> MorningSettingsForm:
    return shown(qtbot, MorningSettingsForm(services), (900, 900))


def test_own_test_is_stored_with_its_date(
    form: MorningSettingsForm, services: Services, qtbot: QtBot
) -> None:
    assert form.current_test.text() == "Pain sitting on a firm chair"
    form.test_kind.setCurrentIndex(form.test_kind.findData("other"))
    assert form.test_name.isEnabled()
    qtbot.keyClicks(form.test_name, "Hop test")  # type: ignore[no-untyped-call]
    form.test_date.setDate(QDate(2026, 3, 1))
    click(qtbot, form.change_test)
    current = services.morning.current_test()
    assert (current.key, current.since) == ("other:Hop test", d(1))
    assert form.current_test.text() == "Hop test (since 2026-03-01)"


def test_own_test_without_a_name_is_refused(
    form: MorningSettingsForm, services: Services, qtbot: QtBot
) -> None:
    form.test_kind.setCurrentIndex(form.test_kind.findData("other"))
    click(qtbot, form.change_test)
    assert form.test_error.isVisible()
    assert "name" in form.test_error.text()
    assert services.morning.test_history() == []


def test_walking_test(form: MorningSettingsForm, services: Services, qtbot: QtBot) -> None:
    form.test_kind.setCurrentIndex(form.test_kind.findData("walking"))
    assert not form.test_name.isEnabled()
    click(qtbot, form.change_test)
    assert services.morning.current_test().key == "walking"


def test_manual_baseline_and_history(
    form: MorningSettingsForm, services: Services, qtbot: QtBot
) -> None:
    assert form.history.item(0).text().startswith("No baseline yet")
    form.baseline_pain.setValue(4)
    form.baseline_date.setDate(QDate(2026, 2, 20))
    click(qtbot, form.set_baseline)
    form.baseline_pain.setValue(3)
    form.baseline_date.setDate(QDate(2026, 3, 1))
    click(qtbot, form.set_baseline)
    assert [(c.effective_date, c.pain) for c in services.morning.baselines()] == [
        (d(20, 2), 4),
        (d(1), 3),
    ]
    assert form.history.count() == 2
    assert form.history.item(0).text() == "2026-03-01  3/10  (set by hand)"


def test_derived_baseline(form: MorningSettingsForm, services: Services, qtbot: QtBot) -> None:
    click(qtbot, form.derive)
    assert form.derive_error.isVisible()
    assert "needs 3 mornings" in form.derive_error.text()
    assert services.morning.baselines() == []
    for day, pain in ((d(27, 2), 2), (d(28, 2), 5), (d(1), 3), (d(2), 0)):
        services.morning.record_morning(day, pain)
    click(qtbot, form.derive)
    assert not form.derive_error.isVisible()
    history = services.morning.baseline_history()
    assert [(r.change.effective_date, r.change.pain, r.source) for r in history] == [
        (d(1), 3, "derived")
    ]
    assert form.history.item(0).text() == "2026-03-01  3/10  (from your first mornings)"


def test_mode_progress_after_and_reminder(
    form: MorningSettingsForm, services: Services, qtbot: QtBot
) -> None:
    assert form.mode.currentData() == "fixed"
    press(qtbot, form.mode, Qt.Key.Key_Down)  # a user's choice emits "activated"
    assert services.morning.baseline_mode() is BaselineMode.PRE_LOAD
    assert "load day" in form.mode_why.text()
    assert form.progress_after.value() == 6
    form.progress_after.setValue(8)
    assert services.morning.progress_after() == 8
    assert form.reminder.time() == QTime(8, 0)
    form.reminder.setTime(QTime(7, 15))
    assert services.morning.reminder_time() == time(7, 15)


def test_showing_never_writes(form: MorningSettingsForm, services: Services) -> None:
    """A refresh sets the widgets with their signals held: no setting gets stored."""
    services.morning.refresh()
    form.refresh()
    with services.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT key FROM settings").fetchall()
    assert not {"baseline_mode", "progress_after", "morning_reminder_time"} & {r[0] for r in rows}
