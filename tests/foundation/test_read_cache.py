"""Whole-table reads kept until a write (issue 16): never older than the last write."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import event, update

from pht_desktop.domain import setting_specs
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import RunDraft
from pht_desktop.domain.morning import BaselineMode
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store import exercises_repo, settings_repo
from pht_desktop.store.models import Setting
from pht_desktop.store.read_cache import EVERY_TABLE, written_table
from tests.sql_log import recorded_statements, selects_by_table


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("SELECT settings.key FROM settings", None),
        ("  select 1", None),
        ("PRAGMA quick_check", None),
        ("BEGIN IMMEDIATE", None),
        ("COMMIT", None),
        ("INSERT INTO settings (key, value) VALUES (?, ?)", "settings"),
        ("INSERT OR REPLACE INTO morning_pain (entry_date) VALUES (?)", "morning_pain"),
        ('REPLACE INTO "runs" (id) VALUES (?)', "runs"),
        ("UPDATE sitting_bouts SET seconds=? WHERE sitting_bouts.id = ?", "sitting_bouts"),
        ("update OR IGNORE stands SET seconds=?", "stands"),
        ("DELETE FROM baseline_changes WHERE id = ?", "baseline_changes"),
        ("CREATE TABLE x (a INTEGER)", EVERY_TABLE),
        ("DROP TABLE pht_import_runs", EVERY_TABLE),
        ("WITH t AS (SELECT 1) DELETE FROM runs", EVERY_TABLE),
    ],
)
def test_each_statement_counts_against_the_table_it_writes(
    statement: str, table: str | None
) -> None:
    assert written_table(statement) == table


def test_a_setting_changed_in_settings_is_seen_everywhere(services: Services) -> None:
    """The plan, the morning service and the verdicts read settings through one cache."""
    assert services.plan.inputs().progress_after == setting_specs.PROGRESS_AFTER.default
    assert services.morning.baseline_mode() is BaselineMode.FIXED
    with recorded_statements(services.engine) as again:
        services.morning.progress_after()
        services.settings.value(setting_specs.BASELINE_MODE)
    assert "settings" not in selects_by_table(again)  # read once, then kept
    services.settings.set_value(setting_specs.PROGRESS_AFTER, 8)
    services.settings.set("baseline_mode", "pre_load")
    assert services.plan.inputs().progress_after == 8
    assert services.morning.progress_after() == 8
    assert services.morning.baseline_mode() is BaselineMode.PRE_LOAD
    assert services.settings.get("progress_after") == 8


def test_a_write_another_service_makes_is_seen(services: Services) -> None:
    """A morning recorded by the morning service is in the plan's next inputs."""
    day = services.morning.today()
    assert services.plan.inputs().mornings == ()
    assert services.morning.entry_for(day) is None
    services.morning.record_morning(day, 3)
    assert [m.pain for m in services.plan.inputs().mornings] == [3]
    entry = services.morning.entry_for(day)
    assert entry is not None
    assert entry.pain == 3


def test_a_transaction_reads_its_own_writes_and_a_rollback_keeps_nothing(
    services: Services,
) -> None:
    spec = setting_specs.PROGRESS_AFTER
    before = services.settings.value(spec)
    session = services.sessions()
    session.begin()
    settings_repo.write(session, spec, before + 2)
    assert settings_repo.read(session, spec) == before + 2
    session.rollback()
    session.close()
    assert services.settings.value(spec) == before
    with services.sessions() as session:
        assert settings_repo.read(session, spec) == before


def test_a_restored_file_is_read_again(services: Services) -> None:
    """A restore swaps the file under the engine and disposes it: nothing kept holds."""
    assert services.settings.value(setting_specs.PROGRESS_AFTER) != 9
    with sqlite3.connect(services.database_path) as other:
        other.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('progress_after', '9')")
    services.engine.dispose()
    assert services.settings.value(setting_specs.PROGRESS_AFTER) == 9


def test_a_write_that_matches_no_row_keeps_what_was_read(services: Services) -> None:
    """The restart's sweep of unanswered prompts updates nothing on most starts."""
    services.settings.value(setting_specs.PROGRESS_AFTER)
    nothing = update(Setting).where(Setting.key == "no such key").values(value="1")
    with services.sessions.begin() as session:
        session.execute(nothing)
    with recorded_statements(services.engine) as after_nothing:
        services.settings.value(setting_specs.PROGRESS_AFTER)
    assert "settings" not in selects_by_table(after_nothing)
    something = update(Setting).where(Setting.key == "progress_after").values(value="7")
    with services.sessions.begin() as session:
        session.add(Setting(key="progress_after", value="6"))
    with services.sessions.begin() as session:
        session.execute(something)  # a row matched: read again
    assert services.settings.value(setting_specs.PROGRESS_AFTER) == 7


def test_an_insert_returning_its_id_is_counted(services: Services, clock: FakeClock) -> None:
    """The ORM inserts with RETURNING, whose row count SQLite gives only after the fetch."""
    with services.sessions() as session:
        assert exercises_repo.list_runs(session) == []
    with recorded_statements(services.engine) as writes:
        services.exercises.log_run(RunDraft(clock.now(), 1500, 3.2))
    assert any("RETURNING" in s for s in writes)
    with services.sessions() as session:
        assert [r.duration_s for r in exercises_repo.list_runs(session)] == [1500]


def test_a_write_from_another_process_is_seen_without_a_write_of_ours(
    services: Services,
) -> None:
    """The command line may import runs or change a setting while the app is open: the
    next read sees it, though nothing went through the app's engine (no dispose)."""
    assert services.settings.value(setting_specs.PROGRESS_AFTER) != 9
    with recorded_statements(services.engine) as kept:
        services.settings.value(setting_specs.PROGRESS_AFTER)
    assert "settings" not in selects_by_table(kept)  # kept while nothing changed
    with sqlite3.connect(services.database_path) as other:
        other.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('progress_after', '9')")
    assert services.settings.value(setting_specs.PROGRESS_AFTER) == 9


def test_a_write_from_another_process_is_seen_after_a_write_of_ours(
    services: Services, clock: FakeClock
) -> None:
    """The command line records a morning while the app is open (its own engine on the
    same file), then the app writes before it reads again (a setting saved): that
    commit must not take the other process's changes to the files for its own."""
    day = services.morning.today()
    assert services.morning.entry_for(day) is None
    other = build_services(services.database_path, clock)
    try:
        other.morning.record_morning(day, 4)
    finally:
        other.close()
    services.settings.set_value(setting_specs.PROGRESS_AFTER, 8)
    entry = services.morning.entry_for(day)
    assert entry is not None
    assert entry.pain == 4


def test_a_read_while_a_worker_commits_is_not_kept_past_the_commit(
    services: Services,
) -> None:
    """Run and data imports commit on a worker thread (services/background.py). The
    engine's commit event comes just before SQLite's commit, so a GUI-thread read in
    between still sees the old rows: it must not be kept as the newer value."""
    spec = setting_specs.PROGRESS_AFTER
    before = services.settings.value(spec)
    in_commit, read_done = threading.Event(), threading.Event()

    def hold_the_commit(_connection: object) -> None:
        if threading.current_thread() is worker:
            in_commit.set()
            read_done.wait(timeout=10)

    worker = threading.Thread(target=services.settings.set_value, args=(spec, before + 1))
    event.listen(services.engine, "commit", hold_the_commit)
    try:
        worker.start()
        assert in_commit.wait(timeout=10)
        assert services.settings.value(spec) == before  # not committed yet
        read_done.set()
        worker.join(timeout=10)
    finally:
        read_done.set()
        event.remove(services.engine, "commit", hold_the_commit)
    assert not worker.is_alive()
    assert services.settings.value(spec) == before + 1


def test_a_commit_from_another_process_while_ours_waits_for_the_lock_is_seen(
    services: Services, clock: FakeClock
) -> None:
    """The command line imports runs in batches, each holding SQLite's write lock; the
    app's write meanwhile waits for it (busy timeout), then commits after it. The other
    commit lands between the app's first write statement and its taking the lock: it
    must not be taken for the app's own at its commit."""
    day = services.morning.today()
    assert services.morning.entry_for(day) is None
    other = build_services(services.database_path, clock)
    waited: list[str] = []

    def other_commits_first(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if not waited and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            waited.append(statement)
            other.morning.record_morning(day, 4)

    event.listen(services.engine, "before_cursor_execute", other_commits_first)
    try:
        services.settings.set_value(setting_specs.PROGRESS_AFTER, 8)
    finally:
        event.remove(services.engine, "before_cursor_execute", other_commits_first)
        other.close()
    assert waited
    entry = services.morning.entry_for(day)
    assert entry is not None
    assert entry.pain == 4
