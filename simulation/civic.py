"""Civic events: the residents' side of a debate and of a participatory vote.

A lever only puts an event on the calendar (a debate this week, a ballot); who comes,
who votes, what they vote for and how a debate moves their orientation are the
residents' rules, written here. Both are population-level events (pairs meet, votes
are tallied), so one implementation serves both engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from simulation.rules import Debate
from simulation.streams import Process, Stream

if TYPE_CHECKING:
    from simulation.model import CityModel


@dataclass
class CivicRecord:
    """What civic events gave: this week's debate, the latest vote."""

    agora_attendance: float = 0.0
    """Share of residents at this week's debate (0 in weeks without one)."""
    last_vote_turnout: float = 0.0
    """Share of residents who voted at the latest vote (kept between votes)."""
    projects_funded: int = 0
    """Participatory projects funded so far."""


def time_left(model: CityModel) -> np.ndarray:
    s = model.residents_state
    return s.discretionary_h - s.used_h


def trust_factor(model: CityModel) -> np.ndarray | float:
    """How trust in the authority moves the chance to take part: exp(weight x (trust - 0.5))."""
    civ = model.config.civic
    if not civ.trust_behaviour:
        return 1.0
    return np.exp(civ.trust_participation_weight * (model.residents_state.trust - 0.5))


def testimony(model: CityModel) -> np.ndarray:
    """What each resident can tell a debate of platform work from its own week, 0 to 1: a courier of
    a commercial platform, the share of its logged-in hours it waited unpaid plus how far its pay
    fell short of what it would work for; a cooperative member, the share of its hours paid times how
    far its pay met that. Anyone else has no such experience to share: 0, by construction."""
    s = model.residents_state
    platforms = list(model.platforms)
    working = (s.work_platform >= 0) & (s.gig_h > 0.0)  # works for a platform
    row = np.maximum(s.work_platform, 0)
    waiting = np.array([p.waiting_share for p in platforms])[row]
    member = np.array([p.kind == "cooperative" for p in platforms])[row]
    pay = np.divide(s.earnings_eur, s.gig_h * s.reservation_wage_eur_h, out=np.zeros(s.n), where=working)
    commercial = np.clip(waiting + np.maximum(0.0, 1.0 - pay), 0.0, 1.0)
    cooperative = np.clip((1.0 - waiting) * np.minimum(1.0, pay), 0.0, 1.0)
    return np.where(working, np.where(member, cooperative, commercial), 0.0)


def hold_debate(model: CityModel, debate: Debate) -> float:
    """Residents with the time come, more so the more engaged as citizens and the more they trust
    the authority; attendees meet in random pairs; partners close enough in orientation to listen to
    each other (bounded confidence, Deffuant et al. 2000) each move towards the citizen pole by the
    other's testimony (`testimony`): the workers' side of a consumer's choice, told by those who live
    it. Without couriers or cooperative members in the room, nobody moves. Returns attendance.

    Its draws come from the host's attendance stream, one chance and one place in the room per
    resident whoever can come, so a debate never shifts another process's random numbers."""
    s = model.residents_state
    draws = model.streams.week(Process.ATTENDANCE, model.week, owner=debate.host)
    chance_draw, place = draws.random(s.n), draws.random(s.n)
    can = (time_left(model) >= debate.session_h) & (s.burnout_weeks_left == 0)
    chance = debate.attendance * s.citizen * trust_factor(model)
    attend = np.flatnonzero(can & (chance_draw < chance))
    s.civic_h[attend] += debate.session_h
    told = testimony(model)
    o = s.orientation
    order = attend[np.argsort(place[attend], kind="stable")]  # attendees in a random order, then paired
    a, b = order[0 : len(order) - 1 : 2], order[1::2]
    close = np.abs(o[a] - o[b]) < debate.confidence
    a, b = a[close], b[close]
    moves_a = debate.convergence * told[b] * (1.0 - o[a])
    moves_b = debate.convergence * told[a] * (1.0 - o[b])
    o[a] += moves_a
    o[b] += moves_b
    return len(attend) / s.n


PROJECT_APPEAL = {"cooperative_service": 0.3, "contributor_support": 0.7, "objective": 0.9}
"""Where on the consumer (0) - citizen (1) axis each kind of project appeals most (assumption)."""


@dataclass(frozen=True)
class Ballot:
    """Proposals put to the vote and what voting costs."""

    kinds: tuple[str, ...]
    vote_h: float
    base_turnout: float
    """Chance a fully engaged, citizen-oriented resident with the time votes."""


@dataclass(frozen=True)
class Tally:
    voters: np.ndarray
    """Row of each voter."""
    choice: np.ndarray
    """Proposal each voter backed."""
    votes: np.ndarray
    """Votes per proposal."""


def hold_vote(model: CityModel, ballot: Ballot, draws: Stream) -> Tally:
    """Residents with the time and the citizen engagement vote (turnout is an outcome), each
    for the proposal closest to its orientation, with noise. ``draws`` is the vote's stream (its
    lever's): a chance and a taste for every resident, whoever can vote."""
    s = model.residents_state
    chance_draw = draws.random(s.n)
    taste = draws.gumbel(0.0, 0.2, (s.n, len(ballot.kinds)))
    chance = ballot.base_turnout * s.citizen * (0.5 + s.orientation) * trust_factor(model)
    voters = np.flatnonzero((time_left(model) >= ballot.vote_h) & (s.burnout_weeks_left == 0)
                            & (chance_draw < chance))
    s.civic_h[voters] += ballot.vote_h
    appeal = np.array([PROJECT_APPEAL[k] for k in ballot.kinds])
    fit = -np.abs(s.orientation[voters, None] - appeal[None, :])
    choice = np.argmax(fit + taste[voters], axis=1)
    return Tally(voters=voters, choice=choice, votes=np.bincount(choice, minlength=len(ballot.kinds)))


def hear_results(model: CityModel, tally: Tally, funded: list[int], weeks: int) -> None:
    """A resident whose project was funded feels heard until the next vote."""
    heard = tally.voters[np.isin(tally.choice, funded)]
    model.residents_state.heard_weeks_left[heard] = weeks
