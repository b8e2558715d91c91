"""Why, not only what: the main events of each policy's runs, from the event log.

Each event (week, actor, kind, details: `simulation.events`) is keyed by its kind, its actor
and its subject (the lever's type, the project's kind, the sector and its new reading), and
summarised across a policy's replications: in how many runs it happened (and in how many of
its context's runs without the policy), the median week it first happened, how often per run.
Levers starting, ending or running out of budget, rules firing, platforms' price responses,
votes and projects are the policy's own; reading changes are kept only where the policy
changed how often they happen.

Each event also says which indicators it acts on directly (`CHANNELS`, read off each lever's
documented transform in `simulation/interventions.py`), so a brief can name the events behind
an outcome; an outcome with none moved indirectly (residents' time, trust, choices).
"""

from __future__ import annotations

import re

import polars as pl

from analysis.brief_words import WORDS, term
from analysis.pages import number
from analysis.results import Results
from simulation import vocabulary
from simulation.vocabulary import EventKind, Reading

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
POLICY_KINDS = tuple(k for k in EventKind if k != EventKind.READING_CHANGED)
SHIFT = 0.2
"""A reading change is kept when the share of runs it happens in moves by at least this much."""

SUBJECT = {  # what an event is about, read off its details
    EventKind.LEVER_STARTED: r"^(\S+)", EventKind.LEVER_ENDED: r"^(\S+)", EventKind.LEVER_UNFUNDED: r"^(\S+)",
    EventKind.PROJECT_FUNDED: r"^(\S+)", EventKind.PROJECT_ENDED: r"^(\S+)",
    EventKind.RULE_FIRED: r": (\S+) starts", EventKind.READING_CHANGED: r"^(\S+: )\S+ -> (\S+)",
}
VALUE_OF = {EventKind.PRICE_RAISED: r"-> ([\d.]+)", EventKind.PRICE_LOWERED: r"-> ([\d.]+)",
            EventKind.VOTE_HELD: r"turnout ([\d.]+)%", EventKind.PROJECT_FUNDED: r"EUR ([\d,]+)",
            EventKind.LEVER_UNFUNDED: r"EUR ([\d,]+) left"}
"""A number worth showing with an event: the new price, the turnout (%), the money."""


def lever_types(results: Results, scenario: str) -> dict[str, str]:
    """Each lever's name in the event log (its label, else its type) and its type, for one scenario
    (levers an adaptive rule starts included)."""
    found: dict[str, str] = {}
    for spec in results.experiment.get("scenarios", {}).get(scenario, {}).get("interventions", []):
        for lever in (spec, spec.get("then") or {}):
            if lever:
                found[lever.get("label") or lever["type"]] = lever["type"]
    return found


def _subject(kind: str, details: str) -> str:
    pattern = SUBJECT.get(EventKind(kind))
    match = re.search(pattern, details) if pattern else None
    return "".join(match.groups()) if match else ""


def _value(kind: str, details: str) -> float | None:
    pattern = VALUE_OF.get(EventKind(kind))
    match = re.search(pattern, details) if pattern else None
    return float(match[1].replace(",", "")) if match else None


def channels(kind: str, actor: str, subject: str, types: dict[str, str]) -> tuple[str, ...]:
    """The indicators an event acts on directly."""
    kind = EventKind(kind)
    if kind == EventKind.READING_CHANGED:
        return READING_CHANNELS
    if kind in (EventKind.PRICE_RAISED, EventKind.PRICE_LOWERED):
        return PRICE_CHANNELS
    if kind in (EventKind.PROJECT_FUNDED, EventKind.PROJECT_ENDED):
        return PROJECT_CHANNELS.get(subject, ())
    if kind == EventKind.RULE_FIRED:
        return CHANNELS.get(types.get(subject, subject), ())
    return CHANNELS.get(types.get(actor, subject), ())


def _keyed(results: Results, scenarios: list[str]) -> pl.DataFrame:
    events = results.events.filter(pl.col("scenario").is_in(scenarios)).select(
        "scenario", "point", "replication", "week", "actor", "kind", "details").collect()
    return events.with_columns(
        subject=pl.struct("kind", "details").map_elements(lambda e: _subject(e["kind"], e["details"]),
                                                          return_dtype=pl.String),
        value=pl.struct("kind", "details").map_elements(lambda e: _value(e["kind"], e["details"]),
                                                        return_dtype=pl.Float64))


def _per_key(events: pl.DataFrame) -> pl.DataFrame:
    """Per scenario, point and key: runs it happened in, median first week, occurrences, value."""
    key = ["scenario", "point", "kind", "actor", "subject"]
    first = (events.sort("week").group_by([*key, "replication"])
             .agg(first_week=pl.col("week").first(), count=pl.len(), value=pl.col("value").first()))
    return first.group_by(key).agg(runs=pl.len(), first_week=pl.col("first_week").median(),
                                   earliest=pl.col("first_week").min(), count=pl.col("count").sum(),
                                   value=pl.col("value").median())


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
                .select("point", "kind", "actor", "subject", runs_context=pl.col("runs") / pl.col("runs_total")))
        for policy in policies:
            types = lever_types(results, policy)
            mine = (stats.filter(pl.col("scenario") == policy)
                    .join(base, on=["point", "kind", "actor", "subject"], how="left")
                    .with_columns(pl.col("runs_context").fill_null(0.0), context=pl.lit(context)))
            share = pl.col("runs") / pl.col("runs_total")
            mine = mine.filter(pl.col("kind").is_in([str(k) for k in POLICY_KINDS])
                               | ((share - pl.col("runs_context")).abs() >= SHIFT))
            out.append(mine.with_columns(
                per_run=pl.col("count") / pl.col("runs_total"),
                runs_context=(pl.col("runs_context") * pl.col("runs_total")).round().cast(pl.Int64),
                channels=pl.struct("kind", "actor", "subject").map_elements(
                    lambda e, t=types: list(channels(e["kind"], e["actor"], e["subject"], t)),
                    return_dtype=pl.List(pl.String))))
    schema = {"scenario": pl.String, "context": pl.String, "point": pl.Int64, "kind": pl.String, "actor": pl.String,
              "subject": pl.String, "runs": pl.Int64, "runs_total": pl.Int64, "runs_context": pl.Int64,
              "first_week": pl.Float64, "earliest": pl.Int64, "per_run": pl.Float64, "value": pl.Float64,
              "channels": pl.List(pl.String)}
    if not out:
        return pl.DataFrame(schema=schema)
    return (pl.concat(out, how="diagonal_relaxed").select(list(schema)).cast(schema)
            .sort("scenario", "point", "first_week", "kind", "actor"))


LEVER_KINDS = (EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED)


def describe(row: dict, types: dict[str, str], lang: str = "en") -> str:
    """One event of `event_summary` in plain words, in ``lang`` (built from its kind, actor, subject
    and value, never from the English details)."""
    kind, actor, subject, value = EventKind(row["kind"]), row["actor"], row["subject"], row["value"]
    words = WORDS[lang]

    def amount(v: float, key: str = "eur_amount") -> str:
        return words[key].format(v=number(v, lang))

    if kind in LEVER_KINDS:
        lever = term("lever", subject, lang)
        who = lever if actor == subject else f"{actor} ({lever})"
        if kind == EventKind.LEVER_UNFUNDED and value is not None:
            who += f", {amount(value, 'eur_left')}"
    elif kind == EventKind.RULE_FIRED:
        who = term("lever", types.get(subject, subject), lang)
    elif kind in (EventKind.PROJECT_FUNDED, EventKind.PROJECT_ENDED):
        who = term("project", subject, lang) + (f", {amount(value)}" if value is not None else "")
    elif kind == EventKind.VOTE_HELD:
        who = words["turnout"].format(v=number(value, lang, 2)) if value is not None else ""
    elif kind == EventKind.READING_CHANGED:
        sector, _, reading = subject.partition(": ")
        shown = vocabulary.label(Reading(reading), lang) if reading in Reading else reading
        who = words["reading_to"].format(sector=term("sector", sector, lang), reading=shown)
    else:  # a platform's price response
        who = actor + (f", {amount(value)}" if value is not None else "")
    return words["colon"].format(a=vocabulary.label(kind, lang), b=who) if who else vocabulary.label(kind, lang)
