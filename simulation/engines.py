"""Two interchangeable ways to run the residents' weekly processes.

`VectorizedEngine` (the default) runs `kernels.py` over whole columns;
`ReferenceEngine` loops over the `Resident` agents and runs their scalar rules.
Both consume the same `WeekDraws`, so for one seed they give the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from simulation import kernels
from simulation.market import Market
from simulation.residents import NO_PROVIDER

if TYPE_CHECKING:
    from simulation.model import CityModel


@dataclass(frozen=True)
class WeekDraws:
    """Every random number residents use in one week, drawn at once in a fixed order."""

    choice: np.ndarray  # (N, S) provider choice per sector
    switch: np.ndarray  # worker reconsiders its platform
    job: np.ndarray  # which platform it picks
    burn: np.ndarray  # burn-out hazard
    renew: np.ndarray  # contributor turnover
    fresh_engagement: np.ndarray  # engagement of a newcomer contributor

    @classmethod
    def draw(cls, model: CityModel) -> WeekDraws:
        rng, n = model.rng, model.config.n_residents
        return cls(
            choice=rng.random((n, len(model.config.sectors))),
            switch=rng.random(n),
            job=rng.random(n),
            burn=rng.random(n),
            renew=rng.random(n),
            fresh_engagement=rng.beta(*model.config.residents.contributor_beta, n),
        )


class Engine:
    """What both engines share: the model they run and its residents' columns."""

    def __init__(self, model: CityModel) -> None:
        self.model = model
        self.s = model.residents_state
        self.cfg = model.config


class VectorizedEngine(Engine):
    def choose_providers(self, market: Market, draws: WeekDraws) -> None:
        kernels.choose_providers(self.s, market, draws.choice)

    def offer_labour(self, market: Market, draws: WeekDraws) -> None:
        kernels.offer_labour(self.s, market, self.cfg, draws.switch, draws.job)

    def demand_and_supply(self, market: Market, n_platforms: int) -> tuple[np.ndarray, np.ndarray]:
        """Uses demanded from, and gig hours offered to, each platform."""
        s = self.s
        uses = np.zeros(n_platforms)
        for sector in range(market.n_sectors):
            p = s.provider[:, sector]
            on = p != NO_PROVIDER
            uses += np.bincount(p[on], weights=s.consumer[on] * market.uses_per_week[sector],
                                minlength=n_platforms)
        on = s.work_platform != NO_PROVIDER
        hours = np.bincount(s.work_platform[on], weights=s.offered_h[on], minlength=n_platforms)
        return uses, hours

    def get_paid(self, accept_ratio: np.ndarray, pay_rate: np.ndarray) -> None:
        kernels.get_paid(self.s, accept_ratio, pay_rate, self.cfg)

    def contribute(self, asked_total_h: float, draws: WeekDraws) -> None:
        programme = self.model.authority.programme
        weights = kernels.request_weights(self.s, self.cfg, programme)
        kernels.contribute(self.s, asked_total_h, weights, self.cfg, programme, draws.burn,
                           draws.renew, draws.fresh_engagement)

    def take_civic_time(self) -> None:
        kernels.take_civic_time(self.s, self.cfg)

    def be_influenced(self, market: Market, before: tuple[np.ndarray, np.ndarray],
                      coverage: float, control: float) -> None:
        kernels.be_influenced(self.s, market, self.cfg, self.model.network, *before,
                              coverage, control)


class ReferenceEngine(Engine):
    """Plain per-agent loops: slow, and the specification the kernels are checked against."""

    def choose_providers(self, market: Market, draws: WeekDraws) -> None:
        for r in self.model.residents:
            r.choose_providers(market, draws.choice[r.row])

    def offer_labour(self, market: Market, draws: WeekDraws) -> None:
        for r in self.model.residents:
            if self.s.work_sector[r.row] >= 0:
                r.offer_labour(market, self.cfg, float(draws.switch[r.row]), float(draws.job[r.row]))

    def demand_and_supply(self, market: Market, n_platforms: int) -> tuple[np.ndarray, np.ndarray]:
        uses, hours = [0.0] * n_platforms, [0.0] * n_platforms
        for r in self.model.residents:
            for sector in range(market.n_sectors):
                p = int(self.s.provider[r.row, sector])
                if p != NO_PROVIDER:
                    uses[p] += r.consumer * float(market.uses_per_week[sector])
            if r.work_platform != NO_PROVIDER:
                hours[r.work_platform] += r.offered_h
        return np.array(uses), np.array(hours)

    def get_paid(self, accept_ratio: np.ndarray, pay_rate: np.ndarray) -> None:
        for r in self.model.residents:
            r.get_paid(accept_ratio, pay_rate, self.cfg)

    def contribute(self, asked_total_h: float, draws: WeekDraws) -> None:
        c, programme = self.cfg.contribution, self.model.authority.programme
        total_weight = 0.0  # read before anyone answers: the week is synchronous
        for r in self.model.residents:
            engagement = r.engagement(self.cfg)
            if engagement >= c.active_threshold and r.burnout_weeks_left == 0:
                total_weight += engagement**programme.concentration
        for r in self.model.residents:
            i = r.row
            r.contribute(asked_total_h, total_weight, self.cfg, float(draws.burn[i]),
                         float(draws.renew[i]), float(draws.fresh_engagement[i]))

    def take_civic_time(self) -> None:
        for r in self.model.residents:
            r.take_civic_time(self.cfg)

    def be_influenced(self, market: Market, before: tuple[np.ndarray, np.ndarray],
                      coverage: float, control: float) -> None:
        for r in self.model.residents:
            r.be_influenced(market, self.cfg, *before, coverage, control)


ENGINES = {"vectorized": VectorizedEngine, "reference": ReferenceEngine}
