"""The idle-source selection, driven by fake backends; plus the real one on this machine."""

from __future__ import annotations

import sys

import pytest

from pht_desktop.platform import idle
from pht_desktop.platform.idle import (
    IdleSource,
    IdleUnavailableError,
    UnknownIdle,
    choose_idle_source,
    idle_candidates,
)


class FakeIdle:
    def __init__(self, name: str, value: float | None = 5.0) -> None:
        self.name = name
        self._value = value

    def seconds_since_input(self) -> float | None:
        return self._value


def fakes(**overrides: object) -> dict[str, idle.IdleFactory]:
    """One working fake per backend; an override of None/'raise'/'probe-raise' breaks it."""
    out: dict[str, idle.IdleFactory] = {}
    for key in (idle.WINDOWS, idle.MACOS, idle.X11, idle.MUTTER, idle.SCREENSAVER):
        mode = overrides.get(key.replace("-", "_"), "ok")

        def factory(key: str = key, mode: object = mode) -> IdleSource:
            if mode == "raise":
                raise IdleUnavailableError(key)
            if mode == "probe-raise":
                source = FakeIdle(key)
                source.seconds_since_input = lambda: 1 / 0  # type: ignore[method-assign]
                return source
            return FakeIdle(key, None if mode == "none" else 5.0)

        out[key] = factory
    return out


BUS = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
GNOME_WAYLAND = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME", **BUS}
KDE_WAYLAND = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE", **BUS}


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("win32", {}, [idle.WINDOWS]),
        ("darwin", {"DISPLAY": ":0"}, [idle.MACOS]),
        ("linux", {"XDG_SESSION_TYPE": "x11", **BUS}, [idle.X11, idle.MUTTER, idle.SCREENSAVER]),
        ("linux", {"DISPLAY": ":0", **BUS}, [idle.X11, idle.MUTTER, idle.SCREENSAVER]),
        (
            "linux",
            {"XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "KDE", **BUS},
            [idle.X11, idle.SCREENSAVER, idle.MUTTER],
        ),
        ("linux", GNOME_WAYLAND, [idle.MUTTER, idle.SCREENSAVER]),
        ("linux", KDE_WAYLAND, [idle.SCREENSAVER, idle.MUTTER]),
        # XWayland sets DISPLAY too, but its idle counter only sees X clients: no X11.
        (
            "linux",
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", **BUS},
            [idle.MUTTER, idle.SCREENSAVER],
        ),
        ("linux", BUS, [idle.MUTTER, idle.SCREENSAVER]),
        ("freebsd14", {"DISPLAY": ":0", **BUS}, [idle.X11, idle.MUTTER, idle.SCREENSAVER]),
        # No session bus (a bare X server, a container): the D-Bus backends are not tried.
        ("linux", {"DISPLAY": ":0"}, [idle.X11]),
        ("linux", {"XDG_SESSION_TYPE": "wayland"}, []),
        ("linux", {}, []),
    ],
)
def test_candidates_order(platform: str, env: dict[str, str], expected: list[str]) -> None:
    assert idle_candidates(platform, env) == expected


@pytest.mark.parametrize(
    ("platform", "env", "overrides", "chosen"),
    [
        ("win32", {}, {}, idle.WINDOWS),
        ("darwin", {}, {}, idle.MACOS),
        ("linux", {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, {}, idle.X11),
        ("linux", GNOME_WAYLAND, {}, idle.MUTTER),
        ("linux", KDE_WAYLAND, {}, idle.SCREENSAVER),
        (
            "linux",
            {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "sway", **BUS},
            {},
            idle.MUTTER,
        ),
        ("linux", {"XDG_SESSION_TYPE": "x11", **BUS}, {"x11": "raise"}, idle.MUTTER),
        ("linux", {"XDG_SESSION_TYPE": "x11", **BUS}, {"x11": "none"}, idle.MUTTER),
        ("linux", GNOME_WAYLAND, {"gnome_mutter": "probe-raise"}, idle.SCREENSAVER),
        ("linux", KDE_WAYLAND, {"freedesktop_screensaver": "none"}, idle.MUTTER),
    ],
)
def test_choose_first_working(
    platform: str, env: dict[str, str], overrides: dict[str, str], chosen: str
) -> None:
    source = choose_idle_source(platform, env, fakes(**overrides))
    assert source.name == chosen
    assert source.seconds_since_input() == 5.0


@pytest.mark.parametrize(
    ("platform", "env", "broken"),
    [
        ("win32", {}, {"windows": "raise"}),
        ("darwin", {}, {"macos": "none"}),
        (
            "linux",
            {"XDG_SESSION_TYPE": "x11"},
            {"x11": "raise", "gnome_mutter": "probe-raise", "freedesktop_screensaver": "none"},
        ),
        (
            "linux",
            {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "sway"},
            {"gnome_mutter": "raise", "freedesktop_screensaver": "raise"},
        ),
    ],
)
def test_everything_failing_gives_unknown(
    platform: str, env: dict[str, str], broken: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="pht_desktop.platform.idle")
    source = choose_idle_source(platform, env, fakes(**broken))
    assert isinstance(source, UnknownIdle)
    assert source.seconds_since_input() is None
    assert "idle source: unknown" in caplog.text


def test_missing_factory_is_skipped() -> None:
    assert isinstance(choose_idle_source("win32", {}, {}), UnknownIdle)


def test_chosen_source_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="pht_desktop.platform.idle")
    choose_idle_source("linux", GNOME_WAYLAND, fakes())
    assert "idle source: gnome-mutter" in caplog.text


def test_real_selection_on_this_machine_does_not_raise(qapp: object) -> None:
    """Whatever this machine offers (here: no display, no D-Bus), the answer is usable."""
    source = choose_idle_source()
    assert isinstance(source, IdleSource)
    value = source.seconds_since_input()
    assert value is None or value >= 0.0


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_real_backends_of_another_os_fall_through(qapp: object, platform: str) -> None:
    """Another OS's backend raises at construction, so the answer is UnknownIdle."""
    if platform == sys.platform:
        pytest.skip("this is that OS")
    assert isinstance(choose_idle_source(platform, {}), UnknownIdle)
