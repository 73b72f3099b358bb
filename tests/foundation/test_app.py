"""The composition root: first question of the day, wiring, and a clean quit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from pht_desktop.app import Desktop, PhtApp, real_desktop
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import SessionDraft, SetEntry
from pht_desktop.paths import AppPaths
from pht_desktop.platform.bus_address import system_bus_absent
from pht_desktop.platform.idle import UnknownIdle
from pht_desktop.platform.notifications import NotifierChain, NullNotifier
from pht_desktop.platform.sleep_signal import SleepWatcher
from pht_desktop.platform.sound import WavChime
from pht_desktop.services.demo import write_demo
from pht_desktop.services.registry import build_services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.measures_pane import MeasuresPane
from pht_desktop.ui.ports import NoStartAtLogin
from tests.python_run import smoke_start_then
from tests.sql_log import recorded_statements, selects_by_table


class SilentChime:
    def play(self) -> None:
        return None


def fake_desktop() -> Desktop:
    """No desktop at all: idle unknown, notifications dropped, no logind, never quiet."""
    chime = SilentChime()
    return Desktop(
        start_at_login=NoStartAtLogin(),
        idle=UnknownIdle,
        notifier=lambda _tray: NotifierChain([NullNotifier()]),
        sleep=lambda parent: SleepWatcher(parent, platform="test"),
        quiet=lambda: lambda: None,
        chime=lambda: chime,
    )


@pytest.fixture
def app(qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock) -> Iterator[PhtApp]:
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    built = PhtApp(qapp, paths, clock, desktop=fake_desktop())
    qtbot.waitUntil(lambda: built.is_started, timeout=5000)
    qtbot.addWidget(built.window)
    yield built
    built.tick_timer.stop()
    if built.window.welcome is not None:
        built.window.welcome.close()
    built.services.close()


def test_opens_on_the_morning_check_in_when_today_has_no_entry(app: PhtApp) -> None:
    assert app.window.isVisible()
    assert app.window.tabs.currentWidget() is app.window.today
    assert app.window.welcome is not None  # the first-run welcome is offered


def test_a_first_start_to_ready_imports_nothing_that_waits_for_first_use(tmp_path: Path) -> None:
    """Issue 16: a new folder is built without Alembic; panes, charts and dialogs that
    wait for the user stay unimported through the whole start (``--smoke`` to ready),
    and so do the run-file readers and the run import (nothing at start reads a run
    file; no watched folder is set); QtDBus is never loaded (~1.1 MB and a thread).

    The garbage collector is back on once the app is ready, with what start-up made frozen
    (``start_memory``): a collector left off would let every later cycle pile up."""
    waiting = (
        "alembic",
        "mako",
        "matplotlib",
        "pht_desktop.ui.exercises_pane",
        "pht_desktop.ui.shortcuts",
        "pht_desktop.domain.run_files",
        "pht_desktop.domain.run_flags",
        "pht_desktop.services.run_import",
        "pht_desktop.ui.run_importer",
        "statistics",
        "gzip",
        "PySide6.QtDBus",  # one D-Bus stack: jeepney, logind's sleep notices included
        "pht_desktop.cli",  # the subcommands' parsers: a plain start builds none
        "plistlib",  # the macOS launch agent
        "pht_desktop.ui.prompt_window",  # the break windows: built when a break is due
        "pht_desktop.ui.were_you_up",
        "pht_desktop.ui.stage_dialog",  # dialogs that open on a click
        "pht_desktop.ui.data_import",
        "ctypes",  # Windows' full-screen query (X11's idle time loads it on xcb only)
        # D-Bus: the start below has no session bus (and jeepney only for logind's
        # system bus, where this machine has one: a desktop's /run/dbus socket).
        "pht_desktop.platform.notifications_dbus",
        "pht_desktop.platform.idle_dbus",
        "pht_desktop.store.models",  # the ORM: start-up reads and writes Core tables
    ) + (("jeepney",) if system_bus_absent() is not None else ())
    printed = smoke_start_then(
        tmp_path,
        "import gc; print(gc.isenabled(), gc.get_freeze_count() > 50_000); "
        f"print(sorted(m for m in {waiting!r} if m in sys.modules))",
    )
    assert printed[-2:] == ["True True", "[]"]


def test_a_returning_users_start_maps_no_orm_class(tmp_path: Path, clock: FakeClock) -> None:
    """Issue 16: with twelve weeks of history, start to ready (and the quit that ends the
    open bout) reads and writes through the Core tables: the ORM's 16 classes, ~36 ms to
    map and configure, are mapped only by the first code that needs objects."""
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    paths.data_dir.mkdir(mode=0o700)
    story = build_services(paths.database, clock)
    write_demo(story.engine, clock.now().date(), clock.now())
    story.close()
    printed = smoke_start_then(
        paths.data_dir,
        "print('mapped' if 'pht_desktop.store.models' in sys.modules else 'not mapped')",
    )
    assert printed[-1] == "not mapped"


def test_start_up_leaves_the_charts_and_run_import_services_unbuilt(app: PhtApp) -> None:
    """Issue 16: the Progress and run-import services and their modules are built when
    first used."""
    assert "progress" not in vars(app.services)
    assert "run_import" not in vars(app.services)
    assert "importer" not in vars(app.run_import)


def test_logging_a_session_refreshes_verdicts_and_charts(
    app: PhtApp, qtbot: QtBot, clock: FakeClock
) -> None:
    exercise = next(e for e in app.services.exercises.catalogue() if e.stage == 1)
    draft = SessionDraft(exercise.id, clock.now(), (SetEntry(5, 40, 120),))
    with (
        qtbot.waitSignal(app.services.morning.changed, timeout=1000),
        qtbot.waitSignal(app.services.progress.changed, timeout=1000),
    ):
        app.services.exercises.log_session(draft)


def test_quit_closes_the_open_sitting_bout(app: PhtApp, clock: FakeClock) -> None:
    app.breaks.tick()
    clock.advance(10 * 60)
    app.breaks.tick()
    assert app.window.isVisible()
    with recorded_statements(app.services.engine) as quitting:
        app.quit()
    assert not app.window.isVisible(), "the window goes at once"
    bouts = app.services.breaks.bouts_on(clock.now().date())
    assert bouts
    assert bouts[-1].end_reason == "quit"
    # Ending the bout re-read no figures for the closing window (issue 16).
    assert not [s for s in quitting if s.startswith("SELECT stands.source")]


def test_the_app_timer_sleeps_while_sitting_and_wakes_for_a_stand(app: PhtApp) -> None:
    """Idle CPU (issue 3): no once-a-second wake-ups while the user just sits."""
    app._tick()
    assert app.tick_timer.remainingTime() > 5000
    app.services.breaks.stand_now()
    assert app.tick_timer.remainingTime() <= 1100  # a coarse timer: 5 % slack


def test_the_app_wires_the_adapters_it_is_handed(app: PhtApp, clock: FakeClock) -> None:
    """The composition root builds (or is handed) every adapter; the ui builds none."""
    assert isinstance(app.breaks.idle, UnknownIdle)
    assert app.window.autostart is app.desktop.start_at_login
    sleep = app.sleep
    assert isinstance(sleep, SleepWatcher)
    app.breaks.tick()
    clock.advance(10 * 60)
    app.breaks.tick()
    sleep.handle_prepare_for_sleep(True)
    bouts = app.services.breaks.bouts_on(clock.now().date())
    assert bouts[-1].end_reason == "sleep"


def test_one_chime_from_the_desktop_reaches_every_sound(app: PhtApp) -> None:
    """The stand prompt, the hold timer and the tempo counter play the desktop's chime."""
    chime = app.window.chime
    assert isinstance(chime, SilentChime)
    assert app.breaks.chime is chime
    exercises = app.window.exercises.ensure_built()
    assert isinstance(exercises, ExercisesPane)
    assert exercises.timer.chime is chime
    measures = app.window.measures.ensure_built()
    assert isinstance(measures, MeasuresPane)
    assert measures.beep == chime.play


def test_the_real_desktop_plays_the_bundled_wav(tmp_path: Path) -> None:
    chime = real_desktop(tmp_path).chime()
    assert isinstance(chime, WavChime)
    assert chime.wav.is_file()


def test_the_first_prompt_waits_for_the_welcome(app: PhtApp, clock: FakeClock) -> None:
    """Issue 17: on a first start the prompt opened on top of the unfinished welcome."""
    from pht_desktop.domain.scheduler import SchedulerState

    welcome = app.window.welcome
    assert welcome is not None
    assert welcome.isVisible()
    clock.advance(45 * 60)
    app._tick()
    assert app.services.breaks.status().state is not SchedulerState.PROMPTING
    assert app.breaks._prompt is None  # not even built: no break was due yet
    welcome.skip()  # finished (or skipped): the sitting clock goes on, the prompt comes
    assert app.services.breaks.status().state is SchedulerState.PROMPTING
    assert app.breaks.prompt.isVisible()
    app.breaks.prompt.close_quietly()


def test_every_top_level_window_carries_the_app_icon(app: PhtApp) -> None:
    """The prompt and the dialogs showed a generic icon (issue 13): the app's icon is set
    for the whole application, so every top-level window has it."""
    icon = app.qapp.windowIcon()
    assert not icon.isNull()
    welcome = app.window.welcome
    assert welcome is not None
    for window in (app.window, app.breaks.prompt, welcome):
        assert window.isWindow()
        assert not window.windowIcon().isNull()
        assert window.windowIcon().cacheKey() == icon.cacheKey()


#: SELECTs per table from start to ready (issue 16: 66 statements before, each verdict
#: input read three times, settings fifteen). Sitting bouts are read around the first
#: tick's write of the open bout: the SITTING card reads today's on its first show, the
#: restart rule reads the last bout and the open ones inside that write, and the card
#: reads today's again after it (its prompts and stands are kept).
NEW_FOLDER_READS = {
    "sqlite_master": 1,  # is the file a database yet?
    "settings": 1,
    "test_changes": 1,
    "baseline_changes": 1,
    "morning_pain": 1,
    "exercise_sessions": 1,
    "runs": 1,
    "stage_changes": 1,
    "pathology_stage_changes": 1,
    "exercises": 1,
    "measures": 1,
    "sitting_bouts": 4,
    "break_prompts": 1,
    "stands": 1,
}
HISTORY_READS = NEW_FOLDER_READS | {"sqlite_master": 0, "session_sets": 1, "exercises": 2}


def reads_to_ready(
    qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock
) -> dict[str, int]:
    with recorded_statements(Engine, paths.database) as seen:
        built = PhtApp(qapp, paths, clock, desktop=fake_desktop())
        qtbot.addWidget(built.window)
        qtbot.waitUntil(lambda: built.is_started, timeout=5000)
    built.tick_timer.stop()
    if built.window.welcome is not None:
        built.window.welcome.close()
    built.services.close()
    return selects_by_table(seen)


def test_a_first_start_reads_each_table_once_to_ready(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    assert reads_to_ready(qtbot, qapp, paths, clock) == NEW_FOLDER_READS


def test_a_returning_start_reads_each_table_once_to_ready(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock
) -> None:
    """The demo story: twelve weeks of mornings, sessions, runs, stages and breaks."""
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    paths.data_dir.mkdir(mode=0o700)
    story = build_services(paths.database, clock)
    write_demo(story.engine, clock.now().date(), clock.now())
    story.close()
    expected = {t: n for t, n in HISTORY_READS.items() if n}
    assert reads_to_ready(qtbot, qapp, paths, clock) == expected
