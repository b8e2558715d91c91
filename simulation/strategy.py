"""How a platform sets its own terms: it learns from what happened, never by simulating the future.

A commercial platform adjusts two knobs, its price and its commission (what its couriers keep, so
also its recruitment incentive), at each review (every `strategies.review_weeks`, a quarter by
default) by hill climbing on what it wants: one knob per review, in turn; if its objective over
the period just ended beat the one before, the knob it
moved last keeps its direction, else that direction turns back (win-stay, lose-shift: a
coordinate-wise gradient step on realised results). What it wants depends on its situation: its
audience (the share of residents who use it) while its capital lasts and it is not yet dominant
("growth"), profit afterwards ("profit"). A cooperative does not learn: at each review it sets its
commission so that its take covers its fixed costs (break-even), its hourly pay following.
Its profit counts a fine in the week it is imposed, not when it is paid; a commission held down by a cap
it complies with is not moved (its price is, instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulation.platforms import Platform
    from simulation.scenario import Strategies

KNOBS = ("price", "commission")


class Phase(StrEnum):
    GROWTH = "growth"
    PROFIT = "profit"


@dataclass
class Period:
    """What a platform accumulates between two reviews."""

    weeks: int = 0
    profit_eur: float = 0.0
    users: float = 0.0

    def add(self, profit_eur: float, users: int) -> None:
        self.weeks += 1
        self.profit_eur += profit_eur
        self.users += users

    def audience(self, n_residents: int) -> float:
        """Mean share of residents who used it over the period."""
        return self.users / max(self.weeks, 1) / n_residents


@dataclass
class Strategy:
    """A commercial platform's learning state."""

    phase: Phase = Phase.GROWTH
    knob: int = 0
    """Index in `KNOBS` of the knob it moves next."""
    moved: int | None = None
    """The knob it moved at the last review."""
    direction: list[int] = field(default_factory=lambda: [-1, -1])
    """Each knob's current direction: growth starts by cutting price and commission."""
    last_objective: float | None = None
    period: Period = field(default_factory=Period)
    last_period_profit_eur: float = 0.0
    """Its profit over the last whole period (what a would-be entrant sees of the sector)."""

    def objective(self, platform: Platform, n_residents: int) -> float:
        q = self.period
        if self.phase == Phase.GROWTH:
            return q.audience(n_residents)
        return q.profit_eur / max(q.weeks, 1) / n_residents  # EUR per resident per week

    def review(self, platform: Platform, cfg: Strategies, n_residents: int) -> str | None:
        """At a review: maybe change phase, then move one knob. Returns what changed, or None."""
        q = self.period
        change = None
        short = platform.capital_eur < cfg.capital_floor_share * platform.initial_capital
        audience = q.audience(n_residents)
        if self.phase == Phase.GROWTH and (audience >= cfg.dominance_share or short):
            self.phase = Phase.PROFIT
            self.last_objective = None  # a new objective: nothing to compare with yet
            change = (f"now seeks profit: {audience:.0%} of residents use it, capital EUR "
                      f"{platform.capital_eur:,.0f} of {platform.initial_capital:,.0f} at the start")
        current = self.objective(platform, n_residents)
        why = f"its {self._measure()} was {current:.3g} over the last {q.weeks} weeks"
        if self.moved is not None and self.last_objective is not None:
            if current < self.last_objective:
                self.direction[self.moved] = -self.direction[self.moved]  # lose-shift
                why += f", down from {self.last_objective:.3g}: it reverses its last move's direction"
            else:
                why += f", up from {self.last_objective:.3g}: it keeps its last move's direction"
        self.last_objective = current
        k = self.knob
        if KNOBS[k] == "commission" and platform.commission_frozen():
            k = KNOBS.index("price")  # a cap it complies with holds its commission: the price moves instead
        moved = platform.move_knob(KNOBS[k], self.direction[k], cfg)
        self.moved, self.knob = k, (self.knob + 1) % len(KNOBS)
        if change:
            return f"{change}; {moved}" if moved else change
        return f"{moved}: {why}" if moved else None

    def _measure(self) -> str:
        return "audience" if self.phase == Phase.GROWTH else "profit per resident per week (EUR)"

    def close_period(self) -> None:
        self.last_period_profit_eur = self.period.profit_eur
        self.period = Period()
