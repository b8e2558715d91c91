"""The `citysim` command line: scenario or experiment files in, a results folder out."""

from __future__ import annotations

import os
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from simulation.batch import BatchError, BatchResult, run_batch
from simulation.experiment import Plan, load_experiment, single_scenario_plan
from simulation.library import DEFAULT_CONTEXT, load_context, load_policy, names, stories
from simulation.registry import HEADLINE
from simulation.scenario import ScenarioError

app = typer.Typer(
    help="Simulate the real digital city: overlapping roles, citizen burn-out, platforms, governance.",
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _parse_set(items: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values read as TOML (numbers, booleans, strings, arrays)."""
    overrides = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            _fail(f"--set {item!r}: expected KEY=VALUE, e.g. contribution.volunteer_demand_h=0.3")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        overrides[key.strip()] = value
    return overrides


def _default_out(name: str) -> Path:
    return Path("results") / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


def _execute(plan: Plan, out: Path, workers: int, resume: bool, executor: str,
             scheduler: str | None) -> BatchResult:
    counts = {"ok": 0, "failed": 0}
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("runs, [red]{task.fields[failed]} failed[/]"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(plan.experiment.name, total=len(plan.runs), failed=0)

        def advance(row: dict) -> None:
            counts["ok" if row["status"] == "ok" else "failed"] += 1
            bar.update(task, advance=1, failed=counts["failed"])

        try:
            result = run_batch(plan, out, workers=workers, resume=resume, executor=executor,
                               scheduler=scheduler, on_result=advance)
        except BatchError as exc:
            bar.stop()
            _fail(str(exc))
        bar.update(task, completed=result.skipped + result.ok + result.failed)
    if result.skipped:
        err.print(f"resumed: {result.skipped} runs were already done")
    if result.interrupted:
        err.print(f"[yellow]interrupted[/]: {result.ok} runs finished and kept in {result.path}; "
                  "add --resume to finish the batch")
    return result


def _exit_code(result: BatchResult) -> None:
    if result.interrupted:
        raise typer.Exit(130)
    if result.failed:
        err.print(f"[red]{result.failed} runs failed[/]: see {result.path / 'manifest.jsonl'}")
        raise typer.Exit(1)


Out = Annotated[Path | None, typer.Option(help="Results folder (new or empty, unless --resume).")]


@app.command()
def run(
    scenario: Annotated[str, typer.Argument(
        help="A library context (see `citysim contexts`) or a scenario or context file.")] = DEFAULT_CONTEXT,
    policy: Annotated[list[str] | None, typer.Option(
        "--policy", help="A library policy (see `citysim policies`) or policy file applied to the context; "
        "repeat for a mix.")] = None,
    replications: Annotated[int, typer.Option(min=1, help="Runs with different seeds.")] = 1,
    steps: Annotated[int | None, typer.Option("--steps", "--weeks", min=1,
                                              help="Weeks to simulate (default: the scenario's).")] = None,
    seed: Annotated[int, typer.Option(min=0, help="Master seed; each replication's seed derives from it.")] = 0,
    residents: Annotated[int | None, typer.Option(min=10, help="Number of residents.")] = None,
    engine: Annotated[str | None, typer.Option(help="vectorized or reference.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a field: KEY=VALUE.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Parallel workers (default: one per "
                                                "replication, at most one per core).")] = None,
    out: Out = None,
) -> None:
    """Run one context, with or without policies (N seeds), and write per-week results to Parquet."""
    overrides = _parse_set(set_ or [])
    if policy:
        scenario = "+".join([scenario, *policy])
    for key, value in (("weeks", steps), ("n_residents", residents), ("engine", engine)):
        if value is not None:
            overrides[key] = value
    try:
        plan = single_scenario_plan(scenario, replications, seed, overrides)
    except ScenarioError as exc:
        _fail(str(exc))
    out = out or _default_out(plan.runs[0].scenario.replace("+", "_"))
    workers = workers or min(replications, os.cpu_count() or 1)
    result = _execute(plan, out, workers, False, "local", None)
    if result.ok:
        _print_summary(result.path, plan)
        console.print(f"Results written to [bold]{result.path}[/] (runs/*/indicators.parquet and more; "
                      "read them with analysis.load).")
    _exit_code(result)


@app.command()
def sweep(
    experiment: Annotated[str, typer.Argument(help="Experiment TOML file, or a library experiment's name "
                                              "(scenarios/experiments/).")],
    workers: Annotated[int | None, typer.Option(min=1, help="Parallel workers (default: all cores).")] = None,
    out: Out = None,
    resume: Annotated[bool, typer.Option(help="Run only what is missing or failed in --out.")] = False,
    executor: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://host:port); "
                                                  "without it a local Dask cluster starts.")] = None,
) -> None:
    """Run an experiment: scenarios x design points x replications."""
    if executor not in ("local", "dask"):
        _fail(f"--executor: expected 'local' or 'dask', got {executor!r}")
    if scheduler and executor != "dask":
        _fail("--scheduler only applies to --executor dask")
    try:
        plan = load_experiment(experiment)
    except ScenarioError as exc:
        _fail(str(exc))
    workers = workers or os.cpu_count() or 1
    if resume and out is None:
        _fail("--resume needs --out: the results folder to finish")
    out = out or _default_out(plan.experiment.name)
    result = _execute(plan, out, workers, resume, executor, scheduler)
    console.print(f"{result.ok} runs done, {result.failed} failed, {result.skipped} already there: "
                  f"[bold]{result.path}[/]")
    _exit_code(result)


def _print_summary(path: Path, plan: Plan) -> None:
    from analysis import load
    from simulation.registry import indicator
    from simulation.vocabulary import Reading
    from simulation.vocabulary import label as reading_label

    results = load(path)
    weeks = plan.runs[0].config.weeks
    last = results.indicators.filter(pl.col("week") >= weeks - 52)
    per_run = last.group_by("run_id").agg([pl.col(c).mean() for c in HEADLINE]).collect()
    n = per_run.height
    table = Table(title=f"{plan.runs[0].scenario}: headline indicators, mean of the last "
                        f"{min(52, weeks)} weeks" + (f", over {n} replications" if n > 1 else ""))
    table.add_column("indicator (unit)")
    table.add_column("mean", justify="right")
    if n > 1:
        table.add_column("min - max across runs", justify="right")
    table.add_column("column", style="dim", no_wrap=True)
    for name in HEADLINE:
        facts = indicator(name)
        col = per_run[name].drop_nulls()
        if col.is_empty():
            cells = ["-"] + (["-"] if n > 1 else [])
        else:
            cells = [f"{col.mean():.3f}"] + ([f"{col.min():.3f} - {col.max():.3f}"] if n > 1 else [])
        table.add_row(f"{facts.label()} ({facts.unit_label()})", *cells, name)
    final = (results.sectors.filter(pl.col("week") == weeks - 1).drop_nulls("reading")
             .group_by("sector").agg(pl.col("reading").mode().sort().first()).collect())
    reading = dict(final.iter_rows())
    table.caption = "sector readings (final week, most common across runs): " + ", ".join(
        f"{s.name} {reading_label(Reading(reading[s.name]))}" for s in plan.runs[0].config.sectors if s.name in reading)
    console.print(table)


def _listing(title: str, rows: list[tuple[str, str]]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("name", no_wrap=True)
    table.add_column("description")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _describe(load, name: str) -> str:
    try:
        return load(name).description
    except ScenarioError as exc:
        return f"[red]invalid: {exc}[/]"


@app.command()
def contexts() -> None:
    """List the library's contexts (the city as it is), one line each."""
    _listing("Contexts (scenarios/contexts/)", [(n, _describe(load_context, n)) for n in names("contexts")])


@app.command()
def policies() -> None:
    """List the library's policies (named sets of levers), one line each."""
    _listing("Policies (scenarios/policies/)",
             [(n, _describe(lambda x: load_policy(x)[0], n)) for n in names("policies")])


@app.command()
def scenarios() -> None:
    """List the seed's stories: each a context and a policy, one line each."""
    _listing("Stories (scenarios/stories.toml): context + policy",
             [(s.name, f"[bold]{s.context}[/] + [bold]{s.policy}[/]: {s.description}") for s in stories()])


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = 8765,
    host: Annotated[str, typer.Option(help="Address to listen on (localhost by default).")] = "127.0.0.1",
) -> None:
    """Start the classroom dashboard (works offline) and print its address."""
    import subprocess
    import sys

    app_file = Path(__file__).resolve().parent / "dashboard" / "app.py"
    # the assets proxy (on by default) serves the front-end from the solara-assets package
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False", "SOLARA_ASSETS_PROXY": "True"}
    console.print(f"Dashboard at [bold]http://{host}:{port}/[/] (Ctrl-C to stop)")
    cmd = [sys.executable, "-m", "solara", "run", str(app_file), "--host", host, "--port", str(port),
           "--no-open", "--no-check-version", "--production"]
    try:
        raise typer.Exit(subprocess.call(cmd, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


from citysim import analysis_cli  # noqa: E402  (compare, sensitivity, report)

analysis_cli.register(app)
