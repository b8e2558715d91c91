"""Governance interventions: one class per lever a local authority has.

Each lever is a validated scenario entry (``[[interventions]]`` with a
``type``) and a mechanism: it changes what agents face (rules, prices,
budgets, events, information) and the indicators follow from how residents
and platforms respond. None writes an indicator.

Protocol (`Intervention`): ``start`` when switched on, ``prepare`` at the
start of each active week (before residents act), ``act`` after residents
have allocated their time (events that need their remaining time: debates,
votes), ``stop`` when it ends or its money runs out, undoing its rules.
``weekly_cost_eur`` is charged to the authority's budget before ``prepare``;
a budget that cannot pay stops the intervention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Union, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from simulation.model import CityModel
    from simulation.platforms import Platform

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
Week = Annotated[int, Field(ge=0)]


class Intervention(BaseModel):
    """Shared fields and default (do-nothing) hooks of every lever."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    label: str = ""
    """Optional name to tell two interventions of one type apart in the results."""
    start_week: Week = 0
    end_week: Week | None = None
    """Last active week (inclusive); None: until the end of the run."""
    cost_eur_w: NonNegative = 0.0
    """Fixed weekly running cost (staff, events), paid from the authority's budget."""

    def name(self) -> str:
        return self.label or self.type

    def targets(self) -> tuple[str, ...]:
        """What it acts on, to detect overlapping duplicates (sectors or platforms)."""
        return ()

    def weekly_cost_eur(self, model: CityModel, memo: dict) -> float:
        return self.cost_eur_w

    def start(self, model: CityModel, memo: dict) -> None: ...

    def prepare(self, model: CityModel, memo: dict) -> None: ...

    def act(self, model: CityModel, memo: dict) -> None: ...

    def stop(self, model: CityModel, memo: dict) -> None: ...


def _platforms(model: CityModel, sectors: list[str] | None = None,
               names: list[str] | None = None, kinds: tuple[str, ...] | None = None
               ) -> list[Platform]:
    return [
        p for p in model.platforms
        if (sectors is None or p.sector in sectors)
        and (names is None or p.name in names)
        and (kinds is None or p.kind in kinds)
    ]


def _save(memo: dict, platforms: list[Platform], *attrs: str) -> None:
    memo.setdefault("saved", {})
    for p in platforms:
        for a in attrs:
            memo["saved"].setdefault((p.name, a), getattr(p, a))


def _restore(model: CityModel, memo: dict) -> None:
    by_name = {p.name: p for p in model.platforms}
    for (name, attr), value in memo.get("saved", {}).items():
        setattr(by_name[name], attr, value)


# --- regulation and data --------------------------------------------------------------


class PlatformRegulation(Intervention):
    """Commission cap, minimum pay per hour logged in, data-sharing duty (commercial platforms)."""

    type: Literal["platform_regulation"]
    cost_eur_w: NonNegative = 2_000.0
    sectors: list[str] | None = None
    """Sectors it binds (None: all)."""
    commission_cap: Fraction | None = None
    min_hourly_pay_eur: NonNegative | None = None
    """Net pay per hour a worker is logged in, waiting included; platforms respond by
    accepting fewer hours and, if that is not enough, by taking less commission."""
    data_sharing: Fraction = 0.0
    """Share of the data platforms capture that they must hand to the city."""
    representation_effect: Fraction = 0.5
    """How far shared data merges their representation of the city into the public one."""

    def targets(self) -> tuple[str, ...]:
        return tuple(self.sectors or ["*"])

    def start(self, model: CityModel, memo: dict) -> None:
        bound = _platforms(model, self.sectors, kinds=("commercial",))
        _save(memo, bound, "commission", "min_pay_eur_h", "data_shared", "commons_integration")
        for p in bound:
            if self.commission_cap is not None:
                p.commission = min(p.commission, self.commission_cap)
            if self.min_hourly_pay_eur is not None and p.has_labour:
                p.min_pay_eur_h = max(p.min_pay_eur_h or 0.0, self.min_hourly_pay_eur)
            p.data_shared = max(p.data_shared, self.data_sharing)
            p.commons_integration = max(p.commons_integration,
                                        self.data_sharing * self.representation_effect)

    def stop(self, model: CityModel, memo: dict) -> None:
        _restore(model, memo)


class DataPartnership(Intervention):
    """The authority, incumbents and a platform or community pool one data resource
    (the Base Adresse Nationale: IGN, La Poste, DGFiP, Etalab, OpenStreetMap, 2015)."""

    type: Literal["data_partnership"]
    cost_eur_w: NonNegative = 3_000.0
    sector: str
    partners: list[str] | None = None
    """Platforms that join (None: every platform of the sector)."""
    integration: Fraction = 0.8
    """How far partners' representations merge into the shared base."""
    data_pooled: Fraction = 0.5
    """Share of partners' captured data pooled in the commons."""
    public_dependence: Fraction = 0.6
    """Partners now rely on the shared public resource this much."""
    alignment: Fraction = 0.3
    """Gain in partners' alignment with public goals (towards 1)."""
    commons_quality_gain: float = 0.5
    """Utility gained by the non-commercial partners' service from the pooled data."""

    def targets(self) -> tuple[str, ...]:
        return (self.sector,)

    def start(self, model: CityModel, memo: dict) -> None:
        partners = _platforms(model, [self.sector], self.partners)
        _save(memo, partners, "commons_integration", "data_shared", "public_dependence",
              "social_score", "quality")
        for p in partners:
            p.commons_integration = max(p.commons_integration, self.integration)
            p.data_shared = max(p.data_shared, self.data_pooled)
            p.public_dependence = max(p.public_dependence, self.public_dependence)
            p.social_score += self.alignment * (1.0 - p.social_score)
            if p.kind != "commercial":
                p.quality += self.commons_quality_gain

    def stop(self, model: CityModel, memo: dict) -> None:
        _restore(model, memo)


# --- cooperatives ---------------------------------------------------------------------


class CooperativeSupport(Intervention):
    """Start-up grant, public procurement and a per-use price subsidy for a cooperative."""

    type: Literal["cooperative_support"]
    platform: str
    grant_eur: NonNegative = 0.0
    """Paid once at the start, into the cooperative's capital."""
    procurement_uses_w: NonNegative = 0.0
    """Uses per week the authority buys from it at its price (e.g. delivering for public
    services): demand the cooperative's workers serve."""
    price_subsidy_eur: NonNegative = 0.0
    """Paid by the authority per use, lowering the price residents pay."""

    def targets(self) -> tuple[str, ...]:
        return (self.platform,)

    def _coop(self, model: CityModel) -> Platform:
        return next(p for p in model.platforms if p.name == self.platform)

    def weekly_cost_eur(self, model: CityModel, memo: dict) -> float:
        coop = self._coop(model)
        cost = self.cost_eur_w + self.procurement_uses_w * coop.price_eur
        subsidy = min(self.price_subsidy_eur, coop.price_eur)  # what the platform can actually take
        cost += subsidy * max(coop.uses_served - coop.procured_uses_w, 0.0)
        if not memo.get("granted"):
            cost += self.grant_eur
        return cost

    def start(self, model: CityModel, memo: dict) -> None:
        _save(memo, [self._coop(model)], "procured_uses_w", "subsidy_eur")

    def prepare(self, model: CityModel, memo: dict) -> None:
        coop = self._coop(model)
        if not memo.get("granted"):
            coop.capital_eur += self.grant_eur
            memo["granted"] = True
        coop.procured_uses_w = self.procurement_uses_w
        coop.subsidy_eur = min(self.price_subsidy_eur, coop.price_eur)

    def stop(self, model: CityModel, memo: dict) -> None:
        _restore(model, memo)


# --- contributors ---------------------------------------------------------------------


class ContributorCare(Intervention):
    """Caring for volunteers: cap requests, recognise, rotate, optionally pay."""

    type: Literal["contributor_care"]
    cost_eur_w: NonNegative = 1_000.0
    max_requests_h: NonNegative | None = None
    """Cap on the hours asked of one contributor per week."""
    recognition: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.0
    """Share by which recognition lowers the fatigue of an overload hour (Allen and
    Mueller 2013: having a voice lowers burn-out)."""
    rotation: bool = False
    """Spread requests in proportion to engagement instead of to its square."""
    pay_eur_h: NonNegative = 0.0
    """Pay per volunteer hour given (a cost per hour to the budget)."""
    paid_capacity_gain: NonNegative = 0.3
    """Extra capacity of paid contributors (share of their usual capacity)."""
    crowding_out: Fraction = 0.25
    """Share of intrinsic engagement lost when paid (Frey and Oberholzer-Gee 1997: support
    fell from ~50% to ~25% when compensation was offered)."""

    def weekly_cost_eur(self, model: CityModel, memo: dict) -> float:
        hours = float(model.residents_state.contribution_h.sum())
        return self.cost_eur_w + self.pay_eur_h * hours

    def start(self, model: CityModel, memo: dict) -> None:
        prog = model.authority.programme
        memo["max_requests_h"], memo["concentration"] = prog.max_requests_h, prog.concentration
        if self.max_requests_h is not None:
            prog.max_requests_h = min(prog.max_requests_h or np.inf, self.max_requests_h)
        prog.fatigue_factor *= 1.0 - self.recognition
        if self.rotation:
            prog.concentration = min(prog.concentration, 1.0)
        if self.pay_eur_h > 0:
            prog.capacity_factor *= 1.0 + self.paid_capacity_gain
            memo["crowded"] = True
            model.residents_state.contributor *= 1.0 - self.crowding_out

    def stop(self, model: CityModel, memo: dict) -> None:
        prog = model.authority.programme
        prog.max_requests_h, prog.concentration = memo["max_requests_h"], memo["concentration"]
        prog.fatigue_factor /= 1.0 - self.recognition
        if memo.get("crowded"):
            prog.capacity_factor /= 1.0 + self.paid_capacity_gain  # motivation comes back once the payment is gone
            model.residents_state.contributor /= 1.0 - self.crowding_out
            np.clip(model.residents_state.contributor, 0.0, 1.0,
                    out=model.residents_state.contributor)


# --- innovation governance ------------------------------------------------------------


class InnovationPolicy(Intervention):
    """Elected officials state priority sectors: innovators there align with public goals
    and partnerships with the authority become likelier."""

    type: Literal["innovation_policy"]
    cost_eur_w: NonNegative = 500.0
    priority_sectors: list[str]
    alignment_rate_w: Fraction = 0.02
    """Weekly move of priority-sector platforms' alignment towards public goals."""
    partnership_rate_w: Fraction = 0.01
    """Weekly move of their reliance on public resources (permits, data, procurement)
    towards 1, and of their defiance of local rules towards 0."""

    def targets(self) -> tuple[str, ...]:
        return tuple(self.priority_sectors)

    def start(self, model: CityModel, memo: dict) -> None:
        _save(memo, _platforms(model, self.priority_sectors), "social_score",
              "public_dependence", "rule_defiance")

    def prepare(self, model: CityModel, memo: dict) -> None:
        for p in _platforms(model, self.priority_sectors):
            if not p.present:
                continue
            p.social_score += self.alignment_rate_w * (1.0 - p.social_score)
            p.public_dependence += self.partnership_rate_w * (1.0 - p.public_dependence)
            p.rule_defiance -= self.partnership_rate_w * p.rule_defiance

    def stop(self, model: CityModel, memo: dict) -> None:
        _restore(model, memo)


class GrandObjective(Intervention):
    """A named, ambitious horizon ("zero waste in 2040"): it signals the large platforms,
    orients innovation, and is tracked by `objective_progress`."""

    type: Literal["grand_objective"]
    cost_eur_w: NonNegative = 1_000.0
    objective: str = "zero waste"
    horizon_week: Week = 1040
    aligned_sectors: list[str] = Field(default_factory=lambda: ["delivery", "commerce"])
    """Sectors whose uses move the objective (cleaner delivery, local shops...)."""
    progress_per_aligned_use: NonNegative = 2e-3
    """Progress per use per resident on a platform, weighted by its alignment."""
    platform_signal: Fraction = 0.2
    """One-off move of the large commercial platforms' alignment towards 1 (the signal)."""

    def start(self, model: CityModel, memo: dict) -> None:
        model.objective = Objective(self.objective, self.horizon_week)
        big = _platforms(model, kinds=("commercial",))
        _save(memo, big, "social_score")
        for p in big:
            p.social_score += self.platform_signal * (1.0 - p.social_score)

    def act(self, model: CityModel, memo: dict) -> None:
        n = model.config.n_residents
        aligned = _platforms(model, self.aligned_sectors)
        model.objective.advance(
            self.progress_per_aligned_use * sum(p.uses_served * p.social_score for p in aligned) / n
        )

    def stop(self, model: CityModel, memo: dict) -> None:
        _restore(model, memo)


@dataclass
class CivicRecord:
    """What civic events gave this week (debates) and at the latest vote."""

    agora_attendance: float = 0.0
    """Share of residents at this week's debate (0 in weeks without one)."""
    last_vote_turnout: float = 0.0
    projects_funded: int = 0


@dataclass
class Objective:
    name: str
    horizon_week: int
    progress: float = 0.0

    def advance(self, amount: float) -> None:
        self.progress = min(1.0, self.progress + amount)


class InnovationAgora(Intervention):
    """Recurring local debates on innovation. Attending costs civic time, so those with
    little time left (overworked gig workers) come less; attendees' consumer-vs-citizen
    orientation moves by bounded confidence (Deffuant et al. 2000) and by what the debate
    puts on the table: the worker's and the citizen's side of a consumer's choice."""

    type: Literal["innovation_agora"]
    cost_eur_w: NonNegative = 1_500.0
    every_weeks: Annotated[int, Field(ge=1)] = 4
    session_h: NonNegative = 2.0
    attendance: Fraction = 0.3
    """Chance a fully engaged citizen with the time attends a session."""
    confidence: Fraction = 0.3
    """Bounded-confidence threshold eps: pairs closer than this converge."""
    convergence: Annotated[float, Field(ge=0.0, le=0.5)] = 0.5
    """Deffuant's mu: the fraction of the gap each partner moves."""
    framing: Fraction = 0.1
    """Move of each attendee towards the citizen pole from hearing workers and citizens."""

    def act(self, model: CityModel, memo: dict) -> None:
        if (model.week - self.start_week) % self.every_weeks:
            return
        s, rng = model.residents_state, model.rng
        left = s.free_time_h - s.gig_h - s.contribution_h - s.civic_h
        can = (left >= self.session_h) & (s.burnout_weeks_left == 0)
        chance = self.attendance * s.citizen
        attend = np.flatnonzero(can & (rng.random(s.n) < chance))
        s.civic_h[attend] += self.session_h
        o = s.orientation
        order = rng.permutation(attend)
        a, b = order[0 : len(order) - 1 : 2], order[1::2]
        close = np.abs(o[a] - o[b]) < self.confidence
        a, b = a[close], b[close]
        gap = o[b] - o[a]
        o[a] += self.convergence * gap
        o[b] -= self.convergence * gap
        o[attend] += self.framing * (1.0 - o[attend])
        model.civic.agora_attendance = len(attend) / s.n


class ParticipatoryInnovation(Intervention):
    """A participatory budget for local innovators' projects (Paris: 5% of investment,
    about 4-7% of residents voting). Once a year innovators propose projects, residents
    with the time and the citizen engagement vote, winners are funded and change the city."""

    type: Literal["participatory_innovation"]
    cost_eur_w: NonNegative = 1_000.0
    budget_eur: NonNegative = 200_000.0
    """Money put to the vote each cycle."""
    every_weeks: Annotated[int, Field(ge=1)] = 52
    proposals: Annotated[int, Field(ge=1)] = 6
    vote_h: NonNegative = 0.5
    """Civic time a vote costs."""
    base_turnout: Fraction = 0.15
    """Chance a fully engaged, citizen-oriented resident with the time votes."""
    cooperative: str | None = None
    """The cooperative a 'cooperative service' project funds (None: the first cooperative of a
    gig-labour sector, if the city has one)."""
    objective_gain_per_keur: NonNegative = 0.002
    """objective_progress gained per EUR 1,000 put in an objective project."""
    support_recognition: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.2
    """Recognition a funded contributor-support project gives for a year."""

    KINDS: ClassVar[tuple[str, ...]] = ("cooperative_service", "contributor_support", "objective")

    def act(self, model: CityModel, memo: dict) -> None:
        if memo.get("support_until") == model.week:  # the support project has run its year
            model.authority.programme.fatigue_factor /= 1.0 - self.support_recognition
            del memo["support_until"]
        if (model.week - self.start_week) % self.every_weeks:
            return
        s, rng = model.residents_state, model.rng
        kinds = rng.integers(0, len(self.KINDS), self.proposals)
        if model.objective is not None:  # the grand objective orients proposals
            kinds[: max(1, self.proposals // 3)] = self.KINDS.index("objective")
        costs = rng.uniform(0.2, 0.6, self.proposals) * self.budget_eur
        # who votes: citizens with the time (turnout is an outcome)
        left = s.free_time_h - s.gig_h - s.contribution_h - s.civic_h
        chance = self.base_turnout * s.citizen * (0.5 + s.orientation)
        voters = np.flatnonzero((left >= self.vote_h) & (s.burnout_weeks_left == 0)
                                & (rng.random(s.n) < chance))
        s.civic_h[voters] += self.vote_h
        # each voter backs the proposal that fits its orientation best (noisy)
        appeal = np.array([0.3, 0.7, 0.9])[kinds]  # citizen appeal of each kind of project
        fit = -np.abs(s.orientation[voters, None] - appeal[None, :])
        choice = np.argmax(fit + rng.gumbel(0.0, 0.2, (len(voters), self.proposals)), axis=1)
        votes = np.bincount(choice, minlength=self.proposals)
        funded, spent = [], 0.0
        for k in np.argsort(-votes, kind="stable"):
            if votes[k] == 0 or spent + costs[k] > self.budget_eur:
                continue
            if not model.authority.spend(costs[k]):
                break
            spent += costs[k]
            memo["spent_eur"] = memo.get("spent_eur", 0.0) + costs[k]
            funded.append(int(k))
            self._fund(model, memo, self.KINDS[kinds[k]], costs[k])
        heard = voters[np.isin(choice, funded)]
        s.heard_weeks_left[heard] = self.every_weeks  # heard until the next vote
        model.civic.last_vote_turnout = len(voters) / s.n
        model.civic.projects_funded += len(funded)

    def _fund(self, model: CityModel, memo: dict, kind: str, cost: float) -> None:
        if kind == "cooperative_service":
            coop = next((p for p in model.platforms if p.name == self.cooperative or (
                self.cooperative is None and p.kind == "cooperative" and p.has_labour)), None)
            if coop is not None:
                coop.capital_eur += cost
                coop.quality += 0.1
        elif kind == "contributor_support" and "support_until" not in memo:
            model.authority.programme.fatigue_factor *= 1.0 - self.support_recognition
            memo["support_until"] = model.week + self.every_weeks
        elif kind == "objective" and model.objective is not None:
            model.objective.advance(self.objective_gain_per_keur * cost / 1000.0)

    def stop(self, model: CityModel, memo: dict) -> None:
        if "support_until" in memo:
            model.authority.programme.fatigue_factor /= 1.0 - self.support_recognition
            del memo["support_until"]


# --- adaptive governance --------------------------------------------------------------


class AdaptiveRule(Intervention):
    """'When a sector reads as risk for 8 weeks, regulate it': a rule instead of a calendar.
    Once triggered, it switches on its ``then`` intervention from the next week on."""

    type: Literal["adaptive_rule"]
    sector: str
    when_reading: Literal["risk", "tension", "opportunity"] = "risk"
    for_weeks: Annotated[int, Field(ge=1)] = 8
    then: InterventionSpec
    """The intervention to start, as in a scenario's [[interventions]] entry."""

    def targets(self) -> tuple[str, ...]:
        return (f"rule:{self.sector}",)

    def act(self, model: CityModel, memo: dict) -> None:
        if memo.get("fired"):
            return
        reading = model.authority.sector_reading.get(self.sector)
        memo["streak"] = memo.get("streak", 0) + 1 if reading == self.when_reading else 0
        if memo["streak"] >= self.for_weeks:
            memo["fired"] = model.week
            spec = self.then.model_copy(update={"start_week": model.week + 1})
            model.interventions.add(spec, origin=self.name())


LEVERS = (PlatformRegulation, DataPartnership, CooperativeSupport, ContributorCare, InnovationPolicy,
          GrandObjective, InnovationAgora, ParticipatoryInnovation, AdaptiveRule)
InterventionSpec = Annotated[Union[LEVERS], Field(discriminator="type")]  # noqa: UP007 (a runtime tuple)

INTERVENTION_TYPES = tuple(get_args(lever.model_fields["type"].annotation)[0] for lever in LEVERS)
"""The ``type`` names a scenario may use, read off the lever classes."""


AdaptiveRule.model_rebuild()


@dataclass
class _Running:
    spec: Intervention
    origin: str = "scenario"
    status: str = "pending"  # pending, active, ended, unfunded
    memo: dict = field(default_factory=dict)
    spent_eur: float = 0.0


class InterventionRunner:
    """Switches interventions on and off by calendar and budget; the model calls it twice a week."""

    def __init__(self, specs: list[Intervention]) -> None:
        self.running = [_Running(spec) for spec in specs]

    def add(self, spec: Intervention, origin: str) -> None:
        self.running.append(_Running(spec, origin=origin))

    def prepare(self, model: CityModel) -> None:
        week = model.week
        for r in self.running:
            spec = r.spec
            if r.status == "pending" and week >= spec.start_week:
                r.status = "active"
                spec.start(model, r.memo)
            if r.status != "active":
                continue
            if spec.end_week is not None and week > spec.end_week:
                r.status = "ended"
                spec.stop(model, r.memo)
                continue
            cost = spec.weekly_cost_eur(model, r.memo)
            if not model.authority.spend(cost):
                r.status = "unfunded"
                spec.stop(model, r.memo)
                continue
            r.spent_eur += cost
            spec.prepare(model, r.memo)

    def act(self, model: CityModel) -> None:
        for r in list(self.running):
            if r.status == "active":
                r.spec.act(model, r.memo)

    @property
    def active_count(self) -> int:
        return sum(r.status == "active" for r in self.running)

    def rows(self, week: int) -> list[dict]:
        return [
            {"week": week, "intervention": r.spec.name(), "type": r.spec.type, "origin": r.origin,
             "status": r.status, "spent_eur": r.spent_eur + r.memo.get("spent_eur", 0.0)}
            for r in self.running
        ]
