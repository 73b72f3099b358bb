"""GPX 1.0/1.1 and TCX read into a :class:`Track` (issue 14).

Hostile XML never reaches a parser that would expand it: the text is refused if it
declares a DTD or an entity (without a DTD there are no entities, so no billion laughs
and no external entities), and ``defusedxml`` forbids DTDs again.
"""

from __future__ import annotations

import io
import math
import re
from datetime import datetime
from typing import Any, Final

from pht_desktop.domain.run_files.track import RunFileError, Sample, Track, as_utc, short_reason

_TCX_NS: Final = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


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
        raise RunFileError(f"The GPX file is damaged or cut short ({short_reason(exc)}).") from None
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
        raise RunFileError(f"The TCX file is damaged or cut short ({short_reason(exc)}).") from None
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
            sample = _tcx_sample(point)
            if sample is not None:
                samples.append(sample)
    if not samples:
        raise RunFileError("The TCX activity has no timed track points.")
    return Track("tcx", sport, tuple(samples), total if has_total else None)


def _tcx_sample(point: Any) -> Sample | None:
    """One trackpoint, each child found by its plain tag: a path such as
    ``Position/LatitudeDegrees`` goes through ElementPath, in Python, and at two of them
    a point that was a third of a TCX file's time (F3)."""
    when = _iso_time(point.findtext(f"{_TCX_NS}Time"))
    if when is None:
        return None
    position = point.find(f"{_TCX_NS}Position")
    return Sample(
        when,
        None if position is None else _float(position.findtext(f"{_TCX_NS}LatitudeDegrees")),
        None if position is None else _float(position.findtext(f"{_TCX_NS}LongitudeDegrees")),
        _float(point.findtext(f"{_TCX_NS}AltitudeMeters")),
        _float(point.findtext(f"{_TCX_NS}DistanceMeters")),
    )


def _iso_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
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
