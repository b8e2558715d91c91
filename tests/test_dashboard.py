"""The classroom dashboard: Solara components rendered in-process, and the real page in a
headless Chromium (Debian's, driven by Playwright) with no network but localhost."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from citysim import app

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def english():
    app.LANGUAGE.set("en")
    app.COLOUR_BY.set("burnout")
    app.PRESET.set("baseline")
    yield
    app.LANGUAGE.set("en")


def texts(rc) -> str:
    return " ".join(str(c) for w in rc.find(v.Html).widgets for c in w.children)


def image(rc) -> bytes:
    return rc.find(ipywidgets.Image).widgets[0].value


def test_controls_build_the_model_they_say():
    model = app.DashboardCity(n_residents=300, demand_factor=2.0, commission_factor=0.5, agora=True,
                              care=True, care_max_requests_h=2.0, start_week=10, preset="baseline", rng=3)
    cfg = model.config
    assert cfg.n_residents == 300
    assert cfg.contribution.volunteer_demand_h == pytest.approx(0.2)
    assert next(p for p in cfg.platforms if p.name == "QuickEats").commission == pytest.approx(0.15)
    kinds = {i.type: i for i in cfg.interventions}
    assert kinds["innovation_agora"].start_week == 10
    assert kinds["contributor_care"].max_requests_h == 2.0
    # a switched-on lever replaces the preset's own lever of that type, never duplicates it
    governed = app.DashboardCity(n_residents=200, care=True, preset="governed_city")
    assert [i.type for i in governed.config.interventions].count("contributor_care") == 1


def test_header_counts_weeks_and_speaks_french():
    model = app.DashboardCity(n_residents=200)
    model.run(3)
    _, rc = solara.render(app.Header(model), handle_error=False)
    assert "Week 3" in texts(rc)
    app.LANGUAGE.set("fr")
    _, rc = solara.render(app.Header(model), handle_error=False)
    assert "Semaine 3" in texts(rc) and "Week 3" not in texts(rc)


def test_indicator_chart_updates_as_the_model_steps():
    model = app.DashboardCity(n_residents=200)
    model.run(2)
    _, rc = solara.render(app.Indicators(model), handle_error=False)
    before = image(rc)
    model.run(5)
    _, rc = solara.render(app.Indicators(model), handle_error=False)
    assert image(rc) != before and len(before) > 1000


def test_network_colours_switch_between_burnout_and_roles():
    model = app.DashboardCity(n_residents=400, demand_factor=3.0)
    model.run(30)
    _, rc = solara.render(app.Network(model), handle_error=False)
    burnout_view = image(rc)
    rows, xy, edges = model.network_sample()
    assert len(rows) == min(app.NETWORK_SAMPLE, 400) and len(edges) > len(rows)
    app.COLOUR_BY.set("role")
    _, rc = solara.render(app.Network(model), handle_error=False)
    assert image(rc) != burnout_view


def test_platform_panel_draws_radars_and_readings():
    model = app.DashboardCity(n_residents=200)
    model.run(4)
    _, rc = solara.render(app.Platforms(model), handle_error=False)
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == 2 and all(len(i.value) > 1000 for i in images)
    assert "six criteria" in texts(rc)


def test_the_whole_page_renders_every_panel():
    _, rc = solara.render(app.page, handle_error=False)
    assert "Week 0" in texts(rc)
    assert len(rc.find(ipywidgets.Image).widgets) == 4  # indicators, network, radars, readings


# --- the real page in a real browser ------------------------------------------------------

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


def test_page_in_headless_chromium(server):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (.ci/run installs it: apt-get install chromium)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors, failed = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1500, "height": 2100})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(server)
        counter = page.locator(".week-counter").first
        counter.wait_for(timeout=60000)
        page.wait_for_timeout(1500)
        page.screenshot(path=ARTIFACTS / "dashboard-loaded.png", full_page=True)
        assert counter.inner_text() == "Week 0"
        charts = page.locator("img")
        before = charts.nth(0).get_attribute("src")

        page.get_by_role("button", name="Step").click()
        page.wait_for_function("document.querySelector('.week-counter').innerText === 'Week 1'", timeout=20000)
        page.get_by_role("button", name="Step").click()
        page.wait_for_function("document.querySelector('.week-counter').innerText === 'Week 2'", timeout=20000)
        # the chart changed with the week
        page.wait_for_function("src => document.querySelector('img').src !== src", arg=before, timeout=20000)
        page.screenshot(path=ARTIFACTS / "dashboard-stepped.png", full_page=True)

        page.locator(".v-select").first.click()  # switching the preset rebuilds the model
        page.locator(".v-menu__content .v-list-item", has_text="citizen_burnout").first.click()
        page.wait_for_function("document.body.innerText.includes('citizen_burnout+contributor_care:')", timeout=20000)
        assert counter.inner_text() == "Week 0"

        page.get_by_role("button", name="fr").click()  # and the labels speak French
        page.wait_for_function("document.querySelector('.week-counter').innerText.startsWith('Semaine')",
                               timeout=20000)
        page.wait_for_function("document.body.innerText.includes('Indicateurs clés')"
                               " && document.body.innerText.includes('Les habitants et leurs voisins')", timeout=20000)
        page.wait_for_timeout(1000)
        page.screenshot(path=ARTIFACTS / "dashboard-french.png", full_page=True)
        browser.close()
    assert errors == [], errors
    assert failed == [], failed  # nothing fetched from outside: the page works offline
