"""The residents' weekly processes as vectorised kernels over `ResidentState`.

Each function is the column-wise twin of the `Resident` method of the same
name in `residents.py` (the reference rules) and must give the same result for
the same draws; `tests/test_docking.py` holds them to it.
"""

from __future__ import annotations

import numpy as np

from simulation.market import Market
from simulation.network import SocialNetwork
from simulation.residents import NO_PROVIDER, YEAR_WEEKS, LastWeek, ResidentState, first_propensity, settle_newcomer
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


def move_away(s: ResidentState, movers: np.ndarray, people: dict[str, np.ndarray]) -> None:
    for k, i in enumerate(movers):
        settle_newcomer(s, int(i), people, k)


def follow_ties(s: ResidentState, cfg: Scenario, network: SocialNetwork, u_recruit: np.ndarray,
                u_withdraw: np.ndarray, week: int, before: LastWeek) -> None:
    civ = cfg.civic
    if not civ.ties:
        return
    free = (s.burnout_weeks_left == 0) & (network.degree > 0)
    threshold = cfg.contribution.active_threshold
    active = before.active.astype(np.float64)
    givers = network.neighbour_sum(active)  # exact counts
    mean = np.divide(network.neighbour_sum(before.contributor * active), givers, out=np.zeros(s.n),
                     where=givers > 0)
    chance = 1.0 - (1.0 - civ.recruit_rate_w) ** givers
    outside = ((before.contributor < threshold) | (s.propensity == 0.0)) & ~before.active
    recruits = free & outside & (givers > 0) & (u_recruit < chance)
    s.contributor[recruits] = np.maximum(s.contributor[recruits],
                                         threshold + 0.5 * np.maximum(0.0, mean[recruits] - threshold))
    s.propensity[recruits] = first_propensity(s.contributor[recruits], cfg.contribution)
    s.recruited[recruits] = True
    lost = network.neighbour_mean(before.lost.astype(np.float64), isolated=np.zeros(s.n))
    withdraws = free & before.active & (u_withdraw < civ.withdraw_rate_w * lost)
    s.contributor[withdraws] *= 1.0 - civ.withdraw_engagement_loss
    s.left_week[withdraws] = week


def choose_providers(s: ResidentState, market: Market, cfg: Scenario, u: np.ndarray,
                     network: SocialNetwork, before: LastWeek) -> None:
    t = cfg.time
    c = cfg.consumption
    free = np.maximum(1.0, s.discretionary_h - (s.consumption_h + s.gig_h + s.contribution_h + s.civic_h))
    time_price = t.time_value * t.reference_free_h / free if t.competition else np.zeros(s.n)
    traces = np.zeros(s.n)
    spent = np.zeros(s.n)
    signed_orientation = 2.0 * s.orientation - 1.0
    for sector in range(market.n_sectors):
        options = market.choice_sets[sector]
        utilities = [market.offline_utility[sector] - time_price * market.offline_time_h[sector]]
        if c.word_of_mouth and options.size:
            # the share of one's neighbours who used each option last week, then who worked for it
            flags = np.concatenate([before.provider[:, sector, None] == options, before.working[:, None] == options],
                                   axis=1)
            shares = network.neighbour_shares(flags.astype(np.float64))
            used, works = shares[:, : options.size], shares[:, options.size :]
        for o, j in enumerate(options):
            word = 0.0
            if c.word_of_mouth:
                word = c.neighbour_use_weight * used[:, o] + c.neighbour_work_weight * works[:, o]
            utilities.append(
                -market.price_weight[sector] * market.price[j]
                + market.convenience_weight * float(market.user_share[j])
                + market.social_weight * signed_orientation * market.social[j]
                + market.literacy_weight * s.literacy
                + market.quality[j]
                - time_price * market.time_per_use_h[j]
                + word
                - market.reliability_weight * np.maximum(s.unserved_memory[:, j], 1.0 - market.served_share[j])
            )
        k = _logit_pick(utilities, u[:, sector])
        chosen = np.concatenate(([NO_PROVIDER], options)).astype(np.int32)[k]
        s.provider[:, sector] = chosen
        uses = s.consumer * market.uses_per_week[sector]
        digital = chosen != NO_PROVIDER
        traces += np.where(digital, uses, 0.0)
        spent += uses * np.where(digital, market.time_per_use_h[np.maximum(chosen, 0)], market.offline_time_h[sector])
    s.traces[:] = traces
    s.consumption_h[:] = np.minimum(spent, s.discretionary_h) if t.competition else 0.0


def remember_service(s: ResidentState, served_share: np.ndarray, memory_weeks: float) -> None:
    """Each resident's memory of how much of its uses each provider left unserved: a failure is remembered
    at once, in full, and fades over ``memory_weeks`` (each week keeps 1 - 1/memory_weeks of it) unless the
    provider it used fails it again."""
    memory = s.unserved_memory.reshape(-1)  # a view: (resident, provider) at resident * P + provider
    memory *= 1.0 - 1.0 / memory_weeks
    flat = (np.arange(s.n)[:, None] * served_share.size + s.provider)[s.provider != NO_PROVIDER]
    used = flat % served_share.size  # a provider serves one sector: no (resident, provider) twice
    memory[flat] = np.maximum(memory[flat], 1.0 - served_share[used])


def engagement(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    """Contributor engagement as it acts this week (crowded out for those paid before)."""
    if programme.pay_eur_h > 0:
        return s.contributor * np.where(s.crowded_out, 1.0 - cfg.contribution.crowding_out, 1.0)
    return s.contributor


def take_the_call(s: ResidentState, cfg: Scenario, programme: ProgrammeRules, u: np.ndarray) -> None:
    c = cfg.contribution
    free = s.burnout_weeks_left == 0
    if c.episodes:
        s.answering[:] = free & (u < s.propensity)
    else:
        s.answering[:] = free & (engagement(s, cfg, programme) >= c.active_threshold)


def request_weights(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    """Who the public services ask, and how hard: engagement ** concentration, of those who answered."""
    return np.where(s.answering, engagement(s, cfg, programme)**programme.concentration, 0.0)


def capacity_h(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    gain = 1.0 + cfg.contribution.paid_capacity_gain if programme.pay_eur_h > 0 else 1.0
    return cfg.contribution.capacity_h * gain * engagement(s, cfg, programme)


def be_asked(s: ResidentState, asked_total_h: float, weights: np.ndarray, programme: ProgrammeRules) -> None:
    total_weight = weights.sum()
    asked = asked_total_h * weights / total_weight if total_weight > 0 else np.zeros(s.n)
    if programme.max_requests_h is not None:
        asked = np.minimum(asked, programme.max_requests_h)
    s.asked_h[:] = asked


def available_h(s: ResidentState) -> np.ndarray:
    return s.discretionary_h - s.consumption_h


def allocate_time(s: ResidentState, cfg: Scenario, programme: ProgrammeRules, can_gig: np.ndarray) -> None:
    t = cfg.time
    burned = s.burnout_weeks_left > 0
    ratio = s.expected_pay_eur_h / s.reservation_wage_eur_h
    w_gig = np.where(can_gig & (s.worker > 0.0), s.worker * np.exp(t.pay_weight * (ratio - 1.0)), 0.0)
    e = engagement(s, cfg, programme)
    capacity = capacity_h(s, cfg, programme)
    overload = np.where(capacity > 0.0, np.maximum(0.0, np.divide(s.asked_h, capacity, out=np.zeros(s.n),
                                                                   where=capacity > 0.0) - 1.0), 0.0)
    trust_term = t.trust_weight * (s.trust - 0.5) if cfg.civic.trust_behaviour else 0.0
    w_con = np.where((e > 0.0) & ~burned, e * np.exp(
        t.recognition_weight * programme.recognition
        + trust_term
        - t.fatigue_weight * s.fatigue / s.burnout_threshold
        - t.overload_weight * overload
    ), 0.0)
    pull = s.citizen * (0.5 + 0.5 * s.orientation)
    civic_trust = (cfg.civic.trust_participation_weight * (s.trust - 0.5) if cfg.civic.trust_behaviour
                   else 0.0)
    w_civ = np.where(burned, 0.0, pull * np.exp(t.voice_weight * np.where(s.heard_weeks_left > 0, 1.0, 0.0)
                                                + civic_trust))
    hours = available_h(s)
    if t.competition:
        total = w_gig + w_con + w_civ + t.rest_weight
        shares = (w_gig / total, w_con / total, w_civ / total)
    else:
        shares = tuple(w / (w + t.rest_weight) for w in (w_gig, w_con, w_civ))
    s.gig_willing_h[:] = np.minimum(shares[0] * hours, s.worker * cfg.labour.gig_h_max)
    s.contribution_willing_h[:] = shares[1] * hours
    s.civic_willing_h[:] = np.minimum(shares[2] * hours, pull * cfg.civic.civic_h_max)


def will_give_h(s: ResidentState, cfg: Scenario) -> np.ndarray:
    return s.contribution_willing_h if cfg.contribution.declining else available_h(s)


def answer(s: ResidentState, cfg: Scenario) -> None:
    s.contribution_h[:] = np.minimum(s.asked_h, will_give_h(s, cfg))


def room_h(s: ResidentState, cfg: Scenario, programme: ProgrammeRules) -> np.ndarray:
    spare = will_give_h(s, cfg) - s.contribution_h
    if programme.max_requests_h is not None:
        spare = np.minimum(spare, programme.max_requests_h - s.asked_h)
    return spare


def be_asked_again(s: ResidentState, declined: np.ndarray, weights: np.ndarray, cfg: Scenario,
                   programme: ProgrammeRules, network: SocialNetwork) -> np.ndarray:
    """Ask the ``declined`` hours again: a share through each decliner's ties (its neighbours with
    room), the rest of the services' pool to every contributor with room; returns what each
    declined of this round's asks."""
    spare_weights = np.where(room_h(s, cfg, programme) > 0.0, weights, 0.0)
    total_weight = spare_weights.sum()
    if total_weight <= 0.0:
        return np.zeros(s.n)
    around = network.neighbour_sum(spare_weights)
    local = np.where(around > 0.0, cfg.contribution.reask_through_ties * declined, 0.0)
    handed = np.divide(local, around, out=np.zeros(s.n), where=around > 0.0)
    pool_h = declined.sum() - local.sum()
    extra = spare_weights * network.neighbour_sum(handed) + pool_h * spare_weights / total_weight
    if programme.max_requests_h is not None:
        extra = np.minimum(extra, programme.max_requests_h - s.asked_h)
    extra = np.where(spare_weights > 0.0, extra, 0.0)
    given = np.minimum(extra, will_give_h(s, cfg) - s.contribution_h)
    s.asked_h += extra
    s.contribution_h += given
    return extra - given


def offer_labour(s: ResidentState, market: Market, cfg: Scenario,
                 u_switch: np.ndarray, u_job: np.ndarray) -> None:
    s.offered_h[:] = 0.0
    budget = np.maximum(0.0, available_h(s) - s.contribution_h) if cfg.time.competition else np.inf
    for sector in np.unique(s.work_sector[s.work_sector >= 0]):
        rows = np.flatnonzero(s.work_sector == sector)
        options = market.labour_set(int(sector))
        if len(options) == 0:
            s.work_platform[rows] = NO_PROVIDER
            continue
        gone = ~np.isin(s.work_platform[rows], options)  # no platform yet, or its platform left the city
        rethink = gone | (u_switch[rows] < cfg.labour.switch_prob_w)
        who = rows[rethink]
        if who.size:
            signed = 2.0 * s.orientation[who] - 1.0
            utilities = [market.pay_sensitivity * market.pay_rate[j]
                         + market.labour_social_weight * signed * market.social[j] for j in options]
            s.work_platform[who] = options[_logit_pick(utilities, u_job[who])]
        s.offered_h[rows] = np.minimum(s.gig_willing_h[rows], budget if np.isscalar(budget) else budget[rows])


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


def tire_or_recover(s: ResidentState, cfg: Scenario, programme: ProgrammeRules, u_burn: np.ndarray,
                    week: int) -> None:
    c = cfg.contribution
    steps = c.substeps
    u = np.atleast_2d(u_burn)
    recovering = s.burnout_weeks_left > 0
    agreed = s.contribution_h.copy()  # the week's hours, planned evenly over its sub-steps
    capacity = capacity_h(s, cfg, programme)
    willing, start = s.contribution_willing_h, s.fatigue.copy()
    deciding = c.declining & (willing > 0.0) & (agreed > 0.0)
    # the share of its available hours volunteering got this week (below 1: rest always weighs)
    share = np.divide(willing, available_h(s), out=np.zeros(s.n), where=deciding)
    fatigue = s.fatigue.copy()
    given = np.zeros(s.n)
    burned_at = np.full(s.n, -1)
    for step in range(steps):
        going = ~recovering & (burned_at < 0)
        give = agreed / steps
        # decide afresh: the share of its week volunteering gets at the fatigue reached so far
        lift = np.exp(-cfg.time.fatigue_weight * (fatigue - start) / s.burnout_threshold)
        reduce = deciding & (lift < 1.0)
        reduced = willing * lift / (1.0 - share * (1.0 - lift)) / steps
        give = np.where(reduce, np.minimum(give, reduced), give)
        given = np.where(going, given + give, given)
        load = np.divide(give * steps, capacity, out=np.zeros(s.n), where=capacity > 0)
        rate = (c.fatigue_gain * programme.fatigue_factor * np.maximum(0.0, load - 1.0)
                - c.fatigue_recovery * np.maximum(0.0, 1.0 - load))  # per week
        fatigue = np.where(going, np.maximum(0.0, fatigue + rate / steps), fatigue)
        hazard = c.base_burnout_hazard_w * (1.0 + 4.0 * np.minimum(fatigue / s.burnout_threshold, 1.0))
        if steps > 1:
            hazard = 1.0 - (1.0 - hazard) ** (1.0 / steps)
        burns = going & (agreed > 0) & ((fatigue >= s.burnout_threshold) | (u[step] < hazard))
        burned_at[burns] = step  # it withdraws: nothing after the burn-out
    burned = burned_at >= 0
    s.contribution_h[:] = np.where(recovering, agreed, given)
    given = s.contribution_h
    s.declined_h[:] = s.asked_h - given
    s.hours_year[:] = s.hours_year * (1.0 - 1.0 / YEAR_WEEKS) + given
    active = ~recovering & (given > 0.0)
    s.last_active_week[active] = week
    s.first_active_week[active & (s.first_active_week < 0)] = week
    recovered = recovering & (s.burnout_weeks_left == 1)
    s.fatigue[:] = fatigue
    s.fatigue[recovered] = 0.0
    if programme.pay_eur_h > 0:
        s.crowded_out |= active
    s.contributor[recovered] *= 1.0 - c.burnout_engagement_loss
    s.burnout_weeks_left[recovering] -= 1
    s.burnout_weeks_left[burned] = c.recovery_weeks
    s.trust[burned] *= 1.0 - c.burnout_trust_loss


def judge_episode(s: ResidentState, cfg: Scenario, programme: ProgrammeRules, help_share: float, week: int) -> None:
    c = cfg.contribution
    if not (c.episodes and c.trial_outcomes):
        return
    judged = (s.contribution_h > 0.0) & (s.burnout_weeks_left == 0)
    fit = np.divide(s.contribution_h, s.asked_h, out=np.zeros(s.n), where=judged)
    rested = 1.0 - np.minimum(1.0, s.fatigue / s.burnout_threshold)
    went = s.match * fit * rested * help_share
    went = went + programme.recognition * (1.0 - went)
    target = went * first_propensity(engagement(s, cfg, programme), c)
    p = s.propensity + c.propensity_learning * (target - s.propensity)
    quits = judged & (p < c.quit_propensity)
    s.propensity[:] = np.where(judged, np.where(quits, 0.0, p), s.propensity)
    s.left_week[quits] = week


def take_civic_time(s: ResidentState, cfg: Scenario) -> None:
    civic = s.civic_willing_h
    if cfg.time.competition:
        civic = np.minimum(civic, available_h(s) - s.gig_h - s.contribution_h)
    s.civic_h[:] = np.where(s.burnout_weeks_left > 0, 0.0, np.maximum(0.0, civic))


def be_influenced(s: ResidentState, market: Market, cfg: Scenario, network: SocialNetwork,
                  orientation_before: np.ndarray, trust_before: np.ndarray,
                  coverage: float, control: float, waiting: np.ndarray) -> None:
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
    unmet = np.divide(s.declined_h, s.asked_h, out=np.zeros(s.n), where=s.asked_h > 0.0)
    working = (s.work_platform != NO_PROVIDER) & (s.gig_h > 0.0)
    waited = np.where(working, waiting[np.maximum(s.work_platform, 0)], 0.0)
    target = target * ((1.0 - civ.unmet_request_trust_loss * unmet) * (1.0 - civ.waiting_trust_loss * waited))
    t = s.trust
    t = t + civ.trust_rate_w * (target - t) + civ.social_influence_w * (nb_trust - t)
    np.clip(t, 0.0, 1.0, out=s.trust)
