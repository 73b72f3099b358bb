"""Files that are never half-written and never world-readable (issue 12).

Everything the app writes that may hold health data (exports, reports, charts, backups)
goes through :func:`atomic_target`: a private (0600) temporary file beside the target,
fsync-ed, then renamed over it, so a kill or a full disk leaves the old file or the
new one, never a torn one under the user's chosen name. Leftover temporary files are
named ``.<name>.<random>.tmp`` and cleaned at start (``store.db.remove_leftovers``).

Reusable by every layer but ``domain`` (which does no I/O).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

TEMP_SUFFIX: Final = ".tmp"


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where folders cannot be opened."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_temp_beside(target: Path) -> Path:
    """An empty 0600 file in ``target``'s folder, named so start-up can clean it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)  # mkstemp makes it 0600
    return Path(name)


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a private temporary path; on success it replaces ``target`` atomically.

    On any error the temporary file is removed and ``target`` is as it was.
    """
    target = Path(target)
    temporary = private_temp_beside(target)
    try:
        yield temporary
        if sys.platform != "win32":
            temporary.chmod(0o600)  # a writer that re-created the file gets it back private
        fsync_file(temporary)
        os.replace(temporary, target)
        fsync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)
