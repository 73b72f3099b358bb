"""The single-leg bridge's limb symmetry index: painful side ÷ other side × 100 (both
sides painful: weaker ÷ stronger), "similar" from 90 % (R2.8)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pht_desktop.domain.plural import counted

SIMILAR_PERCENT: Final = 90.0
"""A limb-symmetry index of 90 % or more counts as "similar left and right" (R2.8): the
threshold commonly quoted in return-to-running and return-to-sport criteria."""


class Side(StrEnum):
    """The painful side for the bridge (both: the weaker side is named instead)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


@dataclass(frozen=True, slots=True)
class Symmetry:
    """A limb-symmetry index with the sides it compares.

    ``percent`` is ``side`` ÷ the other side × 100: the painful side when one side is
    painful (it may pass 100 %), else the weaker side (at most 100 %).
    """

    percent: float
    side: Side
    painful: bool
    side_reps: int
    other_reps: int

    @property
    def similar(self) -> bool:
        """R2.8 "strength similar left and right": within :data:`SIMILAR_PERCENT`."""
        low, high = sorted((self.side_reps, self.other_reps))
        return low * 100 >= SIMILAR_PERCENT * high

    def sentence(self) -> str:
        """ "Bridge symmetry 80 %: right (painful) 16 reps, left 20 reps." """
        role = "painful" if self.painful else "weaker"
        return (
            f"Bridge symmetry {self.percent:.0f} %: {self.side.value} ({role}) "
            f"{counted(self.side_reps, 'rep')}, {_other(self.side).value} "
            f"{counted(self.other_reps, 'rep')}."
        )


def limb_symmetry(left: int, right: int, painful_side: Side) -> Symmetry | None:
    """The LSI of a bridge test, or None when the other side did no repetition.

    One painful side: painful ÷ other × 100 (the clinical convention, involved ÷
    uninvolved). Both painful: weaker ÷ stronger × 100, naming the weaker side; equal
    sides name the left, at 100 %.
    """
    painful_side = Side(painful_side)
    if painful_side is Side.BOTH:
        side = Side.RIGHT if right < left else Side.LEFT
        painful = False
    else:
        side, painful = painful_side, True
    reps = {Side.LEFT: left, Side.RIGHT: right}
    mine, other = reps[side], reps[_other(side)]
    if other == 0:
        return None
    return Symmetry(mine / other * 100.0, side, painful, mine, other)
