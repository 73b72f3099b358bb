"""``export``, ``import`` and ``backup`` subcommands: the user's data from a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

AddCommon = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_common: AddCommon) -> None:
    """Add the data subcommands; each accepts ``--data-dir`` after its name."""
    export = sub.add_parser("export", help="write all entries to a zip (CSV or JSON inside)")
    export.add_argument("--out", required=True, metavar="FILE.zip", help="zip file to write")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    add_common(export)
    export.set_defaults(handler=run_export)

    imp = sub.add_parser("import", help="add the entries of an export; all or nothing")
    imp.add_argument("file", metavar="FILE", help="an export zip (or its data.json)")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    add_common(imp)
    imp.set_defaults(handler=run_import)

    backup = sub.add_parser("backup", help="make a consistent backup of the database now")
    add_common(backup)
    backup.set_defaults(handler=run_backup)


class OpenFailedError(Exception):
    """The data folder could not be opened; ``code`` is the exit code (startup_errors)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _open(args: argparse.Namespace) -> Any:
    """A DataService on the chosen data dir; OpenFailedError after printing one line why not."""
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.paths import ensure_private_dir, resolve_paths
    from pht_desktop.services.data import DataService
    from pht_desktop.startup_errors import headless_line
    from pht_desktop.store.db import open_database

    paths = resolve_paths(getattr(args, "data_dir", None))
    try:
        ensure_private_dir(paths.data_dir)
        sessions = open_database(paths.database)
    except Exception as error:
        code, line = headless_line(error, paths.data_dir)
        print(line, file=sys.stderr)
        raise OpenFailedError(code) from error
    return DataService(sessions, SystemClock(), paths.database)


def _close(service: Any) -> None:
    service.engine.dispose()


def run_export(args: argparse.Namespace) -> int:
    try:
        service = _open(args)
    except OpenFailedError as failed:
        return failed.code
    try:
        path = service.export_zip(Path(args.out), args.format)
    except OSError as error:
        print(f"pht-desktop: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        _close(service)
    print(f"Exported to {path} ({args.format}).")
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        service = _open(args)
    except OpenFailedError as failed:
        return failed.code
    try:
        report = service.import_file(Path(args.file), dry_run=args.dry_run)
    finally:
        _close(service)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.lines():
        print(line, file=stream)
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    try:
        service = _open(args)
    except OpenFailedError as failed:
        return failed.code
    try:
        path = service.backup_now()
    except OSError as error:
        print(f"pht-desktop: backup failed: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        _close(service)
    print(f"Backup written: {path}")
    return 0
