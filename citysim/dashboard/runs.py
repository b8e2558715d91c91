"""The live runs: each city's run on the chosen seed and its band seeds, stepped together.

A class should not read noise as an effect, so every city also runs on a few more seeds (the same
seeds in City A and City B: the runs are paired) and the charts draw the band they span. The runs
are small enough (a few milliseconds a week each at 2,000 residents) to step in lockstep with the
live one, so the band always covers exactly the weeks on screen.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import polars as pl

from citysim.dashboard.settings import Settings
from simulation.model import CityModel
from simulation.registry import INDICATORS, indicator
from simulation.scenario import Scenario
from simulation.vocabulary import EventKind

BAND_SEEDS = 5
"""Seeds run beside the chosen one; the band spans all six."""
WINDOW = 13
"""Weeks (a quarter) over which the difference readout averages each city."""
COLUMNS = tuple(INDICATORS)
LEVER_EVENTS = (EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED, EventKind.RULE_FIRED)
"""The events a chart marks: a lever starting, ending, stopping for want of money, a rule firing."""


def seeds(seed: int) -> list[int]:
    """The chosen seed and the band's, derived from it."""
    return [int(seed), *(int(s) for s in np.random.SeedSequence(int(seed)).generate_state(BAND_SEEDS))]


class CityRuns:
    """One city on every seed: the live run (the chosen seed) first, then the band's."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.models = [CityModel(scenario, rng=s) for s in seeds(seed)]
        self.values = np.full((len(self.models), scenario.weeks, len(COLUMNS)), np.nan)
        """Every indicator of every run, by run, week and column (NaN where undefined or not yet run)."""

    @property
    def live(self) -> CityModel:
        return self.models[0]

    @property
    def week(self) -> int:
        return self.live.week

    def step(self) -> None:
        week = self.week
        for k, model in enumerate(self.models):
            model.step()
            latest = model.latest
            self.values[k, week] = [np.nan if latest[c] is None else latest[c] for c in COLUMNS]

    def series(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """The weeks run so far and each run's values there (runs x weeks)."""
        weeks = np.arange(self.week)
        return weeks, self.values[:, : self.week, COLUMNS.index(column)]

    def recent(self, column: str) -> np.ndarray:
        """Each run's mean over the last `WINDOW` weeks (NaN before the first week)."""
        _, values = self.series(column)
        if values.shape[1] == 0:
            return np.full(len(self.models), np.nan)
        window = values[:, -WINDOW:]
        with np.errstate(all="ignore"):
            return np.where(np.isnan(window).all(axis=1), np.nan, np.nanmean(window, axis=1))


@dataclass(frozen=True)
class Difference:
    """City B minus City A, on the live seed and across all the paired seeds."""

    live: float
    low: float
    high: float
    smd: float
    """The indicator's smallest meaningful difference (the registry's)."""

    @property
    def verdict(self) -> str:
        """identical; higher / lower (every seed differs, one way, by at least the smallest meaningful
        difference); none (every seed differs by less); or unclear (the seeds disagree: noise)."""
        if self.low == 0 and self.high == 0:
            return "identical"
        if self.low >= self.smd:
            return "higher"
        if self.high <= -self.smd:
            return "lower"
        if -self.smd < self.low and self.high < self.smd:
            return "none"
        return "unclear"


@dataclass(frozen=True)
class LeverEvent:
    """A lever's moment in one city: started (by the calendar or by an adaptive rule), ended, unfunded."""

    week: int
    city: str
    lever: str
    """The lever's type."""
    kind: EventKind
    origin: str
    """'policy' (as the policy set it), 'class' (switched on or changed in the controls) or 'rule' (started
    by an adaptive rule)."""
    rule: tuple[str, str, int] | None = None
    """For a lever an adaptive rule started: (sector, reading, weeks) it waited for."""


class Classroom:
    """The cities on screen, built from the controls' settings and stepped together."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cities = {name: CityRuns(settings.scenario(name), settings.seed) for name in settings.names}
        self.lock = threading.Lock()

    @property
    def week(self) -> int:
        return self.cities["A"].week

    @property
    def running(self) -> bool:
        return self.week < self.settings.weeks

    def step(self, weeks: int = 1) -> None:
        with self.lock:
            for _ in range(min(weeks, self.settings.weeks - self.week)):
                for city in self.cities.values():
                    city.step()

    def difference(self, column: str) -> Difference | None:
        """City B minus City A over the last weeks, per paired seed (None with one city or no week yet)."""
        if len(self.cities) < 2 or self.week == 0:
            return None
        diff = self.cities["B"].recent(column) - self.cities["A"].recent(column)
        if np.isnan(diff).all():
            return None
        return Difference(float(diff[0]), float(np.nanmin(diff)), float(np.nanmax(diff)),
                          float(indicator(column).smd or 0.0))

    def lever_events(self) -> list[LeverEvent]:
        """Every city's lever events so far, in week order (City A's first within a week)."""
        found = []
        for name, city in self.cities.items():
            policy = self.settings.city(name)
            table = city.live.events().filter(pl.col("kind").is_in([str(k) for k in LEVER_EVENTS]))
            started_by = dict(city.live.intervention_table().filter(pl.col("origin") != "scenario")
                              .select("intervention", "origin").unique().iter_rows())
            rules = {spec.name(): spec for spec in city.scenario.interventions if spec.type == "adaptive_rule"}
            for week, actor, kind, *_ in table.iter_rows():
                kind = EventKind(kind)
                if kind == EventKind.RULE_FIRED:
                    continue  # shown as the start of the lever it fires, with the rule's reason
                spec = next((s for s in city.scenario.interventions if s.name() == actor), None)
                lever = spec.type if spec is not None else actor
                rule = rules.get(started_by.get(actor, ""))
                origin = ("rule" if rule is not None else
                          "policy" if policy.lever(lever).in_policy and not policy.lever(lever).changed
                          else "class")
                found.append(LeverEvent(week, name, lever, kind, origin,
                                        (rule.sector, str(rule.when_reading), rule.for_weeks) if rule else None))
        return sorted(found, key=lambda e: (e.week, e.city))

    def table(self) -> pl.DataFrame:
        """Every run's indicators, one row per city, seed and week: what the CSV download holds."""
        frames = []
        for name, city in self.cities.items():
            for k, seed in enumerate(seeds(self.settings.seed)):
                frame = pl.DataFrame(city.values[k, : city.week], schema=list(COLUMNS), orient="row")
                frames.append(frame.with_columns(
                    pl.lit(name).alias("city"), pl.lit(city.scenario.context).alias("context"),
                    pl.lit(city.scenario.policy).alias("policy"), pl.lit(seed, dtype=pl.Int64).alias("seed"),
                    pl.lit(k == 0).alias("live"), pl.int_range(0, city.week).alias("week")))
        return pl.concat(frames).select("city", "context", "policy", "seed", "live", "week", *COLUMNS)
