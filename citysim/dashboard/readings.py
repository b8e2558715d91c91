"""The authority's reading of sectors, week by week over the last two years: one row per sector (and
per city, when there are two), each reading in its colour and its texture, and at the row's end the
reading of the week in words, so that no one needs to tell the colours apart."""

from __future__ import annotations

import textwrap

import numpy as np
import polars as pl
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch
from matplotlib.ticker import MultipleLocator

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from citysim.dashboard.texts import label, tr
from citysim.dashboard.timeseries import week_span, week_step
from simulation import vocabulary
from simulation.model import CityModel
from simulation.vocabulary import Reading

SHOWN_WEEKS = 104
CODES = {r.value: r for r in Reading}


def runs(readings: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive weeks of one reading: (first, end, reading)."""
    found: list[tuple[int, int, str]] = []
    for k, reading in enumerate(readings):
        if found and found[-1][2] == reading and found[-1][1] == k:
            found[-1] = (found[-1][0], k + 1, reading)
        else:
            found.append((k, k + 1, reading))
    return found


class ReadingsChart:
    """``models``: the cities' live runs by name; ``sectors``: the rows (None: every sector of the city);
    ``height``: None to fit the rows (the details under the charts), or a headline chart's height."""

    def __init__(self, models: dict[str, CityModel], sectors: tuple[str, ...] | None, lang: str, width: int,
                 size: theme.ChartSize = theme.SIZE, height: int | None = None,
                 title: str | None = None) -> None:
        self.models, self.lang = models, lang
        first = next(iter(models.values()))
        self.sectors = sectors or tuple(s.name for s in first.config.sectors)
        self.rows = [(sector, city) for sector in self.sectors for city in models]
        font = size.font
        title_px = 0 if title is None else round(size.title * 1.2 * len(textwrap.wrap(title, 40)) + 8)
        legend_px = round(1.9 * font)
        bottom = legend_px + round(1.7 * font)  # the weeks' numbers, then the key
        height = height or round(title_px + bottom + 10 + 1.9 * font * len(self.rows))
        fig = theme.figure(width, height)
        if title is not None:
            fig.text(0.5, 1 - 6 / height, "\n".join(textwrap.wrap(title, int(width / (0.56 * size.title)))),
                     ha="center", va="top", fontsize=size.title, fontweight="bold")
        names = [self._row_name(sector, city) for sector, city in self.rows]
        left = 20 + 0.62 * font * max(map(len, names))
        self.word_px = 12 + 0.6 * font * max(len(vocabulary.label(r, lang)) for r in Reading)
        ax = theme.axes(fig, left, self.word_px, title_px + 6, bottom, font)
        ax.grid(visible=False)
        ax.set_ylim(len(self.rows) - 0.5, -0.5)
        ax.set_yticks(range(len(self.rows)), names)
        self.cells = {r: ax.add_collection(PolyCollection([], facecolors=theme.READING_COLOURS[r], edgecolors="#333333",
                                                          hatch=theme.READING_HATCHES[r], linewidths=0.0))
                      for r in Reading}
        self.words = [ax.text(1.0, 1 - (k + 0.5) / len(self.rows), "", transform=ax.transAxes, ha="left",
                              va="center", fontsize=font, fontweight="bold") for k in range(len(self.rows))]
        for text in self.words:
            text.set_x(1 + 6 / (ax.get_position().width * width))
        handles = [Patch(facecolor=theme.READING_COLOURS[r], hatch=theme.READING_HATCHES[r], edgecolor="#333333",
                         linewidth=0.8) for r in reversed(Reading)]
        fig.legend(handles, [vocabulary.label(r, lang) for r in reversed(Reading)], loc="lower left",
                   bbox_to_anchor=theme.px(fig, 4, 0), ncols=3, fontsize=font, frameon=False, handlelength=1.6,
                   columnspacing=1.0, borderaxespad=0.2)
        theme.axis_word(fig, label("week", lang), self.word_px, font)
        self.ax = ax
        self.live = LiveFigure(fig, [*self.cells.values(), *self.words])

    def _row_name(self, sector: str, city: str) -> str:
        name = tr(f"sector.{sector}", self.lang)
        return f"{name} · {city}" if len(self.models) > 1 else name

    def png(self) -> bytes:
        week = next(iter(self.models.values())).week
        first = max(0, week - SHOWN_WEEKS)
        boxes: dict[Reading, list[np.ndarray]] = {r: [] for r in Reading}
        tables = {city: model.sector_readings().filter(pl.col("week") >= first) for city, model in self.models.items()}
        for row, ((sector, city), word) in enumerate(zip(self.rows, self.words, strict=True)):
            readings = tables[city].filter(pl.col("sector") == sector).sort("week")["reading"].to_list()
            for start, end, reading in runs(readings):
                x0, x1 = first + start, first + end
                boxes[CODES[reading]].append(np.array([(x0, row - 0.42), (x1, row - 0.42), (x1, row + 0.42),
                                                       (x0, row + 0.42)]))
            word.set_text(vocabulary.label(CODES[readings[-1]], self.lang) if readings else "")
            word.set_color("#222222")
        for reading, collection in self.cells.items():
            collection.set_verts(boxes[reading])
        span = (first, max(week_span(week), week))
        self.ax.set_xlim(*span)
        self.ax.xaxis.set_major_locator(MultipleLocator(week_step(span[1] - span[0])))
        return self.live.png(span)
