"""Take the README/docs screenshots from the real app in a real (Xvfb) window.

Each shot: build the app on a fresh demo data dir, put it in the state to show,
let Qt paint, grab the window. Light and dark use Qt's colour-scheme hint. Every shot is
taken at each window size (1024 × 700: ``NAME.png``; 1600 × 1000: ``NAME-1600.png``),
and the ``fresh-*`` shots use an empty data folder (first start, empty states).
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


def grab_screen(name: str) -> None:
    """The whole (virtual) screen: shows where a floating window sits."""
    settle()
    screen = QGuiApplication.primaryScreen()
    filename = f"{name}{SUFFIX['value']}.png"
    screen.grabWindow(0).save(str(OUT / filename))
    print(f"wrote docs/screenshots/{filename}")


@shot("prompt")
def prompt(app) -> None:  # type: ignore[no-untyped-def]
    """The break prompt, through the service's real signal (R1)."""
    from datetime import timedelta

    from pht_desktop.domain.scheduler import PromptDue

    app.window.show_pane("Today")
    now = app.services.clock.now()
    due = PromptDue(now, now, 32 * 60.0, 0, True, 0, True)
    app.services.breaks.prompt_due.emit(due)
    grab_screen("prompt")
    app.breaks.prompt.show_stand(180.0)
    app.breaks.prompt.update_stand(134.0)
    grab(app.breaks.prompt, "prompt-stand")
    app.breaks.prompt.close_quietly()
    del timedelta


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
    schemes = ["light", "dark"] if args.scheme == "both" else [args.scheme]
    sizes = (
        SIZES if args.size == "all" else {k: v for k, v in SIZES.items() if v == _size(args.size)}
    )
    for scheme in schemes:
        apply_theme(qapp, scheme)
        for size_suffix, size in sizes.items():
            for shots, demo in ((SHOTS, True), (FRESH, False)):
                names = [n for n in (args.names or list(shots)) if n in shots]
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
    return 0


def _size(text: str) -> tuple[int, int]:
    width, height = text.split("x")
    return int(width), int(height)


if __name__ == "__main__":
    sys.exit(main())
