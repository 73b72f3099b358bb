"""Every way start-up can fail, as one sentence and a distinct exit code.

The GUI shows the sentence in the recovery dialog; headless runs (``--smoke``, the
data subcommands) print it as one line on stderr and exit with the code, never a
traceback alone (issue 12). The traceback still goes to the log.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Final

import sqlalchemy.exc

from pht_desktop.store.db import DatabaseError, UnusableLocationError, describe_os_error

log = logging.getLogger(__name__)

EXIT_REFUSED: Final = 2
"""The database is damaged, from a newer app, or another program's: left untouched."""
EXIT_SMOKE_TIMEOUT: Final = 3
EXIT_LOCATION: Final = 4
"""The data folder or file cannot be used: permissions, read-only place, full disk."""
EXIT_UNEXPECTED: Final = 5
"""Anything else; the traceback is in the log."""


def explain(error: BaseException, data_dir: Path) -> tuple[int, str]:
    """(exit code, one sentence) for an error raised while opening ``data_dir``."""
    if isinstance(error, UnusableLocationError):
        return EXIT_LOCATION, error.message
    if isinstance(error, DatabaseError):
        return EXIT_REFUSED, error.message
    if isinstance(error, (OSError, sqlite3.OperationalError, sqlalchemy.exc.OperationalError)):
        return EXIT_LOCATION, describe_os_error(error, data_dir)
    log.error("start-up failed", exc_info=error)
    return EXIT_UNEXPECTED, (
        f"PHT Desktop could not start ({type(error).__name__}: {error}). "
        "Your data has not been changed; the details are in the log."
    )


def headless_line(error: BaseException, data_dir: Path) -> tuple[int, str]:
    """The one line a terminal user sees (``pht-desktop: …``) and the exit code."""
    code, sentence = explain(error, data_dir)
    return code, f"pht-desktop: {sentence}"
