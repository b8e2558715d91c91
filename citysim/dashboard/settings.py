"""What the controls hold: a context from the library, one policy per city with its levers, and the
scenario each city runs.

Choosing a context sets every city control to the context's values; choosing a policy sets every
lever to the policy's (its levers on, with their start weeks and key parameters; the others off).
Each control can then say where its value comes from: the context, the policy, or the class.
Two cities share the context and its controls and differ only in their policies and levers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from citysim.dashboard.levers import CONTROLS, LEVERS, example, key_value, policy_levers, runs_in
from simulation.library import DEFAULT_CONTEXT, NO_POLICY, load_context
from simulation.scenario import Scenario, validate_scenario

DEFAULT_SEED = 42
CHANGED = "-changed"
"""What a city's policy name ends with once the class changed its levers (identifiers hold no "*")."""
CITIES = ("A", "B")


@cache
def context(name: str) -> Scenario:
    """A library context, read once."""
    return load_context(name)


@dataclass(frozen=True)
class LeverChoice:
    """One lever in one city: on or off, when it starts, its key parameter."""

    type: str
    on: bool
    start_week: int
    value: float | None
    specs: tuple[dict[str, Any], ...]
    """The policy's specifications of this lever type, or the library's example of it."""
    in_policy: bool
    available: bool
    """False when the context lacks what the lever acts on (then it stays off)."""
    initial: tuple[bool, int, float | None]
    """(on, start week, value) as the policy set them."""

    @classmethod
    def of(cls, city: Scenario, kind: str, policy_specs: list[dict[str, Any]]) -> LeverChoice:
        specs = tuple(s for s in policy_specs if s["type"] == kind) or (example(kind),)
        in_policy = any(s["type"] == kind for s in policy_specs)
        available = all(runs_in(city, s) for s in specs)
        on = in_policy and available
        start, value = int(specs[0].get("start_week", 0)), key_value(specs[0])
        return cls(kind, on, start, value, specs, in_policy, available, (on, start, value))

    @property
    def changed(self) -> bool:
        return (self.on, self.start_week, self.value) != self.initial

    def specifications(self) -> list[dict[str, Any]]:
        """What the scenario's ``[[interventions]]`` get from this lever (nothing when off)."""
        if not self.on:
            return []
        param = CONTROLS[self.type].param
        extra = {} if param is None else {param: int(self.value) if CONTROLS[self.type].integer else self.value}
        return [{**spec, "start_week": self.start_week, **extra} for spec in self.specs]


@dataclass(frozen=True)
class CityPolicy:
    """One city's policy and its levers, one choice per lever type (in the order of `LEVERS`)."""

    policy: str
    levers: tuple[LeverChoice, ...]

    @classmethod
    def of(cls, city: Scenario, policy: str) -> CityPolicy:
        specs = policy_levers(policy)
        return cls(policy, tuple(LeverChoice.of(city, lever.type, specs) for lever in LEVERS))

    def lever(self, kind: str) -> LeverChoice:
        return next(choice for choice in self.levers if choice.type == kind)

    def with_lever(self, kind: str, **changes: Any) -> CityPolicy:
        return replace(self, levers=tuple(replace(c, **changes) if c.type == kind else c for c in self.levers))

    @property
    def changed(self) -> bool:
        return any(choice.changed for choice in self.levers)

    def interventions(self) -> list[dict[str, Any]]:
        """The levers switched on: the policy's in the policy's order (the budget pays the first
        first), then those the class added."""
        order = [s["type"] for s in policy_levers(self.policy)]
        chosen = sorted(self.levers, key=lambda c: order.index(c.type) if c.type in order else len(order))
        return [spec for choice in chosen for spec in choice.specifications()]


@dataclass(frozen=True)
class Settings:
    """Everything the controls hold. One city, or two (A and B) sharing the context."""

    context: str
    n_residents: int
    volunteer_demand_h: float
    commission_factor: float
    seed: int
    cities: tuple[CityPolicy, ...]

    @classmethod
    def of(cls, context_name: str = DEFAULT_CONTEXT, *policies: str, seed: int = DEFAULT_SEED) -> Settings:
        """A context at its own values, with one policy per city (none given: one city, no policy)."""
        city = context(context_name)
        return cls(context_name, city.n_residents, city.contribution.volunteer_demand_h, 1.0, seed,
                   tuple(CityPolicy.of(city, p) for p in (policies or (NO_POLICY,))))

    @property
    def names(self) -> tuple[str, ...]:
        """The cities' names: ("A",) or ("A", "B")."""
        return CITIES[: len(self.cities)]

    def city(self, name: str) -> CityPolicy:
        return self.cities[CITIES.index(name)]

    def with_context(self, name: str) -> Settings:
        """Another context: every city control at the context's values, each city keeping its policy."""
        return replace(Settings.of(name, *(c.policy for c in self.cities)), seed=self.seed)

    def with_policy(self, city: str, policy: str) -> Settings:
        return self._with_city(city, CityPolicy.of(context(self.context), policy))

    def with_lever(self, city: str, kind: str, **changes: Any) -> Settings:
        return self._with_city(city, self.city(city).with_lever(kind, **changes))

    def with_city_count(self, count: int) -> Settings:
        """One city, or two: City B starts as a copy of City A (the same city, the same seeds)."""
        return replace(self, cities=(self.cities * 2)[:count])

    def _with_city(self, name: str, policy: CityPolicy) -> Settings:
        index = CITIES.index(name)
        return replace(self, cities=self.cities[:index] + (policy,) + self.cities[index + 1:])

    def unchanged(self, field: str) -> bool:
        """Whether a city control still holds the context's value (the seed: the default seed)."""
        city = context(self.context)
        return {"n_residents": self.n_residents == city.n_residents,
                "volunteer_demand_h": abs(self.volunteer_demand_h - city.contribution.volunteer_demand_h) < 1e-9,
                "commission_factor": self.commission_factor == 1.0, "seed": self.seed == DEFAULT_SEED}[field]

    @property
    def weeks(self) -> int:
        return context(self.context).weeks

    def scenario(self, name: str) -> Scenario:
        """The scenario a city runs: the context with the city controls' values and the city's levers."""
        city = context(self.context).with_overrides(
            {"n_residents": self.n_residents, "contribution.volunteer_demand_h": self.volunteer_demand_h},
            source="dashboard")
        data = city.model_dump()
        for platform in data["platforms"]:
            if platform["kind"] == "commercial":
                platform["commission"] = min(1.0, platform["commission"] * self.commission_factor)
        chosen = self.city(name)
        policy = chosen.policy + (CHANGED if chosen.changed else "")
        return validate_scenario({**data, "name": f"{self.context}+{policy}", "context": self.context,
                                  "policy": policy, "interventions": chosen.interventions()},
                                 f"dashboard: City {name}")

    def base_commissions(self) -> tuple[float, float]:
        """The lowest and highest commission the context gives its commercial platforms (those that take one)."""
        rates = [p.commission for p in context(self.context).platforms if p.kind == "commercial" and p.commission > 0]
        return (min(rates), max(rates)) if rates else (0.0, 0.0)
