"""The `citysim` command line: scenario or experiment files in, a results folder out."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import polars as pl
import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from citysim.common import (
    BETTER_WHEN,
    Budget,
    Command,
    Commission,
    DropLateLevers,
    Fine,
    Format,
    Group,
    Inspection,
    Population,
    Repair,
    Seed,
    VolunteerDemand,
    Weeks,
    Workers,
    Yes,
    check_format,
    city_overrides,
    console,
    default_out,
    err,
    execute,
    exit_code,
    fail,
    late_hint,
    machine,
    note,
    say_commission,
    say_dropped,
    say_enforcement,
)
from simulation.library import DEFAULT_CONTEXT, load_context, load_policy, names, stories
from simulation.registry import HEADLINE
from simulation.scenario import ScenarioError

if TYPE_CHECKING:
    from simulation.experiment import Plan

app = typer.Typer(
    cls=Group,
    help="Simulate the real digital city: overlapping roles, citizen burn-out, platforms, governance.",
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"citysim {metadata.version('citysim')}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Simulate the real digital city: overlapping roles, citizen burn-out, platforms, governance."""


def _parse_set(items: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values read as TOML (numbers, booleans, strings, arrays), and a
    percentage as its share (``35%`` is 0.35)."""
    overrides = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            fail(f"--set {item!r}: expected KEY=VALUE, e.g. contribution.volunteer_demand_h=0.3")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        if isinstance(value, str) and PERCENT.fullmatch(value.strip()):
            value = float(value.strip().removesuffix("%")) / 100.0
        overrides[key.strip()] = value
    return overrides


PERCENT = re.compile(r"-?\d+(?:\.\d+)?\s*%")


Policies = Annotated[list[str] | None, typer.Option(
    "--policy", metavar="NAME", help="A library policy (see `citysim policies`) or a policy file; repeat for a mix.")]


@app.command(cls=Command)
def run(
    scenario: Annotated[str, typer.Argument(
        metavar="CONTEXT", help="A library context (see `citysim contexts`) or a scenario or context file.")]
    = DEFAULT_CONTEXT,
    policy: Policies = None,
    replications: Annotated[int, typer.Option(min=1, metavar="N", help="Runs with different seeds.")] = 1,
    weeks: Weeks = None,
    seed: Seed = 0,
    population: Population = None,
    volunteer_demand: VolunteerDemand = None,
    commission: Commission = None,
    inspection: Inspection = None,
    fine: Fine = None,
    budget: Budget = None,
    drop_late_levers: DropLateLevers = False,
    engine: Annotated[str | None, typer.Option(metavar="NAME", help="vectorized (default) or reference.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", metavar="KEY=VALUE", help=(
        "Override any field by its dotted path (repeatable), e.g. contribution.capacity_h=4."))] = None,
    workers: Annotated[int | None, typer.Option(min=1, metavar="N", help=(
        "Parallel workers (default: one per replication, at most one per core)."))] = None,
    out: Annotated[Path | None, typer.Option(metavar="DIR", help=(
        "Results folder, new or empty unless --resume (default: results/NAME-DATE-TIME)."))] = None,
    resume: Annotated[bool, typer.Option("--resume", help=(
        "Finish the batch in --out (after a crash, Ctrl-C or SIGTERM): run only what is missing or failed."))]
    = False,
    fmt: Format = "table",
    repair: Repair = False,
    yes: Yes = False,
) -> None:
    """Run one context, with or without policies (N seeds), and write per-week results to Parquet.

    Ctrl-C or SIGTERM stops it (exit code 130), keeping the finished runs; --resume finishes it.
    """
    from simulation.experiment import single_scenario_plan

    check_format(fmt)
    overrides = _parse_set(set_ or [])
    overrides |= city_overrides(population=population, volunteer_demand=volunteer_demand, commission=commission,
                                budget=budget, inspection=inspection, fine=fine)
    if policy:
        scenario = "+".join([scenario, *policy])
    for key, value in (("weeks", weeks), ("engine", engine)):
        if value is not None:
            overrides[key] = value
    try:
        plan = single_scenario_plan(scenario, replications, seed, overrides, drop_late_levers)
    except ScenarioError as exc:
        fail(late_hint(exc, drop_late_levers))
    say_dropped(plan)
    if (resume or repair) and out is None:
        fail(f"{'--repair' if repair else '--resume'} needs --out: the results folder to finish")
    out = out or default_out(plan.runs[0].scenario.replace("+", "_"))
    say_commission(plan, commission)
    say_enforcement(plan, inspection, fine)
    workers = workers or min(replications, os.cpu_count() or 1)
    result = execute(plan, out, workers, resume, finish=f"; to finish, repeat the command with --out {out} --resume",
                     repair=repair, yes=yes)
    if result.skipped:
        err.print(f"resumed: {result.skipped} runs were already done")
    if result.ok + result.skipped and not result.interrupted:
        summary, caption = _summary(result.path, plan)
        if fmt != "table":
            machine(fmt, {"summary": summary})
        else:
            _print_summary(summary, caption, plan)
            console.print(f"Results written to [bold]{result.path}[/] (runs/*/indicators.parquet and more; "
                          "read them with analysis.load).")
    exit_code(result)


@app.command(cls=Command)
def sweep(
    experiment: Annotated[str, typer.Argument(metavar="EXPERIMENT", help=(
        "Experiment TOML file, or a library experiment's name (see `citysim experiments`)."))],
    replications: Annotated[int | None, typer.Option(min=1, metavar="N", show_default=False, help=(
        "Replications per design point and scenario (default: the experiment's)."))] = None,
    weeks: Annotated[int | None, typer.Option("--weeks", "--steps", min=1, metavar="N", show_default=False, help=(
        "Weeks every run simulates (default: the experiment's)."))] = None,
    population: Population = None,
    set_: Annotated[list[str] | None, typer.Option("--set", metavar="KEY=VALUE", help=(
        "Override a field of every run by its dotted path (repeatable), added to the experiment's set table "
        "(a parameter the design varies keeps the design's values)."))]
    = None,
    seed: Annotated[int | None, typer.Option(min=0, metavar="N", show_default=False, help=(
        "Master seed (default: the experiment's)."))] = None,
    drop_late_levers: DropLateLevers = False,
    workers: Workers = None,
    out: Annotated[Path | None, typer.Option(metavar="DIR", help=(
        "Results folder, new or empty unless --resume (default: results/NAME-DATE-TIME)."))] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Run only what is missing or failed in --out.")] = False,
    executor: Annotated[str, typer.Option(metavar="NAME", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(metavar="ADDRESS", help=(
        "Dask scheduler address (tcp://host:port); without it a local Dask cluster starts."))] = None,
    repair: Repair = False,
    yes: Yes = False,
) -> None:
    """Run an experiment: scenarios x design points x replications.

    Options change the experiment before it runs and are recorded in the experiment.json it writes.
    Progress goes to stderr: a bar on a terminal, a dated line every tenth of the runs or 30 seconds in a
    log (nohup, SLURM).
    """
    from simulation.experiment import load_experiment

    if executor not in ("local", "dask"):
        fail(f"--executor: expected 'local' or 'dask', got {executor!r}")
    if scheduler and executor != "dask":
        fail("--scheduler only applies to --executor dask")
    changes: dict[str, Any] = {key: value for key, value in (("replications", replications), ("weeks", weeks),
                                                             ("seed", seed)) if value is not None}
    fixed = _parse_set(set_ or []) | city_overrides(population=population)
    if fixed:
        changes["set"] = fixed
    if drop_late_levers:
        changes["drop_late_levers"] = True
    try:
        plan = load_experiment(experiment, changes)
    except ScenarioError as exc:
        fail(late_hint(exc, drop_late_levers))
    say_dropped(plan)
    for key in sorted(set(_parse_set(set_ or [])) & set(plan.experiment.parameters)):
        note(f"--set {key}: the design varies it, so each design point's value wins over yours", style="yellow",
             word="ignored")
    workers = workers or os.cpu_count() or 1
    if (resume or repair) and out is None:
        fail(f"{'--repair' if repair else '--resume'} needs --out: the results folder to finish")
    out = out or default_out(plan.experiment.name)
    _print_design(plan)
    result = execute(plan, out, workers, resume, executor, scheduler,
                     finish=f"; to finish, repeat the command with --out {out} --resume", repair=repair, yes=yes)
    if result.skipped:
        err.print(f"resumed: {result.skipped} runs were already done")
    console.print(f"{result.ok} runs done, {result.failed} failed, {result.skipped} already there: "
                  f"[bold]{result.path}[/]")
    exit_code(result)


def _print_design(plan: Plan) -> None:
    """The design points with their parameter values (a sweep's first few when there are many)."""
    if not plan.design or not plan.design[0]:
        return
    shown = 12
    table = Table(title=f"{len(plan.design)} design points x {len({r.scenario for r in plan.runs})} scenarios "
                        f"x {plan.experiment.replications} replications = {len(plan.runs)} runs", title_justify="left")
    table.add_column("point", justify="right")
    for name in plan.design[0]:
        table.add_column(name, justify="right", overflow="fold")
    for k, values in enumerate(plan.design[:shown]):
        table.add_row(str(k), *(f"{v:.4g}" if isinstance(v, float) else str(v) for v in values.values()))
    if len(plan.design) > shown:
        table.caption = f"... and {len(plan.design) - shown} more (all in runs.parquet)"
    console.print(table)


def _summary(path: Path, plan: Plan) -> tuple[pl.DataFrame, str]:
    """The headline indicators of a finished run, mean of the last 52 weeks over its replications
    (one row each), and the sector readings of the final week (a caption)."""
    from analysis import load
    from simulation.registry import indicator
    from simulation.vocabulary import Reading
    from simulation.vocabulary import label as reading_label

    results = load(path)
    weeks = plan.runs[0].config.weeks
    last = results.indicators.filter(pl.col("week") >= weeks - 52)
    per_run = last.group_by("run_id").agg([pl.col(c).mean() for c in HEADLINE]).collect()
    rows = []
    for name in HEADLINE:
        facts, col = indicator(name), per_run[name].drop_nulls()
        rows.append({"indicator": name, "label": facts.label(), "unit": facts.unit_label(),
                     "better_when": BETTER_WHEN[facts.direction], "mean": col.mean() if len(col) else None,
                     "min": col.min() if len(col) else None, "max": col.max() if len(col) else None,
                     "runs": per_run.height})
    final = (results.sectors.filter(pl.col("week") == weeks - 1).drop_nulls("reading")
             .group_by("sector").agg(pl.col("reading").mode().sort().first()).collect())
    reading = dict(final.iter_rows())
    caption = "sector readings (final week, most common across runs): " + ", ".join(
        f"{s.name} {reading_label(Reading(reading[s.name]))}" for s in plan.runs[0].config.sectors if s.name in reading)
    return pl.DataFrame(rows, schema={"indicator": pl.String, "label": pl.String, "unit": pl.String,
                                      "better_when": pl.String, "mean": pl.Float64, "min": pl.Float64,
                                      "max": pl.Float64, "runs": pl.Int64}), caption


def _print_summary(summary: pl.DataFrame, caption: str, plan: Plan) -> None:
    weeks = plan.runs[0].config.weeks
    n = summary["runs"][0] if summary.height else 0
    table = Table(title=f"{plan.runs[0].scenario}: headline indicators, mean of the last "
                        f"{min(52, weeks)} weeks" + (f", over {n} replications" if n > 1 else ""), box=box.SIMPLE_HEAD)
    table.add_column("indicator (unit)", ratio=4, overflow="fold")
    table.add_column("better when", ratio=1, overflow="fold")
    table.add_column("mean", justify="right", no_wrap=True)
    if n > 1:
        table.add_column("min - max across runs", justify="right", ratio=2, overflow="fold")
    table.add_column("column", style="dim", ratio=3, overflow="fold")
    for r in summary.iter_rows(named=True):
        if r["mean"] is None:
            cells = ["-"] + (["-"] if n > 1 else [])
        else:
            cells = [f"{r['mean']:.3f}"] + ([f"{r['min']:.3f} - {r['max']:.3f}"] if n > 1 else [])
        table.add_row(f"{r['label']} ({r['unit']})", r["better_when"], *cells, r["indicator"])
    table.caption = caption
    console.print(table)


LISTING = {"en": {"contexts": "Contexts (scenarios/contexts/)", "policies": "Policies (scenarios/policies/)",
                   "scenarios": "Stories (scenarios/stories.toml): context + policy",
                   "name": "name", "description": "description", "invalid": "invalid"},
           "fr": {"contexts": "Contextes (scenarios/contexts/)", "policies": "Politiques (scenarios/policies/)",
                  "scenarios": "Récits (scenarios/stories.toml) : contexte + politique",
                  "name": "nom", "description": "description", "invalid": "invalide"}}
"""The words of the library's listings in each language of --lang."""
ListLang = Annotated[str, typer.Option("--lang", metavar="LANG", help="Language of the descriptions: en or fr.")]


def _listing(title: str, rows: list[tuple[str, str]], fmt: str = "table", lang: str = "en") -> None:
    """A name and a description per line, for people (a table) or machines (--format csv|json)."""
    check_format(fmt)
    words = LISTING[lang]
    if fmt != "table":
        machine(fmt, {"items": pl.DataFrame(rows, schema=["name", "description"], orient="row")})
        return
    table = Table(title=title, title_justify="left")
    table.add_column(words["name"], no_wrap=True)
    table.add_column(words["description"], overflow="fold")
    for name, description in rows:
        table.add_row(name, escape(description))
    console.print(table)


def _describe(load, name: str, lang: str = "en") -> str:
    try:
        found = load(name)
    except ScenarioError as exc:
        return f"{LISTING[lang]['invalid']}: {exc}"
    return (getattr(found, "description_fr", "") if lang == "fr" else "") or found.description


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _lang(lang: str) -> str:
    if lang not in LISTING:
        fail(f"--lang {lang!r}: expected one of {', '.join(LISTING)}")
    return lang


@app.command(cls=Command)
def contexts(lang: ListLang = "en", fmt: Format = "table") -> None:
    """List the library's contexts (the city as it is), one line each."""
    lang = _lang(lang)
    _listing(LISTING[lang]["contexts"], [(n, _describe(load_context, n, lang)) for n in names("contexts")], fmt, lang)


@app.command(cls=Command)
def policies(lang: ListLang = "en", fmt: Format = "table") -> None:
    """List the library's policies (named sets of levers), one line each."""
    lang = _lang(lang)
    _listing(LISTING[lang]["policies"],
             [(n, _describe(lambda x: load_policy(x)[0], n, lang)) for n in names("policies")], fmt, lang)


@app.command(cls=Command)
def scenarios(lang: ListLang = "en", fmt: Format = "table") -> None:
    """List the seed's stories: each a context and a policy, one line each."""
    lang = _lang(lang)
    colon = " : " if lang == "fr" else ": "
    _listing(LISTING[lang]["scenarios"],
             [(s.name, f"{s.context} + {s.policy}{colon}{(s.description_fr if lang == 'fr' else '') or s.description}")
              for s in stories()], fmt, lang)


@app.command(cls=Command)
def experiments(fmt: Format = "table") -> None:
    """List the library's experiments (scenarios/experiments/): what each varies and how many runs.

    Run one with `citysim sweep NAME`; --replications, --weeks, --population, --set and --seed change it.
    """
    from simulation.experiment import describe_experiment

    check_format(fmt)
    found, rows = [], []
    for name in names("experiments"):
        try:
            found.append(describe_experiment(name))
        except ScenarioError as exc:
            rows.append((name, f"invalid: {exc}"))
            continue
        e = found[-1]
        size = " x ".join(_count(e[k], k.removesuffix("s")) for k in ("points", "scenarios", "replications"))
        rows.append((name, f"{e['description']} ({e['design']}: {size} = {_count(e['runs'], 'run')}; "
                           f"{e['weeks'] or 'each scenario\'s own'} weeks)"))
    if fmt != "table":
        machine(fmt, {"experiments": pl.DataFrame(found)})
        return
    _listing("Experiments (scenarios/experiments/): run one with `citysim sweep NAME`", rows)


@app.command(cls=Command)
def dashboard(
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="N", help="Port to serve on.")] = 8765,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on (localhost by default).")]
    = "127.0.0.1",
) -> None:
    """Start the classroom dashboard (works offline) and print its address."""
    import subprocess
    import sys

    app_file = Path(__file__).resolve().parent / "dashboard" / "app.py"
    # the assets proxy (on by default) serves the front-end from the solara-assets package
    # two C allocator arenas: a closed session's memory goes back to the system (see dashboard/app.py)
    env = {"MALLOC_ARENA_MAX": "2", **os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
           "SOLARA_ASSETS_PROXY": "True"}
    console.print(f"Dashboard at [bold]http://{host}:{port}/[/] (Ctrl-C to stop)")
    cmd = [sys.executable, "-m", "solara", "run", str(app_file), "--host", host, "--port", str(port),
           "--no-open", "--no-check-version", "--production"]
    try:
        raise typer.Exit(subprocess.call(cmd, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


from citysim import analysis_cli  # noqa: E402  (compare, sensitivity, report)

analysis_cli.register(app)

from citysim import docs_cli  # noqa: E402  (docs)

docs_cli.register(app)
