"""The live runs: each city's run on the chosen seed and its band seeds.

A class should not read noise as an effect, so every city also runs on a few more seeds (the same
seeds in City A and City B: the runs are paired) and the charts draw the band they span. What the
class waits for is the chosen seed: a press of "+1 year" steps only the live runs (one per city) and
the charts show them at once; the band seeds follow in a background thread, which gives way whenever
the live runs step or the charts draw, and catches up within seconds. The bands run at the live
run's size up to `BAND_RESIDENTS` (the size the lessons' claims are checked at), so a city of
10,000 residents keeps a band that keeps up with it; the page says at which size they run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import polars as pl

from citysim.dashboard.settings import Settings
from simulation.model import CityModel
from simulation.registry import INDICATORS, indicator
from simulation.scenario import Scenario

BAND_SEEDS = 5
"""Seeds run beside the chosen one; the band spans all six."""
BAND_RESIDENTS = 2000
"""The band seeds run at the live run's size, at most this many residents."""
WINDOW = 52
"""Weeks (a year) over which the difference readout averages each city: the span of the lessons' claims."""
COLUMNS = tuple(INDICATORS)
MAX_SEED = 2**32 - 1
BAND_REPORT_S = 0.5
"""The band thread reports its progress at most this often (and when it catches up)."""


def seeds(seed: int) -> list[int]:
    """The chosen seed and the band's, derived from it."""
    return [int(seed), *(int(s) for s in np.random.SeedSequence(int(seed)).generate_state(BAND_SEEDS))]


def parse_seed(text: str) -> int | None:
    """A seed typed in the page: a whole number from 0 to 2^32 - 1; None for anything else."""
    text = text.strip().replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if not text.isdecimal() or len(text) > 10:
        return None
    seed = int(text)
    return seed if seed <= MAX_SEED else None


def band_size(residents: int) -> int:
    return min(residents, BAND_RESIDENTS)


def user_share(model: CityModel) -> np.ndarray:
    """Of the residents who use a provider of each platform's sector, the share who use that platform
    (NaN where nobody uses the sector), in the order of ``model.platforms``."""
    users = np.array([p.users for p in model.platforms], dtype=float)
    sector = np.array([p.sector_index for p in model.platforms])
    totals = np.bincount(sector, weights=users)[sector]
    with np.errstate(all="ignore"):
        return np.where(totals > 0, users / totals, np.nan)


class CityRuns:
    """One city on every seed: the live run (the chosen seed) first, then the band's."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        band = scenario if scenario.n_residents <= BAND_RESIDENTS else scenario.with_overrides(
            {"n_residents": BAND_RESIDENTS}, source="dashboard bands")
        self.models = [CityModel(scenario if k == 0 else band, rng=s) for k, s in enumerate(seeds(seed))]
        self.platforms = tuple(p.name for p in self.live.platforms)
        self.values = np.full((len(self.models), scenario.weeks, len(COLUMNS)), np.nan)
        """Every indicator of every run, by run, week and column (NaN where undefined or not yet run)."""
        self.shares = np.full((len(self.models), scenario.weeks, len(self.platforms)), np.nan)
        """Each platform's share of its sector's users, by run, week and platform."""

    @property
    def live(self) -> CityModel:
        return self.models[0]

    @property
    def week(self) -> int:
        return self.live.week

    @property
    def band_week(self) -> int:
        """The weeks every band seed has run."""
        return min(model.week for model in self.models[1:])

    def _step(self, k: int) -> None:
        model = self.models[k]
        week = model.week
        model.step()
        latest = model.latest
        self.values[k, week] = [np.nan if latest[c] is None else latest[c] for c in COLUMNS]
        self.shares[k, week] = user_share(model)

    def step_live(self) -> None:
        self._step(0)

    def step_band(self) -> None:
        """One week of every band seed that is behind the live run."""
        for k in range(1, len(self.models)):
            if self.models[k].week < self.week:
                self._step(k)

    def series(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The weeks the live run has run and each run's values there (runs x weeks; NaN where a band
        seed has not run yet). ``key``: an indicator, or ``users:<sector>:<platform>`` (the platform's
        share of its sector's users)."""
        weeks = np.arange(self.week)
        if key.startswith("users:"):
            return weeks, self.shares[:, : self.week, self.platforms.index(key.split(":")[2])]
        return weeks, self.values[:, : self.week, COLUMNS.index(key)]

    def mean_over(self, key: str, first: int, last: int) -> np.ndarray:
        """Each run's mean of a series over weeks ``first`` to ``last - 1`` (NaN where undefined)."""
        _, values = self.series(key)
        window = values[:, first:last]
        with np.errstate(all="ignore"):
            return np.where(np.isnan(window).all(axis=1), np.nan, np.nanmean(window, axis=1))


class Verdict(StrEnum):
    """What City B minus City A says over the paired seeds, against the smallest meaningful difference."""

    IDENTICAL = "identical"
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"
    UNCLEAR = "unclear"


def verdict(diffs: np.ndarray, smd: float) -> Verdict:
    """The rule of the readouts and of the lessons' claims: B is higher (lower) when the mean paired
    difference is at least the smallest meaningful difference that way and more than twice its standard
    error; there is no meaningful difference when the mean, widened by twice its standard error either
    way, stays within it; otherwise the seeds disagree. Seeds where the indicator is undefined are left out."""
    diffs = np.asarray(diffs, dtype=float)
    diffs = diffs[~np.isnan(diffs)]
    if diffs.size and (diffs == 0).all():
        return Verdict.IDENTICAL
    if diffs.size < 2:
        return Verdict.UNCLEAR
    mean, se = float(diffs.mean()), float(diffs.std(ddof=1) / np.sqrt(diffs.size))
    if mean >= smd and mean > 2 * se:
        return Verdict.HIGHER
    if -mean >= smd and -mean > 2 * se:
        return Verdict.LOWER
    if abs(mean) + 2 * se < smd:
        return Verdict.NONE
    return Verdict.UNCLEAR


@dataclass(frozen=True)
class Difference:
    """City B minus City A over a window of weeks, on the live seed and across all the paired seeds."""

    first: int
    last: int
    """The window: weeks ``first`` to ``last - 1``."""
    live: float
    low: float
    high: float
    verdict: Verdict


class Classroom:
    """The cities on screen, built from the controls' settings: the live runs step when asked, the band
    seeds follow in a background thread (`start_bands`), which `close` stops."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cities = {name: CityRuns(settings.scenario(name), settings.seed) for name in settings.names}
        self.lock = threading.Lock()
        """Held while the live runs step: one job at a time."""
        self._busy = 0
        self._wake = threading.Condition()
        self._stop = threading.Event()
        self._bands: threading.Thread | None = None
        self.on_bands: Callable[[int], None] | None = None
        """Called from the band thread as the bands move (with the week they reached), at most every
        `BAND_REPORT_S` seconds and when they catch up with the live runs."""

    @property
    def week(self) -> int:
        return self.cities["A"].week

    @property
    def band_week(self) -> int:
        return min(city.band_week for city in self.cities.values())

    @property
    def caught_up(self) -> bool:
        return self.band_week >= self.week

    @property
    def running(self) -> bool:
        return self.week < self.settings.weeks

    @property
    def band_residents(self) -> int:
        return band_size(self.settings.n_residents)

    @contextmanager
    def priority(self) -> Iterator[None]:
        """Live work (stepping the chosen seed, drawing): the band thread waits until it is done."""
        with self._wake:
            self._busy += 1
        try:
            yield
        finally:
            with self._wake:
                self._busy -= 1
                self._wake.notify_all()

    def advance(self, weeks: int = 1, progress: Callable[[int], None] | None = None,
                stop: Callable[[], bool] | None = None) -> int:
        """Step the live runs (every city on the chosen seed) ``weeks`` weeks, or to the end of the run;
        ``progress(done)`` after each week; ``stop()`` ends it early. Returns the weeks stepped."""
        done = 0
        with self.lock, self.priority():
            for _ in range(min(weeks, self.settings.weeks - self.week)):
                if stop is not None and stop():
                    break
                for city in self.cities.values():
                    city.step_live()
                done += 1
                if progress is not None:
                    progress(done)
        return done

    def catch_up(self) -> None:
        """Step the band seeds to the live runs' week, here and now (what the band thread does)."""
        while not self.caught_up:
            for city in self.cities.values():
                city.step_band()

    def step(self, weeks: int = 1) -> None:
        """Step every run, live and band, ``weeks`` weeks (scripts and tests: no thread)."""
        self.advance(weeks)
        self.catch_up()

    def start_bands(self, stop: threading.Event | None = None) -> None:
        """Run the band seeds in a background thread until `close` (or until ``stop`` is set: the
        session's end). Idempotent."""
        if self._bands is not None:
            return
        self._bands = threading.Thread(target=self._follow, args=(stop,), daemon=True, name="citysim-bands")
        self._bands.start()

    def _follow(self, stop: threading.Event | None) -> None:
        reported = time.monotonic()
        while True:
            with self._wake:
                while not self._stopping(stop) and (self._busy or self.caught_up):
                    self._wake.wait(0.5)
            if self._stopping(stop):
                return
            for city in self.cities.values():  # one week of every band seed behind, city by city
                city.step_band()
            now = time.monotonic()
            if self.on_bands is not None and (self.caught_up or now - reported > BAND_REPORT_S):
                reported = now
                self.on_bands(self.band_week)

    def _stopping(self, stop: threading.Event | None) -> bool:
        return self._stop.is_set() or (stop is not None and stop.is_set())

    def nudge(self) -> None:
        """Wake the band thread (the live runs moved)."""
        with self._wake:
            self._wake.notify_all()

    def close(self) -> None:
        """Stop the band thread (the page closed, or new settings replaced these cities)."""
        self._stop.set()
        self.nudge()

    @property
    def bands_alive(self) -> bool:
        return self._bands is not None and self._bands.is_alive()

    def join(self, timeout: float = 5.0) -> None:
        if self._bands is not None:
            self._bands.join(timeout)

    def difference(self, key: str) -> Difference | None:
        """City B minus City A over the last year (fewer weeks before week 52), per paired seed; None
        with one city, before week 1, or while the band seeds have not reached the live runs."""
        if len(self.cities) < 2 or self.week == 0 or not self.caught_up:
            return None
        first, last = max(0, self.week - WINDOW), self.week
        diff = self.cities["B"].mean_over(key, first, last) - self.cities["A"].mean_over(key, first, last)
        if np.isnan(diff).all():
            return None
        return Difference(first, last, float(diff[0]), float(np.nanmin(diff)), float(np.nanmax(diff)),
                          verdict(diff, smd(key)))

    def table(self) -> pl.DataFrame:
        """Every run's indicators, one row per city, seed and week (the weeks every run has run): what
        the CSV download holds."""
        frames = []
        weeks = min(self.week, self.band_week)
        for name, city in self.cities.items():
            for k, (seed, model) in enumerate(zip(seeds(self.settings.seed), city.models, strict=True)):
                frame = pl.DataFrame(city.values[k, :weeks], schema=list(COLUMNS), orient="row")
                frames.append(frame.with_columns(
                    pl.lit(name).alias("city"), pl.lit(city.scenario.context).alias("context"),
                    pl.lit(city.scenario.policy).alias("policy"), pl.lit(seed, dtype=pl.Int64).alias("seed"),
                    pl.lit(k == 0).alias("live"), pl.lit(model.config.n_residents).alias("residents"),
                    pl.int_range(0, weeks).alias("week")))
        return pl.concat(frames).select("city", "context", "policy", "seed", "live", "residents", "week", *COLUMNS)


def smd(key: str) -> float:
    """A series' smallest meaningful difference: the registry's, or 0.02 for a share of users."""
    return 0.02 if key.startswith("users:") else float(indicator(key).smd or 0.0)
