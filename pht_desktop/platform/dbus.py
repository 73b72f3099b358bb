"""The session bus, through jeepney, driven by one worker thread — never the GUI thread.

Every method call is a job on one daemon thread, in order, each with a time limit; a
reply (or the error) comes back to the GUI thread by a queued Qt signal. Signals the bus
sends (a click on a notification, do-not-disturb switched on) arrive on jeepney's
receiver thread and are queued to the GUI thread the same way. jeepney writes each
message from an explicit D-Bus signature (``"susssasa{sv}i"``), so strict servers such
as GNOME Shell and Plasma get exactly the types they expect — no QVariant guessing.

A slow or hung peer costs the worker its time limit; the windows never wait for it.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

#: A call that gets no reply within this long fails (the worker moves on).
CALL_TIMEOUT_S = 2.0

Job = Callable[[], None]
Body = tuple[Any, ...]
SignalHandler = Callable[[Message], None]


class BusUnavailableError(OSError):
    """There is no session bus to talk to (no address, or the connection failed)."""


def session_bus_address(env: dict[str, str] | None = None) -> str | None:
    """The session bus address from the environment, or None (checked without connecting)."""
    source = os.environ if env is None else env
    return source.get("DBUS_SESSION_BUS_ADDRESS") or None


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
        timeout: float = CALL_TIMEOUT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.address = address
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
            self._thread = threading.Thread(target=self._run, name="pht-dbus", daemon=True)
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

    def watch(self, rule: MatchRule, handler: SignalHandler) -> None:
        """Hand every signal matching ``rule`` to ``handler``, on the GUI thread."""
        self._handlers.append((rule, handler))

        def job() -> None:
            try:
                router = self._connected()
                router.filter(rule, queue=_ToGuiThread(self._signalled.emit))
                Proxy(message_bus, router, timeout=self.timeout).AddMatch(rule)
            except Exception as exc:
                log.info("cannot watch %s on the bus: %s", rule.serialise(), exc)

        self.submit(job)

    def close(self) -> None:
        """Stop the worker (it closes the connection itself); never waits."""
        if self._thread is not None:
            self._jobs.put(None)

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
                raise BusUnavailableError(f"no session bus: {exc}") from exc
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

    def _deliver(self, callback: Callable[[Body | Exception], None], result: object) -> None:
        callback(result)  # type: ignore[arg-type]

    def _dispatch(self, message: Message) -> None:
        for rule, handler in list(self._handlers):
            if rule.matches(message):
                handler(message)


_SESSION: list[BusWorker] = []


def session_bus() -> BusWorker | None:
    """The app's one session-bus worker (made on first use), or None without a bus."""
    if not _SESSION:
        address = session_bus_address()
        if address is None:
            return None
        _SESSION.append(BusWorker(address))
    return _SESSION[0]
