"""Desktop notifications through adapters tried in order, ending in a silent fallback.

``DBusNotifier`` (freedesktop notifications: GNOME, KDE, XFCE, dunst, mako...) comes
first, then ``TrayNotifier`` (a tray balloon; Windows and macOS), then ``NullNotifier``.
:class:`NotifierChain` tries them one by one: an adapter that raises or returns False
hands over to the next, and nothing ever raises out of the chain; a missed reminder is
bad, a crashed app is worse.

Why libdbus through ctypes rather than QtDBus for the notification server: PySide6 has
no typed ``QVariant``, so QtDBus marshals every Python int as ``int32`` and an empty list
as ``av``, while ``Notify`` takes ``susssasa{sv}i`` and strict servers (GNOME Shell,
Plasma) reject any other signature. libdbus is loaded anyway (QtDBus uses it); we open
a private connection, used on the GUI thread only, so calls can time out and signals
sent to the notifying connection (``ActionInvoked``) are seen. On Windows and macOS
there is no libdbus and the chain moves on to the tray.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

NOTIFY_SERVICE = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
NOTIFY_INTERFACE = "org.freedesktop.Notifications"
_TIMEOUT_MS = 2000


@runtime_checkable
class Notifier(Protocol):
    """One way of showing a notification. ``key`` names what it is about (e.g. "break")."""

    name: str

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        """Show it; False (or an exception) means "not shown, try the next adapter"."""
        ...

    def close(self, key: str) -> None:
        """Withdraw the notification shown for ``key``, if the adapter can."""
        ...


# --------------------------------------------------------------------------- libdbus

_SESSION_BUS = 0  # DBUS_BUS_SESSION


class _DBusError(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("dummy", ctypes.c_uint),
        ("padding1", ctypes.c_void_p),
    ]

    def text(self) -> str:
        return f"{(self.name or b'').decode()}: {(self.message or b'').decode()}"


# DBusMessageIter is an opaque stack struct (72 bytes on 64-bit): reserve more.
class _Iter(ctypes.Array[ctypes.c_void_p]):
    _type_ = ctypes.c_void_p
    _length_ = 16


_S, _U, _I, _B, _A, _V, _E = (ord(c) for c in "suibave")


class Int32(int):
    """An int to send as ``int32``; plain ints go out as ``uint32``."""


_Arg = str | int | Sequence[str] | Mapping[str, str]
_Value = str | int | bool | list[str] | None


def _signatures() -> dict[str, tuple[list[Any], Any]]:
    vp, cp, ci, err = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_DBusError)
    return {
        "dbus_error_init": ([err], None),
        "dbus_error_free": ([err], None),
        "dbus_error_is_set": ([err], ci),
        "dbus_bus_get_private": ([ci, err], vp),
        "dbus_bus_add_match": ([vp, cp, err], None),
        "dbus_connection_set_exit_on_disconnect": ([vp, ci], None),
        "dbus_connection_get_unix_fd": ([vp, ctypes.POINTER(ci)], ci),
        "dbus_connection_read_write": ([vp, ci], ci),
        "dbus_connection_pop_message": ([vp], vp),
        "dbus_connection_close": ([vp], None),
        "dbus_connection_unref": ([vp], None),
        "dbus_connection_send_with_reply_and_block": ([vp, vp, ci, err], vp),
        "dbus_message_new_method_call": ([cp, cp, cp, cp], vp),
        "dbus_message_is_signal": ([vp, cp, cp], ci),
        "dbus_message_unref": ([vp], None),
        "dbus_message_iter_init_append": ([vp, vp], None),
        "dbus_message_iter_append_basic": ([vp, ci, vp], ci),
        "dbus_message_iter_open_container": ([vp, ci, cp, vp], ci),
        "dbus_message_iter_close_container": ([vp, vp], ci),
        "dbus_message_iter_init": ([vp, vp], ci),
        "dbus_message_iter_next": ([vp], ci),
        "dbus_message_iter_recurse": ([vp, vp], None),
        "dbus_message_iter_get_arg_type": ([vp], ci),
        "dbus_message_iter_get_basic": ([vp, vp], None),
    }


_lib: ctypes.CDLL | None = None


def _libdbus() -> ctypes.CDLL:
    """libdbus-1, loaded once (it is already in the process: QtDBus uses it)."""
    global _lib
    if _lib is None:
        lib = ctypes.CDLL(ctypes.util.find_library("dbus-1") or "libdbus-1.so.3")
        for fname, (argtypes, restype) in _signatures().items():
            func = getattr(lib, fname)
            func.argtypes = argtypes
            func.restype = restype
        _lib = lib
    return _lib


def _append(lib: ctypes.CDLL, it: _Iter, value: _Arg) -> None:
    """Append str as ``s``, int as ``u`` (Int32 as ``i``), list as ``as``, dict as ``a{sv}``."""
    ok = True
    if isinstance(value, Int32):
        ok = lib.dbus_message_iter_append_basic(it, _I, ctypes.byref(ctypes.c_int32(value)))
    elif isinstance(value, str):
        text = ctypes.c_char_p(value.encode())
        ok = lib.dbus_message_iter_append_basic(it, _S, ctypes.byref(text))
    elif isinstance(value, int):
        ok = lib.dbus_message_iter_append_basic(it, _U, ctypes.byref(ctypes.c_uint32(value)))
    elif isinstance(value, Mapping):
        arr = _Iter()
        ok = lib.dbus_message_iter_open_container(it, _A, b"{sv}", arr)
        for k, v in value.items():
            entry, var = _Iter(), _Iter()
            lib.dbus_message_iter_open_container(arr, _E, None, entry)
            _append(lib, entry, k)
            lib.dbus_message_iter_open_container(entry, _V, b"s", var)
            _append(lib, var, v)
            lib.dbus_message_iter_close_container(entry, var)
            lib.dbus_message_iter_close_container(arr, entry)
        ok = ok and lib.dbus_message_iter_close_container(it, arr)
    else:
        arr = _Iter()
        ok = lib.dbus_message_iter_open_container(it, _A, b"s", arr)
        for item in value:
            _append(lib, arr, item)
        ok = ok and lib.dbus_message_iter_close_container(it, arr)
    if not ok:
        raise MemoryError("libdbus could not append an argument")


def _read(lib: ctypes.CDLL, it: _Iter) -> _Value:
    kind = lib.dbus_message_iter_get_arg_type(it)
    if kind == _S:
        text = ctypes.c_char_p()
        lib.dbus_message_iter_get_basic(it, ctypes.byref(text))
        return (text.value or b"").decode()
    if kind == _U:
        unsigned = ctypes.c_uint32()
        lib.dbus_message_iter_get_basic(it, ctypes.byref(unsigned))
        return int(unsigned.value)
    if kind == _B:
        flag = ctypes.c_uint32()  # dbus_bool_t
        lib.dbus_message_iter_get_basic(it, ctypes.byref(flag))
        return bool(flag.value)
    if kind == _A:
        sub, items = _Iter(), []
        lib.dbus_message_iter_recurse(it, sub)
        while lib.dbus_message_iter_get_arg_type(sub) == _S:
            items.append(str(_read(lib, sub)))
            lib.dbus_message_iter_next(sub)
        return items
    return None


def _read_all(lib: ctypes.CDLL, message: int) -> list[_Value]:
    it, out = _Iter(), []
    if lib.dbus_message_iter_init(message, it):
        while lib.dbus_message_iter_get_arg_type(it) != 0:
            out.append(_read(lib, it))
            lib.dbus_message_iter_next(it)
    return out


# --------------------------------------------------------------------------- adapters


class NotificationsTransport(Protocol):
    """The three server calls :class:`DBusNotifier` needs; tests pass a fake."""

    def capabilities(self) -> list[str]: ...

    def notify(
        self,
        replaces_id: int,
        summary: str,
        body: str,
        actions: Sequence[str],
        hints: Mapping[str, str],
    ) -> int: ...

    def close(self, notification_id: int) -> None: ...


SignalHandler = Callable[[str, list[_Value]], None]


class LibDBusTransport:
    """Our own private session-bus connection, used only from the GUI thread.

    Signals the server sends (``ActionInvoked``, ``NotificationClosed``; Plasma sends them
    to the notifying connection only) are read when a ``QSocketNotifier`` sees the socket
    readable, and after each call (a blocking call may have queued some already).
    """

    def __init__(
        self,
        on_signal: SignalHandler | None = None,
        *,
        app_name: str = "PHT Desktop",
        icon: str = "pht-desktop",
    ) -> None:
        if sys.platform in ("win32", "darwin"):
            raise OSError("no freedesktop notifications on this platform")
        self._lib = lib = _libdbus()
        self._on_signal = on_signal
        self._app_name = app_name
        self._icon = icon
        err = _DBusError()
        lib.dbus_error_init(ctypes.byref(err))
        conn = lib.dbus_bus_get_private(_SESSION_BUS, ctypes.byref(err))
        if lib.dbus_error_is_set(ctypes.byref(err)) or not conn:
            text = err.text()
            lib.dbus_error_free(ctypes.byref(err))
            raise OSError(f"no session bus: {text}")
        self._conn: int | None = conn
        lib.dbus_connection_set_exit_on_disconnect(conn, 0)  # libdbus would _exit() otherwise
        rule = f"type='signal',interface='{NOTIFY_INTERFACE}',path='{NOTIFY_PATH}'"
        lib.dbus_bus_add_match(conn, rule.encode(), None)
        fd = ctypes.c_int(-1)
        self._watcher: QSocketNotifier | None = None
        if lib.dbus_connection_get_unix_fd(conn, ctypes.byref(fd)):
            self._watcher = QSocketNotifier(fd.value, QSocketNotifier.Type.Read)
            self._watcher.activated.connect(self._on_readable)

    def _call(self, method: str, args: Sequence[_Arg]) -> list[_Value]:
        lib, conn = self._lib, self._conn
        if not conn:
            raise OSError("connection closed")
        msg = lib.dbus_message_new_method_call(
            NOTIFY_SERVICE.encode(),
            NOTIFY_PATH.encode(),
            NOTIFY_INTERFACE.encode(),
            method.encode(),
        )
        if not msg:
            raise MemoryError("dbus_message_new_method_call failed")
        err = _DBusError()
        lib.dbus_error_init(ctypes.byref(err))
        try:
            it = _Iter()
            lib.dbus_message_iter_init_append(msg, it)
            for arg in args:
                _append(lib, it, arg)
            reply = lib.dbus_connection_send_with_reply_and_block(
                conn, msg, _TIMEOUT_MS, ctypes.byref(err)
            )
        finally:
            lib.dbus_message_unref(msg)
        if lib.dbus_error_is_set(ctypes.byref(err)) or not reply:
            text = err.text()
            lib.dbus_error_free(ctypes.byref(err))
            raise OSError(f"{method} failed: {text}")
        try:
            return _read_all(lib, reply)
        finally:
            lib.dbus_message_unref(reply)
            QTimer.singleShot(0, self.drain)

    def capabilities(self) -> list[str]:
        values = self._call("GetCapabilities", [])
        return values[0] if values and isinstance(values[0], list) else []

    def notify(
        self,
        replaces_id: int,
        summary: str,
        body: str,
        actions: Sequence[str],
        hints: Mapping[str, str],
    ) -> int:
        # Notify(s app_name, u replaces_id, s app_icon, s summary, s body, as actions,
        #        a{sv} hints, i expire_timeout); -1 = the server's default timeout.
        app, icon = self._app_name, self._icon
        args: list[_Arg] = [app, replaces_id, icon, summary, body, list(actions), hints]
        values = self._call("Notify", [*args, Int32(-1)])
        if not values or not isinstance(values[0], int):
            raise OSError("Notify returned no id")
        return values[0]

    def close(self, notification_id: int) -> None:
        self._call("CloseNotification", [notification_id])

    def _on_readable(self) -> None:
        if self._conn and not self._lib.dbus_connection_read_write(self._conn, 0):
            log.info("notification server connection lost")
            self.shutdown()
            return
        self.drain()

    def drain(self) -> None:
        """Hand queued signals to ``on_signal``; ignore everything else."""
        lib = self._lib
        while self._conn:
            msg = lib.dbus_connection_pop_message(self._conn)
            if not msg:
                return
            try:
                for name in (b"ActionInvoked", b"NotificationClosed"):
                    if lib.dbus_message_is_signal(msg, NOTIFY_INTERFACE.encode(), name):
                        if self._on_signal is not None:
                            self._on_signal(name.decode(), _read_all(lib, msg))
                        break
            finally:
                lib.dbus_message_unref(msg)

    def shutdown(self) -> None:
        """Close the connection (also done at garbage collection); safe to call twice."""
        if self._watcher is not None:
            self._watcher.setEnabled(False)
            self._watcher = None
        if self._conn:
            self._lib.dbus_connection_close(self._conn)
            self._lib.dbus_connection_unref(self._conn)
            self._conn = None

    def __del__(self) -> None:
        if getattr(self, "_conn", None):
            self.shutdown()


class DBusNotifier(QObject):
    """freedesktop notifications; one live notification per key (a new one replaces it)."""

    name = "dbus"
    #: (key, action id) when the user clicks the notification ("default") or a button.
    activated = Signal(str, str)

    def __init__(
        self,
        transport: NotificationsTransport | None = None,
        *,
        desktop_entry: str = "pht-desktop",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ids: dict[str, int] = {}
        self._caps: list[str] | None = None
        self._hints = {"desktop-entry": desktop_entry}
        if transport is None:
            try:
                transport = LibDBusTransport(self.handle_signal)
            except OSError as exc:
                log.info("D-Bus notifications unavailable: %s", exc)
        self._transport = transport

    @property
    def available(self) -> bool:
        """False when there is no session bus at all."""
        return self._transport is not None

    def capabilities(self) -> list[str]:
        """The server's capabilities, asked once; [] when it cannot tell."""
        if self._caps is None and self._transport is not None:
            try:
                self._caps = self._transport.capabilities()
            except Exception as exc:
                log.debug("GetCapabilities failed: %s", exc)
                return []
        return self._caps or []

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        if self._transport is None:
            return False
        flat: list[str] = []
        if actions and "actions" in self.capabilities():
            for action_id, label in actions:
                flat += [action_id, label]
        self._ids[key] = self._transport.notify(
            self._ids.get(key, 0), title, body, flat, self._hints
        )
        return True

    def close(self, key: str) -> None:
        nid = self._ids.pop(key, None)
        if nid is not None and self._transport is not None:
            self._transport.close(nid)

    def handle_action_invoked(self, notification_id: int, action: str) -> None:
        """Map a server notification id back to our key (public so tests can drive it)."""
        for key, nid in self._ids.items():
            if nid == notification_id:
                self.activated.emit(key, action)
                return

    def handle_closed(self, notification_id: int) -> None:
        """The server dropped it: a later reminder starts afresh instead of replacing."""
        self._ids = {k: v for k, v in self._ids.items() if v != notification_id}

    def handle_signal(self, name: str, args: list[_Value]) -> None:
        """A server signal, from the transport."""
        if not args or not isinstance(args[0], int):
            return
        if name == "ActionInvoked" and len(args) >= 2:
            self.handle_action_invoked(args[0], str(args[1]))
        elif name == "NotificationClosed":
            self.handle_closed(args[0])


class TrayNotifier(QObject):
    """A tray balloon: used when D-Bus notifications are missing (Windows, macOS, no server)."""

    name = "tray"
    activated = Signal(str, str)

    def __init__(
        self,
        tray: QSystemTrayIcon | None,
        *,
        msecs: int = 15000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._msecs = msecs
        self._last_key: str | None = None
        if tray is not None:
            tray.messageClicked.connect(self._on_clicked)

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        # Balloons have no buttons: clicking one reports the "default" action.
        tray = self._tray
        if tray is None or not tray.isVisible() or not QSystemTrayIcon.supportsMessages():
            return False
        tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, self._msecs)
        self._last_key = key
        return True

    def close(self, key: str) -> None:
        """A balloon cannot be withdrawn; forget it so a late click does nothing."""
        if self._last_key == key:
            self._last_key = None

    @Slot()
    def _on_clicked(self) -> None:
        if self._last_key is not None:
            self.activated.emit(self._last_key, "default")


class NullNotifier:
    """Shows nothing and says it is done: the app's own window remains the reminder."""

    name = "none"

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        log.debug("notification not shown (no notifier): %s", title)
        return True

    def close(self, key: str) -> None:
        return None


class NotifierChain(QObject):
    """Tries each adapter in order; never raises; re-emits any adapter's ``activated``."""

    activated = Signal(str, str)

    def __init__(self, adapters: Sequence[Notifier], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._adapters = list(adapters)
        for adapter in self._adapters:
            signal = getattr(adapter, "activated", None)
            if signal is not None:
                signal.connect(self.activated)

    @property
    def adapters(self) -> list[Notifier]:
        return list(self._adapters)

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> str | None:
        """Return the name of the adapter that showed it, or None if none did."""
        for adapter in self._adapters:
            name = getattr(adapter, "name", type(adapter).__name__)
            try:
                if adapter.notify(title, body, key, actions):
                    return str(name)
                log.debug("notifier %s declined", name)
            except Exception as exc:
                log.warning("notifier %s failed: %s", name, exc)
        log.warning("no notifier could show %r", title)
        return None

    def close(self, key: str) -> None:
        """Withdraw ``key``'s notification everywhere it may have been shown."""
        for adapter in self._adapters:
            try:
                adapter.close(key)
            except Exception as exc:
                log.debug("notifier %s could not close %r: %s", adapter.name, key, exc)


def default_notifiers(tray: QSystemTrayIcon | None = None) -> NotifierChain:
    """D-Bus, then the tray, then nothing: the order every platform uses."""
    return NotifierChain([DBusNotifier(), TrayNotifier(tray), NullNotifier()])


def dnd_active(bus: QDBusConnection | None = None) -> bool | None:
    """Do-not-disturb, from the server's ``Inhibited`` property; None when it cannot tell."""
    bus = QDBusConnection.sessionBus() if bus is None else bus
    if not bus.isConnected():
        return None
    msg = QDBusMessage.createMethodCall(
        NOTIFY_SERVICE, NOTIFY_PATH, "org.freedesktop.DBus.Properties", "Get"
    )
    msg.setArguments([NOTIFY_INTERFACE, "Inhibited"])
    reply = bus.call(msg, QDBus.CallMode.Block, 500)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return None
    value = reply.arguments()[0]
    if hasattr(value, "variant"):
        value = value.variant()
    return value if isinstance(value, bool) else None
