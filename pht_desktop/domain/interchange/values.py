"""How single values are written as text: formula neutralisation, UTC moments, JSON.

Shared by the encoder, the decoder and the checks, so each rule is written once.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, Final

from pht_desktop.domain.interchange.schema import MAX_JSON_DEPTH

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula when a text cell starts with it."""

_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Text that already starts with apostrophes before such a character gets one more, so
    :func:`unneutralise` always restores the original exactly.
    """
    return "'" + text if _NEUTRALISED.match(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: drop exactly one leading ``'`` before a formula start."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text[1:]) else text


def utc_text(value: datetime) -> str:
    """A moment as ISO 8601 text in UTC: the one way the format writes a time."""
    return value.astimezone(UTC).isoformat()


def load_json(text: str) -> Any:
    """json.loads, with nesting deeper than Python's stack refused as ValueError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep") from None


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a plain value)."""
    depth, level = 0, [(value, 1)]
    while level:
        item, d = level.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            depth = max(depth, d)
            if depth > MAX_JSON_DEPTH:
                return depth
            level.extend((child, d + 1) for child in item)
    return depth


def exc_line(exc: ValueError) -> int:
    """The line a json.JSONDecodeError points at (0 when unknown)."""
    line = getattr(exc, "lineno", 0)
    return line if isinstance(line, int) else 0
