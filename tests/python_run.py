"""A fresh Python process for tests that need the real start (imports, the GC, the splash)."""

from __future__ import annotations

import os
import subprocess
import sys


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
