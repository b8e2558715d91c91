"""The charts that tell the story, in the first screen: three charts and, beside them (or under them in
presentation mode), the current lesson or the levers over time; under each indicator's chart, with two
cities, the difference between them read on every seed; under the charts, what happened."""

from __future__ import annotations

import html

import solara

from citysim.dashboard import state, theme
from citysim.dashboard.charts import ChartSet
from citysim.dashboard.happened import line
from citysim.dashboard.pager import LessonCard
from citysim.dashboard.runs import BAND_SEEDS, Classroom
from citysim.dashboard.texts import decimals_for, number, tr
from citysim.dashboard.widgets import chart_image
from simulation.registry import INDICATORS


def readout(classroom: Classroom, key: str, lang: str) -> None:
    """City B minus City A under a chart (a plain function: it renders with the chart, each week)."""
    diff = classroom.difference(key) if key in INDICATORS else None
    if diff is None:
        waiting = key in INDICATORS and classroom.week > 0 and not classroom.caught_up
        text = html.escape(tr("readout_wait", lang)) if waiting else "&nbsp;"
        solara.HTML(tag="div", unsafe_innerHTML=text, classes=["readout"], attributes={"data-column": key})
        return
    decimals = decimals_for(key)
    text = tr("difference", lang, first=diff.first, last=diff.last - 1, n=BAND_SEEDS + 1,
              live=number(diff.live, lang, decimals, sign=True), low=number(diff.low, lang, decimals, sign=True),
              high=number(diff.high, lang, decimals, sign=True))
    solara.HTML(tag="div", classes=["readout", f"verdict-{diff.verdict}"], attributes={"data-column": key},
                unsafe_innerHTML=f"{html.escape(text)} — <b>{html.escape(tr(f'verdict.{diff.verdict}', lang))}</b>")


def happened(classroom: Classroom, charts: ChartSet, lang: str) -> None:
    """The numbered list of what happened (a plain function: it renders with the charts, each week)."""
    found = charts.marks()
    items = "".join(f'<li style="border-left-color: {m.colour}">{html.escape(line(m, len(classroom.cities), lang))}'
                    f"</li>" for m in found)
    solara.HTML(tag="div", classes=["events"], unsafe_innerHTML=(
        f"<h4>{html.escape(tr('events', lang))}</h4>"
        + (f"<ul>{items}</ul>" if found else f"<p>{html.escape(tr('no_events', lang))}</p>")))


@solara.component
def Headline(classroom: Classroom, charts: ChartSet, layout: theme.Layout) -> None:
    state.follow_steps()
    lang = state.LANG.value
    key = state.LESSON.value
    with solara.Div(classes=["chart-grid"]):
        for chart in state.CHARTS.value:
            with solara.Div(classes=["chart-cell"]):
                chart_image(charts.headline(chart), ["headline-chart"])
                if len(classroom.cities) > 1:
                    readout(classroom, chart, lang)
        if not layout.card_below:
            with solara.Div(classes=["chart-cell", "fourth-cell"]):
                if key is not None:
                    LessonCard(classroom, key, layout.card[1])
                else:
                    chart_image(charts.timeline(), ["headline-chart", "timeline-chart"])
    if layout.card_below and key is not None:
        LessonCard(classroom, key, layout.card[1])
    help_key = "chart_help" if classroom.band_residents == classroom.settings.n_residents else "chart_help_smaller"
    solara.HTML(tag="div", classes=["help"], unsafe_innerHTML=html.escape(
        tr(help_key, lang, n=BAND_SEEDS + 1, bands=BAND_SEEDS, residents=number(classroom.band_residents, lang, 0))))
    with solara.Div(classes=["below-grid"]):
        if key is not None or layout.card_below:
            chart_image(charts.timeline(), ["timeline-chart"])
        happened(classroom, charts, lang)
    # the week these charts show, for whoever waits for them (the end-to-end tests, the benchmark)
    solara.HTML(tag="span", classes=["charts-week"],
                attributes={"data-week": str(classroom.week), "data-bands": str(classroom.band_week),
                            "data-charts": " ".join(state.CHARTS.value)})
