"""A watch's run file (GPX 1.1, TCX, FIT) read into one :class:`RunRecord` (issue 14).

Pure: bytes in, a value out, no file system and no database. Each format is decoded by
a well-kept parser — ``fitdecode`` for FIT, the standard library's ElementTree through
``defusedxml`` for GPX and TCX — and every format then goes through the same
:func:`summarise`, so a run means the same thing whichever watch wrote it.

Hostile XML never reaches a parser that would expand it: the text is refused if it
declares a DTD or an entity (without a DTD there are no entities, so no billion laughs
and no external entities), and ``defusedxml`` forbids DTDs again. A file that cannot be
read raises :class:`RunFileError` with one sentence; a readable activity that is not a
run raises :class:`NotARunError`.
"""

from __future__ import annotations

import gzip
import io
import itertools
import math
import operator
import re
import statistics
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, Final, Literal

from pht_desktop.domain.clock import local_date

RunFormat = Literal["gpx", "tcx", "fit"]
FORMAT_NAMES: Final[dict[str, str]] = {"gpx": "GPX", "tcx": "TCX", "fit": "FIT"}
SUFFIXES: Final = (".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz")
"""What the file picker and the watched folder look for (Strava's export gzips them)."""

MAX_BYTES: Final[dict[str, int]] = {"fit": 4 * 2**20, "gpx": 16 * 2**20, "tcx": 16 * 2**20}
"""Per format (F4): an 8-hour run recorded every second is about 1–1.5 MB of FIT (30–50
bytes a record) and 4–13 MB of GPX or TCX (150–450 bytes a point, heart rate and cadence
extensions included). Twice that or more is not one run (or is a decompression bomb),
and would hold the one import lock for minutes."""
MAX_FILE_BYTES: Final = max(MAX_BYTES.values())
"""What is read of a file (or un-gzipped) at all, before its format is known."""
MAX_SAMPLES: Final = 43_200
"""Points kept at most, after thinning to about one a second: 8 h × 1 Hz × 1.5."""

MOVING_SPEED_MPS: Final = 0.5
"""Slower than 1.8 km/h is standing still (a slow walk is 1 m/s): not moving time."""
WALK_SPEED_MPS: Final = 2.0
"""Below 7.2 km/h (8:20 /km) a stretch counts as walking when guessing run-walk."""
RUN_WALK_SHARE: Final = 0.2
"""A run with at least a fifth of its moving time at walking pace is run-walk (R2.8)."""
STYLE_WINDOW_S: Final = 30.0
"""Walking and running are told apart over 30 s stretches, not single noisy samples."""
ELEVATION_NOISE_M: Final = 3.0
"""In steady (barometric) heights, rises smaller than 3 m are noise, not climbing."""
GPS_ELEVATION_NOISE_M: Final = 5.0
"""GPS heights wander by ±3–5 m while standing still: there only 5 m counts as a climb."""
HEIGHT_STEP_M: Final = 10.0
"""Heights are compared every 10 m of distance, so a stop or a 5 Hz file weighs nothing."""
STEADY_BEND_M: Final = 0.25
"""Heights whose median bend (second difference) per 10 m is under 0.25 m are steady
(a barometer); GPS heights bend by a metre or more from one 10 m to the next."""
SMOOTH_GPS_M: Final = 200.0
"""GPS heights are averaged over 200 m (as Strava/Garmin-style gain does): a flat run
with ±3–5 m of GPS noise stays under 10 m/km, and a 300 m climb keeps most of its grade."""
HILL_EFFORT_GRADE: Final = 0.04
"""A short hill effort is a climb of at least 4 % ("gentle hill efforts", stage 5)..."""
HILL_EFFORT_MIN_M: Final = 60.0
"""...held for at least 60 m (about 30 s uphill): a hill repeat, not a ramp."""
BEST_KM_M: Final = 1000.0
FAST_SEGMENT_M: Final = 400.0
"""Fast is judged over 400 m: one track lap, the shortest common interval repeat, and
long enough for GPS jitter to average out."""
STRIDE_WINDOW_S: Final = 20.0
"""A stride is a relaxed 20 s burst (stage 5's "4 relaxed strides"): paces are also
looked at over every 20 s, ..."""
STRIDE_STEP_S: Final = 5.0
"""... one window every 5 s, so a 20 s stride is never split across two windows by more
than 5 s of jogging."""
GLITCH_SPEED_MPS: Final = 10.0
"""Faster than 36 km/h over 20 s is a GPS jump, not a stride."""
CLIMB_SEGMENT_M: Final = 300.0
"""Grade is judged over 300 m: a real hill, not a kerb or a bridge ramp."""
MAX_RUN_SPEED_MPS: Final = 6.5
"""23 km/h on average is beyond any runner's long effort (a world-record marathon is
5.7 m/s): a file that fast is a ride, whatever sport it names."""
UNTYPED_MAX_SPEED_MPS: Final = 5.0
"""18 km/h (3:20 /km) on average: a file that names no sport (or TCX's "Other") and is
faster than that is taken for a ride."""
WALK_AVG_SPEED_MPS: Final = 1.8
"""Under 6.5 km/h on average with hardly any running in it is a walk, not a run."""
THIN_TO_S: Final = 0.9
"""Samples closer than this are dropped: a 5 Hz file is read as the 1 Hz run it is, at a
fifth of the work, and no stride or hill lasts less than a second."""
EARLIEST_START: Final = datetime(2000, 1, 1, tzinfo=UTC)
"""A start before 2000 means the watch's clock was never set (FIT's epoch is 1989)."""
MAX_DURATION_S: Final = 8 * 3600
"""The run log's own limit (a run is at most 8 h)."""

_FIT_EPOCH: Final = 631065600  # 1989-12-31T00:00:00Z in Unix seconds
_SEMICIRCLE_DEG: Final = 180.0 / 2**31
_EARTH_RADIUS_M: Final = 6_371_000.0
_TCX_NS: Final = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class RunFileError(ValueError):
    """A file that cannot be imported; ``reason`` is one sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotARunError(ValueError):
    """A readable activity that is not a run (a ride, a walk): listed, not imported."""

    def __init__(self, sport: str, reason: str) -> None:
        super().__init__(reason)
        self.sport = sport
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Sample:
    """One recorded point; ``distance_m`` is the device's running total when it gave one."""

    at: datetime
    lat: float | None = None
    lon: float | None = None
    elevation_m: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """What a format parser extracts, before any interpretation."""

    fmt: RunFormat
    sport: str | None
    samples: tuple[Sample, ...]
    total_distance_m: float | None = None
    total_ascent_m: float | None = None


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run read from a file: what the log stores and what the flags are judged on.

    Paces are seconds per km; ``None`` when the run was too short to measure them (best
    km needs 1 km, the fastest segment 400 m, the steepest climb 300 m with heights).
    """

    fmt: RunFormat
    sport: str
    start: datetime
    local_date: date
    elapsed_s: int
    moving_s: int
    distance_m: float | None
    elevation_gain_m: float | None
    avg_pace_s_km: float | None
    best_km_s: float | None
    fastest_segment_pace_s_km: float | None
    steepest_grade: float | None
    run_walk: bool
    running_pace_s_km: float | None = None
    """Pace of the 30 s stretches run (walks left out): a run-walk's own running pace."""
    hill_efforts: int | None = None
    """Short climbs (≥ 4 % over ≥ 60 m); None when the heights are too noisy to tell."""
    window_paces: tuple[float, ...] = ()
    """Pace over every 20 s window (one per 5 s; 0 = standing or a GPS jump)."""

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000.0

    @property
    def gain_per_km(self) -> float | None:
        """Metres climbed per km run (the hilly flag's first test)."""
        if self.elevation_gain_m is None or not self.distance_m:
            return None
        return self.elevation_gain_m / (self.distance_m / 1000.0)


# --- reading ---------------------------------------------------------------------------------
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


def _xml_text(data: bytes, what: str) -> str:
    """Decode XML bytes and refuse any DTD, so no entity can ever be expanded."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RunFileError(f"The {what} file is not UTF-8 text (damaged, or not {what}).") from None
    if _DTD.search(text):
        raise RunFileError(
            f"The {what} file declares a DTD or entities; refused (run files never need "
            "them, and they can hide an XML bomb)."
        )
    return text


_GPX_NAMESPACES: Final = (
    "{http://www.topografix.com/GPX/1/1}",
    "{http://www.topografix.com/GPX/1/0}",
    "",
)


def read_gpx(data: bytes) -> Track:
    """GPX 1.0/1.1 through the standard library's ElementTree (``defusedxml``, DTDs
    forbidden, after the DTD check), read point by point and each point let go once
    read: a 16 MB file never becomes a 300 MB tree (F4), and it is three times faster
    than building gpxpy's object model for the four values a point gives (F3)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    _xml_text(data, "GPX")
    samples: list[Sample] = []
    sport: str | None = None
    points = 0
    try:
        for _event, element in SafeET.iterparse(io.BytesIO(data), forbid_dtd=True):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "trkpt":
                points += 1
                sample = _gpx_sample(element, element.tag[: -len(tag)])
                if sample is not None:
                    samples.append(sample)
                element.clear()
            elif tag == "type" and sport is None and element.text:
                sport = element.text.strip() or None
            elif tag in ("rtept", "wpt"):
                element.clear()
    except ParseError as exc:
        raise RunFileError(f"The GPX file is damaged or cut short ({_short(exc)}).") from None
    except defusedxml.DefusedXmlException:
        raise RunFileError("The GPX file declares a DTD or entities; refused.") from None
    if not samples and points:
        raise RunFileError("The GPX track has no times: when and how fast is unknown.")
    if not samples:
        raise RunFileError("The GPX file holds no track (a route or waypoints only).")
    return Track("gpx", sport, tuple(samples))


def _gpx_sample(point: Any, ns: str) -> Sample | None:
    when = _iso_time(point.findtext(f"{ns}time"))
    if when is None:
        return None
    return Sample(
        when,
        _float(point.get("lat")),
        _float(point.get("lon")),
        _float(point.findtext(f"{ns}ele")),
    )


def read_tcx(data: bytes) -> Track:
    """TCX (Garmin Training Center) through defusedxml with DTDs forbidden."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    text = _xml_text(data, "TCX")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except ParseError as exc:
        raise RunFileError(f"The TCX file is damaged or cut short ({_short(exc)}).") from None
    except defusedxml.DefusedXmlException:
        raise RunFileError("The TCX file declares a DTD or entities; refused.") from None
    activity = root.find(f"{_TCX_NS}Activities/{_TCX_NS}Activity")
    if activity is None:
        raise RunFileError("The TCX file holds no activity.")
    sport = activity.get("Sport")
    samples: list[Sample] = []
    total = 0.0
    has_total = False
    for lap in activity.iter(f"{_TCX_NS}Lap"):
        lap_distance = _float(lap.findtext(f"{_TCX_NS}DistanceMeters"))
        if lap_distance is not None:
            total += lap_distance
            has_total = True
        for point in lap.iter(f"{_TCX_NS}Trackpoint"):
            when = _iso_time(point.findtext(f"{_TCX_NS}Time"))
            if when is None:
                continue
            samples.append(
                Sample(
                    when,
                    _float(point.findtext(f"{_TCX_NS}Position/{_TCX_NS}LatitudeDegrees")),
                    _float(point.findtext(f"{_TCX_NS}Position/{_TCX_NS}LongitudeDegrees")),
                    _float(point.findtext(f"{_TCX_NS}AltitudeMeters")),
                    _float(point.findtext(f"{_TCX_NS}DistanceMeters")),
                )
            )
    if not samples:
        raise RunFileError("The TCX activity has no timed track points.")
    return Track("tcx", sport, tuple(samples), total if has_total else None)


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
    (F3); the whole-file CRC (fitdecode's own function) checks the same bytes.
    """
    import fitdecode
    from fitdecode.utils import compute_crc

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
        raise RunFileError(f"Not a readable FIT file ({_short(exc)}).") from None
    except (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise RunFileError(f"The FIT file is damaged ({_short(exc)}).") from None
    if compute_crc(data) != 0:  # the CRC over a whole file, its own CRC included, is 0
        raise RunFileError("The FIT file fails its checksum (CRC): damaged.")
    return summary.track(samples)


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
        _aware(when),
        None if lat is None else lat * _SEMICIRCLE_DEG,
        None if lon is None else lon * _SEMICIRCLE_DEG,
        elevation,
        _fit_float(values.get("distance")),
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _aware(moment: datetime) -> datetime:
    """GPX and TCX times are UTC by their specs; a time without a zone is read so."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _iso_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return _aware(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# --- what a track means ----------------------------------------------------------------------
def normalise_sport(sport: str | None) -> str | None:
    """One word per sport whatever the format spells (None: the file does not say)."""
    if sport is None:
        return None
    word = sport.strip().lower().replace(" ", "_").replace("-", "_")
    if not word or word in ("generic", "other", "unknown", "0"):
        return None
    if "run" in word or word == "jogging":
        return word if word.endswith("_running") else "running"
    if any(part in word for part in ("cycl", "bik", "ride", "biking")):
        return "cycling"
    if any(part in word for part in ("walk", "hik")):
        return "walking" if "walk" in word else "hiking"
    if word.isdigit():
        return None  # a vendor's numeric code we cannot read: judge by speed
    return word


def _haversine(a: Sample, b: Sample) -> float:
    assert a.lat is not None
    assert a.lon is not None
    assert b.lat is not None
    assert b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _cumulative_distance(samples: Sequence[Sample]) -> list[float] | None:
    """Metres from the start at each sample: the device's total when it recorded one at
    most samples, else summed great-circle steps between positions; None if neither."""
    recorded = [s.distance_m for s in samples]
    if sum(d is not None for d in recorded) >= 0.9 * len(samples):
        out: list[float] = []
        best = 0.0
        for value in recorded:
            if value is not None and value > best:
                best = value
            out.append(best)
        first = next((d for d in recorded if d is not None), 0.0)
        return [d - first for d in out] if out[-1] > 0 else None
    positioned = [s.lat is not None and s.lon is not None for s in samples]
    if sum(positioned) < 2:
        return None
    out = [0.0]
    last: Sample | None = samples[0] if positioned[0] else None
    for sample, has_position in zip(samples[1:], positioned[1:], strict=True):
        step = 0.0
        if has_position:
            if last is not None:
                step = _haversine(last, sample)
            last = sample
        out.append(out[-1] + step)
    return out if out[-1] > 0 else None


def climbs(heights: Sequence[float], threshold: float) -> list[tuple[float, int]]:
    """Each climb of at least ``threshold`` metres as (rise, points from low to high).

    A climb starts once the profile rises that far above its lowest point and ends once
    it falls that far below its highest; the climb counts from low to high. Wobbles
    smaller than the threshold, up or down, are noise and count for nothing.
    """
    out: list[tuple[float, int]] = []
    if not heights:
        return out
    low = high = heights[0]
    low_at = high_at = 0
    climbing = False
    for at, height in enumerate(heights):
        if climbing:
            if height > high:
                high, high_at = height, at
            elif high - height >= threshold:
                out.append((high - low, high_at - low_at))
                low = high = height
                low_at = high_at = at
                climbing = False
        elif height <= low:  # the last of a flat bottom: where the climb begins
            low, low_at = height, at
        elif height - low >= threshold:
            climbing = True
            high, high_at = height, at
    if climbing:
        out.append((high - low, high_at - low_at))
    return out


def elevation_gain(heights: Sequence[float], threshold: float = ELEVATION_NOISE_M) -> float:
    """Metres climbed, counting only climbs of at least ``threshold`` (hysteresis)."""
    return sum(rise for rise, _ in climbs(heights, threshold))


def _on_grid(xs: Sequence[float], ys: Sequence[float], step: float) -> list[float]:
    """``ys`` every ``step`` of ``xs`` from its first value (linear between points)."""
    out: list[float] = []
    i = 0
    x = xs[0]
    while x <= xs[-1]:
        while i + 1 < len(xs) - 1 and xs[i + 1] <= x:
            i += 1
        x0, x1 = xs[i], xs[min(i + 1, len(xs) - 1)]
        y0, y1 = ys[i], ys[min(i + 1, len(xs) - 1)]
        out.append(y0 if x1 <= x0 else y0 + (y1 - y0) * min(1.0, (x - x0) / (x1 - x0)))
        x += step
    return out


def moving_average(values: Sequence[float], half: int) -> list[float]:
    """Each value averaged with ``half`` neighbours either side (fewer at the ends)."""
    prefix = [0.0, *itertools.accumulate(values)]
    n = len(values)
    return [
        (prefix[min(n, i + half + 1)] - prefix[max(0, i - half)])
        / (min(n, i + half + 1) - max(0, i - half))
        for i in range(n)
    ]


def heights_are_steady(profile: Sequence[float]) -> bool:
    """Barometric (or corrected) heights bend smoothly; GPS heights jitter (F11).

    Judged by the median bend (second difference) of the 10 m profile, which real hills
    leave near zero and GPS noise of a metre or more does not.
    """
    bends = [abs(a - 2 * b + c) for a, b, c in zip(profile, profile[1:], profile[2:], strict=False)]
    return not bends or statistics.median(bends) <= STEADY_BEND_M


@dataclass(frozen=True, slots=True)
class Climbing:
    """What the heights say: gain, the steepest 300 m, short hill efforts (if visible)."""

    gain_m: float
    steepest_grade: float | None
    hill_efforts: int | None


def climbing(distance: Sequence[float], heights: Sequence[float]) -> Climbing:
    """Climbing from per-point heights, with GPS noise smoothed away first (F11).

    Heights go onto a 10 m distance grid. Steady heights are counted as they are, climbs
    of 3 m and more. Jittery (GPS) heights are averaged over 200 m and only climbs of 5 m
    count, and short hill efforts are not looked for in them: GPS noise of a few metres
    looks exactly like a 40 s hill repeat.
    """
    profile = _on_grid(distance, heights, HEIGHT_STEP_M)
    steady = heights_are_steady(profile)
    if steady:
        smooth, gain = profile, elevation_gain(heights)
        found = climbs(profile, ELEVATION_NOISE_M)
    else:
        smooth = moving_average(profile, int(SMOOTH_GPS_M // HEIGHT_STEP_M // 2))
        found = climbs(smooth, GPS_ELEVATION_NOISE_M)
        gain = sum(rise for rise, _ in found)
    span = round(CLIMB_SEGMENT_M / HEIGHT_STEP_M)
    steepest = (
        max((b - a) / CLIMB_SEGMENT_M for a, b in zip(smooth, smooth[span:], strict=False))
        if len(smooth) > span
        else None
    )
    efforts = sum(
        points * HEIGHT_STEP_M >= HILL_EFFORT_MIN_M
        and rise >= HILL_EFFORT_GRADE * points * HEIGHT_STEP_M
        for rise, points in found
    )
    return Climbing(gain, steepest, efforts if steady else None)


def _interp_sorted(xs: Sequence[float], ys: Sequence[float], at: Iterable[float]) -> list[float]:
    """:func:`_interp` at each of the ascending points ``at``, in one sweep (a long run
    has tens of thousands of windows: no search per window)."""
    out: list[float] = []
    i, n = 0, len(xs)
    for x in at:
        while i < n and xs[i] <= x:
            i += 1
        if i <= 0:
            out.append(ys[0])
        elif i >= n:
            out.append(ys[-1])
        else:
            x0, x1 = xs[i - 1], xs[i]
            out.append(ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0))
    return out


def fastest_over(
    distance: Sequence[float], seconds: Sequence[float], span_m: float
) -> float | None:
    """The least time (s) taken to cover any ``span_m`` metres (ends interpolated).

    On a piecewise-linear track the quickest window begins or ends on a sample, so the
    windows ending on each sample and those beginning on each are all that is looked at.
    """
    if not distance or distance[-1] - distance[0] < span_m:
        return None
    first, last = distance[0], distance[-1]
    ending = [d for d in distance if d - first >= span_m]
    starting = [d for d in distance if last - d >= span_m]
    taken = itertools.chain(
        map(
            operator.sub,
            _interp_sorted(distance, seconds, ending),
            _interp_sorted(distance, seconds, (d - span_m for d in ending)),
        ),
        map(
            operator.sub,
            _interp_sorted(distance, seconds, (d + span_m for d in starting)),
            _interp_sorted(distance, seconds, starting),
        ),
    )
    return min((t for t in taken if t > 0), default=None)


def window_paces(distance: Sequence[float], seconds: Sequence[float]) -> tuple[float, ...]:
    """Pace (s/km) over each :data:`STRIDE_WINDOW_S` window, one every
    :data:`STRIDE_STEP_S`: fine enough to see a 20 s stride (F9). A window at standstill
    or impossibly fast (a GPS jump) is left out as a pace of 0."""
    count = int((seconds[-1] - seconds[0] - STRIDE_WINDOW_S) // STRIDE_STEP_S) + 1
    starts = [seconds[0] + n * STRIDE_STEP_S for n in range(max(0, count))]
    begin = _interp_sorted(seconds, distance, starts)
    end = _interp_sorted(seconds, distance, (t + STRIDE_WINDOW_S for t in starts))
    out: list[float] = []
    for a, b in zip(begin, end, strict=True):
        speed = (b - a) / STRIDE_WINDOW_S
        fine = MOVING_SPEED_MPS <= speed <= GLITCH_SPEED_MPS
        out.append(round(1000.0 / speed, 1) if fine else 0.0)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Style:
    moving_s: float
    running_s: float
    walking_s: float
    running_m: float

    @property
    def run_walk(self) -> bool:
        """At least a fifth of the moving time walked (R2.8); all walking is not continuous."""
        total = self.walking_s + self.running_s
        return total > 0 and self.walking_s / total >= RUN_WALK_SHARE

    @property
    def running_pace(self) -> float | None:
        return 1000.0 * self.running_s / self.running_m if self.running_m > 0 else None


def _moving_and_style(distance: Sequence[float], seconds: Sequence[float]) -> _Style:
    """Moving seconds, and the 30 s stretches walked and run (R2.8)."""
    moving = 0.0
    for i in range(1, len(seconds)):
        dt = seconds[i] - seconds[i - 1]
        if dt > 0 and (distance[i] - distance[i - 1]) / dt >= MOVING_SPEED_MPS:
            moving += dt
    walking = running = running_m = 0.0
    start = 0
    for i in range(1, len(seconds)):
        dt = seconds[i] - seconds[start]
        if dt < STYLE_WINDOW_S and i < len(seconds) - 1:
            continue
        covered = distance[i] - distance[start]
        speed = covered / dt if dt > 0 else 0.0
        if speed >= WALK_SPEED_MPS:
            running += dt
            running_m += covered
        elif speed >= MOVING_SPEED_MPS:
            walking += dt
        start = i
    return _Style(moving, running, walking, running_m)


def judge_sport(given: str | None, speed_mps: float, style_walk_share: float) -> str:
    """The sport a file is imported as, or :class:`NotARunError` (F5).

    A file that names another sport is that sport. A file that names none (or TCX's
    "Other", which covers walks) is judged by speed. Whatever the file says, an average
    beyond a runner's is a ride, and an average at walking pace with hardly any running
    in it is a walk.
    """
    sport = normalise_sport(given)
    kmh = speed_mps * 3.6
    if sport is not None and sport != "running" and not sport.endswith("_running"):
        raise NotARunError(sport, f"A {sport.replace('_', ' ')} activity, not a run.")
    if sport is None and speed_mps > UNTYPED_MAX_SPEED_MPS:
        raise NotARunError(
            "unknown", f"No running sport given and {kmh:.0f} km/h on average: a ride, not a run."
        )
    if speed_mps > MAX_RUN_SPEED_MPS:
        raise NotARunError(
            sport or "unknown",
            f"{kmh:.0f} km/h on average is too fast for a run: a ride labelled as a run?",
        )
    if speed_mps < WALK_AVG_SPEED_MPS and style_walk_share > 1 - RUN_WALK_SHARE:
        raise NotARunError(
            "walking", f"{kmh:.1f} km/h on average with hardly any running: a walk, not a run."
        )
    return sport or "running"


def _thin(samples: Sequence[Sample]) -> list[Sample]:
    """Time-ordered samples, at most one per :data:`THIN_TO_S` (a 5 Hz file is a 1 Hz
    run as far as any of this can tell, at a fifth of the work), at most
    :data:`MAX_SAMPLES` of them."""
    out: list[Sample] = []
    for sample in sorted(samples, key=lambda s: s.at):
        if not out or (sample.at - out[-1].at).total_seconds() >= THIN_TO_S:
            out.append(sample)
    if len(out) > MAX_SAMPLES:
        raise RunFileError(
            f"{len(out):,} points a second or more apart: more than one run of 8 h or less."
        )
    return out


def _timeline(track: Track) -> tuple[list[Sample], list[float]]:
    samples = _thin(track.samples)
    if len(samples) < 2:
        raise RunFileError("Fewer than two timed points: too little to be a run.")
    start = samples[0].at
    if start < EARLIEST_START:
        raise RunFileError(
            f"It starts on {start.date()}: the watch's clock was not set; nothing imported."
        )
    seconds = [(s.at - start).total_seconds() for s in samples]
    if seconds[-1] > MAX_DURATION_S:
        raise RunFileError(
            f"It lasts {seconds[-1] / 3600:.1f} h; the run log holds runs up to "
            f"{MAX_DURATION_S // 3600} h."
        )
    return samples, seconds


def _climbing_of(track: Track, samples: Sequence[Sample], distance: Sequence[float]) -> Climbing:
    """Per-point heights when most points have one; the device's own total ascent (a
    barometric, corrected figure on most watches) wins over the gain they give."""
    heights = [s.elevation_m for s in samples]
    found = Climbing(0.0, None, None)
    has_heights = sum(h is not None for h in heights) >= 0.9 * len(samples)
    if has_heights:
        known = [(d, h) for d, h in zip(distance, heights, strict=True) if h is not None]
        found = climbing([d for d, _ in known], [h for _, h in known])
    if track.total_ascent_m is not None:
        return Climbing(track.total_ascent_m, found.steepest_grade, found.hill_efforts)
    return found if has_heights else Climbing(math.nan, None, None)


def summarise(track: Track, zone: tzinfo) -> RunRecord:
    """Interpret a parsed track: sport, start and local date, times, distance, climbing,
    paces. Raises :class:`NotARunError` for a non-run, :class:`RunFileError` when
    the numbers cannot describe a run."""
    samples, seconds = _timeline(track)
    start, elapsed = samples[0].at, seconds[-1]
    distance = _cumulative_distance(samples)
    if distance is None and track.total_distance_m:
        # A treadmill run without samples' distance: spread the total over the time.
        distance = [track.total_distance_m * t / elapsed for t in seconds]
    if distance is None:
        raise RunFileError("The file has neither distances nor positions: not a run track.")
    style = _moving_and_style(distance, seconds)
    moving, total_m = style.moving_s, distance[-1]
    styled = style.walking_s + style.running_s
    sport = judge_sport(
        track.sport, total_m / moving if moving else 0.0, style.walking_s / styled if styled else 1
    )
    if moving < 1:
        raise RunFileError("No moving time: the track never goes anywhere.")
    climbed = _climbing_of(track, samples, distance)
    fastest = fastest_over(distance, seconds, FAST_SEGMENT_M)
    return RunRecord(
        fmt=track.fmt,
        sport=sport,
        start=start,
        local_date=local_date(start, zone),
        elapsed_s=round(elapsed),
        moving_s=max(1, round(moving)),
        distance_m=total_m,
        elevation_gain_m=None if math.isnan(climbed.gain_m) else round(climbed.gain_m, 1),
        avg_pace_s_km=moving / (total_m / 1000.0) if total_m > 0 else None,
        best_km_s=fastest_over(distance, seconds, BEST_KM_M),
        fastest_segment_pace_s_km=None if fastest is None else fastest / (FAST_SEGMENT_M / 1000),
        steepest_grade=climbed.steepest_grade,
        run_walk=style.run_walk,
        running_pace_s_km=style.running_pace,
        hill_efforts=climbed.hill_efforts,
        window_paces=window_paces(distance, seconds),
    )


def median_pace(paces: Iterable[float | None]) -> float | None:
    """The middle of the known paces (robust to a race or an interval day)."""
    known = [p for p in paces if p is not None and p > 0]
    return statistics.median(known) if known else None


def pace_label(seconds_per_km: float | None) -> str:
    """ "5:42 /km" (empty when unknown)."""
    if seconds_per_km is None:
        return ""
    minutes, seconds = divmod(round(seconds_per_km), 60)
    return f"{minutes}:{seconds:02d} /km"
