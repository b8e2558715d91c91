"""How live does the classroom dashboard feel? Time from a click to the new charts.

In-process, on the `citizen_burnout` context with no policy (one city) or with `governed_mix` in City B
(two cities), at 2,000 and 10,000 residents: "+1 year" as the page does it (the chosen seed's run in
every city, 52 weeks, then the first screen's charts drawn once), and the band seeds catching up
afterwards in the background (5 more seeds per city, at the live size up to 2,000 residents).

In Chromium at 1280x720 (``citysim dashboard``, ``CITYSIM_DASHBOARD_RESIDENTS`` setting the size): press
"+1 year" and wait until the week counter and the charts' week have moved and the run buttons are
back (the band seeds then catch up before the next press); press "+1 week" likewise; switch the
language from English to French (the charts drawn anew in French) and wait for the French charts.

Targets at 2,000 residents: "+1 year" under 0.5 s for one city and under 1 s for two (on an idle
machine; within twice that under load), "+1 week" under 400 ms, a language switch under 1 s. Prints
medians of `--repeats` and the load average; exit 0.

    uv run python benchmarks/bench_dashboard.py [--repeats 5] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YEAR_TARGET_S = {1: 0.5, 2: 1.0}
WEEK_TARGET_MS = 400.0
LANGUAGE_TARGET_S = 1.0


def in_process(n: int, cities: int, repeats: int) -> tuple[float, float]:
    """Median seconds of "+1 year" (the chosen seed in every city, then the charts), and of the band
    seeds catching up with it."""
    from citysim.dashboard.charts import ChartSet
    from citysim.dashboard.happened import line
    from citysim.dashboard.runs import Classroom
    from citysim.dashboard.settings import Settings
    from citysim.dashboard.state import DEFAULT_CHARTS

    settings = replace(Settings.of("citizen_burnout", *("none", "governed_mix")[:cities]), n_residents=n)
    years, bands = [], []
    for _ in range(repeats):
        classroom = Classroom(settings)
        charts = ChartSet(classroom, "en")
        for column in DEFAULT_CHARTS:  # the first draw builds the figures; the page then only updates them
            charts.headline(column)
        t0 = time.perf_counter()
        classroom.advance(52)
        for column in DEFAULT_CHARTS:
            charts.headline(column)
        charts.timeline()
        [line(m, cities, "en") for m in charts.marks()]
        t1 = time.perf_counter()
        classroom.catch_up()
        t2 = time.perf_counter()
        years.append(t1 - t0)
        bands.append(t2 - t1)
    return statistics.median(years), statistics.median(bands)


def _wait(page, week: int, bands: bool) -> None:
    page.wait_for_function(
        "([w, bands]) => { const g = document.querySelector('.charts-week');"
        " const c = document.querySelector('.week-counter'); const y = document.querySelector('.year-button');"
        " return g && c && y && g.dataset.week === String(w) && c.innerText.startsWith('Week ' + w + ' ')"
        " && !y.disabled && (!bands || g.dataset.bands === String(w)) }", arg=[week, bands], timeout=120000)


def in_browser(n: int, repeats: int) -> dict[str, float]:
    """Median seconds of "+1 year" (one city, two cities) and "+1 week" (two cities), and the first switch
    to French, in Chromium."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CITYSIM_DASHBOARD_RESIDENTS": str(n)}
    proc = subprocess.Popen([sys.executable, "-m", "citysim", "dashboard", "--port", str(port)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    found = {}
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(url)
            page.locator(".week-counter").wait_for(timeout=90000)
            week = 0

            def press(button: str, weeks: int) -> float:
                nonlocal week
                t0 = time.perf_counter()
                page.locator(f".{button}-button").click()
                week += weeks
                _wait(page, week, bands=False)
                seconds = time.perf_counter() - t0
                _wait(page, week, bands=True)  # the band seeds catch up before the next press
                return seconds

            for cities in (1, 2):
                if cities == 2:
                    page.locator(".mode-toggle button").nth(1).click()
                    page.locator(".policy-select-B").wait_for()
                    week = 0
                    _wait(page, 0, bands=False)
                page.wait_for_timeout(1000)
                found[f"year_{cities}"] = statistics.median(press("year", 52) for _ in range(min(repeats, 4)))
            found["week_2"] = statistics.median(press("step", 1) for _ in range(repeats))
            src = page.locator("img.headline-chart").first.get_attribute("src")
            t0 = time.perf_counter()
            page.get_by_role("button", name="FR", exact=True).click()
            page.wait_for_function("src => document.documentElement.lang === 'fr' && document.querySelector("
                                   "'img.headline-chart').src !== src && document.querySelector('.charts-week')",
                                   arg=src, timeout=60000)
            found["language"] = time.perf_counter() - t0
            browser.close()
        return found
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def verdict(value: float, target: float, unit: str) -> str:
    return f"[target < {target:g} {unit}: {'PASS' if value < target else 'FAIL'}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for n in (2000, 10_000):
        for cities in (1, 2):
            year, bands = in_process(n, cities, args.repeats)
            target = f"  {verdict(year, YEAR_TARGET_S[cities], 's')}" if n == 2000 else ""
            print(f"in-process, {n:>6} residents, {cities} {'city  ' if cities == 1 else 'cities'}: "
                  f"+1 year and charts {year:5.2f} s{target}; band seeds catch up {bands:5.2f} s later (median)")
    if not args.no_browser:
        for n in (2000, 10_000):
            found = in_browser(n, args.repeats)
            for cities in (1, 2):
                year = found[f"year_{cities}"]
                print(f"in Chromium, {n:>6} residents, {cities} {'city  ' if cities == 1 else 'cities'}: click +1 year "
                      f"-> counter, charts and buttons {year:5.2f} s"
                      + (f"  {verdict(year, YEAR_TARGET_S[cities], 's')}" if n == 2000 else ""))
            week_ms = 1000 * found["week_2"]
            print(f"in Chromium, {n:>6} residents, 2 cities: click +1 week -> charts {week_ms:6.1f} ms"
                  + (f"  {verdict(week_ms, WEEK_TARGET_MS, 'ms')}" if n == 2000 else ""))
            print(f"in Chromium, {n:>6} residents, 2 cities: English -> French, charts redrawn "
                  f"{found['language']:5.2f} s" + (f"  {verdict(found['language'], LANGUAGE_TARGET_S, 's')}"
                                                   if n == 2000 else ""))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
