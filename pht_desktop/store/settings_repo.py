"""Key/value settings stored as JSON text; the domain validates what they mean."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.store.models import Setting


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
