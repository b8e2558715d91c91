"""The charts of the cities on screen, in one language and at one size: built on first use, then only
updated; they mark what happened (`happened`), numbered as in the list under the charts."""

from __future__ import annotations

from citysim.dashboard import theme
from citysim.dashboard.happened import Happening, happenings
from citysim.dashboard.network import NetworkChart
from citysim.dashboard.radar import RadarChart
from citysim.dashboard.readings import ReadingsChart
from citysim.dashboard.runs import BAND_SEEDS, Classroom
from citysim.dashboard.texts import capital, tr
from citysim.dashboard.timeline import LeverTimeline
from citysim.dashboard.timeseries import IndicatorChart, Marker


class ChartSet:
    """The charts of the cities on screen, in one language and at one size."""

    def __init__(self, classroom: Classroom, lang: str, size: theme.ChartSize = theme.SIZE) -> None:
        self.classroom, self.lang, self.size = classroom, lang, size
        self._charts: dict[tuple, object] = {}
        self._marks: tuple[tuple[int, int], list[Happening]] = ((-1, -1), [])
        self.shown: dict[str, bytes] = {}
        """The latest PNG of each headline chart, by key (what the download assembles)."""

    def _get(self, key: tuple, build):
        if key not in self._charts:
            self._charts[key] = build()
        return self._charts[key]

    def marks(self) -> list[Happening]:
        """What happened so far, numbered (computed once a week)."""
        when = (self.classroom.week, id(self.classroom))
        if self._marks[0] != when:
            self._marks = (when, happenings(self.classroom, self.lang))
        return self._marks[1]

    def headline(self, key: str) -> bytes:
        """A headline chart: an indicator, a platform's share of its sector's users (``users:...``) or the
        readings of some sectors in every city (``readings:<sector>+<sector>``)."""
        with self.classroom.priority():
            png = self._readings_headline(key) if key.startswith("readings:") else self._series(key)
        self.shown[key] = png
        return png

    def _series(self, key: str) -> bytes:
        classroom = self.classroom
        chart = self._get(("series", key), lambda: IndicatorChart(
            key, self.lang, tuple(classroom.cities), BAND_SEEDS + 1, classroom.settings.seed, self.size))
        return chart.png(classroom, [Marker(m.number, m.week, m.colour, m.short) for m in self.marks()])

    def _readings_headline(self, key: str) -> bytes:
        models = {name: city.live for name, city in self.classroom.cities.items()}
        sectors = tuple(key.removeprefix("readings:").split("+"))
        return self._get(("readings", key), lambda: ReadingsChart(
            models, sectors, self.lang, self.size.width, self.size, self.size.height,
            title=capital(tr("readings", self.lang)))).png()

    def timeline(self) -> bytes:
        with self.classroom.priority():
            png = self._get(("timeline",), lambda: LeverTimeline(self.classroom, self.lang, self.size)).png(
                self.classroom)
        self.shown["timeline"] = png
        return png

    def network(self, city: str, colour_by: str) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("network", city, colour_by),
                         lambda: NetworkChart(model, self.lang, colour_by, self.size)).png()

    def radar(self, city: str, width_px: int) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("radar", city, width_px), lambda: RadarChart(model, width_px, self.lang, self.size)).png()

    def readings(self, city: str) -> bytes:
        model = self.classroom.cities[city].live
        return self._get(("readings", city), lambda: ReadingsChart(
            {city: model}, None, self.lang, self.size.width, self.size)).png()
