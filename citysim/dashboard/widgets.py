"""Small pieces of the page used everywhere: a note, a heading, a slider that always reads its value,
and a chart image shown at its exact pixel size."""

from __future__ import annotations

import html
from collections.abc import Callable

import solara

from citysim.dashboard import state
from citysim.dashboard.texts import colon


@solara.component
def Note(text: str, kind: str = "note") -> None:
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=[kind])


@solara.component
def Heading(text: str) -> None:
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=["control-heading"])


@solara.component
def Slider(name: str, value: float, low: float, high: float, step: float, shown: Callable[[float], str],
           note: str, on_change: Callable[[float], None], classes: list[str] = []) -> None:  # noqa: B006
    """A slider whose label always reads its value and unit; the value is applied when released.
    ``classes``: of the box around it (what a lesson step highlights)."""
    dragged, set_dragged = solara.use_state(value)
    solara.use_effect(lambda: set_dragged(value), [value])
    lang = state.LANG.value
    with solara.Div(classes=["slider-box", *classes]):
        solara.HTML(tag="div", unsafe_innerHTML=f"{html.escape(name)}{colon(lang)}<b>{html.escape(shown(dragged))}</b>",
                    classes=["control-label"])
        slider = solara.v.Slider(v_model=dragged, on_v_model=set_dragged, min=low, max=high, step=step,
                                 hide_details=True, dense=True, class_="control-slider")
        solara.v.use_event(slider, "change", lambda *args: on_change(type(value)(args[2])))
        if note:
            Note(note, "source")


def chart_image(png: bytes, classes: list[str]) -> None:
    """A chart at exactly its pixel size: never scaled, so its text stays at the size it was drawn."""
    solara.Image(png, classes=["chart", *classes])
