"""Is the user presenting or gaming? Then a break prompt should wait (best effort)."""

from __future__ import annotations

import sys

# QUERY_USER_NOTIFICATION_STATE values meaning "do not disturb the user now":
# QUNS_BUSY (full-screen app), QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE.
_BUSY_STATES = frozenset({2, 3, 4})


def foreground_is_fullscreen() -> bool | None:
    """True/False on Windows; ``None`` (unknown) elsewhere or when the query fails."""
    if sys.platform != "win32":
        return None
    import ctypes  # Windows only: elsewhere the start does not load it (~0.4 MB)

    state = ctypes.c_int()
    try:
        hresult = ctypes.windll.shell32.SHQueryUserNotificationState(ctypes.byref(state))
    except (OSError, AttributeError):
        return None
    if hresult != 0:
        return None
    return state.value in _BUSY_STATES
