"""Experiment files: which scenarios, which parameters over which ranges, which design,
how many replications, one master seed. They expand into a fixed, ordered list of runs.

Seeds: ``SeedSequence(seed)`` spawns two children, one for the design's samplers and
one whose children (in replication order) seed the runs. Replication k of every design
point and scenario gets the same seed (common random numbers), so comparisons pair.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from simulation.errors import ScenarioError, format_validation_error, read_toml
from simulation.inputs import Identifier, Text, refuse_unbounded, slug
from simulation.library import NO_POLICY, build, find, names, stories
from simulation.overrides import get_dotted
from simulation.scenario import Scenario, load_scenario
from simulation.streams import design_generator, replication_seeds

logger = logging.getLogger(__name__)


class ExperimentError(ScenarioError):
    """An experiment file that cannot be run; the message names the file and the field."""


class Parameter(BaseModel):
    """One varied parameter: a range (``min``, ``max``) or, for grids, explicit ``values``."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    min: float | None = None
    max: float | None = None
    levels: Annotated[int, Field(ge=2)] | None = None
    """Grid only: evenly spaced values from min to max."""
    values: list[Any] | None = Field(default=None, min_length=1)
    """Grid only: the values to try."""

    @model_validator(mode="after")
    def _range(self) -> Parameter:
        if self.values is not None:
            if self.min is not None or self.max is not None:
                raise PydanticCustomError("citysim", "give either values or min/max, not both")
            return self
        if self.min is None or self.max is None:
            raise PydanticCustomError("citysim", "needs min and max (or values)")
        if not self.min < self.max:
            raise PydanticCustomError(
                "citysim", "empty range: min ({lo}) must be below max ({hi})", {"lo": self.min, "hi": self.max}
            )
        return self


class Snapshots(BaseModel):
    """Resident-level snapshots: a fixed random sample of residents, every few weeks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    every_weeks: Annotated[int, Field(ge=1)] = 52
    sample: Annotated[int, Field(ge=1)] = 1000
    """Residents per snapshot (all of them if the city is smaller)."""


class Experiment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: Identifier
    """Its identifier (`simulation.inputs`): the default results folder is named after it."""
    description: Text = ""
    scenarios: list[str] = Field(default_factory=list)
    """Library contexts with or without policies (``calm_city``, ``calm_city+regulation``) or
    paths to scenario files, relative to the experiment file."""
    contexts: list[str] = Field(default_factory=list)
    """Library contexts (or context files): each runs alone and with each of ``policies``."""
    policies: list[str] = Field(default_factory=list)
    """Library policies (or '+'-joined mixes), each run in every context and compared with it."""
    design: Literal["single", "grid", "lhs", "sobol", "morris"] = "grid"
    points: Annotated[int, Field(ge=1)] = 1
    """lhs: design points; sobol: base sample N (a power of two; N*(D+2) points);
    morris: trajectories (r*(D+1) points); grid and single: ignored."""
    morris_levels: Annotated[int, Field(ge=2)] = 4
    replications: Annotated[int, Field(ge=1)] = 1
    weeks: Annotated[int, Field(ge=1)] | None = None
    """Horizon of every run (default: each scenario's own)."""
    seed: Annotated[int, Field(ge=0)] = 0
    set: dict[str, Any] = Field(default_factory=dict)
    """Overrides applied to every run (dotted paths, as ``citysim run --set``)."""
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    snapshots: Snapshots | None = None
    """Off by default: resident-level tables grow with population x weeks."""
    drop_late_levers: bool = False
    """With a horizon (``weeks``) shorter than a scenario's own, drop the levers that would start after
    it instead of refusing the scenario (`Plan.dropped` says which)."""

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        """No non-finite number and no over-long text anywhere (overrides and design values included)."""
        return refuse_unbounded(data)

    @model_validator(mode="after")
    def _design(self) -> Experiment:
        if not self.scenarios and not self.contexts:
            raise PydanticCustomError("citysim", "scenarios: name at least one scenario, or contexts and policies")
        if self.policies and not self.contexts:
            raise PydanticCustomError("citysim", "policies: need contexts to apply them to")
        if self.design == "single" and self.parameters:
            raise PydanticCustomError("citysim", "design 'single' takes no parameters")
        if self.design not in ("single",) and not self.parameters:
            raise PydanticCustomError("citysim", "design '{d}' needs at least one parameter", {"d": self.design})
        for name, p in self.parameters.items():
            if self.design != "grid" and (p.values is not None or p.levels is not None):
                raise PydanticCustomError(
                    "citysim", "parameters.{n}: values/levels only make sense for a grid design", {"n": name}
                )
            if self.design == "grid" and p.values is None and p.levels is None:
                raise PydanticCustomError("citysim", "parameters.{n}: a grid needs values or levels", {"n": name})
        if self.design == "sobol" and (self.points & (self.points - 1)):
            raise PydanticCustomError(
                "citysim",
                "points: a sobol design needs a power of two, got {p} (try {q})",
                {"p": self.points, "q": 2 ** math.ceil(math.log2(self.points))},
            )
        return self


@dataclass(frozen=True)
class RunSpec:
    """One run of a batch: everything a worker needs, nothing it must look up."""

    run_id: str
    scenario: str
    context: str
    """The context it was built from (its own name for a stand-alone scenario file)."""
    policy: str
    """The policy applied to the context ('none': the context alone, the comparison's reference)."""
    point: int
    replication: int
    seed: int
    params: dict[str, Any]
    config: Scenario
    snapshots: Snapshots | None = None


@dataclass(frozen=True)
class Plan:
    experiment: Experiment
    runs: list[RunSpec]
    design: list[dict[str, Any]]  # one row per design point: its parameter values
    source: str
    dropped: tuple[str, ...] = ()
    """The levers ``drop_late_levers`` left out, one line each (scenario, lever, start week)."""

    def fingerprint(self) -> str:
        """Identity of the batch: same experiment, same scenarios' content, same runs (an experiment
        that drops no late levers keeps the fingerprint it had before the option existed)."""
        plain = {"drop_late_levers"} if not self.experiment.drop_late_levers else set()
        payload = {
            "experiment": self.experiment.model_dump(mode="json", exclude=plain),
            "runs": [(r.run_id, r.seed, r.params, r.config.model_dump(mode="json")) for r in self.runs],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def design_points(exp: Experiment) -> list[dict[str, Any]]:
    """The parameter values of each design point, in a fixed order."""
    names = list(exp.parameters)
    if exp.design == "single":
        return [{}]
    params = [exp.parameters[n] for n in names]
    if exp.design == "grid":
        axes = [p.values if p.values is not None else np.linspace(p.min, p.max, p.levels).tolist() for p in params]
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]
    lows = np.array([p.min for p in params])
    highs = np.array([p.max for p in params])
    seed = int(design_generator(exp.seed).integers(2**31))
    if exp.design == "lhs":
        from scipy.stats import qmc  # imported here: batch workers never need it

        unit = qmc.LatinHypercube(d=len(names), rng=seed).random(exp.points)
        matrix = qmc.scale(unit, lows, highs)
    else:
        problem = {"num_vars": len(names), "names": names, "bounds": np.c_[lows, highs].tolist()}
        if exp.design == "sobol":
            from SALib.sample import sobol

            matrix = sobol.sample(problem, exp.points, calc_second_order=False, seed=seed)
        else:
            from SALib.sample import morris

            matrix = morris.sample(problem, exp.points, num_levels=exp.morris_levels, seed=seed)
    return [dict(zip(names, map(float, row), strict=True)) for row in matrix]


def resolve_scenario(name: str, base_dir: Path = Path("."), overrides: dict[str, Any] | None = None,
                     source: str = "set") -> Scenario:
    """A scenario file (a path, relative to ``base_dir`` or the working folder), a library
    context with optional '+'-joined policies (``calm_city+regulation``), or a story's name
    (``governed_city``: its context and policy); with ``overrides`` (dotted paths) applied."""
    for candidate in (base_dir / name, Path(name)):
        if candidate.suffix == ".toml" and candidate.is_file():
            scenario = load_scenario(candidate)
            return scenario.with_overrides(overrides, source) if overrides else scenario
    context, _, policy = name.partition("+")
    if not policy and context not in names("contexts") and context in (tales := {s.name: s for s in stories()}):
        context, policy = tales[context].context, tales[context].policy
    return build(context, policy or NO_POLICY, overrides, source)


def _resolve(name: str, base_dir: Path, fixed: dict[str, Any], drop_late: bool, source: str
             ) -> tuple[Scenario, list[str]]:
    """A scenario with the fixed overrides; with ``drop_late``, built at its own horizon first and its
    levers that start after the shorter one dropped (returned as lines saying which)."""
    weeks = fixed.get("weeks")
    if not drop_late or weeks is None:
        return resolve_scenario(name, base_dir, fixed, source=source), []
    full = resolve_scenario(name, base_dir, {k: v for k, v in fixed.items() if k != "weeks"}, source=source)
    late = [lever for lever in full.interventions if lever.start_week >= weeks]
    kept = full.model_copy(update={"interventions": [lever for lever in full.interventions if lever not in late]})
    dropped = [f"{full.name}: {lever.name()} (starts in week {lever.start_week}; the horizon is {weeks} weeks)"
               for lever in late]
    return kept.with_overrides({"weeks": weeks}, source), dropped


def scenario_names(exp: Experiment) -> list[str]:
    """What an experiment runs: its scenarios, then each context alone and with each policy."""
    return [*exp.scenarios, *(n for c in exp.contexts for n in (c, *(f"{c}+{p}" for p in exp.policies)))]


def _typed(value: Any, like: Any) -> Any:
    """Keep integer fields integers when a sampler hands out floats."""
    if isinstance(like, bool) or not isinstance(like, int) or isinstance(value, bool):
        return value
    return int(round(value))


def make_plan(exp: Experiment, source: str, base_dir: Path = Path(".")) -> Plan:
    """Expand an experiment into its runs, validating every run's scenario up front."""
    points = design_points(exp)
    seeds = replication_seeds(exp.seed, exp.replications)
    runs: list[RunSpec] = []
    dropped: list[str] = []
    fixed = dict(exp.set)
    if exp.weeks is not None:
        fixed["weeks"] = exp.weeks
    for name in scenario_names(exp):
        try:
            base, late = _resolve(name, base_dir, fixed, exp.drop_late_levers, f"{source}: set")
        except ScenarioError as exc:
            raise ExperimentError(str(exc) if name == source else f"{source}: {name}: {exc}") from None
        dropped += late
        flat = base.model_dump()
        for p_index, values in enumerate(points):
            typed = {k: _typed(v, _lookup(flat, k)) for k, v in values.items()}
            try:
                config = base.with_overrides(typed, source=f"{source}: parameters") if typed else base
            except ScenarioError as exc:
                raise ExperimentError(str(exc)) from None
            for rep, seed in enumerate(seeds):
                runs.append(
                    RunSpec(
                        run_id=f"{base.name}-p{p_index:05d}-r{rep:03d}",
                        scenario=base.name,
                        context=base.context or base.name,
                        policy=base.policy,
                        point=p_index,
                        replication=rep,
                        seed=seed,
                        params=typed,
                        config=config,
                        snapshots=exp.snapshots,
                    )
                )
    ids = [r.run_id for r in runs]
    if len(set(ids)) != len(ids):
        raise ExperimentError(f"{source}: scenarios: two scenarios share one name; runs would mix")
    for line in dropped:
        logger.info("dropped a late lever: %s", line)
    return Plan(experiment=exp, runs=runs, design=points, source=source, dropped=tuple(dropped))


def _lookup(data: dict, path: str) -> Any:
    """The current value at a dotted path (None if there is none: validation then says why)."""
    try:
        return get_dotted(data, path)
    except ScenarioError:
        return None


def _read(path: str | Path, changes: dict[str, Any] | None = None) -> tuple[Experiment, str, Path | None]:
    """An experiment file (a path, or a library experiment's name), with ``changes``, validated."""
    try:
        file, source = (Path(path), str(path)) if Path(path).is_file() else find("experiments", str(path))
        data = read_toml(file, source)
    except ScenarioError as exc:
        raise ExperimentError(str(exc)) from None
    for key, value in (changes or {}).items():
        data = {**data, key: {**data.get("set", {}), **value} if key == "set" else value}
    try:
        exp = Experiment.model_validate(data)
    except ValidationError as exc:
        raise ExperimentError("\n".join(format_validation_error(e, source, data, Experiment)
                                        for e in exc.errors())) from None
    return exp, source, file if isinstance(file, Path) else None


def describe_experiment(path: str | Path) -> dict[str, Any]:
    """What an experiment runs, without building its runs: name, description, design, points,
    scenarios, replications, runs, weeks."""
    exp, _, _ = _read(path)
    points, scenarios = len(design_points(exp)), len(scenario_names(exp))
    return {"name": exp.name, "description": exp.description, "design": exp.design, "points": points,
            "scenarios": scenarios, "replications": exp.replications, "runs": points * scenarios * exp.replications,
            "weeks": exp.weeks}


def load_experiment(path: str | Path, changes: dict[str, Any] | None = None) -> Plan:
    """Read, validate and expand an experiment file (a path, or a library experiment's name).
    ``changes`` (from the command line: replications, weeks, seed, drop_late_levers; ``set`` merged
    into the file's) replace the file's fields before validation, so the experiment written with
    the results records them."""
    exp, source, file = _read(path, changes)
    return make_plan(exp, source, Path(path).parent if file is not None else Path("."))


def single_scenario_plan(scenario: str, replications: int, seed: int, overrides: dict[str, Any],
                         drop_late_levers: bool = False) -> Plan:
    """The plan behind ``citysim run``: one scenario (a file, or a context with policies), N seeds."""
    fixed = {k: v for k, v in overrides.items() if k != "weeks"}
    exp = _command_line_experiment(
        "citysim run", name=slug(Path(scenario).stem if scenario.endswith(".toml") else scenario),
        scenarios=[scenario], design="single", replications=replications, seed=seed, weeks=overrides.get("weeks"),
        set=fixed, drop_late_levers=drop_late_levers)
    return make_plan(exp, scenario)


def _command_line_experiment(source: str, **fields: Any) -> Experiment:
    """The experiment a command's options describe; one clear error if they cannot make one."""
    try:
        return Experiment(**fields)
    except ValidationError as exc:
        raise ExperimentError("\n".join(format_validation_error(e, source) for e in exc.errors())) from None


def comparison_plan(context: str, policies: list[str], replications: int, seed: int, weeks: int | None,
                    overrides: dict[str, Any], drop_late_levers: bool = False) -> Plan:
    """The plan behind ``citysim compare --context C --policy P [--policy Q]``: the context alone
    and with each policy (a '+'-joined mix is one policy), replication k of every scenario on one
    seed, so each policy pairs with its own context; ``overrides`` describe the city."""
    name = slug(f"{Path(context).stem}-vs-{'-'.join(Path(p).stem for p in policies)}")
    exp = _command_line_experiment("citysim compare", name=name, contexts=[context], policies=policies,
                                   design="single", replications=replications, seed=seed, weeks=weeks, set=overrides,
                                   drop_late_levers=drop_late_levers)
    return make_plan(exp, "citysim compare")
