"""Ctrl-C (SIGINT) in a terminal quits the running app cleanly, promptly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_quits_the_app_with_exit_code_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pht_desktop", "--data-dir", str(tmp_path / "d")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    log = tmp_path / "d" / "logs" / "pht-desktop.log"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
        log.exists() and "Qt event loop" in log.read_text(errors="replace")
    ):
        time.sleep(0.1)
    time.sleep(0.5)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)  # generous: a loaded machine, not a hang
    assert process.returncode == 0, err.decode(errors="replace")
    assert time.monotonic() - started < 30  # the app quits on SIGINT; it does not hang
