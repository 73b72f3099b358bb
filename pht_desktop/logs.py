"""Logging to a rotating file in the platform's log dir, plus stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from pht_desktop.paths import ensure_private_dir

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def install_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    ensure_private_dir(log_dir)
    log_file = log_dir / "pht-desktop.log"
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return log_file
