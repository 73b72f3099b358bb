"""Issue 11 "Done when": for any history, Today, Ctrl+T and the report carry ONE plan.

Hypothesis writes a few weeks of history (stage, pathology stage, load days at varying
doses, pain during, mornings recorded or not) into a throw-away database per example,
through the services and the exercise rows as the log stores them, then opens the real
main window: the plan card's plan, the item Ctrl+T hands to the Exercises pane, and the
report's plan must all be the plan ``services.plan`` computes (R2.9, R2.10, R3.5, R3.10).
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.plan import PlanItem
from pht_desktop.services.registry import Services, build_services
from pht_desktop.services.report import default_range, gather_report
from pht_desktop.ui.main_window import MainWindow
from tests.conftest import START
from tests.morning.helpers import add_run, add_session

# Per stage, exercises a user at that stage logs (slug, sets, reps, hold seconds or None).
DOSES: dict[int, tuple[tuple[str, int, int, int | None], ...]] = {
    1: (("prone-hip-extension-hold", 5, 1, 40), ("standing-band-hip-extension-hold", 5, 1, 30)),
    2: (("hsr-double-leg-bridge", 3, 15, None), ("hsr-prone-hamstring-curl", 3, 12, None)),
    3: (("single-leg-rdl", 3, 10, None), ("hip-thrust", 3, 8, None)),
    4: (("deep-rdl", 3, 8, None), ("walking-lunge", 3, 10, None)),
    5: (("walking-lunge", 3, 10, None), ("single-leg-rdl", 3, 8, None)),
}

days = st.tuples(
    st.one_of(st.none(), st.integers(0, 6)),  # morning pain (None: not recorded)
    st.sampled_from(["rest", "first", "second", "run"]),  # what was done that day
    st.one_of(st.none(), st.integers(0, 8)),  # pain during
    st.sampled_from([0.0, 20.0, 22.5]),  # load in kg (0: body weight)
)
"""One lived day of the history."""


def _write_history(
    services: Services,
    stage: int,
    pathology: str,
    story: list[tuple[int | None, str, int | None, float]],
) -> None:
    today = START.date()
    first = today - timedelta(days=len(story))
    services.morning.set_baseline(3, first - timedelta(days=1))
    if stage > 1:
        services.profile.set_stage(stage, first - timedelta(days=1))
    services.profile.set_pathology_stage(pathology, first - timedelta(days=1))
    for offset, (morning, done, during, kg) in enumerate(story):
        day = first + timedelta(days=offset)
        if morning is not None:
            services.morning.record_morning(day, morning, replace=True)
        if done == "run":
            add_run(services, day, pain_during=during)
        elif done != "rest":
            slug, sets, reps, hold_s = DOSES[stage][0 if done == "first" else 1]
            add_session(
                services,
                day,
                slug=slug,
                sets=sets,
                reps=reps,
                hold_s=hold_s,
                pain_during=during,
                load_kg=kg if hold_s is None and kg else None,
            )


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    story=st.lists(days, min_size=7, max_size=18),
    stage=st.integers(1, 5),
    pathology=st.sampled_from(["unknown", "reactive", "degenerative"]),
)
def test_today_ctrl_t_and_the_report_show_one_plan_for_any_history(
    qtbot: QtBot,
    template_db: Path,
    tmp_path_factory: pytest.TempPathFactory,
    story: list[tuple[int | None, str, int | None, float]],
    stage: int,
    pathology: str,
) -> None:
    folder = tmp_path_factory.mktemp("one-plan")
    db_path = folder / "pht-desktop.sqlite3"
    shutil.copyfile(template_db, db_path)  # a throw-away, migrated database per example
    services = build_services(db_path, FakeClock(START))
    window: MainWindow | None = None
    try:
        _write_history(services, stage, pathology, story)
        plan = services.plan.today_plan()
        window = MainWindow(services, QSettings(str(folder / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        card = window.today.plan
        assert card.plan == plan  # what Today shows
        assert card.headline.text() == plan.headline
        opened: list[PlanItem] = []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(window.exercises_pane, "start_planned", opened.append)
            window.hold_action.trigger()  # Ctrl+T
        assert opened == ([plan.first] if plan.first is not None else [])
        assert card.plan == plan  # Ctrl+T asked again and got the same plan
        report = gather_report(services, *default_range(services))
        assert report.plan == plan  # what the report prints
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        services.close()
