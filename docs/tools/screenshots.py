"""Take the README/docs screenshots from the real app in a real (Xvfb) window.

Each shot: build the app on a fresh demo data dir, put it in the state to show,
let Qt paint, grab the window. Light and dark use Qt's colour-scheme hint. Every shot is
taken at each window size (1024 × 700: ``NAME.png``; 1600 × 1000: ``NAME-1600.png``);
Today and Progress also at 2560 × 1440 (``NAME-2560.png``, ``--size 2560x1440`` on a
screen that large). The ``fresh-*`` shots use an empty data folder (first start, empty
states).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from pht_desktop.ui.i18n import install_english_plurals
from pht_desktop.ui.theme import apply_theme

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def settle(ms: int = 300) -> None:
    """Let Qt lay out and paint before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


SUFFIX = {"value": ""}
SIZES = {"": (1024, 700), "-1600": (1600, 1000)}
LARGE = {"-2560": (2560, 1440)}
"""A large screen, for the panes whose layout must hold up there (dates, charts)."""
AT_LARGE = ("today", "progress")


def grab(widget: QWidget, name: str) -> None:
    """Save ``widget`` as docs/screenshots/NAME[-dark].png."""
    settle()
    OUT.mkdir(parents=True, exist_ok=True)
    filename = f"{name}{SUFFIX['value']}.png"
    widget.grab().save(str(OUT / filename))
    print(f"wrote docs/screenshots/{filename}")


def make_app(data_dir: Path, scheme: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from pht_desktop.app import PhtApp
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.paths import AppPaths
    from pht_desktop.services.registry import build_services

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    services = build_services(data_dir / "pht-desktop.sqlite3", SystemClock())
    # The user chose this appearance; the welcome was seen (it has its own shot).
    services.settings.set_many({"appearance": scheme, "first_run_done": True})
    services.close()
    app = PhtApp(qapp, AppPaths(data_dir, data_dir / "logs"), SystemClock())
    app.window.resize(*size)
    while not app.is_started:
        settle(50)
    return app


SHOTS: dict[str, Callable[[object], None]] = {}


def shot(name: str) -> Callable[[Callable[[object], None]], Callable[[object], None]]:
    def register(function: Callable[[object], None]) -> Callable[[object], None]:
        SHOTS[name] = function
        return function

    return register


@shot("today")
def today(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Today")
    grab(app.window, "today")


@shot("today-long-bout")
def today_long_bout(app) -> None:  # type: ignore[no-untyped-def]
    """Today during an over-long bout: the prompt at 30 min was skipped and the bout keeps
    growing on screen, "over by N min" (R1.2, issue 17). Time is run on a fake clock that
    continues the real one, with the user at the desk (idle 0), so no sleeping."""
    from pht_desktop.domain.clock import FakeClock
    from pht_desktop.domain.scheduler import SchedulerState
    from pht_desktop.services.base import ServiceBase

    class AtTheDesk:
        name = "screenshot"

        def seconds_since_input(self) -> float:
            return 0.0

    clock = FakeClock(app.services.clock.now())
    clock._mono = app.services.clock.monotonic()  # the scheduler's readings go on from here
    app.services.clock = clock
    app.breaks.clock = clock
    app.breaks.idle = AtTheDesk()
    for service in vars(app.services).values():
        if isinstance(service, ServiceBase):
            service._clock = clock
    breaks = app.services.breaks
    for _ in range(52 * 4):  # 52 minutes in 15 s steps
        clock.advance(15)
        breaks.tick(0.0)
        if breaks.status().state is SchedulerState.PROMPTING:
            breaks.skip("busy")
            app.breaks.prompt.close_quietly()
    app.window.show_pane("Today")
    card = app.window.today.sitting
    card.refresh()
    card.refresh_figures()
    grab(app.window, "today-long-bout")


@shot("exercises")
def exercises(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Exercises")
    grab(app.window, "exercises")


@shot("hold-timer")
def hold_timer(app) -> None:  # type: ignore[no-untyped-def]
    pane = app.window.exercises_pane
    app.window.show_pane("Exercises")
    catalogue = app.services.exercises.catalogue()
    stage_one = [e for e in catalogue if e.stage == 1 and e.dose_type == "hold"]
    pane.start_hold_timer(stage_one[0].id)
    settle(7000)  # past "get ready": the big countdown of the first hold
    grab(app.window, "hold-timer")


def grab_screen(name: str, *windows: QWidget) -> None:
    """The screen around ``windows``: shows where a floating window sits on the desktop,
    without the empty rest of the virtual screen."""
    settle()
    screen = QGuiApplication.primaryScreen()
    area = screen.geometry()
    shown = windows[0].frameGeometry()
    for window in windows[1:]:
        shown = shown.united(window.frameGeometry())
    margin = 3 * 8
    crop = shown.adjusted(-margin, -margin, margin, margin).intersected(area)
    filename = f"{name}{SUFFIX['value']}.png"
    screen.grabWindow(0, crop.x(), crop.y(), crop.width(), crop.height()).save(str(OUT / filename))
    print(f"wrote docs/screenshots/{filename}")


@shot("prompt")
def prompt(app) -> None:  # type: ignore[no-untyped-def]
    """The break prompt, through the service's real signal (R1)."""
    from datetime import timedelta

    from pht_desktop.domain.scheduler import PromptDue

    app.window.show_pane("Today")
    now = app.services.clock.now()
    bout = max(32 * 60.0, app.services.breaks.status().bout_seconds)  # as the card says
    due = PromptDue(now, now, bout, 0, True, 0, True)
    app.services.breaks.prompt_due.emit(due)
    grab_screen("prompt", app.window, app.breaks.prompt)
    app.breaks.prompt.show_stand(180.0)
    app.breaks.prompt.update_stand(134.0)
    grab(app.breaks.prompt, "prompt-stand")
    app.breaks.prompt.close_quietly()
    del timedelta


@shot("splash")
def splash(app) -> None:  # type: ignore[no-untyped-def]
    """The first window, before the app is loaded (issue 16), where it sits on the screen."""
    from pht_desktop.ui.splash import show_splash

    window = show_splash()
    grab_screen("splash", window)
    window.close()


@shot("were-you-up")
def were_you_up(app) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from pht_desktop.domain.scheduler import AskWereYouUp

    now = app.services.clock.now()
    event = AskWereYouUp(now - timedelta(minutes=12), now, 12 * 60.0, 60.0)
    app.services.breaks.ask_were_you_up.emit(event)
    grab(app.breaks.were_you_up, "were-you-up")
    app.breaks.were_you_up.close_quietly()


@shot("welcome")
def welcome(app) -> None:  # type: ignore[no-untyped-def]
    app.window.open_welcome()
    grab(app.window.welcome, "welcome")
    app.window.welcome.close()


@shot("progress")
def progress(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Progress")
    settle(800)
    grab(app.window, "progress")


@shot("settings")
def settings(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Settings")
    grab(app.window, "settings")


@shot("settings-morning")
def settings_morning(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Settings")
    app.window.settings_pane.show_page("Morning test & baseline")
    grab(app.window, "settings-morning")


@shot("settings-rehab")
def settings_rehab(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Settings")
    app.window.settings_pane.show_page("Rehab")
    grab(app.window, "settings-rehab")


@shot("progress-sitting")
def progress_sitting(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Progress")
    app.window.progress_pane.show_sitting_panel()
    settle(800)
    grab(app.window, "progress-sitting")


@shot("measures")
def measures(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Measures")
    settle(300)
    grab(app.window, "measures")


@shot("progress-measures")
def progress_measures(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Progress")
    pane = app.window.progress_pane
    pane.tabs.setCurrentWidget(pane.measures_page)
    settle(800)
    grab(app.window, "progress-measures")


FRESH: dict[str, Callable[[object], None]] = {}


def fresh(name: str) -> Callable[[Callable[[object], None]], Callable[[object], None]]:
    def register(function: Callable[[object], None]) -> Callable[[object], None]:
        FRESH[name] = function
        return function

    return register


@fresh("fresh-today")
def fresh_today(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Today")
    grab(app.window, "fresh-today")


@fresh("fresh-progress")
def fresh_progress(app) -> None:  # type: ignore[no-untyped-def]
    app.window.show_pane("Progress")
    settle(500)
    grab(app.window, "fresh-progress")


# --- Today's one plan in its four situations (issue 11): each on its own seeded history ---
PLAN_SCENES: dict[str, Callable[[Path], None]] = {}


def plan_scene(name: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(function: Callable[[Path], None]) -> Callable[[Path], None]:
        PLAN_SCENES[name] = function
        return function

    return register


def _seed(
    data_dir: Path,
    stage: int,
    slug: str,
    doses: list[tuple[int, int, int | None, float | None, int | None, int]],
    this_morning: int,
) -> None:
    """Baseline 3/10 and one session a day up to yesterday, each (sets, reps, hold s, kg,
    pain during, next morning's pain); then this morning's pain."""
    from datetime import timedelta

    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.domain.exercise import Load, SessionDraft, SetEntry
    from pht_desktop.services.registry import build_services

    data_dir.mkdir(parents=True, exist_ok=True)
    services = build_services(data_dir / "pht-desktop.sqlite3", SystemClock())
    now = services.clock.now()
    today = now.date()
    first = today - timedelta(days=len(doses))
    services.profile.set_stage(stage, first - timedelta(days=1))
    services.morning.set_baseline(3, first - timedelta(days=1))
    exercise = next(e for e in services.exercises.catalogue() if e.slug == slug)
    services.morning.record_morning(first, 3)
    for offset, (sets, reps, hold_s, kg, during, next_morning) in enumerate(doses):
        day = first + timedelta(days=offset)
        when = now.replace(hour=18, minute=0, second=0, microsecond=0) - (today - day)
        services.exercises.log_session(
            SessionDraft(
                exercise_id=exercise.id,
                performed_at=when,
                sets=tuple(SetEntry(reps, hold_s, 120) for _ in range(sets)),
                load=Load.weight(kg) if kg is not None else Load.bodyweight(),
                pain_during=during,
            )
        )
        morning = day + timedelta(days=1)
        pain = this_morning if morning == today else next_morning
        services.morning.record_morning(morning, pain, replace=True)
    services.close()


@plan_scene("today-plan-progress")
def plan_progress(data_dir: Path) -> None:
    """Six tolerated days at 5 × 40 s: one rung up (R2.9)."""
    _seed(data_dir, 1, "prone-hip-extension-hold", [(5, 1, 40, None, 2, 2)] * 6, 2)


@plan_scene("today-plan-hold")
def plan_hold(data_dir: Path) -> None:
    """Pain during 7/10 three days ago: hold, never progress (R3.8)."""
    days = [(5, 1, 40, None, 2, 2)] * 6
    days[3] = (5, 1, 40, None, 7, 2)
    _seed(data_dir, 1, "prone-hip-extension-hold", days, 2)


@plan_scene("today-plan-go-back")
def plan_go_back(data_dir: Path) -> None:
    """Yesterday's heavier bridge was too much (4/10, baseline 3): back a rung (R3.5)."""
    days = [(3, 15, None, 20.0, 2, 3), (3, 15, None, 20.0, 2, 3)] * 3
    days[-1] = (3, 12, None, 22.5, 3, 4)
    _seed(data_dir, 2, "hsr-double-leg-bridge", days, 4)


@plan_scene("today-plan-flare")
def plan_flare(data_dir: Path) -> None:
    """This morning 5/10 against a baseline of 3: the flare plan (R3.10)."""
    _seed(data_dir, 3, "step-up", [(3, 8, None, None, 2, 3)] * 5, 5)


def fill_demo(data_dir: Path) -> None:
    from pht_desktop.demo import write_demo

    write_demo(data_dir)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="shots to take (default: all)")
    parser.add_argument("--scheme", choices=["light", "dark", "both"], default="both")
    parser.add_argument("--size", default="all", help="1024x700, 1600x1000 or all")
    args = parser.parse_args()
    qapp = QApplication(sys.argv[:1])
    qapp.setDesktopFileName("pht-desktop")
    install_english_plurals(qapp)
    schemes = ["light", "dark"] if args.scheme == "both" else [args.scheme]
    every = SIZES | LARGE
    sizes = (
        SIZES if args.size == "all" else {k: v for k, v in every.items() if v == _size(args.size)}
    )
    for scheme in schemes:
        apply_theme(qapp, scheme)
        for size_suffix, size in sizes.items():
            for shots, demo in ((SHOTS, True), (FRESH, False)):
                names = [n for n in (args.names or list(shots)) if n in shots]
                if size_suffix in LARGE:
                    names = [n for n in names if n in AT_LARGE]
                if not names:
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    data_dir = Path(tmp) / "data"
                    if demo:
                        fill_demo(data_dir)
                    else:
                        data_dir.mkdir()
                    app = make_app(data_dir, scheme, size)
                    SUFFIX["value"] = size_suffix + ("-dark" if scheme == "dark" else "")
                    for name in names:
                        shots[name](app)
                    app.quit()
                    app.services.close()
            scenes = [] if size_suffix in LARGE else (args.names or list(PLAN_SCENES))
            for name in [n for n in scenes if n in PLAN_SCENES]:
                with tempfile.TemporaryDirectory() as tmp:
                    data_dir = Path(tmp) / "data"
                    PLAN_SCENES[name](data_dir)
                    app = make_app(data_dir, scheme, size)
                    SUFFIX["value"] = size_suffix + ("-dark" if scheme == "dark" else "")
                    app.window.show_pane("Today")
                    grab(app.window, name)
                    app.quit()
                    app.services.close()
    return 0


def _size(text: str) -> tuple[int, int]:
    width, height = text.split("x")
    return int(width), int(height)


if __name__ == "__main__":
    sys.exit(main())
