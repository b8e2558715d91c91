"""Errors a user can make in an input file, as one clear line naming the file and the field."""

from __future__ import annotations

import tomllib
from importlib.resources.abc import Traversable
from pathlib import Path


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message names the file and the field."""


def format_validation_error(err: dict, source: str) -> str:
    """One line for one pydantic error: where (file, dotted field) and what is wrong, with what was given."""
    loc = ""
    for part in err["loc"]:
        loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
    kind = err["type"]
    given = err.get("input")
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        loc += ".type"
        msg = f"unknown intervention type {ctx.get('tag')!r} (known: {ctx.get('expected_tags')})"
    elif kind == "union_tag_not_found":
        msg = "missing 'type' (which intervention?)"
    elif kind == "extra_forbidden":
        msg = "unknown field"
    elif kind == "missing":
        msg = "missing required field"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = err.get("ctx", {})
        bound = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
        msg = f"must be {bound} {next(iter(ctx.values()))}, got {given}"
    elif kind == "citysim":  # our own validators' messages say what was given
        msg = err["msg"]
    else:
        msg = f"{err['msg'].removeprefix('Value error, ')}, got {given!r}"
    return f"{source}: {loc}: {msg}" if loc else f"{source}: {msg}"


def read_toml(path: Path | Traversable, source: str | None = None) -> dict:
    """A TOML file's content; one clear `ScenarioError` naming the file if it cannot be read."""
    source = source or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{source}: no such file") from None
    except OSError as exc:
        raise ScenarioError(f"{source}: cannot read: {exc.strerror}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{source}: not valid TOML: {exc}") from None
