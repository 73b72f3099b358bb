"""Every stored setting declared once: key, type, default and what values are allowed.

The settings table holds JSON text under a key. Services read and write only through
the specs below, so a key is never spelled twice, a missing or damaged value reads as
its default, and a bad value is refused with a :class:`ValidationError` before anything
is written (the way picard's ``options`` declare each option once). An importer checks a
file's settings with :func:`parse`.

Adding a setting is one line in :data:`SPECS`' block, e.g.
``NUDGE_EVERY_MIN = _int("breaks.nudge_every_min", 5, 0, 60, "Nudge again every")``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pht_desktop.domain import validation
from pht_desktop.domain.break_settings import BreakSettings, BreakUiOptions
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.guidance import DEFAULT_PROGRESS_AFTER
from pht_desktop.domain.measures import DEFAULT_INTERVAL_WEEKS, check_interval_weeks
from pht_desktop.domain.morning import DEFAULT_REMINDER_TIME, BaselineMode, parse_reminder_time
from pht_desktop.domain.plan import PROGRESS_AFTER_RANGE
from pht_desktop.domain.run_fast_margin import FAST_MARGIN_PCT_DEFAULT, FAST_MARGIN_PCT_RANGE

log = logging.getLogger(__name__)

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class SettingSpec(Generic[T]):
    """One setting: ``parse`` turns a stored/JSON or user value into ``T`` (or raises
    :class:`ValidationError`), ``dump`` turns ``T`` back into JSON."""

    key: str
    default: T
    label: str
    parse: Callable[[object], T]
    dump: Callable[[T], object]
    allowed: str
    """The allowed values in words ("1 to 30", "fixed or pre_load"), for messages and docs."""
    bounds: tuple[int, int] | None = None
    """A whole-number setting's lowest and highest value (a form's spin box reads them)."""

    def read(self, raw: object) -> T:
        """A stored value: None (never set) or a damaged one reads as the default."""
        if raw is None:
            return self.default
        try:
            return self.parse(raw)
        except ValidationError as error:
            log.warning("stored setting %s is invalid (%s); using its default", self.key, error)
            return self.default


SPECS: dict[str, SettingSpec[Any]] = {}


def _declare(spec: SettingSpec[T]) -> SettingSpec[T]:
    if spec.key in SPECS:
        raise ValueError(f"setting {spec.key!r} declared twice")
    SPECS[spec.key] = spec
    return spec


def _same(value: T) -> T:
    return value


def _int(
    key: str, default: int, low: int, high: int, label: str, unit: str = ""
) -> SettingSpec[int]:
    def parse(raw: object) -> int:
        return validation.int_in_range(raw, low, high, key, label, unit)

    allowed = f"{low} to {high}" + (f" {unit}" if unit else "")
    return _declare(SettingSpec(key, default, label, parse, _same, allowed, (low, high)))


def _bool(key: str, default: bool, label: str) -> SettingSpec[bool]:
    def parse(raw: object) -> bool:
        if not isinstance(raw, bool):
            raise ValidationError(key, f"{label} must be on or off (true or false).")
        return raw

    return _declare(SettingSpec(key, default, label, parse, _same, "true or false"))


def _choice(key: str, default: E, label: str) -> SettingSpec[E]:
    kind = type(default)
    values = tuple(member.value for member in kind)

    def parse(raw: object) -> E:
        return kind(validation.choice(raw, values, key, label))

    def dump(value: E) -> object:
        return value.value

    return _declare(SettingSpec(key, default, label, parse, dump, " or ".join(values)))


def _record(
    key: str, default: T, label: str, parse: Callable[[object], T], dump: Callable[[T], object]
) -> SettingSpec[T]:
    return _declare(SettingSpec(key, default, label, parse, dump, "see its form"))


# --- value types the simple helpers do not cover ---------------------------------------------
class Appearance(StrEnum):
    """Light or dark, or whatever the desktop uses."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def _reminder_time(raw: object) -> time:
    return parse_reminder_time(raw, REMINDER_TIME_KEY)


def _dump_time(value: time) -> object:
    return value.strftime("%H:%M")


def _date(raw: object) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError("date", "Please give a date as YYYY-MM-DD.") from None


def _dump_date(value: date | None) -> object:
    return None if value is None else value.isoformat()


def _break_settings(raw: object) -> BreakSettings:
    return BreakSettings.from_dict(raw)


def _dump_break_settings(value: BreakSettings) -> object:
    return value.to_dict()


def _ui_options(raw: object) -> BreakUiOptions:
    return BreakUiOptions.from_dict(raw)


def _dump_ui_options(value: BreakUiOptions) -> object:
    return value.to_dict()


def _pause(raw: object) -> dict[str, Any] | None:
    """A pause kept over a restart: {"kind": ..., "until": ISO time}; checked when used."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
        raise ValidationError(PAUSE_KEY, "A saved pause must be a record with its kind and end.")
    return dict(raw)


def _dump_pause(value: dict[str, Any] | None) -> object:
    return value


FOLDER_MAX_LENGTH = 4096
DECLINED_MERGES_KEY = "runs.declined_merges"
DECLINED_MERGES_MAX = 500
"""The watched folder remembers this many "keep my typed run" answers (the newest)."""


def _declined(raw: object) -> tuple[str, ...]:
    """SHA-256 (64 lower-case hex) of files whose merge the user declined, newest last."""
    if not isinstance(raw, list | tuple) or len(raw) > DECLINED_MERGES_MAX:
        raise ValidationError(
            DECLINED_MERGES_KEY,
            f"Declined merges must be a list of at most {DECLINED_MERGES_MAX} file hashes.",
        )
    if not all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in raw):
        raise ValidationError(DECLINED_MERGES_KEY, "A declined merge must be a SHA-256 in hex.")
    return tuple(raw)


def _dump_declined(value: tuple[str, ...]) -> object:
    return list(value)


def _folder(raw: object) -> str:
    """A folder's path as text ("" for none); whether it exists is checked when used."""
    if not isinstance(raw, str) or len(raw) > FOLDER_MAX_LENGTH or "\x00" in raw:
        raise ValidationError(RUN_WATCH_FOLDER_KEY, "The watched folder must be a folder's path.")
    return raw


REMINDER_TIME_KEY = "morning_reminder_time"
PAUSE_KEY = "breaks.pause"
RUN_WATCH_FOLDER_KEY = "runs.watch_folder"

# --- the settings ----------------------------------------------------------------------------
BASELINE_MODE = _choice("baseline_mode", BaselineMode.FIXED, "Baseline mode")  # R3.6
# R2.7: tolerated load days at one dose before progressing is proposed.
PROGRESS_AFTER = _int(
    "progress_after",
    DEFAULT_PROGRESS_AFTER,
    *PROGRESS_AFTER_RANGE,
    "Tolerated days before progressing",
)
REMINDER_TIME = _record(
    REMINDER_TIME_KEY, DEFAULT_REMINDER_TIME, "Morning reminder time", _reminder_time, _dump_time
)
BREAKS = _record("breaks", BreakSettings(), "Break settings", _break_settings, _dump_break_settings)
BREAKS_UI = _record(
    "breaks.ui", BreakUiOptions(), "How prompts are shown", _ui_options, _dump_ui_options
)
BREAKS_PAUSE: SettingSpec[dict[str, Any] | None] = _record(
    PAUSE_KEY, None, "Paused reminders", _pause, _dump_pause
)
BACKUP_KEEP_DAYS = _int("backup_keep_days", 7, 1, 365, "Backups kept", "days")
APPEARANCE = _choice("appearance", Appearance.SYSTEM, "Appearance")
FIRST_RUN_DONE = _bool("first_run_done", False, "Welcome finished")
HOLD_TIMER_SOUND = _bool("hold_timer_sound", True, "Hold timer sound")
# R1.5: the Monday (or flare morning) through which a sitting proposal was answered.
SITTING_REVIEWED = _record(
    "sitting_reviewed_through", None, "Sitting proposal answered through", _date, _dump_date
)
# A prompt left unanswered is nudged again every N minutes (0: never), issue 17.
NUDGE_EVERY_MIN = _int("breaks.nudge_every_min", 5, 0, 30, "Nudge again every", "minutes")
# Outcome measures (issue 15): remind every N weeks; the domain's own check validates.
MEASURE_INTERVAL_WEEKS = _record(
    "measure_interval_weeks",
    DEFAULT_INTERVAL_WEEKS,
    "The measure reminder",
    check_interval_weeks,
    _same,
)

# Runs from watch files (issue 14): "fast" is this much quicker than easy pace (R2.4;
# why the default, in run_fast_margin), and the folder a watch's sync tool fills.
RUN_FAST_MARGIN = _int(
    "runs.fast_margin_pct", FAST_MARGIN_PCT_DEFAULT, *FAST_MARGIN_PCT_RANGE, "Fast margin", "%"
)
RUN_WATCH_FOLDER = _record(RUN_WATCH_FOLDER_KEY, "", "Watched run folder", _folder, _same)
# A file whose merge with a typed run the user declined is not offered again by the
# watched folder (review F6); an explicit import still asks.
RUN_DECLINED_MERGES: SettingSpec[tuple[str, ...]] = _record(
    DECLINED_MERGES_KEY, (), "Merges declined", _declined, _dump_declined
)


def spec(key: str) -> SettingSpec[Any]:
    """The declared setting ``key``; an unknown key is a :class:`ValidationError`."""
    try:
        return SPECS[key]
    except KeyError:
        raise ValidationError("key", f"There is no setting called {key!r}.") from None


def parse(key: str, raw: object) -> object:
    """The clean value of ``key`` from ``raw`` (a file's or a form's), or ValidationError.

    ``None`` stands for "not set" and is allowed only where the default is None.
    """
    declared = spec(key)
    if raw is None:
        if declared.default is None:
            return None
        raise ValidationError(key, f"{declared.label} needs a value ({declared.allowed}).")
    return declared.parse(raw)


def dump(key: str, value: object) -> object:
    """The JSON form of a clean value of ``key`` (what the settings table stores)."""
    return spec(key).dump(value)
