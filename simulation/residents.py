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

from simulation.employment import Status, draw_status, gig_open_chance, weekly_hours
from simulation.market import Market
from simulation.scenario import Contribution, Residents, Scenario
from simulation.streams import Stream

if TYPE_CHECKING:
    from simulation.model import CityModel

NO_PROVIDER = -1
YEAR_WEEKS = 52
"""The horizon of `hours_year`: each week keeps 1 - 1/52 of the hours before."""


@dataclass
class ResidentState:
    """Column store of every resident's attributes (row i = resident i)."""

    # roles: engagement in [0, 1]
    citizen: np.ndarray
    consumer: np.ndarray
    contributor: np.ndarray
    worker: np.ndarray
    # traits
    work_h: np.ndarray  # weekly paid work and study outside platforms, commuting included
    care_h: np.ndarray  # weekly domestic and care time
    discretionary_h: np.ndarray  # 168 h - physiological - work - care: what consuming, gig work,
    #                              volunteering, civic life and rest share
    literacy: np.ndarray
    base_income_eur: np.ndarray  # weekly income outside gig work
    reservation_wage_eur_h: np.ndarray
    burnout_threshold: np.ndarray
    orientation_initial: np.ndarray
    work_sector: np.ndarray  # sector index of a worker's trade (-1: not a worker)
    match: np.ndarray  # how volunteering for the services suits it: chance an episode that fits goes well
    status: np.ndarray  # employment status (`employment.Status`; -1: working lives off)
    # evolving state
    orientation: np.ndarray  # 0 consumer .. 1 citizen
    trust: np.ndarray  # in the local authority
    propensity: np.ndarray  # chance it answers the services' call in a week (0: withdrawn from volunteering)
    fatigue: np.ndarray
    burnout_weeks_left: np.ndarray  # > 0: burned out, recovering
    heard_weeks_left: np.ndarray  # > 0: feels heard (a project it voted for was funded)
    crowded_out: np.ndarray  # bool: was paid for volunteering; paid again, its motivation is crowded out
    recruited: np.ndarray  # bool: started volunteering because people it knows did (since it lives here)
    left_week: np.ndarray  # week it last withdrew from volunteering (-1: never)
    expected_pay_eur_h: np.ndarray  # net pay per hour offered, as the worker expects it
    work_platform: np.ndarray  # platform index worked for (-1: none)
    provider: np.ndarray  # (N, S) platform index used in each sector (-1: offline)
    hours_year: np.ndarray  # volunteer hours of about the last year (exponentially weighted, 52 weeks)
    first_active_week: np.ndarray  # week it first gave volunteer hours since it lives here (-1: never)
    last_active_week: np.ndarray  # latest week it gave volunteer hours (-1: never)
    money_eur: np.ndarray  # what it holds for the modelled services: budgeted income, pay, less purchases
    unserved_memory: np.ndarray  # (N, P) remembered share of its uses each provider left unserved (fading)
    # this week's flows
    consumption_h: np.ndarray  # time spent using services
    gig_willing_h: np.ndarray  # hours its time share gives each use this week
    contribution_willing_h: np.ndarray
    civic_willing_h: np.ndarray
    offered_h: np.ndarray
    gig_h: np.ndarray
    answering: np.ndarray  # bool: answered the services' call this week (only those who answer are asked)
    asked_h: np.ndarray  # volunteer hours asked of it, re-asks included
    contribution_h: np.ndarray
    declined_h: np.ndarray
    civic_h: np.ndarray
    earnings_eur: np.ndarray
    traces: np.ndarray  # data traces left this week (uses of digital providers)
    affordable: np.ndarray  # share of the uses it chose that its money pays for (the rest it forgoes)
    spent_eur: np.ndarray  # what it paid for the services it was served

    @property
    def n(self) -> int:
        return self.citizen.size

    @property
    def income_eur(self) -> np.ndarray:
        return self.base_income_eur + self.earnings_eur

    @property
    def burned_out(self) -> np.ndarray:
        return self.burnout_weeks_left > 0

    @property
    def used_h(self) -> np.ndarray:
        """Discretionary hours used this week (services, gig work, volunteering, civic life)."""
        return self.consumption_h + self.gig_h + self.contribution_h + self.civic_h

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


TRAITS = ("citizen", "consumer", "contributor", "worker", "work_h", "care_h", "discretionary_h", "literacy",
          "base_income_eur", "reservation_wage_eur_h", "burnout_threshold", "orientation_initial", "work_sector",
          "orientation", "trust", "match", "status")
"""What a newcomer brings: drawn afresh, as at the start (`draw_people`)."""


def first_propensity(engagement: np.ndarray | float, c: Contribution) -> np.ndarray | float:
    """The chance to answer a week's call for volunteers before any episode: (contributor engagement over
    the active threshold) ** `answer_sharpness`, at most 1 (every call from the threshold up). The larger
    the exponent, the sharper the line between those who answer and those who do not; without limit it is
    the threshold of rounds one and two (asked every week from the threshold up, never below)."""
    return np.minimum(1.0, engagement / c.active_threshold) ** c.answer_sharpness


def _fit_week(work: np.ndarray, care: np.ndarray, r: Residents) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Paid work, care and the discretionary hours they leave: a week has 168 hours, so a draw that leaves
    less than the minimum is scaled down to fit."""
    room = max(0.0, 168.0 - r.physiological_h - r.min_discretionary_h)
    fit = np.minimum(1.0, room / np.maximum(work + care, 1e-12))
    work, care = work * fit, care * fit
    return work, care, 168.0 - r.physiological_h - work - care


def draw_people(cfg: Scenario, rng: Stream, n: int) -> dict[str, np.ndarray]:
    """The attributes of ``n`` residents, drawn from ``rng`` in a fixed order."""
    r = cfg.residents

    def beta(shape: tuple[float, float]) -> np.ndarray:
        return rng.beta(shape[0], shape[1], n)

    citizen = beta(r.citizen_beta)
    consumer = beta(r.consumer_beta)
    contributor = beta(r.contributor_beta)
    is_worker = rng.random(n) < r.worker_share
    worker = np.where(is_worker, rng.uniform(*r.worker_engagement, n), 0.0)
    profiles = np.asarray(r.time_use_profiles, dtype=np.float64)
    profile = rng.integers(0, len(profiles), n)
    spread = rng.lognormal(0.0, r.time_use_spread, (2, n))
    care = 7.0 * profiles[profile, 1] * spread[1]
    work, care_h, discretionary = _fit_week(7.0 * profiles[profile, 0] * spread[0], care, r)
    literacy = beta(r.literacy_beta)
    orientation = beta(r.orientation_beta)
    trust = beta(r.trust_beta)
    income_log = rng.normal(0.0, r.base_income_sigma, n)
    base_income = r.base_income_median_eur_w * np.exp(income_log)
    reservation = rng.uniform(*r.reservation_wage_eur_h, n)
    threshold = cfg.contribution.burnout_threshold * rng.uniform(0.5, 1.5, n)
    # a worker's trade: a labour sector, in proportion to the gig hours it needs
    labour_need = np.array([s.uses_per_week * s.task_h for s in cfg.sectors])
    work_sector = np.full(n, -1, dtype=np.int16)
    if labour_need.sum() > 0:
        picks = rng.choice(len(cfg.sectors), size=n, p=labour_need / labour_need.sum())
        work_sector = np.where(is_worker, picks, -1).astype(np.int16)
    match = beta(r.match_beta)
    status = np.full(n, -1, dtype=np.int8)
    e = cfg.employment
    if e.working_lives:  # drawn last, so that without working lives every draw above is as before
        status = draw_status(e, income_log / r.base_income_sigma if r.base_income_sigma > 0.0 else None, n, rng)
        # care from the household; retired residents and students from a household without children
        childless = np.asarray(e.childless_profiles)[rng.integers(0, len(e.childless_profiles), n)]
        no_children = (status == Status.RETIRED) | (status == Status.STUDENT)
        care = np.where(no_children, 7.0 * profiles[childless, 1] * spread[1], care)
        # paid work or study from the status
        work, care_h, discretionary = _fit_week(weekly_hours(e)[status] * rng.lognormal(0.0, r.time_use_spread, n),
                                                care, r)
        is_worker = rng.random(n) < gig_open_chance(e, r.worker_share)[status]
        worker = np.where(is_worker, rng.uniform(*r.worker_engagement, n), 0.0)
        if labour_need.sum() > 0:
            work_sector = np.where(is_worker, picks, -1).astype(np.int16)
    return {"citizen": citizen, "consumer": consumer, "contributor": contributor, "worker": worker,
            "work_h": work, "care_h": care_h, "discretionary_h": discretionary, "literacy": literacy,
            "base_income_eur": base_income, "reservation_wage_eur_h": reservation, "burnout_threshold": threshold,
            "orientation_initial": orientation.copy(), "work_sector": work_sector, "orientation": orientation,
            "trust": trust, "match": match, "status": status,
            "propensity": first_propensity(contributor, cfg.contribution)}


def init_residents(cfg: Scenario, rng: Stream) -> ResidentState:
    """Draw the population (from the population's stream, in a fixed order)."""
    n = cfg.n_residents
    people = draw_people(cfg, rng, n)

    def zeros() -> np.ndarray:
        return np.zeros(n, dtype=np.float64)

    return ResidentState(
        **people,
        fatigue=zeros(),
        burnout_weeks_left=np.zeros(n, dtype=np.int32),
        heard_weeks_left=np.zeros(n, dtype=np.int32),
        crowded_out=np.zeros(n, dtype=bool),
        recruited=np.zeros(n, dtype=bool),
        left_week=np.full(n, -1, dtype=np.int32),
        expected_pay_eur_h=people["reservation_wage_eur_h"].copy(),
        work_platform=np.full(n, NO_PROVIDER, dtype=np.int32),
        provider=np.full((n, len(cfg.sectors)), NO_PROVIDER, dtype=np.int32),
        hours_year=zeros(),
        first_active_week=np.full(n, -1, dtype=np.int32),
        last_active_week=np.full(n, -1, dtype=np.int32),
        money_eur=zeros(),
        unserved_memory=np.zeros((n, len(cfg.platforms))),
        consumption_h=zeros(), gig_willing_h=zeros(), contribution_willing_h=zeros(), civic_willing_h=zeros(),
        offered_h=zeros(), gig_h=zeros(), answering=np.zeros(n, dtype=bool), asked_h=zeros(),
        contribution_h=zeros(), declined_h=zeros(),
        civic_h=zeros(), earnings_eur=zeros(), traces=zeros(), affordable=np.ones(n), spent_eur=zeros(),
    )


FLOWS = ("consumption_h", "gig_willing_h", "contribution_willing_h", "civic_willing_h", "offered_h", "gig_h",
         "answering", "asked_h", "contribution_h", "declined_h", "civic_h", "earnings_eur", "traces", "spent_eur")
"""This week's flows: a newcomer arrives with none."""


def settle_newcomer(s: ResidentState, i: int, people: dict[str, np.ndarray], k: int) -> None:
    """Resident ``i`` moved away; the ``k``-th newcomer of the week takes its place in the network."""
    for name in TRAITS:
        getattr(s, name)[i] = people[name][k]
    s.propensity[i] = people["propensity"][k]
    s.fatigue[i] = 0.0
    s.burnout_weeks_left[i] = 0
    s.heard_weeks_left[i] = 0
    s.crowded_out[i] = False
    s.recruited[i] = False
    s.left_week[i] = -1
    s.expected_pay_eur_h[i] = people["reservation_wage_eur_h"][k]
    s.work_platform[i] = NO_PROVIDER
    s.provider[i] = NO_PROVIDER
    s.hours_year[i] = 0.0
    s.first_active_week[i] = -1
    s.last_active_week[i] = -1
    s.money_eur[i] = 0.0  # what the one who left held went with it (`Flow.MOVER_LEAVES`)
    s.unserved_memory[i] = 0.0
    s.affordable[i] = 1.0
    for name in FLOWS:
        getattr(s, name)[i] = 0.0


@dataclass(frozen=True)
class LastWeek:
    """What neighbours can know of each other: last week's choices, taken before anyone acts this
    week (the schedule is synchronous)."""

    provider: np.ndarray  # (N, S) provider used in each sector last week (-1: offline)
    working: np.ndarray  # platform worked for last week (-1: none)
    active: np.ndarray  # gave volunteer hours last week
    lost: np.ndarray  # burned out, or withdrew from volunteering recently
    contributor: np.ndarray  # contributor engagement at the start of the week

    @classmethod
    def take(cls, s: ResidentState, week: int, memory_weeks: int) -> LastWeek:
        withdrew = (s.left_week >= 0) & (s.left_week >= week - memory_weeks)
        return cls(provider=s.provider.copy(),
                   working=np.where(s.gig_h > 0.0, s.work_platform, NO_PROVIDER).astype(np.int32),
                   active=(s.last_active_week >= 0) & (s.last_active_week == week - 1),
                   lost=(s.burnout_weeks_left > 0) | withdrew,
                   contributor=s.contributor.copy())


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
    """A resident: citizen, consumer, contributor and worker at once (reference rules).

    Each weekly process below is written for one resident: the readable specification of the
    model, which the vectorised kernels (`kernels.py`) must reproduce (the docking test).
    """

    citizen = _Column()
    consumer = _Column()
    contributor = _Column()
    worker = _Column()
    discretionary_h = _Column()
    literacy = _Column()
    orientation = _Column()
    trust = _Column()
    fatigue = _Column()
    burnout_weeks_left = _Column()
    expected_pay_eur_h = _Column()
    work_platform = _Column()
    consumption_h = _Column()
    gig_willing_h = _Column()
    contribution_willing_h = _Column()
    civic_willing_h = _Column()
    offered_h = _Column()
    gig_h = _Column()
    asked_h = _Column()
    contribution_h = _Column()
    declined_h = _Column()
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

    def move_away(self, people: dict[str, np.ndarray], k: int) -> None:
        """Background mobility: this resident leaves the city; the ``k``-th newcomer takes its place."""
        settle_newcomer(self.model.residents_state, self.row, people, k)

    def follow_ties(self, cfg: Scenario, u_recruit: float, u_withdraw: float, week: int,
                    before: LastWeek) -> None:
        """Volunteering travels along ties: a resident who does not volunteer may be recruited by
        neighbours who gave hours last week (each one a chance); a contributor may withdraw when
        neighbours burned out or withdrew recently (in proportion to their share)."""
        s, i, civ = self.model.residents_state, self.row, cfg.civic
        neighbours = self.model.network.neighbours_of(i)
        if not civ.ties or not len(neighbours) or s.burnout_weeks_left[i] > 0:
            return
        threshold = cfg.contribution.active_threshold
        outside = float(before.contributor[i]) < threshold or s.propensity[i] == 0.0
        if outside and not before.active[i]:
            givers = [m for m in neighbours if before.active[m]]
            chance = 1.0 - (1.0 - civ.recruit_rate_w) ** len(givers)
            if givers and u_recruit < chance:
                mean = sum(float(before.contributor[m]) for m in givers) / len(givers)
                s.contributor[i] = max(float(s.contributor[i]), threshold + 0.5 * max(0.0, mean - threshold))
                s.propensity[i] = first_propensity(float(s.contributor[i]), cfg.contribution)  # a new trial
                s.recruited[i] = True
        elif before.active[i]:
            lost = sum(1.0 for m in neighbours if before.lost[m]) / len(neighbours)
            if u_withdraw < civ.withdraw_rate_w * lost:
                s.contributor[i] *= 1.0 - civ.withdraw_engagement_loss
                s.left_week[i] = week

    def choose_providers(self, market: Market, u: np.ndarray, cfg: Scenario, before: LastWeek) -> None:
        """Pick a provider (or none) in each sector by multinomial logit on price, convenience,
        alignment, literacy, the time a use takes (priced by how scarce its time was last week) and
        word of mouth (what its neighbours used last week, where they work); each use takes time and
        a digital one leaves traces."""
        s, i = self.model.residents_state, self.row
        orientation, literacy = float(s.orientation[i]), float(s.literacy[i])
        c = cfg.consumption
        neighbours = self.model.network.neighbours_of(i) if c.word_of_mouth else ()
        t = cfg.time
        free = max(1.0, float(s.discretionary_h[i]) - (float(s.consumption_h[i]) + float(s.gig_h[i])
                                                        + float(s.contribution_h[i]) + float(s.civic_h[i])))
        time_price = t.time_value * t.reference_free_h / free if t.competition else 0.0
        traces, spent = 0.0, 0.0
        for sector in range(market.n_sectors):
            options = market.choice_sets[sector]
            utilities = [float(market.offline_utility[sector]) - time_price * float(market.offline_time_h[sector])]
            for j in options:
                word = 0.0
                if len(neighbours):
                    used = sum(1.0 for m in neighbours if before.provider[m, sector] == j) / len(neighbours)
                    works = sum(1.0 for m in neighbours if before.working[m] == j) / len(neighbours)
                    word = c.neighbour_use_weight * used + c.neighbour_work_weight * works
                utilities.append(
                    -float(market.price_weight[sector]) * float(market.price[j])
                    + market.convenience_weight * float(market.user_share[j])
                    + market.social_weight * (2.0 * orientation - 1.0) * float(market.social[j])
                    + market.literacy_weight * literacy
                    + float(market.quality[j])
                    - time_price * float(market.time_per_use_h[j])
                    + word
                    - market.reliability_weight * max(float(s.unserved_memory[i, j]),
                                                      1.0 - float(market.served_share[j]))
                )
            k = _logit_pick(utilities, float(u[sector]))
            provider = NO_PROVIDER if k == 0 else int(options[k - 1])
            s.provider[i, sector] = provider
            uses = float(s.consumer[i]) * float(market.uses_per_week[sector])
            if provider != NO_PROVIDER:
                traces += uses
                spent += uses * float(market.time_per_use_h[provider])
            else:
                spent += uses * float(market.offline_time_h[sector])
        s.traces[i] = traces
        # services take time, never more than the week has (when uses of time compete at all)
        s.consumption_h[i] = min(spent, float(s.discretionary_h[i])) if t.competition else 0.0

    def engagement(self, cfg: Scenario) -> float:
        """Contributor engagement as it acts this week: a paid contributor who was paid before has
        part of its intrinsic motivation crowded out (Frey and Oberholzer-Gee 1997)."""
        s, i = self.model.residents_state, self.row
        paid = self.model.authority.programme.pay_eur_h > 0
        crowded = paid and bool(s.crowded_out[i])
        return float(s.contributor[i]) * (1.0 - cfg.contribution.crowding_out if crowded else 1.0)

    def take_the_call(self, cfg: Scenario, u: float) -> None:
        """The services call for volunteers every week; a resident who is not burned out answers this week's
        call with the chance its propensity gives (0 once it has withdrawn) or, without episodes, if it is
        engaged at the active threshold or more."""
        s, i = self.model.residents_state, self.row
        if cfg.contribution.episodes:
            s.answering[i] = not self.burned_out and u < float(s.propensity[i])
        else:
            s.answering[i] = not self.burned_out and self.engagement(cfg) >= cfg.contribution.active_threshold

    def request_weight(self, cfg: Scenario) -> float:
        """How hard the services ask it: engagement ** concentration, if it answered this week's call."""
        if self.model.residents_state.answering[self.row]:
            return self.engagement(cfg)**self.model.authority.programme.concentration
        return 0.0

    def capacity_h(self, cfg: Scenario) -> float:
        paid = self.model.authority.programme.pay_eur_h > 0
        gain = 1.0 + cfg.contribution.paid_capacity_gain if paid else 1.0
        return cfg.contribution.capacity_h * gain * self.engagement(cfg)

    def be_asked(self, asked_total_h: float, total_weight: float, cfg: Scenario) -> None:
        """The services' first request of the week, in proportion to its weight (capped)."""
        s, i = self.model.residents_state, self.row
        programme = self.model.authority.programme
        asked = asked_total_h * self.request_weight(cfg) / total_weight if total_weight > 0.0 else 0.0
        if programme.max_requests_h is not None:
            asked = min(asked, programme.max_requests_h)
        s.asked_h[i] = asked

    def available_h(self, cfg: Scenario) -> float:
        """Hours its uses of time share this week: what consuming services left (all of its
        discretionary time when uses do not compete)."""
        s, i = self.model.residents_state, self.row
        return float(s.discretionary_h[i]) - float(s.consumption_h[i])

    def allocate_time(self, cfg: Scenario, can_gig: bool) -> None:
        """Share the hours left between gig work, volunteering, civic life and rest, each in
        proportion to its weight: engagement x exp(what the use returns - what it costs)."""
        s, i, t = self.model.residents_state, self.row, cfg.time
        programme = self.model.authority.programme
        burned = self.burned_out
        w_gig = 0.0
        if can_gig and float(s.worker[i]) > 0.0:
            ratio = float(s.expected_pay_eur_h[i]) / float(s.reservation_wage_eur_h[i])
            w_gig = float(s.worker[i]) * math.exp(t.pay_weight * (ratio - 1.0))
        engagement = self.engagement(cfg)
        w_con = 0.0
        if engagement > 0.0 and not burned:
            capacity = self.capacity_h(cfg)
            overload = max(0.0, float(s.asked_h[i]) / capacity - 1.0) if capacity > 0.0 else 0.0
            trusting = cfg.civic.trust_behaviour
            w_con = engagement * math.exp(
                t.recognition_weight * programme.recognition
                + (t.trust_weight * (float(s.trust[i]) - 0.5) if trusting else 0.0)
                - t.fatigue_weight * float(s.fatigue[i]) / float(s.burnout_threshold[i])
                - t.overload_weight * overload
            )
        pull = float(s.citizen[i]) * (0.5 + 0.5 * float(s.orientation[i]))
        civic_trust = (cfg.civic.trust_participation_weight * (float(s.trust[i]) - 0.5)
                       if cfg.civic.trust_behaviour else 0.0)
        w_civ = 0.0 if burned else pull * math.exp(
            t.voice_weight * (1.0 if s.heard_weeks_left[i] > 0 else 0.0) + civic_trust)
        hours = self.available_h(cfg)
        if t.competition:
            total = w_gig + w_con + w_civ + t.rest_weight
            shares = (w_gig / total, w_con / total, w_civ / total)
        else:
            shares = tuple(w / (w + t.rest_weight) for w in (w_gig, w_con, w_civ))
        s.gig_willing_h[i] = min(shares[0] * hours, float(s.worker[i]) * cfg.labour.gig_h_max)
        s.contribution_willing_h[i] = shares[1] * hours
        s.civic_willing_h[i] = min(shares[2] * hours, pull * cfg.civic.civic_h_max)

    def will_give_h(self, cfg: Scenario) -> float:
        """The most volunteer hours it will give this week: its time share, or, when contributors do
        not decide, all the time it has."""
        s, i = self.model.residents_state, self.row
        return float(s.contribution_willing_h[i]) if cfg.contribution.declining else self.available_h(cfg)

    def answer(self, cfg: Scenario) -> None:
        """Accept, reduce or decline the request: give what is asked, up to what it will give."""
        s, i = self.model.residents_state, self.row
        s.contribution_h[i] = min(float(s.asked_h[i]), self.will_give_h(cfg))

    def spare_weight(self, cfg: Scenario) -> float:
        """Its weight for a re-ask: that of an active contributor with hours to spare and room under the cap."""
        return self.request_weight(cfg) if self.room_h(cfg) > 0.0 else 0.0

    def room_h(self, cfg: Scenario) -> float:
        s, i = self.model.residents_state, self.row
        spare = self.will_give_h(cfg) - float(s.contribution_h[i])
        cap = self.model.authority.programme.max_requests_h
        if cap is not None:
            spare = min(spare, cap - float(s.asked_h[i]))
        return spare

    def hand_on(self, declined_h: float, spare: np.ndarray, cfg: Scenario) -> tuple[float, float]:
        """What it declined goes on: a share to its neighbours with room (per unit of their spare
        weight), the rest to the services' pool. Returns (hours per unit of weight, hours to the pool)."""
        around = sum(float(spare[m]) for m in self.model.network.neighbours_of(self.row))
        if around <= 0.0:
            return 0.0, declined_h
        local = cfg.contribution.reask_through_ties * declined_h
        return local / around, declined_h - local

    def be_asked_again(self, pool_h: float, total_weight: float, handed: np.ndarray, cfg: Scenario) -> float:
        """Hours its neighbours handed on and a share of the services' pool are asked of it; it gives
        what it will. Returns what it declined."""
        s, i = self.model.residents_state, self.row
        weight = self.spare_weight(cfg)
        if weight == 0.0 or total_weight <= 0.0:
            return 0.0
        from_ties = sum(float(handed[m]) for m in self.model.network.neighbours_of(i))
        extra = weight * from_ties + pool_h * weight / total_weight
        cap = self.model.authority.programme.max_requests_h
        if cap is not None:
            extra = min(extra, cap - float(s.asked_h[i]))
        given = min(extra, self.will_give_h(cfg) - float(s.contribution_h[i]))
        s.asked_h[i] = float(s.asked_h[i]) + extra
        s.contribution_h[i] = float(s.contribution_h[i]) + given
        return extra - given

    def offer_labour(self, market: Market, cfg: Scenario, u_switch: float, u_job: float) -> None:
        """A worker reconsiders its platform now and then, then offers the hours its time share gives
        gig work (within what volunteering left, when uses compete)."""
        s, i = self.model.residents_state, self.row
        sector = int(s.work_sector[i])
        options = market.labour_set(sector) if sector >= 0 else ()
        if len(options) == 0:
            s.work_platform[i] = NO_PROVIDER
            s.offered_h[i] = 0.0
            return
        platform = int(s.work_platform[i])
        if platform not in options or u_switch < cfg.labour.switch_prob_w:  # none yet, or it left the city
            orientation = float(s.orientation[i])
            utilities = [
                market.pay_sensitivity * float(market.pay_rate[j])
                + market.labour_social_weight * (2.0 * orientation - 1.0) * float(market.social[j])
                for j in options
            ]
            platform = int(options[_logit_pick(utilities, u_job)])
            s.work_platform[i] = platform
        offered = float(s.gig_willing_h[i])
        if cfg.time.competition:
            offered = min(offered, max(0.0, self.available_h(cfg) - float(s.contribution_h[i])))
        s.offered_h[i] = offered

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

    def tire_or_recover(self, cfg: Scenario, u_burn: np.ndarray, week: int) -> None:
        """Give the week's hours over its sub-steps: at each, accept its share of what it agreed to or, if
        fatigue has risen since the week began, reduce it to what its time share now gives volunteering;
        fatigue moves with the sub-step's load against capacity; past its threshold, or by the background
        hazard, it burns out and withdraws (no more that week); a burned-out resident recovers."""
        s, i, c = self.model.residents_state, self.row, cfg.contribution
        programme = self.model.authority.programme
        steps = c.substeps
        recovering = s.burnout_weeks_left[i] > 0
        agreed = float(s.contribution_h[i])
        given = agreed
        burned_at = -1
        if not recovering:
            capacity = self.capacity_h(cfg)
            threshold = float(s.burnout_threshold[i])
            willing, start = float(s.contribution_willing_h[i]), float(s.fatigue[i])
            deciding = c.declining and willing > 0.0 and agreed > 0.0
            # the share of its available hours volunteering got this week (below 1: rest always weighs)
            share = willing / self.available_h(cfg) if deciding else 0.0
            given = 0.0
            for step in range(steps):
                give = agreed / steps
                if deciding:  # decide afresh: the share of its week volunteering gets at this fatigue
                    lift = math.exp(-cfg.time.fatigue_weight * (float(s.fatigue[i]) - start) / threshold)
                    if lift < 1.0:
                        give = min(give, willing * lift / (1.0 - share * (1.0 - lift)) / steps)
                given += give
                load = give * steps / capacity if capacity > 0.0 else 0.0
                rate = (c.fatigue_gain * programme.fatigue_factor * max(0.0, load - 1.0)
                        - c.fatigue_recovery * max(0.0, 1.0 - load))
                s.fatigue[i] = fatigue = max(0.0, float(s.fatigue[i]) + rate / steps)
                hazard = c.base_burnout_hazard_w * (1.0 + 4.0 * min(fatigue / threshold, 1.0))
                if steps > 1:
                    hazard = 1.0 - (1.0 - hazard) ** (1.0 / steps)
                if agreed > 0.0 and (fatigue >= threshold or float(u_burn[step]) < hazard):
                    burned_at = step
                    break  # nothing after the burn-out
            s.contribution_h[i] = given
        s.declined_h[i] = float(s.asked_h[i]) - given
        s.hours_year[i] = float(s.hours_year[i]) * (1.0 - 1.0 / YEAR_WEEKS) + given
        if recovering:  # asked nothing, gave nothing
            s.burnout_weeks_left[i] -= 1
            if s.burnout_weeks_left[i] == 0:
                s.fatigue[i] = 0.0
                s.contributor[i] *= 1.0 - c.burnout_engagement_loss
            return
        if given > 0.0:
            s.last_active_week[i] = week
            if s.first_active_week[i] < 0:
                s.first_active_week[i] = week
            if programme.pay_eur_h > 0:
                s.crowded_out[i] = True
        if burned_at >= 0:
            s.burnout_weeks_left[i] = c.recovery_weeks
            s.trust[i] *= 1.0 - c.burnout_trust_loss

    def judge_episode(self, cfg: Scenario, help_share: float, week: int) -> None:
        """A resident that gave hours this week (and did not burn out) judges how the episode went, 0 to 1: how
        volunteering suits it (its match, unknown until it tries), times the share of its requests it could
        meet in its week, how rested it still is (1 - fatigue over its threshold) and the help that came (the
        share of the hours asked that the city's volunteers gave: ``help_share``), lifted by the services'
        recognition. Its propensity to answer moves towards that outcome, times what its engagement alone
        would give (`first_propensity`); below `quit_propensity` it withdraws (propensity 0) until someone
        it knows recruits it again."""
        s, i, c = self.model.residents_state, self.row, cfg.contribution
        given, asked = float(s.contribution_h[i]), float(s.asked_h[i])
        if given <= 0.0 or s.burnout_weeks_left[i] > 0 or not (c.episodes and c.trial_outcomes):
            return
        rested = 1.0 - min(1.0, float(s.fatigue[i]) / float(s.burnout_threshold[i]))
        went = float(s.match[i]) * (given / asked) * rested * help_share
        went += self.model.authority.programme.recognition * (1.0 - went)
        target = went * first_propensity(self.engagement(cfg), c)
        p = float(s.propensity[i]) + c.propensity_learning * (target - float(s.propensity[i]))
        if p < c.quit_propensity:
            p = 0.0
            s.left_week[i] = week
        s.propensity[i] = p

    def take_civic_time(self, cfg: Scenario) -> None:
        """Citizen time (debates, votes, consultations): its time share, within what is left."""
        s, i = self.model.residents_state, self.row
        if s.burnout_weeks_left[i] > 0:
            s.civic_h[i] = 0.0
            return
        civic = float(s.civic_willing_h[i])
        if cfg.time.competition:
            left = self.available_h(cfg) - float(s.gig_h[i]) - float(s.contribution_h[i])
            civic = min(civic, left)
        s.civic_h[i] = max(0.0, civic)

    def be_influenced(self, market: Market, cfg: Scenario, orientation_before: np.ndarray,
                      trust_before: np.ndarray, coverage: float, control: float, waiting: np.ndarray) -> None:
        """Move orientation and trust with the neighbours, platform use, the authority's record and
        its own experience (a request it could not meet; unpaid waiting as a gig worker)."""
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
        asked = float(s.asked_h[i])
        unmet = float(s.declined_h[i]) / asked if asked > 0.0 else 0.0
        platform = int(s.work_platform[i])
        waited = float(waiting[platform]) if platform != NO_PROVIDER and s.gig_h[i] > 0.0 else 0.0
        target *= (1.0 - civ.unmet_request_trust_loss * unmet) * (1.0 - civ.waiting_trust_loss * waited)
        t = float(s.trust[i])
        t = t + civ.trust_rate_w * (target - t) + civ.social_influence_w * (nb_trust - t)
        s.trust[i] = min(1.0, max(0.0, t))
