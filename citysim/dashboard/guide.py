"""The two pages beside the city: "Things to try" (the lessons, each loaded with one button) and
"About the model" (in the spirit of the NetLogo Models Library's Info tab)."""

from __future__ import annotations

import html
import re

import solara

from citysim.dashboard import state
from citysim.dashboard.guide_texts import ABOUT_SECTIONS
from citysim.dashboard.lessons import LESSONS, Lesson
from citysim.dashboard.texts import tr


def load(item: Lesson) -> None:
    """Load a lesson at its first step: its cities, its charts, its card beside them; City B's levers in
    the controls."""
    state.STEP.set(0)
    state.PREDICTION.set(None)
    state.LESSON.set(item.key)
    state.change(item.settings())
    state.CHARTS.set(item.charts)
    state.EDITING.set("B")
    state.VIEW.set("city")


def _paragraphs(text: str) -> str:
    """Paragraphs, one per line; `backticks` mark a command or a file, shown as code."""
    return "".join(f"<p>{re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(p))}</p>" for p in text.split("\n"))


@solara.component
def ThingsToTry() -> None:
    lang = state.LANG.value
    with solara.Column(classes=["guide", "lessons"], gap="8px"):
        solara.HTML(tag="div", unsafe_innerHTML=f"<h2>{html.escape(tr('view.lessons', lang))}</h2>"
                                                 f"{_paragraphs(tr('lesson.intro', lang))}")
        with solara.Div(classes=["lesson-list"]):
            for number, item in enumerate(LESSONS, start=1):
                _entry(number, item, lang)


def _entry(number: int, item: Lesson, lang: str) -> None:
    a, b = (tr(f"policy.{p}", lang) for p in item.policies)
    loads = tr("lesson.loads", lang, context=tr(f"context.{item.context}", lang), a=a, b=b, steps=len(item.steps))
    with solara.Div(classes=["lesson-entry"]):
        solara.HTML(tag="div", unsafe_innerHTML=(
            f"<h3>{number}. {html.escape(tr(f'lesson.{item.key}.title', lang))}</h3>"
            f"<p>{html.escape(tr(f'lesson.{item.key}.1', lang))}</p>"
            f'<p class="note">{html.escape(loads)}</p>'))
        solara.Button(tr("lesson.load", lang), color="primary", on_click=lambda: load(item),
                      classes=[f"load-{item.key}"])


@solara.component
def About() -> None:
    lang = state.LANG.value
    sections = "".join(f"<h3>{html.escape(tr(heading, lang))}</h3>{_paragraphs(tr(text, lang))}"
                       for heading, text in ABOUT_SECTIONS)
    solara.HTML(tag="div", classes=["guide", "about"],
                unsafe_innerHTML=f"<h2>{html.escape(tr('view.about', lang))}</h2>{sections}")
