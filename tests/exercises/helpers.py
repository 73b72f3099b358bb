"""Small shared helpers for the exercise tests."""

from __future__ import annotations

from pht_desktop.services.registry import Services


def exercise_id(services: Services, slug: str) -> int:
    """The database id of a built-in exercise."""
    for info in services.exercises.catalogue(include_archived=True):
        if info.slug == slug:
            return info.id
    raise KeyError(slug)
