"""The levers over time: one row per lever, its planned weeks faint and the weeks it ran solid.

With two cities each row holds two bars, City A's above City B's. A lever an adaptive rule starts
appears when the rule fires; a lever the budget could no longer pay stops with a cross. The x axis
spans the whole run, with a line at the current week, so the class sees what is still to come.
"""

from __future__ import annotations

import textwrap

import numpy as np
import polars as pl
from matplotlib.collections import PolyCollection

from citysim.dashboard import theme
from citysim.dashboard.levers import LEVERS
from citysim.dashboard.live import LiveFigure
from citysim.dashboard.runs import Classroom
from citysim.dashboard.texts import label, tr
from simulation.vocabulary import LeverStatus

ORDER = [lever.type for lever in LEVERS]
MIN_ROWS = 4
"""Room for this many rows at least, so one lever's bar is not a slab."""


def rows(classroom: Classroom) -> list[str]:
    """The lever types any city runs or has planned, in the controls' order."""
    kinds = {spec.type for city in classroom.cities.values() for spec in city.scenario.interventions}
    kinds |= {spec.then.type for city in classroom.cities.values() for spec in city.scenario.interventions
              if spec.type == "adaptive_rule"}
    return sorted(kinds, key=ORDER.index)


def _box(x0: float, x1: float, y: float, height: float) -> np.ndarray:
    return np.array([(x0, y - height / 2), (x1, y - height / 2), (x1, y + height / 2), (x0, y + height / 2)])


class LeverTimeline:
    def __init__(self, classroom: Classroom, lang: str, size: theme.ChartSize = theme.SIZE) -> None:
        self.kinds = rows(classroom)
        self.names = tuple(classroom.cities)
        font = size.font
        fig = theme.figure(size.width, size.height)
        fig.text(0.5, 1 - 6 / size.height, tr("timeline", lang), ha="center", va="top", fontsize=size.title,
                 fontweight="bold")
        names = [tr(f"short.{k}", lang) for k in self.kinds]
        left = 16 + 0.6 * font * max(map(len, names), default=0)  # room for the longest name
        right, top, bottom = theme.right_margin(font), 2.2 * size.title, 3.3 * font
        ax = theme.axes(fig, left, right, top, bottom, font)
        ax.grid(axis="y", visible=False)
        weeks = classroom.settings.weeks
        ax.set_xlim(0, weeks)
        ax.set_xticks(range(0, weeks + 1, 52))
        ax.set_ylim(max(len(self.kinds), MIN_ROWS) - 0.5, -0.5)
        ax.set_yticks(range(len(self.kinds)), names)
        theme.axis_word(fig, label("week", lang), right, font)
        if not self.kinds:
            ax.set_yticks([])
            ax.text(0.5, 0.5, "\n".join(textwrap.wrap(tr("no_levers", lang), 30)), transform=ax.transAxes, ha="center",
                    va="center", fontsize=font, color=theme.MUTED)
        self.height = 0.7 / len(self.names)
        planned = []
        for k, kind in enumerate(self.kinds):
            for c, name in enumerate(self.names):
                for spec in classroom.cities[name].scenario.interventions:
                    if spec.type == kind:
                        end = weeks if spec.end_week is None else spec.end_week + 1
                        planned.append((_box(spec.start_week, end, self._y(k, c), self.height),
                                        theme.CITY_COLOURS[name]))
        ax.add_collection(PolyCollection([p for p, _ in planned], facecolors=[c for _, c in planned], alpha=0.18,
                                         linewidths=0))
        self.ran = ax.add_collection(PolyCollection([], linewidths=0))
        self.stops = ax.scatter([], [], marker="X", s=0.6 * font ** 2, color="#c00000", zorder=3)
        self.now = ax.axvline(0, color="#222222", linewidth=1.5)
        self.ax = ax
        self.live = LiveFigure(fig, [self.ran, self.stops, self.now])

    def _y(self, row: int, city: int) -> float:
        return row + (city - (len(self.names) - 1) / 2) * self.height

    def png(self, classroom: Classroom) -> bytes:
        boxes, colours, stops = [], [], []
        for c, name in enumerate(self.names):
            table = classroom.cities[name].live.intervention_table()
            if table.is_empty():
                continue
            spans = (table.filter(pl.col("status") == str(LeverStatus.ACTIVE)).group_by("type")
                     .agg(pl.col("week").min().alias("first"), pl.col("week").max().alias("last")))
            for kind, first, last in spans.iter_rows():
                boxes.append(_box(first, last + 1, self._y(self.kinds.index(kind), c), self.height))
                colours.append(theme.CITY_COLOURS[name])
            unfunded = (table.filter(pl.col("status") == str(LeverStatus.UNFUNDED)).group_by("type")
                        .agg(pl.col("week").min()))
            stops += [(week, self._y(self.kinds.index(kind), c)) for kind, week in unfunded.iter_rows()]
        self.ran.set_verts(boxes)
        self.ran.set_facecolors(colours)
        self.stops.set_offsets(np.array(stops).reshape(-1, 2))
        self.now.set_xdata([classroom.week, classroom.week])
        return self.live.png(())

