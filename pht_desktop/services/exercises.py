"""Exercise catalogue, session and run logging (R2)."""

from __future__ import annotations

from pht_desktop.services.base import ServiceBase


class ExerciseService(ServiceBase):
    """Filled in by the exercise-logger work (issue 4)."""
