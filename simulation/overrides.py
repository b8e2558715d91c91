"""The override language: a dotted path names a scenario field (`contribution.volunteer_demand_h`,
`platforms.QuickEats.commission`, list items by index or name); `commission` alone names every
commercial platform's take rate. Used by `--set`, experiment files and `CityModel(**overrides)`."""

from __future__ import annotations

from typing import Any

from simulation.errors import ScenarioError, did_you_mean

FLAT_ALIASES = {
    "n_residents": "n_residents",
    "volunteer_demand": "contribution.volunteer_demand_h",
    "engine": "engine",
    "weeks": "weeks",
}
"""Flat keyword names accepted by `CityModel` (so `mesa.batch_run` can sweep them)."""

ENFORCEMENT = {"inspection": "inspection_eur_per_resident_w", "fine": "fine_eur_per_use"}
"""Shorthands for the enforcement of every regulation a scenario holds (`--inspection`, `--fine`): set on each
``platform_regulation`` lever, and on the regulation an adaptive rule would impose; nothing where there is none."""


def _locate(data: dict, path: str, source: str) -> tuple[Any, Any]:
    """The container and key a dotted path names (list items by index or by ``name``)."""
    path = FLAT_ALIASES.get(path, path)
    keys = path.split(".")
    node: Any = data
    for depth, key in enumerate(keys):
        if isinstance(node, list):
            named = _named(node, key)
            if named:
                key = named[0]
            elif key.isdigit() and int(key) < len(node):
                key = int(key)
            else:
                names = [item.get("name") or item.get("label") or item.get("type") for item in node
                         if isinstance(item, dict) and (item.get("name") or item.get("label") or item.get("type"))]
                known = f" (known: {', '.join(names)})" if names else ""
                raise ScenarioError(f"{source}: {path}: no item {key!r}{did_you_mean(key, names)}{known}")
        elif not isinstance(node, dict):
            raise ScenarioError(f"{source}: {path}: {keys[depth - 1]!r} is not a section")
        elif key not in node:
            choices = list(node) + (list(FLAT_ALIASES) + ["commission", *ENFORCEMENT] if depth == 0 else [])
            raise ScenarioError(f"{source}: {path}: unknown field {key!r}{did_you_mean(key, choices)}")
        if depth == len(keys) - 1:
            return node, key
        node = node[key]
    raise ScenarioError(f"{source}: empty path")


def _named(items: list, key: str) -> list[int]:
    """Items a path's key names: by ``name``, else by ``label``, else a lever by its ``type`` when it is the
    only one of its type (``interventions.platform_regulation.fine_eur_per_use``)."""
    dicts = [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]
    for field in ("name", "label"):
        if named := [i for i, item in dicts if item.get(field) == key]:
            return named
    typed = [i for i, item in dicts if item.get("type") == key]
    return typed if len(typed) == 1 else []


def set_dotted(data: dict, path: str, value: Any, source: str) -> None:
    if path == "commission":  # every commercial platform's take rate
        for p in data["platforms"]:
            if p["kind"] == "commercial":
                p["commission"] = value
        return
    if path in ENFORCEMENT:
        for lever in regulations(data):
            lever[ENFORCEMENT[path]] = value
        return
    node, key = _locate(data, path, source)
    node[key] = value


def regulations(data: dict) -> list[dict]:
    """The platform regulations of a dumped scenario: its levers', and those its adaptive rules would impose."""
    levers = data.get("interventions") or []
    return [spec for lever in levers for spec in (lever, lever.get("then") or {})
            if spec.get("type") == "platform_regulation"]


def get_dotted(data: dict, path: str, source: str = "<scenario>") -> Any:
    """The value at a dotted path of a dumped scenario (``commission``: the first commercial one)."""
    if path == "commission":
        return next((p["commission"] for p in data["platforms"] if p["kind"] == "commercial"), None)
    if path in ENFORCEMENT:
        return next((lever.get(ENFORCEMENT[path]) for lever in regulations(data)), None)
    node, key = _locate(data, path, source)
    return node[key]
