"""Every lesson's reveal holds in the model: each claim checked on paired seeds.

A lesson (`citysim/dashboard/lessons.py`) loads City A and City B; its claims say which way City B
differs from City A (or that it does not meaningfully differ), where a city's indicator lies, or how it
rises and falls, over the last 52 weeks of the lesson's run or another span of weeks.
Here each lesson runs as it loads (and in the variants its steps ask for) on the same 8 seeds in both
cities, at the context's own size (2,000 residents): a claim that fails means the lesson's text must
change to say what the model does, never that a parameter should be tuned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import pytest

from citysim.dashboard.lessons import LESSONS, QUARTER, Compare, Identical, Level, Logged, Peak, Reads, Uses, vary
from citysim.dashboard.texts import TEXTS
from simulation.model import CityModel
from simulation.registry import INDICATORS, indicator

SEEDS = range(8)


@dataclass
class Run:
    indicators: pl.DataFrame
    sectors: pl.DataFrame
    platforms: pl.DataFrame
    events: pl.DataFrame


@pytest.fixture(scope="module")
def runs():
    """A function giving, for a lesson, a variant and a city, its runs on every seed. Runs are computed
    once and shared: the same city in several lessons (the calm city without a policy) runs once."""
    done: dict[tuple[str, int], list[Run]] = {}

    def city_runs(item, changes, city: str) -> list[Run]:
        scenario = vary(item.settings(), changes).scenario(city)
        key = (scenario.model_dump_json(), item.weeks)
        if key not in done:
            models = [CityModel(scenario, rng=seed).run(item.weeks) for seed in SEEDS]
            done[key] = [Run(m.indicators(), m.sector_readings(), m.platform_table(), m.events()) for m in models]
        return done[key]

    return city_runs


def mean_over(run: Run, claim, column: str) -> float:
    """The run's mean of an indicator over the claim's weeks (the run's last 52 unless it says)."""
    start, stop = claim.span(run.indicators.height)
    return run.indicators.filter(pl.col("week").is_between(start, stop, closed="left"))[column].mean()


def check(claim, cities) -> None:
    """``cities(name)``: that city's runs on every seed, in the claim's variant."""
    if isinstance(claim, Compare):
        a = np.array([mean_over(r, claim, claim.indicator) for r in cities("A")])
        b = np.array([mean_over(r, claim, claim.indicator) for r in cities("B")])
        diff = b - a
        mean, se = diff.mean(), diff.std(ddof=1) / np.sqrt(len(diff))
        smd = indicator(claim.indicator).smd
        if claim.sign == 0:
            assert abs(mean) + 2 * se < smd, f"B - A = {mean:.4g} (se {se:.4g}, smd {smd}): not clearly within the SMD"
        else:
            assert claim.sign * mean >= smd and claim.sign * mean > 2 * se, \
                f"B - A = {mean:.4g} (se {se:.4g}, smd {smd})"
        if claim.factor is not None:
            assert (b >= claim.factor * a).all(), f"B / A: {b / a}"
    elif isinstance(claim, Level):
        values = np.array([mean_over(r, claim, claim.indicator) for r in cities(claim.city)])
        inside = (values >= claim.low) & (values <= claim.high)
        assert inside.any() if claim.some else (inside.mean() > 0.5) if claim.most else inside.all(), values
    elif isinstance(claim, Uses):
        shares = []
        for run in cities(claim.city):
            start, stop = claim.span(run.indicators.height)
            table = run.platforms.filter(pl.col("week").is_between(start, stop, closed="left")
                                         & (pl.col("sector") == claim.sector))
            users = pl.col("users")
            mine = users.filter(pl.col("platform") == claim.platform).sum() if claim.platform else users.max()
            share = table.group_by("week").agg(mine / users.sum())["users"].mean()
            shares.append(share)
        inside = [claim.low <= share <= claim.high for share in shares]
        assert any(inside) if claim.some else all(inside), \
            f"{claim.platform or 'the leader'}: {shares} of {claim.sector}"
    elif isinstance(claim, Reads):
        holds = []
        for run in cities(claim.city):
            start, stop = claim.span(run.indicators.height)
            readings = run.sectors.filter((pl.col("sector") == claim.sector)
                                          & pl.col("week").is_between(start, stop, closed="left"))["reading"]
            holds.append(readings.is_in(claim.readings).mean() > 0.5)
        assert (any(holds) if claim.some else np.mean(holds) > 0.5 if claim.most else all(holds)), holds
    elif isinstance(claim, Peak):
        holds = []
        for run in cities(claim.city):
            values = run.indicators[claim.indicator].to_numpy().astype(float)
            quarters = np.array([np.nanmean(values[k: k + QUARTER]) for k in range(0, len(values), QUARTER)])
            peak = quarters.max()
            holds.append(peak >= claim.low and quarters[-1] <= claim.fall * peak)
        assert sum(holds) > len(holds) / 2, holds
    elif isinstance(claim, Logged):
        found = []
        for run in cities(claim.city):
            start, stop = claim.span(run.indicators.height)
            found.append(run.events.filter(pl.col("week").is_between(start, stop, closed="left")
                                           & (pl.col("kind") == claim.kind)
                                           & pl.col("actor").str.contains(claim.actor, literal=True)
                                           & pl.col("details").str.contains(claim.text, literal=True)).height)
        logged = np.array(found) > 0
        assert ((not logged.any()) if claim.never else logged.any() if claim.some
                else logged.mean() > 0.5 if claim.most else logged.all()), found
    elif isinstance(claim, Identical):
        for a, b in zip(cities("A"), cities("B"), strict=True):
            early = pl.col("week") < claim.week
            assert a.indicators.filter(early).equals(b.indicators.filter(early))
            assert not a.indicators.equals(b.indicators)  # and then they part
    else:
        raise TypeError(f"no check for {claim!r}")


@pytest.mark.parametrize("item", LESSONS, ids=[item.key for item in LESSONS])
def test_each_claim_of_the_reveal_holds_on_paired_seeds(item, runs):
    for claim in item.claims:
        check(claim, lambda city, claim=claim: runs(item, claim.changes, city))


@pytest.mark.parametrize("item", LESSONS, ids=[item.key for item in LESSONS])
def test_a_lesson_is_complete_in_both_languages_and_watches_what_it_claims(item):
    for part in ("title", "question", "steps", "watch", "reveal"):
        en, fr = TEXTS[f"lesson.{item.key}.{part}"]
        assert en.strip() and fr.strip() and en != fr
    en, fr = TEXTS[f"lesson.{item.key}.steps"]
    assert len(en.split("\n")) == len(fr.split("\n"))
    assert all(chart in INDICATORS for chart in item.charts)
    settings = item.settings()
    assert settings.context == item.context and [c.policy for c in settings.cities] == list(item.policies)
