"""Settings declared once (issue 17): every key typed, defaulted and validated."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from pht_desktop.domain import setting_specs
from pht_desktop.domain.break_settings import BreakSettings, BreakUiOptions
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import BaselineMode
from pht_desktop.domain.setting_specs import SPECS, Appearance, parse, spec
from pht_desktop.services.registry import Services


@pytest.mark.parametrize(
    ("key", "raw", "clean"),
    [
        ("baseline_mode", "pre_load", BaselineMode.PRE_LOAD),
        ("progress_after", 6, 6),
        ("progress_after", 30.0, 30),
        ("morning_reminder_time", "07:30", time(7, 30)),
        ("breaks", {"sitting_interval_min": 40}, BreakSettings(sitting_interval_min=40)),
        ("breaks.ui", {"sound": True}, BreakUiOptions(sound=True)),
        ("breaks.pause", None, None),
        ("backup_keep_days", 14, 14),
        ("appearance", "dark", setting_specs.Appearance.DARK),
        ("first_run_done", True, True),
        ("hold_timer_sound", False, False),
        ("measure_interval_weeks", 3, 3),
    ],
)
def test_parse_gives_the_declared_type(key: str, raw: object, clean: object) -> None:
    assert parse(key, raw) == clean
    assert parse(key, setting_specs.dump(key, clean)) == clean  # JSON round trip


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("baseline_mode", "rolling"),
        ("progress_after", 0),
        ("progress_after", 31),
        ("progress_after", "6"),
        ("progress_after", True),
        ("morning_reminder_time", "25:00"),
        ("breaks", {"sitting_interval_min": 5}),  # R1.1: 15–90 min
        ("breaks", "often"),
        ("breaks.ui", {"sound": "yes"}),
        ("breaks.pause", [1, 2]),
        ("backup_keep_days", 366),
        ("appearance", "purple"),
        ("first_run_done", 1),
        ("hold_timer_sound", None),
        ("measure_interval_weeks", 9),
        ("no_such_setting", 1),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(key: str, raw: object) -> None:
    with pytest.raises(ValidationError) as error:
        parse(key, raw)
    assert error.value.message


def test_every_key_is_declared_once_with_a_default_it_accepts() -> None:
    for key, declared in SPECS.items():
        assert declared.key == key
        if declared.default is not None:
            assert parse(key, declared.dump(declared.default)) == declared.default
    with pytest.raises(ValueError, match="declared twice"):
        setting_specs._bool("first_run_done", False, "again")


def test_a_damaged_stored_value_reads_as_the_default() -> None:
    assert spec("progress_after").read("lots") == 6
    assert spec("baseline_mode").read(None) is BaselineMode.FIXED


def test_services_validate_before_writing(services: Services, db_path: Path) -> None:
    with pytest.raises(ValidationError):
        services.settings.set("progress_after", 99)
    with pytest.raises(ValidationError):
        services.settings.set_many({"first_run_done": True, "appearance": "purple"})
    assert services.settings.get("first_run_done") is False  # nothing of the batch written
    with pytest.raises(ValidationError):
        services.morning.set_baseline_mode("rolling")
    assert services.morning.baseline_mode() is BaselineMode.FIXED
    services.morning.set_baseline_mode("pre_load")
    assert services.settings.get("baseline_mode") is BaselineMode.PRE_LOAD


def test_a_valid_batch_is_saved_whole_and_announced_once(services: Services) -> None:
    announced: list[None] = []
    services.settings.changed.connect(lambda: announced.append(None))
    services.settings.set_many({"first_run_done": True, "appearance": "dark"})
    assert services.settings.get("first_run_done") is True
    assert services.settings.get("appearance") is Appearance.DARK
    assert announced == [None]  # one transaction, one signal
