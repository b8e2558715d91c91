"""Incumbents: the public provider, local shops, OpenStreetMap's community. When platforms put their
sector under tension, they react by their own rule and with their own budget: they improve their
service, or pool their data into an open commons the authority offers (how the Base Adresse
Nationale turned a tension into an opportunity, 2015). Nothing writes their state from outside;
what they decided reaches residents through the week's rules, like any provider's terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulation.rules import WeekRules
from simulation.vocabulary import EventKind, Reading

if TYPE_CHECKING:
    from simulation.model import CityModel
    from simulation.scenario import IncumbentSpec


@dataclass
class Incumbent:
    spec: IncumbentSpec
    sector_index: int
    platform_index: int | None
    budget_eur: float
    streak: int = 0
    """Weeks in a row its sector has read as tension or risk."""
    quality: float = 0.0
    """What its investments added to its service (utility)."""
    spent_eur: float = 0.0
    pooling: bool = False

    @classmethod
    def of(cls, spec: IncumbentSpec, model: CityModel) -> Incumbent:
        cfg = model.config
        sector = [s.name for s in cfg.sectors].index(spec.sector)
        platform = next((i for i, p in enumerate(cfg.platforms) if p.name == spec.platform), None)
        return cls(spec, sector, platform, spec.budget_eur_per_resident * cfg.n_residents)

    def transform(self, rules: WeekRules) -> None:
        """Its service as it made it: what it invested, and the commons' gain if it pools."""
        gain = self.quality
        if self.pooling:
            gain += rules.commons_offer[self.sector_index] or 0.0
        if self.platform_index is None:
            rules.offline_bonus[self.sector_index] += gain
        else:
            rules.platforms[self.platform_index].quality_bonus += gain

    def observe(self, model: CityModel) -> None:
        """Its rule, at the week's end: under tension or risk for long enough, it reacts."""
        spec = self.spec
        strained = model.authority.sector_reading.get(spec.sector) in (Reading.TENSION, Reading.RISK)
        self.streak = self.streak + 1 if strained else 0
        offered = model.rules.commons_offer[self.sector_index] is not None
        if spec.reaction == "pool":
            if not self.pooling and offered and self.streak >= spec.trigger_weeks:
                self.pooling = True
                self._log(model, f"pools its data into the open commons of {spec.sector}: the sector has read as "
                                 f"{model.authority.sector_reading[spec.sector]} for {self.streak} weeks")
            elif self.pooling and not offered:
                self.pooling = False
                self._log(model, f"stops pooling: the commons of {spec.sector} is no longer funded")
            return
        due = (self.streak - spec.trigger_weeks) % model.config.strategies.review_weeks == 0
        cost = spec.cost_eur_per_resident_per_step * model.config.n_residents
        if self.streak >= spec.trigger_weeks and due and self.spent_eur + cost <= self.budget_eur:
            self.quality += spec.quality_step
            self.spent_eur += cost
            self._log(model, f"improves its service (+{spec.quality_step:g}, EUR {cost:,.0f}; "
                             f"{self.spent_eur:,.0f} of {self.budget_eur:,.0f} spent): {spec.sector} has read as "
                             f"{model.authority.sector_reading[spec.sector]} for {self.streak} weeks")

    def _log(self, model: CityModel, details: str) -> None:
        model.log.record(model.week, self.spec.name, EventKind.INCUMBENT_REACTED, details)
