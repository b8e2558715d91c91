"""Each platform's six criteria of destabilisation as a radar, in the colour of the authority's reading
of it, and the reading in words under its name (colour is never the only sign).

All radars are drawn on one plain axes (polar axes are slow). The spokes are numbered 1 to 6 in the
order of `simulation.registry.CRITERIA`; the page names the criteria beside the chart, since six
labels at a readable size do not fit around a small radar.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from citysim.dashboard import theme
from citysim.dashboard.live import LiveFigure
from simulation import vocabulary
from simulation.model import CityModel
from simulation.registry import CRITERIA


class RadarChart:
    def __init__(self, model: CityModel, width_px: int, lang: str, size: theme.ChartSize = theme.SIZE) -> None:
        self.platforms = list(model.platforms)
        self.lang = lang
        font = size.font
        cell = round(10.7 * font)
        name_px = round(2.9 * font)
        self.columns = max(1, width_px // cell)
        rows_n = -(-len(self.platforms) // self.columns)
        height = rows_n * (cell + name_px)
        fig = theme.figure(width_px, height)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width_px)
        ax.set_ylim(-height, 0)
        ax.set_axis_off()
        angles = np.pi / 2 - np.linspace(0, 2 * np.pi, len(CRITERIA), endpoint=False)
        self.unit = np.c_[np.cos(angles), np.sin(angles)] * 0.36 * cell
        lines, self.radars = [], []
        for k, platform in enumerate(self.platforms):
            centre = np.array([(k % self.columns + 0.5) * cell, -(k // self.columns) * (cell + name_px) - cell / 2 - 4])
            lines += [(centre, centre + u) for u in self.unit]
            for r in (0.5, 1.0):
                ring = centre + r * self.unit
                lines += [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]
            for number, u in enumerate(self.unit, start=1):
                ax.text(*(centre + 1.28 * u), str(number), ha="center", va="center", fontsize=font, color=theme.MUTED)
            patch = ax.fill(*np.c_[centre, centre], alpha=0.45, linewidth=0)[0]
            outline = ax.plot([], [], linewidth=2.2, color="#222222")[0]
            ax.text(centre[0], centre[1] - cell / 2 - 4, platform.name, ha="center", va="top", fontsize=font)
            word = ax.text(centre[0], centre[1] - cell / 2 - 4 - 1.25 * font, "", ha="center", va="top", fontsize=font,
                           fontweight="bold")
            self.radars.append((centre, patch, outline, word))
        ax.add_collection(LineCollection(lines, colors="#cccccc", linewidths=0.8, zorder=0))
        self.live = LiveFigure(fig, [artist for _, *artists in self.radars for artist in artists])

    def png(self) -> bytes:
        for platform, (centre, patch, outline, word) in zip(self.platforms, self.radars, strict=True):
            if not platform.present:
                patch.set_xy(np.c_[centre, centre].T)
                outline.set_data([], [])
                word.set_text("")
                continue
            shape = centre + np.array([platform.criteria[c] for c in CRITERIA])[:, None] * self.unit
            patch.set_xy(shape)
            patch.set_color(theme.READING_COLOURS[platform.reading])
            patch.set_hatch(theme.READING_HATCHES[platform.reading])
            patch.set_edgecolor("#333333")
            outline.set_data(*np.r_[shape, shape[:1]].T)
            word.set_text(vocabulary.label(platform.reading, self.lang))
        return self.live.png(())
