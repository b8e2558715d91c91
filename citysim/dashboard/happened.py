"""What happened in the cities, from their event logs: numbered moments, the same number on every
chart's marker and in the list under the charts ("What happened"), each a short sentence in the
page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from citysim.dashboard import theme
from citysim.dashboard.runs import Classroom
from citysim.dashboard.texts import tr
from simulation import vocabulary
from simulation.vocabulary import EventKind


@dataclass(frozen=True)
class Happening:
    """A moment of the event log, numbered, in one city or both (when both had it the same week)."""

    number: int
    week: int
    cities: tuple[str, ...]
    kind: EventKind
    actor: str
    """Who: the lever's type, the platform, the incumbent."""
    text: str
    """The sentence, in the page's language."""
    short: str
    """What a chart's marker says beside the number."""

    @property
    def colour(self) -> str:
        return theme.CITY_COLOURS[self.cities[0]] if len(self.cities) == 1 else theme.MUTED


def _lever_text(event, lang: str) -> str:
    if event.origin == "rule":
        sector, reading, weeks = event.rule
        why = tr("why.rule", lang, sector=tr(f"sector.{sector}", lang),
                 reading=vocabulary.label(vocabulary.Reading(reading), lang), weeks=weeks)
    else:
        why = tr("from_policy" if event.origin == "policy" else "why.class", lang)
    return tr("event_text", lang, lever=tr(f"lever.{event.lever}", lang), what=vocabulary.label(event.kind, lang),
              why=why)


def happenings(classroom: Classroom, lang: str) -> list[Happening]:
    """Every city's moments so far, in week order, those both cities share merged, numbered from 1."""
    merged: dict[tuple, list[str]] = {}
    for event in classroom.lever_events():
        key = (event.week, event.kind, event.lever, _lever_text(event, lang), tr(f"short.{event.lever}", lang))
        merged.setdefault(key, []).append(event.city)
    return [Happening(n, week, tuple(cities), kind, actor, text, short)
            for n, ((week, kind, actor, text, short), cities) in enumerate(merged.items(), start=1)]


def line(item: Happening, cities: int, lang: str) -> str:
    """A moment as the list under the charts (and the PNG's key) says it."""
    where = tr("both_cities", lang) if len(item.cities) > 1 else tr("city", lang, name=item.cities[0])
    return tr("event_line" if cities > 1 else "event_line_one", lang, n=item.number, week=item.week, city=where,
              text=item.text)


def event_sentences(classroom: Classroom, lang: str, kinds: tuple[str, ...], actor: str = "", details: str = "",
                    cities: tuple[str, ...] = ("A", "B")) -> list[tuple[int, str, str]]:
    """The moments of some kinds by an actor, as (week, city name, sentence): what a lesson's answer
    cites of the log."""
    found = []
    for item in happenings(classroom, lang):
        if str(item.kind) in kinds and actor in item.actor:
            found += [(item.week, tr("city", lang, name=c), item.text) for c in item.cities if c in cities]
    return found
