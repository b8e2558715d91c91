"""The charts of the cities on screen, in one language: built on first use, then only updated.

Also numbers the levers' moments (the same number on every chart's marker and in the list under the
charts) and assembles the headline charts into the PNG the class downloads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from citysim.dashboard import theme
from citysim.dashboard.network import NetworkChart
from citysim.dashboard.radar import RadarChart
from citysim.dashboard.readings import ReadingsChart
from citysim.dashboard.runs import BAND_SEEDS, Classroom
from citysim.dashboard.texts import tr
from citysim.dashboard.timeline import LeverTimeline
from citysim.dashboard.timeseries import IndicatorChart, Marker
from simulation.vocabulary import EventKind


@dataclass(frozen=True)
class Mark:
    """A lever's moment, numbered, in one city or both (when both cities had it the same week)."""

    number: int
    week: int
    cities: tuple[str, ...]
    lever: str
    kind: EventKind
    origin: str
    rule: tuple[str, str, int] | None

    @property
    def colour(self) -> str:
        return theme.CITY_COLOURS[self.cities[0]] if len(self.cities) == 1 else theme.MUTED


def marks(classroom: Classroom) -> list[Mark]:
    """The classroom's lever events so far, those both cities share merged, numbered from 1."""
    merged: dict[tuple, list[str]] = {}
    for event in classroom.lever_events():
        merged.setdefault((event.week, event.lever, event.kind, event.origin, event.rule), []).append(event.city)
    return [Mark(n, week, tuple(cities), lever, kind, origin, rule)
            for n, ((week, lever, kind, origin, rule), cities) in enumerate(merged.items(), start=1)]


class ChartSet:
    def __init__(self, classroom: Classroom, lang: str) -> None:
        self.classroom, self.lang = classroom, lang
        self._charts: dict[tuple, object] = {}
        self._marks: tuple[int, list[Mark]] = (-1, [])
        self.shown: dict[str, bytes] = {}
        """The latest PNG of each headline chart, by name (what the download assembles)."""

    def _get(self, key: tuple, build):
        if key not in self._charts:
            self._charts[key] = build()
        return self._charts[key]

    def marks(self) -> list[Mark]:
        if self._marks[0] != self.classroom.week:
            self._marks = (self.classroom.week, marks(self.classroom))
        return self._marks[1]

    def indicator(self, column: str) -> bytes:
        chart = self._get(("indicator", column), lambda: IndicatorChart(
            column, self.lang, tuple(self.classroom.cities), BAND_SEEDS + 1, self.classroom.settings.seed))
        png = chart.png(self.classroom, [Marker(m.number, m.week, m.colour, tr(f"short.{m.lever}", self.lang))
                                         for m in self.marks()])
        self.shown[column] = png
        return png

    def timeline(self) -> bytes:
        png = self._get(("timeline",), lambda: LeverTimeline(self.classroom, self.lang)).png(self.classroom)
        self.shown["timeline"] = png
        return png

    def network(self, city: str, colour_by: str) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("network", city, colour_by), lambda: NetworkChart(model, self.lang, colour_by)).png()

    def radar(self, city: str, width_px: int) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("radar", city, width_px), lambda: RadarChart(model, width_px)).png()

    def readings(self, city: str) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("readings", city), lambda: ReadingsChart(model, self.lang)).png()

    def download(self, names: list[str]) -> bytes:
        """The named headline charts as they are on screen, two to a row, in one PNG."""
        images = [Image.open(io.BytesIO(self.shown[name])) for name in names if name in self.shown]
        if not images:
            return b""
        width, height = images[0].size
        rows = -(-len(images) // 2)
        sheet = Image.new("RGB", (2 * width + theme.GAP_PX, rows * height + (rows - 1) * theme.GAP_PX), "white")
        for k, image in enumerate(images):
            sheet.paste(image, ((k % 2) * (width + theme.GAP_PX), (k // 2) * (height + theme.GAP_PX)))
        buffer = io.BytesIO()
        sheet.save(buffer, format="png")
        return buffer.getvalue()
