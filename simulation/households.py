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


def _uses(s: ResidentState, market: Market) -> np.ndarray:
    """(N, S) uses each resident chose of the provider it picked in each sector (0 offline)."""
    return np.where(s.provider != NO_PROVIDER, s.consumer[:, None] * market.uses_per_week[None, :], 0.0)


def _per_provider(s: ResidentState, values: np.ndarray) -> np.ndarray:
    """(N, S) a per-platform value read for the provider each resident picked in each sector (0 offline)."""
    return np.append(values, 0.0)[s.provider]  # NO_PROVIDER (-1) reads the appended 0


def plan_purchases(s: ResidentState, market: Market) -> None:
    """The share of the uses it chose that each resident can pay for from what it holds."""
    planned = (_uses(s, market) * _per_provider(s, market.price)).sum(axis=1)
    short = planned > s.money_eur
    s.affordable[:] = 1.0
    s.affordable[short] = np.maximum(s.money_eur[short], 0.0) / planned[short]


def pay_for_services(s: ResidentState, market: Market, served_share: np.ndarray) -> np.ndarray:
    """Each resident pays for the uses it was served (``served_share``: per platform, the share of the
    uses demanded from it that it served); returns what each platform received from households."""
    cost = s.affordable[:, None] * _uses(s, market) * _per_provider(s, market.price * served_share)
    on = s.provider != NO_PROVIDER
    paid_to = np.bincount(s.provider[on], weights=cost[on], minlength=market.price.size)
    s.spent_eur[:] = cost.sum(axis=1)
    s.money_eur -= s.spent_eur
    return paid_to
