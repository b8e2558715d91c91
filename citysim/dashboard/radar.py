"""Each platform's six criteria of destabilisation as a radar, coloured by the authority's reading.

All radars are drawn on one plain axes (polar axes are slow). The spokes are numbered 1 to 6 in the
order of `simulation.registry.CRITERIA`; the page names the criteria beside the chart, since six
labels at a readable size do not fit around a small radar.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from simulation.model import CityModel
from simulation.registry import CRITERIA
from simulation.vocabulary import READING_COLOURS

CELL_PX = 150
"""Width and height of one radar (its name below it adds `NAME_PX`)."""
NAME_PX = 24
RADIUS = 0.36
"""A radar's radius, as a share of its cell."""


class RadarChart:
    def __init__(self, model: CityModel, width_px: int) -> None:
        self.platforms = [p for p in model.platforms]
        self.columns = max(1, width_px // CELL_PX)
        rows_n = -(-len(self.platforms) // self.columns)
        height = rows_n * (CELL_PX + NAME_PX)
        fig = theme.figure(width_px, height)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width_px)
        ax.set_ylim(-height, 0)
        ax.set_axis_off()
        angles = np.pi / 2 - np.linspace(0, 2 * np.pi, len(CRITERIA), endpoint=False)
        self.unit = np.c_[np.cos(angles), np.sin(angles)] * RADIUS * CELL_PX
        lines, self.radars = [], []
        for k, platform in enumerate(self.platforms):
            centre = np.array([(k % self.columns + 0.5) * CELL_PX,
                               -(k // self.columns) * (CELL_PX + NAME_PX) - CELL_PX / 2 - 4])
            lines += [(centre, centre + u) for u in self.unit]
            for r in (0.5, 1.0):
                ring = centre + r * self.unit
                lines += [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]
            for number, u in enumerate(self.unit, start=1):
                ax.text(*(centre + 1.28 * u), str(number), ha="center", va="center", fontsize=theme.FONT_PX,
                        color=theme.MUTED)
            patch = ax.fill(*np.c_[centre, centre], alpha=0.35, linewidth=0)[0]
            outline = ax.plot([], [], linewidth=2)[0]
            ax.text(centre[0], centre[1] - CELL_PX / 2 - 6, platform.name, ha="center", va="top",
                    fontsize=theme.FONT_PX)
            self.radars.append((centre, patch, outline))
        ax.add_collection(LineCollection(lines, colors="#cccccc", linewidths=0.8, zorder=0))
        self.live = LiveFigure(fig, [artist for _, *artists in self.radars for artist in artists])

    def png(self) -> bytes:
        for platform, (centre, patch, outline) in zip(self.platforms, self.radars, strict=True):
            if not platform.present:
                patch.set_xy(np.c_[centre, centre].T)
                outline.set_data([], [])
                continue
            shape = centre + np.array([platform.criteria[c] for c in CRITERIA])[:, None] * self.unit
            colour = READING_COLOURS[platform.reading]
            patch.set_xy(shape)
            patch.set_color(colour)
            outline.set_data(*np.r_[shape, shape[:1]].T)
            outline.set_color(colour)
        return self.live.png(())
