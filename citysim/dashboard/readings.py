"""The authority's reading of each sector, week by week over the last two years (risk, tension,
opportunity in the vocabulary's colours)."""

from __future__ import annotations

import numpy as np
import polars as pl
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MultipleLocator

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from citysim.dashboard.texts import label, tr
from citysim.dashboard.timeseries import week_span, week_step
from simulation.model import CityModel
from simulation.vocabulary import Reading

SHOWN_WEEKS = 104
ROW_PX = 28


class ReadingsChart:
    def __init__(self, model: CityModel, lang: str) -> None:
        self.model = model
        self.sectors = [s.name for s in model.config.sectors]
        height = 80 + ROW_PX * len(self.sectors)
        fig = theme.figure(theme.CHART_W, height)
        left, right, top, bottom = 118, 14, 10, 46
        ax = theme.axes(fig, left, right, top, bottom)
        ax.grid(visible=False)
        cmap = ListedColormap([r.colour for r in Reading])  # in the order of Reading.code
        self.image = ax.imshow(np.full((len(self.sectors), 1), np.nan), aspect="auto", cmap=cmap, vmin=-0.5,
                               vmax=2.5, interpolation="nearest")
        ax.set_yticks(range(len(self.sectors)), [tr(f"sector.{s}", lang) for s in self.sectors])
        theme.axis_word(fig, label("week", lang), right)
        self.ax = ax
        self.live = LiveFigure(fig, [self.image])

    def png(self) -> bytes:
        week = self.model.week
        first = max(0, week - SHOWN_WEEKS)
        grid = np.full((len(self.sectors), max(1, week - first)), np.nan)
        table = self.model.sector_readings()
        if table.height:
            recent = table.filter(pl.col("week") >= first)
            rows = recent["sector"].replace_strict({n: i for i, n in enumerate(self.sectors)}).to_numpy()
            codes = recent["reading"].replace_strict({r.value: r.code for r in Reading}).to_numpy()
            grid[rows, recent["week"].to_numpy() - first] = codes
        self.image.set_data(grid)
        self.image.set_extent((first, first + grid.shape[1], len(self.sectors) - 0.5, -0.5))
        span = (first, max(week_span(week), first + grid.shape[1]))
        self.ax.set_xlim(*span)
        self.ax.xaxis.set_major_locator(MultipleLocator(week_step(span[1] - span[0])))
        return self.live.png(span)
