"""A second instance asks the first to show itself; nobody else can silence the app.

Issue 12, finding 6: another local user pre-created the socket (its name in the shared
temporary folder was predictable) and the victim's app printed "already running" and
exited 0, so no break reminder ever ran.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.platform import single_instance
from pht_desktop.platform.single_instance import SingleInstance, peer_uid, server_name

ROOT = Path(__file__).resolve().parents[2]
SECOND = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from pht_desktop.platform.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]), folder=Path(sys.argv[2]))
print("first" if instance.acquire() else "shown", instance.warning)
"""


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    return folder


def test_second_instance_brings_the_first_forward(
    qtbot: QtBot, tmp_path: Path, run_dir: Path
) -> None:
    first = SingleInstance(tmp_path / "data", folder=run_dir)
    try:
        assert first.acquire()
        assert first.is_primary
        assert first.warning == ""
        env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
        with qtbot.waitSignal(first.show_requested, timeout=20000):
            second = subprocess.Popen(
                [sys.executable, "-c", SECOND, str(tmp_path / "data"), str(run_dir)],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20000)
        assert second.stdout is not None
        assert second.stdout.read().split()[0] == "shown"
        second.stdout.close()
    finally:
        first.release()


def test_after_release_the_next_start_is_first(tmp_path: Path, run_dir: Path) -> None:
    first = SingleInstance(tmp_path, folder=run_dir)
    assert first.acquire()
    first.release()
    again = SingleInstance(tmp_path, folder=run_dir)
    try:
        assert again.acquire()
    finally:
        again.release()


def test_names_differ_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_a_silent_socket_of_ours_does_not_stop_the_app(tmp_path: Path, run_dir: Path) -> None:
    instance = SingleInstance(tmp_path / "data", folder=run_dir)
    assert instance.path is not None
    squat = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squat.bind(instance.path)
    squat.listen(5)  # accepts, never answers
    try:
        assert instance.acquire()
        assert "did not answer" in instance.warning
        assert instance.is_primary
    finally:
        instance.release()
        squat.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_another_users_socket_is_ignored(tmp_path: Path, run_dir: Path) -> None:
    instance = SingleInstance(tmp_path / "data", folder=run_dir)
    assert instance.path is not None
    squat = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squat.bind(instance.path)
    squat.listen(5)
    os.chown(instance.path, 65534, 65534)
    try:
        assert instance.acquire()
        assert "another user" in instance.warning
        assert instance.is_primary
    finally:
        instance.release()
        squat.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX folders")
@pytest.mark.parametrize("shape", ["world-writable", "symlink", "file"])
def test_a_predictable_shared_folder_made_by_someone_else_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(shared))
    planted = shared / f"pht-desktop-{os.getuid()}"
    if shape == "world-writable":
        planted.mkdir()
        planted.chmod(0o777)
    elif shape == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        planted.symlink_to(tmp_path / "elsewhere")
    else:
        planted.write_text("x")
    assert single_instance.socket_folder({}) is None
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()  # starts, and says why it could not check
    assert instance.warning


def test_the_runtime_folder_is_preferred_and_a_fresh_one_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_dir: Path
) -> None:
    assert single_instance.socket_folder({"XDG_RUNTIME_DIR": str(run_dir)}) == run_dir
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    made = single_instance.socket_folder({})
    assert made == tmp_path / f"pht-desktop-{os.getuid()}"
    assert made.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(not hasattr(socket, "SO_PEERCRED"), reason="Linux SO_PEERCRED")
def test_peer_uid_reads_the_other_ends_user() -> None:
    left, right = socket.socketpair()
    try:
        assert peer_uid(left.fileno()) == os.getuid()
    finally:
        left.close()
        right.close()
