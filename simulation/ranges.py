"""Plausible ranges of the scenario's parameters (`scenarios/ranges.toml`): unit, low, high, source.

Every numeric parameter of `scenario.Scenario` has an entry, or is listed as skipped with a reason; a
test walks the schema so a parameter added without a range fails. The ranges are for screening and
calibration, never defaults: a scenario's values come from `scenario.py` and the library.

Paths are the override language's (`simulation/overrides.py`) with three additions:
- ``*`` stands for any item of a list: ``sectors.*.task_h``, ``platforms.*.commission``,
  ``incumbents.actors.*.quality_step``;
- a lever's fields are named by its type: ``interventions.contributor_care.recognition``
  (``interventions.*.start_week``: the field of every lever type);
- an element of a fixed-length tuple by its index in brackets: ``residents.citizen_beta[0]``.

Nothing here imports Mesa: reading the schema only.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from simulation.errors import ScenarioError, did_you_mean, format_validation_error, read_toml
from simulation.interventions import LEVERS
from simulation.scenario import Scenario

RANGES_FILE = Path(__file__).resolve().parent.parent / "scenarios" / "ranges.toml"
ASSUMPTION = "assumption"
LISTS = {"sectors", "platforms", "incumbents.actors"}
"""Lists of named items: their fields are named with ``*`` for the item."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Range(_Frozen):
    """One parameter's plausible range."""

    unit: str
    """One of the file's ``[units]``."""
    low: float
    high: float
    source: str
    """``assumption``, or one or more citations (``Author (year)``, as in docs/ODD.md's References),
    joined by ``; ``."""
    grounds: Literal["range", "default", "direction"] | None = None
    """What the cited source grounds: ``range`` (it bounds the range), ``default`` (it gives the default
    value; the width around it is an assumption) or ``direction`` (only the sign or the form; the values
    are assumptions). Required with a citation, absent with ``assumption``."""
    reason: str
    """Why this range, in one line."""

    @model_validator(mode="after")
    def _check(self) -> Range:
        if not self.low < self.high:
            raise PydanticCustomError("citysim", "low ({low}) must be below high ({high})",
                                      {"low": self.low, "high": self.high})
        if not self.reason.strip():
            raise PydanticCustomError("citysim", "reason: empty (say why this range)")
        if not self.source.strip():
            raise PydanticCustomError("citysim", "source: empty (a citation, or 'assumption')")
        if self.source == ASSUMPTION and self.grounds is not None:
            raise PydanticCustomError("citysim", "grounds: an assumption grounds nothing; remove it")
        if self.source != ASSUMPTION and self.grounds is None:
            raise PydanticCustomError(
                "citysim", "grounds: missing (what does '{source}' ground: range, default or direction?)",
                {"source": self.source})
        return self

    @property
    def citations(self) -> list[str]:
        return [] if self.source == ASSUMPTION else [c.strip() for c in self.source.split(";")]


class Ranges(_Frozen):
    """What `scenarios/ranges.toml` holds."""

    units: dict[str, str]
    """The controlled vocabulary of units: unit -> what it means."""
    skipped: dict[str, str]
    """Numeric fields that are not parameters to vary, each with why."""
    parameters: dict[str, Range]

    def counts(self) -> dict[str, int]:
        """How many ranges, and how many rest on a citation (by what it grounds) or on an assumption."""
        found = {"parameters": len(self.parameters), "skipped": len(self.skipped), ASSUMPTION: 0,
                 "range": 0, "default": 0, "direction": 0}
        for entry in self.parameters.values():
            found[entry.grounds or ASSUMPTION] += 1
        return found

    def lookup(self, path: str) -> Range | None:
        """The range of a schema path (``interventions.contributor_care.start_week`` finds
        ``interventions.*.start_week``)."""
        if path in self.parameters:
            return self.parameters[path]
        if path.startswith("interventions."):
            _, _, field = path.split(".", 2)
            return self.parameters.get(f"interventions.*.{field}")
        return None


# --- the schema's numeric parameters -------------------------------------------------------------


def _strip(annotation: Any) -> Any:
    """The annotation without Annotated and without an optional None."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _is_number(annotation: Any) -> bool:
    return annotation in (int, float)


def _holds_number(annotation: Any) -> bool:
    """True when a structure (list, tuple, union) holds numbers somewhere."""
    annotation = _strip(annotation)
    if _is_number(annotation):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False
    return any(_holds_number(a) for a in get_args(annotation) if a is not Ellipsis)


def _walk(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, str]]:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = _strip(info.annotation)
        origin, args = get_origin(annotation), get_args(annotation)
        if _is_number(annotation):
            yield path, annotation.__name__
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _walk(annotation, f"{path}.")
        elif path == "interventions":
            for lever in LEVERS:
                kind = get_args(lever.model_fields["type"].annotation)[0]
                yield from _walk(lever, f"interventions.{kind}.")
        elif origin is list and isinstance(_strip(args[0]), type) and issubclass(_strip(args[0]), BaseModel):
            yield from _walk(_strip(args[0]), f"{path}.*.")
        elif path.startswith("interventions.") and name == "then":
            continue  # a lever inside a lever: its fields are its own type's
        elif origin is tuple and Ellipsis not in args and all(_is_number(_strip(a)) for a in args):
            for i, a in enumerate(args):
                yield f"{path}[{i}]", _strip(a).__name__
        elif _holds_number(annotation):
            yield path, "structure"  # a table of numbers (a schedule, survey profiles): not a scalar


def parameters() -> dict[str, str]:
    """Every numeric leaf of the scenario schema, by path: ``int``, ``float``, or ``structure`` (a
    variable-length table of numbers, which can be skipped but not ranged)."""
    return dict(_walk(Scenario, ""))


def _expand(key: str, known: dict[str, str]) -> list[str]:
    """The schema paths a ranges key names (``interventions.*.field``: the field of every lever type)."""
    if key.startswith("interventions.*."):
        field = key.removeprefix("interventions.*.")
        return [p for p in known if p.startswith("interventions.") and p.split(".", 2)[2] == field]
    return [key] if key in known else []


# --- loading -------------------------------------------------------------------------------------


def validate_ranges(data: dict, source: str) -> Ranges:
    """Validate a raw mapping; raise `ScenarioError` with one clear line per problem."""
    try:
        ranges = Ranges.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError("\n".join(format_validation_error(e, source, data, Ranges) for e in exc.errors())) from None
    known = parameters()
    problems, seen = [], {}
    for table, keys in (("skipped", ranges.skipped), ("parameters", ranges.parameters)):
        for key in keys:
            paths = _expand(key, known)
            if not paths:
                problems.append(f"{source}: {table}.{key}: names no parameter of the scenario"
                                f"{did_you_mean(key, known)}")
            for path in paths:
                if path in seen:
                    problems.append(f"{source}: {table}.{key}: {path} is already in {seen[path]}")
                seen[path] = f"{table}.{key}"
            if table == "parameters" and any(known[p] == "structure" for p in paths):
                problems.append(f"{source}: parameters.{key}: a table of numbers, not a scalar; skip it or "
                                "range its scalars")
    for key, entry in ranges.parameters.items():
        if entry.unit not in ranges.units:
            problems.append(f"{source}: parameters.{key}.unit: unknown unit {entry.unit!r}"
                            f"{did_you_mean(entry.unit, ranges.units)} (known: {', '.join(ranges.units)})")
        if any(known.get(p) == "int" for p in _expand(key, known)) and not (
                entry.low.is_integer() and entry.high.is_integer()):
            problems.append(f"{source}: parameters.{key}: an integer parameter needs whole bounds, "
                            f"got {entry.low} and {entry.high}")
    if problems:
        raise ScenarioError("\n".join(problems))
    return ranges


def load_ranges(path: str | Path = RANGES_FILE) -> Ranges:
    """Read and validate the ranges file (the shipped `scenarios/ranges.toml` by default)."""
    source = str(path) if Path(path) != RANGES_FILE else "scenarios/ranges.toml"
    return validate_ranges(read_toml(Path(path), source), source)


def uncovered(ranges: Ranges) -> list[str]:
    """Numeric parameters of the schema with neither a range nor a reason to skip them."""
    known = parameters()
    covered = {p for key in [*ranges.parameters, *ranges.skipped] for p in _expand(key, known)}
    return sorted(set(known) - covered)


# --- a scenario's values against the ranges ------------------------------------------------------


def _values(node: Any, schema_path: str, where: str) -> Iterator[tuple[str, str, float]]:
    if isinstance(node, BaseModel):
        kind = getattr(node, "type", None)
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "then" and kind is not None:
                yield from _values(value, "interventions", f"{where}.then")
            elif kind is not None and schema_path == "interventions":
                yield from _values(value, f"interventions.{kind}.{name}", f"{where}.{name}")
            else:
                sub = f"{schema_path}.{name}" if schema_path else name
                yield from _values(value, sub, f"{where}.{name}" if where else name)
    elif isinstance(node, list) and node and isinstance(node[0], BaseModel):
        for i, item in enumerate(node):
            label = getattr(item, "name", None) if schema_path != "interventions" else None
            sub = schema_path if schema_path == "interventions" else f"{schema_path}.*"
            yield from _values(item, sub, f"{where}.{label or i}")
    elif isinstance(node, tuple) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in node):
        for i, v in enumerate(node):
            yield f"{schema_path}[{i}]", f"{where}[{i}]", float(v)
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield schema_path, where, float(node)


def values(scenario: Scenario) -> Iterator[tuple[str, str, float]]:
    """Every scalar numeric value of a scenario: (schema path, where in this scenario, value); list items
    by name (``platforms.QuickEats.commission``), levers by index (``interventions.0.commission_cap``)."""
    yield from _values(scenario, "", "")


def outside(scenario: Scenario, ranges: Ranges) -> list[str]:
    """The values of ``scenario`` outside their range, one line each (empty: all inside or skipped)."""
    lines = []
    for path, where, value in values(scenario):
        entry = ranges.lookup(path)
        if entry is not None and not entry.low <= value <= entry.high:
            lines.append(f"{scenario.name}: {where} = {value:g} is outside {path}'s range "
                         f"[{entry.low:g}, {entry.high:g}] {entry.unit}")
    return lines
