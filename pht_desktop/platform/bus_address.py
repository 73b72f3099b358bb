"""Is there a session bus? Answered from the environment, without jeepney or a connection.

The D-Bus adapters (jeepney, Linux only) are imported only when this says yes, so a
machine without a bus (a container, a bare X server) and every OS but Linux (where
jeepney is not installed) loads none of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

#: Where the desktop session says its bus is.
SESSION_BUS_ENV = "DBUS_SESSION_BUS_ADDRESS"


def session_bus_address(env: Mapping[str, str] | None = None) -> str | None:
    """The session bus address from the environment, or None (checked without connecting)."""
    source = os.environ if env is None else env
    return source.get(SESSION_BUS_ENV) or None


def may_have_session_bus(platform: str | None = None, env: Mapping[str, str] | None = None) -> bool:
    """Linux with a session bus address: worth importing the D-Bus adapters. (jeepney is
    installed on Linux only, so a BSD desktop's bus is not used: the tray notifies there.)"""
    platform = sys.platform if platform is None else platform
    return platform.startswith("linux") and session_bus_address(env) is not None


#: The system bus, where logind announces sleep: an address, or the D-Bus default socket.
SYSTEM_BUS_ENV = "DBUS_SYSTEM_BUS_ADDRESS"
SYSTEM_BUS_SOCKET = "/var/run/dbus/system_bus_socket"


def system_bus_absent(
    env: Mapping[str, str] | None = None, socket: str = SYSTEM_BUS_SOCKET
) -> str | None:
    """Why there is surely no system bus to connect to, or None when there may be one."""
    source = os.environ if env is None else env
    if source.get(SYSTEM_BUS_ENV) or os.path.exists(socket):
        return None
    return f"no system bus ({SYSTEM_BUS_ENV} unset, no {socket})"
