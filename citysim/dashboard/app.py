"""The classroom dashboard's page: ``solara run citysim/dashboard/app.py`` (or ``citysim dashboard``).

Laid out for a projector, from 1024x768 to 1920x1080 (and at 125% zoom): a bar with the views, the
downloads, presentation mode and the language; the controls on the left (the week, running, the
cities); the headline charts on the right, within the first screen, drawn at the size the window
leaves them (`theme.Layout`). Presentation mode hides the controls behind a bar of run buttons and
draws everything larger. It runs with no network: the front-end comes from the `solara-assets`
package, every chart is a matplotlib image, and Solara's telemetry is off. The cities are built when a
page opens, never at import; their background work stops when the page closes.
"""

from __future__ import annotations

import ctypes
import gc
import html
import os
import sys
import threading
from collections.abc import Callable
from contextlib import suppress

os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")  # no telemetry, no network

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import solara  # noqa: E402
import solara.server.settings  # noqa: E402

# Solara's "This website runs on Solara" banner would sit, in English, over the page's corner
solara.server.settings.theme.show_banner = False

SESSION_IDLE = "60s"
"""How long a page's session (its cities and their charts) outlives its page: a page that closes
without saying so (a tab discarded, a laptop asleep) is released after this, not after Solara's 24 hours;
a page back within it finds its cities as they were. SOLARA_KERNEL_CULL_TIMEOUT overrides it."""
if "SOLARA_KERNEL_CULL_TIMEOUT" not in {k.upper() for k in os.environ}:
    solara.server.settings.kernel.cull_timeout = SESSION_IDLE


def _release_memory() -> None:
    """Give a closed session's memory back to the system (the C allocator keeps freed memory otherwise,
    and the server would grow with every page a class ever opened)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


@solara.lab.on_kernel_start
def _session() -> Callable[[], None]:
    """When a session closes (its page closed, or idle for `SESSION_IDLE`), release its memory once it is gone."""
    return lambda: threading.Timer(2.0, _release_memory).start()

from citysim.dashboard import downloads, pager, state, theme  # noqa: E402
from citysim.dashboard.charts import ChartSet  # noqa: E402
from citysim.dashboard.controls import Player, RunBar, Sidebar  # noqa: E402
from citysim.dashboard.guide import About, ThingsToTry  # noqa: E402
from citysim.dashboard.happened import line  # noqa: E402
from citysim.dashboard.headline import Headline  # noqa: E402
from citysim.dashboard.more import More  # noqa: E402
from citysim.dashboard.runs import Classroom  # noqa: E402
from citysim.dashboard.texts import LANGUAGES, tr  # noqa: E402


def css(layout: theme.Layout) -> str:
    """The page's style for a window: sizes from the layout, so nothing is cut from 1024 to 1920 pixels."""
    text, chart = layout.text, layout.chart
    small = max(14, round(text * 0.93))
    head = round(text * 1.15)
    grid_w = layout.columns * layout.chart.width + (layout.columns - 1) * theme.GAP_PX
    narrow = "display: none;" if layout.width < 1200 else ""
    return f"""
.citysim {{ font-size: {text}px; line-height: 1.35; color: #222; }}
.topbar {{ display: flex; align-items: center !important; gap: 10px; height: {theme.TOP_PX}px; padding: 0 12px;
           border-bottom: 1px solid #ddd; background: #f7f7f7; box-sizing: border-box; flex-wrap: nowrap !important; }}
.topbar .app-title {{ font-size: 20px; font-weight: bold; white-space: nowrap; margin-right: auto; {narrow} }}
.topbar .spacer {{ margin-right: auto; }}
.citysim .v-btn {{ text-transform: none; letter-spacing: normal; font-size: {small}px; }}
.topbar .v-btn {{ padding: 0 10px !important; }}
.run-buttons {{ flex-wrap: wrap; row-gap: 6px; }}
.run-controls:not(.across) .speed-select {{ margin-top: 10px; }}
.run-buttons .v-btn {{ padding: 0 10px !important; min-width: 0 !important; }}
.city-body {{ display: flex; align-items: flex-start; flex-wrap: nowrap !important; }}
.sidebar {{ width: {layout.sidebar}px; flex: 0 0 {layout.sidebar}px; height: calc(100vh - {theme.TOP_PX}px);
            overflow-y: auto; padding: 8px 12px; box-sizing: border-box; border-right: 1px solid #e4e4e4; }}
.main-area {{ flex: 1 1 auto; padding: {theme.GAP_PX}px; min-width: 0; }}
.run-bar {{ height: {theme.RUN_BAR_PX}px; overflow: hidden; }}
.run-controls.across {{ align-items: center !important; flex-wrap: nowrap !important; height: {theme.RUN_BAR_PX}px; }}
.run-controls.across .week-counter {{ white-space: nowrap; }}
.run-controls.across .speed-select {{ max-width: 220px; flex: 0 0 220px; }}
.run-controls.across .run-progress-box {{ min-width: 220px; }}
.run-controls.across .run-buttons {{ flex-wrap: nowrap !important; }}
.chart-grid {{ display: grid; grid-template-columns: repeat({layout.columns}, {layout.chart.width}px);
               gap: 8px {theme.GAP_PX}px; }}
.chart-cell {{ width: {layout.chart.width}px; }}
.chart-cell > div:not(.readout):not(.lesson-card) {{ height: auto !important; }}
img.chart {{ display: block; width: auto !important; height: auto !important; max-width: none !important;
             flex: none !important; }}
.week-counter {{ font-size: {round(text * 1.5)}px; font-weight: bold; }}
.readout {{ font-size: {small}px; height: {layout.readout}px; line-height: 1.35; overflow: hidden; }}
.readout.verdict-higher b, .readout.verdict-lower b {{ color: #0a6b2a; }}
.readout.verdict-unclear b {{ color: #8a4b00; }}
.note, .help, .source, .progress-note {{ font-size: {small}px; color: #4a4a4a; margin: 0 0 4px 0; }}
.source {{ font-style: italic; color: #6b4200; }}
.control-heading {{ font-size: {head}px; font-weight: bold; margin-top: 10px; border-top: 1px solid #ddd;
                    padding-top: 6px; }}
.control-label {{ font-size: {text}px; margin-top: 4px; }}
.lever {{ border-left: 3px solid #ddd; padding-left: 8px; margin: 4px 0; }}
.lever-on {{ border-left-color: #1f6fb4; }}
.lever .v-input--selection-controls {{ margin-top: 0; padding-top: 0; }}
.lever .v-label {{ font-size: {text}px; color: #222; }}
.citysim-highlight {{ outline: 4px solid #e69f00 !important; outline-offset: 2px; border-radius: 4px;
                      box-shadow: 0 0 0 8px rgba(230, 159, 0, 0.25) !important; }}
.lesson-card {{ width: {layout.card[0]}px; border: 2px solid #1f6fb4; border-radius: 6px; padding: 6px 10px;
                box-sizing: border-box; background: #f5f9fd; display: flex; flex-direction: column;
                overflow: hidden; }}
.lesson-head {{ font-size: {small}px; color: #1f4f7a; margin-bottom: 3px; line-height: 1.25; }}
.lesson-head .where {{ color: #6b4200; }}
.lesson-text {{ flex: 1 1 auto; overflow: hidden; }}
.lesson-text p {{ font-size: {text}px; margin: 0 0 4px 0; line-height: 1.3; }}
.lesson-text .prediction {{ background: #fff3d6; border-left: 4px solid #e69f00; padding: 2px 6px; }}
.lesson-text .evidence {{ list-style: none; padding: 0; margin: 0; }}
.lesson-text .evidence li {{ font-size: {small}px; line-height: 1.25; border-left: 4px solid #d95f02;
                            padding-left: 6px; margin-bottom: 2px; display: -webkit-box; -webkit-line-clamp: 2;
                            -webkit-box-orient: vertical; overflow: hidden; }}
.prediction-choices {{ flex-wrap: wrap; margin-bottom: 6px; }}
.prediction-choices .v-btn {{ font-size: {small}px !important; }}
.lesson-nav {{ flex: 0 0 auto; flex-wrap: wrap; }}
.help {{ margin-top: 6px; max-width: {grid_w}px; }}
.below-grid {{ display: flex; gap: {theme.GAP_PX}px; align-items: flex-start; margin-top: 8px; flex-wrap: wrap; }}
.events {{ max-width: {max(chart.width, grid_w - chart.width - theme.GAP_PX)}px; }}
.events h4 {{ font-size: {head}px; margin: 0 0 4px 0; }}
.events ul {{ list-style: none; padding: 0; margin: 0; }}
.events li {{ font-size: {text}px; border-left: 4px solid #666; padding-left: 6px; margin-bottom: 3px; }}
.section-title h3 {{ font-size: {head}px; margin: 14px 0 2px 0; }}
.section-title p {{ font-size: {small}px; color: #4a4a4a; margin: 0 0 4px 0; max-width: 900px; }}
.reading-key {{ font-size: {small}px; margin: 2px 0 6px 0; }}
.swatch {{ display: inline-block; width: 14px; height: 14px; margin: 0 4px -2px 10px; border-radius: 2px;
           border: 1px solid #333; }}
.criteria {{ font-size: {small}px; columns: 3; max-width: 900px; margin: 0; }}
.city-caption {{ font-size: {head}px; font-weight: bold; }}
.city-caption.city-A {{ color: {theme.CITY_COLOURS["A"]}; }}
.city-caption.city-B {{ color: {theme.CITY_COLOURS["B"]}; }}
.more-button {{ margin-top: 12px; }}
.guide {{ max-width: 900px; padding: 12px 24px; font-size: {text + 1}px; }}
.guide h2 {{ font-size: {round(text * 1.45)}px; }}
.guide h3 {{ font-size: {head + 1}px; margin: 14px 0 4px 0; }}
.lesson-list {{ display: grid; grid-template-columns: repeat({3 if layout.width >= 1200 else 2}, 1fr); gap: 12px; }}
.lesson-entry {{ border-left: 4px solid #1f6fb4; padding: 4px 12px; }}
.lesson-entry h3 {{ font-size: {head}px; margin: 0 0 4px 0; }}
.lesson-entry p {{ font-size: {text}px; margin: 0 0 6px 0; }}
.guide.lessons {{ max-width: none; }}
"""


@solara.component_vue("page_hooks.vue")
def PageHooks(lang: str, highlight: str, event_resize: Callable[[dict], None]) -> None:
    """The browser's side of the page: reports the window's size, sets ``<html lang>``, highlights the
    control a lesson step needs (a CSS selector; '' for none) and scrolls it into view."""


@solara.component
def Layout(children: list = []) -> None:  # noqa: B006 (Solara's signature)
    """The page as it is, without Solara's default app bar."""
    solara.Column(children=children, style={"padding": "0"})


@solara.component
def TopBar(classroom: Classroom, charts: ChartSet) -> None:
    lang = state.LANG.value
    views = {tr(f"view.{v}", lang): v for v in ("city", "lessons", "about")}
    settings = classroom.settings
    stem = f"citysim_{settings.context}_{'_vs_'.join(c.policy for c in settings.cities)}_week{classroom.week}"

    def png() -> bytes:
        shown = [charts.shown[k] for k in [*state.CHARTS.value, "timeline"] if k in charts.shown]
        key = [line(m, len(classroom.cities), lang) for m in charts.marks()]
        return downloads.png(shown, downloads.caption(classroom, lang), key, lang)

    with solara.Row(classes=["topbar"], gap="10px"):
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr("title", lang)), classes=["app-title"])
        solara.ToggleButtonsSingle(value=tr(f"view.{state.VIEW.value}", lang), values=list(views),
                                   on_value=lambda v: state.VIEW.set(views[v]), classes=["view-toggle"])
        solara.HTML(tag="div", classes=["spacer"])
        if not state.PRESENTING.value:
            solara.FileDownload(png, filename=f"{stem}.png", label=tr("download.png", lang), icon_name=None,
                                mime_type="image/png")
            solara.FileDownload(lambda: downloads.csv(classroom, lang), filename=f"{stem}.csv",
                                label=tr("download.csv", lang), icon_name=None, mime_type="text/csv")
        solara.Button(tr("present_stop" if state.PRESENTING.value else "present", lang), outlined=True,
                      on_click=lambda: state.PRESENTING.set(not state.PRESENTING.value), classes=["present-button"])
        codes = {code.upper(): code for code in LANGUAGES}
        solara.ToggleButtonsSingle(value=lang.upper(), values=list(codes), on_value=lambda c: state.LANG.set(codes[c]),
                                   classes=["language-toggle"])


@solara.component
def Page() -> None:
    lang = state.LANG.value
    settings = state.settings()
    width, height = state.WINDOW.value
    layout = theme.Layout(width, height, state.PRESENTING.value)
    classroom = solara.use_memo(lambda: Classroom(settings), [settings, state.RESETS.value])
    chart_sets = solara.use_memo(lambda: {}, [classroom])  # each language's and size's, kept
    if (lang, layout.chart) not in chart_sets:
        chart_sets[lang, layout.chart] = ChartSet(classroom, lang, layout.chart)
    chart_set = chart_sets[lang, layout.chart]

    def follow() -> Callable[[], None]:
        """The band seeds run in the background while these cities are on screen, and stop with them."""
        def reached(week: int) -> None:
            state.BANDS.set(week)
            if classroom.caught_up and not state.PLAYING.value:  # (Play draws them with its own frames)
                state.TICK.set(state.TICK.value + 1)  # the bands and the readouts, drawn once caught up

        classroom.on_bands = reached
        try:
            closed = solara.kernel_closed_event()  # the session's end
        except RuntimeError:  # rendered outside a server (tests)
            closed = None
        classroom.start_bands(closed)
        return classroom.close

    solara.use_effect(follow, [classroom])
    solara.Style(css(layout))
    solara.Title(tr("title", lang))
    PageHooks(lang=lang, highlight=pager.target(),
              event_resize=lambda size: state.WINDOW.set((int(size["width"]), int(size["height"]))))
    with solara.Column(classes=["citysim"], gap="0px"):
        TopBar(classroom, chart_set)
        view = state.VIEW.value
        if view == "city":
            with solara.Row(classes=["city-body"], gap="0px"):
                if not layout.presenting:
                    Sidebar(classroom)
                with solara.Column(classes=["main-area"], gap="0px"):
                    if layout.presenting:
                        RunBar(classroom)
                    Headline(classroom, chart_set, layout)
                    if not layout.presenting:
                        More(classroom, chart_set)
        elif view == "lessons":
            ThingsToTry()
        else:
            About()
        Player(classroom)
