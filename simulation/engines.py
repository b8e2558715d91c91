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
from simulation.residents import NO_PROVIDER, LastWeek, draw_people
from simulation.rules import ProgrammeRules
from simulation.streams import Process, Stream

if TYPE_CHECKING:
    from simulation.model import CityModel


@dataclass(frozen=True)
class WeekDraws:
    """Every random number residents use in one week, drawn at once in a fixed order."""

    move: np.ndarray  # who moves out of the city this week (rows)
    newcomers: dict[str, np.ndarray]  # who moves in, in their place
    recruit: np.ndarray  # recruitment by neighbours
    withdraw: np.ndarray  # withdrawal after neighbours left
    choice: np.ndarray  # (N, S) provider choice per sector
    switch: np.ndarray  # worker reconsiders its platform
    job: np.ndarray  # which platform it picks
    burn: np.ndarray  # (sub-steps, N) burn-out hazard
    call: np.ndarray  # answering the services' call

    @classmethod
    def draw(cls, model: CityModel) -> WeekDraws:
        """Each process from its own stream for the week (`simulation/streams.py`), for every resident slot."""
        cfg, week = model.config, model.week
        n = cfg.n_residents

        def stream(process: Process) -> Stream:
            return model.streams.week(process, week)

        moves, ties, jobs = stream(Process.MOVES), stream(Process.TIES), stream(Process.JOBS)
        movers = np.flatnonzero(moves.random(n) < cfg.residents.mobility_w)
        return cls(
            move=movers,
            newcomers=draw_people(cfg, moves, movers.size),
            recruit=ties.random(n),
            withdraw=ties.random(n),
            choice=stream(Process.PROVIDER_CHOICE).random((n, len(cfg.sectors))),
            switch=jobs.random(n),
            job=jobs.random(n),
            burn=stream(Process.BURNOUT).random((cfg.contribution.substeps, n)),
            call=stream(Process.EPISODES).random(n),
        )


class Engine:
    """What both engines share: the model they run and its residents' columns."""

    def __init__(self, model: CityModel) -> None:
        self.model = model
        self.s = model.residents_state
        self.cfg = model.config

    @property
    def programme(self) -> ProgrammeRules:
        return self.model.authority.programme

    def help_share(self) -> float:
        """The help that came this week: the share of the asked volunteer hours the city's volunteers gave."""
        return self.model.authority.coverage_of(float(self.s.contribution_h.sum()))

    def can_gig(self, market: Market) -> np.ndarray:
        """Residents whose trade has a platform to work for this week."""
        open_trades = np.array([len(market.labour_set(k)) > 0 for k in range(market.n_sectors)])
        sector = self.s.work_sector
        return (sector >= 0) & open_trades[np.maximum(sector, 0)]


class VectorizedEngine(Engine):
    def move(self, draws: WeekDraws) -> None:
        kernels.move_away(self.s, draws.move, draws.newcomers)

    def follow_ties(self, draws: WeekDraws, before: LastWeek) -> None:
        kernels.follow_ties(self.s, self.cfg, self.model.network, draws.recruit, draws.withdraw,
                            self.model.week, before)

    def choose_providers(self, market: Market, draws: WeekDraws, before: LastWeek) -> None:
        kernels.choose_providers(self.s, market, self.cfg, draws.choice, self.model.network, before)

    def take_the_call(self, draws: WeekDraws) -> None:
        kernels.take_the_call(self.s, self.cfg, self.programme, draws.call)

    def ask_and_allocate(self, market: Market, asked_total_h: float) -> None:
        """The services ask; each resident shares its hours knowing what it was asked."""
        self.weights = kernels.request_weights(self.s, self.cfg, self.programme)
        kernels.be_asked(self.s, asked_total_h, self.weights, self.programme)
        kernels.allocate_time(self.s, self.cfg, self.programme, self.can_gig(market))

    def answer(self) -> None:
        """Residents accept, reduce or decline; the services ask the declined hours again."""
        kernels.answer(self.s, self.cfg)
        declined = self.s.asked_h - self.s.contribution_h
        for _ in range(self.cfg.contribution.reask_rounds):
            if declined.sum() <= 0.0:
                break
            declined = kernels.be_asked_again(self.s, declined, self.weights, self.cfg, self.programme,
                                              self.model.network)

    def offer_labour(self, market: Market, draws: WeekDraws) -> None:
        kernels.offer_labour(self.s, market, self.cfg, draws.switch, draws.job)

    def demand_and_supply(self, market: Market, n_platforms: int) -> tuple[np.ndarray, np.ndarray]:
        """Uses demanded from (those residents can pay for), and gig hours offered to, each platform."""
        s = self.s
        uses = np.zeros(n_platforms)
        for sector in range(market.n_sectors):
            p = s.provider[:, sector]
            on = p != NO_PROVIDER
            uses += np.bincount(p[on], weights=s.consumer[on] * s.affordable[on] * market.uses_per_week[sector],
                                minlength=n_platforms)
        on = s.work_platform != NO_PROVIDER
        hours = np.bincount(s.work_platform[on], weights=s.offered_h[on], minlength=n_platforms)
        return uses, hours

    def get_paid(self, accept_ratio: np.ndarray, pay_rate: np.ndarray) -> None:
        kernels.get_paid(self.s, accept_ratio, pay_rate, self.cfg)

    def tire_or_recover(self, draws: WeekDraws) -> None:
        kernels.tire_or_recover(self.s, self.cfg, self.programme, draws.burn, self.model.week)

    def judge_episode(self) -> None:
        kernels.judge_episode(self.s, self.cfg, self.programme, self.help_share(), self.model.week)

    def take_civic_time(self) -> None:
        kernels.take_civic_time(self.s, self.cfg)

    def be_influenced(self, market: Market, before: tuple[np.ndarray, np.ndarray],
                      coverage: float, control: float, waiting: np.ndarray) -> None:
        kernels.be_influenced(self.s, market, self.cfg, self.model.network, *before,
                              coverage, control, waiting)


class ReferenceEngine(Engine):
    """Plain per-agent loops: slow, and the specification the kernels are checked against."""

    def move(self, draws: WeekDraws) -> None:
        residents = self.model.residents.to_list()
        for k, row in enumerate(draws.move):
            residents[int(row)].move_away(draws.newcomers, k)

    def follow_ties(self, draws: WeekDraws, before: LastWeek) -> None:
        for r in self.model.residents:
            r.follow_ties(self.cfg, float(draws.recruit[r.row]), float(draws.withdraw[r.row]), self.model.week,
                          before)

    def choose_providers(self, market: Market, draws: WeekDraws, before: LastWeek) -> None:
        for r in self.model.residents:
            r.choose_providers(market, draws.choice[r.row], self.cfg, before)

    def take_the_call(self, draws: WeekDraws) -> None:
        for r in self.model.residents:
            r.take_the_call(self.cfg, float(draws.call[r.row]))

    def ask_and_allocate(self, market: Market, asked_total_h: float) -> None:
        total_weight = 0.0  # read before anyone answers: the week is synchronous
        for r in self.model.residents:
            total_weight += r.request_weight(self.cfg)
        can_gig = self.can_gig(market)
        for r in self.model.residents:
            r.be_asked(asked_total_h, total_weight, self.cfg)
            r.allocate_time(self.cfg, bool(can_gig[r.row]))

    def answer(self) -> None:
        residents = self.model.residents.to_list()
        declined = []
        for r in residents:
            r.answer(self.cfg)
            declined.append(r.asked_h - r.contribution_h)
        for _ in range(self.cfg.contribution.reask_rounds):
            if sum(declined) <= 0.0:
                break
            spare = np.array([r.spare_weight(self.cfg) for r in residents])
            total_weight = float(spare.sum())
            if total_weight <= 0.0:
                break
            handed, pool = np.zeros(len(residents)), 0.0
            for r, hours in zip(residents, declined, strict=True):
                handed[r.row], to_pool = r.hand_on(hours, spare, self.cfg)
                pool += to_pool
            declined = [r.be_asked_again(pool, total_weight, handed, self.cfg) for r in residents]

    def offer_labour(self, market: Market, draws: WeekDraws) -> None:
        for r in self.model.residents:
            r.offer_labour(market, self.cfg, float(draws.switch[r.row]), float(draws.job[r.row]))

    def demand_and_supply(self, market: Market, n_platforms: int) -> tuple[np.ndarray, np.ndarray]:
        uses, hours = [0.0] * n_platforms, [0.0] * n_platforms
        for r in self.model.residents:
            for sector in range(market.n_sectors):
                p = int(self.s.provider[r.row, sector])
                if p != NO_PROVIDER:
                    uses[p] += r.consumer * float(self.s.affordable[r.row]) * float(market.uses_per_week[sector])
            if r.work_platform != NO_PROVIDER:
                hours[r.work_platform] += r.offered_h
        return np.array(uses), np.array(hours)

    def get_paid(self, accept_ratio: np.ndarray, pay_rate: np.ndarray) -> None:
        for r in self.model.residents:
            r.get_paid(accept_ratio, pay_rate, self.cfg)

    def tire_or_recover(self, draws: WeekDraws) -> None:
        for r in self.model.residents:
            r.tire_or_recover(self.cfg, np.atleast_2d(draws.burn)[:, r.row], self.model.week)

    def judge_episode(self) -> None:
        help_share = self.help_share()
        for r in self.model.residents:
            r.judge_episode(self.cfg, help_share, self.model.week)

    def take_civic_time(self) -> None:
        for r in self.model.residents:
            r.take_civic_time(self.cfg)

    def be_influenced(self, market: Market, before: tuple[np.ndarray, np.ndarray],
                      coverage: float, control: float, waiting: np.ndarray) -> None:
        for r in self.model.residents:
            r.be_influenced(market, self.cfg, *before, coverage, control, waiting)


ENGINES = {"vectorized": VectorizedEngine, "reference": ReferenceEngine}
