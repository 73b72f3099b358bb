"""Reading and parsing run files, in this process or in a small pool (issue 14, F3).

Reading a run file and parsing it is pure work — bytes in, a :class:`RunRecord` (or a
reason) out — and it is nearly all of an import's time, so a big batch (a Strava bulk
export, a first watched folder) is spread over :data:`POOL_WORKERS` processes. Writing
stays in the importing process, one file at a time, oldest first. This module imports
only what the workers need (no Qt, no SQLAlchemy), so a worker starts in a fraction of
a second.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Final, Literal

from pht_desktop.domain.run_files import (
    MAX_FILE_BYTES,
    NotARunError,
    RunFileError,
    RunRecord,
    parse_run_file,
)
from pht_desktop.safe_files import RefusedFileError, read_regular_file

POOL_MIN_FILES: Final = 16
"""Fewer files than this are read here: starting workers costs about a second."""
POOL_WORKERS: Final = 2
"""The machines this app runs on have two cores or more; one stays for the app."""
POOL_CHUNK: Final = 8
"""Files handed to a worker at a time: few round trips, and the order is kept."""


@dataclass(frozen=True, slots=True)
class FileRead:
    """One file read: its hash and run, or why it is refused or skipped.

    ``record`` is None for a file already imported (it is not parsed again), and for a
    refused or skipped one (``status``, ``reason``).
    """

    sha256: str | None
    record: RunRecord | None = None
    status: Literal["refused", "skipped"] | None = None
    reason: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_KNOWN: frozenset[str] = frozenset()


def _remember_known(known: frozenset[str]) -> None:
    """Pool initialiser: each worker gets the known hashes once, not per file."""
    global _KNOWN
    _KNOWN = known


def read_one(name: str, source: bytes | Path, zone: tzinfo, known: frozenset[str]) -> FileRead:
    """Read (bounded), hash and — unless ``known`` holds its hash — parse one file."""
    try:
        data = read_regular_file(source, MAX_FILE_BYTES) if isinstance(source, Path) else source
    except RefusedFileError as unreadable:
        return FileRead(None, status="refused", reason=unreadable.message)
    sha = sha256_of(data)
    if sha in known:
        return FileRead(sha)
    try:
        return FileRead(sha, parse_run_file(name, data, zone))
    except RunFileError as refused:
        return FileRead(sha, status="refused", reason=refused.reason)
    except NotARunError as skipped:
        return FileRead(sha, status="skipped", reason=skipped.reason)


def _read_in_worker(job: tuple[str, Path, tzinfo]) -> FileRead:
    name, path, zone = job
    return read_one(name, path, zone, _KNOWN)


def read_all(
    items: Sequence[tuple[str, bytes | Path]], zone: tzinfo, known: frozenset[str]
) -> Iterator[FileRead]:
    """Every item read, in order: in a pool of worker processes for a big batch of
    paths, here otherwise (and wherever the pool cannot start)."""
    paths = [(n, s, zone) for n, s in items if isinstance(s, Path)]
    workers = min(POOL_WORKERS, os.cpu_count() or 1)
    if len(paths) < len(items) or len(items) < POOL_MIN_FILES or workers < 2:
        for name, source in items:
            yield read_one(name, source, zone, known)
        return
    # spawn, not fork: the importing process may be a Qt app with threads running
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_remember_known, initargs=(known,)
    ) as pool:
        yield from pool.map(_read_in_worker, paths, chunksize=POOL_CHUNK)
