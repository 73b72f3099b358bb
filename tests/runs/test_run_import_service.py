"""Importing run files: duplicates, merges, bad files, flags into the rules (issue 14)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import RunDraft, RunStyle
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store import run_import_repo
from tests.runs import runfiles as rf

# The conftest clock says 2026-03-02 09:00 UTC: runs are the days before.
DAY1 = datetime(2026, 2, 23, 7, 0, tzinfo=UTC)


def day(n: int, hour: int = 7) -> datetime:
    return DAY1 + timedelta(days=n, hours=hour - 7)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def statuses(report: object) -> list[str]:
    return [o.status for o in report.outcomes]  # type: ignore[attr-defined]


def test_a_mixed_folder_imports_the_runs_and_says_why_for_the_rest(
    services: Services, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, "easy.gpx", rf.gpx_bytes(rf.flat_easy(day(0)))),
        write(tmp_path, "hills.tcx", rf.tcx_bytes(rf.hilly(day(1)))),
        write(tmp_path, "intervals.fit", rf.fit_bytes(rf.intervals(day(2)))),
        write(tmp_path, "ride.fit", rf.fit_bytes(rf.ride(day(3)), "cycling")),
        write(tmp_path, "cut.fit", rf.fit_bytes(rf.flat_easy(day(4)))[:500]),
        write(tmp_path, "bad-crc.fit", rf.with_bad_crc(rf.fit_bytes(rf.flat_easy(day(4))))),
        write(tmp_path, "empty.gpx", b""),
        write(tmp_path, "laughs.gpx", rf.billion_laughs("gpx")),
        write(tmp_path, "xxe.tcx", rf.external_entity("TrainingCenterDatabase")),
        write(tmp_path, "no-times.gpx", rf.gpx_bytes(rf.flat_easy(day(4)), with_times=False)),
    ]
    report = services.run_import.import_paths(files)

    assert statuses(report) == ["imported"] * 3 + ["skipped"] + ["refused"] * 6
    assert [o.name for o in report.outcomes] == [f.name for f in files]
    assert all("\n" not in o.line for o in report.outcomes)
    assert "cycling" in report.outcomes[3].message
    runs = sorted(services.exercises.runs(), key=lambda r: r.performed_at)
    assert [(r.source, r.source_name, r.hills, r.speed) for r in runs] == [
        ("gpx", "easy.gpx", False, False),
        ("tcx", "hills.tcx", True, False),
        ("fit", "intervals.fit", False, True),
    ]
    assert runs[1].elevation_gain_m == pytest.approx(144, abs=3)
    assert "climbed" in runs[1].flag_note
    assert report.summary() == "3 imported, 1 skipped, 6 refused."


def test_an_imported_run_is_a_load_day(services: Services) -> None:
    """R3.2: a calendar day with a run is a load day; its verdict waits for the morning."""
    services.run_import.import_files([("easy.fit", rf.fit_bytes(rf.flat_easy(day(2))))])
    days = services.morning.load_days()
    assert [d.day for d in days] == [date(2026, 2, 25)]
    assert "Run 30 min" in (days[0].dose or "")


def test_the_same_file_twice_adds_nothing_and_says_so(services: Services) -> None:
    data = rf.gpx_bytes(rf.flat_easy(day(0)))
    first = services.run_import.import_files([("a.gpx", data)])
    again = services.run_import.import_files([("copy-of-a.gpx", data), ("a.gpx", data)])
    assert statuses(first) == ["imported"]
    assert statuses(again) == ["duplicate", "duplicate"]
    assert "already imported" in again.outcomes[0].message
    assert "same file as copy-of-a.gpx" in again.outcomes[1].message
    assert len(services.exercises.runs()) == 1


def test_the_same_activity_in_another_format_is_recognised(services: Services) -> None:
    route = rf.intervals(day(1))
    services.run_import.import_files([("watch.fit", rf.fit_bytes(route))])
    report = services.run_import.import_files(
        [("strava.gpx", rf.gpx_bytes(route)), ("garmin.tcx", rf.tcx_bytes(route))]
    )
    assert statuses(report) == ["duplicate", "duplicate"]
    assert "watch.fit" in report.outcomes[0].message
    assert len(services.exercises.runs()) == 1


def test_two_different_runs_the_same_day_are_both_kept(services: Services) -> None:
    report = services.run_import.import_files(
        [
            ("am.fit", rf.fit_bytes(rf.flat_easy(day(1, 7)))),
            ("pm.fit", rf.fit_bytes(rf.flat_easy(day(1, 18)))),
        ]
    )
    assert statuses(report) == ["imported", "imported"]


def test_two_runs_starting_together_but_of_other_lengths_are_both_kept(
    services: Services,
) -> None:
    """Review F7 addendum: the start tolerance alone does not make a duplicate; the
    distance must agree within 3 % too (5.0 km and 5.5 km are two runs)."""
    short = rf.points(day(1), [rf.Leg(1800, rf.pace(6))])
    longer = rf.points(day(1) + timedelta(seconds=60), [rf.Leg(1800, 5500 / 1800)])
    report = services.run_import.import_files(
        [("a.fit", rf.fit_bytes(short)), ("b.fit", rf.fit_bytes(longer))]
    )
    assert statuses(report) == ["imported", "imported"]


def _typed_run(services: Services, when: datetime, minutes: int, km: float | None) -> int:
    run_id, _ = services.exercises.log_run(
        RunDraft(when, minutes * 60, km, pain_during=2, note="felt tight")
    )
    return run_id


def test_a_typed_run_is_offered_for_merging_never_doubled(services: Services) -> None:
    typed = _typed_run(services, day(1, 9), 30, 5.0)  # typed afterwards, at 09:00
    data = rf.fit_bytes(rf.flat_easy(day(1, 7)))
    report = services.run_import.import_files([("watch.fit", data)])

    assert statuses(report) == ["matches"]
    assert len(services.exercises.runs()) == 1  # nothing written yet
    pending = report.pending[0]
    assert "looks like the run you typed" in pending.question

    outcome = services.run_import.merge(pending)
    assert outcome.status == "merged"
    runs = services.exercises.runs()
    assert [r.id for r in runs] == [typed]
    merged = runs[0]
    assert (merged.source, merged.source_name) == ("fit", "watch.fit")
    assert merged.performed_at == day(1, 7)  # the file's real start
    assert (merged.pain_during, merged.note) == (2, "felt tight")  # the user's own words
    # merging again, or importing the file again, changes nothing
    assert services.run_import.merge(pending).status == "duplicate"
    assert statuses(services.run_import.import_files([("watch.fit", data)])) == ["duplicate"]


def test_a_morning_run_typed_in_the_evening_is_still_offered_for_merging(
    services: Services,
) -> None:
    """The form's time is when the user typed it: the whole local day is searched."""
    _typed_run(services, day(1, 19), 30, 5.0)  # typed at 19:00 for the 07:00 run
    report = services.run_import.import_files(
        [("watch.fit", rf.fit_bytes(rf.flat_easy(day(1, 7))))]
    )
    assert statuses(report) == ["matches"]
    assert len(services.exercises.runs()) == 1  # never silently doubled


def test_merge_at_once_when_asked(services: Services) -> None:
    _typed_run(services, day(1, 8), 28, None)  # no distance typed: time is compared
    report = services.run_import.import_files(
        [("watch.gpx", rf.gpx_bytes(rf.flat_easy(day(1, 7))))], merge=True
    )
    assert statuses(report) == ["merged"]
    assert services.exercises.runs()[0].distance_km == pytest.approx(5.0, rel=0.01)


def test_a_typed_run_of_another_length_is_not_a_match(services: Services) -> None:
    _typed_run(services, day(1, 8), 60, 10.0)
    report = services.run_import.import_files(
        [("watch.fit", rf.fit_bytes(rf.flat_easy(day(1, 7))))]
    )
    assert statuses(report) == ["imported"]
    assert len(services.exercises.runs()) == 2


def test_a_deleted_run_stays_deleted_from_the_watched_folder(services: Services) -> None:
    data = rf.fit_bytes(rf.flat_easy(day(0)))
    run_id = services.run_import.import_files([("a.fit", data)]).outcomes[0].run_id
    assert run_id is not None
    services.exercises.delete_run(run_id)

    watched = services.run_import.import_files([("a.fit", data)], watched=True)
    assert statuses(watched) == ["duplicate"]
    assert "deleted" in watched.outcomes[0].message
    assert services.exercises.runs() == []

    explicit = services.run_import.import_files([("a.fit", data)])
    assert statuses(explicit) == ["restored"]
    assert [r.id for r in services.exercises.runs()] == [run_id]


def test_easy_pace_is_learnt_from_the_users_own_runs(services: Services) -> None:
    """A steady 5:00 /km run is fast for someone whose easy runs are 6:00 /km."""
    tempo = rf.points(day(5), [rf.Leg(1800, rf.pace(5))])
    alone = services.run_import.import_files([("tempo-first.gpx", rf.gpx_bytes(tempo))])
    assert services.run_import.import_files([]).outcomes == []
    assert not services.exercises.runs()[0].speed  # no history: judged on its own average
    services.exercises.delete_run(alone.outcomes[0].run_id or 0)

    easy = [(f"easy{n}.fit", rf.fit_bytes(rf.flat_easy(day(n)))) for n in range(3)]
    later = rf.points(day(5, 12), [rf.Leg(1800, rf.pace(5))])
    report = services.run_import.import_files([("tempo.fit", rf.fit_bytes(later)), *easy])
    assert statuses(report) == ["imported"] * 4  # written oldest first, reported in order
    tempo_run = next(r for r in services.exercises.runs() if r.source_name == "tempo.fit")
    assert tempo_run.speed
    assert "easy pace 6:00 /km" in tempo_run.flag_note


def test_the_easy_pace_is_not_learnt_from_run_walks(services: Services) -> None:
    """F10: six run-walks at 7:30 /km overall, then a steady 25 min at 6:00 /km: the
    first continuous run is not "fast" (its walks never made the easy pace)."""
    for n in range(6):
        services.exercises.log_run(RunDraft(day(n, 18), 30 * 60, 4.0, RunStyle.RUN_WALK))
    steady = rf.points(day(6), [rf.Leg(25 * 60, rf.pace(6))])
    report = services.run_import.import_files([("first-continuous.fit", rf.fit_bytes(steady))])
    assert statuses(report) == ["imported"]
    run = next(r for r in services.exercises.runs() if r.source_name == "first-continuous.fit")
    assert not run.speed, run.flag_note
    assert report.outcomes[0].warnings == ()


def test_the_fast_margin_is_the_users_setting(services: Services) -> None:
    easy = [(f"easy{n}.fit", rf.fit_bytes(rf.flat_easy(day(n)))) for n in range(3)]
    services.run_import.import_files(easy)
    services.run_settings.set_fast_margin(25)  # 5:00 /km is only 17 % quicker than 6:00
    steady = rf.points(day(5), [rf.Leg(1800, rf.pace(5))])
    services.run_import.import_files([("tempo.fit", rf.fit_bytes(steady))])
    assert services.run_settings.fast_margin() == 25
    assert not next(r for r in services.exercises.runs() if r.source_name == "tempo.fit").speed
    with pytest.raises(ValueError, match="Fast margin"):
        services.run_settings.set_fast_margin(90)


def test_hills_before_stage_five_bring_the_r24_note(services: Services) -> None:
    report = services.run_import.import_files([("hills.gpx", rf.gpx_bytes(rf.hilly(day(1))))])
    assert report.outcomes[0].warnings
    assert "hills" in report.outcomes[0].warnings[0]
    services.profile.set_stage(5, date(2026, 2, 1))
    later = services.run_import.import_files([("hills2.gpx", rf.gpx_bytes(rf.hilly(day(3))))])
    assert later.outcomes[0].warnings == ()


def test_a_future_run_is_refused(services: Services) -> None:
    tomorrow = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
    report = services.run_import.import_files([("x.fit", rf.fit_bytes(rf.flat_easy(tomorrow)))])
    assert statuses(report) == ["refused"]
    assert "the watch's clock" in report.outcomes[0].message  # F8: the cause is the file's
    assert services.exercises.runs() == []


def test_two_exports_of_one_run_matching_a_typed_run_are_offered_once(
    services: Services,
) -> None:
    """F8: the GPX and the FIT of one activity in one batch: one question, not two."""
    _typed_run(services, day(1, 19), 30, 5.0)
    route = rf.flat_easy(day(1, 7))
    report = services.run_import.import_files(
        [("watch.fit", rf.fit_bytes(route)), ("phone.gpx", rf.gpx_bytes(route))]
    )
    assert statuses(report) == ["matches", "duplicate"]
    assert "watch.fit" in report.outcomes[1].message
    assert len(report.pending) == 1
    assert report.summary() == "0 imported, 1 already there, 1 to merge."  # no "?."


def test_unticking_a_flag_of_an_imported_run_drops_its_reason(services: Services) -> None:
    """F8: the history's tooltip must not say "hilly: 144 m climbed" once unticked."""
    report = services.run_import.import_files([("hills.fit", rf.fit_bytes(rf.hilly(day(1))))])
    run_id = report.outcomes[0].run_id
    assert run_id is not None
    run = services.exercises.runs()[0]
    assert run.hills
    assert "hilly:" in run.flag_note
    edited = RunDraft(
        run.performed_at, run.duration_s, run.distance_km, run.style, hills=False, speed=False
    )
    services.exercises.update_run(run_id, edited)
    after = services.exercises.runs()[0]
    assert not after.hills
    assert "hilly" not in after.flag_note


def test_a_failed_write_leaves_nothing_for_that_file_and_imports_the_rest(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = run_import_repo.add_imported

    def failing(session, run, local_day, created_at):
        run_id = real(session, run, local_day, created_at)
        if run.file_name == "b.fit":
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return run_id

    monkeypatch.setattr(run_import_repo, "add_imported", failing)
    report = services.run_import.import_files(
        [
            ("a.fit", rf.fit_bytes(rf.flat_easy(day(0)))),
            ("b.fit", rf.fit_bytes(rf.flat_easy(day(1)))),
            ("c.fit", rf.fit_bytes(rf.flat_easy(day(2)))),
        ]
    )
    assert statuses(report) == ["imported", "refused", "imported"]
    assert "could not be saved" in report.outcomes[1].message
    assert sorted(r.source_name or "" for r in services.exercises.runs()) == ["a.fit", "c.fit"]


def test_files_are_written_a_batch_to_a_commit_and_a_failing_batch_file_by_file(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each commit waits for the disk (synchronous=FULL): a batch of files shares one,
    and a file whose write fails sends its batch back to one transaction a file."""
    from sqlalchemy import event

    from pht_desktop.services import run_import

    monkeypatch.setattr(run_import, "STORE_BATCH", 2)
    engine = services.run_import._sessions.kw["bind"]
    commits: list[int] = []
    event.listen(engine, "commit", lambda _conn: commits.append(1))
    files = [(f"{n}.fit", rf.fit_bytes(rf.flat_easy(day(n)))) for n in range(5)]
    report = services.run_import.import_files(files[:3])
    assert statuses(report) == ["imported"] * 3
    assert len(commits) == 2  # [0, 1] and [2]
    real = run_import_repo.add_imported

    def failing(session, run, local_day, created_at):
        if run.file_name == "3.fit":
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(session, run, local_day, created_at)

    monkeypatch.setattr(run_import_repo, "add_imported", failing)
    commits.clear()
    report = services.run_import.import_files(files[3:])
    assert statuses(report) == ["refused", "imported"]
    assert len(commits) == 1  # the batch rolled back; 4.fit alone, 3.fit never committed
    assert sorted(r.source_name or "" for r in services.exercises.runs()) == [
        "0.fit",
        "1.fit",
        "2.fit",
        "4.fit",
    ]


# --- what is not a regular file ---------------------------------------------------------------
def test_links_pipes_folders_and_huge_files_are_refused_one_line_each(
    services: Services, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.fit", rf.fit_bytes(rf.flat_easy(day(0))))
    link = tmp_path / "link.fit"
    link.symlink_to(good)
    folder = tmp_path / "folder.gpx"
    folder.mkdir()
    huge = tmp_path / "huge.gpx"
    with huge.open("wb") as handle:
        handle.truncate(100 * 2**20)  # 100 MB, sparse: refused before reading
    paths = [link, folder, huge, tmp_path / "gone.fit", good]
    if sys.platform != "win32":
        fifo = tmp_path / "pipe.fit"
        os.mkfifo(fifo)
        paths.insert(0, fifo)
    report = services.run_import.import_paths(paths)
    lines = {o.name: o for o in report.outcomes}
    assert lines["good.fit"].status == "imported"
    assert "symbolic link" in lines["link.fit"].message
    assert "folder" in lines["folder.gpx"].message
    assert "100 MiB" in lines["huge.gpx"].message
    assert "not there" in lines["gone.fit"].message
    if sys.platform != "win32":
        assert "regular file" in lines["pipe.fit"].message
    assert report.count("refused") == len(paths) - 1
    assert len(services.exercises.runs()) == 1


def test_the_local_date_follows_the_zone_rules_at_that_instant(db_path: Path) -> None:
    """A 00:30 BST run in October, imported in December (GMT), stays on its own date."""
    clock = FakeClock(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), tz="Europe/London")
    services = build_services(db_path, clock)
    try:
        start = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # 00:30 BST on the 25th
        services.run_import.import_files([("late.gpx", rf.gpx_bytes(rf.flat_easy(start, 60)))])
        assert [r.local_date for r in services.exercises.runs()] == [date(2026, 10, 25)]
    finally:
        services.close()


@pytest.mark.parametrize(
    ("route", "rung"),
    [(rf.strides, "strides"), (rf.hill_repeats, "hills")],
    ids=["strides", "hills"],
)
def test_what_the_last_stage_5_rungs_ask_for_meets_them_when_imported(
    services: Services, route: object, rung: str
) -> None:
    """F9: 4 strides after an easy 25 min, or 4 short hill efforts, imported from a
    watch, reach the run ladder's "strides" / "hills" rung (R2.4, R2.9)."""
    from pht_desktop.domain.dose_ladder import RUN_LADDER, Performed

    easy = [(f"easy{n}.fit", rf.fit_bytes(rf.flat_easy(day(n)))) for n in range(3)]
    points = route(day(4))  # type: ignore[operator]
    report = services.run_import.import_files([*easy, ("extra.fit", rf.fit_bytes(points))])
    assert [o.status for o in report.outcomes] == ["imported"] * 4
    run = next(r for r in services.exercises.runs() if r.source_name == "extra.fit")
    done = Performed.from_run(run.duration_s, run.style, run.hills, run.speed)
    reached = RUN_LADDER.rung(RUN_LADDER.rung_of(done))
    assert reached.extra == rung, run.flag_note
