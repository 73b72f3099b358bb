"""Windows idle time from ``GetLastInputInfo``: session-wide, no permissions needed."""

from __future__ import annotations

import ctypes
import sys

from pht_desktop.platform.idle import IdleUnavailableError


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32)]


class WindowsIdle:
    """Milliseconds since the last input event of the interactive session."""

    name = "windows-getlastinputinfo"

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise IdleUnavailableError("GetLastInputInfo exists only on Windows")
        self._user32 = ctypes.WinDLL("user32")
        self._kernel32 = ctypes.WinDLL("kernel32")
        self._kernel32.GetTickCount64.restype = ctypes.c_uint64
        self._user32.GetLastInputInfo.argtypes = [ctypes.POINTER(_LastInputInfo)]
        self._user32.GetLastInputInfo.restype = ctypes.c_int

    def seconds_since_input(self) -> float | None:
        if sys.platform != "win32":
            return None
        info = _LastInputInfo()
        info.cbSize = ctypes.sizeof(info)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        # dwTime is a 32-bit tick count that wraps every 49.7 days: subtract modulo 2**32.
        now = int(self._kernel32.GetTickCount64()) & 0xFFFFFFFF
        return ((now - int(info.dwTime)) & 0xFFFFFFFF) / 1000.0
