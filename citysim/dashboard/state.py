"""What one browser session of the dashboard holds between renders (Solara reactive variables, one
set per session). Nothing is built here: the settings and the cities are built when a page renders."""

from __future__ import annotations

import os
from dataclasses import replace
from functools import cache

import solara

from citysim.dashboard.settings import Settings

DEFAULT_CHARTS = ("burnout_rate", "platform_value_share", "trust_mean")
"""The headline charts before any lesson: burn-out, value capture, trust."""

LANG = solara.reactive("en")
VIEW = solara.reactive("city")
"""'city', 'lessons' or 'about'."""
SETTINGS: solara.Reactive[Settings | None] = solara.reactive(None)
"""The controls' settings; None until changed (then `settings()` gives the library's default city)."""
CHARTS = solara.reactive(DEFAULT_CHARTS)
LESSON: solara.Reactive[str | None] = solara.reactive(None)
REVEALED = solara.reactive(False)
EDITING = solara.reactive("A")
"""Whose levers the controls show when there are two cities."""
COLOUR_BY = solara.reactive("burnout")
MORE = solara.reactive(False)
"""Whether "More about the city" is open (its charts are drawn only then)."""
PLAYING = solara.reactive(False)
TICK = solara.reactive(0)
"""Counts the steps taken: the charts re-render when it moves."""
RESETS = solara.reactive(0)
"""Counts the presses of Reset: the cities are built again."""


STARTING_RESIDENTS = "CITYSIM_DASHBOARD_RESIDENTS"
"""Environment variable: the population the page opens with (default: the context's own)."""


@cache
def _default() -> Settings:
    opening = Settings.of()
    residents = os.environ.get(STARTING_RESIDENTS)
    return replace(opening, n_residents=int(residents)) if residents else opening


def follow_steps() -> int:
    """Read the step counter, so that the calling component renders again at each step."""
    return TICK.value


def settings() -> Settings:
    return SETTINGS.value or _default()


def change(new: Settings) -> None:
    """New settings: the cities start again from week 0, paused."""
    PLAYING.set(False)
    SETTINGS.set(new)
    if EDITING.value not in new.names:
        EDITING.set("A")


def reset_all() -> None:
    """Back to the page as it opens (used between tests)."""
    for variable, value in ((LANG, "en"), (VIEW, "city"), (SETTINGS, None), (CHARTS, DEFAULT_CHARTS),
                            (LESSON, None), (REVEALED, False), (EDITING, "A"), (COLOUR_BY, "burnout"), (MORE, False),
                            (PLAYING, False), (TICK, 0), (RESETS, 0)):
        variable.set(value)
