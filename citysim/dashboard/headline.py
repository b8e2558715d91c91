"""The charts that tell the story, in the first screen: three indicators and, beside them, the current
lesson (or the levers over time); under each chart, with two cities, the difference between them read
on every seed; under the charts, what each numbered marker stands for."""

from __future__ import annotations

import html

import solara

from citysim.dashboard import state, theme
from citysim.dashboard.charts import ChartSet, Mark
from citysim.dashboard.lessons import lesson
from citysim.dashboard.runs import BAND_SEEDS, WINDOW, Classroom
from citysim.dashboard.texts import decimals_for, number, tr
from citysim.dashboard.widgets import chart_image
from simulation import vocabulary


def readout(classroom: Classroom, column: str, lang: str) -> None:
    """City B minus City A under a chart (a plain function: it renders with the chart, each week)."""
    diff = classroom.difference(column)
    if diff is None:
        solara.HTML(tag="div", unsafe_innerHTML="&nbsp;", classes=["readout"])
        return
    decimals = decimals_for(column)
    text = tr("difference", lang, first=max(0, classroom.week - WINDOW), last=classroom.week - 1, n=BAND_SEEDS + 1,
              live=number(diff.live, lang, decimals, sign=True), low=number(diff.low, lang, decimals, sign=True),
              high=number(diff.high, lang, decimals, sign=True))
    solara.HTML(tag="div", classes=["readout", f"verdict-{diff.verdict}"], attributes={"data-column": column},
                unsafe_innerHTML=f"{html.escape(text)} — <b>{html.escape(tr(f'verdict.{diff.verdict}', lang))}</b>")


@solara.component
def LessonCard(key: str) -> None:
    lang = state.LANG.value
    revealed = state.REVEALED.value
    item = lesson(key)
    steps = "".join(f"<li>{html.escape(s)}</li>" for s in tr(f"lesson.{key}.steps", lang).split("\n"))

    def part(title: str, body: str) -> str:
        return f"<h4>{html.escape(tr(title, lang))}</h4>{body}"

    body = (f"<h3>{html.escape(tr(f'lesson.{key}.title', lang))}</h3>"
            + part("lesson.question", f"<p>{html.escape(tr(f'lesson.{key}.question', lang))}</p>")
            + part("lesson.steps", f"<ol>{steps}</ol>")
            + part("lesson.watch", f"<p>{html.escape(tr(f'lesson.{key}.watch', lang))}</p>"))
    with solara.Div(classes=["lesson-card"], style={"height": f"{theme.CHART_H + 30}px"}):
        solara.HTML(tag="div", unsafe_innerHTML=body, classes=["lesson-text"], attributes={"data-lesson": item.key})
        with solara.Row(gap="6px"):
            solara.Button(tr("lesson.hide" if revealed else "lesson.reveal", lang), outlined=True, small=True,
                          on_click=lambda: state.REVEALED.set(not revealed), classes=["reveal-button"])
            solara.Button(tr("lesson.close", lang), text=True, small=True, on_click=lambda: state.LESSON.set(None),
                          classes=["close-lesson"])
        if revealed:
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr(f"lesson.{key}.reveal", lang)),
                        classes=["reveal"])


def event_text(mark: Mark, cities: int, lang: str) -> str:
    if mark.origin == "rule":
        sector, reading, weeks = mark.rule
        why = tr("why.rule", lang, sector=tr(f"sector.{sector}", lang),
                 reading=vocabulary.label(vocabulary.Reading(reading), lang), weeks=weeks)
    else:
        why = tr("from_policy" if mark.origin == "policy" else "why.class", lang)
    where = tr("both_cities", lang) if len(mark.cities) > 1 else tr("city", lang, name=mark.cities[0])
    return tr("event_line" if cities > 1 else "event_line_one", lang, n=mark.number, week=mark.week, city=where,
              lever=tr(f"lever.{mark.lever}", lang), what=vocabulary.label(mark.kind, lang), why=why)


def events(classroom: Classroom, charts: ChartSet, lang: str) -> None:
    """The numbered list of the levers' moments (a plain function: it renders with the charts, each week)."""
    found = charts.marks()
    items = "".join(f'<li style="border-left-color: {m.colour}">'
                    f"{html.escape(event_text(m, len(classroom.cities), lang))}</li>" for m in found)
    solara.HTML(tag="div", classes=["events"], unsafe_innerHTML=(
        f"<h4>{html.escape(tr('events', lang))}</h4>"
        + (f"<ul>{items}</ul>" if found else f"<p>{html.escape(tr('no_events', lang))}</p>")))


@solara.component
def Headline(classroom: Classroom, charts: ChartSet) -> None:
    state.follow_steps()
    lang = state.LANG.value
    columns = state.CHARTS.value
    key = state.LESSON.value
    with solara.Div(classes=["chart-grid"]):
        for column in columns:
            with solara.Div(classes=["chart-cell"]):
                chart_image(charts.indicator(column), ["headline-chart"])
                if len(classroom.cities) > 1:
                    readout(classroom, column, lang)
        with solara.Div(classes=["chart-cell"]):
            if key is not None:
                LessonCard(key)
            else:
                chart_image(charts.timeline(), ["headline-chart", "timeline-chart"])
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr("chart_help", lang, n=BAND_SEEDS + 1)), classes=["help"])
    with solara.Div(classes=["below-grid"]):
        if key is not None:
            chart_image(charts.timeline(), ["timeline-chart"])
        events(classroom, charts, lang)
    # the week these charts show, for whoever waits for them (the end-to-end tests, the benchmark)
    solara.HTML(tag="span", classes=["charts-week"], attributes={"data-week": str(classroom.week)})
