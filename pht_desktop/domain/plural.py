"""The one plural rule for sentences built in ``domain/`` (and ``services/``).

``domain/`` imports no Qt, so its sentences cannot use Qt's ``%n`` plural forms, which
every text built in ``ui/`` uses (docs/translating.md). Every counted word built here
goes through :func:`counted`, so "1 days" cannot happen in one place and not another.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and its word: "1 day", "0 days", "3 days"; ``plural`` for irregular
    words ("1 person", "2 people"); the default plural adds "s"."""
    word = singular if count == 1 else (plural if plural is not None else f"{singular}s")
    return f"{count} {word}"
