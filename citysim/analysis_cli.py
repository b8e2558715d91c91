"""Commands that read results folders: compare, sensitivity, report.

Every unusable folder (empty, unfinished, missing the baseline, wrong design) is one
`ResultsError` message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from analysis.results import ResultsError
from simulation.registry import direction, label

if TYPE_CHECKING:
    from analysis.compare import Comparison

console = Console(width=None if sys.stdout.isatty() else 140)  # files and pipes get whole tables
err = Console(stderr=True)

Folder = Annotated[Path, typer.Argument(help="Results folder written by `citysim run` or `citysim sweep`.")]
Metrics = Annotated[list[str] | None, typer.Option("--metric", help="Indicator to analyse (repeatable; "
                                                   "default: the headline ones and objective_progress).")]
AtStep = Annotated[int | None, typer.Option("--at-step", min=0, help="Read one week instead of a window.")]
Over = Annotated[str | None, typer.Option(help="Window each run is averaged over: last-N-weeks or all "
                                          "[default: last-52-weeks, the whole run if shorter].")]
Baseline = Annotated[str | None, typer.Option(help="Reference scenario (default: baseline, else the first); "
                                              "NAME@P compares with design point P of NAME.")]
Seed = Annotated[int, typer.Option(min=0, help="Seed of the bootstrap resampling.")]
VERDICT_STYLE = {"better": "green", "worse": "red", "no difference": "dim", "changed": "cyan"}
BETTER_WHEN = {1: "higher", -1: "lower", 0: "descriptive"}


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _window(at_step: int | None, over: str | None) -> str:
    if at_step is not None and over is not None:
        _fail("give either --at-step or --over, not both")
    return over or "last-52-weeks"


def _num(x: float | None) -> str:
    if x is None or x != x:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def _indicator(name: str) -> str:
    """An indicator's label, then its column name (what --metric takes), dim."""
    return f"{label(name)} [dim]{name}[/]"


def _option(comparison: Comparison, row: dict) -> str:
    return row["scenario"] + (f" @{row['point']}" if comparison.several_points and not comparison.pooled else "")


def _print_comparison(comparison: Comparison) -> None:
    table = Table(title=f"Paired differences with {comparison.baseline} (mean over {comparison.window}, "
                        f"{comparison.replications} replications, 95% bootstrap CI)")
    for name in ("option", "indicator", "mean", "baseline", "difference", "95% CI", "verdict"):
        right = name in ("mean", "baseline", "difference", "95% CI")
        table.add_column(name, justify="right" if right else "left", overflow="fold",
                         no_wrap=name in ("indicator", "95% CI", "verdict"), min_width=6 if right else None)
    previous = None
    for r in comparison.table.sort("scenario", "point").iter_rows(named=True):
        option = _option(comparison, r)
        if previous is not None and option != previous:
            table.add_section()
        style = VERDICT_STYLE[r["verdict"]]
        table.add_row(option if option != previous else "", _indicator(r["metric"]), _num(r["mean"]),
                      _num(r["baseline_mean"]), _num(r["diff"]), f"[{_num(r['ci_low'])}, {_num(r['ci_high'])}]",
                      f"[{style}]{r['verdict']}[/]")
        previous = option
    console.print(table)
    glyph = {"better": "[green]▲[/]", "worse": "[red]▼[/]", "no difference": "[dim]·[/]", "changed": "[cyan]≠[/]",
             "baseline": "ref"}
    policy = Table(title="Policy mix vs the baseline, per indicator (▲ better, ▼ worse, · no difference, "
                         "≠ changed, neither better nor worse); "
                         "dominated: another option is at least as good on every indicator and better on one")
    options = comparison.policy.sort("point", "scenario").rows(named=True)
    policy.add_column("indicator (better when)", no_wrap=True)
    for r in options:
        policy.add_column(_option(comparison, r), justify="center", overflow="fold")
    for m in comparison.metrics:
        policy.add_row(f"{_indicator(m)} ({BETTER_WHEN[direction(m)]})", *(glyph.get(r[m], "-") for r in options))
    policy.add_section()
    policy.add_row("better / worse", *(f"{r['better']} / {r['worse']}" for r in options))
    policy.add_row("dominated by", *((r["dominated_by"] or "-") for r in options))
    console.print(policy)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the `citysim` application."""

    @app.command()
    def compare(
        folder: Folder,
        baseline: Baseline = None,
        at_step: AtStep = None,
        over: Over = None,
        metric: Metrics = None,
        precision: Annotated[float | None, typer.Option(min=0.0, help="Target half-width of the 95% interval: "
                                                        "report the replications needed.")] = None,
        pool_points: Annotated[bool, typer.Option(help="One comparison per scenario over all design points.")]
        = False,
        n_boot: Annotated[int, typer.Option(min=100, help="Bootstrap resamples.")] = 2000,
        seed: Seed = 0,
        out: Annotated[Path | None, typer.Option(help="Table file (.parquet or .csv; both are written, plus "
                                                 "<stem>_policy) [default: FOLDER/analysis/compare.parquet].")]
        = None,
    ) -> None:
        """Scenarios (or design points) against a baseline: paired differences, bootstrap CIs, wins and losses."""
        from analysis.compare import compare as run_compare

        window = _window(at_step, over)
        try:
            result = run_compare(folder, baseline, at_step, window, metric, n_boot, seed, precision, pool_points)
        except ResultsError as exc:
            _fail(str(exc))
        _print_comparison(result)
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {warning}", highlight=False)
        written = result.write(out or folder / "analysis" / "compare.parquet")
        console.print("Written: " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)

    @app.command()
    def sensitivity(
        folder: Folder,
        metric: Metrics = None,
        at_step: AtStep = None,
        over: Over = None,
        baseline: Baseline = None,
        seed: Seed = 0,
        out: Annotated[Path | None, typer.Option(help="Indices file (.parquet and .csv written) "
                                                 "[default: FOLDER/analysis/sensitivity.parquet].")] = None,
    ) -> None:
        """Sobol (S1, ST) or Morris (mu*, sigma) indices of a sweep, and robustness of scenarios across it."""
        from analysis.sensitivity import sensitivity as run_sensitivity

        window = _window(at_step, over)
        try:
            result = run_sensitivity(folder, metric, at_step, window, seed, baseline)
        except ResultsError as exc:
            _fail(str(exc))
        if result.indices is not None:
            sobol = result.design == "sobol"
            cols = ("S1", "S1_conf", "ST", "ST_conf") if sobol else ("mu_star", "mu_star_conf", "sigma", "mu")
            table = Table(title=f"{result.design} indices (Y: mean over {result.window}, averaged over replications)"
                          + ("; conf = 95% half-width" if sobol else ""))
            for name in ("scenario", "indicator", "parameter", *cols):
                table.add_column(name, justify="left" if name in ("scenario", "indicator", "parameter") else "right")
            key = "ST" if sobol else "mu_star"
            previous = None
            for r in result.indices.sort("scenario", "metric", key, descending=[False, False, True]).iter_rows(
                    named=True):
                group = (r["scenario"], r["metric"])
                if previous is not None and group != previous:
                    table.add_section()
                table.add_row(*((r["scenario"], _indicator(r["metric"])) if group != previous else ("", "")),
                              r["parameter"], *(_num(r[c]) for c in cols))
                previous = group
            console.print(table)
        if result.robustness is not None:
            table = Table(title=f"Robustness vs {result.baseline} across {result.robustness['points'].max()} "
                                "design points (regret: shortfall from the best scenario at a point)")
            for name in ("scenario", "indicator", "beats baseline", "worst regret", "mean regret", "worst point"):
                table.add_column(name, justify="left" if name in ("scenario", "indicator") else "right")
            for r in result.robustness.sort("metric", "scenario").iter_rows(named=True):
                beats = "ref" if r["beats_baseline"] is None else f"{r['beats_baseline']:.0%}"
                table.add_row(r["scenario"], _indicator(r["metric"]), beats, _num(r["worst_regret"]),
                              _num(r["mean_regret"]), str(r["worst_point"]))
            console.print(table)
        for note in result.notes:
            err.print(f"note: {note}", highlight=False)
        written = result.write(out or folder / "analysis" / "sensitivity.parquet")
        console.print("Written: " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)

    @app.command()
    def report(
        folder: Folder,
        out: Annotated[Path | None, typer.Option(help="HTML file [default: FOLDER/analysis/report.html]; "
                                                 "PNG figures go to <stem>_figures/ beside it.")] = None,
        lang: Annotated[str, typer.Option(help="Language of the labels: en or fr.")] = "en",
        baseline: Baseline = None,
        at_step: AtStep = None,
        over: Over = None,
        seed: Seed = 0,
    ) -> None:
        """One self-contained HTML report (charts as PNG and Vega-Lite) of a results folder."""
        from analysis.labels import LABELS
        from analysis.report import build_report

        if lang not in LABELS:
            _fail(f"--lang {lang!r}: expected one of {', '.join(LABELS)}")
        window = _window(at_step, over)
        try:
            path = build_report(folder, out or folder / "analysis" / "report.html", lang, baseline, at_step, window,
                                seed=seed)
        except ResultsError as exc:
            _fail(str(exc))
        console.print(f"Report written to [bold]{path}[/] (figures in {path.parent / (path.stem + '_figures')})",
                      highlight=False, soft_wrap=True)
