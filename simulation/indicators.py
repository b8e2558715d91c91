"""What the model reports each week: headline indicators, the platform table and
the sector readings. Measurement only: nothing here feeds back into the model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from simulation.registry import CRITERIA, INDICATORS, PLATFORM_COLUMNS, SECTOR_COLUMNS, polars_schema
from simulation.vocabulary import Reading

if TYPE_CHECKING:
    from simulation.model import CityModel

REST_TOLERANCE_H = 1e-9
"""Rest counted as at most `time.short_of_time_h` up to rounding: the floor of discretionary hours
(`residents.min_discretionary_h`, 2 h by default) sits on the threshold, and a week fitted to it must
count whatever the last bit of its arithmetic."""

SCHEMAS = {
    "indicators": polars_schema(("week", *INDICATORS)),
    "platforms": polars_schema(PLATFORM_COLUMNS),
    "sectors": polars_schema(SECTOR_COLUMNS),
}
"""Each table's columns and their polars type names, from the registry."""


def gini(x: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0: equal, towards 1: concentrated)."""
    total = x.sum()
    if x.size == 0 or total <= 0:
        return 0.0
    ranked = np.sort(x)
    n = x.size
    return float(2.0 * np.dot(np.arange(1, n + 1), ranked) / (n * total) - (n + 1) / n)


def top_share(x: np.ndarray, fraction: float = 0.1) -> float:
    """Share of the total held by the top ``fraction`` of entries."""
    total = x.sum()
    if total <= 0:
        return 0.0
    k = max(1, int(round(fraction * x.size)))
    given = x[x > 0]  # most residents give nothing; partitioning zeros is slow
    if given.size <= k:
        return 1.0
    return float(np.partition(given, given.size - k)[given.size - k :].sum() / total)


def _ties(model: CityModel) -> dict[str, float | None]:
    """Who new contributors are, and whether burn-out clusters on the network."""
    s = model.residents_state
    new = s.first_active_week == model.week
    burned = s.burned_out
    neighbour = None
    if burned.any():
        around = model.network.neighbour_mean(burned.astype(np.float64), isolated=np.zeros(s.n))
        neighbour = float(around[burned].mean())
    prevalence = float(burned.mean())
    return {
        "recruited_share": float(s.recruited[new].mean()) if new.any() else None,
        "burnout_neighbour_share": neighbour,
        "burnout_clustering": neighbour / prevalence if neighbour is not None else None,
    }


def bottom_share(x: np.ndarray, fraction: float = 0.2) -> float:
    """Share of the total held by the bottom ``fraction`` of entries (at least one)."""
    total = x.sum()
    if total <= 0:
        return 0.0
    k = max(1, int(round(fraction * x.size)))
    return float(np.partition(x, k - 1)[:k].sum() / total)


def _ratio(num: float, den: float, empty: float = 0.0) -> float:
    return float(num / den) if den > 0 else empty


def _collapsed(model: CityModel, coverage: float) -> bool:
    """Coverage has stayed below `collapse_coverage` for `collapse_weeks` weeks running, this one included."""
    c = model.config.contribution
    before = model.recorded[len(model.recorded) - (c.collapse_weeks - 1):] if c.collapse_weeks > 1 else []
    return (coverage < c.collapse_coverage and len(before) == c.collapse_weeks - 1
            and all(week["contribution_coverage"] < c.collapse_coverage for week in before))


def weekly_indicators(model: CityModel) -> dict[str, float | int | None]:
    """This week's value of every indicator of the registry (`simulation.registry.INDICATORS`)."""
    s, cfg, authority = model.residents_state, model.config, model.authority
    n = s.n
    burned = s.burned_out
    window = cfg.contribution.active_window_weeks
    # gave hours in the last year (burned-out ones did); -1 is 'never', not a week of the first year
    pool = (s.last_active_week >= 0) & (s.last_active_week > model.week - window)
    new_burnouts = s.burnout_weeks_left == cfg.contribution.recovery_weeks
    working = s.gig_h > 0
    labour = [p for p in model.platforms if p.has_labour]
    platforms = list(model.platforms)
    value = model.payments.value({p.name for p in platforms if p.kind == "commercial"})
    revenue = model.payments.value({p.name for p in platforms}).captured  # what every platform keeps
    demanded = sum(p.uses_demanded for p in labour)
    served = sum(p.uses_served for p in labour)  # the on-demand city: gig-labour sectors
    coop_served = sum(p.uses_served for p in labour if p.kind == "cooperative")
    waiting = sum(max(0.0, p.hours_accepted - p.uses_served * p.task_h) for p in labour)  # no float dust
    readings = authority.reading_counts()
    civic = model.civic
    row = {
        "week": model.week,
        "burnout_rate": _ratio(burned.sum(), pool.sum()),
        "burnout_prevalence": float(burned.mean()),
        "burnout_incidence": float(new_burnouts.sum()) / n * 1000.0 * 52.0,
        "active_contributor_share": float((s.contribution_h > 0).mean()),
        "contribution_coverage": (coverage := _ratio(s.contribution_h.sum(), authority.asked_total_h, 1.0)),
        "collapsed": _collapsed(model, coverage),
        "declined_share": _ratio(s.declined_h.sum(), s.asked_h.sum()),
        **_ties(model),
        "contribution_top10_share": top_share(s.hours_year, 0.1),
        "contribution_top1_share": top_share(s.hours_year, 0.01),
        "contribution_gini": gini(s.hours_year),
        "platform_value_share": _ratio(value.captured, value.created),
        "worker_hourly_net_median": (
            float(np.median(s.earnings_eur[working] / s.gig_h[working])) if working.any() else None
        ),
        "coop_market_share": _ratio(coop_served, served),
        "trust_mean": float(s.trust.mean()),
        "income_gini": gini(s.income_eur),
        "citizen_orientation_mean": float(s.orientation.mean()),
        "fatigue_mean": float(s.fatigue.mean()),
        "consumption_hours_mean": float(s.consumption_h.mean()),
        "gig_hours_mean": float(s.gig_h.mean()),
        "contribution_hours_mean": float(s.contribution_h.mean()),
        "civic_hours_mean": float(s.civic_h.mean()),
        "short_of_time_share": float((s.discretionary_h - s.used_h <= cfg.time.short_of_time_h + REST_TOLERANCE_H)
                                     .mean()),
        "gig_worker_share": float(working.mean()),
        "waiting_share": _ratio(waiting, sum(p.hours_accepted for p in labour)),
        "worker_pay_eur_per_resident": float(sum(p.payout_eur for p in labour)) / n,
        "platform_revenue_eur_per_resident": revenue / n,
        "data_value_eur_per_resident": float(sum(p.data_value_eur_w for p in platforms)) / n,
        "data_captured_eur_per_resident": float(sum(p.data_revenue_eur for p in platforms)) / n,
        "platform_profit_eur_per_resident": float(sum(p.profit_eur for p in platforms if p.kind == "commercial")) / n,
        "courier_net_income_eur": float(s.earnings_eur[working].mean()) if working.any() else None,
        "income_share_bottom20": bottom_share(s.income_eur, 0.2),
        "value_kept_eur_per_resident": value.kept / n,
        "value_captured_eur_per_resident": value.captured / n,
        "unserved_share": _ratio(max(0.0, demanded - served), demanded),  # no float dust
        "hollow_provider_weeks": 52 * sum(p.hollow for p in platforms if p.present),
        "household_spending_share": _ratio(s.spent_eur.sum(), s.base_income_eur.sum()),
        "budget_short_share": float((s.affordable < 1.0).mean()),
        "objective_progress": authority.objective.progress if authority.objective else 0.0,
        "agora_attendance": civic.agora_attendance,
        "last_vote_turnout": civic.last_vote_turnout,
        "projects_funded": civic.projects_funded,
        "interventions_active": model.interventions.active_count,
        "authority_spent_eur": authority.spent_eur,
        "legitimacy": authority.legitimacy,
        "authority_budget_eur": authority.budget_eur,
        "risk_sectors": readings[Reading.RISK],
        "tension_sectors": readings[Reading.TENSION],
        "opportunity_sectors": readings[Reading.OPPORTUNITY],
    }
    return row


def platform_rows(model: CityModel) -> list[dict]:
    rows = []
    for p in model.platforms:
        rows.append({
            "week": model.week,
            "platform": p.name,
            "sector": p.sector,
            "kind": p.kind,
            "group": p.group,
            "present": p.present,
            "status": str(p.status),
            "phase": str(p.strategy.phase) if p.strategy else None,
            "profit_eur": p.profit_eur,
            "defying": ",".join(sorted(p.defying)),
            "data_stock": p.data_stock,
            "users": p.users,
            "workers": p.workers,
            "commission": p.commission,
            "price_eur": p.price_eur,
            "uses_served": p.uses_served,
            "gross_eur": p.gross_eur,
            "commission_revenue_eur": p.commission_revenue_eur,
            "data_revenue_eur": p.data_revenue_eur,
            "worker_payout_eur": p.payout_eur if p.has_labour else 0.0,
            "pay_rate_eur_h": p.pay_rate_eur_h if p.has_labour else None,
            "capital_eur": p.capital_eur,
            **{c: p.criteria[c] for c in CRITERIA},
            "destabilisation": p.destabilisation,
            "threat": p.threat,
            "reading": str(p.reading) if p.present else None,
        })
    return rows


SNAPSHOT_COLUMNS = ("citizen", "consumer", "contributor", "worker", "discretionary_h", "orientation", "trust",
                    "fatigue", "burnout_weeks_left", "work_platform", "consumption_h", "gig_h", "asked_h",
                    "contribution_h", "declined_h", "civic_h", "hours_year", "earnings_eur", "traces")


def resident_snapshot(model: CityModel, rows: np.ndarray) -> pl.DataFrame:
    """The state of the residents in ``rows`` at the end of this week (one row each)."""
    s = model.residents_state
    return pl.DataFrame({"week": np.full(rows.size, model.week - 1), "resident": rows,
                         **{c: getattr(s, c)[rows] for c in SNAPSHOT_COLUMNS}})


def sector_rows(model: CityModel) -> list[dict]:
    """The authority's reading of each sector, and the net hourly pay of its gig workers."""
    a, s = model.authority, model.residents_state
    rows = []
    for k, name in enumerate(a.sector_reading):
        working = (s.work_sector == k) & (s.gig_h > 0)
        pay = s.earnings_eur[working] / s.gig_h[working]
        rows.append({
            "week": model.week, "sector": name, "threat": a.sector_threat[name],
            "reading": str(a.sector_reading[name]),
            "worker_hourly_net_median": float(np.median(pay)) if pay.size else None,
        })
    return rows


RETENTION_AFTER = (4, 13, 26, 52)
"""Weeks after a contributor's first active week at which retention is measured."""


def retention_rows(model: CityModel, cohorts: dict[int, int]) -> list[dict]:
    """This week's look back at each cohort of new contributors: of the residents who first gave
    volunteer hours ``after`` weeks ago (week 0's, the initial population, excluded; a newcomer
    counts from its arrival), how many gave hours this week; one who moved away counts as gone.
    ``cohorts`` keeps each week's cohort size (this week's is added)."""
    s, week = model.residents_state, model.week
    cohorts[week] = int((s.first_active_week == week).sum())
    active = s.last_active_week == week
    rows = []
    for after in RETENTION_AFTER:
        cohort_week = week - after
        if cohort_week < 1:
            continue
        rows.append({"cohort_week": cohort_week, "after_weeks": after, "cohort": cohorts[cohort_week],
                     "still_active": int(((s.first_active_week == cohort_week) & active).sum())})
    return rows
