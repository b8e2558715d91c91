"""The event log: what happened in a run, who did it and why (`CityModel.events()`).

Each event has a plain English sentence (``details``) and, for the kinds a reader needs to
count or compare, optional structured ``facts`` (see `FACTS`), so that the analysis and the
dashboard (`analysis.narrative`) never parse the English to say it in French.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from simulation.vocabulary import EventKind

EVENT_SCHEMA = {"week": pl.Int64, "actor": pl.String, "kind": pl.String, "details": pl.String,
                "facts": pl.String}
"""``facts`` is the event's structured data as a JSON object (null when it has none)."""

Facts = dict[str, float | int | str]

FACTS: dict[EventKind, tuple[str, ...]] = {
    EventKind.DEFIANCE: ("rule", "gain_eur_w", "penalty_eur_w"),
    EventKind.COMPLIANCE: ("rule", "gain_eur_w", "penalty_eur_w", "cause"),
    EventKind.PLATFORM_EXITED: ("sector", "capital_eur", "result_eur_w"),
    EventKind.PLATFORM_ENTERED: ("sector", "launch_week"),
    EventKind.PERMIT_WITHDRAWN: ("sector", "detections", "until_week"),
    EventKind.PERMIT_RESTORED: ("sector", "weeks"),
    EventKind.SERVICE_FAILED: ("sector", "choosers", "served_pct", "weeks"),
    EventKind.BUDGET_SHORTFALL: ("short_pct", "weeks"),
}
"""The facts each kind may carry. ``rule``: one of `simulation.platforms.RULES`; ``gain_eur_w``:
what defying it earns a week; ``penalty_eur_w``: the penalty the platform expects a week;
``cause`` = "lifted" when a complied-with rule ends; ``capital_eur``, ``result_eur_w``: a leaving
platform's capital and last week's result; ``detections``, ``until_week``: the detections that cost a platform its
permit and the week its suspension ends; ``launch_week``: an entrant's planned launch (absent
when rivals' profits drew it in); ``choosers``, ``served_pct``: residents who chose a failing provider and the
share of the uses asked of it that it served; ``short_pct``: residents who could not pay for every use they
chose, in percent; ``weeks``: how long a spell lasted (only when it ends)."""


@dataclass(frozen=True)
class Event:
    week: int
    actor: str
    """Who acted: a lever's name, a platform, the authority, the residents."""
    kind: EventKind
    details: str
    """What and why, in one plain sentence with the numbers that matter."""
    facts: Facts = field(default_factory=dict)
    """Structured data for the reader (`FACTS`); empty for most kinds."""


@dataclass
class EventLog:
    events: list[Event] = field(default_factory=list)

    def record(self, week: int, actor: str, kind: EventKind, details: str, **facts: float | int | str) -> None:
        self.events.append(Event(week, actor, kind, details, facts))

    def table(self) -> pl.DataFrame:
        rows = [(e.week, e.actor, str(e.kind), e.details,
                 json.dumps(e.facts, sort_keys=True, default=float) if e.facts else None) for e in self.events]
        return pl.DataFrame(rows, schema=EVENT_SCHEMA, orient="row")
