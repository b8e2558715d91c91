"""Platforms: commercial, cooperative or public providers of a sector's service.

A platform clears its own market each week (uses demanded against hours its
workers offer), splits what consumers pay between its commission and the
workers, captures part of the value of its users' traces, and carries the
seed's six criteria of destabilisation as state (Audacities 2018).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa

from simulation.registry import CRITERIA
from simulation.scenario import PlatformSpec, Sector
from simulation.vocabulary import Reading

if TYPE_CHECKING:
    from simulation.model import CityModel



class Platform(mesa.Agent):
    """One provider in one sector. Levers an intervention may move are plain attributes."""

    model: CityModel

    def __init__(self, model: CityModel, spec: PlatformSpec, index: int, sector: Sector,
                 sector_index: int) -> None:
        super().__init__(model)
        self.index = index
        self.name = spec.name
        self.sector = spec.sector
        self.sector_index = sector_index
        self.kind = spec.kind
        self.pay_model = spec.pay_model
        self.entry_week = spec.entry_week
        self.task_h = sector.task_h
        self.data_value_eur = sector.data_value_eur
        # levers
        self.commission = spec.commission
        self.price_eur = spec.price_eur
        self.data_intensity = spec.data_intensity
        self.social_score = spec.social_score
        self.rule_defiance = spec.rule_defiance
        self.own_representation = spec.own_representation
        self.public_dependence = spec.public_dependence
        self.fixed_cost_eur_w = spec.fixed_cost_eur_w
        self.data_shared = 0.0
        """Share of captured data handed to the city (a data-sharing duty or partnership)."""
        self.commons_integration = 0.0
        """How far its representation of the city is merged into a shared commons."""
        self.quality = 0.0
        """Extra utility of its service to residents (e.g. from pooled public data)."""
        self.min_pay_eur_h: float | None = None
        """Legal minimum net pay per hour logged in (waiting included), if any."""
        self.procured_uses_w = 0.0
        """Uses per week the authority buys from it (paid from the authority's budget)."""
        self.subsidy_eur = 0.0
        """Part of the price per use the authority pays instead of the resident."""
        # state
        self.capital_eur = spec.capital_eur
        self.users = 0
        self.workers = 0
        self.uses_demanded = 0.0
        self.uses_served = 0.0
        self.hours_offered = 0.0
        self.hours_accepted = 0.0
        self.gross_eur = 0.0
        self.commission_revenue_eur = 0.0
        self.payout_eur = 0.0
        self.data_value_eur_w = 0.0
        self.data_revenue_eur = 0.0
        self.pay_rate_eur_h = self.nominal_pay_rate
        self.accept_ratio = 1.0
        self.criteria = dict.fromkeys(CRITERIA, 0.0)
        self._refresh_criteria(rate=1.0)

    @property
    def has_labour(self) -> bool:
        return self.task_h > 0

    @property
    def present(self) -> bool:
        return self.model.week >= self.entry_week

    @property
    def nominal_pay_rate(self) -> float:
        """Net pay per hour of a fully busy worker (EUR/h)."""
        return (1.0 - self.commission) * self.price_eur / self.task_h if self.has_labour else 0.0

    @property
    def pay_per_offered_h(self) -> float:
        return self.pay_rate_eur_h * self.accept_ratio

    def clear_market(self, uses_demanded: float, hours_offered: float) -> None:
        """Match this week's demand with the hours offered, and split the money."""
        uses_demanded += self.procured_uses_w
        self.uses_demanded = uses_demanded
        self.hours_offered = hours_offered
        if self.has_labour:
            needed = uses_demanded * self.task_h
            # per task: every hour offered is taken, waiting is unpaid;
            # hourly: hours are taken only as far as demand needs them, all paid
            accepted = hours_offered if self.pay_model == "per_task" else min(hours_offered, needed)
            if self.min_pay_eur_h:  # a pay floor per hour logged in: log fewer workers in
                accepted = min(accepted, needed * self.nominal_pay_rate / self.min_pay_eur_h)
            self.uses_served = min(accepted, needed) / self.task_h
        else:
            accepted = 0.0
            self.uses_served = uses_demanded
        self.hours_accepted = accepted
        self.gross_eur = self.uses_served * self.price_eur
        self.payout_eur = (1.0 - self.commission) * self.gross_eur
        if self.min_pay_eur_h and self.has_labour:  # the floor binds: the platform takes less
            self.payout_eur = max(self.payout_eur, self.min_pay_eur_h * accepted)
        self.commission_revenue_eur = self.gross_eur - self.payout_eur
        self.data_value_eur_w = self.uses_served * self.data_value_eur
        self.data_revenue_eur = self.data_intensity * (1.0 - self.data_shared) * self.data_value_eur_w
        if self.has_labour:
            self.pay_rate_eur_h = self.payout_eur / accepted if accepted > 0 else self.nominal_pay_rate
            self.accept_ratio = accepted / hours_offered if hours_offered > 0 else 1.0
        self.capital_eur += self.commission_revenue_eur + self.data_revenue_eur - self.fixed_cost_eur_w

    def update(self) -> None:
        if self.present:  # before it enters, a platform is only a plan
            self._refresh_criteria(rate=self.model.config.authority.criteria_rate_w)

    def _refresh_criteria(self, rate: float) -> None:
        """Move the six criteria towards what the platform is now."""
        a = self.model.config.authority
        audience = self.users / self.model.config.n_residents
        capital = max(self.capital_eur, 0.0)
        target = {
            "data_capture": self.data_intensity * (1.0 - self.data_shared),
            "audience": audience,
            "financial_power": capital / (capital + a.financial_scale_eur),
            "contesting_legitimacy": self.rule_defiance
            * (1.0 - a.enforcement_capacity * self.model.authority.legitimacy),
            "competing_representation": self.own_representation * math.sqrt(audience)
            * (1.0 - self.commons_integration),
            "independence": 1.0 - self.public_dependence,
        }
        for name, value in target.items():
            self.criteria[name] += rate * (value - self.criteria[name])

    @property
    def destabilisation(self) -> float:
        """Weighted mean of the six criteria, in [0, 1]."""
        weights = self.model.config.authority.criteria_weights
        return sum(w * self.criteria[c] for w, c in zip(weights, CRITERIA, strict=True))

    @property
    def threat(self) -> float:
        """Destabilisation not offset by alignment with public goals."""
        return self.destabilisation * (1.0 - self.social_score)

    @property
    def reading(self) -> Reading:
        return self.model.authority.read(self.threat)
