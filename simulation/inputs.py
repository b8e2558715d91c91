"""What an input may hold: confined identifiers, bounded text and finite numbers.

Names that become folder names, run ids or HTML ids (a scenario's, a context's, a policy's, an
experiment's) are *identifiers*: 1 to 64 characters among lowercase ASCII letters, digits, '_',
'-', '+' (which joins the policies of a mix) and '.', not starting with '.'. No identifier can
climb out of a folder ('/' is not allowed, '..' cannot start one) or break out of an HTML attribute.
Names that are only shown (a platform's, a sector's, an incumbent's) are *display names*: up to 64
characters, no control characters, escaped wherever they are shown. Descriptions are at most
`MAX_TEXT` characters, input files at most `simulation.errors.MAX_FILE_BYTES`, every number finite.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from simulation.errors import shown

IDENTIFIER_RULE = ("1 to 64 characters among lowercase ASCII letters, digits, '_', '-', '+' and '.', "
                   "not starting with '.'")
IDENTIFIER = re.compile(r"[a-z0-9_+\-][a-z0-9_+.\-]{0,63}")
MAX_NAME = 64
"""Characters of a display name (a platform's, a sector's)."""
MAX_TEXT = 2_000
"""Characters of a description, or of any other text in an input."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def identifier_problem(value: str) -> str | None:
    """Why ``value`` is not an identifier (None if it is one)."""
    if IDENTIFIER.fullmatch(value):
        return None
    return f"must be an identifier ({IDENTIFIER_RULE}), got {shown(value)}"


def _identifier(value: str) -> str:
    problem = identifier_problem(value)
    if problem:
        raise PydanticCustomError("citysim", problem.replace("{", "{{").replace("}", "}}"))
    return value


def _display_name(value: str) -> str:
    if not value or len(value) > MAX_NAME or CONTROL.search(value):
        raise PydanticCustomError("citysim", "must be 1 to {n} characters with no control character, got {v}",
                                  {"n": MAX_NAME, "v": shown(value)})
    return value


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise PydanticCustomError("citysim", "at most {n} characters, got {got}",
                                  {"n": f"{MAX_TEXT:,}", "got": f"{len(value):,}"})
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
DisplayName = Annotated[str, AfterValidator(_display_name)]
Text = Annotated[str, AfterValidator(_text)]


def slug(text: str) -> str:
    """An identifier made from free text (a file's stem, a command line's names): lowercased, every
    other character turned into '-', cut to 64 characters."""
    made = re.sub(r"[^a-z0-9_+.\-]+", "-", text.lower()).lstrip(".-")[:MAX_NAME].rstrip("-")
    return made or "unnamed"


def _leaves(data: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every value in nested mappings and lists, with its dotted place (list items by their name)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list | tuple):
        for k, item in enumerate(data):
            name = item.get("name") if isinstance(item, dict) else None
            label = f".{name}" if isinstance(name, str) and 0 < len(name) <= MAX_NAME else f"[{k}]"
            yield from _leaves(item, f"{where}{label}")
    else:
        yield where, data


def unbounded(data: Any) -> str | None:
    """The first non-finite number or over-long text in an input, as ``place: problem`` (None: none)."""
    for where, value in _leaves(data):
        if isinstance(value, float) and not math.isfinite(value):
            return f"{where}: must be a finite number, got {value}"
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return f"{where}: at most {MAX_TEXT:,} characters, got {len(value):,}"
    return None


def refuse_unbounded(data: Any) -> Any:
    """A pydantic validator (before or after): refuse an input holding a non-finite number or a text
    longer than `MAX_TEXT`, wherever it is (the levers' fields, overrides, design values)."""
    problem = unbounded(data)
    if problem:
        raise PydanticCustomError("citysim", problem.replace("{", "{{").replace("}", "}}"))
    return data
