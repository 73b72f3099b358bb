"""freedesktop notifications and do-not-disturb over the session bus (jeepney; Linux).

The D-Bus calls run on the session-bus worker (``platform/dbus.py``, jeepney): ``Notify``
goes out with its exact signature ``susssasa{sv}i``, with a time limit, off the GUI
thread. ``notify`` returns at once; if the server then fails or never answers, the
notifier emits ``failed`` and the chain (``notifications.NotifierChain``) shows the same
notification with the next adapter (and later ones skip D-Bus). Do-not-disturb is read
the same way: :class:`DndWatcher` asks once and then follows the server's
``PropertiesChanged``. Imported only where there is a session bus.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Protocol

from jeepney import DBusAddress, HeaderFields, MatchRule, Message
from PySide6.QtCore import QObject, Signal

from pht_desktop.platform.dbus import BusWorker
from pht_desktop.platform.notifications import Actions

log = logging.getLogger(__name__)

NOTIFY_SERVICE = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
NOTIFY_INTERFACE = "org.freedesktop.Notifications"
NOTIFICATIONS = DBusAddress(NOTIFY_PATH, NOTIFY_SERVICE, NOTIFY_INTERFACE)
PROPERTIES = DBusAddress(NOTIFY_PATH, NOTIFY_SERVICE, "org.freedesktop.DBus.Properties")


class NotificationsTransport(Protocol):
    """The three server calls :class:`DBusNotifier` needs (blocking: run on the worker)."""

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


class Runner(Protocol):
    """Where the transport's blocking calls run: the bus worker, or at once in tests."""

    def submit(self, job: Callable[[], None]) -> None: ...


class RunAtOnce:
    """Runs each job immediately (tests with a fake, instant transport)."""

    def submit(self, job: Callable[[], None]) -> None:
        job()


class JeepneyTransport:
    """The freedesktop notification server's methods, with explicit signatures."""

    def __init__(
        self, bus: BusWorker, *, app_name: str = "PHT Desktop", icon: str = "pht-desktop"
    ) -> None:
        self._bus = bus
        self._app_name = app_name
        self._icon = icon

    def capabilities(self) -> list[str]:
        (caps,) = self._bus.call(NOTIFICATIONS, "GetCapabilities")
        return [str(cap) for cap in caps]

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
        variants = {key: ("s", value) for key, value in hints.items()}
        args = (self._app_name, replaces_id, self._icon, summary, body, list(actions), variants)
        (notification_id,) = self._bus.call(NOTIFICATIONS, "Notify", "susssasa{sv}i", (*args, -1))
        return int(notification_id)

    def close(self, notification_id: int) -> None:
        self._bus.call(NOTIFICATIONS, "CloseNotification", "u", (notification_id,))


class DBusNotifier(QObject):
    """freedesktop notifications; one live notification per key (a new one replaces it).

    Every server call is a job on ``runner`` (the bus worker): the id bookkeeping happens
    there too, in order, so a replacement always knows the id it replaces.
    """

    name = "dbus"
    #: (key, action id) when the user clicks the notification ("default") or a button.
    activated = Signal(str, str)
    #: (title, body, key, actions): the server did not show it; the chain tries the rest.
    failed = Signal(str, str, str, object)

    def __init__(
        self,
        transport: NotificationsTransport | None = None,
        *,
        runner: Runner | None = None,
        bus: BusWorker | None = None,
        desktop_entry: str = "pht-desktop",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._ids: dict[str, int] = {}
        self._caps: list[str] | None = None
        self._broken = False
        self._hints = {"desktop-entry": desktop_entry}
        if transport is None and bus is not None:
            transport = JeepneyTransport(bus)
            bus.watch(
                MatchRule(type="signal", interface=NOTIFY_INTERFACE, path=NOTIFY_PATH),
                self._on_bus_signal,
            )
        self._transport = transport
        self._runner: Runner = runner or bus or RunAtOnce()
        if transport is None:
            log.info("D-Bus notifications unavailable: no session bus")

    @property
    def available(self) -> bool:
        """False when there is no session bus, or the server failed once."""
        return self._transport is not None and not self._broken

    def notify(self, title: str, body: str, key: str, actions: Actions = ()) -> bool:
        """Queue it and return at once; a failure later emits ``failed``."""
        if not self.available:
            return False
        self._runner.submit(partial(self._notify_job, title, body, key, tuple(actions)))
        return True

    def close(self, key: str) -> None:
        if self._transport is not None:
            self._runner.submit(partial(self._close_job, key))

    # --- jobs (on the worker) --------------------------------------------------------------

    def _notify_job(self, title: str, body: str, key: str, actions: Actions) -> None:
        transport = self._transport
        assert transport is not None
        try:
            flat: list[str] = []
            if actions and "actions" in self._capabilities(transport):
                for action_id, label in actions:
                    flat += [action_id, label]
            with self._lock:
                replaces = self._ids.get(key, 0)
            notification_id = transport.notify(replaces, title, body, flat, self._hints)
        except Exception as exc:
            log.warning("D-Bus notification failed (%s); using the next adapter", exc)
            self._broken = True
            self.failed.emit(title, body, key, actions)
            return
        with self._lock:
            self._ids[key] = notification_id

    def _capabilities(self, transport: NotificationsTransport) -> list[str]:
        if self._caps is None:
            try:
                self._caps = transport.capabilities()
            except Exception as exc:
                log.debug("GetCapabilities failed: %s", exc)
                return []
        return self._caps

    def _close_job(self, key: str) -> None:
        with self._lock:
            notification_id = self._ids.pop(key, None)
        if notification_id is not None and self._transport is not None:
            try:
                self._transport.close(notification_id)
            except Exception as exc:
                log.debug("CloseNotification failed: %s", exc)

    # --- server signals (on the GUI thread) -----------------------------------------------

    def _on_bus_signal(self, message: Message) -> None:
        self.handle_signal(
            str(message.header.fields.get(HeaderFields.member, "")), list(message.body)
        )

    def handle_action_invoked(self, notification_id: int, action: str) -> None:
        """Map a server notification id back to our key (public so tests can drive it)."""
        with self._lock:
            keys = [key for key, nid in self._ids.items() if nid == notification_id]
        if keys:
            self.activated.emit(keys[0], action)

    def handle_closed(self, notification_id: int) -> None:
        """The server dropped it: a later reminder starts afresh instead of replacing."""
        with self._lock:
            self._ids = {k: v for k, v in self._ids.items() if v != notification_id}

    def handle_signal(self, name: str, args: list[object]) -> None:
        """A server signal: ``ActionInvoked(u id, s action)``, ``NotificationClosed(u, u)``."""
        if not args or not isinstance(args[0], int):
            return
        if name == "ActionInvoked" and len(args) >= 2:
            self.handle_action_invoked(args[0], str(args[1]))
        elif name == "NotificationClosed":
            self.handle_closed(args[0])


class DndWatcher(QObject):
    """Do-not-disturb, from the server's ``Inhibited`` property, without waiting for it.

    Asked once on the bus worker, then kept current from ``PropertiesChanged``;
    :meth:`active` answers from what is known (None until the server has said).
    """

    def __init__(self, bus: BusWorker | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inhibited: bool | None = None
        if bus is None:
            return
        bus.watch(
            MatchRule(
                type="signal",
                interface="org.freedesktop.DBus.Properties",
                member="PropertiesChanged",
                path=NOTIFY_PATH,
            ),
            self._on_changed,
        )
        bus.call_async(PROPERTIES, "Get", "ss", (NOTIFY_INTERFACE, "Inhibited"), self._on_reply)

    def active(self) -> bool | None:
        return self._inhibited

    def _on_reply(self, result: object) -> None:
        if isinstance(result, tuple) and result:
            self._set(result[0])

    def _on_changed(self, message: Message) -> None:
        body = message.body
        changed = body[1] if len(body) >= 2 and body[0] == NOTIFY_INTERFACE else None
        if isinstance(changed, dict) and "Inhibited" in changed:
            self._set(changed["Inhibited"])

    def _set(self, variant: object) -> None:
        # A variant arrives as (signature, value).
        value = variant[1] if isinstance(variant, tuple) and len(variant) == 2 else variant
        self._inhibited = value if isinstance(value, bool) else None
