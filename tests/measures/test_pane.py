"""The Measures pane (issue 15): the stopwatch and the tempo counter on the fake clock
record what they timed; VISA-H entry; the table's edit, delete and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.services.registry import Services
from pht_desktop.ui.measures_pane import MeasuresPane
from tests.conftest import Answers
from tests.qt_input import click, shown

TODAY = date(2026, 3, 2)


@pytest.fixture
def pane(qtbot: QtBot, services: Services) -> MeasuresPane:
    widget = shown(qtbot, MeasuresPane(services), (900, 1400))
    widget.beeps = 0  # type: ignore[attr-defined]

    def beep() -> None:
        widget.beeps += 1  # type: ignore[attr-defined]

    widget.beep = beep
    return widget


def stored(services: Services) -> list[Measure]:
    return services.measures.measures()


def test_stopwatch_times_the_sitting_and_records_it(
    qtbot: QtBot, pane: MeasuresPane, services: Services, clock: FakeClock
) -> None:
    click(qtbot, pane.sit_start)
    assert pane.stopwatch.running
    clock.advance(6 * 60)
    pane.tick()
    assert pane.sit_clock.text() == "06:00"
    clock.advance(6 * 60 + 30)
    pane.tick()
    click(qtbot, pane.sit_stop)
    assert pane.sit_minutes.value() == pytest.approx(12.5)
    assert not pane.sit_cap.isChecked()
    clock.advance(120)  # time after stopping does not count
    pane.tick()
    assert pane.sit_clock.text() == "12:30"
    click(qtbot, pane.sitting.save_button)
    [entry] = stored(services)
    assert (entry.kind, entry.day, entry.value, entry.reached_cap) == (
        MeasureKind.SITTING,
        TODAY,
        12.5,
        False,
    )


def test_stopwatch_stops_itself_at_30_minutes_without_pain(
    qtbot: QtBot, pane: MeasuresPane, services: Services, clock: FakeClock
) -> None:
    click(qtbot, pane.sit_start)
    clock.advance(31 * 60)  # a late tick still records exactly the cap
    pane.tick()
    assert not pane.stopwatch.running
    assert pane.sit_clock.text() == "30:00"
    assert pane.sit_cap.isChecked()
    assert pane.beeps == 1  # type: ignore[attr-defined]
    click(qtbot, pane.sitting.save_button)
    [entry] = stored(services)
    assert (entry.value, entry.reached_cap) == (30.0, True)
    assert entry.value_text() == "30 min (no pain)"


def test_tempo_counter_beeps_each_rep_and_records_both_sides(
    qtbot: QtBot, pane: MeasuresPane, services: Services, clock: FakeClock
) -> None:
    pane.tempo_spin.setValue(3)
    click(qtbot, pane.count_left)
    for _ in range(15):
        clock.advance(3)
        pane.tick()
    clock.advance(2)  # not yet the 16th beat
    pane.tick()
    assert pane.beeps == 15  # type: ignore[attr-defined]
    assert pane.count_label.text() == "15"
    click(qtbot, pane.count_stop)
    assert pane.left_reps.value() == 15
    click(qtbot, pane.count_right)
    clock.advance(36)  # one late tick catches up: 12 beats
    pane.tick()
    assert pane.beeps == 27  # type: ignore[attr-defined]
    click(qtbot, pane.count_stop)
    assert pane.right_reps.value() == 12
    pane.side_combo.setCurrentIndex(1)  # right is the painful side
    assert pane.symmetry_label.text() == (
        "Bridge symmetry 80 %: right (painful) 12 reps, left 15 reps."
    )
    click(qtbot, pane.bridge.save_button)
    [entry] = stored(services)
    assert (entry.left_reps, entry.right_reps, entry.painful_side, entry.tempo_s) == (
        15,
        12,
        Side.RIGHT,
        3,
    )
    assert entry.symmetry is not None
    assert entry.symmetry.percent == pytest.approx(80.0)


def test_bridge_with_no_reps_shows_the_error_and_saves_nothing(
    qtbot: QtBot, pane: MeasuresPane, services: Services
) -> None:
    click(qtbot, pane.bridge.save_button)
    assert pane.bridge.error.isVisible()
    assert "at least one side" in pane.bridge.error.text()
    assert stored(services) == []


def test_visa_entry_then_same_day_asks_and_replaces(
    qtbot: QtBot, pane: MeasuresPane, services: Services, answers: Answers
) -> None:
    pane.visa_spin.setValue(55)
    click(qtbot, pane.visa.save_button)
    pane.visa_spin.setValue(60)
    answers.reply = False
    click(qtbot, pane.visa.save_button)
    assert [m.value for m in stored(services)] == [55]
    answers.reply = True
    click(qtbot, pane.visa.save_button)
    assert len(answers.asked) == 2
    assert "already a visa-h entry" in answers.asked[0]
    assert [m.value for m in stored(services)] == [60]


def test_table_edit_delete_and_undo(qtbot: QtBot, pane: MeasuresPane, services: Services) -> None:
    services.measures.record(Measure(MeasureKind.VISA_H, date(2026, 2, 20), value=50))
    services.measures.record(Measure(MeasureKind.SITTING, TODAY, value=10))
    assert pane.model.rowCount() == 2
    assert pane.model.row_at(0).kind is MeasureKind.SITTING  # newest first
    pane.table.selectRow(1)
    click(qtbot, pane.edit_button)
    assert pane.visa.save_button.text() == "Save changes"
    assert pane.visa_spin.value() == 50
    pane.visa_spin.setValue(58)
    click(qtbot, pane.visa.save_button)
    assert [m.value for m in services.measures.measures(kind=MeasureKind.VISA_H)] == [58]
    pane.table.selectRow(0)
    click(qtbot, pane.delete_button)
    assert [m.kind for m in stored(services)] == [MeasureKind.VISA_H]
    assert pane.undo_button.isEnabled()
    click(qtbot, pane.undo_button)
    assert len(stored(services)) == 2
    click(qtbot, pane.undo_button)  # the edit
    assert [m.value for m in services.measures.measures(kind=MeasureKind.VISA_H)] == [50]
    assert "Undone" in pane.table_status.text()


def test_due_line_and_interval(pane: MeasuresPane, services: Services) -> None:
    assert pane.due_label.text().startswith("Outcome measures due: sitting tolerance")
    pane.interval_spin.setValue(4)
    assert services.measures.interval_weeks() == 4


def test_measures_model_passes_the_model_tester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    from pht_desktop.ui.measures_model import MeasuresModel

    services.measures.record(Measure(MeasureKind.VISA_H, TODAY, value=50))
    services.measures.record(
        Measure(MeasureKind.BRIDGE, TODAY, left_reps=20, right_reps=16, painful_side=Side.RIGHT,
                tempo_s=2)
    )  # fmt: skip
    model = MeasuresModel(services.measures)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Reading"


def test_settings_rehab_page_sets_the_reminder_with_undo(qtbot: QtBot, services: Services) -> None:
    from pht_desktop.ui.settings_pane import SettingsPane

    pane = shown(qtbot, SettingsPane(services))
    pane.show_page("Rehab")
    form = pane.measures
    form.interval.setValue(3)
    assert services.measures.interval_weeks() == 3
    assert "Measure reminder 2 → 3 weeks" in pane.undo_bar.label.text()
    form.interval.setValue(6)  # typed out of range: refused next to the field, not clamped
    assert form.error.isVisible()
    assert "1 to 4" in form.error.text()
    assert services.measures.interval_weeks() == 3
    click(qtbot, pane.undo_bar.undo_button)
    assert services.measures.interval_weeks() == 2
    assert form.interval.value() == 2


def test_running_checklist_strength_item_reads_the_bridge(qtbot: QtBot, services: Services) -> None:
    """R2.8 "strength similar left and right" shows the latest bridge symmetry (issue 15)."""
    from pht_desktop.ui.run_form import RunForm

    form = shown(qtbot, RunForm(services))
    lines = form.readiness_items.text().splitlines()
    strength = next(i for i, line in enumerate(lines) if "strength" in line.lower())
    assert "No single-leg bridge test yet" in lines[strength + 1]
    services.measures.record(
        Measure(MeasureKind.BRIDGE, TODAY, left_reps=20, right_reps=15, painful_side=Side.RIGHT,
                tempo_s=2)
    )  # fmt: skip
    lines = form.readiness_items.text().splitlines()
    assert lines[strength + 1].strip() == (
        "Bridge symmetry 75 %: right (painful) 15 reps, left 20 reps. "
        "On 2026-03-02: not yet similar (under 90 %)."
    )
