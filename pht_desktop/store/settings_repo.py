"""Key/value settings stored as JSON text; ``domain.setting_specs`` says what they mean.

Core statements only: the start reads them before anything else (issue 16).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from pht_desktop.store.read_cache import cached
from pht_desktop.store.tables import settings

if TYPE_CHECKING:  # annotations only: importing the store stays light (kill test)
    from pht_desktop.domain.setting_specs import SettingSpec

T = TypeVar("T")


def _stored(session: Session) -> dict[str, str]:
    """Every setting's JSON text, one SELECT until a setting is written (issue 16: the
    start read them fifteen times, one key at a time)."""
    return cached(
        session,
        "settings",
        ("settings",),
        lambda: {row.key: row.value for row in session.execute(select(settings))},
    )


def load_setting(session: Session, key: str) -> Any | None:
    text = _stored(session).get(key)
    return None if text is None else json.loads(text)


def load_all_settings(session: Session) -> dict[str, Any]:
    return {key: json.loads(text) for key, text in _stored(session).items()}


def save_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    stored = insert(settings).values(key=key, value=text)
    session.execute(stored.on_conflict_do_update(index_elements=["key"], set_={"value": text}))


def read(session: Session, spec: SettingSpec[T]) -> T:
    """A declared setting's value; never set or damaged: its default."""
    return spec.read(load_setting(session, spec.key))


def write(session: Session, spec: SettingSpec[T], value: T) -> None:
    """Store a clean value of a declared setting (the caller validated with its spec)."""
    save_setting(session, spec.key, spec.dump(value))
