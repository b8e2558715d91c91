"""The classroom dashboard as a class sees it: the real page in headless Chromium (Debian's, driven
by Playwright) at a projector's 1280x720, with no network but localhost. Every test fails on a failed
request or a console error. Screenshots of each lesson and of the two cities, in both languages, are
saved in tests/artifacts/ to be looked at."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from citysim.dashboard import texts, theme
from citysim.dashboard.lessons import LESSONS
from citysim.dashboard.runs import BAND_SEEDS
from simulation.library import load_policy

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 720}
EN, FR = (texts.table(lang) for lang in texts.LANGUAGES)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "citysim", "dashboard", "--port", str(port)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"dashboard did not start: {proc.stdout.read()}")
    yield url
    os.killpg(proc.pid, 15)
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (.ci/run installs it: apt-get install chromium)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


class Dashboard:
    """One browser tab on the dashboard (a fresh session), recording every error and failed request."""

    def __init__(self, browser, url: str) -> None:
        self.page = page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url)
        self.counter = page.locator(".week-counter")
        self.counter.wait_for(timeout=60000)

    @property
    def week(self) -> int:
        return int(re.search(r"\d+", self.counter.inner_text()).group())

    def wait_week(self, week: int) -> None:
        """Wait until the week counter and the charts both show ``week``."""
        self.page.wait_for_function(
            "w => { const c = document.querySelector('.week-counter');"
            " const g = document.querySelector('.charts-week');"
            " return c && g && parseInt(c.innerText.match(/\\d+/)[0]) === w && g.dataset.week === String(w) }",
            arg=week, timeout=60000)

    def press(self, name: str, weeks: int) -> None:
        """Press +1 week or +1 year and wait until the week counter moved."""
        target = self.week + weeks
        self.page.locator(f".{name}-button").click()
        self.wait_week(target)

    def settle(self) -> None:
        """Wait until every chart image has loaded after the last change."""
        self.page.wait_for_timeout(400)
        self.page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")

    def choose(self, select: str, option: str) -> None:
        self.page.locator(f".{select}").click()
        self.page.locator(".menuable__content__active .v-list-item", has_text=option).first.click()

    def view(self, which: str, lang: str = "en") -> None:
        self.page.get_by_role("button", name=texts.tr(f"view.{which}", lang), exact=True).click()

    def language(self, lang: str) -> None:
        self.page.get_by_role("button", name=lang.upper(), exact=True).click()
        self.page.wait_for_function("t => document.querySelector('.week-counter, .guide') !== null"
                                    " && document.body.innerText.includes(t)", arg=texts.tr("title", lang))

    def shot(self, name: str) -> None:
        self.page.evaluate("window.scrollTo(0, 0)")
        self.settle()
        self.page.screenshot(path=ARTIFACTS / f"{name}.png")

    def close(self) -> None:
        self.page.close()
        assert self.errors == [], self.errors  # no console error, nothing fetched from outside


@pytest.fixture
def dashboard(browser, server):
    tab = Dashboard(browser, server)
    yield tab
    tab.close()


def test_the_first_screen_holds_the_week_the_controls_and_the_headline_charts(dashboard):
    page = dashboard.page
    assert dashboard.counter.inner_text() == "Week 0 of 260"
    dashboard.press("step", 1)
    dashboard.settle()
    for selector in (".week-counter", ".play-button", ".step-button", ".year-button", ".reset-button",
                     ".mode-toggle", ".context-select", ".policy-select-A"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= VIEWPORT["height"], selector
    charts = page.locator("img.headline-chart")
    assert charts.count() == 4
    for k in range(4):
        box = charts.nth(k).bounding_box()
        assert box["y"] + box["height"] <= VIEWPORT["height"] and box["x"] + box["width"] <= VIEWPORT["width"]
        assert box["width"] >= theme.MIN_CHART_W and box["height"] >= theme.MIN_CHART_H
        natural = charts.nth(k).evaluate("i => [i.naturalWidth, i.naturalHeight]")
        assert natural == [round(box["width"]), round(box["height"])]  # shown at its size: text stays >= 14 px
    before = charts.nth(0).get_attribute("src")
    dashboard.press("step", 1)
    page.wait_for_function("src => document.querySelector('img.headline-chart').src !== src", arg=before)
    dashboard.shot("first-screen-en")
    page.get_by_role("button", name="Play", exact=True).click()  # Play steps on its own until paused
    dashboard.wait_week(dashboard.week + 3)
    page.get_by_role("button", name="Pause", exact=True).click()
    paused = dashboard.week
    page.wait_for_timeout(1000)
    assert dashboard.week <= paused + 1


def test_choosing_the_governed_mix_checks_its_levers_boxes(dashboard):
    dashboard.choose("policy-select-A", texts.tr("policy.governed_mix", "en"))
    page = dashboard.page
    page.wait_for_function("() => document.body.innerText.includes('set by the policy')")
    in_policy = {spec["type"] for spec in load_policy("governed_mix")[0].interventions}
    for kind in ("contributor_care", "platform_regulation", "data_partnership", "cooperative_support",
                 "innovation_policy", "grand_objective", "innovation_agora", "participatory_innovation",
                 "adaptive_rule"):
        box = page.get_by_role("checkbox", name=texts.tr(f"lever.{kind}", "en"), exact=True)
        expect(box).to_be_checked(checked=kind in in_policy)
    expect(page.locator(".lever-on")).to_have_count(len(in_policy))
    assert dashboard.week == 0
    dashboard.press("year", 52)
    dashboard.press("step", 1)  # the week regulation starts (week 52, the 53rd)
    assert "Week 52: Platform regulation, lever started" in page.locator(".events").inner_text()


def test_each_lesson_loads_its_context_and_policies_and_shows_its_steps(dashboard):
    page = dashboard.page
    for number, item in enumerate(LESSONS, start=1):
        dashboard.language("en")
        dashboard.view("lessons")
        page.locator(f".load-{item.key}").click()
        page.locator(f"[data-lesson={item.key}]").wait_for()
        assert page.locator(".context-select").inner_text().endswith(texts.tr(f"context.{item.context}", "en"))
        for city, policy in zip("AB", item.policies, strict=True):
            assert page.locator(f".policy-select-{city}").inner_text().endswith(texts.tr(f"policy.{policy}", "en"))
        steps = texts.tr(f"lesson.{item.key}.steps", "en").split("\n")
        assert page.locator(".lesson-card li").all_inner_texts() == steps
        assert dashboard.week == 0
        for _ in range(2):  # two of the lesson's three years: enough to see it, half a minute less
            dashboard.press("year", 52)
        dashboard.shot(f"lesson-{number}-{item.key}-en")
        dashboard.language("fr")
        page.locator(".reveal-button").click()
        page.locator(".reveal").scroll_into_view_if_needed()  # the answer, at the foot of the lesson's card
        dashboard.shot(f"lesson-{number}-{item.key}-fr")
        page.locator(".reveal-button").click()


def test_two_cities_are_identical_with_the_same_settings_and_differ_with_a_policy(dashboard):
    page = dashboard.page
    page.locator(".mode-toggle button", has_text="Two cities").click()
    page.locator(".policy-select-B").wait_for()
    dashboard.press("step", 1)
    dashboard.press("step", 1)
    readouts = page.locator(".readout")
    assert readouts.count() == 3
    assert page.locator(".readout.verdict-identical").count() == 3, readouts.all_inner_texts()
    dashboard.choose("policy-select-B", texts.tr("policy.governed_mix", "en"))  # care from week 0
    page.wait_for_function("() => document.body.innerText.includes('Week 0 of')")
    dashboard.press("year", 52)
    dashboard.settle()
    assert page.locator(".readout.verdict-identical").count() < 3, readouts.all_inner_texts()
    assert f"over {BAND_SEEDS + 1} seeds" in readouts.first.inner_text()
    dashboard.shot("two-cities-en")
    page.locator(".more-button").click()
    page.locator(".city-caption").first.wait_for()
    page.screenshot(path=ARTIFACTS / "two-cities-more-en.png", full_page=True)
    dashboard.language("fr")
    page.locator(".city-caption", has_text="Ville B").first.wait_for()
    dashboard.shot("two-cities-fr")
    page.screenshot(path=ARTIFACTS / "two-cities-more-fr.png", full_page=True)


def _english_left(text: str) -> list[str]:
    """The English values of the translation table (those that differ in French) found in ``text``."""
    found = []
    for key, english in EN.items():
        if english == FR[key]:
            continue
        for piece in re.split(r"\{[^}]*\}", english):  # the words around any {placeholder}
            piece = piece.strip(" .,;:()—–-\n")
            if len(piece) >= 3 and re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text):
                found.append(f"{key}: {piece!r}")
    return found


def test_the_french_page_shows_no_english_value_of_the_translation_table(dashboard):
    page = dashboard.page
    dashboard.language("fr")
    seen = []
    dashboard.view("lessons", "fr")
    page.locator(f".load-{LESSONS[-1].key}").click()  # two cities, a lesson with every part shown
    page.locator(".lesson-card").wait_for()
    dashboard.press("step", 1)
    page.locator(".reveal-button").click()
    page.locator(".more-button").click()
    page.locator(".city-caption").first.wait_for()
    dashboard.settle()
    seen.append(page.locator("body").inner_text())
    page.locator(".lesson-card .close-lesson").click()  # and the levers' timeline in its place
    page.locator("img.timeline-chart").wait_for()
    page.locator(".editing-toggle button").nth(0).click()
    seen.append(page.locator("body").inner_text())
    page.locator(".mode-toggle button").nth(0).click()
    page.locator(".policy-select-B").wait_for(state="detached")
    seen.append(page.locator("body").inner_text())
    for which in ("lessons", "about"):
        dashboard.view(which, "fr")
        page.locator(".guide").wait_for()
        seen.append(page.locator("body").inner_text())
    assert "Semaine" in seen[0] and "À propos du modèle" in seen[-1]
    assert _english_left("\n".join(seen)) == []


def test_png_and_csv_downloads(dashboard):
    page = dashboard.page
    dashboard.press("step", 1)
    dashboard.press("step", 1)
    dashboard.press("step", 1)
    dashboard.settle()
    with page.expect_download() as download:
        page.get_by_role("button", name=texts.tr("download.png", "en")).click()
    image = Image.open(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert download.value.suggested_filename.endswith(".png") and image.format == "PNG"
    assert image.size == (2 * theme.CHART_W + theme.GAP_PX, 2 * theme.CHART_H + theme.GAP_PX)
    with page.expect_download() as download:
        page.get_by_role("button", name=texts.tr("download.csv", "en")).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert download.value.suggested_filename.endswith(".csv")
    assert len(rows) == (BAND_SEEDS + 1) * 3 and {r["week"] for r in rows} == {"0", "1", "2"}
    assert {"city", "context", "policy", "seed", "live", "burnout_rate"} <= set(rows[0])
