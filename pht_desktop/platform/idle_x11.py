"""X11 idle time from the MIT-SCREEN-SAVER extension (libXss), through ctypes.

Only meaningful in a real X11 session: under XWayland it sees X clients' input alone,
which is why :func:`~pht_desktop.platform.idle.idle_candidates` skips it on Wayland.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from pht_desktop.platform.idle import IdleUnavailableError


class XScreenSaverInfo(ctypes.Structure):
    """``XScreenSaverInfo`` from ``<X11/extensions/scrnsaver.h>``."""

    _fields_ = [
        ("window", ctypes.c_ulong),  # Window (an XID)
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("eventMask", ctypes.c_ulong),
    ]


def _load(name: str, soname: str) -> ctypes.CDLL:
    try:
        return ctypes.CDLL(ctypes.util.find_library(name) or soname)
    except OSError as exc:
        raise IdleUnavailableError(f"cannot load {soname}: {exc}") from exc


class X11Idle:
    """Keeps its own display connection open; closing it is :meth:`close`'s job."""

    name = "x11-xscreensaver"

    def __init__(self, display_name: str | None = None) -> None:
        self._x11 = _load("X11", "libX11.so.6")
        self._xss = _load("Xss", "libXss.so.1")
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XOpenDisplay.restype = ctypes.c_void_p
        self._x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x11.XFree.argtypes = [ctypes.c_void_p]
        self._xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        self._xss.XScreenSaverQueryExtension.restype = ctypes.c_int
        self._xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(XScreenSaverInfo)
        self._xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(XScreenSaverInfo),
        ]
        self._xss.XScreenSaverQueryInfo.restype = ctypes.c_int

        name = display_name.encode() if display_name else None
        self._display: int | None = self._x11.XOpenDisplay(name)
        if not self._display:
            raise IdleUnavailableError("cannot open the X display")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not self._xss.XScreenSaverQueryExtension(
            self._display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            self.close()
            raise IdleUnavailableError("the X server lacks the MIT-SCREEN-SAVER extension")
        self._root = self._x11.XDefaultRootWindow(self._display)
        self._info = self._xss.XScreenSaverAllocInfo()
        if not self._info:
            self.close()
            raise IdleUnavailableError("XScreenSaverAllocInfo failed")

    def seconds_since_input(self) -> float | None:
        if not self._display:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return int(self._info.contents.idle) / 1000.0

    def close(self) -> None:
        """Release the display connection (and the info buffer); safe to call twice."""
        info = getattr(self, "_info", None)
        if info:
            self._x11.XFree(info)
            self._info = None
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None

    def __del__(self) -> None:
        if getattr(self, "_display", None):
            self.close()
