"""The rules of the week: what residents and platforms face, computed afresh every week.

Each week the model starts from the scenario's base rules (`WeekRules.base`) and passes
them through every active lever (`simulation/interventions.py`), in the order the levers
are listed (a scenario's, then those adaptive rules started, in the order they fired).
Nothing is saved and written back: a lever that ends simply stops transforming, and the
others' effects stay whole. Every field composes by a commutative operation (a cap by
``min``, a duty by ``max``, a purchase or a bonus by ``+``, a factor by ``*``, an
alignment gain by ``1 - (1 - a)(1 - b)``), so the order does not change the rules
(tested). Order matters in one place only: when the budget cannot pay every lever's week,
levers listed first are paid first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulation.scenario import PlatformSpec, Scenario


@dataclass
class PlatformRules:
    """What one platform operates under this week (regulation, partnerships, public purchases)."""

    commission_cap: float = 1.0
    """Highest take rate allowed (1: no cap)."""
    min_pay_eur_h: float = 0.0
    """Legal minimum net pay per hour a worker is logged in, waiting included (0: none)."""
    data_sharing: float = 0.0
    """Share of the data it captures that it must hand to, or pool with, the city."""
    commons_integration: float = 0.0
    """How far its representation of the city is merged into a shared commons."""
    public_dependence_floor: float = 0.0
    """Reliance on public resources that a partnership brings (its own may be higher)."""
    alignment: float = 0.0
    """Move of its alignment with public goals towards 1 (partnerships, signals, priorities)."""
    dependence_gain: float = 0.0
    """Move of its reliance on public resources towards 1 (partnership terms of a priority sector)."""
    defiance_factor: float = 1.0
    """Multiplier on how far it operates against local rules."""
    quality_bonus: float = 0.0
    """Utility its service gains from public support (pooled data, funded projects)."""
    procured_uses_w: float = 0.0
    """Uses per week the authority offers to buy from it at its price."""
    subsidy_eur: float = 0.0
    """Part of the price per use the authority pays instead of the resident."""
    regulated: bool = False
    """A regulation is in force on it this week: it may defy its cap, floor and data duty. Terms it signed
    (a data partnership's) are not a regulation and are never defied."""
    detection_chance: float = 0.0
    """Weekly chance that the authority's inspectors, at full legitimacy, detect a rule it defies (0: none)."""
    fine_eur_per_use: float = 0.0
    """Fine per use it sold, in a week it is caught defying the commission cap or the data duty (0: no penalty)."""
    fine_eur_per_worker_h: float = 0.0
    """Fine per hour its workers were logged in, in a week it is caught paying under the floor (0: no penalty)."""
    permit_strikes: int = 0
    """Detected violations after which the authority withdraws its operating permit (0: it holds no permit power
    over it)."""
    suspension_weeks: int = 0
    """Weeks a withdrawn permit keeps it out of the city."""

    def regulation_terms(self) -> tuple[bool | float, ...]:
        """What a platform weighs when it decides whether to defy: a change is a reason to decide again."""
        return (self.regulated, self.commission_cap, self.min_pay_eur_h, self.data_sharing, self.detection_chance,
                self.fine_eur_per_use, self.fine_eur_per_worker_h, self.permit_strikes, self.suspension_weeks)

    def hold_permit(self, strikes: int, weeks: int) -> None:
        """A permit regime: the strictest count of strikes (fewest) and the longest suspension."""
        self.permit_strikes = strikes if not self.permit_strikes else min(self.permit_strikes, strikes)
        self.suspension_weeks = max(self.suspension_weeks, weeks)

    def align(self, gain: float) -> None:
        self.alignment = _towards_one(self.alignment, gain)

    def depend(self, gain: float) -> None:
        self.dependence_gain = _towards_one(self.dependence_gain, gain)


def _towards_one(current: float, gain: float) -> float:
    """Two moves towards 1 compose as 1 - (1 - a)(1 - b): commutative, and never past 1."""
    return 1.0 - (1.0 - current) * (1.0 - gain)


@dataclass
class ProgrammeRules:
    """The rules under which the public services ask residents for volunteer hours."""

    demand_h: float
    """Weekly volunteer hours asked, per resident of the city."""
    max_requests_h: float | None
    """Cap on the hours asked of one contributor per week (None: no cap)."""
    concentration: float
    """Requests go to active contributors in proportion to engagement ** concentration."""
    fatigue_factor: float = 1.0
    """Multiplier on the fatigue of an overload hour (recognition lowers it)."""
    recognition: float = 0.0
    """How far the services recognise what volunteers give, 0 to 1 (it weighs in their time choices)."""
    pay_eur_h: float = 0.0
    """Pay per volunteer hour given (0: unpaid, the usual case)."""

    def cap_requests(self, hours: float) -> None:
        self.max_requests_h = hours if self.max_requests_h is None else min(self.max_requests_h, hours)

    def recognise(self, share: float) -> None:
        """Recognition lowers the fatigue of an overload hour and makes volunteering weigh more."""
        self.fatigue_factor *= 1.0 - share
        self.recognition = _towards_one(self.recognition, share)


@dataclass(frozen=True)
class Debate:
    """An agora session held this week (its format is the authority's choice)."""

    host: str
    """The lever that holds it (named in the event log)."""
    session_h: float
    attendance: float
    """Chance a fully engaged citizen with the time attends."""
    confidence: float
    """Bounded-confidence threshold (Deffuant et al. 2000)."""
    convergence: float
    """How far a listener moves towards the citizen pole per unit of the other's testimony."""


@dataclass(frozen=True)
class ObjectiveTarget:
    """The city's announced horizon and which uses move it."""

    name: str
    horizon_week: int
    aligned_sectors: tuple[str, ...]
    progress_per_aligned_use: float


@dataclass
class WeekRules:
    """Every rule of one week, for every platform and for the volunteer programme."""

    platforms: list[PlatformRules]
    programme: ProgrammeRules
    debate: Debate | None = None
    objective: ObjectiveTarget | None = None
    commons_offer: list[float | None] = field(default_factory=list)
    """Per sector, the utility an open-data commons the authority funds brings a provider that pools
    its data into it (None: no commons offered; who pools is the incumbents' and partners' decision)."""
    offline_bonus: list[float] = field(default_factory=list)
    """Per sector, utility the offline option gains (local shops improving, say)."""

    @classmethod
    def base(cls, config: Scenario, week: int) -> WeekRules:
        """The scenario's own rules in ``week``, before any lever."""
        c = config.contribution
        return cls(
            platforms=[PlatformRules() for _ in config.platforms],
            programme=ProgrammeRules(demand_h=volunteer_demand_h(config, week), max_requests_h=c.max_requests_h,
                                     concentration=c.request_concentration, fatigue_factor=c.fatigue_gain_factor),
            offline_bonus=[0.0] * len(config.sectors),
            commons_offer=[None] * len(config.sectors),
        )

    def for_platforms(self, config: Scenario, *, sectors: list[str] | None = None, names: list[str] | None = None,
                      kinds: tuple[str, ...] | None = None) -> list[tuple[PlatformSpec, PlatformRules]]:
        """The rules of the platforms a lever binds (by sector, name and kind), with their specs."""
        return [
            (spec, rules) for spec, rules in zip(config.platforms, self.platforms, strict=True)
            if (sectors is None or spec.sector in sectors)
            and (names is None or spec.name in names)
            and (kinds is None or spec.kind in kinds)
        ]


def volunteer_demand_h(config: Scenario, week: int) -> float:
    """Hours per resident the services ask in ``week``: the schedule's, linear between its points."""
    schedule = config.contribution.demand_schedule
    if not schedule:
        return config.contribution.volunteer_demand_h
    weeks, demands = zip(*sorted(schedule), strict=True)
    return float(np.interp(week, weeks, demands))
