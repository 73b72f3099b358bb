"""The interchange format's vocabulary: names, limits, columns, kinds and problems.

The shapes every other module of the package speaks in (see docs/data-format.md); the
table of kinds itself lives in :mod:`.kinds`, what an import did in :mod:`.report`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Final

FORMAT_NAME: Final = "pht-desktop-export"
FORMAT_VERSION: Final = 1
MANIFEST_NAME: Final = "manifest.json"
JSON_DOCUMENT_NAME: Final = "data.json"

EARLIEST_UTC_OFFSET: Final = timedelta(hours=-12)
LATEST_UTC_OFFSET: Final = timedelta(hours=14)
"""The range of real UTC offsets: a local date is a calendar day of its moment in one."""

CUSTOM_REF_PREFIX: Final = "custom:"

MAX_ROWS_PER_KIND: Final = 2_000_000
"""More rows than this in one table is not an export this app made (20 years of data
is ~1.5 million sitting bouts); refused before the rest is read."""
MAX_PROBLEMS: Final = 10_000
"""Checking stops after this many problems: the file is refused either way."""
MAX_PROBLEMS_SHOWN: Final = 50
"""How many problems a report lists; the rest are counted ("… and N more")."""
MAX_JSON_DEPTH: Final = 32
"""Deeper nesting is refused (our documents are 5 deep; a setting value a few more)."""

Record = dict[str, Any]
"""One row as typed Python values (str, int, float, bool, date, datetime, None, JSON)."""


class ColumnType(StrEnum):
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Context:
    """What validation needs to know about the present (no future entries)."""

    today: date
    now: datetime


Check = Callable[[Any, Context], Any]


REQUIRED: Final = object()
"""A column every file of its kind must have (the default)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its type, whether empty is allowed, and a domain check on the value.

    ``absent`` is the value a file without this column gets: columns added after format
    1 was first written (the imported-run fields) are optional, so older exports still
    import; every other column is :data:`REQUIRED`.
    """

    name: str
    type: ColumnType
    nullable: bool = False
    check: Check | None = None
    absent: Any = REQUIRED

    @property
    def required(self) -> bool:
        return self.absent is REQUIRED


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of entry: a CSV file, a JSON table, and its natural key (for de-dup)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    export_only: bool = False
    row_check: Callable[[Record], None] | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        """The columns a file must have (optional ones may be absent)."""
        return tuple(c.name for c in self.columns if c.required)

    def key_of(self, record: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(record[name] for name in self.key)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Why a file was refused: which file, which line (JSON: item number), which field."""

    file: str
    line: int
    field: str
    why: str

    def __str__(self) -> str:
        where = self.file if self.line <= 0 else f"{self.file}, line {self.line}"
        return f"{where}, {self.field}: {self.why}" if self.field else f"{where}: {self.why}"
