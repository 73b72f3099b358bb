"""Reading GPX, TCX and FIT into a RunRecord, and refusing what is not a run (issue 14)."""

from __future__ import annotations

import gzip
import itertools
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain import run_files
from pht_desktop.domain.run_files import (
    NotARunError,
    RunFileError,
    elevation_gain,
    fit_reader,
    parse_run_file,
    xml_readers,
)
from pht_desktop.domain.run_files import parse as run_parse
from pht_desktop.domain.run_flags import run_flags
from tests.runs import runfiles as rf

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

Writer = Callable[[Sequence[rf.Point], str], bytes]


def _gpx(route: Sequence[rf.Point], sport: str) -> bytes:
    return rf.gpx_bytes(route, sport)


def _tcx(route: Sequence[rf.Point], sport: str) -> bytes:
    return rf.tcx_bytes(route, {"running": "Running", "cycling": "Biking"}[sport])


def _fit(route: Sequence[rf.Point], sport: str) -> bytes:
    return rf.fit_bytes(route, sport)


FORMATS: dict[str, Writer] = {"gpx": _gpx, "tcx": _tcx, "fit": _fit}
formats = pytest.mark.parametrize("fmt", sorted(FORMATS))


def read(fmt: str, route: Sequence[rf.Point], sport: str = "running") -> run_files.RunRecord:
    return parse_run_file(f"run.{fmt}", FORMATS[fmt](route, sport), LONDON)


@formats
def test_flat_easy_run(fmt: str) -> None:
    record = read(fmt, rf.flat_easy(MORNING))
    assert record.fmt == fmt
    assert record.sport == "running"
    assert record.start == MORNING
    assert record.local_date == date(2026, 3, 1)
    assert (record.elapsed_s, record.moving_s) == (1800, 1800)
    assert record.distance_m == pytest.approx(5000, rel=0.005)
    assert record.elevation_gain_m == 0
    assert record.avg_pace_s_km == pytest.approx(360, rel=0.005)
    assert record.best_km_s == pytest.approx(360, rel=0.005)
    assert not record.run_walk
    flags = run_flags(record, None, 15)
    assert (flags.hilly, flags.fast) == (False, False)


@formats
def test_hilly_run_is_hilly_not_fast(fmt: str) -> None:
    record = read(fmt, rf.hilly(MORNING))
    assert record.elevation_gain_m == pytest.approx(144, abs=3)
    assert record.steepest_grade == pytest.approx(0.06, abs=0.002)
    flags = run_flags(record, 380.0, 15)
    assert (flags.hilly, flags.fast) == (True, False)
    assert "m climbed" in flags.note


@formats
def test_interval_session_is_fast(fmt: str) -> None:
    record = read(fmt, rf.intervals(MORNING))
    assert record.fastest_segment_pace_s_km == pytest.approx(240, rel=0.01)
    # against the user's easy pace, and (too few runs known) against its own average
    assert run_flags(record, 360.0, 15).fast
    assert run_flags(record, None, 15).fast
    assert not run_flags(record, None, 15).hilly
    assert not run_flags(record, 250.0, 15).fast  # a quick runner's easy pace: not fast


@formats
def test_cycling_ride_is_skipped_with_its_reason(fmt: str) -> None:
    with pytest.raises(NotARunError, match="cycling") as caught:
        read(fmt, rf.ride(MORNING), "cycling")
    assert caught.value.sport == "cycling"


def test_untyped_fast_track_is_taken_for_a_ride() -> None:
    data = rf.gpx_bytes(rf.ride(MORNING), sport=None)
    with pytest.raises(NotARunError, match="km/h"):
        parse_run_file("ride.gpx", data, LONDON)


def test_untyped_track_at_running_speed_is_a_run() -> None:
    data = rf.gpx_bytes(rf.flat_easy(MORNING), sport=None)
    assert parse_run_file("run.gpx", data, LONDON).sport == "running"


@formats
def test_run_across_midnight_keeps_its_starting_evening(fmt: str) -> None:
    # 23:40 BST on 30 June = 22:40 UTC; ends 00:20 BST on 1 July.
    start = datetime(2026, 6, 30, 22, 40, tzinfo=UTC)
    record = read(fmt, rf.flat_easy(start, minutes=40))
    assert record.local_date == date(2026, 6, 30)


@formats
def test_run_across_the_autumn_dst_change_gets_the_date_by_the_rules_then(fmt: str) -> None:
    # 00:30 BST on 25 October 2026 is 23:30 UTC on the 24th; clocks go back at 02:00 BST,
    # during the run. A fixed offset taken in winter (UTC+0) would say the 24th.
    start = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    record = read(fmt, rf.flat_easy(start, minutes=90))
    assert record.local_date == date(2026, 10, 25)
    assert record.elapsed_s == 90 * 60  # real seconds, not wall-clock minutes


@formats
def test_run_across_the_spring_dst_change(fmt: str) -> None:
    # 00:40 GMT on 29 March 2026; at 01:00 GMT the clocks jump to 02:00 BST.
    start = datetime(2026, 3, 29, 0, 40, tzinfo=UTC)
    record = read(fmt, rf.flat_easy(start, minutes=50))
    assert record.local_date == date(2026, 3, 29)
    assert record.moving_s == 50 * 60


def test_run_walk_is_recognised() -> None:
    legs = [rf.Leg(120, rf.pace(6)), rf.Leg(60, 1.4)] * 8
    record = parse_run_file("rw.gpx", rf.gpx_bytes(rf.points(MORNING, legs)), LONDON)
    assert record.run_walk
    assert record.moving_s == 24 * 60


def test_stops_are_not_moving_time() -> None:
    legs = [rf.Leg(600, rf.pace(6)), rf.Leg(300, 0.0), rf.Leg(600, rf.pace(6))]
    record = parse_run_file("stop.fit", rf.fit_bytes(rf.points(MORNING, legs)), LONDON)
    assert (record.elapsed_s, record.moving_s) == (1500, 1200)


def test_a_5_hz_file_is_read_as_the_1_hz_run_it_is() -> None:
    every_second = parse_run_file("a.gpx", rf.gpx_bytes(rf.intervals(MORNING)), LONDON)
    route = rf.points(MORNING, rf.INTERVAL_LEGS, every_s=0.2)
    five_hz = parse_run_file("b.gpx", rf.gpx_bytes(route), LONDON)
    assert five_hz.moving_s == every_second.moving_s
    assert five_hz.distance_m == pytest.approx(every_second.distance_m, rel=0.002)
    assert five_hz.fastest_segment_pace_s_km == pytest.approx(240, rel=0.01)


def test_more_points_than_8_hours_at_1_hz_is_refused_before_summing() -> None:
    samples = tuple(
        run_files.Sample(MORNING + timedelta(seconds=n), distance_m=2.5 * n)
        for n in range(run_files.MAX_SAMPLES + 1)
    )
    with pytest.raises(RunFileError, match="points"):
        run_files.summarise(run_files.Track("fit", "running", samples), LONDON)


def test_gzipped_file_is_read() -> None:
    data = gzip.compress(rf.fit_bytes(rf.flat_easy(MORNING)))
    assert parse_run_file("run.fit.gz", data, LONDON).fmt == "fit"


# --- bad files --------------------------------------------------------------------------------
def _truncated(fmt: str) -> bytes:
    whole = FORMATS[fmt](rf.flat_easy(MORNING), "running")
    return whole[: len(whole) // 2]


_WAYPOINTS_ONLY = (
    b"<?xml version='1.0'?><gpx version='1.1' creator='t' "
    b"xmlns='http://www.topografix.com/GPX/1/1'><wpt lat='51.5' lon='-0.1'>"
    b"<time>2026-03-01T08:00:00Z</time></wpt></gpx>"
)


def _tcx_document(activities: str) -> bytes:
    return (
        f"<?xml version='1.0'?><TrainingCenterDatabase xmlns='{rf.TCX_NS}'>"
        f"<Activities>{activities}</Activities></TrainingCenterDatabase>"
    ).encode()


BAD: list[tuple[str, Callable[[], bytes], str]] = [
    ("empty.gpx", lambda: b"", "empty"),
    ("cut.gpx", lambda: _truncated("gpx"), "damaged or cut short"),
    ("cut.tcx", lambda: _truncated("tcx"), "damaged or cut short"),
    ("cut.fit", lambda: _truncated("fit"), "cut short"),
    ("bad-crc.fit", lambda: rf.with_bad_crc(rf.fit_bytes(rf.flat_easy(MORNING))), "CRC"),
    ("notes.gpx", lambda: b"just some text, not xml", "Not a GPX, TCX or FIT"),
    ("photo.fit", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "FIT"),
    ("times.gpx", lambda: rf.gpx_bytes(rf.flat_easy(MORNING), with_times=False), "no times"),
    ("laughs.gpx", lambda: rf.billion_laughs("gpx"), "DTD"),
    ("laughs.tcx", lambda: rf.billion_laughs("TrainingCenterDatabase"), "DTD"),
    ("xxe.gpx", lambda: rf.external_entity("gpx"), "DTD"),
    ("xxe.tcx", lambda: rf.external_entity("TrainingCenterDatabase"), "DTD"),
    ("huge.gpx", lambda: b"<gpx>" + b" " * (run_files.MAX_FILE_BYTES + 1), "MB"),
    ("huge.fit", lambda: rf.fit_bytes(rf.flat_easy(MORNING))[:14] + bytes(4 * 2**20), "4 MB"),
    ("bomb.gpx.gz", lambda: gzip.compress(b" " * (run_files.MAX_FILE_BYTES + 10)), "MB"),
    ("cut.fit.gz", lambda: gzip.compress(rf.fit_bytes(rf.flat_easy(MORNING)))[:100], "gzip"),
    (
        "settings.fit",
        lambda: rf.fit_bytes(rf.flat_easy(MORNING), file_type=2),
        "not an activity",
    ),
    (
        "unset-clock.fit",
        lambda: rf.fit_bytes(rf.flat_easy(datetime(1990, 1, 1, tzinfo=UTC))),
        "clock was not set",
    ),
    (
        "one-point.gpx",
        lambda: rf.gpx_bytes(rf.flat_easy(MORNING)[:1]),
        "Fewer than two",
    ),
    ("latin1.gpx", lambda: "<gpx><trk><name>Café</name></trk></gpx>".encode("latin-1"), "UTF-8"),
    ("notes.xml", lambda: b"<?xml version='1.0'?><notes/>", "An XML file, but neither GPX nor TCX"),
    ("empty.gpx.gz", lambda: gzip.compress(b""), "The file is empty."),
    ("waypoints.gpx", lambda: _WAYPOINTS_ONLY, "holds no track (a route or waypoints only)"),
    ("no-activity.tcx", lambda: _tcx_document(""), "The TCX file holds no activity."),
    (
        "untimed.tcx",
        lambda: _tcx_document(
            "<Activity Sport='Running'><Lap><Track><Trackpoint>"
            "<AltitudeMeters>10</AltitudeMeters></Trackpoint></Track></Lap></Activity>"
        ),
        "The TCX activity has no timed track points.",
    ),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_refused_with_one_clear_line(
    name: str, make: Callable[[], bytes], reason: str
) -> None:
    with pytest.raises(RunFileError) as caught:
        parse_run_file(name, make(), LONDON)
    assert reason in caught.value.reason
    assert "\n" not in caught.value.reason


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.txt", b"\xef\xbb\xbf \r\n<?xml version='1.0'?><gpx version='1.1'>", "gpx"),
        ("a.xml", b"<TrainingCenterDatabase xmlns='x'>", "tcx"),
        ("a.gpx", b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT", "fit"),  # content beats name
        ("export.GPX", b"<?xml version='1.0'?><root/>", "gpx"),  # neither: the name decides
        ("export.tcx.gz", b"<?xml version='1.0'?><root/>", "tcx"),
    ],
)
def test_the_format_comes_from_the_content_and_the_name_only_breaks_a_tie(
    name: str, data: bytes, fmt: str
) -> None:
    assert run_files.detect_format(name, data) == fmt


XML_ROOTS = {"gpx": "gpx", "tcx": "TrainingCenterDatabase"}


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
def test_a_dtd_never_reaches_the_xml_parser(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import defusedxml.ElementTree as SafeET

    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the XML parser saw a hostile document")

    monkeypatch.setattr(SafeET, "iterparse", boom)
    monkeypatch.setattr(SafeET, "fromstring", boom)
    with pytest.raises(RunFileError, match="DTD"):
        parse_run_file(f"laughs.{fmt}", rf.billion_laughs(XML_ROOTS[fmt]), LONDON)


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
def test_behind_the_dtd_check_the_parser_still_refuses_every_dtd(
    fmt: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Defence in depth: with the text check bypassed, defusedxml refuses the bomb and
    the external entity itself (the plain ElementTree would expand one and only stop
    at expat's amplification limit)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    monkeypatch.setattr(xml_readers, "_DTD", re.compile("(?!)"))  # matches nothing
    with pytest.raises(RunFileError, match="declares a DTD"):
        parse_run_file(f"laughs.{fmt}", rf.billion_laughs(XML_ROOTS[fmt]), LONDON)
    xxe = rf.external_entity(XML_ROOTS[fmt], secret.as_uri())
    with pytest.raises(RunFileError, match="declares a DTD") as external:
        parse_run_file(f"xxe.{fmt}", xxe, LONDON)
    assert "TOP-SECRET" not in external.value.reason


def _with_entity(fmt: str) -> bytes:
    """A good run whose sport is spelt through a harmless entity: readable only if a
    DTD got through."""
    route = rf.flat_easy(MORNING)
    text = (rf.gpx_bytes(route, "running") if fmt == "gpx" else rf.tcx_bytes(route)).decode()
    if fmt == "gpx":
        text = text.replace("<type>running</type>", "<type>&sport;</type>")
    else:
        text = text.replace('Sport="Running"', 'Sport="&sport;"')
    head, body = text.split("?>", 1)
    return f'{head}?><!DOCTYPE r [<!ENTITY sport "running">]>{body}'.encode()


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
def test_a_dtd_the_text_check_cannot_see_is_refused_by_the_parser(fmt: str) -> None:
    """UTF-16 without a byte-order mark is valid UTF-8 byte for byte (NULs between the
    letters), so the text check cannot see its DTD, yet expat reads it as UTF-16, DTD
    and all: only the parser's own refusal (defusedxml) keeps it out."""
    plain = _with_entity(fmt)
    with pytest.raises(RunFileError, match="DTD"):
        parse_run_file(f"entity.{fmt}", plain, LONDON)
    hidden = plain.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    assert not xml_readers._DTD.search(hidden.decode("utf-8"))
    with pytest.raises(RunFileError, match="DTD"):
        parse_run_file(f"entity.{fmt}", hidden, LONDON)


def test_an_unexpected_parser_error_becomes_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_data: bytes) -> run_files.Track:
        raise IndexError("deep inside a parser")

    monkeypatch.setattr(run_parse, "read_fit", broken)
    with pytest.raises(RunFileError, match="could not be read"):
        parse_run_file("x.fit", rf.fit_bytes(rf.flat_easy(MORNING)), LONDON)


def test_longer_than_the_run_log_allows_is_refused() -> None:
    route = rf.points(MORNING, [rf.Leg(9 * 3600, 2.5)], every_s=60)
    with pytest.raises(RunFileError, match="8 h"):
        parse_run_file("ultra.fit", rf.fit_bytes(route), LONDON)


# --- the pieces -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("heights", "gain"),
    [
        ([10, 11, 12, 11, 12, 11, 10], 0),  # noise under 3 m
        ([10, 13, 16, 10, 13], 9),  # 6 up, down, 3 up
        ([0, 2, 4, 6, 8, 10], 10),  # a steady climb counted whole
        ([50, 40, 30, 20], 0),
    ],
)
def test_elevation_gain_ignores_noise(heights: list[float], gain: float) -> None:
    assert elevation_gain(heights) == gain


@given(st.lists(st.floats(min_value=-400, max_value=9000), min_size=1, max_size=200))
def test_elevation_gain_never_exceeds_the_sum_of_rises(heights: list[float]) -> None:
    rises = sum(max(0.0, b - a) for a, b in itertools.pairwise(heights))
    assert 0 <= elevation_gain(heights) <= rises + 1e-6


@given(
    st.lists(st.floats(min_value=0.1, max_value=20), min_size=2, max_size=60),
    st.floats(min_value=1, max_value=5000),
)
def test_fastest_segment_lies_between_the_fastest_step_and_any_window(
    steps: list[float], span: float
) -> None:
    """One step a second: no window is quicker than the quickest step, and the fastest is
    no slower than the window from the start or the one to the end. (Not "no slower than
    the average": 2 m, 1 m, 2 m in 1 s each has no 3 m window faster than 2 s.)"""
    distance = [0.0]
    for step in steps:
        distance.append(distance[-1] + step)
    seconds = [float(i) for i in range(len(distance))]
    best = run_files.fastest_over(distance, seconds, span)
    if distance[-1] < span:
        assert best is None
        return

    def at(metres: float) -> float:  # the time a distance is reached (one step a second)
        i = next(i for i in range(1, len(distance)) if distance[i] >= metres)
        return i - 1 + (metres - distance[i - 1]) / (distance[i] - distance[i - 1])

    assert best is not None
    assert best >= span / max(steps) - 1e-6
    assert best <= at(span) + 1e-6
    assert best <= seconds[-1] - at(distance[-1] - span) + 1e-6


@pytest.mark.parametrize(
    ("given_sport", "normal"),
    [
        ("running", "running"),
        ("Running", "running"),
        ("trail_running", "trail_running"),
        ("Biking", "cycling"),
        ("cycling", "cycling"),
        ("Ride", "cycling"),
        ("walking", "walking"),
        ("hiking", "hiking"),
        ("Other", None),
        ("9", None),
        (None, None),
    ],
)
def test_sport_names_are_normalised(given_sport: str | None, normal: str | None) -> None:
    assert run_files.normalise_sport(given_sport) == normal


def test_pace_label() -> None:
    assert run_files.pace_label(342.4) == "5:42 /km"
    assert run_files.pace_label(None) == ""


def test_fit_fixture_header_and_crc_follow_the_spec() -> None:
    data = rf.fit_bytes(rf.flat_easy(MORNING, minutes=1))
    assert data[8:12] == b".FIT"
    assert rf.fit_crc(data) == 0  # the CRC over a whole file including its CRC is zero
    assert rf.fit_crc(b"123456789") == 0xBB3D  # CRC-16/ARC check value


def test_start_in_samples_order_is_found_even_when_shuffled() -> None:
    route = rf.flat_easy(MORNING, minutes=5)
    track = run_files.Track(
        "gpx",
        "running",
        tuple(
            run_files.Sample(p.at, p.lat, p.lon, p.ele)
            for p in reversed(route)  # a file listing its points backwards
        ),
    )
    record = run_files.summarise(track, LONDON)
    assert record.start == MORNING
    assert record.elapsed_s == 300
    assert record.start + timedelta(seconds=record.elapsed_s) == route[-1].at


@given(st.binary(min_size=1, max_size=400))
def test_the_whole_file_crc_is_fitdecodes_own(data: bytes) -> None:
    from fitdecode.utils import compute_crc

    assert fit_reader.fit_crc(data) == compute_crc(data)
