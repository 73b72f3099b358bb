"""The garbage collector's policy for one GUI process: held during start-up, then frozen.

Starting allocates ~100,000 objects that live as long as the process (modules, classes,
SQLAlchemy's mappers and compiled statements, Qt wrappers). CPython's collector scans all
of them again in each full collection while they are being made (several during start-up)
and at exit, and each full scan costs ~150 ms on a slow machine: a pause in the GUI and
a third of the quit. So the collector is off while the app starts; once it is ready the
survivors move to the permanent generation (``gc.freeze``) and the collector resumes for
everything made afterwards. The cost: the few cycles of garbage made during start-up
(~1,000 objects, a few hundred KB) are never freed.
"""

from __future__ import annotations

import gc

GC_BACKSTOP_MS = 60_000
"""The collector resumes by then even if the app never said it was ready."""


def hold_collection_during_start() -> None:
    """Called first thing in a GUI process, before the app's imports."""
    gc.disable()


def settle_after_start() -> None:
    """Called once the app is ready (or could not start): freeze, then collect again."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
