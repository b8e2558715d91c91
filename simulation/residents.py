"""Residents: one person, four overlapping roles, one weekly time budget.

State lives in `ResidentState`, one numpy array per attribute and a row per
resident, so the vectorised kernels (`kernels.py`) run over whole columns.
Each `Resident` agent is a view on its row, so Mesa's `AgentSet` tools and
visualisation work as usual, and it carries the *reference* rules: the same
weekly processes written for one resident in plain scalar Python. They are the
readable specification of the model and the oracle the kernels are tested
against (`engine="reference"`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import mesa
import numpy as np

from simulation.market import Market
from simulation.scenario import Scenario

if TYPE_CHECKING:
    from simulation.model import CityModel

NO_PROVIDER = -1


@dataclass
class ResidentState:
    """Column store of every resident's attributes (row i = resident i)."""

    # roles: engagement in [0, 1]
    citizen: np.ndarray
    consumer: np.ndarray
    contributor: np.ndarray
    worker: np.ndarray
    # traits
    free_time_h: np.ndarray  # weekly budget for gig work, contribution and civic time
    literacy: np.ndarray
    base_income_eur: np.ndarray  # weekly income outside gig work
    reservation_wage_eur_h: np.ndarray
    burnout_threshold: np.ndarray
    orientation_initial: np.ndarray
    work_sector: np.ndarray  # sector index of a worker's trade (-1: not a worker)
    # evolving state
    orientation: np.ndarray  # 0 consumer .. 1 citizen
    trust: np.ndarray  # in the local authority
    fatigue: np.ndarray
    burnout_weeks_left: np.ndarray  # > 0: burned out, recovering
    heard_weeks_left: np.ndarray  # > 0: feels heard (a project it voted for was funded)
    crowded_out: np.ndarray  # bool: was paid for volunteering; paid again, its motivation is crowded out
    expected_pay_eur_h: np.ndarray  # net pay per hour offered, as the worker expects it
    work_platform: np.ndarray  # platform index worked for (-1: none)
    provider: np.ndarray  # (N, S) platform index used in each sector (-1: offline)
    # this week's flows
    offered_h: np.ndarray
    gig_h: np.ndarray
    asked_h: np.ndarray
    contribution_h: np.ndarray
    civic_h: np.ndarray
    earnings_eur: np.ndarray
    traces: np.ndarray  # data traces left this week (uses of digital providers)

    @property
    def n(self) -> int:
        return self.citizen.size

    @property
    def income_eur(self) -> np.ndarray:
        return self.base_income_eur + self.earnings_eur

    @property
    def burned_out(self) -> np.ndarray:
        return self.burnout_weeks_left > 0

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


def init_residents(cfg: Scenario, rng: np.random.Generator) -> ResidentState:
    """Draw the population (all from the run's generator, in a fixed order)."""
    n, r = cfg.n_residents, cfg.residents
    f64 = np.float64

    def beta(shape: tuple[float, float]) -> np.ndarray:
        return rng.beta(shape[0], shape[1], n)

    citizen = beta(r.citizen_beta)
    consumer = beta(r.consumer_beta)
    contributor = beta(r.contributor_beta)
    is_worker = rng.random(n) < r.worker_share
    worker = np.where(is_worker, rng.uniform(*r.worker_engagement, n), 0.0)
    free_time = rng.uniform(*r.free_time_h, n)
    literacy = beta(r.literacy_beta)
    orientation = beta(r.orientation_beta)
    trust = beta(r.trust_beta)
    base_income = r.base_income_median_eur_w * np.exp(rng.normal(0.0, r.base_income_sigma, n))
    reservation = rng.uniform(*r.reservation_wage_eur_h, n)
    threshold = cfg.contribution.burnout_threshold * rng.uniform(0.5, 1.5, n)

    # a worker's trade: a labour sector, in proportion to the gig hours it needs
    labour_need = np.array([s.uses_per_week * s.task_h for s in cfg.sectors])
    work_sector = np.full(n, -1, dtype=np.int16)
    if labour_need.sum() > 0:
        picks = rng.choice(len(cfg.sectors), size=n, p=labour_need / labour_need.sum())
        work_sector = np.where(is_worker, picks, -1).astype(np.int16)

    zeros = np.zeros(n, dtype=f64)
    return ResidentState(
        citizen=citizen, consumer=consumer, contributor=contributor, worker=worker,
        free_time_h=free_time, literacy=literacy, base_income_eur=base_income,
        reservation_wage_eur_h=reservation, burnout_threshold=threshold,
        orientation_initial=orientation.copy(), work_sector=work_sector,
        orientation=orientation, trust=trust, fatigue=zeros.copy(),
        burnout_weeks_left=np.zeros(n, dtype=np.int32),
        heard_weeks_left=np.zeros(n, dtype=np.int32),
        crowded_out=np.zeros(n, dtype=bool),
        expected_pay_eur_h=reservation.copy(),
        work_platform=np.full(n, NO_PROVIDER, dtype=np.int32),
        provider=np.full((n, len(cfg.sectors)), NO_PROVIDER, dtype=np.int32),
        offered_h=zeros.copy(), gig_h=zeros.copy(), asked_h=zeros.copy(),
        contribution_h=zeros.copy(), civic_h=zeros.copy(), earnings_eur=zeros.copy(),
        traces=zeros.copy(),
    )


class _Column:
    """Attribute of a `Resident` that reads and writes its row of a state column."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, agent: Resident | None, owner: type | None = None):
        if agent is None:
            return self
        return getattr(agent.model.residents_state, self.name)[agent.row].item()

    def __set__(self, agent: Resident, value) -> None:
        getattr(agent.model.residents_state, self.name)[agent.row] = value


def _logit_pick(utilities: list[float], u: float) -> int:
    """Index drawn from a multinomial logit by inverse CDF with the uniform ``u``."""
    top = max(utilities)
    weights = [math.exp(v - top) for v in utilities]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    target = u * total
    for k, c in enumerate(cumulative):
        if target < c:
            return k
    return len(weights) - 1


class Resident(mesa.Agent):
    """A resident: citizen, consumer, contributor and worker at once (reference rules)."""

    citizen = _Column()
    consumer = _Column()
    contributor = _Column()
    worker = _Column()
    free_time_h = _Column()
    literacy = _Column()
    orientation = _Column()
    trust = _Column()
    fatigue = _Column()
    burnout_weeks_left = _Column()
    expected_pay_eur_h = _Column()
    work_platform = _Column()
    offered_h = _Column()
    gig_h = _Column()
    asked_h = _Column()
    contribution_h = _Column()
    civic_h = _Column()
    earnings_eur = _Column()
    traces = _Column()

    model: CityModel

    def __init__(self, model: CityModel, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def burned_out(self) -> bool:
        return self.burnout_weeks_left > 0

    @property
    def income_eur(self) -> float:
        s = self.model.residents_state
        return float(s.base_income_eur[self.row] + s.earnings_eur[self.row])

    # --- the weekly processes, one resident at a time ----------------------

    def choose_providers(self, market: Market, u: np.ndarray) -> None:
        """Pick a provider (or none) in each sector by multinomial logit; each use leaves traces."""
        s, i = self.model.residents_state, self.row
        orientation, literacy = float(s.orientation[i]), float(s.literacy[i])
        traces = 0.0
        for sector in range(market.n_sectors):
            options = market.choice_sets[sector]
            utilities = [float(market.offline_utility[sector])]
            for j in options:
                utilities.append(
                    -market.price_sensitivity * float(market.price[j])
                    + market.convenience_weight * float(market.user_share[j])
                    + market.social_weight * (2.0 * orientation - 1.0) * float(market.social[j])
                    + market.literacy_weight * literacy
                    + float(market.quality[j])
                )
            k = _logit_pick(utilities, float(u[sector]))
            provider = NO_PROVIDER if k == 0 else int(options[k - 1])
            s.provider[i, sector] = provider
            if provider != NO_PROVIDER:
                traces += float(s.consumer[i]) * float(market.uses_per_week[sector])
        s.traces[i] = traces

    def offer_labour(self, market: Market, cfg: Scenario, u_switch: float, u_job: float) -> None:
        """A worker reconsiders its platform now and then, then offers hours on expected pay."""
        s, i = self.model.residents_state, self.row
        sector = int(s.work_sector[i])
        options = market.labour_set(sector) if sector >= 0 else ()
        if len(options) == 0:
            s.work_platform[i] = NO_PROVIDER
            s.offered_h[i] = 0.0
            return
        platform = int(s.work_platform[i])
        if platform == NO_PROVIDER or u_switch < cfg.labour.switch_prob_w:
            orientation = float(s.orientation[i])
            utilities = [
                market.pay_sensitivity * float(market.pay_rate[j])
                + market.labour_social_weight * (2.0 * orientation - 1.0) * float(market.social[j])
                for j in options
            ]
            platform = int(options[_logit_pick(utilities, u_job)])
            s.work_platform[i] = platform
        ratio = float(s.expected_pay_eur_h[i]) / float(s.reservation_wage_eur_h[i])
        response = 1.0 / (1.0 + math.exp(-cfg.labour.supply_steepness * (ratio - 1.0)))
        hours = float(s.worker[i]) * cfg.labour.gig_h_max * response
        s.offered_h[i] = min(hours, float(s.free_time_h[i]))

    def get_paid(self, accept_ratio: np.ndarray, pay_rate: np.ndarray, cfg: Scenario) -> None:
        """Work the hours the platform accepted, earn its rate, update the expected pay."""
        s, i = self.model.residents_state, self.row
        platform = int(s.work_platform[i])
        if platform == NO_PROVIDER:
            s.gig_h[i] = 0.0
            s.earnings_eur[i] = 0.0
            return
        hours = float(s.offered_h[i]) * float(accept_ratio[platform])
        s.gig_h[i] = hours
        s.earnings_eur[i] = hours * float(pay_rate[platform])
        per_offered_hour = float(pay_rate[platform]) * float(accept_ratio[platform])
        m = cfg.labour.wage_memory
        s.expected_pay_eur_h[i] = (1.0 - m) * float(s.expected_pay_eur_h[i]) + m * per_offered_hour

    def engagement(self, cfg: Scenario) -> float:
        """Contributor engagement as it acts this week: a paid contributor who was paid before has
        part of its intrinsic motivation crowded out (Frey and Oberholzer-Gee 1997)."""
        s, i = self.model.residents_state, self.row
        paid = self.model.authority.programme.pay_eur_h > 0
        crowded = paid and bool(s.crowded_out[i])
        return float(s.contributor[i]) * (1.0 - cfg.contribution.crowding_out if crowded else 1.0)

    def contribute(self, asked_total_h: float, total_weight: float, cfg: Scenario,
                   u_burn: float, u_renew: float, fresh_engagement: float) -> None:
        """Answer the public services' volunteer requests; tire, burn out or recover."""
        s, i, c = self.model.residents_state, self.row, cfg.contribution
        programme = self.model.authority.programme  # the rules the services ask under this week
        if s.burnout_weeks_left[i] > 0:  # recovering: asked nothing
            s.asked_h[i] = 0.0
            s.contribution_h[i] = 0.0
            s.burnout_weeks_left[i] -= 1
            if s.burnout_weeks_left[i] == 0:
                s.fatigue[i] = 0.0
                s.contributor[i] *= 1.0 - c.burnout_engagement_loss
            return
        engagement = self.engagement(cfg)
        paid = programme.pay_eur_h > 0
        asked = 0.0
        if engagement >= c.active_threshold and total_weight > 0.0:
            asked = asked_total_h * engagement**programme.concentration / total_weight
            if programme.max_requests_h is not None:
                asked = min(asked, programme.max_requests_h)
        given = min(asked, float(s.free_time_h[i]) - float(s.gig_h[i]))
        s.asked_h[i] = asked
        s.contribution_h[i] = given
        capacity = c.capacity_h * (1.0 + c.paid_capacity_gain if paid else 1.0) * engagement
        load = given / capacity if capacity > 0.0 else 0.0
        fatigue = (
            float(s.fatigue[i])
            + c.fatigue_gain * programme.fatigue_factor * max(0.0, load - 1.0)
            - c.fatigue_recovery * max(0.0, 1.0 - load)
        )
        s.fatigue[i] = fatigue = max(0.0, fatigue)
        if paid and given > 0.0:
            s.crowded_out[i] = True
        threshold = float(s.burnout_threshold[i])
        hazard = c.base_burnout_hazard_w * (1.0 + 4.0 * min(fatigue / threshold, 1.0))
        if given > 0.0 and (fatigue >= threshold or u_burn < hazard):
            s.burnout_weeks_left[i] = c.recovery_weeks
            s.trust[i] *= 1.0 - c.burnout_trust_loss
        elif u_renew < c.attrition_w:  # turnover: this one leaves, a newcomer takes the place
            s.contributor[i] = fresh_engagement
            s.fatigue[i] = 0.0
            s.crowded_out[i] = False

    def take_civic_time(self, cfg: Scenario) -> None:
        """Citizen time (debates, votes) from what gig work and contribution left over."""
        s, i = self.model.residents_state, self.row
        if s.burnout_weeks_left[i] > 0:
            s.civic_h[i] = 0.0
            return
        wish = float(s.citizen[i]) * cfg.civic.civic_h_max * (0.5 + 0.5 * float(s.orientation[i]))
        left = float(s.free_time_h[i]) - float(s.gig_h[i]) - float(s.contribution_h[i])
        s.civic_h[i] = max(0.0, min(wish, left))

    def be_influenced(self, market: Market, cfg: Scenario, orientation_before: np.ndarray,
                      trust_before: np.ndarray, coverage: float, control: float) -> None:
        """Move orientation and trust with the neighbours, platform use and the authority's record."""
        s, i, civ = self.model.residents_state, self.row, cfg.civic
        neighbours = self.model.network.neighbours_of(i)
        if len(neighbours):
            nb_orientation = sum(float(orientation_before[j]) for j in neighbours) / len(neighbours)
            nb_trust = sum(float(trust_before[j]) for j in neighbours) / len(neighbours)
        else:
            nb_orientation, nb_trust = float(s.orientation[i]), float(s.trust[i])
        commercial_uses = 0.0
        for sector in range(market.n_sectors):
            provider = int(s.provider[i, sector])
            if provider != NO_PROVIDER and market.is_commercial[provider]:
                commercial_uses += float(market.uses_per_week[sector])
        commercial_use = commercial_uses / float(market.uses_per_week.sum())
        o = float(s.orientation[i])
        o = (o + civ.social_influence_w * (nb_orientation - o)
             - civ.consumer_pull_w * commercial_use * o
             + civ.orientation_memory_w * (float(s.orientation_initial[i]) - o))
        s.orientation[i] = min(1.0, max(0.0, o))
        if s.heard_weeks_left[i] > 0:  # a project it voted for was funded: it has a voice
            voice = 1.0
            s.heard_weeks_left[i] -= 1
        else:
            voice = min(1.0, float(s.civic_h[i]) / civ.civic_h_max) if civ.civic_h_max > 0 else 0.0
        w_cov, w_ctl, w_voice = civ.trust_weights
        target = w_cov * coverage + w_ctl * control + w_voice * voice
        t = float(s.trust[i])
        t = t + civ.trust_rate_w * (target - t) + civ.social_influence_w * (nb_trust - t)
        s.trust[i] = min(1.0, max(0.0, t))
