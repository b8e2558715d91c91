"""Why, not only what: the main events of each policy's runs, from the event log.

Each event (week, actor, kind, details: `simulation.events`) is keyed by its kind, its actor
and its subject (the lever's type, the project's kind, the sector and its new reading), and
summarised across a policy's replications: in how many runs it happened (and in how many of
its context's runs without the policy), the median week it first happened (with and without
the policy), how often per run. Only the events the policy changed are kept: those whose share
of runs moved by `SHIFT` or whose median first week moved by `WEEKS_SHIFT` (a platform's
routine price reviews, which happen alike without the policy, are not the policy's).

Each event also says which indicators it acts on directly (`CHANNELS`, read off each lever's
documented transform in `simulation/interventions.py`), so a brief can name the events behind
an outcome; an outcome with none moved indirectly (residents' time, trust, choices).
"""

from __future__ import annotations

import polars as pl

from analysis.narrative import facts, sentence
from analysis.results import Results
from simulation.vocabulary import EventKind

BURNOUT = ("burnout_rate", "burnout_prevalence", "burnout_incidence", "fatigue_mean")
CONTRIBUTION = ("active_contributor_share", "contribution_coverage", "contribution_top10_share",
                "contribution_top1_share", "contribution_gini", "contribution_hours_mean")
PAY = ("worker_hourly_net_median", "courier_net_income_eur", "worker_pay_eur_per_resident", "waiting_share",
       "gig_hours_mean", "gig_worker_share", "income_share_bottom20", "income_gini")
VALUE = ("platform_value_share", "value_kept_eur_per_resident", "platform_revenue_eur_per_resident",
         "data_captured_eur_per_resident")
CHANNELS: dict[str, tuple[str, ...]] = {
    "contributor_care": (*BURNOUT, *CONTRIBUTION),
    "platform_regulation": (*PAY, *VALUE, "coop_market_share"),
    "data_partnership": VALUE,
    "cooperative_support": ("coop_market_share", *PAY, *VALUE),
    "innovation_policy": ("trust_mean", "coop_market_share", "platform_value_share"),
    "grand_objective": ("objective_progress",),
    "innovation_agora": ("citizen_orientation_mean", "civic_hours_mean", "coop_market_share", "trust_mean"),
    "participatory_innovation": ("last_vote_turnout", "projects_funded", "civic_hours_mean", "trust_mean"),
    "adaptive_rule": (),  # acts through the lever it starts (see RULE_FIRED)
}
"""The indicators each lever type acts on directly (what its weekly transform changes)."""
PROJECT_CHANNELS = {"cooperative_service": ("coop_market_share", *PAY), "contributor_support": BURNOUT,
                    "objective": ("objective_progress",)}
"""What a funded participatory project acts on, by its kind."""
PRICE_CHANNELS = (*PAY, *VALUE, "coop_market_share")
READING_CHANNELS = ("trust_mean",)
"""Sector readings feed residents' trust (control over platforms)."""
SHIFT = 0.2
"""An event is the policy's when the share of runs it happens in moves by at least this much..."""
WEEKS_SHIFT = 13
"""...or when the median week it first happens moves by at least a quarter of a year."""

SUBJECT = {EventKind.LEVER_STARTED: "lever", EventKind.LEVER_ENDED: "lever", EventKind.LEVER_UNFUNDED: "lever",
           EventKind.PROJECT_FUNDED: "project", EventKind.PROJECT_ENDED: "project", EventKind.RULE_FIRED: "lever",
           EventKind.DEFIANCE: "rule", EventKind.COMPLIANCE: "rule", EventKind.FINED: "rule",
           EventKind.INCUMBENT_REACTED: "reaction"}
"""What an event is about (a fact of `analysis.narrative.facts`); a reading change is about its
sector and new reading."""
VALUE_OF = {EventKind.PRICE_RAISED: "new", EventKind.PRICE_LOWERED: "new", EventKind.VOTE_HELD: "turnout_pct",
            EventKind.PROJECT_FUNDED: "cost_eur", EventKind.LEVER_UNFUNDED: "left_eur",
            EventKind.DEFIANCE: "gain_eur_w", EventKind.FINED: "fine_eur"}
"""A number worth keeping with an event: the new price, the turnout (%), the money, the gain, the fine."""


def lever_types(results: Results, scenario: str) -> dict[str, str]:
    """Each lever's name in the event log (its label, else its type) and its type, for one scenario
    (levers an adaptive rule starts included)."""
    found: dict[str, str] = {}
    for spec in results.experiment.get("scenarios", {}).get(scenario, {}).get("interventions", []):
        for lever in (spec, spec.get("then") or {}):
            if lever:
                found[lever.get("label") or lever["type"]] = lever["type"]
    return found


def _subject(kind: EventKind, found: dict) -> str:
    if kind == EventKind.READING_CHANGED:
        return f"{found.get('sector', '')}: {found.get('after', '')}"
    return str(found.get(SUBJECT[kind], "")) if kind in SUBJECT else ""


def _keys(event: dict) -> dict:
    kind = EventKind(event["kind"])
    found = facts(event)
    value = found.get(VALUE_OF[kind]) if kind in VALUE_OF else None
    return {"subject": _subject(kind, found), "value": float(value) if isinstance(value, int | float) else None}


def channels(kind: str, actor: str, subject: str, types: dict[str, str]) -> tuple[str, ...]:
    """The indicators an event acts on directly."""
    kind = EventKind(kind)
    if kind == EventKind.READING_CHANGED:
        return READING_CHANNELS
    if kind in (EventKind.PRICE_RAISED, EventKind.PRICE_LOWERED, EventKind.DEFIANCE, EventKind.COMPLIANCE,
                EventKind.FINED, EventKind.PERMIT_WITHDRAWN, EventKind.PERMIT_RESTORED):
        return PRICE_CHANNELS
    if kind in (EventKind.PROJECT_FUNDED, EventKind.PROJECT_ENDED):
        return PROJECT_CHANNELS.get(subject, ())
    if kind == EventKind.RULE_FIRED:
        return CHANNELS.get(types.get(subject, subject), ())
    return CHANNELS.get(types.get(actor, subject), ())


def _keyed(results: Results, scenarios: list[str]) -> pl.DataFrame:
    events = results.events.filter(pl.col("scenario").is_in(scenarios))
    if "facts" not in events.collect_schema().names():  # results written before events carried facts
        events = events.with_columns(facts=pl.lit(None, pl.String))
    events = events.select("scenario", "point", "replication", "week", "actor", "kind", "details", "facts").collect()
    keys = pl.DataFrame([_keys(e) for e in events.select("kind", "details", "facts").iter_rows(named=True)],
                        schema={"subject": pl.String, "value": pl.Float64})
    return pl.concat([events, keys], how="horizontal")


def _per_key(events: pl.DataFrame) -> pl.DataFrame:
    """Per scenario, point and key: runs it happened in, median first week, occurrences, value, and
    the event as it first happened in the first run that had it (its details and facts)."""
    key = ["scenario", "point", "kind", "actor", "subject"]
    first = (events.sort("week").group_by([*key, "replication"])
             .agg(first_week=pl.col("week").first(), count=pl.len(), value=pl.col("value").first(),
                  details=pl.col("details").first(), facts=pl.col("facts").first()))
    return first.sort("replication").group_by(key).agg(
        runs=pl.len(), first_week=pl.col("first_week").median(), earliest=pl.col("first_week").min(),
        count=pl.col("count").sum(), value=pl.col("value").median(), details=pl.col("details").first(),
        facts=pl.col("facts").first())


def event_summary(results: Results, groups: dict[str, list[str]]) -> pl.DataFrame:
    """The main events of each policy scenario (``groups``: context -> its policy scenarios), one
    row per key: runs it happened in (of ``runs_total``), in its context's runs, median and
    earliest first week, occurrences per run, a typical value, and the indicators it acts on."""
    runs = results.runs.group_by("scenario", "point").agg(runs_total=pl.len()).collect()
    out = []
    for context, policies in groups.items():
        events = _keyed(results, [context, *policies])
        stats = _per_key(events).join(runs, on=["scenario", "point"], how="left")
        base = (stats.filter(pl.col("scenario") == context)
                .select("point", "kind", "actor", "subject", runs_context=pl.col("runs") / pl.col("runs_total"),
                        first_week_context=pl.col("first_week")))
        for policy in policies:
            types = lever_types(results, policy)
            mine = (stats.filter(pl.col("scenario") == policy)
                    .join(base, on=["point", "kind", "actor", "subject"], how="left")
                    .with_columns(pl.col("runs_context").fill_null(0.0), context=pl.lit(context)))
            share = pl.col("runs") / pl.col("runs_total")
            moved = (pl.col("first_week") - pl.col("first_week_context")).abs() >= WEEKS_SHIFT
            mine = mine.filter(((share - pl.col("runs_context")).abs() >= SHIFT) | moved.fill_null(False))
            out.append(mine.with_columns(
                per_run=pl.col("count") / pl.col("runs_total"),
                runs_context=(pl.col("runs_context") * pl.col("runs_total")).round().cast(pl.Int64),
                channels=pl.struct("kind", "actor", "subject").map_elements(
                    lambda e, t=types: list(channels(e["kind"], e["actor"], e["subject"], t)),
                    return_dtype=pl.List(pl.String))))
    schema = {"scenario": pl.String, "context": pl.String, "point": pl.Int64, "kind": pl.String, "actor": pl.String,
              "subject": pl.String, "runs": pl.Int64, "runs_total": pl.Int64, "runs_context": pl.Int64,
              "first_week": pl.Float64, "first_week_context": pl.Float64, "earliest": pl.Int64,
              "per_run": pl.Float64, "value": pl.Float64, "details": pl.String, "facts": pl.String,
              "channels": pl.List(pl.String)}
    if not out:
        return pl.DataFrame(schema=schema)
    return (pl.concat(out, how="diagonal_relaxed").select(list(schema)).cast(schema)
            .sort("scenario", "point", "first_week", "kind", "actor"))


def describe(row: dict, lang: str = "en") -> str:
    """One event of `event_summary` in plain words, in ``lang``: the event as it first happened in
    the first run that had it (`analysis.narrative.sentence`)."""
    return sentence({"week": row.get("earliest"), **row}, lang)
