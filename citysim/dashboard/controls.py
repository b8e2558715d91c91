"""The controls beside the charts: running, the cities (context, policies, levers), the city's values
and the charts shown. Every control shows its value and unit at all times, in the chosen language,
and says where its value comes from (the context, the policy, or a change made here).

Running: "+1 week" and "+1 year" step the chosen seed in a thread, with the buttons disabled and a
progress bar until the new charts are drawn (a second press meanwhile does nothing: a double click runs
one year); the band seeds follow in the background (`runs.Classroom`). Play runs at the chosen speed.
"""

from __future__ import annotations

import html
import math
import threading
import time
import weakref
from dataclasses import replace

import solara

from citysim.dashboard import state
from citysim.dashboard.levers import CONTROLS, LEVERS, LeverControl
from citysim.dashboard.runs import MAX_SEED, Classroom, parse_seed
from citysim.dashboard.settings import DEFAULT_SEED, LeverChoice, Settings, context
from citysim.dashboard.texts import capital, describe, label, number, series_title, tr, unit_word
from citysim.dashboard.widgets import Heading, Note, Slider
from simulation.library import names
from simulation.registry import HEADLINE, INDICATORS

YEAR = 52
FRAME_S = 0.25
"""Play draws the charts about this often, stepping as many weeks as its speed asks between draws."""
PROGRESS_S = 0.25
"""A run's progress bar moves at most this often."""


def _was(lang: str, value: str) -> str:
    return tr("changed", lang, value=value)


def run_weeks(classroom: Classroom, weeks: int) -> None:
    """Step the chosen seed ``weeks`` weeks in a thread; nothing while a run is in progress."""
    if state.JOB.value is not None or state.PLAYING.value or not classroom.running:
        return
    total = min(weeks, classroom.settings.weeks - classroom.week)
    state.JOB.set(state.Job(0, total))

    def work() -> None:
        shown = [time.monotonic()]

        def progress(done: int) -> None:
            if time.monotonic() - shown[0] > PROGRESS_S:
                state.JOB.set(state.Job(done, total))
                shown[0] = time.monotonic()

        try:
            classroom.advance(total, progress)
        finally:
            state.TICK.set(state.TICK.value + 1)  # the charts, drawn before the buttons come back
            state.JOB.set(None)
            classroom.nudge()

    threading.Thread(target=work, daemon=True, name="citysim-run").start()


@solara.component
def RunControls(classroom: Classroom, across: bool = False) -> None:
    """The week, the run buttons, Play's speed and the progress of a run: one above the other in the
    controls, side by side in presentation mode's bar (``across``)."""
    state.follow_steps()
    lang, playing, job = state.LANG.value, state.PLAYING.value, state.JOB.value
    weeks = classroom.settings.weeks
    busy = job is not None

    def reset() -> None:
        state.PLAYING.set(False)
        state.RESETS.set(state.RESETS.value + 1)

    with (solara.Row(gap="16px", classes=["run-controls", "across"]) if across
          else solara.Column(gap="4px", classes=["run-controls"])):
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr("week_of", lang, week=classroom.week, weeks=weeks)),
                    classes=["week-counter"])
        with solara.Row(gap="6px", classes=["run-buttons"]):
            solara.Button(tr("pause" if playing else "play", lang), on_click=lambda: state.PLAYING.set(not playing),
                          color="primary", disabled=(busy and not playing) or not classroom.running,
                          classes=["play-button"])
            solara.Button(tr("step", lang), on_click=lambda: run_weeks(classroom, 1),
                          disabled=busy or not classroom.running, outlined=True, classes=["step-button"])
            solara.Button(tr("year", lang), on_click=lambda: run_weeks(classroom, YEAR),
                          disabled=busy or not classroom.running, outlined=True, classes=["year-button"])
            solara.Button(tr("reset", lang), on_click=reset, outlined=True, disabled=busy and not playing,
                          classes=["reset-button"])
        speeds = {tr("speed_value", lang, n=n): n for n in state.SPEEDS}
        solara.Select(label=tr("speed", lang), values=list(speeds), value=tr("speed_value", lang, n=state.SPEED.value),
                      on_value=lambda v: state.SPEED.set(speeds[v]), dense=True, classes=["speed-select"])
        Progress(classroom)
        if not classroom.running:
            Note(tr("ended", lang))


@solara.component
def Progress(classroom: Classroom) -> None:
    """The run in progress (weeks done of weeks asked) and the band seeds catching up."""
    lang, job = state.LANG.value, state.JOB.value
    state.BANDS.use_value()
    with solara.Div(classes=["run-progress-box"]):
        _progress(classroom, job, lang)


def _progress(classroom: Classroom, job: state.Job | None, lang: str) -> None:
    if job is not None and job.total:
        solara.ProgressLinear(job.done / job.total, classes=["run-progress"])
        Note(tr("running", lang, done=job.done, total=job.total), "progress-note")
    elif not classroom.caught_up:
        solara.ProgressLinear(classroom.band_week / max(1, classroom.week), color="grey", classes=["band-progress"])
        Note(tr("bands_running", lang, week=classroom.band_week, weeks=classroom.week), "progress-note")
    else:
        solara.HTML(tag="div", unsafe_innerHTML="&nbsp;", classes=["progress-note"])


@solara.component
def Player(classroom: Classroom) -> None:
    """Steps the cities while Play is on, at the chosen speed (as fast as it can if a week takes longer),
    drawing the charts about every `FRAME_S`.

    The task reaches the cities through a weak reference: Solara keeps, for the server's lifetime, the
    first function a task was made with, which would otherwise keep every closed page's cities alive."""
    cities = weakref.ref(classroom)

    def play() -> None:
        classroom = cities()
        if classroom is None:
            return
        if not state.PLAYING.value:
            if state.JOB.value == state.Job(0, 0):  # paused: once the week in progress is done,
                with classroom.lock:
                    pass
                state.TICK.set(state.TICK.value + 1)  # its charts are shown,
                state.JOB.set(None)  # and the buttons come back
            return
        state.JOB.set(state.Job(0, 0))
        try:
            while state.PLAYING.value and classroom.running and task.is_current():
                started = time.perf_counter()
                speed = state.SPEED.value
                weeks = max(1, round(speed * FRAME_S))
                classroom.advance(weeks, stop=lambda: not task.is_current())
                state.TICK.set(state.TICK.value + 1)
                time.sleep(max(0.0, weeks / speed - (time.perf_counter() - started)))
        finally:
            if task.is_current():
                state.JOB.set(None)
                classroom.nudge()
                if not classroom.running:
                    state.PLAYING.set(False)

    task = solara.lab.use_task(play, dependencies=[state.PLAYING.value, classroom], prefer_threaded=True)


def _titles(kind: str, lang: str, entries: list[str]) -> dict[str, str]:
    return {tr(f"{kind}.{name}", lang): name for name in entries}


@solara.component
def Choose(settings: Settings) -> None:
    """One city or two; the context; each city's policy."""
    lang = state.LANG.value
    modes = {tr("one_city", lang): 1, tr("two_cities", lang): 2}
    solara.ToggleButtonsSingle(value=list(modes)[len(settings.cities) - 1], values=list(modes),
                               on_value=lambda m: state.change(settings.with_city_count(modes[m])),
                               classes=["mode-toggle"])
    if len(settings.cities) == 2:
        Note(tr("city_copy", lang))
    contexts = _titles("context", lang, names("contexts"))
    solara.Select(label=tr("context", lang), values=list(contexts), value=tr(f"context.{settings.context}", lang),
                  on_value=lambda title: state.change(settings.with_context(contexts[title])),
                  classes=["context-select"])
    Note(describe("context", settings.context, lang))
    policies = _titles("policy", lang, ["none", *names("policies")])
    for city, chosen in zip(settings.names, settings.cities, strict=True):
        heading = tr("policy", lang) if len(settings.cities) == 1 else tr("policy_of", lang, name=city)
        solara.Select(label=heading, values=list(policies), value=tr(f"policy.{chosen.policy}", lang),
                      on_value=lambda title, city=city: state.change(settings.with_policy(city, policies[title])),
                      classes=[f"policy-select-{city}"])
        title = tr(f"policy.{chosen.policy}", lang)
        Note(tr("policy_changed", lang, policy=title) if chosen.changed else describe("policy", chosen.policy, lang))


def _lever_value(control: LeverControl, value: float, lang: str) -> str:
    if control.percent:
        return f"{number(value, lang, 0, percent=True)} {tr(control.unit, lang)}"
    decimals = max(0, -math.floor(math.log10(control.step)))  # as fine as the slider moves
    return f"{number(value, lang, decimals)} {tr(control.unit, lang)}"


def _lever_note(choice: LeverChoice, lang: str) -> str:
    on, start, value = choice.initial
    if not choice.available:
        missing = "missing.cooperative" if choice.type == "cooperative_support" else "missing.sector"
        return tr("not_here", lang, reason=tr(missing, lang))
    if choice.on != on:
        return tr("changed_on" if choice.on else "changed_off", lang)
    if choice.on and choice.changed:
        was = [tr("starts", lang, week=start)] if start != choice.start_week else []
        was += [_lever_value(CONTROLS[choice.type], value, lang)] if value != choice.value else []
        return _was(lang, "; ".join(was))
    return tr("from_policy", lang) if choice.on else ""


@solara.component
def Lever(settings: Settings, city: str, control: LeverControl) -> None:
    """One lever: its box, and when it is on, what it does, where its values come from, its sliders."""
    lang = state.LANG.value
    choice = settings.city(city).lever(control.type)

    def change(**changes) -> None:
        state.change(settings.with_lever(city, control.type, **changes))

    with solara.Div(classes=["lever", f"lever-{control.type}", "lever-on" if choice.on else "lever-off"]):
        with solara.Div(classes=["lever-check"]):
            solara.Checkbox(label=tr(f"lever.{control.type}", lang), value=choice.on, disabled=not choice.available,
                            on_value=lambda on: change(on=on), style="margin-top: 0")
        note = _lever_note(choice, lang)
        if note:
            Note(note, "source")
        if choice.on:
            Note(tr(f"lever_help.{control.type}", lang), "help")
            Slider(tr("start_week" if control.type != "adaptive_rule" else "watch_week", lang), choice.start_week, 0,
                   settings.weeks - 1, 1, lambda w: str(int(w)), "", lambda w: change(start_week=int(w)),
                   classes=["lever-start"])
            if control.param is not None:
                Slider(tr(f"param.{control.type}", lang), choice.value, control.low, control.high, control.step,
                       lambda v: _lever_value(control, v, lang), "", lambda v: change(value=v),
                       classes=["lever-slider"])


@solara.component
def Levers(settings: Settings) -> None:
    lang = state.LANG.value
    editing = state.EDITING.value if state.EDITING.value in settings.names else "A"
    Heading(tr("levers", lang))
    if len(settings.cities) == 2:
        cities = {tr("city", lang, name=n): n for n in settings.names}
        solara.ToggleButtonsSingle(value=tr("city", lang, name=editing), values=list(cities),
                                   on_value=lambda c: state.EDITING.set(cities[c]), classes=["editing-toggle"])
    for control in LEVERS:
        Lever(settings, editing, control)


@solara.component
def SeedInput(settings: Settings) -> None:
    """The seed: a whole number from 0 to 2^32 - 1; anything else is refused with a message, in the
    page's language, and the cities keep their seed."""
    lang = state.LANG.value
    typed, set_typed = solara.use_state(str(settings.seed))
    refused, set_refused = solara.use_state(False)

    def follow() -> None:
        set_typed(str(settings.seed))
        set_refused(False)

    solara.use_effect(follow, [settings.seed])

    def enter(text: str | None) -> None:
        set_typed(text or "")
        seed = parse_seed(text or "")
        set_refused(seed is None)
        if seed is not None and seed != settings.seed:
            state.change(replace(settings, seed=seed))

    error = tr("seed_refused", lang, typed=typed, high=number(MAX_SEED, lang, 0)) if refused else False
    solara.InputText(tr("seed", lang), value=typed, on_value=enter, error=error, classes=["seed-input"])
    Note(tr("default_seed", lang) if settings.unchanged("seed") else _was(lang, str(DEFAULT_SEED)), "source")
    Note(tr("seed_help", lang), "help")


@solara.component
def CityValues(settings: Settings) -> None:
    """The context's values the class can change: residents, volunteer hours asked, commissions, seed."""
    lang = state.LANG.value
    city = context(settings.context)

    def note(field: str, was: str) -> str:
        return tr("from_context", lang) if settings.unchanged(field) else _was(lang, was)

    def change(**values) -> None:
        state.change(replace(settings, **values))

    Heading(tr("city_controls", lang))
    Slider(tr("residents", lang), settings.n_residents, 500, 10_000, 500,
           lambda v: f"{number(v, lang, 0)} {unit_word('residents', lang)}",
           note("n_residents", number(city.n_residents, lang, 0)), lambda v: change(n_residents=int(v)),
           classes=["residents-slider"])
    Slider(tr("demand", lang), settings.volunteer_demand_h, 0.0, 0.4, 0.01,
           lambda v: f"{number(v, lang, 2)} {tr('unit.h_resident_week', lang)}",
           note("volunteer_demand_h", number(city.contribution.volunteer_demand_h, lang, 2)),
           lambda v: change(volunteer_demand_h=round(v, 2)), classes=["demand-slider"])

    def commissions(factor: float) -> str:
        low, high = (min(1.0, r * factor) for r in settings.base_commissions())
        return tr("commission_value", lang, factor=number(factor, lang, 1), low=number(low, lang, 0, percent=True),
                  high=number(high, lang, 0, percent=True))

    Slider(tr("commission", lang), settings.commission_factor, 0.5, 2.0, 0.1, commissions,
           note("commission_factor", "×1"), lambda v: change(commission_factor=round(v, 1)),
           classes=["commission-slider"])
    SeedInput(settings)


@solara.component
def ChartChoice() -> None:
    lang = state.LANG.value
    charts = state.CHARTS.value
    ordered = [*HEADLINE, *(c for c in INDICATORS if c not in HEADLINE)]
    titles = {capital(label(c, lang)): c for c in ordered}
    Heading(tr("charts_shown", lang))
    for k, key in enumerate(charts):
        shown = capital(series_title(key, lang))
        options = titles if key in INDICATORS else {shown: key, **titles}
        solara.Select(label=tr("chart_n", lang, n=k + 1), values=list(options), value=shown,
                      on_value=lambda title, k=k, options=options: state.CHARTS.set(
                          tuple(options[title] if j == k else c for j, c in enumerate(state.CHARTS.value))),
                      dense=True, classes=[f"chart-select-{k + 1}"])


@solara.component
def Sidebar(classroom: Classroom) -> None:
    settings = state.settings()
    lang = state.LANG.value
    with solara.Column(classes=["sidebar"], gap="8px"):
        RunControls(classroom)
        Choose(settings)
        Note(tr("restart_note", lang), "help")
        Levers(settings)
        CityValues(settings)
        ChartChoice()


@solara.component
def RunBar(classroom: Classroom) -> None:
    """In presentation mode, the run controls in a bar over the charts."""
    with solara.Div(classes=["run-bar"]):
        RunControls(classroom, across=True)
