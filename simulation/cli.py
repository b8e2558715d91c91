"""The `citysim` command line."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from simulation.indicators import HEADLINE
from simulation.model import CityModel
from simulation.output import OutputError, check_target, write_run
from simulation.scenario import DEFAULT_SCENARIO, SCENARIO_DIR, ScenarioError, load_scenario

app = typer.Typer(
    help="Simulate the real digital city: overlapping roles, citizen burn-out, platforms, governance.",
    no_args_is_help=False,
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


@app.callback()
def main() -> None:
    """citysim: scenario files in, Parquet results out."""


@app.command()
def run(
    scenario: Annotated[Path, typer.Argument(help="Scenario TOML file.")] = DEFAULT_SCENARIO,
    weeks: Annotated[int | None, typer.Option(min=1, help="Weeks to simulate (default: the scenario's).")] = None,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the run; every random draw derives from it.")] = 1,
    residents: Annotated[int | None, typer.Option(min=10, help="Number of residents.")] = None,
    engine: Annotated[str | None, typer.Option(help="vectorized or reference.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a scenario field: KEY=VALUE (dotted path).")] = None,
    out: Annotated[Path | None, typer.Option(help="Results folder (must not exist or be empty).")] = None,
) -> None:
    """Run one scenario and write its per-week results to Parquet."""
    try:
        cfg = load_scenario(scenario)
        overrides = _parse_set(set_ or [])
        for key, value in (("weeks", weeks), ("n_residents", residents), ("engine", engine)):
            if value is not None:
                overrides[key] = value
        cfg = cfg.with_overrides(overrides, source=str(scenario)) if overrides else cfg
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = out or Path("results") / f"{cfg.name}-seed{seed}-{stamp}"
        check_target(out)
    except (ScenarioError, OutputError) as exc:
        _fail(str(exc))

    model = CityModel(cfg, rng=seed)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("weeks"), TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(f"{cfg.name} ({cfg.n_residents:,} residents)", total=cfg.weeks)
        for _ in range(cfg.weeks):
            model.step()
            bar.advance(task)

    try:
        write_run(model, out, seed, extra={"scenario_file": str(scenario)})
    except OutputError as exc:
        _fail(str(exc))
    _print_summary(model)
    console.print(f"Results written to [bold]{out}[/] (indicators, platforms, sectors as Parquet; run.json).")


def _print_summary(model: CityModel) -> None:
    df = model.indicators()
    last = df.tail(min(52, df.height))
    table = Table(title=f"{model.config.name}: headline indicators after {model.week} weeks")
    table.add_column("indicator")
    table.add_column("final week", justify="right")
    table.add_column(f"mean, last {last.height} weeks", justify="right")
    for name in HEADLINE:
        final, mean = df[name][-1], last[name].mean()
        table.add_row(name, "-" if final is None else f"{final:.3f}",
                      "-" if mean is None else f"{mean:.3f}")
    readings = model.authority.sector_reading
    table.caption = "sector readings: " + ", ".join(f"{s} {r}" for s, r in readings.items())
    console.print(table)


@app.command()
def scenarios() -> None:
    """List the scenario library with one line each."""
    table = Table(title=f"Scenarios in {SCENARIO_DIR}")
    table.add_column("file")
    table.add_column("description")
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        try:
            description = load_scenario(path).description
        except ScenarioError as exc:
            description = f"[red]invalid: {exc}[/]"
        table.add_row(path.name, description)
    console.print(table)
