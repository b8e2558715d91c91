"""The classroom dashboard's page: ``solara run citysim/dashboard/app.py`` (or ``citysim dashboard``).

Laid out for a projector at 1280x720: a bar with the views, the downloads and the language; the
controls on the left (the week, running, the cities); the headline charts on the right, within the
first screen. It runs with no network: the front-end comes from the `solara-assets` package, every
chart is a matplotlib image, and Solara's telemetry is off. The cities are built when a page opens,
never at import.
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

from citysim.dashboard import state, theme  # noqa: E402
from citysim.dashboard.charts import ChartSet  # noqa: E402
from citysim.dashboard.controls import Player, Sidebar  # noqa: E402
from citysim.dashboard.guide import About, ThingsToTry  # noqa: E402
from citysim.dashboard.headline import Headline  # noqa: E402
from citysim.dashboard.more import More  # noqa: E402
from citysim.dashboard.runs import Classroom  # noqa: E402
from citysim.dashboard.texts import LANGUAGES, tr  # noqa: E402

TOP_PX = 56
CSS = f"""
.citysim {{ font-size: 15px; line-height: 1.35; color: #222; }}
.topbar {{ display: flex; align-items: center !important; gap: 14px; height: {TOP_PX}px; padding: 0 12px;
           border-bottom: 1px solid #ddd; background: #f7f7f7; box-sizing: border-box; }}
.topbar .app-title {{ font-size: 20px; font-weight: bold; white-space: nowrap; margin-right: auto; }}
.citysim .v-btn {{ text-transform: none; letter-spacing: normal; font-size: 15px; }}
.run-buttons {{ flex-wrap: wrap; row-gap: 6px; }}
.run-buttons .v-btn {{ padding: 0 10px !important; min-width: 0 !important; }}
.city-body {{ display: flex; align-items: flex-start; flex-wrap: nowrap !important; }}
.sidebar {{ width: {theme.SIDEBAR_PX}px; flex: 0 0 {theme.SIDEBAR_PX}px; height: calc(100vh - {TOP_PX}px);
            overflow-y: auto; padding: 8px 12px; box-sizing: border-box; border-right: 1px solid #e4e4e4; }}
.main-area {{ flex: 1 1 auto; padding: {theme.GAP_PX}px; min-width: 0; }}
.chart-grid {{ display: grid; grid-template-columns: repeat(2, {theme.CHART_W}px); gap: 8px {theme.GAP_PX}px; }}
.chart-cell {{ width: {theme.CHART_W}px; }}
.chart-cell > div:not(.readout):not(.lesson-card) {{ height: auto !important; }}
img.chart {{ display: block; width: auto !important; height: auto !important; max-width: none !important;
             flex: none !important; }}
.week-counter {{ font-size: 24px; font-weight: bold; }}
.readout {{ font-size: 14px; height: 40px; line-height: 19px; overflow: hidden; }}
.readout.verdict-higher b, .readout.verdict-lower b {{ color: #0a6b2a; }}
.readout.verdict-unclear b {{ color: #a05a00; }}
.note, .help, .source {{ font-size: 14px; color: #555; margin: 0 0 4px 0; }}
.source {{ font-style: italic; color: #7a4b00; }}
.control-heading {{ font-size: 17px; font-weight: bold; margin-top: 10px; border-top: 1px solid #ddd;
                    padding-top: 6px; }}
.control-label {{ font-size: 15px; margin-top: 4px; }}
.lever {{ border-left: 3px solid #ddd; padding-left: 8px; margin: 4px 0; }}
.lever-on {{ border-left-color: #1f6fb4; }}
.lever .v-input--selection-controls {{ margin-top: 0; padding-top: 0; }}
.lever .v-label {{ font-size: 15px; color: #222; }}
.lesson-card {{ overflow-y: auto; border: 2px solid #1f6fb4; border-radius: 6px; padding: 8px 12px;
                box-sizing: border-box; background: #f5f9fd; }}
.lesson-card h3 {{ font-size: 17px; margin: 0 0 4px 0; }}
.lesson-card h4 {{ font-size: 15px; margin: 6px 0 2px 0; }}
.lesson-card p, .lesson-card li {{ font-size: 15px; margin: 0 0 3px 0; }}
.lesson-card ol {{ padding-left: 20px; }}
.reveal {{ font-size: 15px; background: #fff8e1; border-left: 4px solid #f0a000; padding: 6px 8px;
           margin-top: 6px; }}
.help {{ margin-top: 6px; max-width: {2 * theme.CHART_W + theme.GAP_PX}px; }}
.below-grid {{ display: flex; gap: {theme.GAP_PX}px; align-items: flex-start; margin-top: 8px; }}
.events h4 {{ font-size: 16px; margin: 0 0 4px 0; }}
.events ul {{ list-style: none; padding: 0; margin: 0; }}
.events li {{ font-size: 15px; border-left: 4px solid #666; padding-left: 6px; margin-bottom: 3px; }}
.section-title h3 {{ font-size: 17px; margin: 14px 0 2px 0; }}
.section-title p {{ font-size: 14px; color: #555; margin: 0 0 4px 0; max-width: 900px; }}
.reading-key {{ font-size: 14px; margin: 2px 0 6px 0; }}
.swatch {{ display: inline-block; width: 14px; height: 14px; margin: 0 4px -2px 10px; border-radius: 2px; }}
.criteria {{ font-size: 14px; columns: 3; max-width: 900px; margin: 0; }}
.city-caption {{ font-size: 16px; font-weight: bold; }}
.city-caption.city-A {{ color: {theme.CITY_COLOURS["A"]}; }}
.city-caption.city-B {{ color: {theme.CITY_COLOURS["B"]}; }}
.more-button {{ margin-top: 12px; }}
.guide {{ max-width: 900px; padding: 12px 24px; font-size: 16px; }}
.guide h2 {{ font-size: 22px; }}
.guide h3 {{ font-size: 18px; margin: 14px 0 4px 0; }}
.lesson-list {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }}
.lesson-entry {{ border-left: 4px solid #1f6fb4; padding: 4px 12px; }}
.lesson-entry h3 {{ font-size: 17px; margin: 0 0 4px 0; }}
.lesson-entry p {{ font-size: 15px; margin: 0 0 6px 0; }}
.guide.lessons {{ max-width: none; }}
"""


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
    with solara.Row(classes=["topbar"], gap="14px"):
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr("title", lang)), classes=["app-title"])
        solara.ToggleButtonsSingle(value=tr(f"view.{state.VIEW.value}", lang), values=list(views),
                                   on_value=lambda v: state.VIEW.set(views[v]), classes=["view-toggle"])
        solara.FileDownload(lambda: charts.download([*state.CHARTS.value, "timeline"]), filename=f"{stem}.png",
                            label=tr("download.png", lang), icon_name=None, mime_type="image/png")
        solara.FileDownload(lambda: classroom.table().write_csv(), filename=f"{stem}.csv",
                            label=tr("download.csv", lang), icon_name=None, mime_type="text/csv")
        codes = {code.upper(): code for code in LANGUAGES}
        solara.ToggleButtonsSingle(value=lang.upper(), values=list(codes), on_value=lambda c: state.LANG.set(codes[c]),
                                   classes=["language-toggle"])


@solara.component
def Page() -> None:
    lang = state.LANG.value
    settings = state.settings()
    classroom = solara.use_memo(lambda: Classroom(settings), [settings, state.RESETS.value])
    charts = solara.use_memo(lambda: ChartSet(classroom, lang), [classroom, lang])
    solara.Style(CSS)
    solara.Title(tr("title", lang))
    with solara.Column(classes=["citysim"], gap="0px"):
        TopBar(classroom, charts)
        view = state.VIEW.value
        if view == "city":
            with solara.Row(classes=["city-body"], gap="0px"):
                Sidebar(classroom)
                with solara.Column(classes=["main-area"], gap="0px"):
                    Headline(classroom, charts)
                    More(classroom, charts)
        elif view == "lessons":
            ThingsToTry()
        else:
            About()
        Player(classroom)
