"""``import-runs FILE…``: runs from watch files (GPX, TCX, FIT) from a terminal (issue 14).

One line per file (imported, already there, skipped, refused), then a summary. A file
that matches a run typed by hand is only merged with ``--merge``; without it nothing is
written for that file and the line says so. Exit code 0 when every file was imported
or recognised, 1 when any file was refused or left unmerged, 2 for a database problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

AddCommon = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_common: AddCommon) -> None:
    runs = sub.add_parser(
        "import-runs", help="import runs from GPX, TCX or FIT files (one line per file)"
    )
    runs.add_argument("files", nargs="+", metavar="FILE", help="run files (.gpx .tcx .fit, .gz)")
    runs.add_argument(
        "--merge",
        action="store_true",
        help="merge a file into the matching run you typed by hand (otherwise: listed only)",
    )
    add_common(runs)
    runs.set_defaults(handler=run_import_runs)


def run_import_runs(args: argparse.Namespace) -> int:
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.paths import ensure_private_dir, resolve_paths
    from pht_desktop.services.registry import build_services
    from pht_desktop.store.db import DatabaseError

    paths = resolve_paths(getattr(args, "data_dir", None))
    ensure_private_dir(paths.data_dir)
    try:
        services = build_services(paths.database, SystemClock())
    except DatabaseError as error:
        print(f"pht-desktop import-runs: {error.message}", file=sys.stderr)
        return 2
    try:
        report = services.run_import.import_paths([Path(f) for f in args.files], merge=args.merge)
    finally:
        services.close()
    for outcome in report.outcomes:
        stream = sys.stderr if outcome.status in ("refused", "matches") else sys.stdout
        print(outcome.line, file=stream)
        for warning in outcome.warnings:
            print(f"  {warning}", file=stream)
    if report.pending:
        print("Run again with --merge to merge the matching runs.", file=sys.stderr)
    print(report.summary())
    return 0 if report.ok and not report.pending else 1
