"""The scenario library: contexts (the city as it is), policies (named sets of levers with
their schedules) and stories (the seed's stories as context + policy pairs).

The files ship as package data (the `scenarios` package) and are found through
`importlib.resources`, so an installed wheel finds them from any folder. A scenario is
built as a context plus zero or more policies (``calm_city``, ``calm_city+regulation``,
``citizen_burnout+contributor_care+regulation``); a policy is always compared with its
own context without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulation.errors import ScenarioError, did_you_mean, format_validation_error, read_toml
from simulation.inputs import Identifier, Text, identifier_problem, slug
from simulation.overrides import ENFORCEMENT
from simulation.scenario import Scenario, validate_scenario

NO_POLICY = "none"
DEFAULT_CONTEXT = "calm_city"


def _folder(kind: str) -> Traversable:
    return files("scenarios").joinpath(kind)


def names(kind: str) -> list[str]:
    """The names in one part of the library: ``contexts``, ``policies`` or ``experiments``."""
    return sorted(f.name.removesuffix(".toml") for f in _folder(kind).iterdir() if f.name.endswith(".toml"))


def find(kind: str, name: str) -> tuple[Path | Traversable, str]:
    """A library entry by name, or a file by path; with the name to show in messages."""
    if name.endswith(".toml") and Path(name).is_file():
        return Path(name), name
    entry = _folder(kind).joinpath(f"{name}.toml")
    if entry.is_file():
        return entry, f"scenarios/{kind}/{name}.toml"
    singular = {"contexts": "context", "policies": "policy", "experiments": "experiment"}[kind]
    known = names(kind)
    raise ScenarioError(f"unknown {singular} {name!r}{did_you_mean(name, known)} (library: {', '.join(known)}; "
                        "or a path to a .toml file)")


class Policy(BaseModel):
    """What a policy file holds: a name, a description and its levers (validated against each context)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Identifier
    description: Text = ""
    description_fr: Text = ""
    """The description in French (for French briefs)."""
    interventions: list[dict[str, Any]] = Field(min_length=1)
    """Levers, as in a scenario's ``[[interventions]]`` entries."""


@dataclass(frozen=True)
class Story:
    name: str
    context: str
    policy: str
    description: str
    description_fr: str = ""


def load_context(name: str) -> Scenario:
    """A context by library name or path: a whole city, without levers."""
    path, source = find("contexts", name)
    data = read_toml(path, source)
    if data.get("interventions"):
        raise ScenarioError(f"{source}: interventions: a context holds the city as it is; "
                            "put its levers in a policy (scenarios/policies/)")
    data.setdefault("context", data.get("name", Path(source).stem))
    return validate_scenario(data, source)


def load_policy(name: str) -> tuple[Policy, str]:
    """A policy by library name or path, with the name of its file."""
    path, source = find("policies", name)
    try:
        return Policy.model_validate(read_toml(path, source)), source
    except ValidationError as exc:
        raise ScenarioError("\n".join(format_validation_error(e, source, model=Policy) for e in exc.errors())) \
            from None


def compose(context: Scenario, policy: str = NO_POLICY) -> Scenario:
    """The context with the levers of ``policy`` (one name, or several joined by '+').

    Each policy's levers are checked against the context on their own first, so a lever that
    names an unknown sector or starts after the horizon is reported with the policy's file and
    the lever's index in it; then all together (two policies may not overlap on one target).
    """
    if policy == NO_POLICY:
        return context
    base = context.model_dump()
    levers: list[dict[str, Any]] = list(base["interventions"])
    named = []  # a policy file given by a path (not an identifier) is named by its file's name
    for name in policy.split("+"):
        spec, source = load_policy(name)
        validate_scenario({**base, "interventions": spec.interventions}, source)
        levers += spec.interventions
        named.append(slug(Path(name).name) if identifier_problem(name) else name)
    policy = "+".join(named)
    context_name = context.context or context.name
    return validate_scenario({**base, "name": f"{context_name}+{policy}", "context": context_name,
                              "policy": policy, "interventions": levers}, f"{context_name}+{policy}")


def build(context: str = DEFAULT_CONTEXT, policy: str = NO_POLICY, overrides: dict[str, Any] | None = None,
          source: str = "--set") -> Scenario:
    """A library context (or a context file) with a policy (or none). ``overrides`` (dotted paths)
    change the context before the policy's levers are checked against it (a shorter horizon, a
    smaller city); those that name a lever (``interventions.…``, ``inspection``, ``fine``) change the composed
    scenario."""
    overrides = overrides or {}
    levers = {k: v for k, v in overrides.items() if k.startswith("interventions.") or k in ENFORCEMENT}
    city = load_context(context)
    context_overrides = {k: v for k, v in overrides.items() if k not in levers}
    scenario = compose(city.with_overrides(context_overrides, source) if context_overrides else city, policy)
    return scenario.with_overrides(levers, source) if levers else scenario


def stories() -> list[Story]:
    data = read_toml(files("scenarios").joinpath("stories.toml"), "scenarios/stories.toml")
    return [Story(**s) for s in data["stories"]]

