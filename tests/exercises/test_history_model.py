"""The history table model passes Qt's model checks and follows the service (R3.2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import Load, RunDraft, SessionDraft, SetEntry
from pht_desktop.services.exercises import HistoryFilter
from pht_desktop.services.registry import Services
from pht_desktop.ui.history_model import COLUMNS, HistoryModel
from tests.exercises.helpers import check_model, exercise_id


def test_model_checked_by_qtmodeltester_and_refilled_on_changed(
    qtmodeltester: ModelTester, services: Services, clock: FakeClock
) -> None:
    model = HistoryModel(services.exercises)
    check_model(qtmodeltester, model)
    assert model.rowCount() == 0
    services.exercises.log_session(
        SessionDraft(
            exercise_id(services, "hip-thrust"),
            clock.now(),
            (SetEntry(10, None, 120),) * 3,
            Load.weight(40),
            effort_value=8,
            pain_during=3,
            note="ok",
        )
    )
    clock.advance(3600)
    services.exercises.log_run(RunDraft(clock.now(), 1500, 3.2))
    check_model(qtmodeltester, model)
    assert model.rowCount() == 2
    assert model.columnCount() == len(COLUMNS)
    run = [model.data(model.index(0, c)) for c in range(len(COLUMNS))]
    session = [model.data(model.index(1, c)) for c in range(len(COLUMNS))]
    assert run[1:5] == ["Run", "5", "25 min, 3.2 km", "run-walk"]
    assert session[1:] == ["Hip thrust", "3", "3 × 10", "40 kg", "effort 8/10", "3/10", "ok"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Date / time"
    model.set_filter(HistoryFilter(runs_only=True))
    check_model(qtmodeltester, model)
    assert model.rowCount() == 1
