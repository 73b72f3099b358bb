"""Kill ``open_database`` at random moments: fork a child per start, SIGKILL it.

Run by ``test_fault_injection``: ``fault_start.py MODE FOLDER COUNT SEED [TEMPLATE]``.
Alembic and the migration scripts are imported once here, so each forked child spends
its short life in the schema work itself (the window the kills aim at). Prints one JSON
object: the folders made and the measured length of an unkilled start.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from alembic import command  # noqa: F401  (loaded before forking)
from alembic.script import ScriptDirectory

from pht_desktop.store import db, schema

DB_NAME = "pht-desktop.sqlite3"


def _prepare(folder: Path, template: Path | None) -> Path:
    folder.mkdir(parents=True)
    path = folder / DB_NAME
    if template is not None:
        shutil.copyfile(template, path)
    return path


def _start_in_child(path: Path) -> int:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            db.open_database(path).kw["bind"].dispose()
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def main() -> None:
    mode, base, count, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    template = Path(sys.argv[5]) if len(sys.argv) > 5 else None
    ScriptDirectory.from_config(schema.alembic_config()).get_current_head()
    rng = random.Random(seed)
    started = time.monotonic()
    pid = _start_in_child(_prepare(base / "measure", template))
    os.waitpid(pid, 0)
    window = time.monotonic() - started
    folders = []
    for n in range(count):
        folder = base / f"{mode}-{n}"
        pid = _start_in_child(_prepare(folder, template))
        time.sleep(rng.uniform(0.0, window * 1.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        folders.append(str(folder))
    print(json.dumps({"window_s": window, "folders": folders}))


if __name__ == "__main__":
    main()
