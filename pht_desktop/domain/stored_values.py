"""Values read back from the database: shown as stored, even past today's limits.

The limits in the domain guard what is entered now. A row written under other limits
(an older version, a ten-year demo, a repaired file) must still be read: one refused row
would stop every screen that reads its table, the app's start included. Saving it again
goes through the limits like any new entry.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pht_desktop.domain.errors import ValidationError

T = TypeVar("T")


def as_stored(cls: type[T], **values: Any) -> T:
    """``cls(**values)``, or, where its validation refuses them, the values as stored."""
    try:
        return cls(**values)
    except ValidationError:
        stored = object.__new__(cls)
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            object.__setattr__(stored, field.name, values.get(field.name, field.default))
        return stored
