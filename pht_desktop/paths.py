"""Where the user's data lives, resolved once at start-up.

Order: ``--data-dir DIR`` on the command line, then ``PHT_DESKTOP_DATA_DIR``, then
the platform's per-user data dir (platformdirs). Folders the app creates are 0700 on
POSIX because the database holds health data; folders the user made are never chmod-ed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "PHT Desktop"
APP_ID = "pht-desktop"
ENV_DATA_DIR = "PHT_DESKTOP_DATA_DIR"
DB_FILENAME = "pht-desktop.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"


def resolve_paths(cli_data_dir: str | None = None, env: dict[str, str] | None = None) -> AppPaths:
    """Pick the data dir by precedence; do not create anything yet."""
    environ = dict(os.environ) if env is None else env
    chosen = cli_data_dir or environ.get(ENV_DATA_DIR)
    if chosen:
        data_dir = Path(chosen).expanduser().resolve()
        log_dir = data_dir / "logs"
    else:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
        log_dir = Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    return AppPaths(data_dir=data_dir, log_dir=log_dir)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only, if it is missing.

    An existing folder is left exactly as it is: its permissions are the user's
    choice (a shared 1777 folder keeps its sticky bit). Raises OSError when it
    cannot be made.
    """
    missing: list[Path] = []
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):  # each folder the app makes is private, parents too
        new.mkdir(mode=0o700, exist_ok=True)
        if sys.platform != "win32":
            new.chmod(0o700)  # mkdir's mode is masked by the umask
    return path
