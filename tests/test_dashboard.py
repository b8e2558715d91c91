"""The classroom dashboard in-process: its controls build the scenario they say, its charts are
readable on a projector, its cities are paired, its words exist in both languages. The real page in
Chromium is tested in `test_dashboard_browser.py`."""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import ipywidgets
import numpy as np
import pytest
import solara
from matplotlib.text import Text

from citysim.dashboard import app, state, texts, theme
from citysim.dashboard.charts import ChartSet
from citysim.dashboard.levers import CONTROLS, LEVERS, example
from citysim.dashboard.runs import BAND_SEEDS, Classroom, seeds
from citysim.dashboard.settings import Settings
from simulation.interventions import INTERVENTION_TYPES
from simulation.library import load_context, load_policy, names
from simulation.registry import INDICATORS
from simulation.vocabulary import EventKind, Reading


@pytest.fixture(autouse=True)
def fresh_session():
    state.reset_all()
    yield
    state.reset_all()


def small(settings: Settings, n: int = 400) -> Settings:
    from dataclasses import replace

    return replace(settings, n_residents=n)


# --- the controls ---------------------------------------------------------------------------

def test_every_lever_type_has_a_control_and_words_in_both_languages():
    assert sorted(CONTROLS) == sorted(INTERVENTION_TYPES)
    for control in LEVERS:
        for key in (f"lever.{control.type}", f"short.{control.type}", f"lever_help.{control.type}"):
            assert key in texts.TEXTS
        if control.param is not None:
            assert f"param.{control.type}" in texts.TEXTS and control.unit in texts.TEXTS
            assert control.low <= example(control.type).get(control.param, control.low) <= control.high


def test_choosing_a_context_and_a_policy_sets_every_control():
    settings = Settings.of("citizen_burnout", "governed_mix")
    city = load_context("citizen_burnout")
    assert (settings.n_residents, settings.volunteer_demand_h, settings.commission_factor) == (
        city.n_residents, city.contribution.volunteer_demand_h, 1.0)
    assert all(settings.unchanged(f) for f in ("n_residents", "volunteer_demand_h", "commission_factor", "seed"))
    policy = load_policy("governed_mix")[0].interventions
    chosen = settings.city("A")
    for lever in chosen.levers:
        specs = [s for s in policy if s["type"] == lever.type]
        assert lever.on == bool(specs) and lever.in_policy == bool(specs) and not lever.changed
        if specs:
            assert lever.start_week == specs[0].get("start_week", 0)
    # the scenario runs exactly the policy's levers, in the policy's order
    assert [i.type for i in settings.scenario("A").interventions] == [s["type"] for s in policy]
    # another context resets the city controls to its values and keeps the policy
    moved = Settings.of("citizen_burnout", "regulation").with_context("calm_city")
    assert moved.volunteer_demand_h == load_context("calm_city").contribution.volunteer_demand_h
    assert moved.city("A").lever("platform_regulation").on


def test_a_lever_the_policy_lacks_starts_from_the_library_example_and_says_so():
    settings = Settings.of("calm_city", "regulation").with_lever("A", "contributor_care", on=True, value=2.0)
    care = settings.city("A").lever("contributor_care")
    assert care.changed and not care.in_policy and settings.city("A").changed
    spec = next(i for i in settings.scenario("A").interventions if i.type == "contributor_care")
    assert spec.max_requests_h == 2.0 and spec.recognition == example("contributor_care")["recognition"]
    assert settings.scenario("A").policy == "regulation-changed"  # a changed policy is recorded as such


def test_a_lever_that_cannot_run_in_the_context_is_off_and_disabled():
    settings = Settings.of("platform_city", "agora_and_coop")  # no cooperative in the platform city
    coop = settings.city("A").lever("cooperative_support")
    assert not coop.available and not coop.on
    assert [i.type for i in settings.scenario("A").interventions] == ["innovation_agora"]


def test_city_controls_change_the_scenario():
    from dataclasses import replace

    settings = replace(Settings.of("calm_city"), n_residents=500, volunteer_demand_h=0.2, commission_factor=0.5)
    scenario = settings.scenario("A")
    assert scenario.n_residents == 500 and scenario.contribution.volunteer_demand_h == 0.2
    base = {p.name: p.commission for p in load_context("calm_city").platforms}
    for p in scenario.platforms:
        assert p.commission == pytest.approx(base[p.name] * 0.5 if p.kind == "commercial" else base[p.name])
    assert not settings.unchanged("volunteer_demand_h")


# --- the runs -------------------------------------------------------------------------------

def test_two_cities_with_the_same_settings_are_identical_and_paired_on_the_band_seeds():
    settings = small(Settings.of("citizen_burnout")).with_city_count(2)
    assert settings.city("B") == settings.city("A")
    classroom = Classroom(settings)
    assert classroom.difference("burnout_rate") is None  # nothing to compare before week 1
    classroom.step(8)
    for column in INDICATORS:
        a, b = classroom.cities["A"].series(column)[1], classroom.cities["B"].series(column)[1]
        np.testing.assert_array_equal(a, b)
    assert classroom.difference("burnout_rate").verdict == "identical"
    assert len(seeds(42)) == BAND_SEEDS + 1 and seeds(42) == seeds(42) and seeds(42) != seeds(43)


def test_two_cities_differ_when_one_has_a_policy_and_the_readout_says_which_way():
    settings = small(Settings.of("citizen_burnout", "none", "contributor_care"), 600)
    classroom = Classroom(settings)
    classroom.step(60)
    diff = classroom.difference("burnout_rate")
    assert diff.verdict == "lower" and diff.high < 0
    # Care touches the platforms only through residents' time: the hours volunteers give change how scarce
    # their time is, hence which provider saves them time. The difference is real but far below the SMD.
    assert classroom.difference("platform_value_share").verdict == "none"


def test_lever_events_name_the_lever_and_the_rule_that_started_it():
    classroom = Classroom(small(Settings.of("citizen_burnout", "governed_mix"), 600))
    classroom.step(60)
    events = classroom.lever_events()
    assert {e.lever for e in events} >= {"contributor_care", "platform_regulation", "innovation_agora"}
    fired = [e for e in events if e.origin == "rule"]
    assert fired and fired[0].lever == "data_partnership" and fired[0].rule == ("mapping", "risk", 8)
    assert all(e.kind == EventKind.LEVER_STARTED for e in events)


def test_the_csv_holds_every_run_of_every_city():
    classroom = Classroom(small(Settings.of("calm_city", "none", "regulation")))
    classroom.step(5)
    table = classroom.table()
    assert table.height == 2 * (BAND_SEEDS + 1) * 5
    assert table.columns[:6] == ["city", "context", "policy", "seed", "live", "week"]
    assert set(INDICATORS) <= set(table.columns)


# --- the charts -----------------------------------------------------------------------------

@cache
def chart_figures(lang: str, cities: int):
    """Every chart the dashboard draws, after some weeks (built once per language and city count)."""
    policies = ("none", "governed_mix")[:cities]
    classroom = Classroom(small(Settings.of("citizen_burnout", *policies), 500))
    classroom.step(70)
    charts = ChartSet(classroom, lang)
    for column in ("burnout_rate", "platform_value_share", "worker_hourly_net_median", "authority_spent_eur"):
        charts.indicator(column)
    charts.timeline()
    for name in classroom.cities:
        charts.network(name, "burnout")
        charts.readings(name)
        charts.radar(name, theme.CHART_W)
    return [chart.live.fig for chart in charts._charts.values()]


def drawn_texts(fig) -> list[Text]:
    """The texts a draw shows: visible, not empty, and not the labels of ticks outside the axes' view."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            hidden |= {id(t.label1) for t in axis.get_major_ticks() if not low - 1e-9 <= t.get_loc() <= high + 1e-9}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


@pytest.mark.parametrize("lang", texts.LANGUAGES)
@pytest.mark.parametrize("cities", [1, 2])
def test_every_text_on_every_chart_is_readable_and_inside_the_figure(lang, cities):
    for fig in chart_figures(lang, cities):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        for text in drawn_texts(fig):
            assert text.get_fontsize() * fig.dpi / 72 >= theme.FONT_PX, text.get_text()
            extent = text.get_window_extent(renderer)
            assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, text.get_text()
            assert extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1, text.get_text()


def test_legends_never_cover_data_and_axes_hold_the_data():
    for fig in chart_figures("fr", 2):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for legend in fig.legends:
            for ax in fig.axes:
                assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
        for ax in fig.axes:
            for line in ax.get_lines():
                y = np.asarray(line.get_ydata(), dtype=float)
                if y.size and line.get_transform() == ax.transData:  # a data line, not a marker
                    assert np.nanmax(y) <= ax.get_ylim()[1] + 1e-9  # the axis rescaled to the data


def test_headline_charts_are_at_least_the_minimum_size():
    assert theme.CHART_W >= theme.MIN_CHART_W and theme.CHART_H >= theme.MIN_CHART_H
    assert 2 * theme.CHART_W + theme.GAP_PX + theme.SIDEBAR_PX + 2 * theme.GAP_PX <= 1280


# --- the words ------------------------------------------------------------------------------

def test_the_library_and_the_model_s_names_have_words_in_both_languages():
    for kind, folder in (("context", "contexts"), ("policy", "policies")):
        for name in names(folder):
            assert f"{kind}.{name}" in texts.TEXTS
            assert texts.describe(kind, name, "fr") != texts.describe(kind, name, "en")
    sectors = {s.name for c in names("contexts") for s in load_context(c).sectors}
    assert all(f"sector.{s}" in texts.TEXTS for s in sectors)
    for lang in texts.LANGUAGES:
        table = texts.table(lang)
        assert all(f"vocabulary.{v}" in table for v in (*Reading, *EventKind))


def test_numbers_are_written_as_each_language_writes_them():
    assert texts.number(1234.5, "en", 1) == "1,234.5" and texts.number(1234.5, "fr", 1) == "1\u202f234,5"
    assert texts.number(-0.25, "en", 2, sign=True) == "−0.25"
    assert texts.number(0.2, "fr", 0, percent=True) == "20\u202f%"


# --- the page -------------------------------------------------------------------------------

def test_the_page_renders_every_panel_in_both_languages():
    _, rc = solara.render(app.Page(), handle_error=False)
    assert len(rc.find(ipywidgets.Image).widgets) == 4  # three headline charts and the levers' timeline
    state.LANG.set("fr")
    state.MORE.set(True)
    _, rc = solara.render(app.Page(), handle_error=False)
    assert len(rc.find(ipywidgets.Image).widgets) == 7  # and the network, the readings and the radars


def test_importing_the_app_builds_no_model():
    code = ("import simulation.model as m\n"
            "def refuse(*a, **k): raise AssertionError('a model was built at import')\n"
            "m.CityModel.__init__ = refuse\n"
            "import citysim.dashboard.app\n")
    subprocess.run([sys.executable, "-c", code], check=True)
