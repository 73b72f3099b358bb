"""Autostart entries are written where each desktop looks for them, and removed again."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from pht_desktop.platform.autostart import (
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    autostart_for,
    desktop_exec,
)


def test_xdg_writes_and_removes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    auto = XdgAutostart()
    path = tmp_path / "cfg" / "autostart" / "pht-desktop.desktop"
    assert auto.path == path
    assert not auto.is_enabled()
    auto.enable(["/opt/PHT Desktop/pht-desktop"])
    text = path.read_text(encoding="utf-8")
    assert auto.is_enabled()
    assert 'Exec="/opt/PHT Desktop/pht-desktop" --autostart\n' in text
    for line in ("[Desktop Entry]", "Name=PHT Desktop", "Icon=pht-desktop"):
        assert line in text.splitlines()
    assert "X-GNOME-Autostart-enabled=true" in text.splitlines()
    auto.disable()
    assert not path.exists()
    assert not auto.is_enabled()
    auto.disable()  # twice is fine


def test_xdg_defaults_to_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert XdgAutostart().path == tmp_path / ".config" / "autostart" / "pht-desktop.desktop"


def test_xdg_respects_user_disabling(tmp_path: Path) -> None:
    auto = XdgAutostart({"XDG_CONFIG_HOME": str(tmp_path)})
    auto.enable(["pht-desktop"])
    auto.path.write_text(auto.path.read_text() + "Hidden=true\n")
    assert not auto.is_enabled()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["pht-desktop", "--autostart"], "pht-desktop --autostart"),
        (["/a b/python", "-m", "pht_desktop"], '"/a b/python" -m pht_desktop'),
        (["100%"], "100%%"),
        (['say"$x'], '"say\\\\"\\\\$x"'),
    ],
)
def test_desktop_exec_quoting(argv: list[str], expected: str) -> None:
    assert desktop_exec(argv) == expected


def test_mac_launch_agent(tmp_path: Path) -> None:
    agent = MacLaunchAgent(home=tmp_path)
    path = tmp_path / "Library" / "LaunchAgents" / "org.phtdesktop.PhtDesktop.plist"
    assert not agent.is_enabled()
    agent.enable(["/Applications/PHT Desktop.app/Contents/MacOS/pht-desktop"])
    with path.open("rb") as fh:
        data = plistlib.load(fh)
    assert data["RunAtLoad"] is True
    assert data["Label"] == "org.phtdesktop.PhtDesktop"
    assert data["ProgramArguments"][-1] == "--autostart"
    assert agent.is_enabled()
    agent.disable()
    assert not path.exists()
    assert not agent.is_enabled()


@pytest.mark.skipif(sys.platform != "win32", reason="the Run key exists only on Windows")
def test_windows_run_key() -> None:  # pragma: no cover - runs on Windows CI only
    key = WindowsRunKey()
    was = key.is_enabled()
    try:
        key.enable([sys.executable, "-m", "pht_desktop"])
        assert key.is_enabled()
        key.disable()
        assert not key.is_enabled()
    finally:
        if was:
            key.enable([sys.executable, "-m", "pht_desktop"])


def test_windows_run_key_is_inert_elsewhere() -> None:
    if sys.platform == "win32":
        pytest.skip("real registry")
    assert WindowsRunKey().is_enabled() is False
    WindowsRunKey().disable()


@pytest.mark.parametrize(
    ("platform", "cls"),
    [("win32", WindowsRunKey), ("darwin", MacLaunchAgent), ("linux", XdgAutostart)],
)
def test_autostart_for(platform: str, cls: type) -> None:
    assert isinstance(autostart_for(platform), cls)
