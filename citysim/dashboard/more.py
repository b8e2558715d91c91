"""More about the city, under the headline charts and only drawn when opened: the residents as a
network, the sector readings and the platforms' six criteria, for each city side by side."""

from __future__ import annotations

import html

import solara

from citysim.dashboard import state, theme
from citysim.dashboard.charts import ChartSet
from citysim.dashboard.network import SAMPLE
from citysim.dashboard.runs import Classroom
from citysim.dashboard.texts import label, tr
from citysim.dashboard.widgets import Note, chart_image
from simulation import vocabulary
from simulation.registry import CRITERIA
from simulation.vocabulary import Reading


def _section(title: str, help_text: str) -> None:
    solara.HTML(tag="div", classes=["section-title"], unsafe_innerHTML=(
        f"<h3>{html.escape(title)}</h3><p>{html.escape(help_text)}</p>"))


def _key(lang: str) -> str:
    swatches = "".join(f'<span class="swatch" style="background:{theme.READING_COLOURS[r]}"></span>'
                       f"{html.escape(vocabulary.label(r, lang))} " for r in reversed(Reading))
    return f'<div class="reading-key">{swatches}</div>'


@solara.component
def PerCity(classroom: Classroom, draw) -> None:
    """One image per city, side by side, each under its city's name when there are two."""
    lang = state.LANG.value
    with solara.Row(gap=f"{theme.GAP_PX}px", classes=["per-city"]):
        for name in classroom.cities:
            with solara.Column(gap="2px"):
                if len(classroom.cities) > 1:
                    solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr("city", lang, name=name)),
                                classes=["city-caption", f"city-{name}"])
                chart_image(draw(name), ["more-chart"])


@solara.component
def More(classroom: Classroom, charts: ChartSet) -> None:
    lang = state.LANG.value
    opened = state.MORE.value
    solara.Button(tr("more_hide" if opened else "more", lang), outlined=True,
                  on_click=lambda: state.MORE.set(not opened), classes=["more-button"])
    if not opened:
        return
    state.follow_steps()  # while open
    colour_by = state.COLOUR_BY.value
    _section(tr("network", lang), tr("network_help", lang, n=SAMPLE))
    views = {tr("by_burnout", lang): "burnout", tr("by_role", lang): "role"}
    Note(tr("colour_by", lang))
    solara.ToggleButtonsSingle(value=tr(f"by_{colour_by}", lang), values=list(views),
                               on_value=lambda v: state.COLOUR_BY.set(views[v]), classes=["colour-toggle"])
    PerCity(classroom, lambda name: charts.network(name, colour_by))
    _section(tr("readings", lang), tr("readings_help", lang))
    PerCity(classroom, charts.readings)
    _section(tr("radar", lang), tr("radar_help", lang))
    criteria = "".join(f"<li>{html.escape(label(c, lang))}</li>" for c in CRITERIA)
    solara.HTML(tag="div", unsafe_innerHTML=f'<ol class="criteria">{criteria}</ol>{_key(lang)}')
    width = charts.size.width if len(classroom.cities) > 1 else 2 * charts.size.width + theme.GAP_PX
    PerCity(classroom, lambda name: charts.radar(name, width))
