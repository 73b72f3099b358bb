"""R4: choosing *reactive* above stage 1 proposes going back to stage 1; the user
confirms; it is kept with its date and reason and can be undone the same day. Every
other move of more than one stage is still refused."""

from __future__ import annotations

import pytest

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.plan import (
    REACTIVE_RESET_REASON,
    StageMove,
    allowed_stage_move,
    reactive_stage_move,
)
from pht_desktop.services.registry import Services
from tests.morning.helpers import d


@pytest.mark.parametrize(
    ("stage", "pathology", "proposed"),
    [
        (1, "reactive", None),
        (2, "reactive", 1),
        (4, "reactive", 1),
        (5, "reactive", 1),
        (3, "dysrepair", None),
        (3, "degenerative", None),
        (3, "unknown", None),
    ],
)
def test_reactive_above_stage_one_proposes_stage_one(
    stage: int, pathology: str, proposed: int | None
) -> None:
    move = reactive_stage_move(stage, pathology)
    assert (move.proposed if move else None) == proposed
    if move is not None:
        assert move.current == stage
        assert move.reason == REACTIVE_RESET_REASON


@pytest.mark.parametrize(
    ("move", "stage", "pathology", "allowed"),
    [
        (StageMove(3, 4, "streak"), 3, "unknown", True),
        (StageMove(3, 2, "flares"), 3, "unknown", True),
        (StageMove(3, 1, REACTIVE_RESET_REASON), 3, "reactive", True),
        (StageMove(3, 1, REACTIVE_RESET_REASON), 3, "dysrepair", False),  # no longer reactive
        (StageMove(3, 1, "two back"), 3, "reactive", False),  # not the reasoned move
        (StageMove(3, 5, "skip"), 3, "reactive", False),
        (StageMove(4, 1, REACTIVE_RESET_REASON), 3, "reactive", False),  # stale
    ],
)
def test_only_one_step_or_the_reactive_return_is_allowed(
    move: StageMove, stage: int, pathology: str, allowed: bool
) -> None:
    assert allowed_stage_move(move, stage, pathology) is allowed


def test_the_reactive_return_is_recorded_with_its_reason_and_undone_the_same_day(
    services: Services,
) -> None:
    services.profile.set_stage(3, d(1, 2))
    assert services.plan.reactive_move() is None
    services.profile.set_pathology_stage("reactive")
    move = services.plan.reactive_move()
    assert move == StageMove(3, 1, REACTIVE_RESET_REASON)
    event = services.plan.accept_stage_move(move)
    assert (event.stage, event.effective_date) == (1, services.plan.today())
    assert services.profile.stage_history()[-1].note == REACTIVE_RESET_REASON
    assert services.profile.current_stage() == 1
    assert services.plan.can_undo_stage_move()
    services.plan.undo_stage_move()
    assert services.profile.current_stage() == 3


def test_a_two_stage_move_without_the_reactive_reason_is_refused(services: Services) -> None:
    services.profile.set_stage(3, d(1, 2))
    before = services.profile.stage_history()
    with pytest.raises(ValidationError, match="no longer applies"):
        services.plan.accept_stage_move(StageMove(3, 1, REACTIVE_RESET_REASON))
    assert services.profile.stage_history() == before
