"""The ledger closes: every party's money changes each week by exactly its payments, read from the
agents' own state (households' money, each platform's capital, the authority's budget); the outside
world has named flows only; value kept and captured add up to the value created.

The same closure is checked over random lever mixes in `tests/test_levers.py`."""

from __future__ import annotations

import polars as pl
import pytest

from simulation import CityModel
from simulation.experiment import resolve_scenario
from simulation.ledger import OUTSIDE_FLOWS, Flow, Ledger, Party


def stocks(model: CityModel) -> dict[str, float]:
    """Every party's money, read where the model keeps it."""
    held = {p.name: p.capital_eur for p in model.platforms}
    held[Party.HOUSEHOLDS] = float(model.residents_state.money_eur.sum())
    held[Party.AUTHORITY] = model.authority.budget_eur
    held[Party.HOSTS_MERCHANTS] = model.payments.hosts_merchants_eur
    return held


def nothing(model: CityModel) -> dict[str, float]:
    """Every party's money before the city is set up."""
    return dict.fromkeys(stocks(model), 0.0)


def step_and_check_closure(model: CityModel, before: dict[str, float]) -> dict[str, float]:
    """Run one week; assert each party's money moved by its payments (to 1e-9 of the week's turnover)."""
    week = model.week
    model.step()
    after = stocks(model)
    table = model.ledger().filter(pl.col("week") == week)
    turnover = float(table["eur"].sum())
    for party in after:
        received = float(table.filter(pl.col("payee") == party)["eur"].sum())
        paid = float(table.filter(pl.col("payer") == party)["eur"].sum())
        assert after[party] - before[party] == pytest.approx(received - paid, abs=1e-9 * max(turnover, 1.0)), (
            week, party, after[party] - before[party], received - paid)
    return after


@pytest.mark.parametrize("scenario", ["platform_city+regulation", "calm_city+agora_and_coop",
                                      "citizen_burnout+governed_mix", "calm_city+participatory_innovation"])
def test_every_party_s_money_moves_by_exactly_its_payments(scenario):
    config = resolve_scenario(scenario, overrides={"n_residents": 300, "weeks": 120}, source="test")
    model = CityModel(config, rng=7)
    held = nothing(model)
    for _ in range(config.weeks):
        held = step_and_check_closure(model, held)
    flows = set(model.ledger()["flow"])
    assert {Flow.INCOME, Flow.PURCHASE, Flow.GIG_PAY, Flow.INVESTMENT, Flow.STATE_TRANSFER} <= flows


def test_the_outside_world_has_named_flows_only():
    model = CityModel(resolve_scenario("platform_city+regulation", overrides={"n_residents": 300, "weeks": 80},
                                       source="test"), rng=3).run()
    table = model.ledger()
    crossing = table.filter((pl.col("payer") == Party.OUTSIDE) | (pl.col("payee") == Party.OUTSIDE))
    assert set(crossing["flow"]) <= {str(f) for f in OUTSIDE_FLOWS}
    inside = table.filter((pl.col("payer") != Party.OUTSIDE) & (pl.col("payee") != Party.OUTSIDE))
    assert not set(inside["flow"]) & {str(f) for f in OUTSIDE_FLOWS}
    with pytest.raises(ValueError, match="boundary"):
        Ledger().pay(0, Party.OUTSIDE, "RideNow", Flow.PURCHASE, 1.0)  # no unnamed money from outside
    with pytest.raises(ValueError, match="never negative"):
        Ledger().pay(0, Party.HOUSEHOLDS, "RideNow", Flow.PURCHASE, -1.0)


def test_value_kept_and_captured_add_up_to_the_value_created_in_every_sector():
    """Commissions outside the gig sectors count in what platforms captured, and hosts' and merchants'
    payouts in what the city kept; data sales are paid by outside buyers."""
    model = CityModel(resolve_scenario("calm_city", overrides={"n_residents": 400, "weeks": 20}, source="test"),
                      rng=5).run()
    row = model.latest
    n = model.config.n_residents
    commercial = {p.name for p in model.platforms if p.kind == "commercial"}
    week = model.ledger().filter(pl.col("week") == model.week - 1)
    sales = week.filter(pl.col("flow").is_in([Flow.PURCHASE, Flow.SUBSIDY, Flow.PROCUREMENT]))["eur"].sum()
    data = week.filter(pl.col("flow") == Flow.DATA_SALE)["eur"].sum()
    into = week.filter(pl.col("payee").is_in(list(commercial)) & pl.col("flow").is_in(
        [Flow.PURCHASE, Flow.SUBSIDY, Flow.PROCUREMENT, Flow.DATA_SALE]))["eur"].sum()
    out = week.filter(pl.col("payer").is_in(list(commercial)) & pl.col("flow").is_in([Flow.GIG_PAY, Flow.PAYOUT]))
    captured = into - out["eur"].sum()
    assert row["platform_value_share"] == pytest.approx(captured / (sales + data), rel=1e-9)
    assert row["value_kept_eur_per_resident"] == pytest.approx((sales + data - captured) / n, rel=1e-9)
    assert row["value_captured_eur_per_resident"] == pytest.approx(captured / n, rel=1e-9)
    # hosts and merchants are paid (StayAway, MarketPlace): their payouts are kept, not lost
    assert week.filter(pl.col("flow") == Flow.PAYOUT)["eur"].sum() > 0
    assert model.payments.hosts_merchants_eur > 0


def test_residents_pay_from_their_money_and_forgo_what_they_cannot_pay():
    """A city whose residents put aside almost nothing: they are short, buy less, and never go below zero."""
    rich = resolve_scenario("calm_city", overrides={"n_residents": 300, "weeks": 15}, source="test")
    poor = rich.with_overrides({"residents.service_budget_share": 0.002}, source="test")
    a, b = CityModel(rich, rng=2).run(), CityModel(poor, rng=2).run()
    assert (b.residents_state.money_eur >= -1e-9).all()
    assert b.latest["budget_short_share"] > a.latest["budget_short_share"] + 0.3
    assert b.latest["household_spending_share"] < a.latest["household_spending_share"]
    spent = b.ledger().filter(pl.col("flow") == Flow.PURCHASE)["eur"].sum()
    budgeted = b.ledger().filter(pl.col("flow") == Flow.INCOME)["eur"].sum()
    earned = b.ledger().filter(pl.col("flow") == Flow.GIG_PAY)["eur"].sum()
    assert spent <= budgeted + earned + 1e-6


def test_detected_defiance_is_fined_and_the_fine_paid_into_the_budget_after_the_delay():
    """Issue #20 (fines as ledger flows): in the platform city under regulation every fine the log imposes
    is paid, by the platform fined, into the authority's budget, in the week it falls due (while the
    platform is in the city, out of it for a withdrawn permit, or in the week it leaves), and counts against
    what platforms capture. Before, fines were never paid.
    Seed 100, 2,000 residents, 156 weeks (fines from week 52, due 26 weeks later)."""
    model = CityModel(resolve_scenario("platform_city+regulation", overrides={"weeks": 156}, source="test"),
                      rng=100).run()
    fined = model.events().filter(pl.col("kind") == "fined")
    assert fined.height > 0
    facts = pl.Struct({"due_week": pl.Int64, "fine_eur": pl.Float64})
    due = fined.with_columns(pl.col("facts").str.json_decode(facts).struct.unnest())
    due = (due.filter(pl.col("due_week") < model.week).rename({"due_week": "due", "fine_eur": "eur"})
           .group_by("actor", "due").agg(pl.col("eur").sum()))
    paid = model.ledger().filter(pl.col("flow") == Flow.FINE)
    assert set(paid["payee"]) == {Party.AUTHORITY}
    exits = model.events().filter(pl.col("kind") == "platform_exited")
    left = dict(zip(exits["actor"], exits["week"], strict=True))  # it pays what falls due in its last week
    expected = {(r["actor"], r["due"]): r["eur"] for r in due.iter_rows(named=True)
                if r["due"] <= left.get(r["actor"], model.week)}
    got = {(r["payer"], r["week"]): r["eur"] for r in paid.iter_rows(named=True)}
    assert expected and got == pytest.approx(expected)
    weekly = model.ledger().filter(pl.col("week") == int(paid["week"].max()))
    assert weekly.filter(pl.col("flow") == Flow.FINE)["eur"].sum() > 0
