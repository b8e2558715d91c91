"""What every command shares: the consoles, one way to fail, the batch runner's progress bar,
tidy help, and the options that mean the same thing in every command.

Heavy modules (Mesa, through the batch runner) are imported only when a command runs, so
``citysim --help`` and ``citysim --version`` answer at once.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console, ConsoleDimensions
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from simulation.batch import BatchResult
    from simulation.experiment import Plan

WIDTH = 80
"""Files and pipes get tables 80 columns wide (wrapped, never cut) unless COLUMNS says otherwise."""


class _Console(Console):
    """A console whose tables fit `WIDTH` columns when it writes to a file or a pipe."""

    @property
    def size(self) -> ConsoleDimensions:
        dims = super().size
        if not self.is_terminal and not self._environ.get("COLUMNS"):
            return ConsoleDimensions(WIDTH, dims.height)
        return dims


console = _Console()
err = Console(stderr=True)


BETTER_WHEN = {1: "higher", -1: "lower", 0: "descriptive"}
"""An indicator's better direction (`simulation.registry.Better`), in a word."""


def fail(message: str, code: int = 2) -> NoReturn:
    """One clear message on stderr and a non-zero exit, never a traceback. The message is printed
    literally (``pip install 'citysim[distributed]'`` keeps its brackets)."""
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def note(message: str, style: str = "yellow", word: str = "note") -> None:
    err.print(f"[{style}]{escape(word)}:[/] {escape(message)}", highlight=False, soft_wrap=True)


# --- help without stray type labels --------------------------------------------------------

METAVARS = {"integer": "N", "float": "X", "path": "PATH", "text": "TEXT"}


def _tidy(params: list) -> list:
    """A placeholder for each option's value instead of a type label (``<int range>``), none for
    flags (``--help``, ``--pool-points``)."""
    for p in params:
        if isinstance(p, TyperOption) and p.metavar is None:
            p.metavar = "" if p.is_flag else METAVARS.get(p.type.name, p.type.name.upper())
        elif isinstance(p, TyperArgument):
            p.metavar = p.metavar or p.name.upper()
            p.display_type_rich = lambda ctx: None  # the placeholder says it: no "<path>" beside it
    return params


class Command(TyperCommand):
    def get_params(self, ctx: Any) -> list:
        return _tidy(super().get_params(ctx))


class Group(TyperGroup):
    def get_params(self, ctx: Any) -> list:
        return _tidy(super().get_params(ctx))


# --- options shared by several commands ----------------------------------------------------

Replications = Annotated[int | None, typer.Option(min=1, metavar="N", show_default=False, help=(
    "Runs with different seeds; replication k of every scenario shares one seed (paired).")),
]
Weeks = Annotated[int | None, typer.Option("--weeks", "--steps", min=1, metavar="N", help=(
    "Weeks to simulate (default: the context's, 260 in the library)."))]
Seed = Annotated[int, typer.Option(min=0, metavar="N", help="Master seed; each replication's seed derives from it.")]
Workers = Annotated[int | None, typer.Option(min=1, metavar="N", show_default=False, help=(
    "Parallel worker processes (default: one per core)."))]
Population = Annotated[int | None, typer.Option("--population", "--residents", min=10, max=10_000_000, metavar="N",
                                                help="Number of residents (default: the context's, 2,000).")]
VolunteerDemand = Annotated[float | None, typer.Option(min=0.0, max=40.0, metavar="HOURS", help=(
    "Volunteer hours public services ask per resident per week (default: the context's; "
    "calm city 0.1, citizen burn-out 0.2)."))]


def parse_share(text: str) -> float:
    """A share as people write it: ``0.35`` or ``35%``; ``35`` alone is refused ("use 0.35 or 35%")."""
    raw = str(text).strip()
    percent = raw.endswith("%")
    try:
        value = float(raw.removesuffix("%").strip())
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a share: write it as 0.35 or 35%") from None
    if not math.isfinite(value):
        raise typer.BadParameter(f"{text!r} is not a share: write it as 0.35 or 35%")
    if percent:
        value /= 100.0
    elif value > 1.0:
        raise typer.BadParameter(f"{raw} is more than 1: use {value / 100:g} or {value:g}%")
    if not 0.0 <= value <= 1.0:
        raise typer.BadParameter(f"{raw}: a share is between 0 and 1 (0% and 100%)")
    return value


Commission = Annotated[float | None, typer.Option(parser=parse_share, metavar="SHARE", help=(
    "Commission of every commercial platform, as 0.35 or 35% (default: each platform's own, 15% to 35%); "
    "the command says which platforms it set."))]
Inspection = Annotated[float | None, typer.Option(min=0.0, metavar="EUR", help=(
    "What the city pays the regulation's inspectors, in EUR per resident a week (default: each regulation's own, "
    "EUR 0.02: a defied rule caught about one week in fifteen); the command says which policies it set."))]
Fine = Annotated[float | None, typer.Option(min=0.0, metavar="EUR", help=(
    "The regulation's fine for each use a platform sold in a week it is caught defying the commission cap or "
    "the data duty (default: each regulation's own, EUR 5); the command says which policies it set."))]
Budget = Annotated[float | None, typer.Option(min=0.0, metavar="EUR", help=(
    "The authority's governance budget at week 0 (default: the context's, EUR 1,000,000)."))]
DropLateLevers = Annotated[bool, typer.Option("--drop-late-levers", help=(
    "With a shorter horizon, drop the levers that would start after it (each one said) instead of "
    "refusing the scenario."))]


def say_dropped(plan: Plan) -> None:
    """Name each lever ``--drop-late-levers`` left out (scenario, lever, start week)."""
    for line in plan.dropped:
        note(line, style="cyan", word="dropped a late lever")


def late_hint(exc: Exception, dropping: bool) -> str:
    """The message of a scenario refused for a lever starting after the horizon, with the option that runs it."""
    late = "after the horizon" in str(exc) and not dropping
    return f"{exc}" + ("\n(--drop-late-levers runs it without the levers that start after the horizon)" if late
                       else "")


Repair = Annotated[bool, typer.Option("--repair", help=(
    "Run again the runs of the results folder that are missing, failed or damaged (a file changed since it "
    "was written), instead of refusing them."))]
Yes = Annotated[bool, typer.Option("--yes", help=(
    "Run even if the runs would need more memory than is available (estimated before starting)."))]
CITY = {"population": "n_residents", "volunteer_demand": "contribution.volunteer_demand_h",
        "commission": "commission", "budget": "authority.budget_eur", "inspection": "inspection", "fine": "fine"}
"""The city options: a few named, validated overrides, so a city can be described without TOML."""


def city_overrides(**options: Any) -> dict[str, Any]:
    """The dotted-path overrides the given city options stand for (see `CITY`)."""
    return {CITY[name]: value for name, value in options.items() if value is not None}


def say_commission(plan: Plan, commission: float | None) -> None:
    """Name the platforms ``--commission`` set (the commercial ones), and those it changes nothing for
    (a free service takes no commission on a price of zero)."""
    if commission is None or not plan.runs:
        return
    platforms = [p for p in plan.runs[0].config.platforms if p.kind == "commercial"]
    free = [p.name for p in platforms if p.price_eur == 0]
    text = (f"--commission {commission * 100:g}% set the commission of the commercial platforms: "
            f"{', '.join(p.name for p in platforms) or 'none'}")
    if free:
        text += f" ({', '.join(free)} charge{'s' if len(free) == 1 else ''} no price: the commission changes nothing)"
    note(text, style="cyan", word="city")


def say_enforcement(plan: Plan, inspection: float | None, fine: float | None) -> None:
    """Name the scenarios whose regulation ``--inspection`` and ``--fine`` set, and those with none to set."""
    from simulation.overrides import regulations

    given = [f"{option} EUR {value:g}" for option, value in (("--inspection", inspection), ("--fine", fine))
             if value is not None]
    if not given or not plan.runs:
        return
    scenarios = {r.scenario: r.config for r in plan.runs}
    regulated = [name for name, config in scenarios.items() if regulations(config.model_dump())]
    others = [name for name in scenarios if name not in regulated]
    text = f"{' and '.join(given)} set the enforcement of the regulation in: {', '.join(regulated) or 'none'}"
    if others:
        text += f" (no regulation to enforce in: {', '.join(others)})"
    note(text, style="cyan", word="city")


# --- machine output ------------------------------------------------------------------------

FORMATS = ("table", "csv", "json")
Format = Annotated[str, typer.Option("--format", metavar="FORMAT", help=(
    "table (default, for people), csv or json: machine output on stdout and nothing else."))]


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")


def machine(fmt: str, tables: dict[str, Any]) -> None:
    """Print polars tables for a machine: CSV (the first table) or JSON (every table, by name), alone
    on stdout."""
    import sys

    first = next(iter(tables.values()))
    if fmt == "csv":
        sys.stdout.write(first.write_csv())
    else:  # polars writes NaN as null: valid JSON
        rows = {name: json.loads(t.write_json()) for name, t in tables.items()}
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def default_out(name: str) -> Path:
    return Path("results") / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


# --- running a plan ------------------------------------------------------------------------

def execute(plan: Plan, out: Path, workers: int, resume: bool, executor: str = "local",
            scheduler: str | None = None, finish: str = "", repair: bool = False, yes: bool = False) -> BatchResult:
    """Run ``plan`` into ``out`` with a progress bar on a terminal, or progress lines in a log
    (`simulation.batch.ProgressLines`); ``finish``: how this command finishes an unfinished folder,
    said when the folder is taken, the disk full or the batch interrupted."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from simulation.batch import BatchError, DiskFull, FolderTaken, ProgressLines, run_batch
    from simulation.folder_lock import FolderBusy

    counts = {"ok": 0, "failed": 0}
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("runs, [red]{task.fields[failed]} failed[/]"), TimeRemainingColumn())
    bar = Progress(*columns, console=err, transient=False)  # shown once the folder is accepted
    task = bar.add_task(plan.experiment.name, total=len(plan.runs), failed=0, start=False)

    def advance(row: dict) -> None:
        if not bar.live.is_started:
            bar.start()
            bar.start_task(task)
        counts["ok" if row["status"] == "ok" else "failed"] += 1
        bar.update(task, advance=1, failed=counts["failed"])

    lines = None if err.is_terminal else ProgressLines(plan.experiment.name, err.file)
    try:
        result = run_batch(plan, out, workers=workers, resume=resume, executor=executor, scheduler=scheduler,
                           on_result=lines or advance, on_start=lines.start if lines else None, repair=repair,
                           ignore_memory=yes)
    except (BatchError, FolderBusy) as exc:
        if bar.live.is_started:
            bar.stop()
        # a folder that holds a batch can be finished; one that holds anything else cannot
        batch = (isinstance(exc, FolderTaken) and (out / "experiment.json").is_file()) or isinstance(exc, DiskFull)
        fail(f"{exc}{finish}" if batch else str(exc))
    if bar.live.is_started:
        bar.update(task, completed=result.skipped + result.ok + result.failed)
        bar.stop()
    if result.cut_lines:
        note(f"{result.path / 'manifest.jsonl'}: {result.cut_lines} cut line(s) dropped (a command killed or a disk "
             "full while writing them); their runs were not counted as done")
    if result.interrupted:  # one line: what was kept, and how to finish
        note(f"{result.skipped + result.ok} of {result.planned} runs finished and kept in {result.path}{finish}",
             word=f"interrupted ({result.stop_signal or 'SIGINT'})")
    return result


def exit_code(result: BatchResult) -> None:
    if result.interrupted:
        raise typer.Exit(130)  # 128 + SIGINT, the shell's convention for an interrupted command
    if result.failed:
        err.print(f"[red]{result.failed} runs failed[/]: see {result.path / 'manifest.jsonl'}")
        raise typer.Exit(1)
