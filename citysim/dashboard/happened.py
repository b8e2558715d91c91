"""What happened in the cities, from their event logs, in short sentences: the same number on every
chart's marker and in the list under the charts ("What happened"), in the page's language.

The sentences are the shared event-to-sentence module's (`analysis.narrative`), the one the brief and
the answer use. The list keeps what a class follows: the levers starting, ending or running out of
money, adaptive rules firing, platforms defying a rule or complying again, entering or leaving, and
incumbents pooling their data into a commons (or stopping); not each price or commission a platform
tries, nor each debate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl

from analysis.narrative import actor_name, facts, sentence
from citysim.dashboard import theme
from citysim.dashboard.levers import CONTROLS
from citysim.dashboard.runs import Classroom
from citysim.dashboard.texts import tr
from simulation.vocabulary import EventKind

SHOWN = (EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED, EventKind.RULE_FIRED,
         EventKind.DEFIANCE, EventKind.COMPLIANCE, EventKind.PLATFORM_ENTERED, EventKind.PLATFORM_EXITED,
         EventKind.INCUMBENT_REACTED)
LEVERS = (EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED)


@dataclass(frozen=True)
class Happening:
    """A moment of the event log, numbered, in one city or both (when both had it the same week)."""

    number: int
    week: int
    cities: tuple[str, ...]
    kind: EventKind
    actor: str
    text: str
    """The sentence, in the page's language."""
    short: str
    """What a chart's marker says beside the number."""

    @property
    def colour(self) -> str:
        return theme.CITY_COLOURS[self.cities[0]] if len(self.cities) == 1 else theme.MUTED


def shown(row: dict[str, Any]) -> bool:
    """Whether the list shows an event: an incumbent's reaction only when it pools its data (or stops)."""
    kind = EventKind(row["kind"])
    return kind in SHOWN and (kind != EventKind.INCUMBENT_REACTED or facts(row).get("reaction") in ("pool", "stop"))


def _rows(classroom: Classroom, name: str) -> Iterator[dict[str, Any]]:
    """A city's events on the chosen seed, the shown kinds only, in the order they happened."""
    table = classroom.cities[name].live.events()
    yield from table.filter(pl.col("kind").is_in([str(k) for k in SHOWN])).iter_rows(named=True)


def _text(classroom: Classroom, name: str, row: dict[str, Any], lang: str) -> tuple[str, str]:
    """An event's sentence and its marker's words; a lever the class switched on or changed says so."""
    text = sentence(row, lang)
    kind = EventKind(row["kind"])
    if kind in LEVERS or kind == EventKind.RULE_FIRED:
        specs = classroom.cities[name].scenario.interventions
        spec = next((s for s in specs if s.name() == row["actor"]), None)
        lever = spec.type if spec is not None else str(row["actor"])
        choice = next((c for c in classroom.settings.city(name).levers if c.type == lever), None)
        if kind == EventKind.LEVER_STARTED and choice is not None and choice.on and (choice.changed
                                                                                   or not choice.in_policy):
            text = f"{text} ({tr('why.class', lang)})"
        return text, tr(f"short.{lever}", lang) if lever in CONTROLS else lever
    return text, re.sub(r"^(the|la|le|les) |^l'", "", actor_name(str(row["actor"]), lang))


def happenings(classroom: Classroom, lang: str) -> list[Happening]:
    """Every city's moments so far, in week order, those both cities share merged, numbered from 1."""
    merged: dict[tuple, list[str]] = {}
    for name in classroom.cities:
        for row in _rows(classroom, name):
            if shown(row):
                text, short = _text(classroom, name, row, lang)
                key = (row["week"], EventKind(row["kind"]), str(row["actor"]), text, short)
                merged.setdefault(key, []).append(name)
    ordered = sorted(merged.items(), key=lambda item: item[0][0])  # stable: City A's first within a week
    return [Happening(n, week, tuple(cities), kind, actor, text, short)
            for n, ((week, kind, actor, text, short), cities) in enumerate(ordered, start=1)]


def line(item: Happening, cities: int, lang: str) -> str:
    """A moment as the list under the charts (and the PNG's key) says it."""
    where = tr("both_cities", lang) if len(item.cities) > 1 else tr("city", lang, name=item.cities[0])
    return tr("event_line" if cities > 1 else "event_line_one", lang, n=item.number, week=item.week, city=where,
              text=item.text)


def cited(classroom: Classroom, city: str, kind: str, actor: str, text: str, weeks: tuple[int, int],
          lang: str) -> tuple[int, str] | None:
    """The first event of the chosen seed's log a lesson's answer cites (its kind, actor and words, within
    its weeks), as (week, sentence); None when this seed did not log it."""
    table = classroom.cities[city].live.events().filter(
        (pl.col("kind") == kind) & pl.col("actor").str.contains(actor, literal=True)
        & pl.col("details").str.contains(text, literal=True) & pl.col("week").is_between(*weeks, closed="left"))
    if table.is_empty():
        return None
    row = table.row(0, named=True)
    return row["week"], sentence(row, lang)
