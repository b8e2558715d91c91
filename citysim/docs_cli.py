"""`citysim docs`: the documents' model-made numbers, written from recorded experiments.

- ``citysim docs`` rewrites every generated part of README.md and docs/ODD.md from the records;
- ``citysim docs --check`` changes nothing: it re-runs the probe and says whether the records still
  describe the model and the documents what the records hold (exit 1 if not);
- ``citysim docs --run all`` (or ``--run NAME``, repeatable) records the probe and the experiments
  first (resuming an interrupted regeneration), then rewrites the documents.
"""

from __future__ import annotations

from typing import Annotated

import typer

from citysim.common import Command, Workers, console, err, fail


def register(app: typer.Typer) -> None:
    @app.command(cls=Command)
    def docs(
        run: Annotated[list[str] | None, typer.Option(metavar="NAME", help=(
            "Record this experiment of docs/results/plan.toml first ('all': every one but the long ones); "
            "repeat for several."))] = None,
        check: Annotated[bool, typer.Option("--check", help=(
            "Change nothing: re-run the probe and check the records and documents are current."))] = False,
        workers: Workers = None,
    ) -> None:
        """Write the documents' generated numbers from recorded experiments (README.md, docs/ODD.md)."""
        import json

        from analysis.documents import PROBE, DocumentError, Store, load_plan, stale, write
        from citysim.recordings import probe_differences, regenerate, run_probe

        if check and run:
            fail("--check changes nothing: give it alone, or --run without it")
        try:
            if run:
                regenerate(run, workers, say=lambda text: err.print(text, highlight=False))
            if check:
                recorded = json.loads(PROBE.read_text())["values"] if PROBE.exists() else {}
                moved = probe_differences(recorded, run_probe(load_plan().probe))
                behind = stale()
                for line in moved[:10]:
                    err.print(f"probe: {line}", highlight=False)
                if behind:
                    err.print(f"out of date: {', '.join(behind)} (run `citysim docs`)", highlight=False)
                if moved:
                    err.print(f"the model changed since the records were made ({len(moved)} probe values differ): "
                              "run `citysim docs --run all`", highlight=False)
                raise typer.Exit(1 if moved or behind else 0)
            changed = write(store=Store())
        except DocumentError as exc:
            fail(str(exc))
        console.print(f"rewrote {', '.join(changed)}" if changed else "documents already current", highlight=False)
