"""The residents as a network: a fixed sample of neighbours, coloured by burn-out state or dominant role.

The sample is a contiguous stretch of the small-world ring, so neighbours stay together and links
show; its layout is computed once per run. The legend, with each colour's count, sits under the
drawing, never over it.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from citysim.dashboard.texts import tr
from simulation.model import CityModel

SAMPLE = 250
"""Residents drawn: enough to see clusters, few enough to draw fast."""
HEIGHT = 330
LEGEND_PX = 52
PALETTES = {
    "burnout": {"state.burned_out": "#d62728", "state.tired": "#ff7f0e", "state.active": "#1f77b4",
                "state.resting": "#c7c7c7"},
    "role": {"role.citizen": "#2ca02c", "role.consumer": "#9467bd", "role.contributor": "#1f77b4",
             "role.worker": "#8c564b"},
}
"""Colour of each state, by the key of its name in the translation table."""


def sample(model: CityModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Residents' rows, their positions and the links among them."""
    n = model.config.n_residents
    size = min(SAMPLE, n)
    start = int(np.random.default_rng(0).integers(n))
    rows = (start + np.arange(size)) % n
    index = {int(r): k for k, r in enumerate(rows)}
    edges = [(index[int(r)], index[int(j)]) for r in rows for j in model.network.neighbours_of(int(r))
             if int(j) in index and index[int(j)] > index[int(r)]]
    graph = nx.Graph(edges)
    graph.add_nodes_from(range(size))
    pos = nx.kamada_kawai_layout(graph)
    return rows, np.array([pos[k] for k in range(size)]), np.array(edges, dtype=int).reshape(-1, 2)


def states(model: CityModel, rows: np.ndarray, colour_by: str) -> np.ndarray:
    """Each sampled resident's state (a key of the palette)."""
    s = model.residents_state
    if colour_by == "burnout":
        tired = s.fatigue[rows] > 0.5 * s.burnout_threshold[rows]
        return np.select([s.burnout_weeks_left[rows] > 0, tired, s.contribution_h[rows] > 0],
                         ["state.burned_out", "state.tired", "state.active"], "state.resting")
    roles = np.stack([s.citizen[rows], s.consumer[rows], s.contributor[rows], s.worker[rows]])
    return np.array(list(PALETTES["role"]))[roles.argmax(axis=0)]


class NetworkChart:
    def __init__(self, model: CityModel, lang: str, colour_by: str) -> None:
        self.model, self.lang, self.colour_by = model, lang, colour_by
        self.palette = PALETTES[colour_by]
        self.rows, xy, edges = sample(model)
        fig = theme.figure(theme.CHART_W, HEIGHT)
        ax = fig.add_axes((0.02, LEGEND_PX / HEIGHT, 0.96, 1 - LEGEND_PX / HEIGHT - 0.02))
        if len(edges):
            ax.add_collection(LineCollection(np.stack([xy[edges[:, 0]], xy[edges[:, 1]]], axis=1),
                                             colors="#dddddd", linewidths=0.6, zorder=1))
        self.dots = ax.scatter(xy[:, 0], xy[:, 1], s=30, zorder=2)
        ax.set_axis_off()
        handles = [Line2D([], [], marker="o", linestyle="", markersize=9, color=c) for c in self.palette.values()]
        self.legend = fig.legend(handles, list(self.palette), loc="lower center", ncols=2, fontsize=theme.FONT_PX,
                                 frameon=False, columnspacing=1.2, handletextpad=0.3, borderaxespad=0.1)
        self.live = LiveFigure(fig, [self.dots, self.legend])

    def png(self) -> bytes:
        state = states(self.model, self.rows, self.colour_by)
        self.dots.set_facecolors([self.palette[x] for x in state])
        for text, key in zip(self.legend.get_texts(), self.palette, strict=True):
            text.set_text(f"{tr(key, self.lang)} ({int((state == key).sum())})")
        return self.live.png(())
