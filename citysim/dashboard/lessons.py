"""The guided lessons ("Things to try"), each built on one of the seed's stories.

A lesson loads a context with one policy in City A and another in City B, picks the charts that tell
its story, and says how long to run (its texts, in both languages, are in `lesson_texts`). What its
reveal says is written down as **claims**: directions and levels of indicators over the lesson's last
year (or another span of weeks), which `tests/test_lessons.py` checks on paired seeds, so a reveal
never contradicts the model. A claim may concern a variant the steps ask for (a slider moved, a lever
switched off).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from citysim.dashboard.settings import Settings

YEAR = 52
QUARTER = 13


@dataclass(frozen=True)
class Claim:
    """Something a reveal says, on the paired seeds, over the last 52 weeks of the lesson's run (or
    over ``weeks``)."""

    changes: tuple[tuple[str, Any], ...] = ()
    """The variant it is about (see `vary`); empty: the lesson as it loads."""
    weeks: tuple[int, int] | None = None
    """The weeks it is about, from the first to before the second; None: the run's last 52 weeks."""

    def span(self, run_weeks: int) -> tuple[int, int]:
        return self.weeks if self.weeks is not None else (run_weeks - YEAR, run_weeks)


@dataclass(frozen=True)
class Compare(Claim):
    """City B's mean of an indicator is above (+1) or below (-1) City A's: the mean paired difference goes
    that way by at least the indicator's smallest meaningful difference and by more than twice its
    standard error; with ``factor``, B's mean is at least ``factor`` times A's on every seed.
    With sign 0, **no meaningful difference**: the mean paired difference, widened by twice its
    standard error either way, stays within the smallest meaningful difference."""

    indicator: str = ""
    sign: int = 0
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
    """The authority reads a sector as one of ``readings`` in most of the weeks, on every seed (with ``most``:
    on more than half of the seeds; with ``some``: on at least one)."""

    city: str = "A"
    sector: str = ""
    readings: tuple[str, ...] = ()
    most: bool = False
    some: bool = False


@dataclass(frozen=True)
class Uses(Claim):
    """Of the residents who use a platform of a sector, the share who use ``platform`` (empty: the sector's
    most used platform, whichever it is that week) lies between ``low`` and ``high``: the mean of the
    weekly shares, on every seed (with ``some``: on at least one; a market that tips one way or the other
    is told as such, each way on some seeds)."""

    city: str = "A"
    sector: str = ""
    platform: str = ""
    low: float = 0.0
    high: float = 1.0
    some: bool = False


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
    in the claim's weeks, on every seed (with ``never``: on no seed; with ``most``: on more than half of the
    seeds; with ``some``: on at least one)."""

    city: str = "B"
    actor: str = ""
    kind: str = ""
    text: str = ""
    never: bool = False
    most: bool = False
    some: bool = False


@dataclass(frozen=True)
class Identical(Claim):
    """The two cities are exactly the same, every indicator and every seed, before ``week``."""

    week: int = 0


@dataclass(frozen=True)
class Lesson:
    key: str
    context: str
    policies: tuple[str, str]
    """City A's policy and City B's."""
    charts: tuple[str, str, str]
    """The three indicators on the headline charts."""
    claims: tuple[Claim, ...]
    weeks: int = 156
    """How long the steps run."""

    def settings(self) -> Settings:
        return Settings.of(self.context, *self.policies)


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


PARTNERSHIP = (("B:data_partnership", True), ("B:data_partnership", 1.0))
"""A step of the integrated city's lesson: City B also offers a shared map, its slider at 1.0."""

LESSONS: tuple[Lesson, ...] = (
    Lesson("burnout", "citizen_burnout", ("none", "contributor_care"),
           ("contribution_coverage", "declined_share", "burnout_rate"), (
               Compare(weeks=(0, 52), indicator="declined_share", sign=-1),
               Compare(weeks=(0, 52), indicator="contribution_coverage", sign=0),
               Compare(indicator="contribution_coverage", sign=+1),
               Compare(indicator="declined_share", sign=-1),
               Compare(indicator="burnout_rate", sign=-1),
               Compare(indicator="active_contributor_share", sign=+1),
               Compare(indicator="trust_mean", sign=+1),
               Level(weeks=(143, 156), city="A", indicator="contribution_coverage", high=0.65, most=True),
               Level(weeks=(143, 156), city="A", indicator="declined_share", low=0.5, most=True),
               Peak(city="A", indicator="burnout_rate", low=0.25, fall=0.5),
               Level(city="B", indicator="contribution_coverage", low=0.98),
               Level(city="B", indicator="declined_share", high=0.02),
               Level(city="B", indicator="burnout_rate", high=0.05),
               Level(changes=(("volunteer_demand_h", 0.1),), city="A", indicator="contribution_coverage", low=0.98),
               Level(changes=(("volunteer_demand_h", 0.1),), city="A", indicator="burnout_rate", high=0.05),
           )),
    Lesson("platforms", "platform_city", ("none", "regulation"),
           ("platform_value_share", "worker_hourly_net_median", "data_captured_eur_per_resident"), (
               Identical(week=52),
               # under the default fine (EUR 0.5 per resident a week) the gig platforms defy the cap
               Logged(weeks=(52, 156), actor="RideNow", kind="defiance", text="commission cap"),
               Logged(weeks=(52, 156), actor="QuickEats", kind="defiance", text="commission cap", most=True),
               Logged(weeks=(52, 156), kind="defiance", text="data sharing", never=True),
               Compare(indicator="data_captured_eur_per_resident", sign=-1),
               Level(city="A", indicator="platform_value_share", low=0.4, high=0.6),
               Level(city="B", indicator="platform_value_share", low=0.35, high=0.6),
               Compare(indicator="risk_sectors", sign=0),
               # with a deterring fine (EUR 5) nobody defies, the cap binds and the floor raises pay
               Logged(changes=(("B:platform_regulation", 5.0),), weeks=(52, 156), kind="defiance", never=True),
               Compare(changes=(("B:platform_regulation", 5.0),), indicator="platform_value_share", sign=-1),
               Level(changes=(("B:platform_regulation", 5.0),), city="B", indicator="platform_value_share",
                     high=0.25),
               Compare(changes=(("B:platform_regulation", 5.0),), indicator="worker_hourly_net_median", sign=+1),
               Compare(changes=(("B:platform_regulation", 5.0),), indicator="data_captured_eur_per_resident",
                       sign=-1),
           )),
    Lesson("agora", "calm_city", ("none", "agora_and_coop"),
           ("citizen_orientation_mean", "coop_market_share", "civic_hours_mean"), (
               Identical(week=52),
               Compare(weeks=(52, 104), indicator="citizen_orientation_mean", sign=0),
               Compare(indicator="citizen_orientation_mean", sign=0),
               Compare(indicator="civic_hours_mean", sign=+1),
               Compare(indicator="trust_mean", sign=0),
               # the cooperative's fate: whether its commercial rival runs out of capital
               Logged(weeks=(0, 156), city="A", actor="QuickEats", kind="platform_exited", text="capital", some=True),
               Level(city="A", indicator="coop_market_share", low=0.4, some=True),
               Level(city="A", indicator="coop_market_share", high=0.15, some=True),
               Compare(changes=(("B:innovation_agora", False),), indicator="citizen_orientation_mean", sign=0),
           )),
    Lesson("commons", "calm_city", ("none", "data_commons"),
           ("opportunity_sectors", "risk_sectors", "data_captured_eur_per_resident"), (
               Uses(weeks=(26, 52), city="A", sector="mapping", platform="GlobalMaps", low=0.9),
               Reads(weeks=(26, 52), city="A", sector="mapping", readings=("risk",)),
               Reads(city="A", sector="mapping", readings=("risk",)),
               Logged(weeks=(52, 56), actor="OpenStreetMap", kind="incumbent_reacted", text="pools its data"),
               Reads(city="B", sector="mapping", readings=("risk",)),
               Uses(city="A", sector="mapping", platform="OpenStreetMap", high=0.06),
               Uses(city="B", sector="mapping", platform="OpenStreetMap", low=0.07, high=0.12),
               Compare(indicator="risk_sectors", sign=0),
               Compare(indicator="data_captured_eur_per_resident", sign=0),
               Compare(indicator="trust_mean", sign=0),
               # a stronger commons (the partnership's slider at 1.0)
               Reads(changes=(("B:data_partnership", 1.0),), weeks=(70, 104), city="B", sector="mapping",
                     readings=("tension",)),
               Reads(changes=(("B:data_partnership", 1.0),), city="B", sector="mapping", readings=("opportunity",)),
               Uses(changes=(("B:data_partnership", 1.0),), city="B", sector="mapping", platform="OpenStreetMap",
                    low=0.9),
               Compare(changes=(("B:data_partnership", 1.0),), indicator="risk_sectors", sign=-1),
               Compare(changes=(("B:data_partnership", 1.0),), indicator="data_captured_eur_per_resident", sign=-1),
               Compare(changes=(("B:data_partnership", 1.0),), indicator="citizen_orientation_mean", sign=+1),
               Compare(changes=(("B:data_partnership", 1.0),), indicator="trust_mean", sign=+1),
           )),
    Lesson("objective", "calm_city", ("none", "participatory_innovation"),
           ("last_vote_turnout", "risk_sectors", "trust_mean"), (
               Level(city="B", indicator="last_vote_turnout", low=0.05, high=0.12),
               Compare(indicator="objective_progress", sign=+1),
               Compare(weeks=(26, 52), indicator="risk_sectors", sign=-1),
               Compare(weeks=(26, 52), indicator="trust_mean", sign=+1),
               Compare(indicator="risk_sectors", sign=-1),
               Compare(indicator="trust_mean", sign=+1),
           )),
    Lesson("governed", "citizen_burnout", ("contributor_care", "governed_mix"),
           ("platform_value_share", "opportunity_sectors", "authority_spent_eur"), (
               Level(city="A", indicator="burnout_rate", high=0.1),
               Level(city="B", indicator="burnout_rate", high=0.1),
               Logged(weeks=(26, 52), actor="adaptive_rule", kind="rule_fired", text="mapping"),
               Logged(weeks=(26, 52), actor="OpenStreetMap", kind="incumbent_reacted", text="pools its data"),
               Reads(city="B", sector="mapping", readings=("risk",)),
               Logged(weeks=(52, 156), actor="RideNow", kind="defiance", text="commission cap"),
               Compare(indicator="platform_value_share", sign=-1),
               Compare(indicator="data_captured_eur_per_resident", sign=-1),
               Compare(indicator="opportunity_sectors", sign=+1),
               Reads(city="A", sector="mobility", readings=("tension",)),
               Reads(city="B", sector="mobility", readings=("opportunity",)),
               Compare(indicator="citizen_orientation_mean", sign=0),
               Compare(indicator="trust_mean", sign=0),
               Compare(indicator="authority_spent_eur", sign=+1, factor=3.0),
           )),
    Lesson("integrated", "integrated_platform_city", ("none", "regulation"),
           ("platform_value_share", "data_captured_eur_per_resident", "risk_sectors"), (
               Identical(week=52),
               # one company holds every ride; the map goes to whichever of OmniMaps and OpenStreetMap gets ahead
               Uses(city="A", sector="mobility", platform="OmniRide", low=0.99),
               Reads(city="A", sector="mobility", readings=("risk",)),
               Uses(city="A", sector="mapping", platform="OmniMaps", low=0.9, some=True),
               Uses(city="A", sector="mapping", platform="OpenStreetMap", low=0.8, some=True),
               Reads(city="A", sector="mapping", readings=("risk",), some=True),
               Logged(weeks=(0, 156), city="A", actor="OmniEats", kind="platform_exited", text="capital", some=True),
               Logged(weeks=(0, 156), city="B", actor="OmniEats", kind="platform_exited", text="capital", some=True),
               # the default fine (EUR 0.5 per resident a week): OmniRide defies the cap, nobody the data duty
               Logged(weeks=(52, 156), actor="OmniRide", kind="defiance", text="commission cap"),
               Logged(weeks=(52, 156), actor="OmniEats", kind="defiance", text="commission cap", some=True),
               Logged(weeks=(52, 156), kind="defiance", text="data sharing", never=True),
               Compare(indicator="data_captured_eur_per_resident", sign=-1),
               Compare(indicator="platform_profit_eur_per_resident", sign=-1),
               Level(city="B", indicator="platform_value_share", low=0.35, high=0.5),
               Uses(city="B", sector="mobility", platform="OmniRide", low=0.99),
               Reads(city="B", sector="mobility", readings=("risk",), most=True),
               Compare(indicator="risk_sectors", sign=0),
               Compare(indicator="trust_mean", sign=0),
               # and a shared map strong enough to win (the data partnership's slider at 1.0)
               Logged(changes=PARTNERSHIP, weeks=(52, 56), actor="OpenStreetMap", kind="incumbent_reacted",
                      text="pools its data", some=True),
               Uses(changes=PARTNERSHIP, city="B", sector="mapping", platform="OpenStreetMap", low=0.8),
               Reads(changes=PARTNERSHIP, city="B", sector="mapping", readings=("tension", "opportunity")),
               Reads(changes=PARTNERSHIP, city="B", sector="mobility", readings=("risk",), most=True),
               Compare(changes=PARTNERSHIP, indicator="data_captured_eur_per_resident", sign=-1),
               Compare(changes=PARTNERSHIP, indicator="trust_mean", sign=+1),
           )),
)
"""The lessons, in the order "Things to try" lists them."""


def lesson(key: str) -> Lesson:
    return next(item for item in LESSONS if item.key == key)
