"""The classroom dashboard in-process: its controls build the scenario they say, its charts are
readable on a projector and safe for colour-blind eyes, its cities are paired and their readouts use
the lessons' rule, its downloads speak the page's language, its words exist in both languages. The
real page in Chromium is tested in `test_dashboard_browser.py`."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import time
from dataclasses import replace
from functools import cache

import ipywidgets
import numpy as np
import polars as pl
import pytest
import solara
from matplotlib.text import Text
from PIL import Image

from analysis.vocabulary_scan import english_left
from citysim.dashboard import app, downloads, runs, state, texts, theme
from citysim.dashboard.charts import ChartSet
from citysim.dashboard.guide import load
from citysim.dashboard.happened import happenings
from citysim.dashboard.lessons import LESSONS, lesson
from citysim.dashboard.levers import CONTROLS, LEVERS, example
from citysim.dashboard.network import PALETTES
from citysim.dashboard.radar import RadarChart
from citysim.dashboard.readings import ReadingsChart
from citysim.dashboard.runs import BAND_RESIDENTS, BAND_SEEDS, Classroom, Verdict, parse_seed, seeds, verdict
from citysim.dashboard.settings import Settings
from simulation.interventions import INTERVENTION_TYPES
from simulation.library import load_context, load_policy, names
from simulation.model import CityModel
from simulation.registry import INDICATORS, indicator
from simulation.vocabulary import EventKind, Reading

ALLOWED = {w.lower() for c in names("contexts") for p in load_context(c).platforms for w in p.name.split()} | {
    "agora", "innovation"}
"""Words the French page shares with the English one: the platforms' names, and words that are French too
("agora", "innovation")."""


@pytest.fixture(autouse=True)
def fresh_session():
    state.reset_all()
    yield
    state.reset_all()


def small(settings: Settings, n: int = 400) -> Settings:
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


@pytest.mark.parametrize("control", [c for c in LEVERS if c.param is not None], ids=lambda c: c.type)
def test_a_slider_is_named_after_what_it_sets(control):
    """Its label names the parameter it moves (the fine, the attendance, the service gained...), in both
    languages: "Commission cap" over the fine, "Framing" over attendance were wrong."""
    words = [w for w in control.param.split("_") if len(w) >= 4 and w not in ("resident", "eur")]
    english, french = texts.TEXTS[f"param.{control.type}"]
    assert any(w.rstrip("s") in english.lower() for w in words), (english, control.param)
    assert french and (french != english or control.type == "participatory_innovation")


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
    settings = replace(Settings.of("calm_city"), n_residents=500, volunteer_demand_h=0.2, commission_factor=0.5)
    scenario = settings.scenario("A")
    assert scenario.n_residents == 500 and scenario.contribution.volunteer_demand_h == 0.2
    base = {p.name: p.commission for p in load_context("calm_city").platforms}
    for p in scenario.platforms:
        assert p.commission == pytest.approx(base[p.name] * 0.5 if p.kind == "commercial" else base[p.name])
    assert not settings.unchanged("volunteer_demand_h")


@pytest.mark.parametrize("typed", ["-1", "abc", "4294967296", "1.5", "", "12 345 678 901"])
def test_a_seed_that_is_not_a_whole_number_from_0_to_2_32_is_refused(typed):
    assert parse_seed(typed) is None


def test_a_seed_is_read_as_people_type_it():
    assert parse_seed(" 42 ") == 42 and parse_seed("0") == 0 and parse_seed("4294967295") == 2**32 - 1
    assert parse_seed("1 000") == 1000 and parse_seed("1\u202f000") == 1000


def test_the_lesson_card_follows_the_context():
    load(lesson("platforms"))
    assert state.LESSON.value == "platforms" and state.CHARTS.value == lesson("platforms").charts
    state.change(state.settings().with_lever("B", "platform_regulation", value=5.0))  # a step's variant
    assert state.LESSON.value == "platforms"
    state.change(state.settings().with_context("calm_city"))  # another city: not the lesson's any more
    assert state.LESSON.value is None
    load(lesson("burnout"))
    state.change(state.settings().with_city_count(1))
    assert state.LESSON.value is None


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
    assert classroom.difference("burnout_rate").verdict == Verdict.IDENTICAL
    assert len(seeds(42)) == BAND_SEEDS + 1 and seeds(42) == seeds(42) and seeds(42) != seeds(43)


def test_the_verdict_rule():
    assert verdict(np.zeros(6), 0.01) == Verdict.IDENTICAL
    assert verdict(np.array([0.05, 0.06, 0.04, 0.05, 0.07, 0.05]), 0.01) == Verdict.HIGHER
    assert verdict(-np.array([0.05, 0.06, 0.04, 0.05, 0.07, 0.05]), 0.01) == Verdict.LOWER
    assert verdict(np.array([0.001, -0.002, 0.0, 0.001, 0.002, -0.001]), 0.01) == Verdict.NONE
    assert verdict(np.array([0.3, -0.2, 0.0, 0.1, 0.4, -0.3]), 0.01) == Verdict.UNCLEAR
    assert verdict(np.array([0.05, np.nan, 0.04, 0.05, 0.07, 0.05]), 0.01) == Verdict.HIGHER  # undefined: left out


def test_the_readout_is_the_lessons_rule_on_the_runs_the_page_shows():
    """What the readout under a chart says is what `tests/test_lessons.py` computes from plain model
    runs on the same seeds: the verdict a class reads and the claim its answer rests on agree."""
    settings = small(Settings.of("citizen_burnout", "none", "contributor_care"), 500)
    classroom = Classroom(settings)
    classroom.step(30)
    for column in ("burnout_rate", "declined_share", "platform_value_share", "trust_mean"):
        means = {}
        for city in "AB":
            models = [CityModel(settings.scenario(city), rng=s).run(30) for s in seeds(settings.seed)]
            means[city] = np.array([m.indicators()[column].mean() for m in models])
        expected = verdict(means["B"] - means["A"], indicator(column).smd)
        diff = classroom.difference(column)
        assert (diff.first, diff.last) == (0, 30) and diff.verdict == expected, column


def test_two_cities_differ_when_one_has_a_policy_and_the_readout_says_which_way():
    settings = small(Settings.of("citizen_burnout", "none", "contributor_care"), 600)
    classroom = Classroom(settings)
    classroom.step(60)
    diff = classroom.difference("burnout_rate")
    assert diff.verdict == Verdict.LOWER and diff.high < 0


def test_the_band_seeds_follow_in_the_background_and_give_way_to_the_live_runs():
    classroom = Classroom(small(Settings.of("citizen_burnout", "none", "contributor_care"), 400))
    reached = []
    classroom.on_bands = reached.append
    stop = threading.Event()
    classroom.start_bands(stop)
    with classroom.priority():  # live work: the bands wait
        classroom.advance(10)
        time.sleep(0.3)
        assert classroom.band_week == 0 and classroom.week == 10
    assert classroom.difference("burnout_rate") is None  # no verdict before the bands have caught up
    deadline = time.monotonic() + 30
    while not classroom.caught_up and time.monotonic() < deadline:
        time.sleep(0.05)
    assert classroom.caught_up and reached[-1] == 10 and classroom.difference("burnout_rate") is not None
    stop.set()  # the session ends: the thread stops
    classroom.nudge()
    classroom.join()
    assert not classroom.bands_alive


def test_closing_the_cities_stops_their_background_work():
    classroom = Classroom(small(Settings.of("calm_city"), 400))
    classroom.start_bands()
    classroom.advance(5)
    classroom.nudge()
    classroom.close()
    classroom.join()
    assert not classroom.bands_alive


def test_a_large_city_runs_its_bands_at_the_lessons_size():
    classroom = Classroom(replace(Settings.of("calm_city"), n_residents=BAND_RESIDENTS + 500))
    sizes = [m.config.n_residents for m in classroom.cities["A"].models]
    assert sizes == [BAND_RESIDENTS + 500, *[BAND_RESIDENTS] * BAND_SEEDS] and classroom.band_residents == 2000


def test_what_happened_is_said_in_sentences_numbered_as_on_the_charts():
    classroom = Classroom(small(Settings.of("citizen_burnout", "governed_mix"), 600))
    classroom.step(60)
    for lang in texts.LANGUAGES:
        found = happenings(classroom, lang)
        assert [h.number for h in found] == list(range(1, len(found) + 1))
        assert [h.week for h in found] == sorted(h.week for h in found)
        kinds = {h.kind for h in found}
        assert {EventKind.LEVER_STARTED, EventKind.RULE_FIRED} <= kinds and EventKind.TERMS_CHANGED not in kinds
        fired = next(h for h in found if h.kind == EventKind.RULE_FIRED)
        assert texts.tr("sector.mapping", lang) in fired.text and all(h.text[:1].isupper() for h in found)
    french = " ".join(h.text for h in happenings(classroom, "fr"))
    assert english_left(" ".join(h.text for h in happenings(classroom, "en")), french, ALLOWED) == []


def test_a_platforms_users_series_is_the_share_the_lessons_check():
    settings = small(Settings.of("calm_city", "none", "data_commons"), 500)
    classroom = Classroom(settings)
    classroom.step(12)
    _, shares = classroom.cities["A"].series("users:mapping:GlobalMaps")
    table = classroom.cities["A"].live.platform_table().filter(pl.col("sector") == "mapping")
    expected = (table.group_by("week", maintain_order=True)
                .agg(pl.col("users").filter(pl.col("platform") == "GlobalMaps").sum() / pl.col("users").sum())
                .sort("week")["users"].to_numpy())
    np.testing.assert_allclose(shares[0], expected)


# --- the downloads --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_small_cities():
    classroom = Classroom(small(Settings.of("calm_city", "none", "regulation")))
    classroom.step(5)
    return classroom


def test_the_csv_holds_every_run_of_every_city(two_small_cities):
    table = two_small_cities.table()
    assert table.height == 2 * (BAND_SEEDS + 1) * 5
    assert table.columns[:7] == ["city", "context", "policy", "seed", "live", "residents", "week"]
    assert set(INDICATORS) <= set(table.columns)


def test_the_french_csv_opens_as_columns_with_semicolons_and_decimal_commas(two_small_cities):
    rows = list(csv.reader(io.StringIO(downloads.csv(two_small_cities, "fr").decode("utf-8-sig")), delimiter=";"))
    header, first = rows[0], rows[1]
    assert len(header) == len(first) == 7 + len(INDICATORS) and len(rows) == 1 + 2 * (BAND_SEEDS + 1) * 5
    assert header[:7] == ["ville", "contexte", "politique", "graine", "graine choisie", "habitants", "semaine"]
    assert texts.capital(texts.label("burnout_rate", "fr")) in header
    assert first[1] == "La ville calme" and first[4] in ("oui", "non")
    trust = first[header.index(texts.capital(texts.label("trust_mean", "fr")))]
    assert "," in trust and "." not in trust and 0 < float(trust.replace(",", ".")) < 1
    english = list(csv.DictReader(io.StringIO(downloads.csv(two_small_cities, "en").decode("utf-8-sig"))))
    assert english[0]["context"] == "The calm city" and "." in english[0]["Trust in the authority"]


def test_the_png_has_a_caption_and_a_key(two_small_cities):
    charts = ChartSet(two_small_cities, "fr")
    shown = [charts.headline(k) for k in state.DEFAULT_CHARTS] + [charts.timeline()]
    key = ["1. Semaine 0, ville B : régulation", "2. Semaine 3, ville B : autre chose"]
    sheet = Image.open(io.BytesIO(downloads.png(shown, downloads.caption(two_small_cities, "fr"), key, "fr")))
    width, height = Image.open(io.BytesIO(shown[0])).size
    assert sheet.size[0] == 2 * width + theme.GAP_PX and sheet.size[1] > 2 * height + theme.GAP_PX + 4 * 16
    pixels = np.asarray(sheet.convert("L"))
    top = pixels[: downloads.MARGIN_PX + 20]
    bottom = pixels[-(downloads.MARGIN_PX + 3 * 22):]
    assert (top < 128).any() and (bottom < 128).any()  # text in the caption and in the key
    assert "Semaine 5 sur 260" in downloads.caption(two_small_cities, "fr")


# --- the charts -----------------------------------------------------------------------------

LAYOUTS = [theme.Layout(), theme.Layout(1920, 1080), theme.Layout(1280, 720, presenting=True)]


@cache
def cities_after_70_weeks(cities: int) -> Classroom:
    classroom = Classroom(small(Settings.of("citizen_burnout", *("none", "governed_mix")[:cities]), 500))
    classroom.step(70)
    return classroom


@cache
def chart_figures(lang: str, cities: int, layout: theme.Layout = LAYOUTS[0]):
    """Every chart the dashboard draws, after some weeks (built once per language, city count and size)."""
    classroom = cities_after_70_weeks(cities)
    charts = ChartSet(classroom, lang, layout.chart)
    for key in ("burnout_rate", "platform_value_share", "worker_hourly_net_median", "authority_spent_eur",
                "users:mapping:OpenStreetMap", "readings:mapping+mobility"):
        charts.headline(key)
    charts.timeline()
    for name in classroom.cities:
        charts.network(name, "burnout")
        charts.readings(name)
        charts.radar(name, layout.chart.width)
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
        _readable_and_inside(fig)


@pytest.mark.parametrize("layout", LAYOUTS[1:], ids=["1920x1080", "presenting"])
def test_charts_drawn_larger_stay_readable_and_inside(layout):
    for fig in chart_figures("fr", 2, layout):
        _readable_and_inside(fig, layout.chart.font)


def _readable_and_inside(fig, font: int = theme.FONT_PX) -> None:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    for text in drawn_texts(fig):
        assert text.get_fontsize() * fig.dpi / 72 >= min(font, theme.FONT_PX + 2), text.get_text()
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
                if y.size and np.isfinite(y).any() and line.get_transform() == ax.transData:  # a data line
                    assert np.nanmax(y) <= ax.get_ylim()[1] + 1e-9  # the axis rescaled to the data


@pytest.mark.parametrize("size", [(1024, 768), (1024, 576), (1280, 720), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("presenting", [False, True])
def test_the_layout_fits_the_window_from_1024_to_1920_pixels_and_at_125_percent_zoom(size, presenting):
    layout = theme.Layout(*size, presenting)
    chart = layout.chart
    used = layout.sidebar + layout.columns * chart.width + (layout.columns + 1) * theme.GAP_PX + theme.SCROLLBAR_PX
    assert used <= size[0]  # nothing cut on the right
    assert chart.width >= theme.MIN_CHART_W and chart.height >= theme.MIN_CHART_H and chart.font >= theme.FONT_PX
    if presenting:
        assert layout.text > theme.Layout(*size).text and chart.font >= 16  # larger type
    if size == (1280, 720) and not presenting:  # the first screen holds two rows of charts and their readouts
        assert theme.TOP_PX + 2 * (chart.height + layout.readout) + 3 * theme.GAP_PX <= 720


# --- colour-blind eyes ------------------------------------------------------------------------

MACHADO_DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                                 [0.280085, 0.672501, 0.047413],
                                 [-0.011820, 0.042940, 0.968881]])
"""Machado, Oliveira and Fernandes (2009), deuteranopia at severity 1.0, on linear RGB."""


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _srgb(rgb: np.ndarray) -> np.ndarray:
    rgb = np.clip(rgb, 0, 1)
    return np.where(rgb <= 0.0031308, 12.92 * rgb, 1.055 * rgb ** (1 / 2.4) - 0.055)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour.lstrip("#")[i: i + 2], 16) / 255 for i in (0, 2, 4)])


def deuteranopia(colour: str) -> np.ndarray:
    return _srgb(MACHADO_DEUTERANOPIA @ _linear(_rgb(colour)))


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of an sRGB colour."""
    xyz = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                    [0.0193339, 0.1191920, 0.9503041]]) @ _linear(rgb) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """The CIEDE2000 colour difference (Sharma, Wu and Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    mean_c = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1 = np.degrees(np.arctan2(b1, a1)) % 360 if c1 else 0.0
    h2 = np.degrees(np.arctan2(b2, a2)) % 360 if c2 else 0.0
    dh = 0.0 if c1 * c2 == 0 else h2 - h1 - 360 * np.sign(h2 - h1) * (abs(h2 - h1) > 180)
    d_big_h = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    mean_h = (h1 + h2 if c1 * c2 == 0 else (h1 + h2) / 2 if abs(h1 - h2) <= 180
              else (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2)
    t = (1 - 0.17 * np.cos(np.radians(mean_h - 30)) + 0.24 * np.cos(np.radians(2 * mean_h))
         + 0.32 * np.cos(np.radians(3 * mean_h + 6)) - 0.20 * np.cos(np.radians(4 * mean_h - 63)))
    rotation = -np.sin(np.radians(60 * np.exp(-(((mean_h - 275) / 25) ** 2)))) * 2 * np.sqrt(
        mean_c**7 / (mean_c**7 + 25**7))
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / np.sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_c, 1 + 0.015 * mean_c * t
    dl, dc = (l2 - l1) / s_l, (c2 - c1) / s_c
    return float(np.sqrt(dl**2 + dc**2 + (d_big_h / s_h) ** 2 + rotation * dc * d_big_h / s_h))


def test_ciede2000_gives_sharmas_published_differences():
    for one, two, expected in [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
                               ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
                               ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
                               ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
                               ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082)]:
        assert ciede2000(np.array(one), np.array(two)) == pytest.approx(expected, abs=1e-4)


def test_risk_and_opportunity_stay_apart_for_deuteranopes_and_carry_a_texture():
    colours = theme.READING_COLOURS
    seen = ciede2000(lab(deuteranopia(colours[Reading.RISK])), lab(deuteranopia(colours[Reading.OPPORTUNITY])))
    assert seen >= 20
    # the colours before (red and green) became one olive: the test would have failed on them
    assert ciede2000(lab(deuteranopia("#d62728")), lab(deuteranopia("#2ca02c"))) < 20
    assert len(set(theme.READING_HATCHES.values())) == len(Reading)  # and each reading its own texture
    for a, b in [("A", "B")]:
        assert ciede2000(lab(deuteranopia(theme.CITY_COLOURS[a])), lab(deuteranopia(theme.CITY_COLOURS[b]))) >= 20
    shapes = [{shape for _, shape in palette.values()} for palette in PALETTES.values()]
    assert all(len(s) == 4 for s in shapes)  # the network's states: a shape each


def test_readings_and_radars_say_the_reading_in_words():
    classroom = Classroom(small(Settings.of("calm_city", "none", "data_commons"), 500))
    classroom.step(40)
    models = {name: city.live for name, city in classroom.cities.items()}
    chart = ReadingsChart(models, ("mapping", "mobility"), "fr", theme.SIZE.width, theme.SIZE, theme.SIZE.height)
    chart.png()
    words = {t.get_text() for t in chart.words}
    latest = classroom.cities["A"].live.sector_readings().filter(pl.col("week") == 39)
    expected = {texts.table("fr")[f"vocabulary.{r}"] for r in latest.filter(pl.col("sector") == "mapping")["reading"]}
    assert expected <= words
    radar = RadarChart(classroom.cities["A"].live, theme.SIZE.width, "en")
    radar.png()
    said = [word.get_text() for *_, word in radar.radars]
    assert all(w in {"risk", "tension", "opportunity", ""} for w in said) and any(said)


def test_the_bands_edges_stand_out_on_a_projector():
    for colour in theme.CITY_COLOURS.values():
        assert theme.contrast(colour) >= 3  # the edges: 3:1 against white, as WCAG asks of graphics
    fig = chart_figures("en", 2)[0]
    edges = [line for line in fig.axes[0].get_lines() if line.get_linewidth() == 1.0]
    assert len(edges) == 2 and all(np.isfinite(np.asarray(e.get_ydata(), float)).any() for e in edges)


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
    assert texts.tr("lesson.predicted", "fr", said="x", verdict="z").startswith("Prédit\u00a0:")


# --- the page -------------------------------------------------------------------------------

def with_class(rc, name: str) -> list:
    """The page's widgets that carry a CSS class."""
    found, queue, seen = [], list(rc.find(ipywidgets.Widget).widgets), set()
    while queue:
        widget = queue.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if name in (getattr(widget, "class_", None) or "").split():
            found.append(widget)
        for child in getattr(widget, "children", None) or []:
            if isinstance(child, ipywidgets.Widget):
                queue.append(child)
    return found


def test_the_page_renders_every_panel_in_both_languages_and_every_lesson_step():
    _, rc = solara.render(app.Page(), handle_error=False)
    assert len(rc.find(ipywidgets.Image).widgets) == 4  # three headline charts and the levers' timeline
    state.LANG.set("fr")
    state.MORE.set(True)
    assert len(rc.find(ipywidgets.Image).widgets) == 7  # and the network, the readings and the radars
    assert with_class(rc, "sidebar")
    state.PRESENTING.set(True)
    assert not with_class(rc, "sidebar") and with_class(rc, "run-bar")  # fewer panels
    for item in LESSONS:
        load(item)
        for index in range(len(item.steps)):
            state.STEP.set(index)
            assert with_class(rc, "lesson-card")[0].attributes["data-step"] == str(index + 1)
    rc.close()


def test_a_page_closing_stops_its_cities_background_work(monkeypatch):
    built = []
    original = Classroom.__init__

    def record(self, settings):
        original(self, settings)
        built.append(self)

    monkeypatch.setattr(Classroom, "__init__", record)
    state.SETTINGS.set(small(Settings.of("calm_city"), 400))
    _, rc = solara.render(app.Page(), handle_error=False)
    assert built and built[-1].bands_alive
    rc.close()
    built[-1].join()
    assert not built[-1].bands_alive


def test_importing_the_app_builds_no_model():
    code = ("import simulation.model as m\n"
            "def refuse(*a, **k): raise AssertionError('a model was built at import')\n"
            "m.CityModel.__init__ = refuse\n"
            "import citysim.dashboard.app\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_runs_module_keeps_the_lessons_size():
    assert max(load_context(item.context).n_residents for item in LESSONS) == runs.BAND_RESIDENTS
