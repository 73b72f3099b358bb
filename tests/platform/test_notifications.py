"""Notifier chain fall-through, D-Bus replace-id bookkeeping, the tray fallback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.platform.notifications import (
    NotifierChain,
    NullNotifier,
    TrayNotifier,
    default_notifiers,
    desktop_session_bus,
)
from pht_desktop.platform.notifications_dbus import DBusNotifier, DndWatcher
from pht_desktop.platform.quiet import QuietReason
from tests.platform.conftest import CLOSE_WAIT_S, PrivateBus
from tests.python_run import run_offscreen


class Recording:
    def __init__(self, name: str, result: bool | Exception = True) -> None:
        self.name = name
        self.result = result
        self.shown: list[tuple[str, str, str]] = []
        self.closed: list[str] = []

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        if isinstance(self.result, Exception):
            raise self.result
        self.shown.append((title, body, key))
        return self.result

    def close(self, key: str) -> None:
        if isinstance(self.result, Exception):
            raise self.result
        self.closed.append(key)


def test_first_adapter_raises_second_is_used(qtbot: QtBot) -> None:
    broken, working = Recording("broken", OSError("no bus")), Recording("working")
    chain = NotifierChain([broken, working])
    assert chain.notify("Time to stand", "2 minutes", "break") == "working"
    assert working.shown == [("Time to stand", "2 minutes", "break")]


def test_declining_adapter_hands_over(qtbot: QtBot) -> None:
    declining, working = Recording("declining", False), Recording("working")
    assert NotifierChain([declining, working]).notify("t", "b", "k") == "working"
    assert declining.shown == [("t", "b", "k")]


def test_all_fail_no_exception(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    chain = NotifierChain([Recording("a", RuntimeError("x")), Recording("b", False)])
    assert chain.notify("t", "b", "k") is None
    chain.close("k")  # a raising close is swallowed too
    assert "no notifier could show" in caplog.text


def test_null_notifier_ends_the_chain(qtbot: QtBot) -> None:
    assert NotifierChain([Recording("a", False), NullNotifier()]).notify("t", "b", "k") == "none"


def test_close_reaches_every_adapter(qtbot: QtBot) -> None:
    a, b = Recording("a"), Recording("b")
    NotifierChain([a, b]).close("break")
    assert a.closed == b.closed == ["break"]


class FakeServer:
    def __init__(self, caps: list[str]) -> None:
        self.caps = caps
        self.calls: list[tuple[int, str, list[str]]] = []
        self.closed: list[int] = []
        self.next_id = 40

    def capabilities(self) -> list[str]:
        return self.caps

    def notify(
        self,
        replaces_id: int,
        summary: str,
        body: str,
        actions: Sequence[str],
        hints: Mapping[str, str],
    ) -> int:
        assert hints == {"desktop-entry": "pht-desktop"}
        self.calls.append((replaces_id, summary, list(actions)))
        if replaces_id:
            return replaces_id
        self.next_id += 1
        return self.next_id

    def close(self, notification_id: int) -> None:
        self.closed.append(notification_id)


def test_dbus_new_reminder_replaces_old(qtbot: QtBot) -> None:
    server = FakeServer(["body"])
    notifier = DBusNotifier(server)
    assert notifier.notify("Stand up", "", "break", [("default", "Open")])
    assert notifier.notify("Stand up now", "", "break")
    assert notifier.notify("Morning pain", "", "pain")
    assert server.calls == [(0, "Stand up", []), (41, "Stand up now", []), (0, "Morning pain", [])]
    notifier.close("break")
    notifier.close("break")
    assert server.closed == [41]


def test_dbus_actions_only_when_supported_and_clicks_map_to_keys(qtbot: QtBot) -> None:
    server = FakeServer(["body", "actions"])
    notifier = DBusNotifier(server)
    notifier.notify("Stand up", "", "break", [("default", "Open"), ("snooze", "Later")])
    assert server.calls[0][2] == ["default", "Open", "snooze", "Later"]
    with qtbot.waitSignal(notifier.activated) as blocker:
        notifier.handle_signal("ActionInvoked", [41, "snooze"])
    assert blocker.args == ["break", "snooze"]
    notifier.handle_signal("NotificationClosed", [41, 2])
    notifier.notify("Stand up", "", "break")
    assert server.calls[-1][0] == 0  # closed by the server: a fresh one, not a replacement


def test_chain_forwards_activation(qtbot: QtBot) -> None:
    notifier = DBusNotifier(FakeServer(["actions"]))
    chain = NotifierChain([notifier, NullNotifier()])
    chain.notify("t", "b", "pain", [("default", "Open")])
    with qtbot.waitSignal(chain.activated) as blocker:
        notifier.handle_action_invoked(41, "default")
    assert blocker.args == ["pain", "default"]


def test_tray_without_icon_declines(qtbot: QtBot) -> None:
    assert TrayNotifier(None).notify("t", "b", "k") is False


def test_real_chain_without_bus_or_tray_falls_to_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No session bus and no tray: the real chain answers "none" (the do-nothing
    fallback), never raises. (It asserted ``in {"dbus", "tray", "none"}``: any answer.)"""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    chain = default_notifiers(None)
    assert chain.notify("Time to stand", "2 minutes", "break") == "none"
    chain.close("break")
    assert [adapter.name for adapter in chain.adapters] == ["tray", "none"]
    assert DndWatcher(None).active() is None  # no bus: do-not-disturb unknown, never raises
    assert QuietReason(None)() is None  # no watcher: only a full-screen window counts


@pytest.mark.parametrize("platform", ["win32", "darwin", "freebsd14"])
def test_no_session_bus_is_looked_for_off_linux(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jeepney is a Linux-only dependency: elsewhere the bus is never opened or imported,
    even where the desktop has one."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert desktop_session_bus(platform) is None


def test_a_desktop_with_a_session_bus_gets_dbus_notifications_and_do_not_disturb(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, private_bus: PrivateBus, tmp_path: Path
) -> None:
    """The other side of the gate: with a bus, the real factories build the D-Bus notifier
    first in the chain and a do-not-disturb watcher (not only the tray)."""
    from pht_desktop.app import real_desktop
    from pht_desktop.platform import dbus

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private_bus.address)
    monkeypatch.setattr(dbus, "_WORKERS", {})
    desktop = real_desktop(tmp_path)
    chain = desktop.notifier(None)
    quiet = desktop.quiet()
    try:
        assert isinstance(chain, NotifierChain)
        assert [adapter.name for adapter in chain.adapters] == ["dbus", "tray", "none"]
        assert isinstance(quiet, QuietReason)
        assert isinstance(quiet._dnd, DndWatcher)
    finally:
        bus = dbus._WORKERS.get("session")
        if bus is not None:
            bus.close(wait=CLOSE_WAIT_S)


def test_the_app_starts_where_jeepney_is_not_installed(tmp_path: Path) -> None:
    """Windows and macOS have no jeepney (pyproject installs it on Linux only): the app's
    modules and its notifier and do-not-disturb adapters must not need it there, and
    notifications fall back to the tray. Blocking the import fails this test if a module
    the app loads imports jeepney at its top (``notifications`` did: every start on
    Windows and macOS crashed when the notifier was built, after the first paint)."""
    code = (
        "import os, sys; sys.modules['jeepney'] = None; "
        # A desktop's bus address, so only the platform check keeps jeepney out:
        "os.environ['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/bus'; "
        "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from pht_desktop.app import real_desktop; "
        f"desktop = real_desktop(__import__('pathlib').Path({str(tmp_path)!r})); "
        "sys.platform = 'win32'; "  # only now: Python's and PySide's own start read it
        "chain = desktop.notifier(None); quiet = desktop.quiet(); "
        "print([a.name for a in chain.adapters], quiet())"
    )
    done = run_offscreen(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "['tray', 'none'] None"
