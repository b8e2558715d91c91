"""How live does the classroom dashboard feel? Time from a click on "+1 week" to the new charts.

In-process: `Classroom.step()` (each city on the chosen seed and its band seeds) plus drawing the
first screen's charts (three indicators and the levers' timeline) and the list of the levers'
moments, for one city and for two, at 2,000 and 10,000 residents. In the browser: start
``citysim dashboard``, open it in headless Chromium at 1280x720, press "+1 week" and wait until the
week counter, the charts' week and the first chart's image have all changed; for one city, then two.
Target: under 400 ms from click to chart at 2,000 residents, one city and two. Prints figures from
one run (medians) and the load average; exit 0.

    uv run python benchmarks/bench_dashboard.py [--steps 15] [--no-browser]
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
TARGET_MS = 400.0
WARMUP_WEEKS = 20


def in_process(n: int, cities: int, steps: int) -> tuple[float, float]:
    """Median ms of a step of every run, and of a step plus the first screen's charts."""
    from citysim.dashboard.charts import ChartSet
    from citysim.dashboard.happened import line
    from citysim.dashboard.runs import Classroom
    from citysim.dashboard.settings import Settings
    from citysim.dashboard.state import DEFAULT_CHARTS

    settings = replace(Settings.of("citizen_burnout", *("none", "governed_mix")[:cities]), n_residents=n)
    classroom = Classroom(settings)
    classroom.step(WARMUP_WEEKS)
    charts = ChartSet(classroom, "en")

    def draw() -> None:
        for column in DEFAULT_CHARTS:
            charts.headline(column)
        charts.timeline()
        [line(m, cities, "en") for m in charts.marks()]

    draw()  # the first draw builds the figures; the page then only updates them
    step_ms, total_ms = [], []
    for _ in range(steps):
        t0 = time.perf_counter()
        classroom.step()
        t1 = time.perf_counter()
        draw()
        t2 = time.perf_counter()
        step_ms.append((t1 - t0) * 1000)
        total_ms.append((t2 - t0) * 1000)
    return statistics.median(step_ms), statistics.median(total_ms)


def in_browser(n: int, steps: int) -> dict[int, float]:
    """Median ms from a click on "+1 week" to the new charts, with one city and with two."""
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
            for cities in (1, 2):
                if cities == 2:
                    page.locator(".mode-toggle button").nth(1).click()
                    page.locator(".policy-select-B").wait_for()
                page.wait_for_timeout(1500)
                times = []
                for week in range(1, steps + 1):
                    src = page.locator("img.headline-chart").first.get_attribute("src")
                    t0 = time.perf_counter()
                    page.locator(".step-button").click()
                    page.wait_for_function(
                        "([w, src]) => document.querySelector('.week-counter').innerText.startsWith('Week ' + w + ' ')"
                        " && document.querySelector('.charts-week').dataset.week === String(w)"
                        " && document.querySelector('img.headline-chart').src !== src", arg=[week, src],
                        timeout=30000)
                    times.append((time.perf_counter() - t0) * 1000)
                found[cities] = statistics.median(times)
            browser.close()
        return found
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def verdict(ms: float) -> str:
    return f"[target < {TARGET_MS:.0f} ms: {'PASS' if ms < TARGET_MS else 'FAIL'}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for n in (2000, 10_000):
        for cities in (1, 2):
            step, total = in_process(n, cities, args.steps)
            print(f"in-process, {n:>6} residents, {cities} {'city  ' if cities == 1 else 'cities'}: "
                  f"step {step:6.1f} ms, step + charts {total:6.1f} ms (median)")
    if not args.no_browser:
        for n in (2000, 10_000):
            for cities, ms in in_browser(n, args.steps).items():
                print(f"in Chromium, {n:>6} residents, {cities} {'city  ' if cities == 1 else 'cities'}: "
                      f"click +1 week -> counter and charts updated {ms:6.1f} ms (median)"
                      + (f"  {verdict(ms)}" if n == 2000 else ""))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
