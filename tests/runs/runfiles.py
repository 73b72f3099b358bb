"""Run files made by the tests themselves: GPX with gpxpy, TCX as XML, FIT byte by byte.

A route is a list of :class:`Leg` (how long, how fast, how steep); :func:`points` turns it
into one sample a second (or every ``every_s``) heading east from a start point.
The FIT writer follows the FIT protocol (14-byte header, definition and data messages,
CRC-16 over everything) closely enough for ``fitdecode`` to check and decode it.
"""

from __future__ import annotations

import dataclasses
import math
import random
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import gpxpy
import gpxpy.gpx

EARTH_M_PER_DEG_LAT = 111_320.0


@dataclass(frozen=True)
class Leg:
    seconds: float
    speed_mps: float
    grade: float = 0.0


@dataclass(frozen=True)
class Point:
    at: datetime
    lat: float
    lon: float
    ele: float
    dist: float


def pace(minutes: int, seconds: int = 0) -> float:
    """Metres per second for a pace of minutes:seconds per km."""
    return 1000.0 / (minutes * 60 + seconds)


def points(
    start: datetime,
    legs: Sequence[Leg],
    every_s: float = 1.0,
    lat: float = 51.5,
    lon: float = -0.12,
    ele: float = 30.0,
) -> list[Point]:
    out = [Point(start, lat, lon, ele, 0.0)]
    t = 0.0
    dist = 0.0
    m_per_deg_lon = EARTH_M_PER_DEG_LAT * math.cos(math.radians(lat))
    for leg in legs:
        left = leg.seconds
        while left > 1e-9:
            step = min(every_s, left)
            left -= step
            t += step
            d = leg.speed_mps * step
            dist += d
            lon += d / m_per_deg_lon
            ele += d * leg.grade
            out.append(Point(start + timedelta(seconds=t), lat, lon, ele, dist))
    return out


# --- routes the tests use --------------------------------------------------------------------
def flat_easy(start: datetime, minutes: int = 30) -> list[Point]:
    return points(start, [Leg(minutes * 60, pace(6))])


def hilly(start: datetime) -> list[Point]:
    """Six 400 m climbs at 6 % with the descents back: about 144 m up over 6 km."""
    legs = [Leg(300, pace(6, 30))]
    for _ in range(6):
        legs += [Leg(400 / pace(7), pace(7), 0.06), Leg(400 / pace(5, 40), pace(5, 40), -0.06)]
    legs.append(Leg(300, pace(6, 30)))
    return points(start, legs)


INTERVAL_LEGS = [
    Leg(600, pace(6)),
    *[Leg(120, pace(4)), Leg(120, pace(7))] * 6,
    Leg(600, pace(6)),
]


def intervals(start: datetime) -> list[Point]:
    """10 min warm-up, 6 × (2 min at 4:00 /km, 2 min jog), 10 min cool-down, all flat."""
    return points(start, INTERVAL_LEGS)


def ride(start: datetime) -> list[Point]:
    return points(start, [Leg(40 * 60, 8.0)])


def one_climb(start: datetime, grade: float) -> list[Point]:
    """10 km on the flat at 6:00 /km with one 400 m climb at ``grade`` in the middle."""
    legs = [
        Leg(4600 / pace(6), pace(6)),
        Leg(400 / pace(7), pace(7), grade),
        Leg(5000 / pace(6), pace(6)),
    ]
    return points(start, legs)


def rolling(start: datetime, metres_per_km: float) -> list[Point]:
    """10 km of 1 km blocks, each a 3 % rise of ``metres_per_km`` and the same back down:
    climbing that is never steep, only frequent."""
    climb_m = metres_per_km / 0.03
    block = [
        Leg((1000 - 2 * climb_m) / pace(6), pace(6)),
        Leg(climb_m / pace(6, 30), pace(6, 30), 0.03),
        Leg(climb_m / pace(5, 40), pace(5, 40), -0.03),
    ]
    return points(start, block * 10)


def strides(start: datetime) -> list[Point]:
    """25 min easy at 6:00 /km, then 4 × (20 s at 4:00 /km, 60 s easy): stage 5's strides."""
    return points(start, [Leg(25 * 60, pace(6))] + [Leg(20, pace(4)), Leg(60, pace(6))] * 4)


def hill_repeats(start: datetime) -> list[Point]:
    """20 min easy, 4 × (40 s up at 6 %, 60 s back down), 8 min easy: about 23 m up."""
    up = 40 * pace(7)
    efforts = [Leg(40, pace(7), 0.06), Leg(60, up / 60, -0.06)] * 4
    return points(start, [Leg(20 * 60, pace(6)), *efforts, Leg(8 * 60, pace(6))])


def walk(start: datetime, minutes: int = 60, speed_mps: float = 1.4) -> list[Point]:
    return points(start, [Leg(minutes * 60, speed_mps)])


def with_gps_heights(
    route: Sequence[Point], sigma_m: float, rho: float = 0.98, seed: int = 14
) -> list[Point]:
    """Heights with slowly wandering GPS noise: AR(1), ``sigma_m`` deep, correlated over
    about 1 / (1 - rho) seconds (0.98: ~50 s), as phone altitude typically is."""
    rng = random.Random(seed)
    step = sigma_m * math.sqrt(1 - rho * rho)
    noise = rng.gauss(0, sigma_m)
    out = []
    for p in route:
        noise = rho * noise + rng.gauss(0, step)
        out.append(dataclasses.replace(p, ele=p.ele + noise))
    return out


def with_jittery_heights(route: Sequence[Point], amplitude_m: float, seed: int = 14) -> list[Point]:
    """Heights jumping up to ±``amplitude_m`` from one point to the next."""
    rng = random.Random(seed)
    return [
        dataclasses.replace(p, ele=p.ele + rng.uniform(-amplitude_m, amplitude_m)) for p in route
    ]


def stand_still(start: datetime, minutes: int = 15, stand_s: float = 120.0) -> list[Point]:
    """Easy running, a stand-still at a crossing (the watch still recording), easy again."""
    easy = Leg(minutes * 60, pace(6))
    return points(start, [easy, Leg(stand_s, 0.0), easy])


def moved(p: Point, east_m: float, north_m: float) -> Point:
    m_per_deg_lon = EARTH_M_PER_DEG_LAT * math.cos(math.radians(p.lat))
    return dataclasses.replace(
        p, lat=p.lat + north_m / EARTH_M_PER_DEG_LAT, lon=p.lon + east_m / m_per_deg_lon
    )


def _along(route: Sequence[Point], place: Callable[[float], tuple[float, float]]) -> list[Point]:
    """The same times and distances on another path: ``place(dist)`` is (east, north) m."""
    start = route[0]
    return [
        moved(dataclasses.replace(p, lat=start.lat, lon=start.lon), *place(p.dist)) for p in route
    ]


TRACK_STRAIGHT_M = 84.39
TRACK_RADIUS_M = 36.5
"""A standard 400 m track, lane 1: two 84.39 m straights and two bends of radius 36.5 m."""


def on_a_track(route: Sequence[Point]) -> list[Point]:
    """The route run round and round a 400 m track (bends are where smoothing cuts)."""
    straight, radius = TRACK_STRAIGHT_M, TRACK_RADIUS_M
    bend = math.pi * radius

    def place(dist: float) -> tuple[float, float]:
        d = dist % (2 * (straight + bend))
        if d < straight:
            return d, 0.0
        if d < straight + bend:
            a = (d - straight) / radius
            return straight + radius * math.sin(a), radius - radius * math.cos(a)
        if d < 2 * straight + bend:
            return straight - (d - straight - bend), 2 * radius
        a = (d - 2 * straight - bend) / radius
        return -radius * math.sin(a), radius + radius * math.cos(a)

    return _along(route, place)


def round_blocks(route: Sequence[Point], block_m: float = 100.0) -> list[Point]:
    """The route through a grid of streets: a right-angle turn every ``block_m``."""

    def place(dist: float) -> tuple[float, float]:
        legs, rest = divmod(dist, block_m)
        east = block_m * math.ceil(legs / 2) + (rest if legs % 2 == 0 else 0.0)
        north = block_m * (legs // 2) + (rest if legs % 2 == 1 else 0.0)
        return east, north

    return _along(route, place)


def with_position_jitter(route: Sequence[Point], amplitude_m: float, seed: int = 14) -> list[Point]:
    """Positions scattered independently by up to ±``amplitude_m`` east and north at every
    point: the second-to-second scatter of a phone's or a cheap watch's GPS. ``dist``
    stays the truth."""
    rng = random.Random(seed)
    a = amplitude_m
    return [moved(p, rng.uniform(-a, a), rng.uniform(-a, a)) for p in route]


def with_jumps(route: Sequence[Point], every: int = 180, metres: float = 100.0) -> list[Point]:
    """One point in every ``every`` thrown ``metres`` north (a reflection off a building),
    the next one back on the route."""
    return [moved(p, 0.0, metres) if i % every == every // 2 else p for i, p in enumerate(route)]


def with_position_wander(
    route: Sequence[Point], sigma_m: float, rho: float = 0.9, seed: int = 14
) -> list[Point]:
    """Positions off by a slowly wandering error (AR(1) east and north, ``sigma_m`` deep,
    correlated over about 1 / (1 - rho) seconds): multipath in a street. ``dist`` stays
    the truth."""
    rng = random.Random(seed)
    step = sigma_m * math.sqrt(1 - rho * rho)
    east, north = rng.gauss(0, sigma_m), rng.gauss(0, sigma_m)
    out = []
    for p in route:
        east = rho * east + rng.gauss(0, step)
        north = rho * north + rng.gauss(0, step)
        out.append(moved(p, east, north))
    return out


# --- writers ---------------------------------------------------------------------------------
def gpx_bytes(
    route: Sequence[Point], sport: str | None = "running", with_times: bool = True
) -> bytes:
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="Morning run")
    track.type = sport  # type: ignore[assignment]
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for p in route:
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(
                p.lat, p.lon, elevation=p.ele, time=p.at if with_times else None
            )
        )
    return gpx.to_xml(version="1.1").encode()


TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def tcx_bytes(route: Sequence[Point], sport: str = "Running") -> bytes:
    ET.register_namespace("", TCX_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, f"{{{TCX_NS}}}{tag}")
        if text is not None:
            element.text = text
        return element

    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    root = ET.Element(f"{{{TCX_NS}}}TrainingCenterDatabase")
    activity = sub(sub(root, "Activities"), "Activity")
    activity.set("Sport", sport)
    sub(activity, "Id", stamp(route[0].at))
    lap = sub(activity, "Lap")
    lap.set("StartTime", stamp(route[0].at))
    sub(lap, "TotalTimeSeconds", f"{(route[-1].at - route[0].at).total_seconds():.1f}")
    sub(lap, "DistanceMeters", f"{route[-1].dist:.1f}")
    track = sub(lap, "Track")
    for p in route:
        point = sub(track, "Trackpoint")
        sub(point, "Time", stamp(p.at))
        position = sub(point, "Position")
        sub(position, "LatitudeDegrees", f"{p.lat:.7f}")
        sub(position, "LongitudeDegrees", f"{p.lon:.7f}")
        sub(point, "AltitudeMeters", f"{p.ele:.1f}")
        sub(point, "DistanceMeters", f"{p.dist:.1f}")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)


# --- FIT, byte by byte (FIT protocol: header, definition/data messages, CRC-16) -------------
_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
SPORTS = {"generic": 0, "running": 1, "cycling": 2, "walking": 11, "hiking": 17}
# base types: enum 0x00, uint8 0x02, sint32 0x85, uint16 0x84, uint32 0x86
_FORMAT = {0x00: "B", 0x02: "B", 0x84: "H", 0x85: "i", 0x86: "I"}


def fit_crc(data: bytes, crc: int = 0) -> int:
    for byte in data:
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[byte & 0xF]
        tmp = _CRC_TABLE[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ _CRC_TABLE[(byte >> 4) & 0xF]
    return crc


def _fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


class _FitWriter:
    def __init__(self) -> None:
        self.body = bytearray()

    def define(self, local: int, global_num: int, fields: Sequence[tuple[int, int]]) -> None:
        """fields: (field number, base type); sizes follow from the base type."""
        self.body += bytes([0x40 | local, 0, 0]) + struct.pack("<HB", global_num, len(fields))
        for number, base in fields:
            self.body += bytes([number, struct.calcsize(_FORMAT[base]), base])
        self._formats = getattr(self, "_formats", {})
        self._formats[local] = "<" + "".join(_FORMAT[base] for _, base in fields)

    def data(self, local: int, *values: int) -> None:
        self.body += bytes([local]) + struct.pack(self._formats[local], *values)

    def finish(self) -> bytes:
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.body), b".FIT")
        header += struct.pack("<H", fit_crc(header))
        whole = header + bytes(self.body)
        return whole + struct.pack("<H", fit_crc(whole))


def fit_bytes(
    route: Sequence[Point],
    sport: str = "running",
    file_type: int = 4,
    total_ascent: int | None = None,
) -> bytes:
    w = _FitWriter()
    # file_id: type, manufacturer, time_created
    w.define(0, 0, [(0, 0x00), (1, 0x84), (4, 0x86)])
    w.data(0, file_type, 255, _fit_time(route[0].at))
    # record: timestamp, lat, long, altitude (scale 5, offset 500), distance (scale 100)
    w.define(1, 20, [(253, 0x86), (0, 0x85), (1, 0x85), (2, 0x84), (5, 0x86)])
    for p in route:
        w.data(
            1,
            _fit_time(p.at),
            round(p.lat / 180 * 2**31),
            round(p.lon / 180 * 2**31),
            round((p.ele + 500) * 5),
            round(p.dist * 100),
        )
    # session: timestamp, start_time, sport, sub_sport, total_elapsed, total_timer, distance
    # (and total_ascent, field 22, in metres, when given)
    fields = [(253, 0x86), (2, 0x86), (5, 0x00), (6, 0x00), (7, 0x86), (8, 0x86), (9, 0x86)]
    elapsed = round((route[-1].at - route[0].at).total_seconds() * 1000)
    values = [
        _fit_time(route[-1].at),
        _fit_time(route[0].at),
        SPORTS[sport],
        0,
        elapsed,
        elapsed,
        round(route[-1].dist * 100),
    ]
    if total_ascent is not None:
        fields.append((22, 0x84))
        values.append(total_ascent)
    w.define(2, 18, fields)
    w.data(2, *values)
    return w.finish()


def with_bad_crc(fit: bytes) -> bytes:
    return fit[:-2] + bytes([fit[-2] ^ 0xFF, fit[-1]])


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><trk><name>&lol9;</name></trk></{root}>
"""


def billion_laughs(root: str) -> bytes:
    return BILLION_LAUGHS.replace(b"{root}", root.encode())


def external_entity(root: str, target: str = "file:///etc/passwd") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "{target}">]>\n'
        f"<{root}><trk><name>&xxe;</name></trk></{root}>\n"
    ).encode()
