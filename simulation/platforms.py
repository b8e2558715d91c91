"""Platforms: commercial, cooperative or public providers of a sector's service.

A platform clears its own market each week (uses demanded against hours its workers offer),
splits what consumers pay between its commission and the workers, captures part of the value of
its users' traces into a stock of data, pays its fixed costs from its capital, and leaves the city
when that capital runs out. A commercial platform learns its own price and commission from its
results (`simulation/strategy.py`) and may defy a rule when the gain outweighs the penalty it risks;
a cooperative sets its commission to break even. Its six criteria of destabilisation (Audacities
2018) follow from these stocks and flows.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import mesa

from simulation.ledger import Flow, Party
from simulation.registry import CRITERIA
from simulation.rules import PlatformRules
from simulation.scenario import PlatformSpec, Sector
from simulation.strategy import Strategy
from simulation.vocabulary import EventKind, Reading

if TYPE_CHECKING:
    from simulation.model import CityModel
    from simulation.scenario import Strategies

PRICED_OUT_EUR = 1e6
"""A price no resident pays: where a platform that cannot meet a pay floor ends up."""
HOLLOW_CHOOSERS = 0.05
"""Share of residents choosing a provider above which its failing them is seen (100 of 2,000)."""
HOLLOW_SERVED = 0.1
"""A provider so chosen that serves under this share of the uses asked of it is hollow."""
RULES = ("commission_cap", "min_pay", "data_sharing")
"""The regulations a commercial platform may comply with or defy."""


class Status(StrEnum):
    WAITING = "waiting"  # not yet in the city
    ACTIVE = "active"
    EXITED = "exited"  # its capital ran out
    SUSPENDED = "suspended"  # its permit withdrawn, out of the city until `suspended_until`


class Platform(mesa.Agent):
    """One provider in one sector.

    Its own choices (``own_commission``, ``own_price_eur``) start from its specification and, for a
    commercial platform that learns, move at each review; each week it faces that week's rules
    (`PlatformRules`) and sets what residents and workers meet (`face`).
    """

    model: CityModel

    def __init__(self, model: CityModel, spec: PlatformSpec, index: int, sector: Sector,
                 sector_index: int) -> None:
        super().__init__(model)
        n = model.config.n_residents
        self.spec = spec
        self.index = index
        self.name = spec.name
        self.group = spec.group or spec.name
        self.sector = spec.sector
        self.sector_index = sector_index
        self.kind = spec.kind
        self.pay_model = spec.pay_model
        self.task_h = sector.task_h
        self.data_value_eur = sector.data_value_eur
        self.public_space_share = sector.public_space_share
        self.time_per_use_h = spec.time_per_use_h if spec.time_per_use_h is not None else sector.digital_time_h
        self.data_intensity = spec.data_intensity
        self.own_representation = spec.own_representation
        self.fixed_cost_eur_w = spec.fixed_cost_eur_per_resident_w * n
        # hosts or merchants selling through it (`suppliers_answer`)
        own_payout = (1.0 - spec.commission) * spec.price_eur
        self.reference_payout_eur = sector.supply_payout_eur or own_payout
        elastic = model.config.suppliers.elastic and own_payout > 0 and sector.task_h == 0
        self.supply_elasticity = sector.supply_elasticity if elastic else None
        offer = sector.supply_uses_per_resident_w
        self.reference_offer_uses_w = (sector.uses_per_week if offer is None else offer) * n
        self.uses_offered = (self.offer_called_for(own_payout) if self.supply_elasticity is not None
                             else self.reference_offer_uses_w)
        """Uses its hosts or merchants offer this week (when they answer its payout): at first, what its
        start terms call for."""
        self.status = Status.ACTIVE if spec.entry_week == 0 else Status.WAITING
        # its own choices
        self.own_commission = spec.commission
        self.own_price_eur = spec.price_eur
        self.strategy = Strategy() if self.kind == "commercial" else None
        self.defying: set[str] = set()
        self.fines_due: list[tuple[int, float]] = []
        """Fines the authority imposed on it and it has yet to pay: (week due, EUR)."""
        self.fines_imposed_eur = 0.0
        """Fines imposed on it this week (a cost its learning reads now, though it pays later)."""
        self.fines_paid_eur = 0.0
        """Fines it paid this week."""
        self.detections = 0
        """Violations detected since it entered or last returned, where a permit regime counts them."""
        self.suspended_since: int | None = None
        self.suspended_until: int | None = None
        """Weeks its withdrawn permit keeps it out, from the first to the week it returns (None: it holds its
        permit)."""
        # what it operates under this week (`face`)
        self.rules = PlatformRules()
        self.commission = spec.commission
        self.price_eur = spec.price_eur
        self.social_score = spec.social_score
        self.rule_defiance = spec.rule_defiance
        self.public_dependence = spec.public_dependence
        self.floor_eur_h = 0.0
        self.floor_binds = False
        """Its price is raised this week to meet a pay floor (`face`)."""
        self.data_shared = 0.0
        self.commons_integration = 0.0
        self.quality = spec.service_quality
        self.subsidy_eur = 0.0
        # stocks
        self.initial_capital = spec.capital_eur_per_resident * n
        self.capital_eur = 0.0
        """Its money: investors put `initial_capital` in when the city is set up (`CityModel`)."""
        self.data_stock = 0.0
        """Captured traces still worth something (decaying each week)."""
        # this week's flows
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
        self.profit_eur = 0.0
        self.pay_rate_eur_h = self.nominal_pay_rate
        self.accept_ratio = 1.0
        self.failing_since: int | None = None
        """Week it started failing the residents who chose it (`hollow`), None when it serves them."""
        self.criteria = dict.fromkeys(CRITERIA, 0.0)
        """Set once every platform exists (`CityModel`), then moved weekly (`update`)."""

    @property
    def has_labour(self) -> bool:
        return self.task_h > 0

    @property
    def has_suppliers(self) -> bool:
        """Hosts or merchants sell through it, and offer what its payout per use calls for."""
        return self.supply_elasticity is not None

    @property
    def sells(self) -> bool:
        """It charges for a use (a free service earns from data alone: no price or commission to learn)."""
        return self.spec.price_eur > 0

    @property
    def launch_due(self) -> bool:
        """Waiting, and its launch week has come (it is entered at the week's start)."""
        launch = self.spec.entry_week
        return self.status == Status.WAITING and launch is not None and self.model.week >= launch

    @property
    def return_due(self) -> bool:
        """Suspended, and its suspension is over (it returns at the week's start)."""
        return self.status == Status.SUSPENDED and self.model.week >= self.suspended_until

    @property
    def present(self) -> bool:
        """In the city this week: active, or due by its launch week."""
        return self.status == Status.ACTIVE or self.launch_due

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
    def served_share(self) -> float:
        """Share of the uses asked of it this week that it served (1 when nobody asked)."""
        return self.uses_served / self.uses_demanded if self.uses_demanded > 0 else 1.0

    @property
    def hollow(self) -> bool:
        """Chosen by many (`HOLLOW_CHOOSERS` of residents) but serving few (under `HOLLOW_SERVED`) of the uses
        asked of it this week."""
        return (self.users >= HOLLOW_CHOOSERS * self.model.config.n_residents
                and self.uses_served < HOLLOW_SERVED * self.uses_demanded)

    def watch_service(self) -> None:
        """Log when it starts failing the residents who chose it, and when it serves them again."""
        served = 100.0 * self.served_share
        if self.hollow and self.failing_since is None:
            self.failing_since = self.model.week
            self._log(EventKind.SERVICE_FAILED, f"chosen by {self.users} residents, it served {served:.0f}% of the "
                                                f"uses asked of it", sector=self.sector, choosers=self.users,
                      served_pct=served)
        elif not self.hollow and self.failing_since is not None:
            weeks = self.model.week - self.failing_since
            self.failing_since = None
            plural = "s" if weeks != 1 else ""
            self._log(EventKind.SERVICE_FAILED, f"serves {served:.0f}% of the uses asked of it again, after "
                                                f"{weeks} week{plural} failing its users", sector=self.sector,
                      choosers=self.users, served_pct=served, weeks=weeks)

    @property
    def pay_per_offered_h(self) -> float:
        return self.pay_rate_eur_h * self.accept_ratio

    def _log(self, kind: EventKind, details: str, **facts: float | int | str) -> None:
        self.model.log.record(self.model.week, self.name, kind, details, **facts)

    # --- the week ---------------------------------------------------------------------

    def enter(self, why: str) -> None:
        self.status = Status.ACTIVE
        launch = {} if self.spec.entry_week is None else {"launch_week": self.spec.entry_week}
        self._log(EventKind.PLATFORM_ENTERED, f"enters {self.sector}: {why}", sector=self.sector, **launch)

    def lose_permit(self) -> None:
        """Caught defying `permit_strikes` times since it last came in: out of the city for `suspension_weeks`,
        its users and workers going elsewhere. Out of the city, it defies nothing."""
        weeks = self.rules.suspension_weeks
        self.defying.clear()
        self.status = Status.SUSPENDED
        self.suspended_since = self.model.week + 1
        self.suspended_until = self.suspended_since + weeks
        self._log(EventKind.PERMIT_WITHDRAWN, f"loses its permit after {self.detections} detected violations: out "
                                              f"of {self.sector} until week {self.suspended_until}",
                  sector=self.sector, detections=self.detections, until_week=self.suspended_until)

    def return_with_permit(self) -> None:
        """Back in the city, its detections cleared: it complies (its permit's condition) until its next review."""
        weeks = self.model.week - self.suspended_since
        self.status = Status.ACTIVE
        self.suspended_since = self.suspended_until = None
        self.detections = 0
        self._log(EventKind.PERMIT_RESTORED, f"returns to {self.sector} after {weeks} weeks without a permit",
                  sector=self.sector, weeks=weeks)

    def decide_compliance(self, rules: PlatformRules) -> None:
        """A commercial platform defies a regulation's rule when what it gains by defying, against what
        it would earn complying at last week's flows, outweighs the penalty it expects: the chance it
        expects to be caught, learned from the city's enforcement record (`expected_detection`), times
        what a detection costs it (the fine its violations would cost, and where the authority holds its
        permit, its share of a suspension, `permit_at_stake`). It decides when a regulation's terms
        change and at each review of its terms, never in between. A rule with no fine, or no inspectors,
        carries no penalty: it is defied wherever defying it gains anything."""
        if self.kind != "commercial" or not self.present:
            return
        if not rules.regulated:  # no regulation (any more): nothing to defy
            for rule in sorted(self.defying):
                self._log(EventKind.COMPLIANCE, f"the {rule.replace('_', ' ')} rule it defied is lifted", rule=rule,
                          cause="lifted")
            self.defying.clear()
            return
        review = self.model.week % self.model.config.strategies.review_weeks == 0
        if not review and rules.regulation_terms() == self.rules.regulation_terms():
            return
        chance = self.expected_detection(rules)
        own_rate = (1.0 - min(self.own_commission, rules.commission_cap)) * self.own_price_eur / self.task_h \
            if self.has_labour else 0.0
        gains = {
            "commission_cap": max(0.0, self.own_commission - rules.commission_cap) * self.gross_eur,
            "min_pay": max(0.0, rules.min_pay_eur_h - own_rate) * self.hours_accepted
            if rules.min_pay_eur_h > 0 and self.pay_model == "per_task" else 0.0,
            "data_sharing": rules.data_sharing * self.data_intensity * self.data_value_eur_w,
        }
        # what it would have earned complying with everything last week: what a suspension would cost it at least
        complying = self.profit_eur - sum(gain for rule, gain in gains.items() if rule in self.defying)
        permit = self.permit_at_stake(rules, complying)
        for rule, gain in gains.items():
            penalty = chance * (self.fine_for(rule, rules) + permit)
            defies = gain > penalty
            if defies != (rule in self.defying):
                (self.defying.add if defies else self.defying.discard)(rule)
                verb = "defies" if defies else "complies with"
                self._log(EventKind.DEFIANCE if defies else EventKind.COMPLIANCE,
                          f"{verb} the {rule.replace('_', ' ')} rule: gain EUR {gain:,.0f} a week against an "
                          f"expected penalty of EUR {penalty:,.0f}", rule=rule, gain_eur_w=gain, penalty_eur_w=penalty)

    def permit_at_stake(self, rules: PlatformRules, weekly_profit_eur: float) -> float:
        """What one more detection costs it in lost permit: a suspension's weeks of the profit it makes a week
        complying, shared over the detections it has left before the authority withdraws its permit (0 where
        it holds none). Valued at complying, so the stake does not swing with its own defiance."""
        if not rules.permit_strikes:
            return 0.0
        left = max(rules.permit_strikes - self.detections, 1)
        return rules.suspension_weeks * max(weekly_profit_eur, 0.0) / left

    def expected_detection(self, rules: PlatformRules) -> float:
        """The weekly chance it expects of being caught defying: the chance the authority's inspectors are
        announced to have, weighed as `enforcement_prior_weeks` of record, pooled with the city's record of
        defied rules caught and not caught (`EnforcementRecord`)."""
        cfg = self.model.config.strategies
        return self.model.authority.record.expected_chance(rules.detection_chance, cfg.enforcement_prior_weeks)

    def fine_for(self, rule: str, rules: PlatformRules) -> float:
        """The fine this week's flows would cost if it were caught defying ``rule``: per use sold (the cap,
        the data duty) or per hour its workers were logged in (the pay floor)."""
        if rule == "min_pay":
            return rules.fine_eur_per_worker_h * self.hours_accepted
        return rules.fine_eur_per_use * self.uses_served

    def commission_frozen(self) -> bool:
        """It complies with a cap below the commission it would choose: its learning has no signal on that
        knob, so it keeps the commission it would charge if free (what its gain from defying is read against)."""
        return self.rules.commission_cap < self.own_commission and "commission_cap" not in self.defying

    def fined(self, rule: str, eur: float, due_week: int) -> None:
        """The authority detected that it defies ``rule`` this week: a fine, to pay in ``due_week``."""
        if self.rules.permit_strikes:
            self.detections += 1
        if eur <= 0.0:
            return
        self.fines_due.append((due_week, eur))
        self.fines_imposed_eur += eur
        self._log(EventKind.FINED, f"fined EUR {eur:,.0f} for defying the {rule.replace('_', ' ')} rule, to pay in "
                                   f"week {due_week}", rule=rule, fine_eur=eur, due_week=due_week)

    def pay_fines(self) -> None:
        """Pay the fines due by this week into the authority's budget: a cost of this week's result."""
        week = self.model.week
        due = sum(eur for when, eur in self.fines_due if when <= week)
        self.fines_due = [(when, eur) for when, eur in self.fines_due if when > week]
        self.fines_paid_eur = due
        if due > 0.0:
            self.capital_eur -= due
            self.profit_eur -= due
            self.model.authority.collect(self.name, Flow.FINE, due)

    def face(self, rules: PlatformRules) -> None:
        """Set this week's terms from its own choices and the rules it faces (those it does not defy)."""
        spec = self.spec
        self.fines_imposed_eur = 0.0
        self.decide_compliance(rules)
        self.rules = rules
        cap = rules.commission_cap if "commission_cap" not in self.defying else 1.0
        floor = rules.min_pay_eur_h if "min_pay" not in self.defying else 0.0
        self.commission = min(self.own_commission, cap)
        floor_price = 0.0
        if floor > 0 and self.has_labour and self.pay_model == "per_task":
            # a pay floor per logged-in hour: a fully busy worker must earn it, so the price rises
            # (a platform that keeps everything cannot pay anyone: it prices itself out)
            keep = 1.0 - self.commission
            floor_price = min(floor * self.task_h / keep if keep > 0 else PRICED_OUT_EUR, PRICED_OUT_EUR)
        binds = floor_price > self.own_price_eur
        price = floor_price if binds else self.own_price_eur
        if self.present and price != self.price_eur:  # its own price's moves are logged by its review
            if binds:
                self._log(EventKind.PRICE_RAISED if price > self.price_eur else EventKind.PRICE_LOWERED,
                          f"price EUR {self.price_eur:.2f} -> {price:.2f}: a fully busy worker must earn the pay "
                          f"floor of EUR {floor:.2f}/h at a commission of {self.commission:.2f}")
            elif self.floor_binds and price < self.price_eur:
                self._log(EventKind.PRICE_LOWERED, f"price EUR {self.price_eur:.2f} -> {price:.2f}: the pay floor "
                                                   f"no longer binds: back to its own price")
        self.floor_binds = binds
        self.floor_eur_h = floor
        self.price_eur = price
        self.subsidy_eur = min(rules.subsidy_eur, price)
        self.data_shared = rules.data_sharing if "data_sharing" not in self.defying else 0.0
        self.commons_integration = rules.commons_integration
        self.quality = spec.service_quality + rules.quality_bonus
        self.social_score = 1.0 - (1.0 - spec.social_score) * (1.0 - rules.alignment)
        dependence = max(spec.public_dependence, rules.public_dependence_floor)
        self.public_dependence = 1.0 - (1.0 - dependence) * (1.0 - rules.dependence_gain)
        self.rule_defiance = spec.rule_defiance * rules.defiance_factor

    def clear_market(self, uses_demanded: float, hours_offered: float) -> None:
        """Match this week's demand (residents' and the authority's purchases) with the hours
        offered, and split the money. Commission is never negative: a pay floor is met by the
        price (`face`) and by logging fewer workers in."""
        procured = self.rules.procured_uses_w
        uses_demanded += procured
        self.uses_demanded = uses_demanded
        self.hours_offered = hours_offered
        floor = self.floor_eur_h
        if self.has_labour:
            needed = uses_demanded * self.task_h
            # per task: every hour offered is taken, waiting is unpaid;
            # hourly: hours are taken only as far as demand needs them, all paid
            accepted = hours_offered if self.pay_model == "per_task" else min(hours_offered, needed)
            if floor > 0 and self.pay_model == "per_task":
                # log in only as many hours as keep pay per logged-in hour at the floor
                accepted = min(accepted, needed * self.nominal_pay_rate / floor)
            self.uses_served = min(accepted, needed) / self.task_h
        else:
            accepted = 0.0
            self.uses_served = min(uses_demanded, self.uses_offered) if self.has_suppliers else uses_demanded
        served_share = self.uses_served / uses_demanded if uses_demanded > 0 else 0.0
        self.procured_uses_served = procured * served_share
        self.hours_accepted = accepted
        self.gross_eur = self.uses_served * self.price_eur
        self.payout_eur = (1.0 - self.commission) * self.gross_eur
        self.commission_revenue_eur = self.gross_eur - self.payout_eur
        self.data_value_eur_w = self.uses_served * self.data_value_eur
        kept = self.data_intensity * (1.0 - self.data_shared)
        self.data_revenue_eur = kept * self.data_value_eur_w
        decay = self.model.config.strategies.data_decay_w
        self.data_stock = self.data_stock * (1.0 - decay) + kept * self.uses_served
        if self.has_labour:
            self.pay_rate_eur_h = self.payout_eur / accepted if accepted > 0 else self.nominal_pay_rate
            self.accept_ratio = accepted / hours_offered if hours_offered > 0 else 1.0
        self.profit_eur = self.commission_revenue_eur + self.data_revenue_eur - self.fixed_cost_eur_w
        # what it pays and is paid for its data now; residents' purchases (`receive`) and the
        # authority's subsidies and purchases (`LocalAuthority.pay_reserved`) come in this week too
        self.capital_eur += self.data_revenue_eur - self.payout_eur - self.fixed_cost_eur_w
        pay = self.model.payments.pay
        week = self.model.week
        passed_on = (Party.HOUSEHOLDS, Flow.GIG_PAY) if self.has_labour else (Party.HOSTS_MERCHANTS, Flow.PAYOUT)
        pay(week, self.name, *passed_on, self.payout_eur)
        pay(week, Party.OUTSIDE, self.name, Flow.DATA_SALE, self.data_revenue_eur)
        pay(week, self.name, Party.OUTSIDE, Flow.OPERATING_COSTS, self.fixed_cost_eur_w)
        if self.has_suppliers:
            self.suppliers_answer()

    def suppliers_answer(self) -> None:
        """Its hosts or merchants move their offer towards what this week's payout per use calls for: the
        sector's offer at its reference payout times (payout / that payout) ** `supply_elasticity`, over
        `suppliers.adjust_weeks` (listing a flat or a shop's stock takes time)."""
        target = self.offer_called_for((1.0 - self.commission) * self.price_eur)
        self.uses_offered += (target - self.uses_offered) / self.model.config.suppliers.adjust_weeks

    def offer_called_for(self, payout_eur: float) -> float:
        """Uses its hosts or merchants offer, in time, at a payout per use."""
        return self.reference_offer_uses_w * (payout_eur / self.reference_payout_eur) ** self.supply_elasticity

    def receive(self, payer: str, flow: Flow, eur: float) -> None:
        """Money paid to it (households' purchases, investors' capital)."""
        self.capital_eur += eur
        self.model.payments.pay(self.model.week, payer, self.name, flow, eur)

    def idle(self) -> None:
        """A week out of the city (not yet in, or gone): no flows."""
        self.uses_demanded = self.uses_served = self.procured_uses_served = 0.0
        self.hours_offered = self.hours_accepted = 0.0
        self.gross_eur = self.commission_revenue_eur = self.payout_eur = 0.0
        self.data_value_eur_w = self.data_revenue_eur = self.profit_eur = 0.0
        self.accept_ratio = 0.0
        self.data_stock *= 1.0 - self.model.config.strategies.data_decay_w  # old traces age, away or not

    def close_week(self) -> None:
        """After the market: learn (at a review), break even, or leave when the money is gone."""
        cfg = self.model.config.strategies
        n = self.model.config.n_residents
        self.pay_fines()
        if self.kind != "public" and self.capital_eur < 0.0:
            self.status = Status.EXITED
            self._log(EventKind.PLATFORM_EXITED, f"leaves {self.sector}: capital EUR {self.capital_eur:,.0f} "
                                                 f"after a week's result of EUR {self.profit_eur:,.0f}",
                      sector=self.sector, capital_eur=self.capital_eur, result_eur_w=self.profit_eur)
            self.receive(Party.OUTSIDE, Flow.LOSS_ABSORBED, -self.capital_eur)  # its investors write the loss off
            return
        review_due = (self.model.week + 1) % cfg.review_weeks == 0
        if self.strategy is not None:
            # fines count when imposed, not when paid months later: a move is judged by what it brought
            self.strategy.period.add(self.profit_eur + self.fines_paid_eur - self.fines_imposed_eur, self.users)
            if review_due:
                if cfg.learning and self.sells and (change := self.strategy.review(self, cfg, n)):
                    self._log(EventKind.TERMS_CHANGED, change)
                self.strategy.close_period()
        elif self.kind == "cooperative" and self.has_labour and review_due:
            self.break_even(cfg)
        if self.rules.permit_strikes and self.detections >= self.rules.permit_strikes:
            self.lose_permit()

    def move_knob(self, knob: str, direction: int, cfg: Strategies) -> str | None:
        """Move its price or its commission one step; say what changed and why."""
        phase = self.strategy.phase if self.strategy else "break-even"
        if knob == "price":
            low, high = (f * self.spec.price_eur for f in cfg.price_range)
            new = min(high, max(low, self.own_price_eur * (1.0 + direction * cfg.price_step)))
            old, self.own_price_eur = self.own_price_eur, new
            what = f"price EUR {old:.2f} -> {new:.2f}"
        else:
            low, high = cfg.commission_range
            new = min(high, max(low, self.own_commission + direction * cfg.commission_step))
            old, self.own_commission = self.own_commission, new
            what = f"commission {old:.2f} -> {new:.2f}"
        if new == old:
            return None
        return f"{what} (seeking {phase})"

    def break_even(self, cfg: Strategies) -> None:
        """A cooperative's take covers its fixed costs, no more: commission = fixed costs / sales."""
        weekly_gross = self.gross_eur
        if weekly_gross <= 0:
            return
        low, high = cfg.commission_range
        new = min(high, max(low, self.fixed_cost_eur_w / weekly_gross))
        if abs(new - self.own_commission) >= 0.005:
            self._log(EventKind.TERMS_CHANGED, f"commission {self.own_commission:.2f} -> {new:.2f} to break even")
            self.own_commission = new

    def update(self) -> None:
        if self.present:  # before it enters, a platform is only a plan
            self.refresh_criteria(rate=self.model.config.authority.criteria_rate_w)

    # --- the six criteria ---------------------------------------------------------------

    def data_capture(self) -> float:
        """Its (or its group's) stock of captured traces per resident, against the half-stock."""
        return self._saturation(sum(p.data_stock for p in self.model.platforms if p.group == self.group))

    def data_from_other_sectors(self) -> float:
        """What its group's services in other sectors captured, on the same scale: the data an
        integrated company brings to this service (its data network effect)."""
        return self._saturation(sum(p.data_stock for p in self.model.platforms
                                    if p.group == self.group and p.sector != self.sector))

    def _saturation(self, stock: float) -> float:
        per_resident = stock / self.model.config.n_residents
        return per_resident / (per_resident + self.model.config.strategies.data_half_stock)

    def refresh_criteria(self, rate: float) -> None:
        """Move the six criteria towards what its stocks and flows are now."""
        model, a = self.model, self.model.config.authority
        n = model.config.n_residents
        wealth = (max(self.capital_eur, 0.0) + 52.0 * max(self.profit_eur + self.fixed_cost_eur_w, 0.0)) / n
        budget = a.financial_reference_eur_per_resident  # what the authority can put against it in a year
        sector = [p for p in model.platforms if p.sector == self.sector and p.present]
        sector_uses = sum(p.uses_served for p in sector)
        use_share = self.uses_served / sector_uses if sector_uses > 0 else 0.0
        active_rules = [r for r in RULES if self._binds(r)]
        defied = len([r for r in active_rules if r in self.defying]) / len(active_rules) if active_rules else 0.0
        # what it expects of enforcement, learned from the city's record (nothing without a regulation on it)
        caught = self.expected_detection(self.rules) if self.rules.regulated else 0.0
        disposition = self.rule_defiance * (1.0 - caught)
        target = {
            "data_capture": self.data_capture(),
            "audience": self.users / n,
            # "a viable model, capital" (Audacities): the two count alike
            "financial_power": 0.5 * (self.viability() + (wealth / (wealth + budget) if wealth + budget > 0 else 0.0)),
            "contesting_legitimacy": max(disposition, defied),
            "competing_representation": self.own_representation * use_share * (1.0 - self.commons_integration),
            "independence": 1.0 - self.dependence(),
        }
        for name, value in target.items():
            self.criteria[name] += rate * (value - self.criteria[name])

    def viability(self) -> float:
        """How viable its model is this week: the share of its takings (commissions and data sales) left once its
        running costs are paid (0 when they do not cover them, or it takes nothing)."""
        takings = self.commission_revenue_eur + self.data_revenue_eur
        return max(self.profit_eur, 0.0) / takings if takings > 0 else 0.0

    def dependence(self) -> float:
        """What it needs of public resources this week, each need composing as 1 - (1 - a)(1 - b): the reliance
        its terms state (its spec; a data partnership's partners draw on the public base: `public_dependence`),
        the share of its sales the authority pays for (procurement, subsidies), the public space its
        service takes place in (its sector's `public_space_share`) and the permit it needs, where the
        authority holds one: the share of a year's sales a withdrawal would stop."""
        public_eur = (self.procured_uses_served * self.price_eur
                      + self.subsidy_eur * (self.uses_served - self.procured_uses_served))
        sales = self.gross_eur + self.data_revenue_eur
        permit = self.rules.suspension_weeks / 52.0 if self.rules.permit_strikes else 0.0
        needs = (self.public_dependence, public_eur / sales if sales > 0 else 0.0, self.public_space_share, permit)
        independent = 1.0
        for need in needs:
            independent *= 1.0 - min(need, 1.0)
        return 1.0 - independent

    def _binds(self, rule: str) -> bool:
        r = self.rules
        return {"commission_cap": r.commission_cap < 1.0, "min_pay": r.min_pay_eur_h > 0.0,
                "data_sharing": r.data_sharing > 0.0}[rule]

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
