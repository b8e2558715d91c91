"""What one browser session of the dashboard holds between renders (Solara reactive variables, one
set per session). Nothing is built here: the settings and the cities are built when a page renders."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import cache

import solara

from citysim.dashboard.lessons import lesson
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
STEP = solara.reactive(0)
"""The lesson's step on screen (its index)."""
PREDICTION: solara.Reactive[str | None] = solara.reactive(None)
"""The class's prediction in the lesson (a `runs.Verdict` value), chosen before the run."""
EDITING = solara.reactive("A")
"""Whose levers the controls show when there are two cities."""
COLOUR_BY = solara.reactive("burnout")
MORE = solara.reactive(False)
"""Whether "More about the city" is open (its charts are drawn only then)."""
PLAYING = solara.reactive(False)
SPEED = solara.reactive(4)
"""Play's speed, in weeks a second."""
SPEEDS = (1, 4, 13, 52)
"""The speeds to choose from: a week, a month, a quarter, a year a second."""
TICK = solara.reactive(0)
"""Counts the steps taken: the charts re-render when it moves."""
RESETS = solara.reactive(0)
"""Counts the presses of Reset: the cities are built again."""
PRESENTING = solara.reactive(False)
WINDOW: solara.Reactive[tuple[int, int]] = solara.reactive((1280, 720))
"""The browser window's size in CSS pixels, as the page reports it."""


@dataclass(frozen=True)
class Job:
    """Weeks being stepped (``total`` 0: Play, until paused)."""

    done: int = 0
    total: int = 0


JOB: solara.Reactive[Job | None] = solara.reactive(None)
"""The run in progress, if any: the run buttons wait for it."""
BANDS = solara.reactive(0)
"""The week the band seeds have reached (the band thread reports it)."""


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
    """New settings: the cities start again from week 0, paused. A lesson's card stays while the cities
    are the lesson's (its context, its two policies, whatever their levers), and closes otherwise."""
    PLAYING.set(False)
    SETTINGS.set(new)
    if EDITING.value not in new.names:
        EDITING.set("A")
    if LESSON.value is not None:
        item = lesson(LESSON.value)
        if (new.context, tuple(c.policy for c in new.cities)) != (item.context, item.policies):
            LESSON.set(None)


def reset_all() -> None:
    """Back to the page as it opens (used between tests)."""
    for variable, value in ((LANG, "en"), (VIEW, "city"), (SETTINGS, None), (CHARTS, DEFAULT_CHARTS),
                            (STEP, 0), (LESSON, None), (PREDICTION, None), (EDITING, "A"), (COLOUR_BY, "burnout"),
                            (MORE, False), (PLAYING, False), (SPEED, 4), (TICK, 0), (RESETS, 0), (PRESENTING, False),
                            (WINDOW, (1280, 720)), (JOB, None), (BANDS, 0)):
        variable.set(value)
