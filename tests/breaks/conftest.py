"""A break controller over the test's services, a fake idle source and a simulated user.

Time only moves when a test says so: ``user.run(seconds)`` advances the FakeClock in
small steps and calls ``controller.tick()`` after each, as the app's tick timer would.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.platform.notifications import NotifierChain
from pht_desktop.platform.sleep_signal import SleepWatcher
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.tray import Tray


class FakeIdle:
    """Seconds since the simulated user's last input (None: idle time unknown)."""

    name = "fake"

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.last_input = clock.monotonic()
        self.present = True
        self.known = True

    def seconds_since_input(self) -> float | None:
        if not self.known:
            return None
        if self.present:
            self.last_input = self.clock.monotonic()
        return self.clock.monotonic() - self.last_input


class RecordingNotifier:
    name = "recording"

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.closed: list[str] = []

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        self.shown.append(title)
        return True

    def close(self, key: str) -> None:
        self.closed.append(key)


class Quiet:
    """What the fake desktop says about do-not-disturb / full screen."""

    def __init__(self) -> None:
        self.reason: str | None = None

    def __call__(self) -> str | None:
        return self.reason


class User:
    """Drives time and the controller like the app's timer does."""

    def __init__(self, clock: FakeClock, idle: FakeIdle, controller: BreakController) -> None:
        self.clock = clock
        self.idle = idle
        self.controller = controller

    def run(self, seconds: float, step: float = 1.0) -> None:
        left = seconds
        while left > 1e-9:
            move = min(step, left)
            self.clock.advance(move)
            self.controller.tick()
            left -= move

    def away(self) -> None:
        self.idle.present = False

    def back(self) -> None:
        self.idle.present = True


@pytest.fixture
def idle(clock: FakeClock) -> FakeIdle:
    return FakeIdle(clock)


@pytest.fixture
def quiet() -> Quiet:
    return Quiet()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def tray() -> Tray:
    return Tray(QIcon())


@pytest.fixture
def sleep_watcher() -> SleepWatcher:
    """The real watcher without logind: tests drive it through handle_prepare_for_sleep."""
    return SleepWatcher(platform="test")


class CountingChime:
    """The chime port, counting what would have been heard."""

    def __init__(self) -> None:
        self.played = 0

    def play(self) -> None:
        self.played += 1


@pytest.fixture
def chime() -> CountingChime:
    return CountingChime()


@pytest.fixture
def controller(
    qtbot: QtBot,
    services: Services,
    idle: FakeIdle,
    quiet: Quiet,
    notifier: RecordingNotifier,
    tray: Tray,
    sleep_watcher: SleepWatcher,
    chime: CountingChime,
) -> Iterator[BreakController]:
    made = BreakController(
        services,
        tray,
        idle_source=idle,
        quiet_check=quiet,
        notifier=NotifierChain([notifier]),
        chime=chime,
    )
    # As app.py wires it.
    sleep_watcher.about_to_sleep.connect(made.on_sleep)
    sleep_watcher.resumed.connect(made.on_resume)
    made.tick()
    yield made
    # The break windows are built on first use (as in the app): close what was built.
    for window in (made._prompt, made._were_you_up):
        if window is not None:
            window.close()
            window.deleteLater()


@pytest.fixture
def user(clock: FakeClock, idle: FakeIdle, controller: BreakController) -> User:
    return User(clock, idle, controller)
