"""A lesson as a pager: one step per screen, in the card beside the charts.

Each step fits the card without scrolling (the browser tests check every step, in both languages, at
1280x720 and 1920x1080): its part (question, prediction, run, answer, discussion) and number, its
words, and what it needs: the prediction's three choices (Next waits for one), a "Do it for me" button
for a step that asks for a variant, the events of the log an answer cites, and, on the answer that
settles it, the class's prediction beside what the readout says. Moving to a step shows its charts
and highlights, in place, the control it needs (`app.PageHooks`).
"""

from __future__ import annotations

import html

import solara

from citysim.dashboard import state
from citysim.dashboard.happened import cited
from citysim.dashboard.lessons import Compare, Lesson, Logged, Step, StepKind, lesson, vary
from citysim.dashboard.runs import Classroom, Verdict
from citysim.dashboard.texts import tr

CHOICES = (Verdict.HIGHER, Verdict.NONE, Verdict.LOWER)


def go(item: Lesson, index: int) -> None:
    """Show a step: its charts come with it."""
    state.STEP.set(index)
    state.CHARTS.set(item.steps[index].charts)


def target() -> str:
    """The control the step on screen needs (a CSS selector), or ''."""
    if state.LESSON.value is None or state.VIEW.value != "city":
        return ""
    steps = lesson(state.LESSON.value).steps
    return steps[min(state.STEP.value, len(steps) - 1)].target or ""


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n"))


def _settles(item: Lesson, step: Step) -> bool:
    """Whether this answer is the one that speaks of the readout the class predicted."""
    predict = item.prediction()
    return (step.week == predict.week and not step.changes
            and any(isinstance(c, Compare) and c.indicator == predict.predict and c.weeks is None for c in step.claims))


def _prediction(classroom: Classroom, item: Lesson, step: Step, lang: str) -> str:
    """The class's prediction beside the readout (once the cities are at the step's week)."""
    predict = item.prediction()
    chosen = state.PREDICTION.value
    said = tr(f"predict.{chosen}", lang) if chosen else tr("lesson.no_prediction", lang)
    diff = classroom.difference(predict.predict) if classroom.week == step.week else None
    if diff is None:
        return tr("lesson.predicted_wait", lang, said=said, week=step.week)
    return tr("lesson.predicted", lang, said=said, verdict=tr(f"verdict.{diff.verdict}", lang))


def _evidence(classroom: Classroom, step: Step, lang: str) -> list[str]:
    """What the chosen seed logged of the events the step's answer cites (the first of each)."""
    lines = []
    for claim in step.claims:
        if isinstance(claim, Logged) and not claim.never and claim.city in classroom.cities:
            found = cited(classroom, claim.city, claim.kind, claim.actor, claim.text, claim.span(step.week), lang)
            if found is not None:
                city = tr("city", lang, name=claim.city)
                lines.append(tr("lesson.logged", lang, week=found[0], city=city, text=found[1]))
    return lines


@solara.component
def LessonCard(classroom: Classroom, key: str, height: int) -> None:
    state.follow_steps()
    lang = state.LANG.value
    item = lesson(key)
    index = min(state.STEP.value, len(item.steps) - 1)
    step = item.steps[index]
    last = index == len(item.steps) - 1
    waiting = step.kind == StepKind.PREDICT and state.PREDICTION.value is None
    with solara.Div(classes=["lesson-card", f"step-{step.kind}"], style={"height": f"{height}px"},
                    attributes={"data-lesson": key, "data-step": str(index + 1)}):
        part = tr(f"lesson.part.{step.kind}", lang)
        head = html.escape(tr("lesson.step_of", lang, n=index + 1, total=len(item.steps), part=part))
        if step.kind == StepKind.REVEAL and classroom.week != step.week:
            where = tr("lesson.at_week", lang, week=classroom.week, step=step.week)
            head += f' · <span class="where">{html.escape(where)}</span>'
        solara.HTML(tag="div", classes=["lesson-head"], unsafe_innerHTML=(
            f"<b>{html.escape(tr(f'lesson.{key}.title', lang))}</b> · {head}"))
        body = _paragraphs(tr(f"lesson.{key}.{index + 1}", lang))
        if step.kind == StepKind.REVEAL and _settles(item, step):
            body += f'<p class="prediction">{html.escape(_prediction(classroom, item, step, lang))}</p>'
        evidence = _evidence(classroom, step, lang) if step.kind == StepKind.REVEAL else []
        if evidence:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in evidence)
            body += f'<ul class="evidence">{items}</ul>'
        solara.HTML(tag="div", classes=["lesson-text"], unsafe_innerHTML=body)
        if step.kind == StepKind.PREDICT:
            choices = {tr(f"predict.{v}", lang): str(v) for v in CHOICES}
            chosen = next((t for t, v in choices.items() if v == state.PREDICTION.value), None)
            solara.ToggleButtonsSingle(value=chosen, values=list(choices), mandatory=False,
                                       on_value=lambda t: state.PREDICTION.set(choices.get(t)),
                                       classes=["prediction-choices"])
        with solara.Row(gap="6px", classes=["lesson-nav"]):
            solara.Button(tr("lesson.back", lang), outlined=True, small=True, disabled=index == 0,
                          on_click=lambda: go(item, index - 1), classes=["lesson-back"])
            solara.Button(tr("lesson.finish" if last else "lesson.next", lang), color="primary", small=True,
                          disabled=waiting, on_click=lambda: state.LESSON.set(None) if last else go(item, index + 1),
                          classes=["lesson-next"])
            if step.kind == StepKind.RUN and step.changes:
                wanted = vary(item.settings(), step.changes)
                solara.Button(tr("lesson.do_it", lang), outlined=True, small=True,
                              disabled=state.settings() == wanted, on_click=lambda: state.change(wanted),
                              classes=["lesson-do-it"])
            solara.Button(tr("lesson.close", lang), text=True, small=True, on_click=lambda: state.LESSON.set(None),
                          classes=["close-lesson"])
