"""Verdicts that mean something: a paired difference read at its indicator's smallest
meaningful difference (SMD, `simulation.registry`), not only against zero.

- **better** / **worse**: the 95% interval excludes zero *and* the estimate is at least one
  SMD in the indicator's better (worse) direction;
- **no meaningful change**: the whole interval lies within plus or minus one SMD;
- **inconclusive**: anything else (too few replications to tell); the replications that
  would decide follow from the paired standard deviation.

A descriptive indicator (`Better.NEITHER`) is never better or worse: a change of at least
one SMD whose interval excludes zero is **changed**.
"""

from __future__ import annotations

import math

BETTER, WORSE, CHANGED = "better", "worse", "changed"
NO_CHANGE, INCONCLUSIVE = "no meaningful change", "inconclusive"
VERDICTS = (BETTER, WORSE, NO_CHANGE, INCONCLUSIVE, CHANGED)
"""Every verdict, in the order tables list them."""
Z95 = 1.96
Z80 = 0.84
"""One-sided normal quantile of 80% power: replications "to decide" decide four times in five."""


def verdict(diff: float, lo: float, hi: float, smd: float, direction: int) -> str:
    """The verdict on a paired difference ``diff`` with 95% interval [``lo``, ``hi``], at the
    indicator's ``smd``, read with its ``direction`` (+1 higher is better, -1 lower, 0 neither)."""
    if any(math.isnan(x) for x in (diff, lo, hi)):
        return INCONCLUSIVE
    if (lo > 0 or hi < 0) and abs(diff) >= smd:
        if direction == 0:
            return CHANGED
        return BETTER if diff * direction > 0 else WORSE
    if -smd <= lo and hi <= smd:
        return NO_CHANGE
    return INCONCLUSIVE


def replications_needed(sd: float, half_width: float) -> int:
    """Replications for a 95% interval of half-width ``half_width``: n = (1.96 sd / h)^2."""
    return max(2, math.ceil((Z95 * sd / half_width) ** 2)) if half_width > 0 else 0


def half_width_to_decide(diff: float, smd: float) -> float:
    """The largest interval half-width that decides at this estimate: below ``|diff|`` the
    interval excludes zero (an estimate of at least one SMD is then better or worse); below
    ``smd - |diff|`` it lies within plus or minus one SMD (no meaningful change)."""
    size = abs(diff)
    return size if size >= smd else smd - size


def replications_to_decide(sd: float, diff: float, smd: float) -> int | None:
    """Replications that would decide an inconclusive verdict four times in five if the estimate
    were the true effect and the paired standard deviation stayed what it is: the interval's
    half-width must fall below `half_width_to_decide`, with a margin for the estimate's own
    noise, n = ((1.96 + 0.84) sd / h)^2 (None when they cannot be estimated)."""
    if math.isnan(sd) or math.isnan(diff):
        return None
    h = half_width_to_decide(diff, smd)
    return max(2, math.ceil(((Z95 + Z80) * sd / h) ** 2)) if sd > 0 and h > 0 else 2


MANY = 1000
"""Beyond this many replications an effect is about one SMD: more runs narrow its interval without
settling which side of the threshold it lies (shown as such, not as a number to aim for)."""

GLYPHS = {BETTER: "▲", WORSE: "▼", NO_CHANGE: "=", INCONCLUSIVE: "?", CHANGED: "≠"}
"""One sign per verdict, for tables where a word per cell is too long."""
COLOURS = {BETTER: "#2ca02c", WORSE: "#d62728", NO_CHANGE: "#8a94a0", INCONCLUSIVE: "#c98a00", CHANGED: "#5b6b7b"}
"""One colour per verdict, for the report, the brief and the terminal."""
