"""A headline chart: one series over the weeks, for one city or two, with the band over the seeds.

A series is an indicator of the registry, or ``users:<sector>:<platform>``: the share of the sector's
users who use that platform (who uses which map, which ride).

The title (the registry's label and unit) is wrapped at word boundaries; the legend and the axis
word sit in a row under the axes, so they never cover data; the y axis rescales to the data (never
tighter than ten times the indicator's smallest meaningful difference, so noise does not fill the
chart); the x axis grows half a year at a time. Levers' moments are dashed lines with their number
in a strip above the axes, as in the list under the charts.
"""

from __future__ import annotations

import math
import textwrap
from typing import NamedTuple

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from matplotlib.transforms import blended_transform_factory

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from citysim.dashboard.runs import Classroom
from citysim.dashboard.texts import capital, label, number, series_title, series_unit, tr
from simulation.registry import UNITS, indicator

BOUNDED = {key for key in UNITS if key.startswith("share_")} | {"index", "gini"}
"""Units of indicators that never exceed 1: their axis stops at 1."""

NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
TAG_GAP_PX = 22
"""Marker numbers closer than this share one tag."""
TAG_CHAR = 0.62
"""A generous width of one bold character of a tag, in font sizes, to decide whether a name fits."""


class Marker(NamedTuple):
    """A lever's moment as a chart marks it."""

    number: int
    week: int
    colour: str
    name: str


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(n * power for n in NICE if n * power >= value * (1 - 1e-9))


def week_span(week: int) -> int:
    """The x axis's right end: half a year at a time."""
    return max(26, 26 * math.ceil(week / 26))


def week_step(span: int) -> int:
    return 13 if span <= 52 else 26 if span <= 156 else 52


def tick_text(value: float, step: float, lang: str) -> str:
    """A y tick with the decimals its spacing needs (thousands as k from 10,000 on)."""
    if value == 0:
        return "0"
    if step >= 5_000:
        return number(value / 1000, lang, 0) + "k"
    return number(value, lang, max(0, -math.floor(math.log10(step))))


class IndicatorChart:
    """One series' chart, built once per (series, language, cities, size) and updated each week."""

    def __init__(self, key: str, lang: str, cities: tuple[str, ...], seeds: int, seed: int,
                 size: theme.ChartSize = theme.SIZE) -> None:
        self.key, self.cities, self.size = key, cities, size
        users = key.startswith("users:")
        facts = None if users else indicator(key)
        counts = facts is not None and facts.dtype == "Int64"
        self.floor = 0.0 if counts or users else 10 * (facts.smd or 0.0)  # a count's axis fits its data
        self.ceiling = 1.0 if users or facts.unit in BOUNDED else math.inf
        font, width, height = size.font, size.width, size.height
        fig = theme.figure(width, height)
        lines = textwrap.wrap(capital(series_title(key, lang)), int(width / (0.56 * size.title)),
                              break_long_words=False)
        unit_lines = textwrap.wrap(f"({series_unit(key, lang)})", int(width / (0.55 * font)), break_long_words=False)
        fig.text(0.5, 1 - 6 / height, "\n".join(lines), ha="center", va="top", fontsize=size.title,
                 fontweight="bold", linespacing=1.15)
        title_px = 6 + len(lines) * size.title * 1.2
        fig.text(0.5, 1 - title_px / height, "\n".join(unit_lines), ha="center", va="top", fontsize=font,
                 color=theme.MUTED)
        title_px += len(unit_lines) * font * 1.25
        top = title_px + font + 12  # room for the markers' numbers
        left, bottom = 4.2 * font, 3.3 * font
        self.right = right = theme.right_margin(font)
        ax = theme.axes(fig, left, right, top, bottom, font)
        self.y_ticks = MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=counts)
        ax.yaxis.set_major_locator(self.y_ticks)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tick_text(v, self.y_step, lang)))
        self.y_step = 1.0
        self.ax, self.fig = ax, fig
        self.lines, self.bands, self.edges = {}, {}, {}
        for name in cities:
            colour = theme.CITY_COLOURS[name]
            self.bands[name] = ax.fill_between([], [], [], color=colour, alpha=theme.BAND_ALPHA, linewidth=0)
            # the band's edges in the city's colour: on a projector a pale fill alone vanishes
            self.edges[name] = ax.plot([], [], color=colour, linewidth=1.0, alpha=0.9)[0]
            # City A's line is wider: where the cities are the same, it shows around City B's
            self.lines[name] = ax.plot([], [], color=colour, linewidth=3.2 if name == "A" else 1.8)[0]
        if len(cities) == 1:
            handles = [Line2D([], [], color=theme.CITY_COLOURS["A"], linewidth=2.2)]
            names = [tr("seed_line", lang, seed=seed)]
        else:
            handles = [Line2D([], [], color=theme.CITY_COLOURS[n], linewidth=2.2) for n in cities]
            names = [tr("city", lang, name=n) for n in cities]
        handles.append(Patch(facecolor="#bbbbbb", edgecolor="#555555", linewidth=1.0))
        names.append(tr("seeds", lang, n=seeds))
        fig.legend(handles, names, loc="lower left", bbox_to_anchor=theme.px(fig, 4, 0), ncols=len(names),
                   fontsize=font, frameon=False, handlelength=1.4, handletextpad=0.4, columnspacing=0.9,
                   borderaxespad=0.2)
        theme.axis_word(fig, label("week", lang), right, font)
        self.marks: list = []
        self.marked: tuple = ()
        self.top: float | None = None
        self.live = LiveFigure(fig, [*self.bands.values(), *self.edges.values(), *self.lines.values()])

    def _mark(self, events: list[Marker], span: int) -> None:
        """Dashed lines at the levers' moments; above the axes, each one's number and, where there is
        room before the next, the lever's name (moments a few pixels apart share one tag)."""
        for artist in self.marks:
            artist.remove()
        self.marks = []
        width_px = self.ax.get_position().width * self.size.width
        groups: list[list[Marker]] = []
        for event in (e for e in events if e.week <= span):
            if groups and (event.week - groups[-1][0].week) * width_px / span < TAG_GAP_PX:
                groups[-1].append(event)
            else:
                groups.append([event])
        strip = blended_transform_factory(self.ax.transData, self.ax.transAxes)
        right_px = width_px + self.right - 2  # the tags may reach into the right margin, not past the figure
        for k, group in enumerate(groups):
            for event in group:
                self.marks.append(self.ax.axvline(event.week, color=event.colour, linestyle=(0, (4, 3)),
                                                  linewidth=1.3))
            x_px = group[0].week * width_px / span
            room = (groups[k + 1][0].week * width_px / span if k + 1 < len(groups) else right_px) - x_px - 6
            first, last = group[0].number, group[-1].number
            text = str(first) if first == last else f"{first}–{last}"
            named = f"{text} {group[0].name}"
            if len(group) == 1 and len(named) * TAG_CHAR * self.size.font <= room:
                text = named
            colours = {e.colour for e in group}
            self.marks.append(self.ax.text(group[0].week, 1.02, text, transform=strip, ha="left", va="bottom",
                                           fontsize=self.size.font, fontweight="bold",
                                           color=colours.pop() if len(colours) == 1 else theme.MUTED,
                                           clip_on=False))

    def png(self, classroom: Classroom, events: list[Marker]) -> bytes:
        """The chart at the classroom's week, with the levers' moments marked; the band where every
        band seed has run."""
        span = week_span(classroom.week)
        highest = self.floor
        for name in self.cities:
            city = classroom.cities[name]
            weeks, values = city.series(self.key)
            if weeks.size == 0:
                self.lines[name].set_data([], [])
                self.bands[name].set_verts([])
                self.edges[name].set_data([], [])
                continue
            self.lines[name].set_data(weeks, values[0])
            self.lines[name].set_marker("o" if weeks.size < 3 else "")
            banded = values[:, : city.band_week]
            with np.errstate(all="ignore"):
                low, high = np.nanmin(banded, axis=0), np.nanmax(banded, axis=0)
            defined = ~np.isnan(low)
            x, lo, hi = weeks[: city.band_week][defined], low[defined], high[defined]
            self.bands[name].set_verts([np.r_[np.c_[x, lo], np.c_[x[::-1], hi[::-1]]]] if x.size else [])
            self.edges[name].set_data(np.r_[x, np.nan, x], np.r_[lo, np.nan, hi])
            with np.errstate(all="ignore"):
                top = np.nanmax(values) if np.isfinite(values).any() else np.nan
            if np.isfinite(top):
                highest = max(highest, float(top))
        wanted = min(nice_ceiling(highest * 1.05), self.ceiling)
        if self.top is None or wanted > self.top or wanted < 0.5 * self.top:  # rescale, but not every week
            self.top = wanted
        top = self.top
        self.ax.set_ylim(0, top)
        ticks = self.y_ticks.tick_values(0, top)
        self.y_step = float(ticks[1] - ticks[0])
        self.ax.set_xlim(0, span)
        self.ax.xaxis.set_major_locator(MultipleLocator(week_step(span)))
        marks = tuple(events)
        if (marks, span) != self.marked:
            self._mark(events, span)
            self.marked = (marks, span)
        return self.live.png((span, top, self.marked))
