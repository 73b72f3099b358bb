"""Start-up time and memory of ``pht-desktop --smoke`` next to the stack's floor.

The floor (``bench/floor_app.py``) is a bare QMainWindow with four tabs, PySide6 and
SQLAlchemy's ORM imported: what any app on this stack pays. The two are run alternately
in one session (floor, app, floor, app, ...) so a busy machine slows both alike, and
each is measured as a whole process: launch to exit, its CPU time (user + system, which
other processes on the cores inflate far less than the wall time) and its peak resident
memory from ``wait4``. The app's own ``first_window_ms`` (process start → the splash
painted), ``startup_ms`` (→ the main window's first paint) and ``ready_ms`` (→ everything
started) are printed too.

``--xvfb`` runs both on a real X server (Xvfb) instead of the offscreen platform, to
compare with other desktop apps' time to a first window. By default the app starts on a
new data folder (so the welcome opens each time); ``--demo`` first writes the 12-week
demo story into it (``pht-desktop demo``): a returning user's start, with a history to
read and no welcome.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.3
TARGET_EXTRA_MB = 20


class Run(NamedTuple):
    wall_s: float
    cpu_s: float
    rss_mb: float
    figures: dict[str, int]


def run_once(argv: list[str], env: dict[str, str]) -> Run:
    """Wall and CPU seconds, peak RSS in MB and the ``key=ms`` figures it printed."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    figures = {k: int(v) for k, v in re.findall(r"(\w+_ms)=(\d+)", out)}
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, figures)


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("--xvfb needs Xvfb (apt-get install xvfb)")
    display = ":97"
    server = subprocess.Popen(
        [xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    env["DISPLAY"] = display
    env["QT_QPA_PLATFORM"] = "xcb"
    return server


def bench_python() -> str:
    """The interpreter both run on: ``$PYTHON``, else the project's venv."""
    return os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python"))


def bench_env() -> dict[str, str]:
    """This checkout's package first on the path, offscreen unless told otherwise."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def prepared_commands(
    python: str, env: dict[str, str], data: Path, *, demo: bool
) -> tuple[list[str], list[str]]:
    """The app's ``--smoke`` start on ``data`` and the floor's, from compiled bytecode;
    with ``demo``, the demo story is written into ``data`` first."""
    # Run from compiled bytecode, like a pip install or the bundle (this machine
    # sets PYTHONDONTWRITEBYTECODE, which would charge the app for compiling).
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "pht_desktop")], check=True)
    if demo:
        story = [python, "-m", "pht_desktop", "demo", "--data-dir", str(data)]
        subprocess.run(story, check=True, env=env, stdout=subprocess.DEVNULL)
    app = [python, "-m", "pht_desktop", "--smoke", "--data-dir", str(data)]
    floor = [python, str(ROOT / "bench" / "floor_app.py")]
    return app, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=9, help="runs of each (default 9)")
    parser.add_argument("--xvfb", action="store_true", help="on Xvfb (xcb) instead of offscreen")
    parser.add_argument(
        "--demo", action="store_true", help="a returning user: the demo story in the folder"
    )
    args = parser.parse_args()
    python = bench_python()
    env = bench_env()
    server = start_xvfb(env) if args.xvfb else None
    data = Path(tempfile.mkdtemp(prefix="pht-bench-"))
    try:
        app, floor = prepared_commands(python, env, data, demo=args.demo)
        run_once(app, env)  # creates the database (a new folder), warms the disk cache
        results: dict[str, list[Run]] = {"floor": [], "app": []}
        for _ in range(args.runs):
            results["floor"].append(run_once(floor, env))
            results["app"].append(run_once(app, env))
    finally:
        shutil.rmtree(data, ignore_errors=True)
        if server is not None:
            server.terminate()
            server.wait()
    where = "xcb on Xvfb" if args.xvfb else env["QT_QPA_PLATFORM"]
    report(results, where + (", demo story" if args.demo else ", new folder"))
    return 0


def report(results: dict[str, list[Run]], where: str) -> None:
    def wall(name: str) -> float:
        return statistics.median(r.wall_s for r in results[name])

    def cpu(name: str) -> float:
        return statistics.median(r.cpu_s for r in results[name])

    def rss(name: str) -> float:
        return statistics.median(r.rss_mb for r in results[name])

    def figure(name: str, key: str) -> float:
        return statistics.median(r.figures.get(key, 0) for r in results[name])

    runs = len(results["app"])
    print(f"median of {runs} alternating runs each, {where}, {os.cpu_count()} CPUs")
    print(
        f"{'':8} {'process_s':>10} {'cpu_s':>6} {'rss_mb':>8} {'first_window_ms':>16} "
        f"{'first_paint_ms':>15} {'ready_ms':>9}"
    )
    for name in ("floor", "app"):
        # The floor's one window is its first and its main; the app's first is the splash.
        paint = figure(name, "startup_ms")
        first = figure(name, "first_window_ms") if name == "app" else paint
        ready = figure(name, "ready_ms") if name == "app" else paint
        print(
            f"{name:8} {wall(name):10.3f} {cpu(name):6.2f} {rss(name):8.0f} "
            f"{first:16.0f} {paint:15.0f} {ready:9.0f}"
        )
    ratio = wall("app") / wall("floor")
    extra = rss("app") - rss("floor")
    print(
        f"ratio    {ratio:9.2f}x {cpu('app') / cpu('floor'):5.2f}x {extra:+7.0f} MB"
        f"   (targets: <= {TARGET_RATIO:.2f}x, <= +{TARGET_EXTRA_MB} MB)"
    )
    # Other processes on the same cores slow both alike but inflate the wall times:
    # the load average says how far to trust them (CPU time moves much less).
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
