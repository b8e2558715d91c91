"""Charts that move every week without being redrawn from scratch.

A figure's still parts (axes, ticks, titles, markers) are drawn once and kept as a bitmap; each
week only the moving artists (lines, bands, dots) are drawn over it (Agg blitting). The still
parts are redrawn only when what they show changes (an axis rescales, a marker appears).
"""

from __future__ import annotations

import io
from collections.abc import Hashable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class LiveFigure:
    def __init__(self, fig: Figure, moving: list) -> None:
        self.fig, self.moving = fig, moving
        for artist in moving:
            artist.set_animated(True)
        self.canvas = FigureCanvasAgg(fig)
        self.background, self.background_key = None, None

    def png(self, background_key: Hashable) -> bytes:
        """The figure as a PNG; ``background_key`` names the state of its still parts."""
        if background_key != self.background_key:
            self.canvas.draw()
            self.background, self.background_key = self.canvas.copy_from_bbox(self.fig.bbox), background_key
        else:
            self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        return encode(self.canvas)


def encode(canvas: FigureCanvasAgg) -> bytes:
    """The canvas as a PNG, fast (little compression: the page is local)."""
    buffer = io.BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
        buffer, format="png", compress_level=1)
    return buffer.getvalue()
