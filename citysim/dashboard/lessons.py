"""The guided lessons ("Things to try"), each built on one of the seed's stories, one step per screen.

A lesson loads a context with one policy in City A and another in City B and walks the class through
steps (`Step`): the question, a prediction chosen before the run, runs with the control they need
highlighted in place, reveals, and a question to discuss. Each step says which three charts it shows;
its words, in both languages, are in `lesson_texts`.

What a reveal says is written down as **claims**: directions and levels of indicators over the year
before the step's week (or another span of weeks), events in the log, readings and who uses which
platform, which `tests/test_lessons.py` checks on paired seeds, so a reveal never contradicts the
model. A reveal cites only what the screen shows: each claim is about a chart of its step, the
events the step lists from the log, or the week the cities part. Every indicator chart of a reveal
has a `Compare` claim, the verdict its readout shows (the same rule, `runs.verdict`, on the same
seeds: the default seed and its band seeds), so a verdict under a chart and the answer beside it
agree. A step may ask for a variant (a slider moved, a lever switched off): its claims are about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from citysim.dashboard.runs import Verdict
from citysim.dashboard.settings import Settings

YEAR = 52
QUARTER = 13


@dataclass(frozen=True)
class Claim:
    """Something a reveal says, on the paired seeds, over the year before its step's week (or over
    ``weeks``), in its step's variant."""

    weeks: tuple[int, int] | None = None
    """The weeks it is about, from the first to before the second; None: the year before the step's week
    (the weeks the readouts average)."""

    def span(self, week: int) -> tuple[int, int]:
        return self.weeks if self.weeks is not None else (max(0, week - YEAR), week)


@dataclass(frozen=True)
class Compare(Claim):
    """What the readout under an indicator's chart says of City B minus City A (`runs.verdict`, on the
    page's seeds): higher, lower, no meaningful difference (identical cities too) or "the seeds
    disagree"; with ``factor``, B's mean is also at least ``factor`` times A's on every seed."""

    indicator: str = ""
    verdict: Verdict = Verdict.NONE
    factor: float | None = None


@dataclass(frozen=True)
class Level(Claim):
    """A city's mean of an indicator lies between ``low`` and ``high`` on every seed (with ``most``: on
    more than half of the seeds; with ``some``: on at least one)."""

    city: str = "A"
    indicator: str = ""
    low: float = float("-inf")
    high: float = float("inf")
    most: bool = False
    some: bool = False


@dataclass(frozen=True)
class Reads(Claim):
    """The authority reads a sector as one of ``readings`` in most of the weeks, on every seed (with
    ``most``: on more than half of them; with ``some``: on at least one)."""

    city: str = "A"
    sector: str = ""
    readings: tuple[str, ...] = ()
    most: bool = False
    some: bool = False


@dataclass(frozen=True)
class Uses(Claim):
    """Of the residents who use a platform of a sector, the share who use ``platform`` lies between
    ``low`` and ``high``: the mean of the weekly shares, on every seed (with ``most``: on more than half
    of them; with ``some``: on at least one: a market that tips one way or the other is told as such,
    each way on some seeds). Its chart: ``users:<sector>:<platform>``."""

    city: str = "A"
    sector: str = ""
    platform: str = ""
    low: float = 0.0
    high: float = 1.0
    most: bool = False
    some: bool = False

    @property
    def chart(self) -> str:
        return f"users:{self.sector}:{self.platform}"


@dataclass(frozen=True)
class Peak(Claim):
    """A rise and a fall, over the whole run: on more than half of the seeds, a city's indicator, in
    means over 13-week quarters, climbs to ``low`` or more, and in the last quarter it is back to at most
    ``fall`` times that peak."""

    city: str = "A"
    indicator: str = ""
    low: float = 0.0
    fall: float = 0.5


@dataclass(frozen=True)
class Logged(Claim):
    """The event log of a city records an event of ``kind`` by ``actor`` whose details contain ``text``,
    in the claim's weeks, on every seed (with ``never``: on no seed; with ``some``: on at least one; with
    ``most``: on more than half). The step lists what the live run logged of it."""

    city: str = "B"
    actor: str = ""
    kind: str = ""
    text: str = ""
    never: bool = False
    some: bool = False
    most: bool = False


@dataclass(frozen=True)
class Identical(Claim):
    """The two cities are exactly the same, every indicator and every seed, before ``week``."""

    week: int = 0


class StepKind(StrEnum):
    """A lesson step's part, in the order of a PhET or NetLogo lesson: ask, predict, run, reveal, discuss."""

    QUESTION = "question"
    PREDICT = "predict"
    RUN = "run"
    REVEAL = "reveal"
    DISCUSS = "discuss"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    week: int
    """The week the class is at on this step (a run step: the week to run to)."""
    charts: tuple[str, str, str]
    """The three headline charts it shows: indicators, ``users:<sector>:<platform>`` or
    ``readings:<sector>+<sector>``."""
    target: str | None = None
    """The control it needs, as a CSS selector, highlighted in place."""
    changes: tuple[tuple[str, Any], ...] = ()
    """The variant the class is in (see `vary`): set by this step's instructions, kept by the next ones."""
    claims: tuple[Claim, ...] = ()
    predict: str | None = None
    """A prediction step: the indicator whose readout the class predicts, at the step's week."""


YEAR_BUTTON = ".year-button"


@dataclass(frozen=True)
class Lesson:
    key: str
    context: str
    policies: tuple[str, str]
    """City A's policy and City B's."""
    steps: tuple[Step, ...] = field(default=())

    @property
    def charts(self) -> tuple[str, str, str]:
        """The charts the lesson opens with."""
        return self.steps[0].charts

    @property
    def weeks(self) -> int:
        """How long the steps run."""
        return max(step.week for step in self.steps)

    @property
    def claims(self) -> list[tuple[Step, Claim]]:
        return [(step, claim) for step in self.steps for claim in step.claims]

    def settings(self) -> Settings:
        return Settings.of(self.context, *self.policies)

    def prediction(self) -> Step | None:
        return next((step for step in self.steps if step.kind == StepKind.PREDICT), None)


def vary(settings: Settings, changes: tuple[tuple[str, Any], ...]) -> Settings:
    """The settings after a lesson's step: a city control moved (``("volunteer_demand_h", 0.1)``), a
    lever switched on or off in a city (``("B:cooperative_support", False)``) or a lever's slider moved
    in a city (``("B:data_partnership", 1.0)``: its key parameter, see `levers.LEVERS`)."""
    for key, value in changes:
        if ":" in key:
            city, lever = key.split(":")
            change = {"on": value} if isinstance(value, bool) else {"value": float(value)}
            settings = settings.with_lever(city, lever, **change)
        else:
            settings = replace(settings, **{key: value})
    return settings


def _steps(*steps: Step) -> tuple[Step, ...]:
    """Steps, each keeping the previous one's variant unless it sets its own."""
    kept: list[Step] = []
    for step in steps:
        if not step.changes and kept:
            step = replace(step, changes=kept[-1].changes)
        kept.append(step)
    return tuple(kept)


Q, P, R, V, D = StepKind.QUESTION, StepKind.PREDICT, StepKind.RUN, StepKind.REVEAL, StepKind.DISCUSS
HIGHER, LOWER, NONE, UNCLEAR = Verdict.HIGHER, Verdict.LOWER, Verdict.NONE, Verdict.UNCLEAR


def _lever(kind: str, part: str) -> str:
    """A lever's control in the controls (its box ``check`` or its slider ``slider``)."""
    return f".lever-{kind} .lever-{part}"


INSPECTORS = (("B:platform_regulation", 0.5),)
"""The platform city's variant: City B's regulation with inspectors who catch a defied rule four weeks in
five (EUR 0.5 per resident a week), at the default fines."""
CALM_DEMAND = (("volunteer_demand_h", 0.1),)
NO_AGORA = (("B:innovation_agora", False),)
STRONG_COMMONS = (("B:data_partnership", 1.0),)
PARTNERSHIP = (("B:data_partnership", True), ("B:data_partnership", 1.0))
"""A step of the integrated city's lesson: City B also offers a shared map, its slider at 1.0."""

BURNOUT = ("contribution_coverage", "declined_share", "burnout_rate")
PLATFORMS = ("platform_value_share", "worker_hourly_net_median", "data_captured_eur_per_resident")
AGORA = ("citizen_orientation_mean", "coop_market_share", "civic_hours_mean")
OBJECTIVE = ("last_vote_turnout", "risk_sectors", "trust_mean")
GOVERNED = ("platform_value_share", "opportunity_sectors", "authority_spent_eur")
INTEGRATED = ("platform_value_share", "data_captured_eur_per_resident", "risk_sectors")
MAPS = "readings:mapping+mobility"

LESSONS: tuple[Lesson, ...] = (
    Lesson("burnout", "citizen_burnout", ("none", "contributor_care"), _steps(
        Step(Q, 0, BURNOUT),
        Step(P, 156, BURNOUT, predict="contribution_coverage"),
        Step(R, 52, BURNOUT, YEAR_BUTTON),
        Step(V, 52, BURNOUT, claims=(
            Compare(indicator="declined_share", verdict=LOWER),
            Level(city="A", indicator="declined_share", low=0.05, high=0.15, most=True),
            Compare(indicator="contribution_coverage", verdict=NONE),
            Compare(indicator="burnout_rate", verdict=LOWER),
        )),
        Step(R, 156, BURNOUT, YEAR_BUTTON),
        Step(V, 156, BURNOUT, claims=(
            Level(weeks=(143, 156), city="A", indicator="contribution_coverage", high=0.65, most=True),
            Level(weeks=(143, 156), city="A", indicator="declined_share", low=0.5, most=True),
            Peak(city="A", indicator="burnout_rate", low=0.25, fall=0.5),
        )),
        Step(V, 156, BURNOUT, claims=(
            Compare(indicator="contribution_coverage", verdict=HIGHER),
            Compare(indicator="declined_share", verdict=LOWER),
            Compare(indicator="burnout_rate", verdict=LOWER),
            Level(city="B", indicator="contribution_coverage", low=0.98),
            Level(city="B", indicator="declined_share", high=0.02),
            Level(city="B", indicator="burnout_rate", high=0.05),
        )),
        Step(V, 156, ("trust_mean", "active_contributor_share", "burnout_rate"), claims=(
            Compare(indicator="active_contributor_share", verdict=HIGHER),
            Compare(indicator="trust_mean", verdict=HIGHER),
        )),
        Step(R, 156, BURNOUT, ".demand-slider", changes=CALM_DEMAND),
        Step(V, 156, BURNOUT, claims=(
            Level(city="A", indicator="contribution_coverage", low=0.98),
            Level(city="A", indicator="burnout_rate", high=0.05),
            Compare(indicator="contribution_coverage", verdict=NONE),
            Compare(indicator="declined_share", verdict=NONE),
            Compare(indicator="burnout_rate", verdict=NONE),
        )),
        Step(D, 156, BURNOUT),
    )),
    Lesson("platforms", "platform_city", ("none", "regulation"), _steps(
        Step(Q, 0, PLATFORMS),
        Step(P, 156, PLATFORMS, predict="worker_hourly_net_median"),
        Step(R, 52, PLATFORMS, YEAR_BUTTON),
        Step(V, 52, PLATFORMS, claims=(
            Identical(week=52),
            *(Compare(indicator=chart, verdict=NONE) for chart in PLATFORMS),
        )),
        Step(R, 156, PLATFORMS, YEAR_BUTTON),
        # under the default inspectors and fines (a 0.067 chance a week of EUR 5 a use) the gig platforms defy
        # the cap
        Step(V, 156, PLATFORMS, claims=(
            Logged(weeks=(52, 156), actor="RideNow", kind="defiance", text="commission cap"),
            Logged(weeks=(52, 156), actor="QuickEats", kind="defiance", text="commission cap", most=True),
            Logged(weeks=(52, 156), kind="defiance", text="data sharing", never=True),
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
        )),
        Step(V, 156, PLATFORMS, claims=(
            # markets that bound terms (issue #19): A 0.30-0.36. Inspectors and fines per violation (issue #20):
            # B 0.25-0.33 on the test's seeds (0.22-0.28 under the flat weekly fine it replaced), and workers'
            # pay no longer clearly higher in B (B - A from -0.67 to +1.59 EUR/h): the defiers keep their take
            Level(city="A", indicator="platform_value_share", low=0.28, high=0.4),
            Level(city="B", indicator="platform_value_share", low=0.18, high=0.35),
            Compare(indicator="platform_value_share", verdict=LOWER),
            Compare(indicator="worker_hourly_net_median", verdict=UNCLEAR),
        )),
        # with inspectors who catch nearly every defiance nobody defies, the cap binds and the floor raises pay
        Step(R, 156, PLATFORMS, _lever("platform_regulation", "slider"), changes=INSPECTORS),
        Step(V, 156, PLATFORMS, claims=(
            Logged(weeks=(52, 156), kind="defiance", never=True),
            Compare(indicator="platform_value_share", verdict=LOWER),
            Level(city="B", indicator="platform_value_share", high=0.25),
            Compare(indicator="worker_hourly_net_median", verdict=HIGHER),
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
        )),
        Step(D, 156, PLATFORMS),
    )),
    Lesson("agora", "calm_city", ("none", "agora_and_coop"), _steps(
        Step(Q, 0, AGORA),
        Step(P, 104, AGORA, predict="citizen_orientation_mean"),
        Step(R, 104, AGORA, YEAR_BUTTON),
        Step(V, 104, AGORA, claims=(
            Identical(week=52),
            Compare(indicator="citizen_orientation_mean", verdict=NONE),
            Compare(indicator="civic_hours_mean", verdict=HIGHER),
            Compare(indicator="coop_market_share", verdict=NONE),
        )),
        Step(R, 156, AGORA, YEAR_BUTTON),
        # the cooperative's fate: whether its commercial rival runs out of capital
        Step(V, 156, AGORA, claims=(
            Compare(indicator="citizen_orientation_mean", verdict=NONE),
            Compare(indicator="civic_hours_mean", verdict=HIGHER),
            # with remembered service (issue #19) the cooperative leads in both cities: 0.36-0.69 in A
            Compare(indicator="coop_market_share", verdict=NONE),
            Logged(weeks=(0, 156), city="A", actor="QuickEats", kind="platform_exited", text="capital", some=True),
            Level(city="A", indicator="coop_market_share", low=0.34, most=True),  # issue #19: 0.30-0.93
        )),
        Step(V, 156, ("trust_mean", "coop_market_share", "citizen_orientation_mean"), claims=(
            Compare(indicator="trust_mean", verdict=NONE),
        )),
        Step(R, 156, AGORA, _lever("innovation_agora", "check"), changes=NO_AGORA),
        Step(V, 156, AGORA, claims=(
            Compare(indicator="coop_market_share", verdict=NONE),
            Compare(indicator="citizen_orientation_mean", verdict=NONE),
            Compare(indicator="civic_hours_mean", verdict=NONE),
        )),
        Step(D, 156, AGORA),
    )),
    Lesson("commons", "calm_city", ("none", "data_commons"), _steps(
        Step(Q, 0, ("users:mapping:GlobalMaps", "readings:mapping", "risk_sectors")),
        Step(P, 156, ("users:mapping:GlobalMaps", "readings:mapping", "risk_sectors"), predict="risk_sectors"),
        Step(R, 52, ("users:mapping:GlobalMaps", "readings:mapping", "risk_sectors"), YEAR_BUTTON),
        Step(V, 52, ("users:mapping:GlobalMaps", "readings:mapping", "risk_sectors"), claims=(
            Uses(weeks=(26, 52), city="A", sector="mapping", platform="GlobalMaps", low=0.9),
            Reads(weeks=(26, 52), city="A", sector="mapping", readings=("risk",)),
            Compare(indicator="risk_sectors", verdict=NONE),
        )),
        Step(R, 156, ("users:mapping:OpenStreetMap", "readings:mapping", "data_captured_eur_per_resident"),
             YEAR_BUTTON),
        Step(V, 156, ("users:mapping:OpenStreetMap", "readings:mapping", "data_captured_eur_per_resident"), claims=(
            Logged(weeks=(52, 56), actor="OpenStreetMap", kind="incumbent_reacted", text="pools its data"),
            Uses(city="A", sector="mapping", platform="OpenStreetMap", high=0.06),
            Uses(city="B", sector="mapping", platform="OpenStreetMap", low=0.07, high=0.12),
            Reads(city="A", sector="mapping", readings=("risk",)),
            Reads(city="B", sector="mapping", readings=("risk",)),
            Compare(indicator="data_captured_eur_per_resident", verdict=NONE),
        )),
        Step(V, 156, ("risk_sectors", "trust_mean", "data_captured_eur_per_resident"), claims=(
            Compare(indicator="risk_sectors", verdict=NONE),
            Compare(indicator="trust_mean", verdict=NONE),
        )),
        # a stronger commons (the partnership's slider at 1.0)
        Step(R, 156, ("users:mapping:OpenStreetMap", "readings:mapping", "risk_sectors"),
             _lever("data_partnership", "slider"), changes=STRONG_COMMONS),
        Step(V, 156, ("users:mapping:OpenStreetMap", "readings:mapping", "risk_sectors"), claims=(
            Uses(city="B", sector="mapping", platform="OpenStreetMap", low=0.9),
            Reads(weeks=(70, 104), city="B", sector="mapping", readings=("tension",)),
            Reads(city="B", sector="mapping", readings=("opportunity",)),
            Compare(indicator="risk_sectors", verdict=LOWER),
        )),
        Step(V, 156, ("data_captured_eur_per_resident", "citizen_orientation_mean", "trust_mean"), claims=(
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
            Compare(indicator="citizen_orientation_mean", verdict=HIGHER),
            Compare(indicator="trust_mean", verdict=HIGHER),
        )),
        Step(D, 156, ("users:mapping:OpenStreetMap", "readings:mapping", "risk_sectors")),
    )),
    Lesson("objective", "calm_city", ("none", "participatory_innovation"), _steps(
        Step(Q, 0, OBJECTIVE),
        Step(P, 156, OBJECTIVE, predict="trust_mean"),
        Step(R, 104, OBJECTIVE, YEAR_BUTTON),
        Step(V, 104, OBJECTIVE, claims=(
            Level(city="B", indicator="last_vote_turnout", low=0.05, high=0.12),
            Compare(indicator="last_vote_turnout", verdict=HIGHER),
            Compare(weeks=(26, 52), indicator="risk_sectors", verdict=LOWER),
            Compare(weeks=(26, 52), indicator="trust_mean", verdict=HIGHER),
            Compare(indicator="risk_sectors", verdict=LOWER),
            Compare(indicator="trust_mean", verdict=HIGHER),
        )),
        Step(R, 156, ("objective_progress", "risk_sectors", "trust_mean"), YEAR_BUTTON),
        Step(V, 156, ("objective_progress", "risk_sectors", "trust_mean"), claims=(
            Compare(indicator="objective_progress", verdict=HIGHER),
            Compare(indicator="risk_sectors", verdict=LOWER),
            Compare(indicator="trust_mean", verdict=HIGHER),
        )),
        Step(D, 156, ("objective_progress", "risk_sectors", "trust_mean")),
    )),
    Lesson("governed", "citizen_burnout", ("contributor_care", "governed_mix"), _steps(
        Step(Q, 0, GOVERNED),
        Step(P, 156, GOVERNED, predict="opportunity_sectors"),
        Step(R, 52, (MAPS, "burnout_rate", "authority_spent_eur"), YEAR_BUTTON),
        Step(V, 52, (MAPS, "burnout_rate", "authority_spent_eur"), claims=(
            Logged(weeks=(26, 52), actor="adaptive_rule", kind="rule_fired", text="mapping"),
            Logged(weeks=(26, 52), actor="OpenStreetMap", kind="incumbent_reacted", text="pools its data"),
            Compare(indicator="burnout_rate", verdict=NONE),
            Compare(indicator="authority_spent_eur", verdict=HIGHER),
        )),
        Step(R, 156, GOVERNED, YEAR_BUTTON),
        Step(V, 156, GOVERNED, claims=(
            # quarterly learning (issue #19): RideNow defies on few seeds; one seed gains little opportunity
            Logged(weeks=(52, 156), actor="RideNow", kind="defiance", text="commission cap", some=True),
            Compare(indicator="platform_value_share", verdict=LOWER),
            Compare(indicator="opportunity_sectors", verdict=UNCLEAR),
            Compare(indicator="authority_spent_eur", verdict=HIGHER),
        )),
        Step(V, 156, (MAPS, "data_captured_eur_per_resident", "trust_mean"), claims=(
            Reads(city="B", sector="mapping", readings=("risk",)),
            Reads(city="A", sector="mobility", readings=("tension",), most=True),
            Reads(city="B", sector="mobility", readings=("opportunity",)),
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
            Compare(indicator="trust_mean", verdict=NONE),
        )),
        Step(V, 156, ("burnout_rate", "citizen_orientation_mean", "authority_spent_eur"), claims=(
            Level(city="A", indicator="burnout_rate", high=0.1),
            Level(city="B", indicator="burnout_rate", high=0.1),
            Compare(indicator="burnout_rate", verdict=NONE),
            Compare(indicator="citizen_orientation_mean", verdict=NONE),
            Compare(indicator="authority_spent_eur", verdict=HIGHER, factor=3.0),
        )),
        Step(D, 156, GOVERNED),
    )),
    Lesson("integrated", "integrated_platform_city", ("none", "regulation"), _steps(
        Step(Q, 0, INTEGRATED),
        Step(P, 156, INTEGRATED, predict="risk_sectors"),
        Step(R, 52, ("users:mapping:OmniMaps", "users:mobility:OmniRide", MAPS), YEAR_BUTTON),
        # one company holds every ride; the map goes to whichever of OmniMaps and OpenStreetMap gets ahead
        Step(V, 52, ("users:mapping:OmniMaps", "users:mobility:OmniRide", MAPS), claims=(
            Identical(week=52),
            Uses(weeks=(26, 52), city="A", sector="mobility", platform="OmniRide", low=0.99),
            # OmniRide's threat hovers at the risk threshold (issue #19: 0.44-0.56 on the test's seeds)
            Reads(weeks=(26, 52), city="A", sector="mobility", readings=("risk",), some=True),
            Uses(weeks=(26, 52), city="A", sector="mapping", platform="OmniMaps", low=0.9, some=True),
            Uses(weeks=(26, 52), city="A", sector="mapping", platform="OmniMaps", high=0.15, some=True),
            Reads(weeks=(26, 52), city="A", sector="mapping", readings=("risk",), some=True),
        )),
        Step(R, 156, INTEGRATED, YEAR_BUTTON),
        # the default inspectors and fines: OmniRide defies the cap, nobody the data duty;
        # OmniEats, without couriers (they ride for the cooperative) and so without users, leaves (issue #19)
        Step(V, 156, INTEGRATED, claims=(
            # quarterly learning (issue #19): OmniRide's commission is near the cap, so it defies on few seeds
            Logged(weeks=(52, 156), actor="OmniRide", kind="defiance", text="commission cap", some=True),
            Logged(weeks=(52, 156), kind="defiance", text="data sharing", never=True),
            Logged(weeks=(0, 156), city="B", actor="OmniEats", kind="platform_exited", text="capital", most=True),
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
        )),
        # MarketPlace obeys the cap on most seeds, and its commissions count in the value share (issue #19)
        Step(V, 156, INTEGRATED, claims=(
            Compare(indicator="platform_value_share", verdict=LOWER),
            Compare(indicator="risk_sectors", verdict=NONE),
        )),
        Step(V, 156, ("users:mapping:OmniMaps", "users:mobility:OmniRide", MAPS), claims=(
            # permits (issue #20): caught three times defying the cap, OmniRide is out of City B for 26 weeks on
            # some seeds (absent at week 156 on 5 of the test's 8); where it holds its permit it has every ride
            Logged(weeks=(52, 156), city="B", actor="OmniRide", kind="permit_withdrawn", some=True),
            Uses(city="B", sector="mobility", platform="OmniRide", low=0.99, some=True),
            # independence read from the public space rides take place in (issue #20): OmniRide's threat sits on
            # the risk threshold (0.44-0.53 on the test's seeds), read as a risk on half of them (most, before)
            Reads(city="B", sector="mobility", readings=("risk",), some=True),
            Uses(city="B", sector="mapping", platform="OmniMaps", low=0.9, some=True),
            Reads(city="B", sector="mapping", readings=("risk",), some=True),
        )),
        # and a shared map strong enough to win (the data partnership's slider at 1.0)
        Step(R, 156, ("users:mapping:OpenStreetMap", MAPS, "risk_sectors"), ".lever-data_partnership",
             changes=PARTNERSHIP),
        Step(V, 156, ("users:mapping:OpenStreetMap", MAPS, "risk_sectors"), claims=(
            Logged(weeks=(52, 56), actor="OpenStreetMap", kind="incumbent_reacted", text="pools its data", some=True),
            Uses(city="B", sector="mapping", platform="OpenStreetMap", low=0.85),
            Reads(city="B", sector="mapping", readings=("tension", "opportunity")),
            Reads(city="B", sector="mobility", readings=("risk",), some=True),
            # with OmniRide out for half a year on some seeds (issue #20, permits), fewer sectors at risk (unclear
            # before: the seeds where OpenStreetMap had won anyway showed no change)
            Compare(indicator="risk_sectors", verdict=LOWER),
        )),
        Step(V, 156, ("platform_value_share", "data_captured_eur_per_resident", "trust_mean"), claims=(
            Compare(indicator="data_captured_eur_per_resident", verdict=LOWER),
            Compare(indicator="platform_value_share", verdict=LOWER),
            Compare(indicator="trust_mean", verdict=HIGHER),
        )),
        Step(D, 156, ("platform_value_share", "data_captured_eur_per_resident", "trust_mean")),
    )),
)
"""The lessons, in the order "Things to try" lists them."""


def lesson(key: str) -> Lesson:
    return next(item for item in LESSONS if item.key == key)
