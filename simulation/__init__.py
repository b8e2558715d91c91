"""citysim: an agent-based model of the real digital city (after Fing & Iddri, Audacities 2018)."""

from simulation.authority import LocalAuthority
from simulation.model import CityModel
from simulation.platforms import CRITERIA, Platform
from simulation.residents import Resident
from simulation.scenario import Scenario, ScenarioError, load_scenario

__all__ = [
    "CRITERIA",
    "CityModel",
    "LocalAuthority",
    "Platform",
    "Resident",
    "Scenario",
    "ScenarioError",
    "load_scenario",
]
