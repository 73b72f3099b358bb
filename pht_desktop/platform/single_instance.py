"""One app per user and data folder: a second start brings the first window forward.

Two processes on one SQLite file would each run a break scheduler and prompt twice.
The first instance listens on a local socket; a later one connects, sends ``show``,
waits for ``ok`` and exits.

Nobody else can squat the socket (issue 12, finding 6): it lives in the user's own
runtime folder (``XDG_RUNTIME_DIR``, or a 0700 ``pht-desktop-<uid>`` folder in the
temporary folder that must be a real folder owned by the user), and both ends check
the other's user id (``SO_PEERCRED``) where the system offers it. A stale, foreign or
silent socket never makes the app exit: it says so and starts.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import socket
import stat
import struct
import sys
import tempfile
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW_MESSAGE = b"show\n"
ACK_MESSAGE = b"ok\n"
CONNECT_TIMEOUT_MS = 500
ACK_TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    """A short, per-user, per-data-folder name (socket paths have a length limit)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()
    return f"pht-desktop-{digest[:20]}"


def _private_folder(path: Path, create: bool) -> Path | None:
    """``path`` if it is a real folder of this user that nobody else may enter."""
    if sys.platform == "win32":
        return path
    if create:
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as error:
            log.warning("single instance: cannot create %s (%s)", path, error)
            return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        log.warning("single instance: %s is not a private folder of this user; not used", path)
        return None
    return path


def socket_folder(environ: dict[str, str] | None = None) -> Path | None:
    """Where this user's socket lives; None when no folder is safe (then no socket)."""
    env = os.environ if environ is None else environ
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and (found := _private_folder(Path(runtime), create=False)) is not None:
        return found
    if sys.platform == "win32":
        return None  # Qt's named pipes are per-session already
    return _private_folder(Path(tempfile.gettempdir()) / f"pht-desktop-{os.getuid()}", True)


def peer_uid(descriptor: int) -> int | None:
    """The user id at the other end of a Unix socket (Linux SO_PEERCRED), else None."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or descriptor < 0:
        return None
    try:
        dup = socket.socket(fileno=os.dup(descriptor))
    except OSError:
        return None
    try:
        creds = dup.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    finally:
        dup.close()
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


def _same_user(descriptor: int) -> bool:
    uid = peer_uid(descriptor)
    return uid is None or sys.platform == "win32" or uid == os.getuid()


class Answer(Enum):
    """What a running instance said when asked to show itself."""

    NONE = "none"  # nobody listens: become the first instance
    SHOWN = "shown"  # ours answered: this start should exit
    FOREIGN = "foreign"  # someone else's socket, or it never answered: start anyway


class SingleInstance(QObject):
    """Call :meth:`acquire` at start-up; False means "another instance was asked to show"."""

    show_requested = Signal()

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.folder = folder if folder is not None else socket_folder()
        self.path: str | None = (
            None if self.folder is None else str(self.folder / f"{self.name}.sock")
        )
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []
        self.warning = ""
        """Said to the user when this start could not be sure it is alone."""

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self) -> bool:
        """Become the listening instance, or tell the running one to show itself.

        True means "start": also when the socket is foreign, stale or silent (then
        :attr:`warning` says why), so nobody can stop the break reminders this way.
        """
        if self.path is None:
            self.warning = "No private folder for the single-instance socket; not checked."
            log.warning("single instance: %s", self.warning)
            return True
        answer = self._notify_running()
        if answer is Answer.SHOWN:
            return False
        if answer is Answer.FOREIGN:
            log.warning("single instance: %s", self.warning)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.path):
            # Nobody of ours answered, so the socket is stale (a crash): replace it.
            QLocalServer.removeServer(self.path)
            if not server.listen(self.path):
                log.warning("single instance: cannot listen (%s)", server.errorString())
                return True  # run anyway rather than refuse to start
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _notify_running(self) -> Answer:
        assert self.path is not None
        try:
            owner = os.lstat(self.path).st_uid
        except OSError:
            return Answer.NONE
        if sys.platform != "win32" and owner != os.getuid():
            self.warning = f"{self.path} belongs to another user; ignored."
            return Answer.FOREIGN
        client = QLocalSocket()
        client.connectToServer(self.path)
        if not client.waitForConnected(CONNECT_TIMEOUT_MS):
            client.abort()
            return Answer.NONE
        if not _same_user(int(client.socketDescriptor())):
            client.abort()
            self.warning = "The app's socket is served by another user; ignored."
            return Answer.FOREIGN
        client.write(SHOW_MESSAGE)
        client.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        answered = b""
        while ACK_MESSAGE not in answered and client.waitForReadyRead(ACK_TIMEOUT_MS):
            answered += bytes(client.readAll().data())
        client.abort()
        if ACK_MESSAGE not in answered:
            self.warning = "Another PHT Desktop did not answer; starting this one."
            return Answer.FOREIGN
        return Answer.SHOWN

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if not _same_user(int(client.socketDescriptor())):
                log.warning("single instance: a connection from another user was refused")
                client.abort()
                client.deleteLater()
                continue
            self._clients.append(client)
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._drop(c))
            if client.bytesAvailable():
                self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        data = bytes(client.readAll().data())
        if SHOW_MESSAGE.strip() in data:
            client.write(ACK_MESSAGE)
            client.flush()
            self.show_requested.emit()

    def _drop(self, client: QLocalSocket) -> None:
        if client in self._clients:
            if client.bytesAvailable():
                self._read(client)
            self._clients.remove(client)
            # No Python slot may run while Qt destroys it (with the server, or later).
            client.readyRead.disconnect()
            client.disconnected.disconnect()
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
