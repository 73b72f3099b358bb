"""Start PHT Desktop at login, minimised to the tray (``--autostart``), per platform.

Only the current user's own locations are touched: an XDG autostart entry on Linux and
BSD, the ``HKCU\\...\\Run`` key on Windows, a LaunchAgent on macOS. None needs admin rights.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

AUTOSTART_FLAG = "--autostart"


class Autostart(Protocol):
    """Whether the app starts at login; ``command`` is the argv that starts it."""

    def is_enabled(self) -> bool: ...

    def enable(self, command: list[str]) -> None: ...

    def disable(self) -> None: ...


_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(argv: Sequence[str]) -> str:
    """Quote ``argv`` for a desktop entry's ``Exec=`` key (Desktop Entry Spec rules)."""
    parts = []
    for arg in argv:
        arg = arg.replace("%", "%%")
        if arg and not (set(arg) & _DESKTOP_RESERVED):
            parts.append(arg)
            continue
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        parts.append(f'"{escaped}"')
    # The key's value is itself a string: its backslashes are escaped once more.
    return " ".join(parts).replace("\\", "\\\\")


class XdgAutostart:
    """``$XDG_CONFIG_HOME/autostart/pht-desktop.desktop`` (freedesktop autostart spec)."""

    FILENAME = "pht-desktop.desktop"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env

    @property
    def path(self) -> Path:
        """Resolved on each use, so a changed ``XDG_CONFIG_HOME`` is honoured."""
        config = self._env.get("XDG_CONFIG_HOME") or ""
        base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
        return base / "autostart" / self.FILENAME

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return False
        lines = {line.strip().replace(" ", "").lower() for line in text.splitlines()}
        return "hidden=true" not in lines and "x-gnome-autostart-enabled=false" not in lines

    def enable(self, command: list[str]) -> None:
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                "Name=PHT Desktop",
                "Comment=Sitting breaks and rehab log for hamstring tendinopathy",
                f"Exec={desktop_exec([*command, AUTOSTART_FLAG])}",
                "Icon=pht-desktop",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                "",
            ]
        )
        tmp = path.with_suffix(".tmp")
        tmp.write_text(entry, encoding="utf-8")
        tmp.replace(path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class WindowsRunKey:
    """``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`` value ``PHT Desktop``."""

    KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
    VALUE = "PHT Desktop"

    def is_enabled(self) -> bool:
        if sys.platform != "win32":
            return False
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.KEY) as key:
                winreg.QueryValueEx(key, self.VALUE)
        except OSError:
            return False
        return True

    def enable(self, command: list[str]) -> None:
        if sys.platform != "win32":
            raise OSError("the Run key exists only on Windows")
        import winreg

        line = subprocess.list2cmdline([*command, AUTOSTART_FLAG])
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, self.KEY) as key:
            winreg.SetValueEx(key, self.VALUE, 0, winreg.REG_SZ, line)

    def disable(self) -> None:
        if sys.platform != "win32":
            return
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, self.VALUE)
        except FileNotFoundError:
            pass


class MacLaunchAgent:
    """``~/Library/LaunchAgents/org.phtdesktop.PhtDesktop.plist`` with ``RunAtLoad``."""

    LABEL = "org.phtdesktop.PhtDesktop"

    def __init__(self, home: Path | None = None) -> None:
        self._home = home

    @property
    def path(self) -> Path:
        home = Path.home() if self._home is None else self._home
        return home / "Library" / "LaunchAgents" / f"{self.LABEL}.plist"

    def is_enabled(self) -> bool:
        import plistlib  # macOS only: not loaded by every start elsewhere

        try:
            with self.path.open("rb") as fh:
                data = plistlib.load(fh)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(data, dict) and bool(data.get("RunAtLoad")) and not data.get("Disabled")

    def enable(self, command: list[str]) -> None:
        import plistlib

        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        agent = {
            "Label": self.LABEL,
            "ProgramArguments": [*command, AUTOSTART_FLAG],
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            plistlib.dump(agent, fh)
        tmp.replace(path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


def autostart_for(platform: str | None = None) -> Autostart:
    """The mechanism for ``platform`` (default: this one); XDG for Linux, BSD and the rest."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return MacLaunchAgent()
    return XdgAutostart()


def launch_command(data_dir: Path | None = None) -> list[str]:
    """The argv that starts this app: the bundle's executable, or ``python -m``."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "pht_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


class LoginEntry:
    """Start at login for *this* app: a mechanism plus the command line that starts it.

    This is what the windows are handed (they do not know how the app is launched).
    """

    def __init__(self, mechanism: Autostart, data_dir: Path | None = None) -> None:
        self.mechanism = mechanism
        self.data_dir = data_dir

    def is_enabled(self) -> bool:
        return self.mechanism.is_enabled()

    def enable(self) -> None:
        self.mechanism.enable(launch_command(self.data_dir))

    def disable(self) -> None:
        self.mechanism.disable()
