"""SIGKILL at random moments never loses a reported entry nor damages the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("kill_writer.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.timeout(240)  # 20 interpreter starts: slow on a loaded 2-core machine
def test_killed_writer_loses_nothing_it_reported(db_path: Path) -> None:
    rng = random.Random(7)
    reported: set[int] = set()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(20):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is writing
        assert first.strip().isdigit()
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        proc.stdout.close()
        reported |= {int(x) for x in (first + rest).split()}
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM sitting_bouts")}
    finally:
        conn.close()
    assert reported, "the writer never reported an entry"
    assert reported <= stored
