"""The city's ledger: every payment of the week between named parties.

Parties are the households (residents, workers among them), each platform by name, the hosts and
merchants who sell through platforms, the local authority, and the world outside the city. The
outside world has named flows only (`OUTSIDE_FLOWS`): the share of income households budget for the
modelled services, the money movers take away, investors' capital in and the losses they absorb at
an exit, data bought by outside buyers, platforms' operating costs, the state's transfers to the
authority and the authority's programme costs. There is no residual: every stock the model keeps
(households' money, each platform's capital, the authority's budget, hosts' and merchants' takings)
changes each week by exactly its flows here (`tests/test_invariants.py` checks it on random lever
mixes).

"Value created", "captured" and "kept" are defined once, here, for every sector alike
(`ValueAccount`): what was paid for platform services (by households and by the authority) plus what
outside buyers paid for the city's data traces; commercial platforms capture what they keep of it
(commissions and data sales), and the city keeps the rest (workers' pay, hosts' and merchants'
payouts, and what its cooperatives and public services keep).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import polars as pl


class Party(StrEnum):
    """Parties that are not platforms (a platform is a party under its own name)."""

    HOUSEHOLDS = "households"
    HOSTS_MERCHANTS = "hosts and merchants"
    AUTHORITY = "authority"
    OUTSIDE = "outside"


class Flow(StrEnum):
    """What a payment is for."""

    INCOME = "income"
    """Outside -> households: the share of income budgeted for the modelled services."""
    MOVER_LEAVES = "mover leaves"
    """Households -> outside: the money a resident who moves away takes with it."""
    PURCHASE = "purchase"
    """Households -> platform: what residents pay for the uses served (price less any public subsidy)."""
    SUBSIDY = "subsidy"
    """Authority -> platform: a public subsidy per use served."""
    PROCUREMENT = "procurement"
    """Authority -> platform: uses the authority buys, at the platform's price, for those served."""
    GIG_PAY = "gig pay"
    """Platform -> households: workers' pay (what the platform does not keep of its sales)."""
    PAYOUT = "payout"
    """Platform -> hosts and merchants: their share of sales where no gig labour is involved."""
    DATA_SALE = "data sale"
    """Outside -> platform: buyers of data pay for the traces the platform keeps."""
    OPERATING_COSTS = "operating costs"
    """Platform -> outside: its fixed costs (staff, servers), paid outside the city."""
    INVESTMENT = "investment"
    """Outside -> platform: investors' capital, when the platform is set up."""
    LOSS_ABSORBED = "loss absorbed at exit"
    """Outside -> platform: investors write off the capital a platform lost when it leaves."""
    GRANT = "grant"
    """Authority -> platform: a start-up grant or a funded project's money."""
    VOLUNTEER_PAY = "volunteer pay"
    """Authority -> households: pay per volunteer hour given."""
    STATE_TRANSFER = "state transfer"
    """Outside -> authority: its opening budget and weekly income."""
    PROGRAMME_COSTS = "programme costs"
    """Authority -> outside: what running its levers costs (staff, venues, projects)."""
    FINE = "fine"
    """Platform -> authority: a fine for a defied rule the authority detected, paid after a delay."""


OUTSIDE_FLOWS = frozenset({Flow.INCOME, Flow.MOVER_LEAVES, Flow.DATA_SALE, Flow.OPERATING_COSTS, Flow.INVESTMENT,
                           Flow.LOSS_ABSORBED, Flow.STATE_TRANSFER, Flow.PROGRAMME_COSTS})
"""The only flows that cross the city's boundary."""
SALES = frozenset({Flow.PURCHASE, Flow.SUBSIDY, Flow.PROCUREMENT})
"""What is paid for platform services."""
PASSED_ON = frozenset({Flow.GIG_PAY, Flow.PAYOUT})
"""What platforms pass on to those who did the work or sold the goods."""

SCHEMA = {"week": pl.Int64, "payer": pl.String, "payee": pl.String, "flow": pl.String, "eur": pl.Float64}


@dataclass(frozen=True)
class Payment:
    payer: str
    payee: str
    flow: Flow
    eur: float


@dataclass(frozen=True)
class Cost:
    """Something the authority pays: to whom, for what, how much; a payment to the households says
    what each resident receives (``per_resident``, summing to ``eur``)."""

    payee: str
    flow: Flow
    eur: float
    per_resident: np.ndarray | None = None

    def scaled(self, factor: float) -> Cost:
        share = None if self.per_resident is None else self.per_resident * factor
        return Cost(self.payee, self.flow, self.eur * factor, share)


def programme_cost(eur: float) -> list[Cost]:
    """A lever's running cost, paid outside the city (staff, venues)."""
    return [Cost(Party.OUTSIDE, Flow.PROGRAMME_COSTS, eur)]


@dataclass(frozen=True)
class ValueAccount:
    """One week's value created by platform services and data, and who captured or kept it (EUR)."""

    created: float
    captured: float
    sales: float

    @property
    def kept(self) -> float:
        return self.created - self.captured


class Ledger:
    """The payments of a run, week by week (`CityModel.ledger()` gives them as a table)."""

    def __init__(self) -> None:
        self._rows: list[tuple[int, str, str, str, float]] = []
        self.week: list[Payment] = []
        """This week's payments, in the order they were made."""
        self.hosts_merchants_eur = 0.0
        """What hosts and merchants received from platforms (they are not agents of the model)."""

    def pay(self, week: int, payer: str, payee: str, flow: Flow, eur: float) -> None:
        """Record one payment (zero payments are not recorded). The parties move their own stocks;
        hosts' and merchants' takings are kept here."""
        if eur == 0.0:
            return
        if eur < 0.0:
            raise ValueError(f"a payment is never negative: {payer} -> {payee} {flow} EUR {eur}")
        if (Party.OUTSIDE in (payer, payee)) != (flow in OUTSIDE_FLOWS):
            raise ValueError(f"{flow} does not cross the city's boundary: {payer} -> {payee}")
        if payee == Party.HOSTS_MERCHANTS:
            self.hosts_merchants_eur += eur
        self.week.append(Payment(payer, payee, flow, eur))
        self._rows.append((week, payer, payee, str(flow), eur))

    def close_week(self) -> None:
        self.week = []

    def net(self, party: str, payments: list[Payment] | None = None) -> float:
        """What ``party`` received less what it paid (this week, unless ``payments`` are given)."""
        rows = self.week if payments is None else payments
        return sum(p.eur for p in rows if p.payee == party) - sum(p.eur for p in rows if p.payer == party)

    def value(self, commercial: set[str]) -> ValueAccount:
        """This week's value created and captured, from the payments (``commercial``: names of the
        commercial platforms)."""
        sales = sum(p.eur for p in self.week if p.flow in SALES)
        data = sum(p.eur for p in self.week if p.flow == Flow.DATA_SALE)
        earned = SALES | {Flow.DATA_SALE}
        captured = sum(p.eur for p in self.week if p.payee in commercial and p.flow in earned)
        captured -= sum(p.eur for p in self.week if p.payer in commercial and p.flow in PASSED_ON | {Flow.FINE})
        return ValueAccount(created=sales + data, captured=captured, sales=sales)

    def table(self) -> pl.DataFrame:
        """One row per payment: week, payer, payee, flow, EUR."""
        return pl.DataFrame(self._rows, schema=SCHEMA, orient="row")
