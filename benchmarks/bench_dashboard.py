"""How live does the dashboard feel? Step + redraw time, in-process and in a real browser.

In-process: ``model.step()`` plus rendering every panel (``solara.render``), at the default
population and at 10,000 residents. In the browser: start ``citysim dashboard``, press Step in
headless Chromium and wait until the week counter and the indicator chart have both changed.
Target: under 300 ms per step at the default population. Prints figures from one run; exit 0.

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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_MS = 300.0


def in_process(n: int, steps: int) -> tuple[float, float]:
    import solara

    from citysim import app

    model = app.DashboardCity(n_residents=n)
    model.run(20)
    panels = (app.Header, app.Indicators, app.Network, app.Platforms)
    for panel in panels:  # first render builds the figures; the live app then only updates them
        solara.render(panel(model), handle_error=False)
    step_ms, total_ms = [], []
    for _ in range(steps):
        t0 = time.perf_counter()
        model.step()
        t1 = time.perf_counter()
        for panel in panels:
            solara.render(panel(model), handle_error=False)
        t2 = time.perf_counter()
        step_ms.append((t1 - t0) * 1000)
        total_ms.append((t2 - t0) * 1000)
    return statistics.median(step_ms), statistics.median(total_ms)


def in_browser(n: int, steps: int) -> float:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CITYSIM_DASHBOARD_RESIDENTS": str(n)}
    proc = subprocess.Popen([sys.executable, "-m", "citysim", "dashboard", "--port", str(port)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
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
            page = browser.new_page(viewport={"width": 1500, "height": 2100})
            page.goto(url)
            page.locator(".week-counter").first.wait_for(timeout=90000)
            page.wait_for_timeout(1500)
            times = []
            for week in range(1, steps + 1):
                src = page.locator("img").nth(0).get_attribute("src")
                t0 = time.perf_counter()
                page.get_by_role("button", name="Step").click()
                page.wait_for_function(
                    "([w, src]) => document.querySelector('.week-counter').innerText.endsWith(' ' + w)"
                    " && document.querySelector('img').src !== src", arg=[week, src], timeout=30000)
                times.append((time.perf_counter() - t0) * 1000)
            browser.close()
        return statistics.median(times)
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    for n in (2000, 10_000):
        step, total = in_process(n, args.steps)
        verdict = "PASS" if total < TARGET_MS or n > 2000 else "FAIL"
        print(f"in-process, {n:>6} residents: step {step:6.1f} ms, step + redraw {total:6.1f} ms (median)"
              + (f"  [target < {TARGET_MS:.0f} ms: {verdict}]" if n == 2000 else ""))
    if not args.no_browser:
        for n in (2000, 10_000):
            ms = in_browser(n, args.steps)
            verdict = "PASS" if ms < TARGET_MS else "FAIL"
            print(f"in Chromium, {n:>6} residents: click Step -> counter and chart updated {ms:6.1f} ms (median)"
                  + (f"  [target < {TARGET_MS:.0f} ms: {verdict}]" if n == 2000 else ""))


if __name__ == "__main__":
    main()
