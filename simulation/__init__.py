"""citysim: an agent-based model of the real digital city (after Fing & Iddri, Audacities 2018).

The names below are loaded on first use, so that light modules (`simulation.registry`,
`simulation.vocabulary`) can be imported without Mesa.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulation.authority import LocalAuthority
    from simulation.model import CityModel
    from simulation.platforms import Platform
    from simulation.registry import CRITERIA
    from simulation.residents import Resident
    from simulation.scenario import Scenario, ScenarioError, load_scenario

_WHERE = {
    "CRITERIA": "simulation.registry",
    "CityModel": "simulation.model",
    "LocalAuthority": "simulation.authority",
    "Platform": "simulation.platforms",
    "Resident": "simulation.residents",
    "Scenario": "simulation.scenario",
    "ScenarioError": "simulation.scenario",
    "load_scenario": "simulation.scenario",
}
__all__ = ["CRITERIA", "CityModel", "LocalAuthority", "Platform", "Resident", "Scenario", "ScenarioError",
           "load_scenario"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'simulation' has no attribute {name!r}")
