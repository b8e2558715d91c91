"""Every lesson's reveal holds in the model, cites only what its screen shows, and agrees with the
readouts under its charts.

A lesson (`citysim/dashboard/lessons.py`) loads City A and City B and walks through steps; each reveal
step's claims say which way City B differs from City A, where a city's indicator lies, how it rises and
falls, what the event log records, how the authority reads a sector or who uses which platform.

Here each lesson runs as it loads (and in the variants its steps ask for) on 8 paired seeds at the
context's own size (2,000 residents): the six the page runs when the lesson loads (the default seed and
its five band seeds) and two more. A `Compare` claim is what the readout under a chart says: the same
rule (`runs.verdict`) on the page's six seeds, so the verdict a class reads and the answer beside it
agree. The other claims hold on all eight. A claim that fails means the lesson's text must change to
say what the model does, never that a parameter should be tuned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import pytest

from citysim.dashboard.lessons import (
    LESSONS,
    QUARTER,
    Compare,
    Identical,
    Level,
    Logged,
    Peak,
    Reads,
    StepKind,
    Uses,
    vary,
)
from citysim.dashboard.runs import BAND_RESIDENTS, Verdict, seeds, verdict
from citysim.dashboard.settings import DEFAULT_SEED
from citysim.dashboard.texts import TEXTS
from simulation.model import CityModel
from simulation.registry import INDICATORS, indicator

PAGE_SEEDS = seeds(DEFAULT_SEED)
"""What the page runs when a lesson loads: the chosen seed and the band's."""
SEEDS = [*PAGE_SEEDS, 0, 1]


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
        assert scenario.n_residents <= BAND_RESIDENTS  # so the band seeds run at the live run's size
        key = (scenario.model_dump_json(), item.weeks)
        if key not in done:
            models = [CityModel(scenario, rng=seed).run(item.weeks) for seed in SEEDS]
            done[key] = [Run(m.indicators(), m.sector_readings(), m.platform_table(), m.events()) for m in models]
        return done[key]

    return city_runs


def mean_over(run: Run, span: tuple[int, int], column: str) -> float:
    value = run.indicators.filter(pl.col("week").is_between(*span, closed="left"))[column].mean()
    return np.nan if value is None else value


def check(claim, week: int, cities) -> None:
    """``cities(name)``: that city's runs on every seed, in the claim's variant; ``week``: its step's."""
    span = claim.span(week)
    if isinstance(claim, Compare):
        a = np.array([mean_over(r, span, claim.indicator) for r in cities("A")])
        b = np.array([mean_over(r, span, claim.indicator) for r in cities("B")])
        page = len(PAGE_SEEDS)
        found = verdict((b - a)[:page], indicator(claim.indicator).smd)
        expected = {claim.verdict} | ({Verdict.IDENTICAL} if claim.verdict == Verdict.NONE else set())
        assert found in expected, f"the readout says {found}: B - A = {np.round(b - a, 4)[:page]}"
        if claim.factor is not None:
            assert (b >= claim.factor * a).all(), f"B / A: {b / a}"
    elif isinstance(claim, Level):
        values = np.array([mean_over(r, span, claim.indicator) for r in cities(claim.city)])
        inside = (values >= claim.low) & (values <= claim.high)
        assert inside.any() if claim.some else (inside.mean() > 0.5) if claim.most else inside.all(), values
    elif isinstance(claim, Uses):
        shares = []
        for run in cities(claim.city):
            table = run.platforms.filter(pl.col("week").is_between(*span, closed="left")
                                         & (pl.col("sector") == claim.sector))
            users = pl.col("users")
            shares.append(table.group_by("week").agg(users.filter(pl.col("platform") == claim.platform).sum()
                                                     / users.sum())["users"].mean())
        inside = (np.array(shares) >= claim.low) & (np.array(shares) <= claim.high)
        assert inside.any() if claim.some else (inside.mean() > 0.5) if claim.most else inside.all(), \
            f"{claim.platform} in {claim.sector}: {shares}"
    elif isinstance(claim, Reads):
        weeks = pl.col("week").is_between(*span, closed="left")
        shares = [run.sectors.filter((pl.col("sector") == claim.sector) & weeks)["reading"].is_in(claim.readings).mean()
                  for run in cities(claim.city)]
        mostly = np.array(shares) > 0.5
        assert mostly.any() if claim.some else (mostly.mean() > 0.5) if claim.most else mostly.all(), \
            f"weeks read {claim.readings}: {shares}"
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
            found.append(run.events.filter(pl.col("week").is_between(*span, closed="left")
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
    failed = []
    for step, claim in item.claims:
        try:
            check(claim, step.week, lambda city, step=step: runs(item, step.changes, city))
        except AssertionError as error:
            failed.append(f"step {item.steps.index(step) + 1}: {claim}: {error}")
    assert not failed, "\n".join(failed)


def shown(claim, charts: tuple[str, ...]) -> bool:
    """Whether a claim is about what a step with these charts shows (events: the step lists them)."""
    if isinstance(claim, (Compare, Level, Peak)):
        return claim.indicator in charts
    if isinstance(claim, Uses):
        return claim.chart in charts
    if isinstance(claim, Reads):
        return any(c.startswith("readings:") and claim.sector in c.split(":")[1].split("+") for c in charts)
    return isinstance(claim, (Logged, Identical))


@pytest.mark.parametrize("item", LESSONS, ids=[item.key for item in LESSONS])
def test_every_answer_cites_what_its_screen_shows_and_speaks_of_every_readout(item):
    kinds = [step.kind for step in item.steps]
    assert kinds[0] == StepKind.QUESTION and kinds[1] == StepKind.PREDICT and kinds[-1] == StepKind.DISCUSS
    assert StepKind.RUN in kinds and StepKind.REVEAL in kinds
    reveals: dict[tuple, list] = {}
    for step in item.steps:
        assert all(c in INDICATORS or c.startswith(("users:", "readings:")) for c in step.charts), step.charts
        assert (step.kind == StepKind.REVEAL) == bool(step.claims), step
        for claim in step.claims:
            assert shown(claim, step.charts), f"{claim} is not on the step's charts {step.charts}"
        if step.kind == StepKind.REVEAL:
            reveals.setdefault((step.changes, step.week), []).append(step)
    for (changes, week), steps in reveals.items():
        window = (max(0, week - 52), week)
        read = {c.indicator for s in steps for c in s.claims if isinstance(c, Compare) and c.span(week) == window}
        charts = {c for s in steps for c in s.charts if c in INDICATORS}
        assert charts <= read, f"week {week}, {changes}: no answer for the readouts of {charts - read}"
    predict = item.prediction()
    answered = [c for s, c in item.claims if isinstance(c, Compare) and s.week == predict.week and not s.changes
                and c.indicator == predict.predict and c.weeks is None]
    assert answered, "the prediction's answer is a readout a reveal speaks of"


@pytest.mark.parametrize("item", LESSONS, ids=[item.key for item in LESSONS])
def test_a_lesson_is_complete_in_both_languages(item):
    for part in ("title", *(str(n) for n in range(1, len(item.steps) + 1))):
        en, fr = TEXTS[f"lesson.{item.key}.{part}"]
        assert en.strip() and fr.strip() and en != fr
    settings = item.settings()
    assert settings.context == item.context and [c.policy for c in settings.cities] == list(item.policies)
    assert f"lesson.{item.key}.{len(item.steps) + 1}" not in TEXTS
