"""Headless subcommands (demo, chart, export, ...): each registers itself here.

One ``_add_*`` function per command adds its parser and sets ``handler``; a handler
returns the exit code (2 for a bad argument, with a one-line reason on stderr). Heavy
imports (SQLAlchemy, matplotlib) happen inside the handlers, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

AddCommon = Callable[[argparse.ArgumentParser], None]


def register_commands(sub: Any, add_common: AddCommon) -> None:
    """Subcommands are added by the features that own them (imports stay light)."""
    from pht_desktop import cli_data, cli_runs

    cli_data.register(sub, add_common)
    cli_runs.register(sub, add_common)
    _add_demo(sub, add_common)
    _add_chart(sub, add_common)
    _add_report(sub, add_common)


class CommandError(Exception):
    """A bad argument: the message is printed and the exit code is 2."""


def _fail(command: str, message: str) -> int:
    print(f"pht-desktop {command}: {message}", file=sys.stderr)
    return 2


def _parse_day(value: str | None, option: str, today: date) -> date | None:
    """A YYYY-MM-DD option, refusing bad text and days after today."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date; use YYYY-MM-DD.") from None
    if day > today:
        raise CommandError(f"{option} {day.isoformat()} is in the future (today is {today}).")
    return day


def _open_for_range(
    command: str, args: argparse.Namespace
) -> tuple[Any, date | None, date | None] | int:
    """Parse ``--from``/``--to`` and open an existing data folder (chart, report).

    Returns the services and the dates, or the exit code after a one-line error.
    """
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.paths import resolve_paths
    from pht_desktop.services.registry import build_services
    from pht_desktop.startup_errors import explain

    clock = SystemClock()
    today = clock.now().date()
    try:
        start = _parse_day(args.start, "--from", today)
        end = _parse_day(args.end, "--to", today)
        if start is not None and end is not None and start > end:
            raise CommandError(f"--from {start} is after --to {end}.")
    except CommandError as error:
        return _fail(command, str(error))
    paths = resolve_paths(getattr(args, "data_dir", None))
    if not paths.database.exists():
        return _fail(command, f"no data in {paths.data_dir} (run the app or `demo` first).")
    try:
        return build_services(paths.database, clock), start, end
    except Exception as error:
        code, message = explain(error, paths.data_dir)
        print(f"pht-desktop {command}: {message}", file=sys.stderr)
        return code


# --- demo ------------------------------------------------------------------------------------
def _add_demo(sub: Any, add_common: AddCommon) -> None:
    demo = sub.add_parser(
        "demo", help="fill a new data folder with a realistic demo history (12 weeks)"
    )
    demo.add_argument("--years", type=int, default=None, metavar="N", help="N years instead")
    demo.add_argument("--today", default=None, metavar="DATE", help="the story's last day")
    add_common(demo)
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pht_desktop.demo import write_demo
    from pht_desktop.paths import resolve_paths
    from pht_desktop.store.db import DatabaseError
    from pht_desktop.store.demo_writer import DemoRefusedError

    try:
        from pht_desktop.domain.clock import SystemClock

        today = _parse_day(args.today, "--today", SystemClock().now().date())
        if args.years is not None and not 1 <= args.years <= 50:
            raise CommandError("--years must be between 1 and 50.")
    except CommandError as error:
        return _fail("demo", str(error))
    data_dir = Path(resolve_paths(getattr(args, "data_dir", None)).data_dir)
    try:
        write_demo(data_dir, years=args.years, today=today)
    except (DemoRefusedError, DatabaseError) as error:
        return _fail("demo", error.message)
    print(f"Demo data written to {data_dir}")
    return 0


# --- chart -----------------------------------------------------------------------------------
def _add_chart(sub: Any, add_common: AddCommon) -> None:
    chart = sub.add_parser("chart", help="draw the Progress charts into a PNG or SVG file")
    chart.add_argument("--out", required=True, metavar="FILE", help="FILE.png or FILE.svg")
    chart.add_argument("--from", dest="start", default=None, metavar="DATE", help="first day")
    chart.add_argument("--to", dest="end", default=None, metavar="DATE", help="last day")
    add_common(chart)
    chart.set_defaults(handler=run_chart)


def run_chart(args: argparse.Namespace) -> int:
    from pathlib import Path

    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".svg"):
        return _fail("chart", f"--out {out.name!r}: use a file name ending in .png or .svg.")
    from pht_desktop.domain.progress import RangePreset

    opened = _open_for_range("chart", args)
    if isinstance(opened, int):
        return opened
    services, start, end = opened
    try:
        return _render(services, out, start, end, RangePreset.SIX_WEEKS)
    finally:
        services.close()


def _render(services: Any, out: Any, start: date | None, end: date | None, preset: Any) -> int:
    from pht_desktop.ui.charts.render import render_progress

    progress = services.progress
    default_start, default_end = progress.bounds(preset)
    end = end or default_end
    start = start or min(default_start, end)
    try:
        render_progress(progress.history(), out, start, end, progress.summary(start, end))
    except OSError as error:
        return _fail("chart", f"could not write {out}: {error.strerror or error}.")
    print(f"Chart written to {out} ({start} to {end})")
    return 0


# --- report ----------------------------------------------------------------------------------
def _add_report(sub: Any, add_common: AddCommon) -> None:
    report = sub.add_parser(
        "report", help="write a clinician report (PDF): charts, verdicts, history, sitting"
    )
    report.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf")
    report.add_argument(
        "--from",
        dest="start",
        default=None,
        metavar="DATE",
        help="first day (default: 3 months ago)",
    )
    report.add_argument("--to", dest="end", default=None, metavar="DATE", help="last day (today)")
    add_common(report)
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        return _fail("report", f"--out {out.name!r}: use a file name ending in .pdf.")
    if not out.parent.is_dir():
        return _fail("report", f"--out: the folder {out.parent} does not exist.")
    opened = _open_for_range("report", args)
    if isinstance(opened, int):
        return opened
    services, start, end = opened
    try:
        from pht_desktop.services.report import default_range, gather_report

        default_start, end = default_range(services, end)
        start = start or default_start
        data = gather_report(services, start, end)
    finally:
        services.close()
    # The data is read; the renderer (Qt's text layout, matplotlib's chart) only draws.
    from pht_desktop.ui.charts.report import write_report

    try:
        pages = write_report(data, out)
    except OSError as error:
        return _fail("report", f"could not write {out}: {error.strerror or error}.")
    print(f"Report written to {out} ({start} to {end}, {pages} pages)")
    return 0
