"""The residents as a network: a fixed sample of neighbours, coloured by burn-out state or dominant role.

The sample is a contiguous stretch of the small-world ring, so neighbours stay together and links
show; its layout is computed once per run (and kept for every language and size). Each state has a
colour of the Okabe-Ito palette and a shape of its own; the legend, with each state's count, sits
under the drawing, never over it.
"""

from __future__ import annotations

import weakref

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
PALETTES = {
    "burnout": {"state.burned_out": ("#D55E00", "X"), "state.tired": ("#E69F00", "^"),
                "state.active": ("#0072B2", "o"), "state.resting": ("#BBBBBB", ".")},
    "role": {"role.citizen": ("#009E73", "o"), "role.consumer": ("#CC79A7", "s"),
             "role.contributor": ("#0072B2", "^"), "role.worker": ("#E69F00", "D")},
}
"""Colour and shape of each state, by the key of its name in the translation table."""


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def sample(model: CityModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Residents' rows, their positions and the links among them (laid out once per run)."""
    if model not in _LAYOUTS:
        _LAYOUTS[model] = _sample(model)
    return _LAYOUTS[model]


def _sample(model: CityModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    def __init__(self, model: CityModel, lang: str, colour_by: str, size: theme.ChartSize = theme.SIZE) -> None:
        self.model, self.lang, self.colour_by = model, lang, colour_by
        self.palette = PALETTES[colour_by]
        self.rows, self.xy, edges = sample(model)
        font = size.font
        longest = max(len(f"{tr(key, lang)} ({model.config.n_residents})") for key in self.palette)
        columns = 2 if 2 * (0.55 * font * longest + 3 * font) <= size.width else 1  # the counts included
        legend_px = round(3.7 * font) if columns == 2 else round(4 * 1.6 * font + 12)
        width, height = size.width, round(size.width * 0.73) + legend_px - round(3.7 * font)
        fig = theme.figure(width, height)
        ax = fig.add_axes((0.02, legend_px / height, 0.96, 1 - legend_px / height - 0.02))
        if len(edges):
            ax.add_collection(LineCollection(np.stack([self.xy[edges[:, 0]], self.xy[edges[:, 1]]], axis=1),
                                             colors="#dddddd", linewidths=0.6, zorder=1))
        dot = 30 * (size.width / 450) ** 2
        self.dots = {key: ax.scatter([], [], s=dot * (2.2 if shape == "." else 1),
                                     marker="o" if shape == "." else shape,
                                     color=colour, edgecolors="#333333" if shape != "." else "none", linewidths=0.5,
                                     zorder=2) for key, (colour, shape) in self.palette.items()}
        ax.update_datalim(self.xy)
        ax.autoscale_view()
        ax.set_axis_off()
        handles = [Line2D([], [], marker="o" if shape == "." else shape, linestyle="", markersize=0.65 * font,
                          color=colour, markeredgecolor="#333333") for colour, shape in self.palette.values()]
        self.legend = fig.legend(handles, list(self.palette), loc="lower center", ncols=columns, fontsize=font,
                                 frameon=False, columnspacing=1.2, handletextpad=0.3, borderaxespad=0.1)
        self.live = LiveFigure(fig, [*self.dots.values(), self.legend])

    def png(self) -> bytes:
        state = states(self.model, self.rows, self.colour_by)
        for key, dots in self.dots.items():
            dots.set_offsets(self.xy[state == key].reshape(-1, 2))
        for text, key in zip(self.legend.get_texts(), self.palette, strict=True):
            text.set_text(f"{tr(key, self.lang)} ({int((state == key).sum())})")
        return self.live.png(())
