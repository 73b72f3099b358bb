"""Which files are run files, by name: what the file picker, a drop on the window and the
watched folder look for (issue 14).

Its own module so that the window can take drops from the start without loading the
readers (``domain/run_files``); those load with the first file read.
"""

from __future__ import annotations

from typing import Final

SUFFIXES: Final = (".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz")
"""What the file picker and the watched folder look for (Strava's export gzips them)."""
