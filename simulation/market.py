"""What residents face this week: the providers on offer and last week's outcomes.

Built once per week from the platforms before any resident acts, so every
resident reads the same (last week's) state: the schedule is synchronous.
Both engines read this object; neither writes to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Market:
    n_sectors: int
    uses_per_week: np.ndarray  # (S,) uses per week of a fully engaged consumer
    task_h: np.ndarray  # (S,) gig hours per use, 0 where no gig labour
    offline_utility: np.ndarray  # (S,)
    offline_time_h: np.ndarray  # (S,) hours a use takes without a digital provider
    choice_sets: tuple[np.ndarray, ...]  # per sector: indices of the platforms on offer
    # per platform (P,)
    price: np.ndarray  # what a resident pays per use (after any public subsidy)
    quality: np.ndarray  # extra utility of the service
    social: np.ndarray
    is_commercial: np.ndarray
    user_share: np.ndarray  # users last week / residents
    pay_rate: np.ndarray  # net pay per hour offered last week (EUR/h)
    time_per_use_h: np.ndarray  # hours a use of it takes
    served_share: np.ndarray  # share of the uses asked of it last week that it served
    # choice weights
    price_weight: np.ndarray  # (S,) utility lost per EUR of price (`Sector.price_weight`)
    reliability_weight: float  # utility lost per unit of remembered unserved uses (0: not remembered)
    convenience_weight: float
    social_weight: float
    literacy_weight: float
    pay_sensitivity: float
    labour_social_weight: float

    def labour_set(self, sector: int) -> np.ndarray:
        """Platforms a worker of ``sector`` may work for this week."""
        return self.choice_sets[sector] if self.task_h[sector] > 0 else self.choice_sets[sector][:0]

