"""D-Bus through jeepney, each bus driven by one worker thread — never the GUI thread.

The session bus (notifications, do-not-disturb, idle time) and the system bus (logind's
sleep notices) are the app's only D-Bus stack: QtDBus is never loaded. Every method
call is a job on the bus's daemon thread, in order, each with a time limit; a reply (or
the error) comes back to the GUI thread by a queued Qt signal. Signals the bus sends (a
click on a notification, do-not-disturb switched on, the machine going to sleep) arrive
on jeepney's receiver thread and are queued to the GUI thread the same way. jeepney
writes each message from an explicit D-Bus signature (``"susssasa{sv}i"``), so strict
servers such as GNOME Shell and Plasma get exactly the types they expect — no QVariant
guessing.

A slow or hung peer costs the worker its time limit; the windows never wait for it.
"""

from __future__ import annotations

import copy
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, MatchRule, Message, MessageType, new_method_call
from jeepney.bus import get_bus
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QObject, Signal

from pht_desktop.platform.bus_address import session_bus_address

log = logging.getLogger(__name__)

#: A call that gets no reply within this long fails (the worker moves on).
CALL_TIMEOUT_S = 2.0
#: jeepney's name for the system bus: ``$DBUS_SYSTEM_BUS_ADDRESS`` or the standard socket.
SYSTEM_BUS = "SYSTEM"

Job = Callable[[], None]
Body = tuple[Any, ...]
SignalHandler = Callable[[Message], None]
#: Told on the GUI thread whether a :meth:`BusWorker.watch` took: None, or why not.
WatchOutcome = Callable[[Exception | None], None]


class BusUnavailableError(OSError):
    """There is no bus to talk to (no address, or the connection failed)."""


def _where(address: str) -> str:
    """The socket an address names ("SYSTEM" alone does not say which), for messages."""
    try:
        return str(get_bus(address))
    except Exception:
        return address


class _ToGuiThread:
    """What jeepney's router puts matching signals into: a queue that emits instead."""

    def __init__(self, emit: Callable[[Message], None]) -> None:
        self._emit = emit

    def put_nowait(self, message: Message) -> None:
        self._emit(message)


class BusWorker(QObject):
    """One connection to one bus, used only from its own worker thread."""

    #: (callback, result or exception), emitted on the worker, delivered on the GUI thread.
    _replied = Signal(object, object)
    #: A signal message from the bus, delivered on the GUI thread.
    _signalled = Signal(object)

    def __init__(
        self,
        address: str,
        *,
        name: str = "session",
        timeout: float = CALL_TIMEOUT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.address = address
        self.name = name
        self.timeout = timeout
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._router: DBusRouter | None = None
        self._handlers: list[tuple[MatchRule, SignalHandler]] = []
        self._replied.connect(self._deliver)
        self._signalled.connect(self._dispatch)

    # --- from the GUI thread -------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Run ``job`` on the worker thread, after the jobs before it."""
        if self._thread is None:
            name = f"pht-dbus-{self.name}"
            self._thread = threading.Thread(target=self._run, name=name, daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def call_async(
        self,
        address: DBusAddress,
        method: str,
        signature: str | None = None,
        body: Body = (),
        on_reply: Callable[[Body | Exception], None] | None = None,
    ) -> None:
        """Call ``method``; ``on_reply`` gets the reply body (or the error) on the GUI thread."""

        def job() -> None:
            try:
                result: Body | Exception = self.call(address, method, signature, body)
            except Exception as exc:  # any failure is the caller's answer, never a crash
                result = exc
            if on_reply is not None:
                self._replied.emit(on_reply, result)

        self.submit(job)

    def watch(
        self,
        rule: MatchRule,
        handler: SignalHandler,
        *,
        sender: str | None = None,
        on_watching: WatchOutcome | None = None,
    ) -> None:
        """Hand every signal matching ``rule`` to ``handler``, on the GUI thread.

        ``sender`` (a well-known name such as logind's) is checked by the bus only: a
        signal carries its sender's unique name, so a local check would drop them all.
        ``on_watching`` learns, on the GUI thread, whether the subscription took.
        """
        self._handlers.append((rule, handler))
        subscription = copy.copy(rule)
        if sender is not None:
            subscription.header_fields = {**rule.header_fields, "sender": sender}

        def job() -> None:
            outcome: Exception | None = None
            try:
                router = self._connected()
                router.filter(rule, queue=_ToGuiThread(self._signalled.emit))
                Proxy(message_bus, router, timeout=self.timeout).AddMatch(subscription)
            except Exception as exc:
                log.info("cannot watch %s on the bus: %s", subscription.serialise(), exc)
                outcome = exc
            if on_watching is not None:
                self._replied.emit(on_watching, outcome)

        self.submit(job)

    def close(self, wait: float = 0.0) -> None:
        """Stop the worker (it closes the connection itself); the app never waits.

        ``wait`` is for tests: a bus taken away under a live connection kills jeepney's
        receiver thread with an error, so they wait for the worker before stopping it.
        """
        if self._thread is not None:
            self._jobs.put(None)
            if wait > 0:
                self._thread.join(wait)

    # --- on the worker thread --------------------------------------------------------------

    def call(
        self, address: DBusAddress, method: str, signature: str | None = None, body: Body = ()
    ) -> Body:
        """A blocking call with the time limit: only for jobs, never the GUI thread."""
        message = new_method_call(address, method, signature, body)
        reply = self._connected().send_and_get_reply(message, timeout=self.timeout)
        if reply.header.message_type is MessageType.error:
            raise DBusErrorResponse(reply)
        return tuple(reply.body)

    def _connected(self) -> DBusRouter:
        if self._router is None:
            try:
                connection = open_dbus_connection(self.address, auth_timeout=self.timeout)
            except Exception as exc:
                where = _where(self.address)
                raise BusUnavailableError(f"no {self.name} bus at {where}: {exc}") from exc
            self._router = DBusRouter(connection)
        return self._router

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                break
            try:
                job()
            except Exception:
                log.exception("D-Bus job failed")
        router, self._router = self._router, None
        if router is not None:
            router.close()
            router.conn.close()

    # --- back on the GUI thread ------------------------------------------------------------

    def _deliver(self, callback: Callable[[Any], None], result: object) -> None:
        callback(result)

    def _dispatch(self, message: Message) -> None:
        for rule, handler in list(self._handlers):
            if rule.matches(message):
                handler(message)


_WORKERS: dict[str, BusWorker] = {}


def session_bus() -> BusWorker | None:
    """The app's one session-bus worker (made on first use), or None without a bus."""
    if "session" not in _WORKERS:
        address = session_bus_address()
        if address is None:
            return None
        _WORKERS["session"] = BusWorker(address, name="session")
    return _WORKERS["session"]


def system_bus() -> BusWorker:
    """The app's one system-bus worker (made on first use).

    Whether the bus is there is learnt on the worker (a missing socket is a failed
    connect there), so asking never touches the bus from the GUI thread.
    """
    if "system" not in _WORKERS:
        _WORKERS["system"] = BusWorker(SYSTEM_BUS, name="system")
    return _WORKERS["system"]
