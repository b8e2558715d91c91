"""What every command shares: the consoles, one way to fail, the batch runner's progress bar,
tidy help, and the options that mean the same thing in every command.

Heavy modules (Mesa, through the batch runner) are imported only when a command runs, so
``citysim --help`` and ``citysim --version`` answer at once.
"""

from __future__ import annotations

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

class _Console(Console):
    """Files and pipes get whole tables (140 columns) unless COLUMNS says otherwise."""

    @property
    def size(self) -> ConsoleDimensions:
        dims = super().size
        if not self.is_terminal and not self._environ.get("COLUMNS"):
            return ConsoleDimensions(140, dims.height)
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
Commission = Annotated[float | None, typer.Option(min=0.0, max=1.0, metavar="SHARE", help=(
    "Commission of every commercial platform, 0 to 1 (default: each platform's own, 0.15 to 0.35)."))]
Budget = Annotated[float | None, typer.Option(min=0.0, metavar="EUR", help=(
    "The authority's governance budget at week 0 (default: the context's, EUR 1,000,000)."))]
Repair = Annotated[bool, typer.Option("--repair", help=(
    "Run again the runs of the results folder that are missing, failed or damaged (a file changed since it "
    "was written), instead of refusing them."))]
Yes = Annotated[bool, typer.Option("--yes", help=(
    "Run even if the runs would need more memory than is available (estimated before starting)."))]
CITY = {"population": "n_residents", "volunteer_demand": "contribution.volunteer_demand_h",
        "commission": "commission", "budget": "authority.budget_eur"}
"""The city options: a few named, validated overrides, so a city can be described without TOML."""


def city_overrides(**options: Any) -> dict[str, Any]:
    """The dotted-path overrides the given city options stand for (see `CITY`)."""
    return {CITY[name]: value for name, value in options.items() if value is not None}


def default_out(name: str) -> Path:
    return Path("results") / f"{name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


# --- running a plan ------------------------------------------------------------------------

def execute(plan: Plan, out: Path, workers: int, resume: bool, executor: str = "local",
            scheduler: str | None = None, finish: str = "", repair: bool = False, yes: bool = False) -> BatchResult:
    """Run ``plan`` into ``out`` with a progress bar; ``finish``: how this command finishes an
    unfinished folder, said when the folder is taken, the disk full or the batch interrupted."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from simulation.batch import BatchError, DiskFull, FolderTaken, run_batch
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

    try:
        result = run_batch(plan, out, workers=workers, resume=resume, executor=executor,
                           scheduler=scheduler, on_result=advance, repair=repair, ignore_memory=yes)
    except (BatchError, FolderBusy) as exc:
        if bar.live.is_started:
            bar.stop()
        # a folder that holds a batch can be finished; one that holds anything else cannot
        batch = (isinstance(exc, FolderTaken) and (out / "experiment.json").is_file()) or isinstance(exc, DiskFull)
        fail(f"{exc}{finish}" if batch else str(exc))
    if bar.live.is_started:
        bar.update(task, completed=result.skipped + result.ok + result.failed)
        bar.stop()
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
