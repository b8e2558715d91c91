"""Households: residents' money for the modelled services, and what they pay from it.

Each week a resident puts aside a share of its income for the services the model represents
(`Households.budget_share` of `base_income_eur`, drawn from INSEE's distribution of disposable income),
receives its gig pay and any pay for volunteering, and pays for the uses it was served at the price it
faces (less any public subsidy). It cannot pay more than it holds: when the uses it chose would cost
more, it forgoes the share it cannot pay for (`affordable`), in every sector alike. What it does not
spend stays its own (its money is a stock, carried from week to week, and leaves with it if it moves).
The rest of its income and spending is outside the model.
"""

from __future__ import annotations

import numpy as np

from simulation.market import Market
from simulation.residents import NO_PROVIDER, ResidentState


def budgeted_income(s: ResidentState, budget_share: float) -> np.ndarray:
    """What each resident puts aside this week for the modelled services (EUR)."""
    return budget_share * s.base_income_eur


def _per_use_cost(s: ResidentState, market: Market, price: np.ndarray, sector: int) -> np.ndarray:
    """What one planned use of the chosen provider costs each resident (0 offline)."""
    p = s.provider[:, sector]
    return np.where(p != NO_PROVIDER, price[np.maximum(p, 0)], 0.0) * market.uses_per_week[sector]


def plan_purchases(s: ResidentState, market: Market) -> None:
    """The share of the uses it chose that each resident can pay for from what it holds."""
    planned = np.zeros(s.n)
    for sector in range(market.n_sectors):
        planned += s.consumer * _per_use_cost(s, market, market.price, sector)
    s.affordable[:] = np.where(planned > s.money_eur, np.divide(np.maximum(s.money_eur, 0.0), planned,
                                                                 out=np.zeros(s.n), where=planned > 0), 1.0)


def pay_for_services(s: ResidentState, market: Market, served_share: np.ndarray) -> np.ndarray:
    """Each resident pays for the uses it was served (``served_share``: per platform, the share of the
    uses demanded from it that it served); returns what each platform received from households."""
    paid_to = np.zeros(market.price.size)
    spent = np.zeros(s.n)
    for sector in range(market.n_sectors):
        p = s.provider[:, sector]
        on = p != NO_PROVIDER
        cost = s.consumer * s.affordable * _per_use_cost(s, market, market.price * served_share, sector)
        spent += cost
        paid_to += np.bincount(p[on], weights=cost[on], minlength=paid_to.size)
    s.spent_eur[:] = spent
    s.money_eur -= spent
    return paid_to
