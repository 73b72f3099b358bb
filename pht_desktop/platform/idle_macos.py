"""macOS idle time from CoreGraphics: time since any HID input event, no permissions."""

from __future__ import annotations

import ctypes
import sys

from pht_desktop.platform.idle import IdleUnavailableError

_CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
# kCGEventSourceStateHIDSystemState: the hardware's own view, independent of which app
# posted events (kCGEventSourceStateCombinedSessionState = 0 also counts synthetic ones).
_HID_SYSTEM_STATE = 1
_ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType


class MacIdle:
    """``CGEventSourceSecondsSinceLastEventType(HIDSystemState, kCGAnyInputEventType)``."""

    name = "macos-coregraphics"

    def __init__(self) -> None:
        if sys.platform != "darwin":
            raise IdleUnavailableError("CoreGraphics exists only on macOS")
        try:
            cg = ctypes.CDLL(_CORE_GRAPHICS)
        except OSError as exc:
            raise IdleUnavailableError(f"cannot load CoreGraphics: {exc}") from exc
        self._seconds = cg.CGEventSourceSecondsSinceLastEventType
        self._seconds.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        self._seconds.restype = ctypes.c_double

    def seconds_since_input(self) -> float | None:
        if sys.platform != "darwin":
            return None
        value = float(self._seconds(_HID_SYSTEM_STATE, _ANY_INPUT_EVENT))
        return max(0.0, value) if value == value else None  # NaN guard
