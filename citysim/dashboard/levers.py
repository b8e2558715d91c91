"""Each governance lever as a control: a checkbox, a start week and one key parameter.

A lever the chosen policy holds keeps the policy's own specification; a lever the class switches on
that the policy lacks starts from the library's example of it (the first library policy that uses it),
so no lever's numbers are written twice. Whether a lever can run in a context (a cooperative to
support, a sector to act on) is decided by validating it against the context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from simulation.interventions import INTERVENTION_TYPES
from simulation.interventions import LEVERS as LEVER_CLASSES
from simulation.library import load_policy, names
from simulation.scenario import Scenario, ScenarioError, validate_scenario


@dataclass(frozen=True)
class LeverControl:
    """How the dashboard shows one lever type."""

    type: str
    """The lever's ``type`` (`simulation.interventions`)."""
    param: str | None
    """Its key parameter, shown as a slider (None: only the start week)."""
    low: float = 0.0
    high: float = 1.0
    step: float = 0.1
    unit: str = ""
    """Key of the parameter's unit in the translation table."""
    percent: bool = False
    """Shown as a percentage (a fraction between 0 and 1)."""

    @property
    def integer(self) -> bool:
        return float(self.step).is_integer() and float(self.low).is_integer()


LEVERS: tuple[LeverControl, ...] = (
    LeverControl("contributor_care", "max_requests_h", 0.5, 10.0, 0.5, "unit.h_volunteer_week"),
    LeverControl("platform_regulation", "inspection_eur_per_resident_w", 0.0, 0.5, 0.01,
                 "unit.inspection_per_resident"),
    LeverControl("data_partnership", "commons_quality_gain", 0.0, 1.0, 0.05, "unit.commons_gain"),
    LeverControl("cooperative_support", "procurement_uses_w", 0.0, 200.0, 5.0, "unit.deliveries_week"),
    LeverControl("innovation_policy", None),
    LeverControl("grand_objective", None),
    LeverControl("innovation_agora", "attendance", 0.0, 1.0, 0.05, "unit.chance_to_attend", percent=True),
    LeverControl("participatory_innovation", "budget_eur", 0.0, 500_000.0, 10_000.0, "unit.eur_per_vote"),
    LeverControl("adaptive_rule", "for_weeks", 1, 52, 1, "unit.weeks_of_risk"),
)
"""Every lever type, in the order the controls list them (a test checks none is missing)."""
CONTROLS = {lever.type: lever for lever in LEVERS}
_CLASSES = dict(zip(INTERVENTION_TYPES, LEVER_CLASSES, strict=True))


@cache
def example(kind: str) -> dict[str, Any]:
    """The library's example of a lever type: its specification in the first policy that uses it."""
    for policy in names("policies"):
        for spec in load_policy(policy)[0].interventions:
            if spec["type"] == kind:
                return dict(spec)
    raise KeyError(f"no library policy uses the lever {kind!r}")


def policy_levers(policy: str) -> list[dict[str, Any]]:
    """The levers of a library policy ('none': no lever), in the policy's order."""
    return [] if policy == "none" else [dict(spec) for spec in load_policy(policy)[0].interventions]


def runs_in(context: Scenario, spec: dict[str, Any]) -> bool:
    """Whether a lever can run in a context (its sectors and platforms exist, it starts in time)."""
    try:
        validate_scenario({**context.model_dump(), "interventions": [spec]}, "lever")
    except ScenarioError:
        return False
    return True


def key_value(spec: dict[str, Any]) -> float | None:
    """The value of a lever's key parameter in a specification (its class default when absent)."""
    control = CONTROLS[spec["type"]]
    if control.param is None:
        return None
    if control.param in spec:
        return float(spec[control.param])
    return float(_CLASSES[spec["type"]].model_fields[control.param].default)
