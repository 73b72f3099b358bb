"""One run file's bytes to one :class:`RunRecord`: the caps, gzip, the format, then the
reader and the summary (issue 14).

A file is refused before any parser sees it when it is empty, too big for its format
(F4), or a gzip bomb; the format is told by content, the suffix only breaks a tie.
"""

from __future__ import annotations

import gzip
import io
import zlib
from datetime import tzinfo
from typing import Final

from pht_desktop.domain.run_files.fit_reader import read_fit
from pht_desktop.domain.run_files.summary import RunRecord, summarise
from pht_desktop.domain.run_files.track import FORMAT_NAMES, NotARunError, RunFileError, RunFormat
from pht_desktop.domain.run_files.xml_readers import read_gpx, read_tcx

MAX_BYTES: Final[dict[str, int]] = {"fit": 4 * 2**20, "gpx": 16 * 2**20, "tcx": 16 * 2**20}
"""Per format (F4): an 8-hour run recorded every second is about 1–1.5 MB of FIT (30–50
bytes a record) and 4–13 MB of GPX or TCX (150–450 bytes a point, heart rate and cadence
extensions included). Twice that or more is not one run (or is a decompression bomb),
and would hold the one import lock for minutes."""
MAX_FILE_BYTES: Final = max(MAX_BYTES.values())
"""What is read of a file (or un-gzipped) at all, before its format is known."""


def detect_format(name: str, data: bytes) -> RunFormat:
    """The format by content (a FIT header, an XML root); the suffix only breaks a tie."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    suffix = name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"trainingcenterdatabase" in head:
            return "tcx"
        if suffix in ("gpx", "tcx"):
            return suffix  # type: ignore[return-value]
        raise RunFileError("An XML file, but neither GPX nor TCX.")
    if suffix == "fit":
        raise RunFileError("Not a readable FIT file (no FIT header).")
    raise RunFileError("Not a GPX, TCX or FIT file.")


def gunzip_bounded(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """A gzipped file's content, refusing more than ``limit`` bytes (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RunFileError(f"The gzip file is damaged or cut short ({exc}).") from None
    if len(out) > limit:
        raise RunFileError(f"Unpacked it is larger than {limit // 2**20} MB: not one run.")
    return out


def parse_run_file(name: str, data: bytes, zone: tzinfo) -> RunRecord:
    """Read one file's bytes into a run; ``zone`` gives the local date (R3.2).

    Raises :class:`RunFileError` (cannot import, one sentence why) or
    :class:`NotARunError` (an activity, but not a run).
    """
    if not data:
        raise RunFileError("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise RunFileError(f"Larger than {MAX_FILE_BYTES // 2**20} MB: not one run.")
    if data[:2] == b"\x1f\x8b":
        data = gunzip_bounded(data)
        if not data:
            raise RunFileError("The file is empty.")
    fmt = detect_format(name, data)
    if len(data) > MAX_BYTES[fmt]:
        raise RunFileError(
            f"{len(data) / 2**20:.0f} MB of {FORMAT_NAMES[fmt]}: more than "
            f"{MAX_BYTES[fmt] // 2**20} MB is not one run of 8 h or less."
        )
    try:
        track = {"gpx": read_gpx, "tcx": read_tcx, "fit": read_fit}[fmt](data)
        return summarise(track, zone)
    except (RunFileError, NotARunError):
        raise
    except Exception as exc:  # a hostile file can trip any parser path: refuse, never crash
        raise RunFileError(
            f"The {FORMAT_NAMES[fmt]} file could not be read ({type(exc).__name__})."
        ) from exc
