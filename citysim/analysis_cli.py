"""Commands that read results folders: compare, sensitivity, report."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the `citysim` application."""
