"""Logging to a rotating file in the platform's log dir, plus stderr.

The log may mention what the app did with the user's data, so it is private (0600,
in a 0700 folder the app makes), and it never holds SQL parameters: every engine has
``hide_parameters`` on, and :func:`redact` strips any that slip into a message.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path
from typing import Any

from pht_desktop.paths import ensure_private_dir

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(|$))", re.DOTALL)


def redact(text: str) -> str:
    """Text for the log or an error dialog with SQL parameter lists removed."""
    return _PARAMETERS.sub("[parameters hidden]", text)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600 (rotation renames keep the mode)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if sys.platform != "win32":
            os.fchmod(fd, 0o600)  # a log an older version left 0644
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def install_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """The file log, or None when its folder cannot be used (logging goes to stderr)."""
    root = logging.getLogger()
    root.setLevel(level)
    log_file = log_dir / "pht-desktop.log"
    try:
        ensure_private_dir(log_dir)
        handler = PrivateRotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        logging.basicConfig(level=level, format=LOG_FORMAT)
        logging.getLogger(__name__).warning(
            "cannot write the log in %s (%s); logging to the terminal only",
            log_dir,
            error.strerror or error,
        )
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    return log_file
