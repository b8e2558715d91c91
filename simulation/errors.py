"""Errors a user can make in an input file, as one clear line naming the file and the field."""

from __future__ import annotations

import difflib
import tomllib
import types
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel

MAX_FILE_BYTES = 1_000_000
"""Size of a scenario, context, policy or experiment file."""


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message names the file and the field."""


def shown(value: object, limit: int = 60) -> str:
    """A value as a message quotes it: its repr, cut to ``limit`` characters (a 10 MB text is not echoed)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(str(value)):,} characters)"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" when one of ``choices`` is close to ``word``, else nothing."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds (through Annotated, optional, lists and unions)."""
    from pydantic import BaseModel  # here: reading errors must not make `import analysis` heavier

    origin = get_origin(annotation)
    if origin in (Annotated, list, tuple, Union, types.UnionType):
        args = get_args(annotation)[:1] if origin is Annotated else get_args(annotation)
        return [m for a in args for m in _models(a)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The fields allowed where ``loc`` (a pydantic error location) points, in ``model``."""
    current = [model]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue  # a list item: its model is already the current one
        holders = [m for m in current if part in m.model_fields]
        if holders:
            current = [x for m in holders for x in _models(m.model_fields[part].annotation)]
        else:  # a discriminated union's tag (an intervention's type)
            current = [m for m in current if "type" in m.model_fields
                       and get_args(m.model_fields["type"].annotation) == (part,)]
    return sorted({f for m in current for f in m.model_fields})


def _where(loc: tuple, data: Any) -> str:
    """A dotted location; list items by their ``name`` when they have one (``platforms.QuickEats``),
    else by index (``interventions[1]``)."""
    text, node = "", data
    for part in loc:
        name = None
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            text += f".{name}" if isinstance(name, str) and name else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def format_validation_error(err: dict, source: str, data: Any = None, model: type[BaseModel] | None = None) -> str:
    """One line for one pydantic error: where (file, dotted field: list items by name when
    ``data`` is the validated input) and what is wrong, with what was given; an unknown field
    gets a "did you mean" from the fields ``model`` allows there."""
    loc = _where(err["loc"], data)
    kind = err["type"]
    given = err.get("input")
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        loc += ".type"
        tag = str(ctx.get("tag"))
        known = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        msg = f"unknown intervention type {tag!r}{did_you_mean(tag, known)} (known: {ctx.get('expected_tags')})"
    elif kind == "union_tag_not_found":
        msg = "missing 'type' (which intervention?)"
    elif kind == "extra_forbidden":
        field = str(err["loc"][-1]) if err["loc"] else ""
        msg = "unknown field" + (did_you_mean(field, fields_at(model, err["loc"])) if model else "")
    elif kind == "missing":
        msg = "missing required field"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = err.get("ctx", {})
        bound = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
        msg = f"must be {bound} {next(iter(ctx.values()))}, got {given}"
    elif kind == "finite_number":
        msg = f"must be a finite number, got {given}"
    elif kind == "citysim":  # our own validators' messages say what was given
        msg = err["msg"]
    else:
        msg = f"{err['msg'].removeprefix('Value error, ')}, got {shown(given)}"
    return f"{source}: {loc}: {msg}" if loc else f"{source}: {msg}"


def read_toml(path: Path | Traversable, source: str | None = None) -> dict:
    """A TOML file's content; one clear `ScenarioError` naming the file if it cannot be read, is
    larger than `MAX_FILE_BYTES`, is binary or is not UTF-8 text."""
    source = source or str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ScenarioError(f"{source}: a folder, not a TOML file") from None
    except OSError as exc:
        raise ScenarioError(f"{source}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(f"{source}: too large for a TOML input (more than {MAX_FILE_BYTES:,} bytes)")
    if b"\0" in data:
        raise ScenarioError(f"{source}: a binary file, not TOML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{source}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{source}: not valid TOML: {exc}") from None
