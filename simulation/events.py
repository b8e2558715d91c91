"""The event log: what happened in a run, who did it and why (`CityModel.events()`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from simulation.vocabulary import EventKind

EVENT_SCHEMA = {"week": pl.Int64, "actor": pl.String, "kind": pl.String, "details": pl.String}


@dataclass(frozen=True)
class Event:
    week: int
    actor: str
    """Who acted: a lever's name, a platform, the authority, the residents."""
    kind: EventKind
    details: str
    """What and why, in one plain sentence with the numbers that matter."""


@dataclass
class EventLog:
    events: list[Event] = field(default_factory=list)

    def record(self, week: int, actor: str, kind: EventKind, details: str) -> None:
        self.events.append(Event(week, actor, kind, details))

    def table(self) -> pl.DataFrame:
        return pl.DataFrame([(e.week, e.actor, str(e.kind), e.details) for e in self.events],
                            schema=EVENT_SCHEMA, orient="row")
