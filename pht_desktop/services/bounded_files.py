"""Reading a file the user pointed at, safely: regular files only, never more than a cap.

Run import (issue 14) reads whatever a drop, a file dialog or a watched folder hands it.
A symbolic link is refused (it can point anywhere, and a folder sync tool has no reason
to make one); so is anything that is not a regular file — a FIFO would block the read
for ever, a device would never end. The size is checked on the open file (so a file
swapped after the check cannot slip past) and the read itself stops one byte past the
cap. Written for run files while issue 12's shared bounded reader was not yet on main.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFileError(OSError):
    """A file that is not read; ``reason`` is one sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``), or UnreadableFileError."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise UnreadableFileError("The file is not there any more.") from None
    except OSError as exc:
        raise UnreadableFileError(f"Cannot read the file ({exc.strerror or exc}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise UnreadableFileError("A symbolic link, not a file: choose the file it points to.")
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError("A folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError("Not a regular file (a pipe, socket or device): not read.")
    if info.st_size > limit:
        raise UnreadableFileError(
            f"{_megabytes(info.st_size)}: larger than {_megabytes(limit)}, not a run."
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFileError(f"Cannot open the file ({exc.strerror or exc}).") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise UnreadableFileError(
                "Not a regular file (it changed while being opened): not read."
            )
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableFileError(f"Cannot read the file ({exc.strerror or exc}).") from None
    if len(data) > limit:
        raise UnreadableFileError(f"Larger than {_megabytes(limit)}: not a run.")
    return data
