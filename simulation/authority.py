"""The local authority: its budget, the volunteer hours its services ask for,
its legitimacy, and its reading of each sector as risk, tension or opportunity
(Audacities 2018; CONCEPTS.md section 4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

from simulation.vocabulary import Reading

if TYPE_CHECKING:
    from simulation.model import CityModel


@dataclass
class VolunteerProgramme:
    """The rules under which the public services ask residents for volunteer hours."""

    demand_h: float
    """Weekly volunteer hours asked, per resident of the city."""
    max_requests_h: float | None
    """Cap on the hours asked of one contributor per week (None: no cap)."""
    concentration: float
    """Requests go to active contributors in proportion to engagement ** concentration."""
    fatigue_factor: float = 1.0
    """Multiplier on the fatigue of an overload hour (recognition lowers it)."""
    capacity_factor: float = 1.0
    """Multiplier on contributors' comfortable capacity (paid contribution raises it)."""


class LocalAuthority(mesa.Agent):
    model: CityModel

    def __init__(self, model: CityModel) -> None:
        super().__init__(model)
        cfg = model.config
        self.budget_eur = cfg.authority.budget_eur
        c = cfg.contribution
        self.programme = VolunteerProgramme(
            demand_h=c.volunteer_demand_h, max_requests_h=c.max_requests_h,
            concentration=c.request_concentration, fatigue_factor=c.fatigue_gain_factor,
        )
        self.spent_eur = 0.0
        self.legitimacy = float(model.residents_state.trust.mean())
        self.coverage = 1.0
        """Hours given / hours asked last week: how well volunteer-reliant services run."""
        self.risk_share = 0.0
        """Share of sectors read as risk last week: how far the city escapes the authority."""
        self.sector_reading: dict[str, Reading] = {}
        self.sector_threat: dict[str, float] = {}

    @property
    def asked_total_h(self) -> float:
        return self.programme.demand_h * self.model.config.n_residents

    def spend(self, amount_eur: float) -> bool:
        """Pay from the budget if it can; a budget never goes below zero."""
        if amount_eur > self.budget_eur:
            return False
        self.budget_eur -= amount_eur
        self.spent_eur += amount_eur
        return True

    def read(self, threat: float) -> Reading:
        a = self.model.config.authority
        if threat >= a.risk_threshold:
            return Reading.RISK
        return Reading.TENSION if threat >= a.tension_threshold else Reading.OPPORTUNITY

    def update(self, hours_given: float, mean_trust: float) -> None:
        """Take stock of the week: coverage, legitimacy, budget and the sectors' readings."""
        asked = self.asked_total_h
        self.coverage = min(1.0, hours_given / asked) if asked > 0 else 1.0
        self.legitimacy = mean_trust
        self.budget_eur += self.model.config.authority.budget_income_eur_w
        for sector in self.model.config.sectors:
            present = [p for p in self.model.platforms if p.sector == sector.name and p.present]
            # a sector reads as its most destabilising platform does
            self.sector_threat[sector.name] = max((p.threat for p in present), default=0.0)
            self.sector_reading[sector.name] = self.read(self.sector_threat[sector.name])
        readings = list(self.sector_reading.values())
        self.risk_share = readings.count(Reading.RISK) / len(readings)

    def reading_counts(self) -> dict[Reading, int]:
        values = list(self.sector_reading.values())
        return {r: values.count(r) for r in Reading}
