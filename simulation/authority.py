"""The local authority: its budget, the volunteer hours its services ask for, its
legitimacy, its grand objective if it announced one, and its reading of each sector as
risk, tension or opportunity (Audacities 2018; CONCEPTS.md section 4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

from simulation.ledger import Cost, Flow, Party
from simulation.platforms import RULES
from simulation.rules import ObjectiveTarget, ProgrammeRules, WeekRules
from simulation.streams import Process
from simulation.vocabulary import EventKind, Reading

if TYPE_CHECKING:
    from simulation.model import CityModel


@dataclass
class Objective:
    """Progress towards an announced grand objective (a stock: it stays when the lever ends)."""

    name: str
    horizon_week: int
    progress: float = 0.0

    def advance(self, amount: float) -> None:
        self.progress = min(1.0, self.progress + amount)


@dataclass
class EnforcementRecord:
    """The city's public record of enforcement as platforms remember it: rules defied a week, and how
    many of them were caught, each past week weighing 1 - 1/memory less than the next."""

    defied: float = 0.0
    caught: float = 0.0

    def add(self, defied: int, caught: int, memory_weeks: float) -> None:
        keep = 1.0 - 1.0 / memory_weeks
        self.defied = keep * self.defied + defied
        self.caught = keep * self.caught + caught

    def expected_chance(self, announced: float, prior_weeks: float) -> float:
        """The weekly chance of being caught a platform expects: the announced chance, weighed as
        ``prior_weeks`` of record, pooled with the record (the mean of a beta posterior)."""
        weight = prior_weeks + self.defied
        return (prior_weeks * announced + self.caught) / weight if weight > 0 else announced


class LocalAuthority(mesa.Agent):
    model: CityModel

    def __init__(self, model: CityModel) -> None:
        super().__init__(model)
        cfg = model.config
        self.budget_eur = 0.0
        self.reserved_eur = 0.0
        """Part of the budget held this week for what levers may still have to pay."""
        self.spent_eur = 0.0
        self.collected_eur = 0.0
        """Fines platforms paid into the budget so far."""
        self.record = EnforcementRecord()
        """Who was caught defying its rules, and who was not (public: platforms learn from it)."""
        self.programme: ProgrammeRules = WeekRules.base(cfg, 0).programme
        """This week's volunteer programme (set from the week's rules)."""
        self.objective: Objective | None = None
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

    # --- money --------------------------------------------------------------------

    def commit(self, now: list[Cost], reserve_eur: float) -> bool:
        """Pay ``now`` and hold ``reserve_eur`` for later this week, if the budget allows both."""
        if sum(c.eur for c in now) + reserve_eur > self.budget_eur - self.reserved_eur:
            return False
        self._pay(now)
        self.reserved_eur += reserve_eur
        return True

    def pay_reserved(self, costs: list[Cost]) -> None:
        """Pay from what was reserved this week (never more than the budget holds: all of it scaled down)."""
        total = sum(c.eur for c in costs)
        factor = min(1.0, self.budget_eur / total) if total > 0 else 1.0
        self._pay([c.scaled(factor) for c in costs] if factor < 1.0 else costs)
        self.reserved_eur = max(0.0, self.reserved_eur - total * factor)

    def release_reserve(self) -> None:
        self.reserved_eur = 0.0

    def spend(self, costs: list[Cost]) -> bool:
        """Pay from the budget if it can; a budget never goes below zero."""
        if sum(c.eur for c in costs) > self.budget_eur - self.reserved_eur:
            return False
        self._pay(costs)
        return True

    def detection_chance(self, inspection_eur_per_resident_w: float) -> float:
        """The weekly chance that inspectors paid this much (EUR per resident a week) detect a defied rule,
        at full legitimacy: each `inspection_half_eur_per_resident_w` halves the chance it escapes."""
        half = self.model.config.authority.inspection_half_eur_per_resident_w
        return 1.0 - 0.5 ** (inspection_eur_per_resident_w / half)

    def enforce(self) -> None:
        """Detect this week's defiance (step 9a): each rule a regulated platform defies is detected with
        its regulation's detection chance times the authority's legitimacy (a contested authority's
        findings do not hold) and fined for this week's violations (`Platform.fine_for`), to be paid
        `fine_delay_weeks` later (`Platform.pay_fines`); the public record keeps what was defied and
        caught. Draws for every platform and rule each week."""
        model = self.model
        cfg = model.config
        draws = model.streams.week(Process.ENFORCEMENT, model.week).random((len(model.platforms), len(RULES)))
        defied = caught = 0
        for p in model.platforms:
            if not (p.present and p.rules.regulated):
                continue
            chance = p.rules.detection_chance * self.legitimacy
            for k, rule in enumerate(RULES):
                if rule not in p.defying:
                    continue
                defied += 1
                if draws[p.index, k] < chance:
                    caught += 1
                    p.fined(rule, p.fine_for(rule, p.rules), due_week=model.week + cfg.authority.fine_delay_weeks)
        self.record.add(defied, caught, cfg.strategies.enforcement_memory_weeks)

    def collect(self, payer: str, flow: Flow, eur: float) -> None:
        """Money paid to the authority by a party of the city (a fine)."""
        self.budget_eur += eur
        self.collected_eur += eur
        self.model.payments.pay(self.model.week, payer, Party.AUTHORITY, flow, eur)

    def receive(self, eur: float) -> None:
        """The state's transfer (its opening budget, its weekly income)."""
        self.budget_eur += eur
        self.model.payments.pay(self.model.week, Party.OUTSIDE, Party.AUTHORITY, Flow.STATE_TRANSFER, eur)

    def _pay(self, costs: list[Cost]) -> None:
        model = self.model
        for c in costs:
            if c.eur <= 0.0:
                continue
            self.budget_eur -= c.eur
            self.spent_eur += c.eur
            if c.payee == Party.HOUSEHOLDS:
                model.residents_state.money_eur += c.per_resident
            elif c.payee not in (Party.OUTSIDE, Party.HOSTS_MERCHANTS):
                next(p for p in model.platforms if p.name == c.payee).capital_eur += c.eur
            model.payments.pay(model.week, Party.AUTHORITY, c.payee, c.flow, c.eur)

    # --- the week ---------------------------------------------------------------------

    def track_objective(self, target: ObjectiveTarget | None) -> None:
        """Announcing an objective starts tracking it; aligned uses move it (weighted by the
        platforms' alignment with public goals)."""
        if target is None:
            return
        if self.objective is None:
            self.objective = Objective(target.name, target.horizon_week)
        aligned = [p for p in self.model.platforms if p.sector in target.aligned_sectors]
        uses = sum(p.uses_served * p.social_score for p in aligned)
        self.objective.advance(target.progress_per_aligned_use * uses / self.model.config.n_residents)

    def read(self, threat: float, before: Reading | None = None) -> Reading:
        """Risk, tension or opportunity by the thresholds; with a reading ``before``, the reading moves
        only when the threat passes a threshold by the hysteresis margin (up) or falls that much below
        it (down), so it does not flicker around a threshold."""
        plain = self._band(threat)
        if before is None or plain == before:
            return plain
        up = plain.code > before.code
        h = self.model.config.authority.reading_hysteresis
        moved = self._band(threat - h if up else threat + h)  # up: clear the threshold by h; down: fall h below it
        return moved if (moved.code > before.code if up else moved.code < before.code) else before

    def _band(self, threat: float) -> Reading:
        a = self.model.config.authority
        if threat >= a.risk_threshold:
            return Reading.RISK
        return Reading.TENSION if threat >= a.tension_threshold else Reading.OPPORTUNITY

    def coverage_of(self, hours_given: float) -> float:
        """The share of this week's asked volunteer hours that ``hours_given`` covers (1 if none were asked)."""
        asked = self.asked_total_h
        return min(1.0, hours_given / asked) if asked > 0 else 1.0

    def update(self, hours_given: float, mean_trust: float) -> None:
        """Take stock of the week: coverage, legitimacy, budget and the sectors' readings."""
        self.coverage = self.coverage_of(hours_given)
        self.legitimacy = mean_trust
        self.receive(self.model.config.authority.budget_income_eur_w)
        for sector in self.model.config.sectors:
            present = [p for p in self.model.platforms if p.sector == sector.name and p.present]
            # a sector reads as its most destabilising platform does
            threat = max((p.threat for p in present), default=0.0)
            before = self.sector_reading.get(sector.name)
            reading = self.read(threat, before)
            if before is not None and reading != before:
                self.model.log.record(self.model.week, "authority", EventKind.READING_CHANGED,
                                      f"{sector.name}: {before} -> {reading} (threat {threat:.2f})")
            self.sector_threat[sector.name] = threat
            self.sector_reading[sector.name] = reading
        readings = list(self.sector_reading.values())
        self.risk_share = readings.count(Reading.RISK) / len(readings)

    def reading_counts(self) -> dict[Reading, int]:
        values = list(self.sector_reading.values())
        return {r: values.count(r) for r in Reading}
