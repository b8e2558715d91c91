"""Sizes, fonts and colours of every chart, chosen for a projector at 1280x720.

Charts are drawn at 72 dpi, so one point is one pixel on screen, and shown at exactly their pixel
size (never scaled down): a font size here is the size the class reads. Every text on every chart
is at least `FONT_PX`; the tests read this constant.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

FONT_PX = 14
"""The smallest text on any chart: axes, ticks, legends, radar and network labels."""
TITLE_PX = 16
DPI = 72
CHART_W, CHART_H = 450, 270
"""A headline chart, in pixels: two fit side by side beside the controls at 1280 px."""
MIN_CHART_W, MIN_CHART_H = 360, 220
"""The smallest a headline chart may be (the tests check every chart is at least this)."""
SIDEBAR_PX = 330
GAP_PX = 12

CITY_COLOURS = {"A": "#1f6fb4", "B": "#d95f02"}
BAND_ALPHA = 0.2
GRID = "#dddddd"
MUTED = "#666666"


def figure(width_px: int, height_px: int) -> Figure:
    """A figure of that many pixels, outside pyplot's global state."""
    return Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)


def axes(fig: Figure, left: float, right: float, top: float, bottom: float) -> Axes:
    """Axes with margins given in pixels, styled."""
    width, height = fig.get_size_inches() * fig.dpi
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height))
    style(ax)
    return ax


def style(ax: Axes) -> None:
    """Ticks at the smallest readable size, a light grid, no top or right frame."""
    ax.tick_params(labelsize=FONT_PX, length=4)
    ax.grid(color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def axis_word(fig: Figure, text: str, right_px: float) -> None:
    """The x axis's word (the week), at the right end of the row under the axes, beside the legend."""
    width, height = fig.get_size_inches() * fig.dpi
    fig.text(1 - right_px / width, 5 / height, text, ha="right", va="bottom", fontsize=FONT_PX, color=MUTED)


def px(figure_: Figure, x: float, y: float) -> tuple[float, float]:
    """A point given in pixels from the figure's bottom-left corner, in figure coordinates."""
    width, height = figure_.get_size_inches() * figure_.dpi
    return x / width, y / height
