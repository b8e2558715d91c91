"""Governance levers: one class per lever a local authority has.

Each lever is a validated scenario entry (``[[interventions]]`` with a ``type``) and a
**weekly transform** of the rules (`simulation/rules.py`): every week the model starts
from the scenario's base rules and each active lever, in the documented order, changes
what residents and platforms face (caps, floors, duties, purchases, subsidies, grants,
programmes, debates, ballots). A lever never saves and restores values and never
writes an agent's state or an indicator; when it ends it simply stops transforming.

Protocol (`Intervention`):
- ``fixed_cost_eur`` is paid at the start of an active week; ``max_variable_cost_eur``
  is an upper bound of what the week may cost on top, reserved at the same time; a
  budget that cannot cover both stops the lever ("unfunded");
- ``transform`` changes this week's rules;
- ``variable_cost_eur`` is settled after the markets cleared, for what was actually
  served or given (procurement served, subsidised uses, paid volunteer hours);
- ``act`` runs after residents have allocated their time (votes; adaptive rules
  watch the readings).
Each lever's runtime memory is a typed dataclass (``State``), never a string-keyed dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Union, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from simulation.civic import Ballot, hear_results, hold_vote
from simulation.ledger import Cost, Flow, Party, programme_cost
from simulation.rules import Debate, ObjectiveTarget, WeekRules
from simulation.streams import Process
from simulation.vocabulary import EventKind, LeverStatus, Reading

if TYPE_CHECKING:
    from simulation.model import CityModel
    from simulation.platforms import Platform

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
Week = Annotated[int, Field(ge=0)]


@dataclass
class LeverState:
    """What every lever remembers at run time."""

    status: LeverStatus = LeverStatus.PENDING
    weeks_active: int = 0
    """Weeks it has transformed the rules so far (this one included)."""
    spent_eur: float = 0.0
    owner: str = ""
    """The name its random streams are spawned under (`simulation/streams.py`): its name, numbered
    from the second lever of the same name on."""


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

    State: ClassVar[type[LeverState]] = LeverState

    def name(self) -> str:
        return self.label or self.type

    def targets(self) -> tuple[str, ...]:
        """What it acts on, to detect overlapping duplicates (sectors or platforms)."""
        return ()

    def fixed_costs(self, model: CityModel, state: LeverState) -> list[Cost]:
        """What it pays at the start of an active week, and to whom."""
        return programme_cost(self.cost_eur_w)

    def max_variable_cost_eur(self, model: CityModel) -> float:
        return 0.0

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None: ...

    def variable_costs(self, model: CityModel, state: LeverState) -> list[Cost]:
        """What it pays after the markets cleared, for what was served or given, and to whom."""
        return []

    def act(self, model: CityModel, state: LeverState) -> None: ...


def _platform(model: CityModel, name: str) -> Platform:
    return next(p for p in model.platforms if p.name == name)


# --- regulation and data --------------------------------------------------------------


class PlatformRegulation(Intervention):
    """Commission cap, minimum pay per hour logged in, data-sharing duty (commercial platforms)."""

    type: Literal["platform_regulation"]
    cost_eur_w: NonNegative = 2_000.0
    sectors: list[str] | None = None
    """Sectors it binds (None: all)."""
    commission_cap: Fraction | None = None
    min_hourly_pay_eur: NonNegative | None = None
    """Net pay per hour a worker is logged in, waiting included. Platforms respond by raising
    their price until a fully busy worker earns it, and by logging fewer workers in."""
    data_sharing: Fraction = 0.0
    """Share of the data platforms capture that they must hand to the city."""
    representation_effect: Fraction = 0.5
    """How far shared data merges their representation of the city into the public one."""
    inspection_eur_per_resident_w: NonNegative = 0.02
    """Weekly spending on inspectors, per resident of the city (EUR), paid from the budget on top of
    `cost_eur_w`: it sets the weekly chance a defied rule is detected (`LocalAuthority.detection_chance`).
    0: nobody looks, and the rules carry no penalty (assumption)."""
    fine_eur_per_use: NonNegative = 5.0
    """Fine per use a platform sold in a week it is caught defying the commission cap or the data duty,
    as French law fines a rental platform per listing advertised without registration (assumption).
    0: no penalty."""
    fine_eur_per_worker_h: NonNegative = 1.0
    """Fine per hour its workers were logged in, in a week it is caught paying under the floor
    (assumption). 0: no penalty."""
    permit_sectors: list[str] = []
    """Sectors whose platforms need the authority's operating permit, which it withdraws from a platform caught
    defying its rules `permit_strikes` times (ride-hail: London's transport authority refused to renew Uber's
    operator licence in 2017 and 2019). Empty: the regulation holds no permit."""
    permit_strikes: Annotated[int, Field(ge=1)] = 3
    """Detected violations that cost a platform its permit (counted from its last return; assumption)."""
    suspension_weeks: Annotated[int, Field(ge=1)] = 26
    """Weeks a withdrawn permit keeps a platform out of the city, its users and workers going elsewhere
    (assumption)."""

    def targets(self) -> tuple[str, ...]:
        return tuple(self.sectors or ["*"])

    def fixed_costs(self, model: CityModel, state: LeverState) -> list[Cost]:
        inspection = self.inspection_eur_per_resident_w * model.config.n_residents
        return programme_cost(self.cost_eur_w + inspection)

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        chance = model.authority.detection_chance(self.inspection_eur_per_resident_w)
        for _, r in rules.for_platforms(model.config, sectors=self.sectors, kinds=("commercial",)):
            r.regulated = True
            r.detection_chance = max(r.detection_chance, chance)
            r.fine_eur_per_use = max(r.fine_eur_per_use, self.fine_eur_per_use)
            r.fine_eur_per_worker_h = max(r.fine_eur_per_worker_h, self.fine_eur_per_worker_h)
            if self.commission_cap is not None:
                r.commission_cap = min(r.commission_cap, self.commission_cap)
            if self.min_hourly_pay_eur is not None:
                r.min_pay_eur_h = max(r.min_pay_eur_h, self.min_hourly_pay_eur)
            r.data_sharing = max(r.data_sharing, self.data_sharing)
            r.commons_integration = max(r.commons_integration, self.data_sharing * self.representation_effect)
        permits = [s for s in self.permit_sectors if self.sectors is None or s in self.sectors]
        for _, r in rules.for_platforms(model.config, sectors=permits, kinds=("commercial",)):
            r.hold_permit(self.permit_strikes, self.suspension_weeks)


class DataPartnership(Intervention):
    """An open-data commons for one sector, funded by the authority (the Base Adresse Nationale: IGN,
    La Poste, DGFiP, Etalab, OpenStreetMap, 2015). The authority offers it; who pools their data into
    it is decided by the incumbents' own rule (`simulation/incumbents.py`), and by the platforms named
    as partners, which signed the agreement."""

    type: Literal["data_partnership"]
    cost_eur_w: NonNegative = 3_000.0
    sector: str
    partners: list[str] | None = None
    """Platforms that signed the agreement (None: nobody signed; the commons is offered to the
    sector's incumbents)."""
    integration: Fraction = 0.8
    """How far signed partners' representations merge into the shared base."""
    data_pooled: Fraction = 0.5
    """Share of signed partners' captured data pooled in the commons."""
    public_dependence: Fraction = 0.6
    """Signed partners now rely on the shared public resource this much."""
    alignment: Fraction = 0.3
    """Gain in signed partners' alignment with public goals (towards 1)."""
    commons_quality_gain: float = 0.5
    """Utility a non-commercial provider's service gains from pooling its data into the commons."""

    def targets(self) -> tuple[str, ...]:
        return (self.sector,)

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        k = [sector.name for sector in model.config.sectors].index(self.sector)
        rules.commons_offer[k] = max(rules.commons_offer[k] or 0.0, self.commons_quality_gain)
        if not self.partners:
            return
        for spec, r in rules.for_platforms(model.config, sectors=[self.sector], names=self.partners):
            r.commons_integration = max(r.commons_integration, self.integration)
            r.data_sharing = max(r.data_sharing, self.data_pooled)
            r.public_dependence_floor = max(r.public_dependence_floor, self.public_dependence)
            r.align(self.alignment)
            if spec.kind != "commercial":
                r.quality_bonus += self.commons_quality_gain


# --- cooperatives ---------------------------------------------------------------------


@dataclass
class SupportState(LeverState):
    granted: bool = False


class CooperativeSupport(Intervention):
    """Start-up grant, public procurement and a per-use price subsidy for a cooperative."""

    type: Literal["cooperative_support"]
    platform: str
    grant_eur: NonNegative = 0.0
    """Paid once, in the first active week the cooperative is in the city, into its capital (never
    to one that has not entered yet or has left)."""
    procurement_uses_w: NonNegative = 0.0
    """Uses per week the authority offers to buy from it at its price (e.g. delivering for
    public services); it pays only for the uses the cooperative's workers served."""
    price_subsidy_eur: NonNegative = 0.0
    """Paid by the authority per use residents make of it, lowering the price they pay."""

    State: ClassVar[type[LeverState]] = SupportState

    def targets(self) -> tuple[str, ...]:
        return (self.platform,)

    def _grant_due(self, model: CityModel, state: SupportState) -> bool:
        return not state.granted and _platform(model, self.platform).present

    def fixed_costs(self, model: CityModel, state: SupportState) -> list[Cost]:
        grant = [Cost(self.platform, Flow.GRANT, self.grant_eur)] if self._grant_due(model, state) else []
        return programme_cost(self.cost_eur_w) + grant

    def max_variable_cost_eur(self, model: CityModel) -> float:
        coop = _platform(model, self.platform)
        most_uses = model.config.n_residents * model.config.sectors[coop.sector_index].uses_per_week
        return self.procurement_uses_w * coop.price_eur + min(self.price_subsidy_eur, coop.price_eur) * most_uses

    def transform(self, rules: WeekRules, model: CityModel, state: SupportState) -> None:
        (_, r), = rules.for_platforms(model.config, names=[self.platform])
        r.procured_uses_w += self.procurement_uses_w
        r.subsidy_eur += self.price_subsidy_eur
        if self._grant_due(model, state):  # paid into its capital with this week's fixed costs
            state.granted = True

    def variable_costs(self, model: CityModel, state: SupportState) -> list[Cost]:
        coop = _platform(model, self.platform)
        procured = coop.procured_uses_served
        return [Cost(self.platform, Flow.PROCUREMENT, procured * coop.price_eur),
                Cost(self.platform, Flow.SUBSIDY, coop.subsidy_eur * (coop.uses_served - procured))]


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
    """Pay per volunteer hour given (a cost per hour to the budget). How residents respond
    (more capacity, crowded-out motivation) is theirs: `contribution.paid_capacity_gain`,
    `contribution.crowding_out`."""

    def max_variable_cost_eur(self, model: CityModel) -> float:
        return self.pay_eur_h * model.authority.asked_total_h

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        programme = rules.programme
        if self.max_requests_h is not None:
            programme.cap_requests(self.max_requests_h)
        programme.recognise(self.recognition)
        if self.rotation:
            programme.concentration = min(programme.concentration, 1.0)
        programme.pay_eur_h += self.pay_eur_h

    def variable_costs(self, model: CityModel, state: LeverState) -> list[Cost]:
        pay = self.pay_eur_h * model.residents_state.contribution_h
        return [Cost(Party.HOUSEHOLDS, Flow.VOLUNTEER_PAY, float(pay.sum()), pay)]


# --- innovation governance ------------------------------------------------------------


class InnovationPolicy(Intervention):
    """Elected officials state priority sectors: innovators there are offered partnership
    terms (permits, data, procurement) that align them with public goals, tie them to public
    resources and make defying local rules costlier, the longer the policy lasts."""

    type: Literal["innovation_policy"]
    cost_eur_w: NonNegative = 500.0
    priority_sectors: list[str]
    alignment_rate_w: Fraction = 0.02
    """Weekly move of priority-sector platforms' alignment towards public goals."""
    partnership_rate_w: Fraction = 0.01
    """Weekly move of their reliance on public resources towards 1, and of their defiance
    of local rules towards 0."""

    def targets(self) -> tuple[str, ...]:
        return tuple(self.priority_sectors)

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        weeks = state.weeks_active
        for _, r in rules.for_platforms(model.config, sectors=self.priority_sectors):
            r.align(1.0 - (1.0 - self.alignment_rate_w) ** weeks)
            r.depend(1.0 - (1.0 - self.partnership_rate_w) ** weeks)
            r.defiance_factor *= (1.0 - self.partnership_rate_w) ** weeks


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
    """Move of the large commercial platforms' alignment towards 1 while the objective stands."""

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        rules.objective = ObjectiveTarget(self.objective, self.horizon_week, tuple(self.aligned_sectors),
                                          self.progress_per_aligned_use)
        for _, r in rules.for_platforms(model.config, kinds=("commercial",)):
            r.align(self.platform_signal)


class InnovationAgora(Intervention):
    """Recurring local debates on innovation: the authority holds a session every few weeks; who
    attends, what they tell and how their orientation moves are the residents' rules
    (`civic.hold_debate`: couriers and cooperative members share what they lived)."""

    type: Literal["innovation_agora"]
    cost_eur_w: NonNegative = 1_500.0
    every_weeks: Annotated[int, Field(ge=1)] = 4
    session_h: NonNegative = 2.0
    attendance: Fraction = 0.3
    """Chance a fully engaged citizen with the time attends a session."""
    confidence: Fraction = 0.3
    """Bounded-confidence threshold eps: partners closer than this in orientation listen to each other."""
    convergence: Annotated[float, Field(ge=0.0, le=0.5)] = 0.5
    """How far a listener moves towards the citizen pole per unit of its partner's testimony (as
    Deffuant's mu, the fraction of a gap one moves)."""

    def transform(self, rules: WeekRules, model: CityModel, state: LeverState) -> None:
        if (model.week - self.start_week) % self.every_weeks == 0:
            rules.debate = Debate(state.owner, self.session_h, self.attendance, self.confidence,
                                  self.convergence)


@dataclass
class Project:
    kind: str
    cost_eur: float
    funded_week: int


@dataclass
class BudgetState(LeverState):
    projects: list[Project] = field(default_factory=list)


class ParticipatoryInnovation(Intervention):
    """A participatory budget for local innovators' projects (Paris: 5% of investment,
    about 4-7% of residents voting). Every cycle innovators propose projects, residents
    with the time and the citizen engagement vote, winners are funded and run for a while."""

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
    project_weeks: Annotated[int, Field(ge=1)] = 52
    """Weeks a funded project runs, from the week after its vote (assumption: until the next yearly vote)."""
    cooperative: str | None = None
    """The cooperative a 'cooperative service' project funds (None: the first cooperative of a
    gig-labour sector, if the city has one)."""
    service_quality_gain: NonNegative = 0.1
    """Utility a funded cooperative-service project adds to the cooperative's service while it runs."""
    objective_gain_per_keur: NonNegative = 0.002
    """objective_progress gained per EUR 1,000 put in an objective project."""
    support_recognition: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.2
    """Recognition a funded contributor-support project gives while it runs."""

    KINDS: ClassVar[tuple[str, ...]] = ("cooperative_service", "contributor_support", "objective")
    State: ClassVar[type[LeverState]] = BudgetState

    def _cooperative(self, model: CityModel) -> Platform | None:
        return next((p for p in model.platforms if p.name == self.cooperative or (
            self.cooperative is None and p.kind == "cooperative" and p.has_labour)), None)

    def transform(self, rules: WeekRules, model: CityModel, state: BudgetState) -> None:
        coop = self._cooperative(model)
        for project in state.projects:  # a project runs the project_weeks weeks after its vote
            if not project.funded_week < model.week <= project.funded_week + self.project_weeks:
                continue
            if project.kind == "contributor_support":
                rules.programme.recognise(self.support_recognition)
            elif project.kind == "cooperative_service" and coop is not None:
                r = rules.platforms[coop.index]
                r.quality_bonus += self.service_quality_gain

    def act(self, model: CityModel, state: BudgetState) -> None:
        for project in state.projects:
            if model.week == project.funded_week + self.project_weeks:
                model.log.record(model.week, self.name(), EventKind.PROJECT_ENDED,
                                 f"{project.kind} project funded in week {project.funded_week} ran its last week")
        if (model.week - self.start_week) % self.every_weeks:
            return
        coop = self._cooperative(model)
        proposals = model.streams.week(Process.LEVER, model.week, owner=state.owner)
        kinds = proposals.integers(0, len(self.KINDS), self.proposals)
        if model.authority.objective is not None:  # the grand objective orients proposals
            kinds[: max(1, self.proposals // 3)] = self.KINDS.index("objective")
        costs = proposals.uniform(0.2, 0.6, self.proposals) * self.budget_eur
        ballot = Ballot(tuple(self.KINDS[k] for k in kinds), self.vote_h, self.base_turnout)
        tally = hold_vote(model, ballot, model.streams.week(Process.VOTES, model.week, owner=state.owner))
        funded, spent = [], 0.0
        for k in np.argsort(-tally.votes, kind="stable"):
            # a budget of 0 funds nothing (its proposals cost 0)
            if tally.votes[k] == 0 or costs[k] <= 0.0 or spent + costs[k] > self.budget_eur:
                continue
            kind = ballot.kinds[k]
            # a cooperative-service project's money goes to the cooperative's capital; others pay their runners
            to_coop = kind == "cooperative_service" and coop is not None and coop.present
            paid = [Cost(coop.name, Flow.GRANT, float(costs[k]))] if to_coop else programme_cost(float(costs[k]))
            if not model.authority.spend(paid):
                break
            spent += costs[k]
            state.spent_eur += costs[k]
            funded.append(int(k))
            state.projects.append(Project(kind, float(costs[k]), model.week))
            if kind == "objective" and model.authority.objective is not None:
                model.authority.objective.advance(self.objective_gain_per_keur * costs[k] / 1000.0)
            model.log.record(model.week, self.name(), EventKind.PROJECT_FUNDED,
                             f"{kind} project funded with EUR {costs[k]:,.0f} ({tally.votes[k]} votes)")
        hear_results(model, tally, funded, self.every_weeks)
        model.civic.last_vote_turnout = len(tally.voters) / model.residents_state.n
        model.civic.projects_funded += len(funded)
        model.log.record(model.week, self.name(), EventKind.VOTE_HELD,
                         f"turnout {model.civic.last_vote_turnout:.1%}; {len(funded)} of {self.proposals} "
                         f"proposals funded")


# --- adaptive governance --------------------------------------------------------------


@dataclass
class RuleState(LeverState):
    streak: int = 0
    """Consecutive weeks the sector has read as ``when_reading``."""
    fired_week: int | None = None


class AdaptiveRule(Intervention):
    """'When a sector reads as risk for 8 weeks, regulate it': a rule instead of a calendar.
    Once triggered, it switches on its ``then`` intervention from the next week on."""

    type: Literal["adaptive_rule"]
    sector: str
    when_reading: Reading = Reading.RISK
    for_weeks: Annotated[int, Field(ge=1)] = 8
    then: InterventionSpec
    """The intervention to start, as in a scenario's [[interventions]] entry."""

    State: ClassVar[type[LeverState]] = RuleState

    def targets(self) -> tuple[str, ...]:
        return (f"rule:{self.sector}",)

    def act(self, model: CityModel, state: RuleState) -> None:
        if state.fired_week is not None:
            return
        reading = model.authority.sector_reading.get(self.sector)
        state.streak = state.streak + 1 if reading == self.when_reading else 0
        if state.streak >= self.for_weeks:
            state.fired_week = model.week
            spec = self.then.model_copy(update={"start_week": model.week + 1})
            model.interventions.add(spec, origin=self.name())
            model.log.record(model.week, self.name(), EventKind.RULE_FIRED,
                             f"{self.sector} read as {self.when_reading} for {state.streak} weeks: "
                             f"{spec.name()} starts next week")


LEVERS = (PlatformRegulation, DataPartnership, CooperativeSupport, ContributorCare, InnovationPolicy,
          GrandObjective, InnovationAgora, ParticipatoryInnovation, AdaptiveRule)
InterventionSpec = Annotated[Union[LEVERS], Field(discriminator="type")]  # noqa: UP007 (a runtime tuple)

INTERVENTION_TYPES = tuple(get_args(lever.model_fields["type"].annotation)[0] for lever in LEVERS)
"""The ``type`` names a scenario may use, read off the lever classes."""


AdaptiveRule.model_rebuild()


@dataclass
class Running:
    """A lever in a run: its specification, where it came from, and its typed state."""

    spec: Intervention
    origin: str
    state: LeverState


class InterventionRunner:
    """Switches levers on and off by calendar and budget, and builds each week's rules."""

    def __init__(self, specs: list[Intervention]) -> None:
        self.running: list[Running] = []
        for spec in specs:
            self.add(spec, origin="scenario")

    def add(self, spec: Intervention, origin: str) -> None:
        same_name = sum(r.spec.name() == spec.name() for r in self.running)
        state = spec.State(owner=spec.name() if same_name == 0 else f"{spec.name()}#{same_name + 1}")
        self.running.append(Running(spec, origin, state))

    def week_rules(self, model: CityModel) -> WeekRules:
        """The scenario's base rules passed through every active lever, in order; each lever's
        fixed cost paid and its variable cost reserved first."""
        rules = WeekRules.base(model.config, model.week)
        week, log, authority = model.week, model.log, model.authority
        for r in self.running:
            spec, state = r.spec, r.state
            if state.status == LeverStatus.PENDING and week >= spec.start_week:
                state.status = LeverStatus.ACTIVE
                log.record(week, spec.name(), EventKind.LEVER_STARTED, f"{spec.type} started ({r.origin})")
            if state.status != LeverStatus.ACTIVE:
                continue
            if spec.end_week is not None and week > spec.end_week:
                state.status = LeverStatus.ENDED
                log.record(week, spec.name(), EventKind.LEVER_ENDED, f"{spec.type} ended after week {spec.end_week}")
                continue
            fixed = spec.fixed_costs(model, state)
            fixed_eur = sum(c.eur for c in fixed)
            reserve = spec.max_variable_cost_eur(model)
            if not authority.commit(fixed, reserve):
                state.status = LeverStatus.UNFUNDED
                log.record(week, spec.name(), EventKind.LEVER_UNFUNDED,
                           f"{spec.type} stopped: EUR {fixed_eur + reserve:,.0f} needed this week, "
                           f"EUR {authority.budget_eur:,.0f} left")
                continue
            state.spent_eur += fixed_eur
            state.weeks_active += 1
            spec.transform(rules, model, state)
        return rules

    def settle(self, model: CityModel) -> None:
        """Pay, after the markets, what active levers bought this week (within what they reserved)."""
        for r in self.running:
            if r.state.status == LeverStatus.ACTIVE:
                costs = r.spec.variable_costs(model, r.state)
                model.authority.pay_reserved(costs)
                r.state.spent_eur += sum(c.eur for c in costs)
        model.authority.release_reserve()

    def act(self, model: CityModel) -> None:
        for r in list(self.running):
            if r.state.status == LeverStatus.ACTIVE:
                r.spec.act(model, r.state)

    @property
    def active_count(self) -> int:
        return sum(r.state.status == LeverStatus.ACTIVE for r in self.running)

    def rows(self, week: int) -> list[dict]:
        return [
            {"week": week, "intervention": r.spec.name(), "type": r.spec.type, "origin": r.origin,
             "status": str(r.state.status), "spent_eur": r.state.spent_eur}
            for r in self.running
        ]
