"""Is there a bus? Decided from the environment before any D-Bus module is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.platform.bus_address import (
    may_have_session_bus,
    session_bus_address,
    system_bus_absent,
)
from pht_desktop.platform.sleep_signal import SleepWatcher

SESSION = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", SESSION, True),
        ("freebsd14", SESSION, False),  # jeepney is installed on Linux only
        ("linux", {}, False),
        ("linux", {"DBUS_SESSION_BUS_ADDRESS": ""}, False),
        ("win32", SESSION, False),  # jeepney is not installed there
        ("darwin", SESSION, False),
    ],
)
def test_a_session_bus_is_looked_for_only_where_one_can_be(
    platform: str, env: dict[str, str], expected: bool
) -> None:
    assert may_have_session_bus(platform, env) is expected
    assert (session_bus_address(env) is not None) is (env.get("DBUS_SESSION_BUS_ADDRESS", "") != "")


def test_the_system_bus_is_there_with_an_address_or_the_standard_socket(tmp_path: Path) -> None:
    socket = tmp_path / "system_bus_socket"
    assert system_bus_absent({}, str(socket)) == (
        f"no system bus (DBUS_SYSTEM_BUS_ADDRESS unset, no {socket})"
    )
    assert system_bus_absent({"DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/x"}, str(socket)) is None
    socket.touch()
    assert system_bus_absent({}, str(socket)) is None


def test_without_a_system_bus_the_sleep_watcher_settles_at_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A container or bare machine: no worker, no jeepney, clock gaps instead."""
    monkeypatch.setattr(
        "pht_desktop.platform.sleep_signal.system_bus_absent", lambda: "no system bus (test)"
    )
    watcher = SleepWatcher(platform="linux")
    assert watcher.is_settled
    assert watcher.available is False
    assert watcher.reason == "no system bus (test)"
