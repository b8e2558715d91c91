"""Commands that read results folders: compare (which also runs what it compares, given a
context and policies), brief, sensitivity, report.

Every unusable folder (empty, unfinished, damaged, missing the baseline, wrong design) is one
`ResultsError` message on stderr and exit code 2, never a traceback. Each command holds the folder
(`simulation.folder_lock`) while it reads it and writes its analysis; ``--repair`` first runs again
what is missing or damaged. SIGINT or SIGTERM during an analysis ends it with one line and exit
code 130; every output is written whole or not at all.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer
from rich import box
from rich.table import Table

from analysis.compare import MIN_REPLICATIONS
from analysis.pages import number
from analysis.results import ResultsError
from analysis.verdicts import COLOURS, GLYPHS, INCONCLUSIVE, MANY
from citysim.common import (
    BETTER_WHEN,
    Budget,
    Command,
    Commission,
    DropLateLevers,
    Fine,
    Inspection,
    Population,
    Repair,
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
from simulation.registry import direction, indicator, label

if TYPE_CHECKING:
    from analysis.answer import Answer
    from analysis.compare import Comparison
    from analysis.outputs import Placement
    from simulation.experiment import Plan

Folder = Annotated[Path, typer.Argument(metavar="FOLDER", help=(
    "Results folder written by `citysim run`, `sweep` or `compare --context`."))]
Metrics = Annotated[list[str] | None, typer.Option("--metric", metavar="NAME", help=(
    "Indicator to analyse (repeatable; default: the headline ones and objective_progress)."))]
AtStep = Annotated[int | None, typer.Option("--at-step", min=0, metavar="WEEK", help=(
    "Read one week instead of a window."))]
Over = Annotated[str | None, typer.Option(metavar="WINDOW", help=(
    "Weeks each run is averaged over: last-N-weeks or all (default: last-52-weeks, the whole run if shorter)."))]
Baseline = Annotated[str | None, typer.Option(metavar="NAME", help=(
    "Reference scenario (default: each policy's own context, else baseline, else the first); "
    "NAME@P compares with design point P of NAME."))]
BootSeed = Annotated[int, typer.Option("--boot-seed", min=0, metavar="N", help="Seed of the bootstrap resampling.")]
NBoot = Annotated[int, typer.Option(min=100, metavar="N", help="Bootstrap resamples.")]
Lang = Annotated[str, typer.Option(metavar="LANG", help="Language of the page: en or fr.")]
DEFAULT_REPLICATIONS = MIN_REPLICATIONS


def _window(at_step: int | None, over: str | None) -> str:
    if at_step is not None and over is not None:
        fail("give either --at-step or --over, not both")
    return over or "last-52-weeks"


def _num(x: float | None) -> str:
    """Three significant digits, thousands grouped, never in e-notation; a dash when undefined."""
    return "-" if x is None or x != x else number(x)


ID_LINE = 16
"""Longest line of an identifier in a narrow column: longer ones break after a ``_``, ``+`` or ``.``."""


def breakable(name: str, width: int = ID_LINE) -> str:
    """An identifier (an indicator's column, a scenario, a parameter) cut after its ``_``, ``+`` and ``.`` into
    lines of at most ``width`` where it can be, so a narrow column never folds it inside a word."""
    parts = re.findall(r"[^_+.]+[_+.]?", name) or [name]
    lines = [""]
    for part in parts:
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


def _indicator(name: str, better: bool = False) -> str:
    """An indicator's label and unit (and which way is better), then its column name (what --metric
    takes), dim, on lines of its own."""
    facts = indicator(name)
    way = "" if not better else f"; {BETTER_WHEN[facts.direction]} is better" if facts.direction else "; descriptive"
    return f"{facts.label()} ({facts.unit_label()}{way})\n[dim]{breakable(name)}[/]"


def _verdict(v: str) -> str:
    return f"[{COLOURS[v]}]{v}[/]"


def _print_comparison(comparison: Comparison, params: list[str]) -> None:
    """One table per option (a policy, or a scenario and design point) against its reference, then
    the wins and losses of every option; each fits the console's width (80 columns in a file)."""
    from analysis.compare import option_label

    several = comparison.several_points and not comparison.pooled
    for _, rows in comparison.table.group_by("scenario", "point", maintain_order=True):
        first = rows.row(0, named=True)
        table = Table(title=f"{option_label(first, params, several)} vs {first['reference']}: mean over "
                            f"{comparison.window}, {comparison.replications} paired replications; 95% bootstrap "
                            "interval; verdict at the smallest meaningful difference (SMD)",
                      title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("indicator (unit; better when)", ratio=5, overflow="fold")
        table.add_column("reference → option", justify="right", ratio=3, overflow="fold")
        table.add_column("difference [95% CI]", justify="right", ratio=4, overflow="fold")
        table.add_column("SMD", justify="right", no_wrap=True)
        table.add_column("verdict", ratio=4, overflow="fold")
        for r in rows.iter_rows(named=True):
            decide = ""
            if r["verdict"] == INCONCLUSIVE and r["n_to_decide"] is not None:
                decide = (f" (cannot be settled: the effect is about one SMD; over {MANY:,} runs)"
                          if r["n_to_decide"] > MANY else f" (about {_num(r['n_to_decide'])} runs would decide)")
            table.add_row(_indicator(r["metric"], better=True), f"{_num(r['baseline_mean'])} → {_num(r['mean'])}",
                          f"{_num(r['diff'])} [{_num(r['ci_low'])}, {_num(r['ci_high'])}]", _num(r["smd"]),
                          _verdict(r["verdict"]) + decide)
        console.print(table)
    glyph = {v: f"[{COLOURS[v]}]{g}[/]" for v, g in GLYPHS.items()} | {"baseline": "ref"}
    legend = ", ".join(f"{g} {v}" for v, g in GLYPHS.items())
    policy = Table(title=f"Policy mix vs the reference, per indicator ({legend}); dominated: another "
                         "option is at least as good on every indicator and better on one (by at least its SMD), "
                         "cost not counted", title_justify="left", box=box.SIMPLE_HEAD)
    options = comparison.policy.sort("point", "scenario").rows(named=True)
    policy.add_column("indicator (better when)", overflow="fold", ratio=3)
    for r in options:
        policy.add_column(breakable(option_label(r, params, several), 12), justify="center", overflow="fold",
                          ratio=1)
    for m in comparison.metrics:
        policy.add_row(f"{label(m)} ({BETTER_WHEN[direction(m)]})", *(glyph.get(r[m], "-") for r in options))
    policy.add_section()
    policy.add_row("better / worse", *(f"{r['better']} / {r['worse']}" for r in options))
    policy.add_row("dominated by", *((r["dominated_by"] or "-") for r in options))
    console.print(policy)


def _print_answer(ans: Answer) -> None:
    """Per policy against its context: rank, cost and value for money, what the platforms did,
    and the other events the policy changed."""
    from analysis.answer import RANKING
    from analysis.conduct import TOLD
    from analysis.costs import describe_value
    from analysis.events import describe
    from analysis.narrative import defiance_summary, move_summary, runs_of

    console.print(f"\n[bold]Cost to the authority over the horizon (EUR) and value for money[/]; policies ranked "
                  f"within their context ({RANKING})", highlight=False)
    for r in ans.ranking.iter_rows(named=True):
        scenario = r["scenario"]
        better = ans.table.filter((pl.col("scenario") == scenario) & (pl.col("point") == r["point"])
                                  & (pl.col("verdict") == "better"))
        cost = _num(r["cost_eur"])
        if r["cost_low"] is not None and _num(r["cost_low"]) != _num(r["cost_high"]):
            cost += f" [{_num(r['cost_low'])}, {_num(r['cost_high'])}]"
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row("cost", cost)
        grid.add_row("better / worse / no change / inconclusive",
                     f"{r['better']} / {r['worse']} / {r['no_change']} / {r['inconclusive']}")
        grid.add_row("dominated by (cost counted)", r["dominated_by"] or "-")
        for b in better.iter_rows(named=True):
            grid.add_row("cost-effectiveness", f"{label(b['metric'])}: {describe_value(b)}")
        console.print(f"\n[bold]{r['rank']}. {scenario}[/] (context: {r['context']})", highlight=False)
        console.print(grid)
        console.print("[bold]What the platforms did[/] (event log; medians over the runs where it happened)")
        defied = ans.defiance.filter(pl.col("scenario") == scenario)
        moved = ans.moves.filter(pl.col("scenario") == scenario)
        lines = [defiance_summary(d) for d in defied.iter_rows(named=True)]
        lines += [move_summary(m) for m in moved.iter_rows(named=True)]
        for line in lines or ["No rule for platforms, and no platform left or entered."]:
            console.print(f"- {line}.", highlight=False)
        events = Table(title="Other events the policy changed: median week of first occurrence, runs with it "
                             "(without the policy), occurrences per run", title_justify="left", box=box.SIMPLE_HEAD,
                       expand=True)
        events.add_column("week", justify="right", ratio=1)
        events.add_column("event (as in the first run that had it)", ratio=7, overflow="fold")
        events.add_column("runs", ratio=3, overflow="fold")
        events.add_column("per run", justify="right", no_wrap=True)
        for e in ans.events.filter((pl.col("scenario") == scenario) & ~pl.col("kind").is_in(TOLD)).iter_rows(
                named=True):
            runs = runs_of(e["runs"], e["runs_total"])
            runs += f" ({e['runs_context']} without)" if e["runs_context"] else " (none without)"
            events.add_row(_num(e["first_week"]), describe(e), runs, _num(e["per_run"]))
        console.print(events if events.row_count else "No other event changed by the policy.", highlight=False)


def _print_placement(placement: Placement) -> None:
    if placement.message():
        note(placement.message())
    if placement.status != "unchanged":  # the folder whole (a path is never broken), then the files, wrapped
        folders = sorted({str(p.parent) for p in placement.paths})
        console.print(f"Written in {', '.join(folders)}:", highlight=False, soft_wrap=True)
        console.print("  " + ", ".join(p.name for p in placement.paths), highlight=False)


@contextmanager
def _holding(folder: Path | None, create: bool = False) -> Iterator[None]:
    """Hold the results folder for the block (one line if another command holds it); end on SIGINT or
    SIGTERM with one line and exit code 130; a file that cannot be read or written is one line.
    ``create``: make the folder first (and remove it again if the block leaves nothing in it)."""
    from simulation.atomic import remove_temporaries
    from simulation.folder_lock import FolderBusy, holding

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    created = False
    try:
        if create and folder is not None:
            try:
                folder.mkdir(parents=True)
                created = True
            except FileExistsError:
                pass  # there already, or made a moment ago by an identical command: the lock decides
        if folder is not None and folder.is_dir():
            with holding(folder):
                for outputs in (folder / "analysis", *(folder / "analysis").glob("*_figures")):
                    remove_temporaries(outputs)  # what a killed analysis left
                yield
        else:
            yield
    except FolderBusy as exc:
        fail(str(exc))
    except KeyboardInterrupt as exc:
        name = exc.args[0] if exc.args else "SIGINT"
        note("the analysis stopped; no output was left half-written", word=f"interrupted ({name})")
        raise typer.Exit(130) from None
    except OSError as exc:
        fail(f"{exc.filename or folder}: {exc.strerror}")
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
        if created and not (folder / "experiment.json").exists():
            shutil.rmtree(folder, ignore_errors=True)


def _comparison_plan(context: str, policies: list[str], replications: int, weeks: int | None, seed: int,
                     overrides: dict, drop_late_levers: bool) -> Plan:
    from simulation.experiment import comparison_plan
    from simulation.scenario import ScenarioError

    try:
        return comparison_plan(context, policies, replications, seed, weeks, overrides, drop_late_levers)
    except ScenarioError as exc:
        fail(late_hint(exc, drop_late_levers))


def _run_comparison(plan: Plan, workers: int | None, target: Path, repair: bool, yes: bool) -> None:
    """Run what is missing of the comparison in ``target``: a new folder, or one holding this very
    comparison (resumed, and said so); never one holding something else."""
    resume = (target / "experiment.json").is_file()
    result = execute(plan, target, workers or os.cpu_count() or 1, resume,
                     finish="; run the same `citysim compare` again to finish it", repair=repair, yes=yes)
    if resume:
        ran = f"ran the {result.ok + result.failed} missing" if result.ok + result.failed else "nothing to run"
        note(f"{target} already held {result.skipped} of these {result.planned} runs: {ran}", style="cyan",
             word="resumed")
    exit_code(result)


def _repair(folder: Path, workers: int | None, yes: bool) -> None:
    """Run again what the results folder lacks (missing, failed or damaged runs), from the plan it records."""
    from simulation.batch import BatchError, Folder

    if not (folder / "experiment.json").is_file():
        return  # not a results folder: the analysis says so
    try:
        plan = Folder(folder.resolve()).stored_plan()
    except BatchError as exc:
        fail(str(exc))
    result = execute(plan, folder, workers or os.cpu_count() or 1, True, repair=True, yes=yes,
                     finish="; repeat the command with --repair to finish it")
    if result.ok + result.failed:
        note(f"ran {result.ok + result.failed} runs again in {folder}", style="cyan", word="repaired")
    exit_code(result)


def _analyse(folder: Path, baseline: str | None, at_step: int | None, window: str, metric: list[str] | None,
             precision: float | None, pool_points: bool, n_boot: int, boot_seed: int, table: Path | None,
             fmt: str = "table") -> None:
    from analysis.answer import answer
    from analysis.compare import compare as run_compare
    from analysis.compare import policy_groups
    from analysis.metrics import parameters
    from analysis.results import load

    try:
        results = load(folder)
        if baseline is None and not pool_points and policy_groups(results):
            found = answer(results, metric, at_step, window, n_boot, boot_seed, precision)
            comparison = found.comparison
        else:
            found, comparison = None, run_compare(results, baseline, at_step, window, metric, n_boot, boot_seed,
                                                  precision, pool_points)
        params = parameters(results)
    except ResultsError as exc:
        fail(str(exc))
    out = table or folder / "analysis" / "compare.parquet"
    if fmt != "table":  # machine output alone on stdout; the files are written as always
        frames = ({"comparison": comparison.table, "ranking": found.ranking, "defiance": found.defiance,
                   "moves": found.moves, "events": found.events.drop("details", "facts")} if found is not None
                  else {"comparison": comparison.table, "policy": comparison.policy})
        placement = found.write(out) if found is not None else comparison.write(out)
        for warning in comparison.warnings:
            note(str(warning), word="warning")
        if placement.message():
            note(placement.message(), word="note")
        machine(fmt, frames)
        return
    _print_comparison(comparison, params)
    if found is not None:
        _print_answer(found)
    for warning in comparison.warnings:
        note(str(warning), word="warning")
    _print_placement(found.write(out) if found is not None else comparison.write(out))
    if found is not None:
        console.print(f"For a one-page brief: [bold]citysim brief {folder} --lang fr --out brief.html[/]",
                      highlight=False)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the `citysim` application."""

    @app.command(cls=Command)
    def compare(
        folder: Annotated[Path | None, typer.Argument(metavar="FOLDER", show_default=False, help=(
            "Results folder to compare (written by `citysim run`, `sweep` or an earlier `compare --context`)."))]
        = None,
        context: Annotated[str | None, typer.Option(metavar="NAME", help=(
            "Run the comparison first: the city as it is, a library context (see `citysim contexts`) or a "
            "context file."))] = None,
        policy: Annotated[list[str] | None, typer.Option("--policy", metavar="NAME", help=(
            "With --context: a policy to compare with it (see `citysim policies`); repeat for several, join "
            "with + for a mix (regulation+data_commons)."))] = None,
        replications: Annotated[int | None, typer.Option(min=2, metavar="N", help=(
            "With --context: paired replications (replication k of every scenario shares one seed; "
            f"default: {DEFAULT_REPLICATIONS})."))] = None,
        weeks: Weeks = None,
        seed: Annotated[int | None, typer.Option(min=0, metavar="N", help=(
            "With --context: master seed of the runs (default: 0)."))] = None,
        population: Population = None,
        volunteer_demand: VolunteerDemand = None,
        commission: Commission = None,
        inspection: Inspection = None,
        fine: Fine = None,
        budget: Budget = None,
        workers: Workers = None,
        out: Annotated[Path | None, typer.Option(metavar="DIR", help=(
            "With --context: the results folder, new, or holding this same comparison to finish "
            "(default: results/CONTEXT-DATE-TIME)."))] = None,
        baseline: Baseline = None,
        at_step: AtStep = None,
        over: Over = None,
        metric: Metrics = None,
        precision: Annotated[float | None, typer.Option(min=0.0, metavar="P", help=(
            "Target half-width of the 95% interval, in smallest meaningful differences (0.5: half an SMD): "
            "report the replications needed."))] = None,
        pool_points: Annotated[bool, typer.Option("--pool-points", help=(
            "One comparison per scenario over all design points."))] = False,
        n_boot: NBoot = 2000,
        boot_seed: BootSeed = 0,
        table: Annotated[Path | None, typer.Option(metavar="FILE", help=(
            "Comparison table, .parquet and .csv, plus <stem>_policy (default: FOLDER/analysis/compare.parquet); "
            "an earlier, different comparison there is kept and this one gets the next free name."))] = None,
        fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help=(
            "table (default, for people), csv (the comparison table) or json (every table: comparison, "
            "ranking, defiance, moves, events) on stdout and nothing else."))] = "table",
        drop_late_levers: DropLateLevers = False,
        repair: Repair = False,
        yes: Yes = False,
    ) -> None:
        """Each policy against its own context: effects, verdicts, cost, the main events.

        Paired differences with 95% intervals, verdicts at each indicator's smallest meaningful difference,
        cost to the authority and cost-effectiveness, the events behind the outcomes. With --context and
        --policy it first runs what is missing (into --out), then compares.
        """
        check_format(fmt)
        window = _window(at_step, over)
        if precision is not None and not math.isfinite(precision):
            fail(f"--precision: must be a finite number, got {precision}")
        run_options = {"--policy": policy, "--replications": replications, "--weeks": weeks, "--seed": seed,
                       "--population": population, "--volunteer-demand": volunteer_demand,
                       "--commission": commission, "--inspection": inspection, "--fine": fine, "--budget": budget,
                       "--workers": workers, "--out": out}
        if context is None:
            given = [name for name, value in run_options.items() if value is not None]
            if given:
                fail(f"{', '.join(given)}: only with --context (to run a comparison first)")
            if folder is None:
                fail("give a results FOLDER to compare, or --context NAME --policy NAME to run a comparison")
        else:
            if not policy:
                fail("--context needs at least one --policy to compare with it (see `citysim policies`)")
            if baseline is not None:
                fail("--baseline: with --context each policy is compared with its own context")
            if folder is not None and out is not None and folder != out:
                fail(f"give the results folder once: FOLDER ({folder}) or --out ({out})")
            folder = folder or out or default_out(Path(context).stem)
            overrides = city_overrides(population=population, volunteer_demand=volunteer_demand,
                                       commission=commission, budget=budget, inspection=inspection, fine=fine)
            plan = _comparison_plan(context, policy, replications or DEFAULT_REPLICATIONS, weeks, seed or 0,
                                    overrides, drop_late_levers)
            say_dropped(plan)
            say_commission(plan, commission)
            say_enforcement(plan, inspection, fine)
            with _holding(folder, create=True):
                _run_comparison(plan, workers, folder, repair, yes)
                _analyse(folder, baseline, at_step, window, metric, precision, pool_points, n_boot, boot_seed, table,
                         fmt)
            return
        with _holding(folder):
            if repair:
                _repair(folder, workers, yes)
            _analyse(folder, baseline, at_step, window, metric, precision, pool_points, n_boot, boot_seed, table, fmt)

    @app.command(cls=Command)
    def brief(
        folder: Folder,
        lang: Lang = "en",
        out: Annotated[Path | None, typer.Option(metavar="FILE", help=(
            "HTML file (default: FOLDER/analysis/brief_LANG.html); an earlier, different brief there is kept "
            "and this one gets the next free name."))] = None,
        at_step: AtStep = None,
        over: Over = None,
        n_boot: NBoot = 2000,
        boot_seed: BootSeed = 0,
        repair: Repair = False,
        yes: Yes = False,
    ) -> None:
        """One self-contained page for a non-programmer (English or French).

        The question, the city in plain words, the policies ranked, each effect with its interval, verdict,
        cost and cost-effectiveness, the trade-offs, the events behind them, what the model leaves out.
        """
        from analysis.brief import build_brief
        from analysis.brief_words import WORDS

        if lang not in WORDS:
            fail(f"--lang {lang!r}: expected one of {', '.join(WORDS)}")
        window = _window(at_step, over)
        with _holding(folder):
            if repair:
                _repair(folder, None, yes)
            try:
                placement = build_brief(folder, out or folder / "analysis" / f"brief_{lang}.html", lang, at_step,
                                        window, n_boot, boot_seed)
            except ResultsError as exc:
                fail(str(exc))
        if placement.message():
            note(placement.message())
        console.print(f"Brief: [bold]{placement.paths[0]}[/] (one file, opens offline in any browser)",
                      highlight=False, soft_wrap=True)

    @app.command(cls=Command)
    def sensitivity(
        folder: Folder,
        metric: Metrics = None,
        at_step: AtStep = None,
        over: Over = None,
        baseline: Baseline = None,
        boot_seed: BootSeed = 0,
        out: Annotated[Path | None, typer.Option(metavar="FILE", help=(
            "Indices file, .parquet and .csv written (default: FOLDER/analysis/sensitivity.parquet)."))] = None,
        repair: Repair = False,
        yes: Yes = False,
    ) -> None:
        """Sobol (S1, ST) or Morris (mu*, sigma) indices of a sweep, and robustness of scenarios across it."""
        from analysis.sensitivity import sensitivity as run_sensitivity

        window = _window(at_step, over)
        with _holding(folder):
            if repair:
                _repair(folder, None, yes)
            try:
                result = run_sensitivity(folder, metric, at_step, window, boot_seed, baseline)
            except ResultsError as exc:
                fail(str(exc))
            written = result.write(out or folder / "analysis" / "sensitivity.parquet")
        if result.indices is not None:
            sobol = result.design == "sobol"
            # an index and its 95% half-width in one cell: a narrow column wraps between them, never inside a number
            # (Morris's signed mean mu is in the files written, not on the screen)
            cols = {"S1 ± 95%": ("S1", "S1_conf"), "ST ± 95%": ("ST", "ST_conf")} if sobol else {
                "mu* ± 95%": ("mu_star", "mu_star_conf"), "sigma": ("sigma",)}

            def cell(r: dict, names: tuple[str, ...]) -> str:
                return " ±".join(_num(r[n]) for n in names)
            table = Table(title=f"{result.design} indices (Y: mean over {result.window}, averaged over replications)"
                          + "; ± its 95% half-width", box=box.SIMPLE_HEAD)
            for name in ("scenario", "indicator", "parameter"):
                table.add_column(name, overflow="fold")
            for name, fields in cols.items():  # as wide as their widest number: the text shares what is left
                widest = max((len(_num(v)) + 1 for f in fields for v in result.indices[f]), default=4)
                table.add_column(name, justify="right", width=max(widest, 5))
            key = "ST" if sobol else "mu_star"
            previous = None
            for r in result.indices.sort("scenario", "metric", key, descending=[False, False, True]).iter_rows(
                    named=True):
                group = (r["scenario"], r["metric"])
                if previous is not None and group != previous:
                    table.add_section()
                table.add_row(*((breakable(r["scenario"]), _indicator(r["metric"])) if group != previous
                                else ("", "")), breakable(r["parameter"]), *(cell(r, f) for f in cols.values()))
                previous = group
            console.print(table)
        if result.robustness is not None:
            table = Table(title=f"Robustness vs {result.baseline} across {result.robustness['points'].max()} "
                                "design points (regret: shortfall from the best scenario at a point)",
                          box=box.SIMPLE_HEAD, expand=True)
            for name in ("scenario", "indicator", "beats baseline", "worst regret", "mean regret", "worst point"):
                text = name in ("scenario", "indicator")
                table.add_column(name, justify="left" if text else "right", overflow="fold", ratio=3 if text else 2)
            for r in result.robustness.sort("metric", "scenario").iter_rows(named=True):
                beats = "ref" if r["beats_baseline"] is None else f"{r['beats_baseline']:.0%}"
                table.add_row(breakable(r["scenario"]), _indicator(r["metric"]), beats, _num(r["worst_regret"]),
                              _num(r["mean_regret"]), str(r["worst_point"]))
            console.print(table)
        for text in result.notes:
            err.print(f"note: {text}", highlight=False)
        console.print("Written: " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)

    @app.command(cls=Command)
    def tipping(
        folder: Folder,
        out: Annotated[Path | None, typer.Option(metavar="FILE", help=(
            "Shares file, .parquet and .csv written (default: FOLDER/analysis/collapse.parquet)."))] = None,
        repair: Repair = False,
        yes: Yes = False,
    ) -> None:
        """The share of runs that ended with volunteering collapsed, per scenario and design point, with a Wilson
        95% interval; along a swept volunteer demand, the lowest level at which most runs collapsed."""
        from analysis.outputs import write_frames
        from analysis.tipping import DEMAND, collapse_shares, tipping_demand, tipping_words

        with _holding(folder):
            if repair:
                _repair(folder, None, yes)
            try:
                shares = collapse_shares(folder)
            except ResultsError as exc:
                fail(str(exc))
            placement = write_frames({"": shares}, out or folder / "analysis" / "collapse.parquet")
        params = [c for c in shares.columns if "." in c]
        table = Table(title="Runs that ended collapsed (coverage below contribution.collapse_coverage for "
                            "contribution.collapse_weeks weeks running); Wilson 95% interval", box=box.SIMPLE_HEAD)
        for name in ("scenario", *params):
            table.add_column(breakable(name), overflow="fold")
        for name in ("collapsed", "share", "95% interval"):
            table.add_column(name, justify="right")
        for r in shares.iter_rows(named=True):
            table.add_row(breakable(r["scenario"]), *(f"{r[p]:g}" if isinstance(r[p], float) else str(r[p])
                                                      for p in params),
                          f"{r['collapsed']}/{r['runs']}", f"{r['share']:.2f}", f"{r['low']:.2f} to {r['high']:.2f}")
        console.print(table)
        if DEMAND in params:
            for r in tipping_demand(shares).iter_rows(named=True):
                where = ", ".join(f"{k} = {v:g}" for k, v in r.items() if "." in k)
                console.print(f"{r['scenario']}{' (' + where + ')' if where else ''}: "
                              f"{tipping_words(r['tips_at'], shares[DEMAND].max())}", highlight=False)
        _print_placement(placement)

    @app.command(cls=Command)
    def report(
        folder: Folder,
        out: Annotated[Path | None, typer.Option(metavar="FILE", help=(
            "HTML file (default: FOLDER/analysis/report.html); PNG figures go to <stem>_figures/ beside it."))]
        = None,
        lang: Lang = "en",
        baseline: Baseline = None,
        at_step: AtStep = None,
        over: Over = None,
        boot_seed: BootSeed = 0,
        repair: Repair = False,
        yes: Yes = False,
    ) -> None:
        """One self-contained HTML report (charts as PNG and Vega-Lite) of a results folder."""
        from analysis.labels import LABELS
        from analysis.report import build_report

        if lang not in LABELS:
            fail(f"--lang {lang!r}: expected one of {', '.join(LABELS)}")
        window = _window(at_step, over)
        with _holding(folder):
            if repair:
                _repair(folder, None, yes)
            try:
                path = build_report(folder, out or folder / "analysis" / "report.html", lang, baseline, at_step,
                                    window, seed=boot_seed)
            except ResultsError as exc:
                fail(str(exc))
        console.print(f"Report written to [bold]{path}[/] (figures in {path.parent / (path.stem + '_figures')})",
                      highlight=False, soft_wrap=True)
