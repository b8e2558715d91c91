"""Sizes, fonts and colours of the page and its charts, for a projector from 1024x768 to 1920x1080.

The page reports the browser window's size (`Layout`); the charts are drawn at the size the window
leaves them, at 72 dpi, so one point is one pixel on screen, and shown at exactly their pixel size
(never scaled down): a font size here is the size the class reads. Every text on every chart is at
least `FONT_PX`; the tests read this constant. Presentation mode hides the controls and draws
everything larger.

Colours are safe for colour-blind eyes: the cities are blue and orange; the readings and the
network's states take the Okabe-Ito palette (Okabe and Ito 2008) and always come with a word or a
hatching, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from simulation.vocabulary import Reading

FONT_PX = 14
"""The smallest text on any chart: axes, ticks, legends, radar and network labels."""
DPI = 72
MIN_CHART_W, MIN_CHART_H = 360, 216
"""The smallest a headline chart may be (the tests check every chart is at least this)."""
MAX_CHART_W = 760
TOP_PX = 56
"""The bar at the top: the views, the downloads, presentation mode, the language."""
RUN_BAR_PX = 56
"""In presentation mode, the bar with the week and the run buttons, over the charts."""
GAP_PX = 12
SCROLLBAR_PX = 16
ASPECT = 0.6
"""A headline chart's height over its width."""

CITY_COLOURS = {"A": "#1f6fb4", "B": "#d95f02"}
BAND_ALPHA = 0.25
"""The band's fill; its edges are drawn in the city's colour (at least 3:1 against white)."""
GRID = "#dddddd"
MUTED = "#595959"
"""Grey text: 7:1 against white."""

READING_COLOURS = {Reading.OPPORTUNITY: "#0072B2", Reading.TENSION: "#F0E442", Reading.RISK: "#D55E00"}
"""Okabe-Ito blue, yellow and vermillion: under deuteranopia risk and opportunity stay far apart
(`tests/test_dashboard.py` measures it)."""
READING_HATCHES = {Reading.OPPORTUNITY: "", Reading.TENSION: "..", Reading.RISK: "xx"}
"""And a texture each, for whoever cannot tell the colours apart."""


@dataclass(frozen=True)
class ChartSize:
    """What every chart is drawn at: a headline chart's width and height, and the font sizes."""

    width: int = 450
    height: int = 270
    font: int = FONT_PX
    title: int = 16


SIZE = ChartSize()
"""The charts' size at 1280x720."""


@dataclass(frozen=True)
class Layout:
    """The page laid out for a browser window of ``width`` x ``height`` CSS pixels (what the page
    reports; at 125% zoom a 1280-pixel screen is 1024 CSS pixels wide).

    Normally the controls are on the left and the charts in a grid of two columns: three charts and,
    in the fourth cell, the lesson (or the levers over time). In presentation mode the controls give
    way to a bar of run buttons, the three charts stand in one row and the lesson below them, wide,
    in larger type."""

    width: int = 1280
    height: int = 720
    presenting: bool = False

    @cached_property
    def columns(self) -> int:
        """Three charts in a row in presentation mode, where three of the smallest size fit; else two."""
        wide = self.width - 4 * GAP_PX - SCROLLBAR_PX >= 3 * MIN_CHART_W
        return 3 if self.presenting and wide else 2

    @cached_property
    def card_below(self) -> bool:
        """Whether the lesson's card lies under the row of charts (presentation mode) or in the grid."""
        return self.columns == 3

    @cached_property
    def sidebar(self) -> int:
        """The controls' column (none in presentation mode): narrower on a narrow window, so that two
        charts of the smallest size still fit beside it."""
        if self.presenting:
            return 0
        room = self.width - 3 * GAP_PX - SCROLLBAR_PX - 2 * MIN_CHART_W
        return max(240, min(380, round(0.26 * self.width), room))

    @cached_property
    def text(self) -> int:
        """The page's body text: 15 px at 1280x720, larger on a larger window and in presentation mode."""
        base = 20 if self.presenting else 15
        return max(base, min(26, round(base * min(self.width / 1280, self.height / 720))))

    @cached_property
    def readout(self) -> int:
        """The two lines under a chart that read City B minus City A."""
        return 2 * round(1.35 * self.text)

    @cached_property
    def chart(self) -> ChartSize:
        across = (self.width - self.sidebar - (self.columns + 1) * GAP_PX - SCROLLBAR_PX) / self.columns
        top = TOP_PX + (RUN_BAR_PX if self.presenting else 0)
        if self.card_below:
            down = self.height - top - self.readout - 3 * GAP_PX - 0.34 * self.height
        else:
            down = (self.height - top - 2 * self.readout - 3 * GAP_PX) / 2
        width = int(max(MIN_CHART_W, min(across, down / ASPECT, MAX_CHART_W)))
        height = int(max(MIN_CHART_H, min(down, width * ASPECT)))
        font = max(16, min(24, round(width / 24))) if self.presenting else max(FONT_PX, min(22, round(width / 32)))
        return ChartSize(width, height, font, round(font * 1.15))

    @cached_property
    def card(self) -> tuple[int, int]:
        """The lesson's card: the fourth cell of the grid, or the width of the page under the charts in
        presentation mode."""
        if self.card_below:
            width = self.columns * self.chart.width + (self.columns - 1) * GAP_PX
            below = self.height - TOP_PX - RUN_BAR_PX - self.chart.height - self.readout - 3 * GAP_PX
            return width, int(max(MIN_CHART_H, below))
        return self.chart.width, self.chart.height + self.readout


def figure(width_px: int, height_px: int) -> Figure:
    """A figure of that many pixels, outside pyplot's global state."""
    return Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)


def axes(fig: Figure, left: float, right: float, top: float, bottom: float, font: int = FONT_PX) -> Axes:
    """Axes with margins given in pixels, styled."""
    width, height = fig.get_size_inches() * fig.dpi
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height))
    style(ax, font)
    return ax


def style(ax: Axes, font: int = FONT_PX) -> None:
    """Ticks at the chart's font size, a light grid, no top or right frame."""
    ax.tick_params(labelsize=font, length=4)
    ax.grid(color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def axis_word(fig: Figure, text: str, right_px: float, font: int = FONT_PX) -> None:
    """The x axis's word (the week), at the right end of the row under the axes, beside the legend."""
    width, height = fig.get_size_inches() * fig.dpi
    fig.text(1 - right_px / width, 5 / height, text, ha="right", va="bottom", fontsize=font, color=MUTED)


def right_margin(font: int) -> int:
    """Room right of the axes for half of the last tick's number (three digits)."""
    return round(0.9 * font) + 2


def px(figure_: Figure, x: float, y: float) -> tuple[float, float]:
    """A point given in pixels from the figure's bottom-left corner, in figure coordinates."""
    width, height = figure_.get_size_inches() * figure_.dpi
    return x / width, y / height


def contrast(colour: str, background: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i: i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
