"""Key/value settings stored as JSON text; ``domain.setting_specs`` says what they mean."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.store.models import Setting

if TYPE_CHECKING:  # annotations only: importing the store stays light (kill test)
    from pht_desktop.domain.setting_specs import SettingSpec

T = TypeVar("T")


def load_setting(session: Session, key: str) -> Any | None:
    row = session.get(Setting, key)
    return None if row is None else json.loads(row.value)


def load_all_settings(session: Session) -> dict[str, Any]:
    return {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}


def save_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def read(session: Session, spec: SettingSpec[T]) -> T:
    """A declared setting's value; never set or damaged: its default."""
    return spec.read(load_setting(session, spec.key))


def write(session: Session, spec: SettingSpec[T], value: T) -> None:
    """Store a clean value of a declared setting (the caller validated with its spec)."""
    save_setting(session, spec.key, spec.dump(value))
