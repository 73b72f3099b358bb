"""One app per user and data folder: a second start brings the first window forward.

Two processes on one SQLite file would each run a break scheduler and prompt twice.
The first instance listens on a local socket named after the user and the data
folder (so a second data folder may run alongside); a later one connects, sends
``show`` and should exit. A socket left by a crashed instance is detected (nobody
answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW_MESSAGE = b"show\n"
CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    """A short, per-user, per-data-folder name (socket paths have a length limit)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()
    return f"pht-desktop-{digest[:20]}"


class SingleInstance(QObject):
    """Call :meth:`acquire` at start-up; False means "another instance was asked to show"."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self) -> bool:
        """Become the listening instance, or tell the running one to show itself."""
        if self._notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered, so the socket is stale (a crash): remove it and retry.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single instance: cannot listen (%s)", server.errorString())
                return True  # run anyway rather than refuse to start
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _notify_running(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.abort()
            return False
        socket.write(SHOW_MESSAGE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            self._clients.append(client)
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._drop(c))
            if client.bytesAvailable():
                self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        data = bytes(client.readAll().data())
        if SHOW_MESSAGE.strip() in data:
            self.show_requested.emit()

    def _drop(self, client: QLocalSocket) -> None:
        if client in self._clients:
            if client.bytesAvailable():
                self._read(client)
            self._clients.remove(client)
            client.deleteLater()

    def release(self) -> None:
        """Stop listening (quitting), so the next start becomes the first instance."""
        for client in self._clients:
            # Disconnect first: a socket destroyed later must not call back into Python.
            client.readyRead.disconnect()
            client.disconnected.disconnect()
            client.abort()
            client.deleteLater()
        self._clients.clear()
        if self._server is not None:
            self._server.newConnection.disconnect()
            self._server.close()
            self._server.deleteLater()
            self._server = None
