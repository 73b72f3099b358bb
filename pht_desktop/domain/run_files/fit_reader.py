"""FIT activity files read into a :class:`Track` through ``fitdecode`` (issue 14)."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from pht_desktop.domain.run_files.track import RunFileError, Sample, Track, as_utc, short_reason

_FIT_EPOCH: Final = 631065600  # 1989-12-31T00:00:00Z in Unix seconds
_SEMICIRCLE_DEG: Final = 180.0 / 2**31


@dataclass(slots=True)
class _FitSummary:
    """What a FIT file's non-record messages say."""

    file_type: object = None
    sport: str | None = None
    sub_sport: str | None = None
    total_distance: float | None = None
    total_ascent: float | None = None

    def read(self, frame: Any) -> None:
        if frame.name == "file_id":
            self.file_type = _fit_value(frame, "type")
            return
        self.sport = self.sport or _fit_text(_fit_value(frame, "sport"))
        self.sub_sport = self.sub_sport or _fit_text(_fit_value(frame, "sub_sport"))
        if frame.name == "session":
            self.total_distance = _fit_float(_fit_value(frame, "total_distance"))
            self.total_ascent = _fit_float(_fit_value(frame, "total_ascent"))

    def track(self, samples: Sequence[Sample]) -> Track:
        if self.file_type not in (None, "activity"):
            raise RunFileError(f"A FIT {self.file_type} file, not an activity.")
        sport = self.sport
        if sport == "running" and self.sub_sport in ("treadmill", "trail", "track"):
            sport = f"{self.sub_sport}_running"
        if not samples:
            raise RunFileError("The FIT file has no timed records.")
        return Track("fit", sport, tuple(samples), self.total_distance, self.total_ascent)


_FIT_SUMMARY_MESSAGES: Final = frozenset({"file_id", "session", "sport"})


def read_fit(data: bytes) -> Track:
    """FIT through fitdecode; the file's CRC checked once over all its bytes (a damaged
    file is refused).

    fitdecode runs without its value processor (timestamps stay FIT seconds, converted
    here) and without its per-chunk CRC: both roughly halve the time a long file takes
    (F3); the whole-file CRC (:func:`fit_crc`) checks the same bytes.
    """
    import fitdecode

    samples: list[Sample] = []
    summary = _FitSummary()
    try:
        with fitdecode.FitReader(
            data,
            processor=None,
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "record":
                    sample = _fit_sample(frame)
                    if sample is not None:
                        samples.append(sample)
                elif frame.name in _FIT_SUMMARY_MESSAGES:
                    summary.read(frame)
    except fitdecode.FitEOFError:
        raise RunFileError("The FIT file is cut short (truncated).") from None
    except fitdecode.FitHeaderError as exc:
        raise RunFileError(f"Not a readable FIT file ({short_reason(exc)}).") from None
    except (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise RunFileError(f"The FIT file is damaged ({short_reason(exc)}).") from None
    if fit_crc(data) != 0:  # the CRC over a whole file, its own CRC included, is 0
        raise RunFileError("The FIT file fails its checksum (CRC): damaged.")
    return summary.track(samples)


@functools.cache
def _crc_table() -> tuple[int, ...]:
    """fitdecode's CRC-16 a byte at a time: each entry is its CRC of that one byte from 0."""
    from fitdecode.utils import compute_crc

    return tuple(compute_crc(bytes([byte]), crc=0) for byte in range(256))


def fit_crc(data: bytes) -> int:
    """FIT's CRC-16 of ``data``, as fitdecode's ``compute_crc`` gives it, one table look-up
    a byte instead of its two a nibble: a quarter of the time (the CRC is a reflected
    CRC, so the byte table follows from the nibble one), on every byte of every file."""
    table = _crc_table()
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _fit_value(frame: Any, field: str) -> object:
    return frame.get_value(field, fallback=None)


def _fit_text(value: object) -> str | None:
    return None if value is None else str(value)


def _fit_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _fit_sample(frame: Any) -> Sample | None:
    """One record message as a sample (its fields read in one pass: FIT files are long)."""
    values = {field.name: field.value for field in frame.fields}
    when = values.get("timestamp")
    if isinstance(when, int):  # a raw value the profile did not convert
        when = datetime.fromtimestamp(_FIT_EPOCH + when, UTC)
    if not isinstance(when, datetime):
        return None
    lat = _fit_float(values.get("position_lat"))
    lon = _fit_float(values.get("position_long"))
    elevation = _fit_float(values.get("enhanced_altitude"))
    if elevation is None:
        elevation = _fit_float(values.get("altitude"))
    return Sample(
        as_utc(when),
        None if lat is None else lat * _SEMICIRCLE_DEG,
        None if lon is None else lon * _SEMICIRCLE_DEG,
        elevation,
        _fit_float(values.get("distance")),
    )
