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
from simulation.rules import PlatformRules
from simulation.scenario import PlatformSpec, Sector
from simulation.vocabulary import EventKind, Reading

PRICED_OUT_EUR = 1e6
"""A price no resident pays: where a platform that cannot meet a pay floor ends up."""

if TYPE_CHECKING:
    from simulation.model import CityModel



class Platform(mesa.Agent):
    """One provider in one sector.

    Its own choices (``own_commission``, ``own_price_eur``) and traits come from its
    specification; each week it faces that week's rules (`PlatformRules`) and sets what
    residents and workers meet (`face`): a commission under any cap, a price high enough
    for a pay floor, the data it must share.
    """

    model: CityModel

    def __init__(self, model: CityModel, spec: PlatformSpec, index: int, sector: Sector,
                 sector_index: int) -> None:
        super().__init__(model)
        self.spec = spec
        self.index = index
        self.name = spec.name
        self.sector = spec.sector
        self.sector_index = sector_index
        self.kind = spec.kind
        self.pay_model = spec.pay_model
        self.entry_week = spec.entry_week
        self.task_h = sector.task_h
        self.data_value_eur = sector.data_value_eur
        self.time_per_use_h = spec.time_per_use_h if spec.time_per_use_h is not None else sector.digital_time_h
        self.data_intensity = spec.data_intensity
        self.own_representation = spec.own_representation
        self.fixed_cost_eur_w = spec.fixed_cost_eur_w
        # its own choices (fixed for now)
        self.own_commission = spec.commission
        self.own_price_eur = spec.price_eur
        # what it operates under this week (`face`)
        self.rules = PlatformRules()
        self.commission = spec.commission
        self.price_eur = spec.price_eur
        self.social_score = spec.social_score
        self.rule_defiance = spec.rule_defiance
        self.public_dependence = spec.public_dependence
        self.data_shared = 0.0
        self.commons_integration = 0.0
        self.quality = 0.0
        self.subsidy_eur = 0.0
        # state
        self.capital_eur = spec.capital_eur
        self.users = 0
        self.workers = 0
        self.uses_demanded = 0.0
        self.uses_served = 0.0
        self.procured_uses_served = 0.0
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
    def waiting_share(self) -> float:
        """Share of this week's logged-in hours spent waiting, unpaid (0 where nobody works)."""
        if not self.has_labour or self.hours_accepted <= 0.0:
            return 0.0
        return max(0.0, self.hours_accepted - self.uses_served * self.task_h) / self.hours_accepted

    @property
    def pay_per_offered_h(self) -> float:
        return self.pay_rate_eur_h * self.accept_ratio

    def face(self, rules: PlatformRules) -> None:
        """Set this week's terms from its own choices and the rules it faces."""
        spec = self.spec
        self.rules = rules
        self.commission = min(self.own_commission, rules.commission_cap)
        price = self.own_price_eur
        if rules.min_pay_eur_h > 0 and self.has_labour and self.pay_model == "per_task":
            # a pay floor per logged-in hour: a fully busy worker must earn it, so the price rises
            # (a platform that keeps everything cannot pay anyone: it prices itself out)
            keep = 1.0 - self.commission
            floor_price = rules.min_pay_eur_h * self.task_h / keep if keep > 0 else PRICED_OUT_EUR
            price = max(price, min(floor_price, PRICED_OUT_EUR))
        if price != self.price_eur and self.present:
            why = (f"a fully busy worker must earn the pay floor of EUR {rules.min_pay_eur_h:.2f}/h at a "
                   f"commission of {self.commission:.2f}" if rules.min_pay_eur_h > 0
                   else "no pay floor any more: back to its own price")
            self.model.log.record(self.model.week, self.name,
                                  EventKind.PRICE_RAISED if price > self.price_eur else EventKind.PRICE_LOWERED,
                                  f"price EUR {self.price_eur:.2f} -> {price:.2f}: {why}")
        self.price_eur = price
        self.subsidy_eur = min(rules.subsidy_eur, price)
        self.data_shared = rules.data_sharing
        self.commons_integration = rules.commons_integration
        self.quality = rules.quality_bonus
        self.social_score = 1.0 - (1.0 - spec.social_score) * (1.0 - rules.alignment)
        dependence = max(spec.public_dependence, rules.public_dependence_floor)
        self.public_dependence = 1.0 - (1.0 - dependence) * (1.0 - rules.dependence_gain)
        self.rule_defiance = spec.rule_defiance * rules.defiance_factor
        self.capital_eur += rules.grant_eur

    def clear_market(self, uses_demanded: float, hours_offered: float) -> None:
        """Match this week's demand (residents' and the authority's purchases) with the hours
        offered, and split the money. Commission is never negative: a pay floor is met by the
        price (`face`) and by logging fewer workers in."""
        procured = self.rules.procured_uses_w
        uses_demanded += procured
        self.uses_demanded = uses_demanded
        self.hours_offered = hours_offered
        if self.has_labour:
            needed = uses_demanded * self.task_h
            # per task: every hour offered is taken, waiting is unpaid;
            # hourly: hours are taken only as far as demand needs them, all paid
            accepted = hours_offered if self.pay_model == "per_task" else min(hours_offered, needed)
            if self.rules.min_pay_eur_h > 0 and self.pay_model == "per_task":
                # log in only as many hours as keep pay per logged-in hour at the floor
                accepted = min(accepted, needed * self.nominal_pay_rate / self.rules.min_pay_eur_h)
            self.uses_served = min(accepted, needed) / self.task_h
        else:
            accepted = 0.0
            self.uses_served = uses_demanded
        served_share = self.uses_served / uses_demanded if uses_demanded > 0 else 0.0
        self.procured_uses_served = procured * served_share
        self.hours_accepted = accepted
        self.gross_eur = self.uses_served * self.price_eur
        self.payout_eur = (1.0 - self.commission) * self.gross_eur
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
