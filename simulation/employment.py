"""Working lives: a resident's employment status, its paid hours and whether it would do platform work.

With `employment.working_lives` on, each resident draws a status (`Status`) jointly with its income:
a Gaussian copula puts residents with higher incomes higher on the status ladder (`LADDER`) with the
correlation `employment.income_rank_correlation`, while the income itself is drawn exactly as before,
so its marginal (INSEE's deciles, `residents.base_income_*`) is kept. The status sets the week's paid
work or study (`full_time_h`, `part_time_h`, `study_h`; none otherwise) and the chance of being open to
platform work at all (`gig_open_ratio`; never when retired). Care duties still come from the household
time-use profile, so a binding week (little free time) is a property of some residents: full-time
employees with a family's care, not a weight everyone shares.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from scipy.special import ndtr

from simulation.scenario import Employment
from simulation.streams import Stream


class Status(IntEnum):
    """Employment status, in the order of `employment.status_shares` (-1 in the state: not drawn)."""

    FULL_TIME = 0
    PART_TIME = 1
    UNEMPLOYED = 2
    STUDENT = 3
    RETIRED = 4
    INACTIVE = 5


LADDER = (Status.UNEMPLOYED, Status.INACTIVE, Status.STUDENT, Status.RETIRED, Status.PART_TIME, Status.FULL_TIME)
"""Statuses from the lowest typical income to the highest (assumption on the order, from INSEE's
median standards of living by activity status: the unemployed lowest, full-time employees highest)."""


def weekly_hours(e: Employment) -> np.ndarray:
    """Paid work or study a week, by status."""
    hours = np.zeros(len(Status))
    hours[Status.FULL_TIME], hours[Status.PART_TIME], hours[Status.STUDENT] = e.full_time_h, e.part_time_h, e.study_h
    return hours


def gig_open_chance(e: Employment, worker_share: float) -> np.ndarray:
    """The chance a resident of each status is open to platform work: relative weights (`gig_open_ratio`
    for part-timers, the unemployed and students, 1 for full-time employees and the otherwise inactive,
    0 for the retired), scaled so that the population's mean chance is ``worker_share`` (at most 1)."""
    weights = np.ones(len(Status))
    weights[[Status.PART_TIME, Status.UNEMPLOYED, Status.STUDENT]] = e.gig_open_ratio
    weights[Status.RETIRED] = 0.0
    mean = float(np.dot(e.status_shares, weights))
    return np.minimum(1.0, worker_share * weights / mean) if mean > 0.0 else np.zeros(len(Status))


def draw_status(e: Employment, income_z: np.ndarray | None, n: int, rng: Stream) -> np.ndarray:
    """Each of ``n`` residents' status, given its income's place on the normal scale (``income_z``; None
    when incomes do not differ): a latent rank rho * z + sqrt(1 - rho^2) * noise cut at the ladder's
    cumulative shares, so that it is standard normal and the shares hold in expectation."""
    rho = e.income_rank_correlation if income_z is not None else 0.0
    noise = rng.normal(0.0, 1.0, n)
    latent = noise if income_z is None else rho * income_z + np.sqrt(1.0 - rho**2) * noise
    shares = np.array([e.status_shares[s] for s in LADDER])
    cuts = np.cumsum(shares)[:-1] / shares.sum()
    rung = np.searchsorted(cuts, ndtr(latent), side="right")
    return np.asarray(LADDER, dtype=np.int8)[rung]
