"""The residents' weekly processes as vectorised kernels over `ResidentState`.

Each function is the column-wise twin of the `Resident` method of the same
name in `residents.py` (the reference rules) and must give the same result for
the same draws; `tests/test_docking.py` holds them to it.
"""

from __future__ import annotations

import numpy as np

from simulation.market import Market
from simulation.network import SocialNetwork
from simulation.residents import NO_PROVIDER, ResidentState
from simulation.rules import ProgrammeRules
from simulation.scenario import Scenario


def _logit_pick(utilities: list[np.ndarray], u: np.ndarray) -> np.ndarray:
    """Inverse-CDF draw from a multinomial logit, one option per column; the weights are
    summed column after column, in the order the reference rule sums them."""
    top = utilities[0]
    for column in utilities[1:]:
        top = np.maximum(top, column)
    weights = [np.exp(column - top) for column in utilities]
    cumulative = np.zeros_like(u)
    running = []
    for w in weights:
        cumulative = cumulative + w
        running.append(cumulative)
    target = u * running[-1]
    pick = np.zeros(u.shape, dtype=np.int64)
    for c in running[:-1]:  # past the last threshold, the pick is the last option
        pick += target >= c
    return pick


def choose_providers(s: ResidentState, market: Market, u: np.ndarray) -> None:
    traces = np.zeros(s.n)
    signed_orientation = 2.0 * s.orientation - 1.0
    for sector in range(market.n_sectors):
        options = market.choice_sets[sector]
        utilities = [np.full(s.n, market.offline_utility[sector])]
        for j in options:
            utilities.append(
                -market.price_sensitivity * market.price[j]
                + market.convenience_weight * float(market.user_share[j])
                + market.social_weight * signed_orientation * market.social[j]
                + market.literacy_weight * s.literacy
                + market.quality[j]
            )
        k = _logit_pick(utilities, u[:, sector])
        chosen = np.concatenate(([NO_PROVIDER], options)).astype(np.int32)[k]
        s.provider[:, sector] = chosen
        traces += np.where(chosen != NO_PROVIDER, s.consumer * market.uses_per_week[sector], 0.0)
    s.traces[:] = traces


def offer_labour(s: ResidentState, market: Market, cfg: Scenario,
                 u_switch: np.ndarray, u_job: np.ndarray) -> None:
    s.offered_h[:] = 0.0
    for sector in np.unique(s.work_sector[s.work_sector >= 0]):
        rows = np.flatnonzero(s.work_sector == sector)
        options = market.labour_set(int(sector))
        if len(options) == 0:
            s.work_platform[rows] = NO_PROVIDER
            continue
        rethink = (s.work_platform[rows] == NO_PROVIDER) | (u_switch[rows] < cfg.labour.switch_prob_w)
        who = rows[rethink]
        if who.size:
            signed = 2.0 * s.orientation[who] - 1.0
            utilities = [market.pay_sensitivity * market.pay_rate[j]
                         + market.labour_social_weight * signed * market.social[j] for j in options]
            s.work_platform[who] = options[_logit_pick(utilities, u_job[who])]
        ratio = s.expected_pay_eur_h[rows] / s.reservation_wage_eur_h[rows]
        response = 1.0 / (1.0 + np.exp(-cfg.labour.supply_steepness * (ratio - 1.0)))
        hours = s.worker[rows] * cfg.labour.gig_h_max * response
        s.offered_h[rows] = np.minimum(hours, s.free_time_h[rows])


def get_paid(s: ResidentState, accept_ratio: np.ndarray, pay_rate: np.ndarray,
             cfg: Scenario) -> None:
    working = s.work_platform != NO_PROVIDER
    p = np.where(working, s.work_platform, 0)
    hours = np.where(working, s.offered_h * accept_ratio[p], 0.0)
    s.gig_h[:] = hours
    s.earnings_eur[:] = hours * np.where(working, pay_rate[p], 0.0)
    m = cfg.labour.wage_memory
    per_offered_hour = pay_rate[p] * accept_ratio[p]
    s.expected_pay_eur_h[:] = np.where(
        working, (1.0 - m) * s.expected_pay_eur_h + m * per_offered_hour, s.expected_pay_eur_h
    )


def engagement(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    """Contributor engagement as it acts this week (crowded out for those paid before)."""
    if programme.pay_eur_h > 0:
        return s.contributor * np.where(s.crowded_out, 1.0 - cfg.contribution.crowding_out, 1.0)
    return s.contributor


def request_weights(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    """Who the public services ask, and how hard: engagement ** concentration."""
    e = engagement(s, cfg, programme)
    active = (e >= cfg.contribution.active_threshold) & (s.burnout_weeks_left == 0)
    return np.where(active, e**programme.concentration, 0.0)


def contribute(s: ResidentState, asked_total_h: float, weights: np.ndarray, cfg: Scenario,
               programme: ProgrammeRules, u_burn: np.ndarray, u_renew: np.ndarray,
               fresh: np.ndarray) -> None:
    c = cfg.contribution
    paid = programme.pay_eur_h > 0
    recovering = s.burnout_weeks_left > 0
    total_weight = weights.sum()
    asked = asked_total_h * weights / total_weight if total_weight > 0 else np.zeros(s.n)
    if programme.max_requests_h is not None:
        asked = np.minimum(asked, programme.max_requests_h)
    given = np.minimum(asked, s.free_time_h - s.gig_h)
    capacity = c.capacity_h * (1.0 + c.paid_capacity_gain if paid else 1.0) * engagement(s, cfg, programme)
    load = np.divide(given, capacity, out=np.zeros(s.n), where=capacity > 0)
    fatigue = np.maximum(
        0.0,
        s.fatigue
        + c.fatigue_gain * programme.fatigue_factor * np.maximum(0.0, load - 1.0)
        - c.fatigue_recovery * np.maximum(0.0, 1.0 - load),
    )
    hazard = c.base_burnout_hazard_w * (1.0 + 4.0 * np.minimum(fatigue / s.burnout_threshold, 1.0))
    burns = ~recovering & (given > 0) & ((fatigue >= s.burnout_threshold) | (u_burn < hazard))
    renews = ~recovering & ~burns & (u_renew < c.attrition_w)
    recovered = recovering & (s.burnout_weeks_left == 1)

    s.asked_h[:] = np.where(recovering, 0.0, asked)
    s.contribution_h[:] = np.where(recovering, 0.0, given)
    s.fatigue[:] = np.where(recovering, s.fatigue, fatigue)
    s.fatigue[recovered | renews] = 0.0
    if paid:
        s.crowded_out |= ~recovering & (given > 0)
    s.crowded_out[renews] = False
    s.contributor[recovered] *= 1.0 - c.burnout_engagement_loss
    s.contributor[renews] = fresh[renews]
    s.burnout_weeks_left[recovering] -= 1
    s.burnout_weeks_left[burns] = c.recovery_weeks
    s.trust[burns] *= 1.0 - c.burnout_trust_loss


def take_civic_time(s: ResidentState, cfg: Scenario) -> None:
    wish = s.citizen * cfg.civic.civic_h_max * (0.5 + 0.5 * s.orientation)
    left = s.free_time_h - s.gig_h - s.contribution_h
    s.civic_h[:] = np.where(s.burnout_weeks_left > 0, 0.0, np.maximum(0.0, np.minimum(wish, left)))


def be_influenced(s: ResidentState, market: Market, cfg: Scenario, network: SocialNetwork,
                  orientation_before: np.ndarray, trust_before: np.ndarray,
                  coverage: float, control: float) -> None:
    civ = cfg.civic
    nb_orientation = network.neighbour_mean(orientation_before, isolated=s.orientation)
    nb_trust = network.neighbour_mean(trust_before, isolated=s.trust)
    commercial_uses = np.zeros(s.n)
    for sector in range(market.n_sectors):
        p = s.provider[:, sector]
        commercial = (p != NO_PROVIDER) & market.is_commercial[np.maximum(p, 0)]
        commercial_uses += np.where(commercial, market.uses_per_week[sector], 0.0)
    commercial_use = commercial_uses / market.uses_per_week.sum()
    o = s.orientation
    o = (o + civ.social_influence_w * (nb_orientation - o)
         - civ.consumer_pull_w * commercial_use * o
         + civ.orientation_memory_w * (s.orientation_initial - o))
    np.clip(o, 0.0, 1.0, out=s.orientation)
    heard = s.heard_weeks_left > 0
    voice = np.where(heard, 1.0, np.minimum(1.0, s.civic_h / civ.civic_h_max)
                     if civ.civic_h_max > 0 else 0.0)
    s.heard_weeks_left[heard] -= 1
    w_cov, w_ctl, w_voice = civ.trust_weights
    target = w_cov * coverage + w_ctl * control + w_voice * voice
    t = s.trust
    t = t + civ.trust_rate_w * (target - t) + civ.social_influence_w * (nb_trust - t)
    np.clip(t, 0.0, 1.0, out=s.trust)
