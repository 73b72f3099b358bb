"""A fresh Python process for tests that need the real start (imports, the GC, the splash)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_offscreen(
    code: str, timeout: float = 120, unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with ``python -c`` on Qt's offscreen platform; output captured as text.

    ``unset`` names environment variables the child must not see (e.g. the session bus).
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in unset:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=timeout
    )


def smoke_start_then(data_dir: Path, report: str) -> list[str]:
    """A real ``--smoke`` start to ready on ``data_dir`` in a fresh process with no session
    bus, then ``report`` (statements run in that process, ``builtins`` and ``sys``
    imported); the lines it printed. The start must succeed and reach ready."""
    code = (
        "import builtins, sys; from pht_desktop.__main__ import main; "
        f"code = main(['--smoke', '--data-dir', {str(data_dir)!r}]); "
        f"{report}; sys.exit(code)"
    )
    done = run_offscreen(code, unset=("DBUS_SESSION_BUS_ADDRESS",))
    assert done.returncode == 0, done.stderr
    assert "ready_ms=" in done.stdout
    return done.stdout.strip().splitlines()
