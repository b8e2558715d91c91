"""`CityModel`: the real digital city, one step a week."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mesa
import numpy as np
import polars as pl
from mesa.agentset import AgentSet

from simulation.authority import LocalAuthority
from simulation.civic import CivicRecord, hold_debate
from simulation.engines import ENGINES, WeekDraws
from simulation.events import EventLog
from simulation.households import budgeted_income, pay_for_services, plan_purchases
from simulation.incumbents import Incumbent
from simulation.indicators import SCHEMAS, platform_rows, retention_rows, sector_rows, weekly_indicators
from simulation.interventions import InterventionRunner
from simulation.kernels import remember_service
from simulation.ledger import Flow, Ledger, Party
from simulation.market import Market
from simulation.network import small_world
from simulation.platforms import Platform, Status
from simulation.registry import HEADLINE
from simulation.residents import NO_PROVIDER, LastWeek, Resident, init_residents
from simulation.rules import WeekRules
from simulation.scenario import Scenario, load_scenario
from simulation.streams import Process, Streams
from simulation.vocabulary import EventKind

SHORT_SPELL = 0.01
"""Share of residents unable to pay for every use they chose above which a shortfall is logged."""


class CityModel(mesa.Model):
    """Residents with four overlapping roles, platforms and a local authority.

    Build it from a scenario (``CityModel.from_scenario(path)``) or with flat
    keyword overrides of the built-in baseline, which is what
    ``mesa.batch_run(CityModel, parameters={...}, rng=[...])`` does:

    n_residents: number of residents.
    volunteer_demand: weekly volunteer hours the public services ask, per resident.
    commission: take rate of every commercial platform, in [0, 1].
    engine: "vectorized" (default) or "reference" (per-agent scalar rules).
    weeks: horizon after which ``running`` turns False.
    """

    def __init__(self, config: Scenario | None = None, *, rng: Any = None,
                 **overrides: Any) -> None:
        super().__init__(rng=rng)
        base = config if config is not None else load_scenario()
        self.config: Scenario = base.with_overrides(
            {k: v for k, v in overrides.items() if v is not None}, source="CityModel"
        ) if overrides else base
        cfg = self.config
        self.week = 0
        self.streams = Streams.of(rng, self)
        """Every random number the model draws: one stream per process and week (`simulation/streams.py`)."""

        self.payments = Ledger()
        """Every payment between the city's parties (`simulation/ledger.py`)."""
        self.residents_state = init_residents(cfg, self.streams.once(Process.POPULATION))
        self.network = small_world(cfg.n_residents, cfg.civic.network_degree,
                                   cfg.civic.network_rewire, self.streams.once(Process.NETWORK))
        self.residents = Resident.create_agents(self, cfg.n_residents, list(range(cfg.n_residents)))
        self.authority = LocalAuthority(self)
        self.authority.receive(cfg.authority.budget_eur)  # its opening budget
        sector_index = {s.name: k for k, s in enumerate(cfg.sectors)}
        self.platforms = AgentSet(
            [Platform(self, spec, j, cfg.sectors[sector_index[spec.sector]],
                      sector_index[spec.sector]) for j, spec in enumerate(cfg.platforms)],
            random=self.random,  # Mesa's own generator, for its own shuffles (the model never asks for one)
        )
        for p in self.platforms:
            p.receive(Party.OUTSIDE, Flow.INVESTMENT, p.initial_capital)  # its investors' capital
            p.refresh_criteria(rate=1.0)  # what each platform is at the start
        self.engine = ENGINES[cfg.engine](self)
        self.interventions = InterventionRunner(list(cfg.interventions))
        self.incumbents = [Incumbent.of(spec, self) for spec in cfg.incumbents.actors]
        self.log = EventLog()
        self.rules = WeekRules.base(cfg, 0)
        """This week's rules: the scenario's, transformed by the active levers."""
        self.civic = CivicRecord()
        self.short_since: int | None = None
        """Week more than `SHORT_SPELL` of residents became short of money (None: not now)."""
        self._records: list[dict] = []
        self._platform_records: list[dict] = []
        self._sector_records: list[dict] = []
        self._intervention_records: list[dict] = []
        self._retention_records: list[dict] = []
        self._cohorts: dict[int, int] = {}
        self.datacollector = mesa.DataCollector(
            model_reporters={name: (lambda m, name=name: m.latest[name]) for name in HEADLINE}
        )

    @classmethod
    def from_scenario(cls, scenario: str | Path | Scenario | None = None, *, rng: Any = None,
                      **overrides: Any) -> CityModel:
        config = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        return cls(config, rng=rng, **overrides)

    # --- the week -----------------------------------------------------------

    def step(self) -> None:
        """One week, synchronous: every resident reads last week's state of the others."""
        draws = WeekDraws.draw(self)
        self.civic.agora_attendance = 0.0
        self.move(draws)  # some leave the city (with their money), newcomers take their place
        self.receive_income()  # households put aside a share of their income for services
        self.launch_platforms()  # those whose launch week has come, or whose suspension is over
        known = LastWeek.take(self.residents_state, self.week, self.config.civic.withdrawal_memory_weeks)
        self.engine.follow_ties(draws, known)  # volunteering spreads, and stops, along ties
        self.rules = rules = self.interventions.week_rules(self)  # the levers transform the base rules
        for incumbent in self.incumbents:
            incumbent.transform(rules)  # what incumbents made of their services
        self.authority.programme = rules.programme
        for p in self.platforms:
            p.face(rules.platforms[p.index])  # caps, floors, duties, purchases: its terms this week
        market = self.open_market()
        s = self.residents_state
        before = (s.orientation.copy(), s.trust.copy())

        self.engine.choose_providers(market, draws, known)  # consumers: a provider per sector, and the time it takes
        plan_purchases(s, market)  # what each can pay for of the uses it chose
        self.engine.take_the_call(draws)  # contributors answer this week's call for volunteers, or not
        self.engine.ask_and_allocate(market, self.authority.asked_total_h)  # requests; hours shared between uses
        self.engine.answer()  # contributors accept, reduce or decline; declined hours are asked again
        self.engine.offer_labour(market, draws)  # workers: a platform and the hours their share gives
        self.clear_markets(market)  # platforms: match, pay, capture traces
        self.engine.tire_or_recover(draws)  # fatigue, burn-out, recovery
        self.engine.judge_episode()  # how the week's volunteering went moves the will to answer again
        self.interventions.settle(self)  # the authority pays for what was served and given
        self.authority.enforce()  # defied rules detected and fined
        self.platforms_review(list(self.platforms))  # platforms learn, break even or leave
        self.authority.track_objective(rules.objective)
        self.engine.take_civic_time()  # citizens: their share of what time is left
        if rules.debate is not None:  # a debate, in the time residents have left
            self.civic.agora_attendance = hold_debate(self, rules.debate)
            self.log.record(self.week, rules.debate.host, EventKind.DEBATE_HELD,
                            f"{self.civic.agora_attendance:.1%} of residents attended")
        self.interventions.act(self)  # votes; adaptive rules watch the readings
        waiting = np.array([p.waiting_share for p in self.platforms])
        self.engine.be_influenced(market, before, self.authority.coverage,
                                  1.0 - self.authority.risk_share, waiting)
        self.platforms.do("update")  # the six criteria
        self.authority.update(float(s.contribution_h.sum()), float(s.trust.mean()))
        if self.config.incumbents.react:
            for incumbent in self.incumbents:
                incumbent.observe(self)  # under tension, incumbents react by their own rule

        self.record()
        self.payments.close_week()
        self.week += 1
        if self.week >= self.config.weeks:
            self.running = False

    def open_market(self) -> Market:
        """What residents face this week, frozen from last week's outcomes."""
        cfg, platforms = self.config, list(self.platforms)
        n = cfg.n_residents
        on_offer = [p for p in platforms if p.present]
        remember = cfg.consumption.reliability_memory
        served = np.array([p.served_share for p in platforms])  # last week's
        return Market(
            n_sectors=len(cfg.sectors),
            uses_per_week=np.array([s.uses_per_week for s in cfg.sectors]),
            task_h=np.array([s.task_h for s in cfg.sectors]),
            offline_utility=np.array([s.offline_utility for s in cfg.sectors]) + np.array(self.rules.offline_bonus),
            offline_time_h=np.array([s.offline_time_h for s in cfg.sectors]),
            choice_sets=tuple(
                np.array([p.index for p in on_offer if p.sector_index == k], dtype=np.int32)
                for k in range(len(cfg.sectors))
            ),
            price=np.array([p.price_eur - p.subsidy_eur for p in platforms]),  # what a resident pays
            # its service: public support and investments, and what its group's other services' data add
            quality=np.array([p.quality + cfg.strategies.data_network_weight * p.data_from_other_sectors()
                              for p in platforms]),
            social=np.array([p.social_score for p in platforms]),
            is_commercial=np.array([p.kind == "commercial" for p in platforms]),
            # convenient is a provider many used: those it served, when residents remember failed service
            user_share=np.array([p.users / n for p in platforms]) * (served if remember else 1.0),
            pay_rate=np.array([p.pay_per_offered_h for p in platforms]),
            time_per_use_h=np.array([p.time_per_use_h for p in platforms]),
            served_share=served,
            price_weight=np.array([s.price_weight for s in cfg.sectors]),
            reliability_weight=cfg.consumption.reliability_weight if remember else 0.0,
            convenience_weight=cfg.consumption.convenience_weight,
            social_weight=cfg.consumption.social_weight,
            literacy_weight=cfg.consumption.literacy_weight,
            pay_sensitivity=cfg.labour.pay_sensitivity_per_eur,
            labour_social_weight=cfg.labour.social_weight,
        )

    def clear_markets(self, market: Market) -> None:
        """Each platform matches uses with hours; then workers are paid what it set."""
        platforms = list(self.platforms)
        uses, hours = self.engine.demand_and_supply(market, len(platforms))
        for p in platforms:
            if p.present:
                p.clear_market(float(uses[p.index]), float(hours[p.index]))
            else:
                p.idle()
        self.engine.get_paid(np.array([p.accept_ratio for p in platforms]),
                             np.array([p.pay_rate_eur_h for p in platforms]))
        s = self.residents_state
        s.money_eur += s.earnings_eur  # gig pay (each platform booked what it paid out)
        served = np.array([p.served_share for p in platforms])
        paid = pay_for_services(s, market, served)
        if self.config.consumption.reliability_memory:
            remember_service(s, served, self.config.consumption.reliability_memory_weeks)
        for p in platforms:
            p.receive(Party.HOUSEHOLDS, Flow.PURCHASE, float(paid[p.index]))
        users = np.zeros(len(platforms), dtype=np.int64)
        for sector in range(market.n_sectors):
            p = s.provider[:, sector]
            users += np.bincount(p[p != NO_PROVIDER], minlength=len(platforms))
        working = s.work_platform[(s.work_platform != NO_PROVIDER) & (s.gig_h > 0)]
        workers = np.bincount(working, minlength=len(platforms))
        for p in platforms:
            p.users, p.workers = int(users[p.index]), int(workers[p.index])
            if p.present:
                p.watch_service()
        self.watch_budgets()

    def move(self, draws: WeekDraws) -> None:
        """Movers leave with what they hold; newcomers arrive with nothing put aside yet."""
        leaving = max(0.0, float(self.residents_state.money_eur[draws.move].sum()))  # no float dust
        self.payments.pay(self.week, Party.HOUSEHOLDS, Party.OUTSIDE, Flow.MOVER_LEAVES, leaving)
        self.engine.move(draws)

    def receive_income(self) -> None:
        s = self.residents_state
        income = budgeted_income(s, self.config.residents.service_budget_share)
        s.money_eur += income
        self.payments.pay(self.week, Party.OUTSIDE, Party.HOUSEHOLDS, Flow.INCOME, float(income.sum()))

    def watch_budgets(self) -> None:
        """Log when more than `SHORT_SPELL` of residents start (or stop) being unable to pay for every use
        they chose."""
        short = float((self.residents_state.affordable < 1.0).mean())
        if short > SHORT_SPELL and self.short_since is None:
            self.short_since = self.week
            self.log.record(self.week, Party.HOUSEHOLDS, EventKind.BUDGET_SHORTFALL,
                            f"{100 * short:.1f}% of residents cannot pay for every use they chose",
                            short_pct=100 * short)
        elif short <= SHORT_SPELL and self.short_since is not None:
            weeks, self.short_since = self.week - self.short_since, None
            self.log.record(self.week, Party.HOUSEHOLDS, EventKind.BUDGET_SHORTFALL,
                            f"{100 * short:.1f}% of residents cannot pay for every use they chose, after {weeks} "
                            f"week{'s' if weeks != 1 else ''} above {100 * SHORT_SPELL:.0f}%", short_pct=100 * short,
                            weeks=weeks)

    def launch_platforms(self) -> None:
        for p in self.platforms:
            if p.launch_due:
                p.enter(f"its launch week ({p.spec.entry_week})")
            elif p.return_due:
                p.return_with_permit()

    def platforms_review(self, platforms: list[Platform]) -> None:
        """After the market: platforms learn, break even or leave; at the end of a review period, a waiting
        entrant enters a sector whose commercial platforms have been profitable."""
        for p in platforms:
            if p.present:
                p.close_week()
            elif p.status == Status.SUSPENDED:
                p.pay_fines()  # out of the city, it still owes what it was fined
        cfg = self.config.strategies
        if (self.week + 1) % cfg.review_weeks:
            return
        for p in platforms:
            if p.status == Status.WAITING and p.spec.entry_week is None:
                rivals = [q for q in platforms if q.sector == p.sector and q.present and q.kind == "commercial"]
                profit = sum(q.strategy.last_period_profit_eur for q in rivals if q.strategy)
                per_resident = profit / cfg.review_weeks / self.config.n_residents
                if rivals and per_resident > cfg.entry_profit_eur_per_resident_w:
                    p.enter(f"its rivals made EUR {per_resident:.2f} per resident a week over the last review period")

    # --- results ------------------------------------------------------------

    def record(self) -> None:
        self.latest = weekly_indicators(self)
        self._records.append(self.latest)
        self._platform_records.extend(platform_rows(self))
        self._sector_records.extend(sector_rows(self))
        self._intervention_records.extend(self.interventions.rows(self.week))
        self._retention_records.extend(retention_rows(self, self._cohorts))
        self.datacollector.collect(self)

    @property
    def recorded(self) -> list[dict]:
        """The indicators of every week recorded so far, oldest first."""
        return self._records

    def indicators(self) -> pl.DataFrame:
        """One row per week: the headline and supporting indicators."""
        return pl.DataFrame(self._records, schema=_dtypes(SCHEMAS["indicators"]))

    def platform_table(self) -> pl.DataFrame:
        """One row per platform and week: money, users, the six criteria, the reading."""
        return pl.DataFrame(self._platform_records, schema=_dtypes(SCHEMAS["platforms"]))

    def sector_readings(self) -> pl.DataFrame:
        """One row per sector and week: the authority's reading (risk / tension / opportunity)."""
        return pl.DataFrame(self._sector_records, schema=_dtypes(SCHEMAS["sectors"]))

    def intervention_table(self) -> pl.DataFrame:
        """One row per intervention and week: status and money spent so far."""
        schema = {"week": pl.Int64, "intervention": pl.String, "type": pl.String,
                  "origin": pl.String, "status": pl.String, "spent_eur": pl.Float64}
        return pl.DataFrame(self._intervention_records, schema=schema)

    def contributor_retention(self, by_cohort: bool = False) -> pl.DataFrame:
        """Of residents who first gave volunteer hours in a week, the share still giving 4, 13, 26 and
        52 weeks later: pooled over cohorts (one row per delay), or one row per cohort and delay."""
        schema = {"cohort_week": pl.Int64, "after_weeks": pl.Int64, "cohort": pl.Int64, "still_active": pl.Int64}
        table = pl.DataFrame(self._retention_records, schema=schema)
        if not by_cohort:
            table = (table.group_by("after_weeks").agg(pl.col("cohort").sum(), pl.col("still_active").sum())
                     .sort("after_weeks"))
        return table.with_columns(share=pl.col("still_active") / pl.col("cohort"))

    def ledger(self) -> pl.DataFrame:
        """Every payment of the run: week, payer, payee, flow, EUR (`simulation/ledger.py`)."""
        return self.payments.table()

    def events(self) -> pl.DataFrame:
        """The event log: one row per event (week, actor, kind, details), in the order they happened."""
        return self.log.table()

    def run(self, weeks: int | None = None) -> CityModel:
        for _ in range(weeks if weeks is not None else self.config.weeks):
            self.step()
        return self


def _dtypes(names: dict[str, str]) -> dict[str, pl.DataType]:
    return {column: getattr(pl, dtype) for column, dtype in names.items()}
