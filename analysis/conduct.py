"""What the platforms did under each policy: which rules they defied, when, for how long and why;
which rules they obeyed; which platforms left or came in, set against the context without the policy.

From the event log (`simulation.events`): a platform defies a rule when the gain outweighs the
penalty it expects, and complies again when it no longer does or the rule is lifted; each
event carries the rule, the gain and the expected penalty (`analysis.narrative.facts`), whatever
model of enforcement produced them. A spell of defiance runs from a defiance to the next
compliance, the platform's exit, or the end of the run.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median

import polars as pl

from analysis.narrative import facts
from analysis.results import Results
from simulation.vocabulary import EventKind

REGULATION = "platform_regulation"
RULE_FIELDS = {"commission_cap": "commission_cap", "min_pay": "min_hourly_pay_eur", "data_sharing": "data_sharing"}
"""Each rule a platform may defy and the regulation's field that imposes it."""
OUT = (EventKind.PLATFORM_EXITED, EventKind.PERMIT_WITHDRAWN)
"""Events that take a platform out of the city (for good, or for a while): it defies nothing from then on."""
MOVES = (EventKind.PLATFORM_ENTERED, *OUT)
TOLD = (EventKind.DEFIANCE, EventKind.COMPLIANCE, *MOVES)
"""Events what the platforms did already tells (medians over the runs): the list of other events leaves them out."""

DEFIANCE_SCHEMA = {"scenario": pl.String, "context": pl.String, "point": pl.Int64, "rule": pl.String,
                   "platform": pl.String, "runs": pl.Int64, "runs_total": pl.Int64, "first_week": pl.Float64,
                   "weeks_defied": pl.Float64, "to_end": pl.Int64, "gain_eur_w": pl.Float64,
                   "penalty_eur_w": pl.Float64}
"""One row per policy, rule and platform that defied it (``platform`` null: a rule nobody defied in
any run). ``runs`` with a defiance of ``runs_total``; medians over those runs of the first week
defied, of the weeks spent defying, and of the gain and the expected penalty a week at the
first defiance; ``to_end``: runs where it still defied it in the last week."""
MOVES_SCHEMA = {"scenario": pl.String, "context": pl.String, "point": pl.Int64, "kind": pl.String,
                "platform": pl.String, "sector": pl.String, "runs": pl.Int64, "runs_total": pl.Int64,
                "first_week": pl.Float64, "runs_context": pl.Int64, "first_week_context": pl.Float64}
"""One row per policy, platform and move (leaving, entering, losing its permit): runs with it and the median week,
with the policy and in its context's runs without it."""


def imposed_rules(results: Results, scenario: str) -> list[str]:
    """The rules a scenario's regulations impose on platforms (its adaptive rules' included)."""
    found = set()
    for spec in results.experiment.get("scenarios", {}).get(scenario, {}).get("interventions", []):
        for lever in (spec, spec.get("then") or {}):
            if lever.get("type") == REGULATION:
                found |= {rule for rule, field in RULE_FIELDS.items() if lever.get(field)}
    return [rule for rule in RULE_FIELDS if rule in found]


def _events(results: Results, scenarios: list[str], kinds: tuple[EventKind, ...]) -> pl.DataFrame:
    columns = results.events.collect_schema().names()
    keep = [c for c in ("scenario", "point", "replication", "week", "actor", "kind", "details", "facts")
            if c in columns]
    return (results.events.filter(pl.col("scenario").is_in(scenarios) & pl.col("kind").is_in([str(k) for k in kinds]))
            .select(keep).sort("scenario", "point", "replication", "week").collect())


def _runs_total(results: Results) -> dict[tuple[str, int], int]:
    runs = results.runs.group_by("scenario", "point").agg(n=pl.len()).collect()
    return {(s, p): n for s, p, n in runs.iter_rows()}


def spells(events: list[dict], weeks: int) -> dict[tuple[str, str], list[dict]]:
    """Per (platform, rule), the spells of defiance in one run's events (week order): start week,
    weeks defied, whether it lasted to the end, the gain and expected penalty at its start."""
    open_: dict[tuple[str, str], dict] = {}
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)

    def close(key: tuple[str, str], week: int, to_end: bool) -> None:
        spell = open_.pop(key)
        found[key].append(spell | {"weeks": week - spell["start"], "to_end": to_end})

    for e in events:
        kind, f = EventKind(e["kind"]), facts(e)
        if kind in OUT:
            for key in [k for k in open_ if k[0] == e["actor"]]:
                close(key, e["week"], False)
            continue
        key = (e["actor"], str(f.get("rule")))
        if kind == EventKind.DEFIANCE and key not in open_:
            open_[key] = {"start": e["week"], "gain": f.get("gain_eur_w"), "penalty": f.get("penalty_eur_w")}
        elif kind == EventKind.COMPLIANCE and key in open_:
            close(key, e["week"], False)
    for key in list(open_):
        close(key, weeks, True)
    return found


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return float(median(values)) if values else None


def defiance(results: Results, groups: dict[str, list[str]]) -> pl.DataFrame:
    """Per policy, each rule it imposes and who defied it (`DEFIANCE_SCHEMA`)."""
    totals = _runs_total(results)
    policies = [p for ps in groups.values() for p in ps]
    context_of = {p: c for c, ps in groups.items() for p in ps}
    events = _events(results, policies, (EventKind.DEFIANCE, EventKind.COMPLIANCE, *OUT))
    rows = []
    for scenario in policies:
        weeks = results.experiment.get("scenarios", {}).get(scenario, {}).get("weeks", 0)
        points = sorted({p for s, p in totals if s == scenario})
        for point in points:
            per_key: dict[tuple[str, str], list[list[dict]]] = defaultdict(list)
            mine = events.filter((pl.col("scenario") == scenario) & (pl.col("point") == point))
            for _, run in mine.group_by("replication", maintain_order=True):
                for key, found in spells(run.to_dicts(), weeks).items():
                    per_key[key].append(found)
            rules = imposed_rules(results, scenario)
            rules += sorted({rule for _, rule in per_key if rule not in rules})
            base = {"scenario": scenario, "context": context_of[scenario], "point": point,
                    "runs_total": totals[(scenario, point)]}
            for rule in rules:
                defiers = sorted(platform for platform, r in per_key if r == rule)
                if not defiers:
                    rows.append(base | {"rule": rule, "platform": None, "runs": 0})
                for platform in defiers:
                    runs = per_key[(platform, rule)]
                    firsts = [run[0] for run in runs]
                    rows.append(base | {
                        "rule": rule, "platform": platform, "runs": len(runs),
                        "first_week": _median([s["start"] for s in firsts]),
                        "weeks_defied": _median([sum(s["weeks"] for s in run) for run in runs]),
                        "to_end": sum(run[-1]["to_end"] for run in runs),
                        "gain_eur_w": _median([s["gain"] for s in firsts]),
                        "penalty_eur_w": _median([s["penalty"] for s in firsts])})
    return pl.DataFrame(rows, schema=DEFIANCE_SCHEMA)


def moves(results: Results, groups: dict[str, list[str]]) -> pl.DataFrame:
    """Per policy, the platforms that left or came in, with and without the policy (`MOVES_SCHEMA`)."""
    totals = _runs_total(results)
    rows = []
    for context, policies in groups.items():
        first: dict[tuple, dict[int, int]] = defaultdict(dict)  # key -> replication -> first week
        sectors: dict[str, str] = {}
        for e in _events(results, [context, *policies], MOVES).iter_rows(named=True):
            first[(e["scenario"], e["point"], e["kind"], e["actor"])].setdefault(e["replication"], e["week"])
            sectors.setdefault(e["actor"], str(facts(e).get("sector", "")))
        stats = {key: (len(weeks), float(median(weeks.values())), sectors[key[3]]) for key, weeks in first.items()}
        for (scenario, point, kind, actor), (runs, week, sector) in stats.items():
            if scenario == context:
                continue
            other = stats.get((context, point, kind, actor), (0, None, sector))
            rows.append({"scenario": scenario, "context": context, "point": point, "kind": kind, "platform": actor,
                         "sector": sector, "runs": runs, "runs_total": totals[(scenario, point)],
                         "first_week": week, "runs_context": other[0], "first_week_context": other[1]})
        for (scenario, point, kind, actor), (runs, week, sector) in stats.items():
            if scenario != context:
                continue
            for policy in policies:  # what happens only without the policy: the policy prevented it
                if (policy, point, kind, actor) not in stats and (policy, point) in totals:
                    rows.append({"scenario": policy, "context": context, "point": point, "kind": kind,
                                 "platform": actor, "sector": sector, "runs": 0, "runs_total": totals[(policy, point)],
                                 "first_week": None, "runs_context": runs, "first_week_context": week})
    return pl.DataFrame(rows, schema=MOVES_SCHEMA).sort("scenario", "point", "kind", "platform")
