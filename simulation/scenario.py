"""Scenario files: TOML in, a validated, immutable `Scenario` out.

Every default below is the model's default; a scenario file overrides any of
them. Units are in the field names (`_h` hours, `_w` per week, `_eur` euros).
Sources for the defaults are in the parameter table of `docs/ODD.md`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulation.errors import ScenarioError, did_you_mean, format_validation_error, read_toml
from simulation.inputs import DisplayName, Identifier, Text, refuse_unbounded
from simulation.interventions import Intervention, InterventionSpec
from simulation.overrides import set_dotted


def _fraction(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise PydanticCustomError("citysim", "must be between 0 and 1, got {value}", {"value": value})
    return value


Fraction = Annotated[float, AfterValidator(_fraction)]
Positive = Annotated[float, Field(gt=0)]
NonNegative = Annotated[float, Field(ge=0)]
BetaShape = tuple[Positive, Positive]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _hm(hours: int, minutes: int) -> float:
    return hours + minutes / 60.0


TIME_USE_2010 = (
    # (paid work and study incl. commuting, domestic and care) in hours per average day
    (_hm(4, 19), _hm(2, 43)), (_hm(4, 54), _hm(2, 0)),  # living alone: woman, man
    (_hm(3, 54), _hm(3, 45)),  # single parent, children aged 3 or more: woman (men: too few to report)
    (_hm(3, 32), _hm(3, 28)), (_hm(5, 26), _hm(2, 7)),  # couple without children
    (_hm(3, 46), _hm(4, 5)), (_hm(5, 52), _hm(2, 10)),  # couple, 1 child aged 3 or more
    (_hm(3, 51), _hm(4, 23)), (_hm(5, 37), _hm(2, 16)),  # couple, 2 children aged 3 or more
    (_hm(3, 23), _hm(4, 32)), (_hm(5, 56), _hm(2, 25)),  # couple, 3 children aged 3 or more
    (_hm(3, 6), _hm(5, 29)), (_hm(5, 18), _hm(3, 9)),  # couple, 1 child under 3
    (_hm(2, 19), _hm(5, 57)), (_hm(5, 6), _hm(3, 17)),  # couple, 2 children, one under 3
    (_hm(1, 10), _hm(7, 14)), (_hm(5, 7), _hm(3, 26)),  # couple, 3 children, one under 3
)
"""INSEE, Enquête Emploi du temps 2010, "Principaux temps sociaux au cours d'une journée moyenne selon
le type de ménage en 2010" (France métropolitaine, aged 15-60, excluding students and retired): work,
study and training; domestic time (housework, shopping, childcare, DIY, gardening)."""


class Residents(_Section):
    """Initial distributions of the residents' attributes (drawn once, from the run's seed)."""

    physiological_h: Annotated[float, Field(ge=0.0, le=168.0)] = 7 * _hm(11, 45)
    """Weekly sleep, meals and personal care: 8 h 30 + 2 h 13 + 1 h 02 per average day (INSEE Première
    1377, 2011, Enquête Emploi du temps 2010), x 7."""
    time_use_profiles: tuple[tuple[NonNegative, NonNegative], ...] = Field(TIME_USE_2010, min_length=1)
    """(paid work and study, domestic and care) hours per average day, one profile per household type and
    sex (`TIME_USE_2010`). Each resident draws one with equal chance (assumption: the survey's household
    weights are not modelled)."""
    time_use_spread: NonNegative = 0.2
    """Log-normal spread of a resident's work and domestic hours around its profile (assumption)."""
    min_discretionary_h: NonNegative = 2.0
    """Discretionary hours a week nobody goes below (assumption)."""
    mobility_w: Fraction = 0.00141
    """Weekly chance a resident moves out of the city and a newcomer (a fresh draw) moves in: 10.1% of
    residents moved in 2021, 70% of them to another commune, so 7.1% a year (INSEE Première 1954, 2023)."""
    citizen_beta: BetaShape = (2.0, 3.0)
    consumer_beta: BetaShape = (3.0, 2.0)
    contributor_beta: BetaShape = (0.3, 2.5)
    """Contributor engagement: a strongly skewed Beta, so few residents are very engaged (1-9-90)."""
    match_beta: BetaShape = (1.0, 1.0)
    """How volunteering for the city's services suits a resident: how well one of its episodes goes when
    the request fits its week, leaves it rested and others help (`contribution.episodes`). Unknown to the
    resident until it tries (uniform: assumption)."""
    worker_share: Fraction = 0.01
    """Share of residents who do gig work at all (ARPE: ~100,000 couriers in France, more in cities)."""
    worker_engagement: tuple[Fraction, Fraction] = (0.3, 1.0)
    orientation_beta: BetaShape = (2.0, 2.0)
    """Consumer (0) vs citizen (1) orientation."""
    literacy_beta: BetaShape = (4.0, 2.0)
    trust_beta: BetaShape = (5.0, 5.0)
    base_income_median_eur_w: Positive = 468.0
    """Weekly income outside gig work: the median disposable income per consumption unit in France in
    2022, EUR 24,330 a year / 52 (INSEE, niveau de vie et indicateurs d'inégalités)."""
    base_income_sigma: NonNegative = 0.475
    """Log-normal spread of that income, from INSEE 2022's D9/D1 = 3.38: ln(3.38) / (2 x 1.2816); it gives
    D1 and D9 within 2.5% of INSEE's EUR 12,970 and 43,840."""
    service_budget_share: Fraction = 0.1
    """Share of its income a resident puts aside each week for the services the model represents (meals
    delivered, rides, short stays, goods bought through platforms); assumption."""
    reservation_wage_eur_h: tuple[NonNegative, NonNegative] = (8.0, 14.0)
    """Net hourly pay below which a worker supplies few hours (around the EUR 11.65 minimum wage)."""

    @model_validator(mode="after")
    def _ordered_ranges(self) -> Residents:
        for name in ("worker_engagement", "reservation_wage_eur_h"):
            low, high = getattr(self, name)
            if low > high:
                raise PydanticCustomError(
                    "citysim",
                    "{name}: lower bound {low} is above upper bound {high}",
                    {"name": name, "low": low, "high": high},
                )
        return self


class Employment(_Section):
    """Working lives (issue #21): each resident's employment status, drawn jointly with its income, sets
    its paid hours and whether it would do platform work at all (`simulation/employment.py`).

    Off (the default), a resident's paid work is its household profile's average day (`time_use_profiles`)
    and anyone may be a gig worker with chance `residents.worker_share`, as in rounds one and two."""

    working_lives: bool = False
    """Draw employment statuses (switch on); off, the time-use profiles' work hours of rounds one and two."""
    status_shares: tuple[Fraction, ...] = (0.414, 0.096, 0.055, 0.109, 0.261, 0.065)
    """Shares of residents aged 15 or more: employed full time, employed part time, unemployed, student,
    retired, otherwise inactive (`employment.Status`). INSEE (Guggemos and Vidalenc 2014), France
    métropolitaine 2013: 25.8 M employed, 2.8 M unemployed, 22.0 M inactive of 50.6 M aged 15 or more;
    18.8 % of the employed part time (INSEE, Enquête Emploi 2015, secondary); the inactive split 60 %
    retired, 25 % students, 15 % otherwise inactive is an assumption."""
    full_time_h: NonNegative = 39.0
    """Usual weekly hours of a full-time job (INSEE, Enquête Emploi: about 39 h, secondary; commuting is
    not included: an assumption that errs towards more free time)."""
    part_time_h: NonNegative = 23.0
    """Usual weekly hours of a part-time job (about 23 h, INSEE, Enquête Emploi, secondary)."""
    study_h: NonNegative = 30.0
    """Weekly hours of classes and study of a student (assumption)."""
    income_rank_correlation: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.5
    """Correlation, on the normal scale, between a resident's income and its place on the status ladder
    (unemployed, otherwise inactive, student, retired, part time, full time: lowest to highest typical
    income); a Gaussian copula, so the income marginal stays `base_income_*`'s exactly (assumption)."""
    childless_profiles: tuple[Annotated[int, Field(ge=0)], ...] = Field((0, 1, 3, 4), min_length=1)
    """Rows of `residents.time_use_profiles` without children (living alone; couples without children),
    from which retired residents and students draw their care: the survey's profiles are of people aged
    15-60 who are neither, so a parent's care is not given to them (assumption)."""
    gig_open_ratio: NonNegative = 2.0
    """How much likelier a part-timer, an unemployed resident or a student is than a full-time employee
    or an otherwise inactive resident to be open to platform work at all; retired residents are not. The
    chances are scaled so that `residents.worker_share` of residents are open on average (assumption;
    Eurostat's 2022 pilot: platform work is more common under 30)."""

    @model_validator(mode="after")
    def _six_shares_summing_to_one(self) -> Employment:
        if len(self.status_shares) != 6 or abs(sum(self.status_shares) - 1.0) > 1e-6:
            raise PydanticCustomError(
                "citysim",
                "status_shares: six shares (full time, part time, unemployed, student, retired, inactive) "
                "summing to 1 are needed, got {shares}",
                {"shares": list(self.status_shares)},
            )
        return self


class Contribution(_Section):
    """Volunteer requests of the public services, fatigue and burn-out."""

    volunteer_demand_h: NonNegative = 0.1
    """Weekly volunteer hours the public services ask, per resident of the city."""
    active_threshold: Fraction = 0.15
    """Contributor engagement from which a resident answers the services' weekly call for volunteers (and
    below which it never does); with `episodes`, from which it answers every call before any episode, and
    below which it answers now and then (`residents.first_propensity`)."""
    request_concentration: NonNegative = 2.0
    """Requests go to active contributors in proportion to engagement ** this exponent."""
    capacity_h: Positive = 3.0
    """Hours per week a fully engaged contributor gives without tiring (scaled by engagement)."""
    fatigue_gain: NonNegative = 0.15
    """Fatigue added per week per unit of load above capacity (load = hours given / capacity)."""
    fatigue_recovery: NonNegative = 0.05
    """Fatigue removed per week at zero load (less as load approaches capacity)."""
    fatigue_gain_factor: NonNegative = 1.0
    """Multiplier on fatigue_gain (recognition lowers it; interventions change it)."""
    burnout_threshold: Positive = 1.0
    """Mean fatigue at which a contributor burns out; each resident's is drawn in +-50%."""
    episodes: bool = False
    """Volunteering comes in episodes (issue #21): each resident answers the services' weekly call with a
    propensity that its engagement sets and its episodes move (`answer_sharpness`, `trial_outcomes`,
    `propensity_learning`, `quit_propensity`, `residents.match_beta`). Off (the default until demand and
    capacity are pinned by data: ODD section 7.6): every resident engaged at `active_threshold` or more
    and not burned out answers every call, and nothing moves that (the rule of rounds one and two)."""
    trial_outcomes: bool = True
    """With episodes: a resident's propensity to answer the services' call moves with how its episodes of volunteering
    went, and it withdraws when the propensity falls below `quit_propensity` (switch off: it keeps the
    propensity its engagement gives, and never withdraws for how its episodes went)."""
    propensity_learning: Fraction = 0.5
    """Share of the way its propensity moves, after an episode, towards what the episode's outcome makes it:
    linear-operator learning (Bush and Mosteller 1955) (assumption)."""
    answer_sharpness: Annotated[float, Field(gt=0.0, le=64.0)] = 2.0
    """Exponent of engagement over the active threshold in the chance to answer a call before any episode
    (`residents.first_propensity`): 1 in proportion, larger ever closer to a sharp threshold (assumption)."""
    quit_propensity: Fraction = 0.02
    """Propensity below which a resident withdraws from volunteering: about one call answered a year
    (0.02 x 52 = 1.04) (assumption)."""
    base_burnout_hazard_w: Fraction = 0.001
    """Weekly burn-out chance of a contributor who gave time, rising 5x as fatigue nears the
    threshold (CommonersFramework: 0.001, x5 without thanks)."""
    recovery_weeks: Annotated[int, Field(ge=1)] = 26
    burnout_engagement_loss: Fraction = 0.5
    """Share of contributor engagement lost after a burn-out."""
    burnout_trust_loss: Fraction = 0.3
    """Share of trust in the authority lost at burn-out."""
    declining: bool = True
    """Contributors decide how much of a request to accept (switch off: they accept all they are asked,
    as far as their time allows)."""
    reask_rounds: Annotated[int, Field(ge=0, le=10)] = 1
    """The services' rule for declined hours: asked again, within the week, of contributors with time to
    spare, this many times (0: declined hours go unserved) (assumption)."""
    reask_through_ties: Fraction = 0.5
    """Share of the hours a contributor declines that is asked of its own neighbours with room (a
    volunteer asks friends to take over); the rest goes back to the services' pool (assumption)."""
    demand_schedule: list[tuple[Annotated[int, Field(ge=0)], NonNegative]] = Field(default_factory=list)
    """Volunteer demand over time, as (week, hours per resident per week) points, linear in between and
    flat beyond (empty: `volunteer_demand_h` throughout)."""
    substeps: Annotated[int, Field(ge=1, le=16)] = 1
    """Sub-steps per week over which fatigue and burn-out are integrated (rates per week divided by it,
    the weekly hazard compounded): a check that the weekly step does not drive the results."""
    active_window_weeks: Annotated[int, Field(ge=1)] = 52
    """A resident counts in the burn-out rate's denominator if it gave hours in this many last weeks."""
    collapse_coverage: Fraction = 0.8
    """Contribution coverage below which a week counts towards a collapse (an observation setting)."""
    collapse_weeks: Annotated[int, Field(ge=1)] = 26
    """A run has collapsed in a week when coverage stayed below `collapse_coverage` for this many weeks
    running, that week included (an observation setting)."""
    max_requests_h: NonNegative | None = None
    """Cap on the hours asked of one contributor per week (None: no cap)."""
    crowding_out: Fraction = 0.25
    """Share of a contributor's intrinsic engagement that being paid for volunteering crowds out, from
    the week after its first paid hours, for as long as the pay lasts (Frey and Oberholzer-Gee 1997: support
    fell from ~50% to ~25% when compensation was offered)."""
    paid_capacity_gain: NonNegative = 0.3
    """Extra hours a paid contributor gives without tiring, as a share of its usual capacity
    (assumption: paid volunteering is organised like a job)."""


class Civic(_Section):
    """Civic time, trust, orientation and the social network."""

    civic_h_max: NonNegative = 2.0
    """Weekly civic hours (debates, votes, consultations) of a fully engaged citizen."""
    trust_rate_w: Fraction = 0.05
    trust_weights: tuple[Fraction, Fraction, Fraction] = (0.4, 0.3, 0.3)
    """Weights of public service coverage, control over platforms and having a voice (civic
    hours / civic_h_max) in the trust a resident converges to (modelling assumption; Allen and
    Mueller 2013: having a voice lowers burn-out)."""
    social_influence_w: Fraction = 0.05
    """Weekly pull of a resident's orientation and trust towards its neighbours' mean."""
    consumer_pull_w: Fraction = 0.004
    """Weekly drift of orientation towards the consumer pole per unit of commercial platform use."""
    orientation_memory_w: Fraction = 0.02
    """Weekly pull of orientation back towards the resident's own initial orientation."""
    network_degree: Annotated[int, Field(ge=2)] = 8
    """Neighbours per resident in the Watts-Strogatz small world (even)."""
    network_rewire: Fraction = 0.1
    trust_behaviour: bool = True
    """Trust changes what residents do: volunteering's time share, turnout, debate attendance and civic
    time all rise with trust in the authority (switch off: trust still moves, but nobody acts on it)."""
    trust_participation_weight: NonNegative = 2.0
    """Weight of (trust - 0.5) in the chance to vote, to attend a debate and in civic life's time share
    (assumption; institutional trust and participation go together, the direction of cause being open)."""
    unmet_request_trust_loss: Fraction = 0.3
    """How far a resident's trust target falls when it declined all it was asked (in proportion to the
    share declined): the authority asked more than it could give (assumption)."""
    waiting_trust_loss: Fraction = 0.3
    """How far a gig worker's trust target falls when all its logged-in hours were unpaid waiting (in
    proportion to its platform's waiting share): the authority lets platforms take its time (assumption)."""
    ties: bool = True
    """Recruitment and withdrawal travel along ties (switch off: nobody starts or stops volunteering
    because of the people it knows)."""
    recruit_rate_w: Fraction = 0.0003
    """Weekly chance, per neighbour who gave volunteer hours last week, that a resident who is not a
    contributor is recruited (assumption; being asked by someone one knows is the strongest predictor of
    volunteering: Musick and Wilson 2008)."""
    withdraw_rate_w: Fraction = 0.02
    """Weekly chance a contributor withdraws when all its neighbours have burned out or withdrawn
    recently (in proportion to their share) (assumption)."""
    withdraw_engagement_loss: Fraction = 0.5
    """Share of contributor engagement a withdrawal loses (as a burn-out's; assumption)."""
    withdrawal_memory_weeks: Annotated[int, Field(ge=1)] = 13
    """Weeks a neighbour's withdrawal counts as recent."""

    @model_validator(mode="after")
    def _weights_sum(self) -> Civic:
        if abs(sum(self.trust_weights) - 1.0) > 1e-9:
            raise PydanticCustomError(
                "citysim",
                "trust_weights: must sum to 1, got {total}",
                {"total": round(sum(self.trust_weights), 6)},
            )
        if self.network_degree % 2:
            raise PydanticCustomError("citysim", "network_degree: must be even, got {k}", {"k": self.network_degree})
        return self


class TimeUse(_Section):
    """How residents share their discretionary hours between gig work, volunteering, civic life and rest.

    Each use of time has a weight: its engagement times the exponential of what it returns this week
    (pay, recognition, trust, being heard) less what it costs (fatigue, overload); a use's share of the
    hours left after consuming services is its weight over the sum of all weights, rest included. All
    weights are modelling assumptions (ODD section 4, decisions).
    """

    competition: bool = True
    """Uses of time share one budget (switch off: each use sees the whole discretionary time as if it
    were the only one, and consuming services takes no time)."""
    rest_weight: Positive = 1.0
    """Weight of rest and leisure: the reference every other use is weighed against."""
    pay_weight: NonNegative = 4.0
    """Weight of (expected net pay / reservation wage - 1) in gig work's weight."""
    recognition_weight: NonNegative = 1.0
    """Weight of the recognition the services give in volunteering's weight."""
    trust_weight: NonNegative = 2.0
    """Weight of (trust in the authority - 0.5) in volunteering's weight: felt obligation to a trusted ask."""
    fatigue_weight: NonNegative = 2.0
    """Weight of fatigue (over the resident's burn-out threshold) against volunteering."""
    overload_weight: NonNegative = 1.0
    """Weight of a request's excess over capacity (asked / capacity - 1) against volunteering."""
    voice_weight: NonNegative = 1.0
    """Weight of being heard (a project it voted for was funded) in civic life's weight."""
    short_of_time_h: NonNegative = 2.0
    """A resident whose week binds: at most this many hours left for rest after services, gig work,
    volunteering and civic time (an observation setting: the `short_of_time_share` indicator; at the
    default it is the floor of discretionary hours, `residents.min_discretionary_h`)."""
    time_value: NonNegative = 0.5
    """Utility per hour a service takes, for a resident with `reference_free_h` free hours (scaled by
    reference / its own free hours last week: time is dearer to the busy)."""
    reference_free_h: Positive = 30.0


class Labour(_Section):
    """Gig labour supply."""

    gig_h_max: NonNegative = 45.0
    """Weekly gig hours of a fully engaged worker (a cap on what its time share gives it)."""
    wage_memory: Fraction = 0.5
    """Weight of last week's realised pay in the expected pay (MaaSSim: ~8 days of memory)."""
    switch_prob_w: Fraction = 0.1
    """Weekly chance a worker reconsiders which platform to work for."""
    pay_sensitivity_per_eur: NonNegative = 0.5
    """Logit weight of the expected net hourly pay (per EUR/h) in the choice of platform."""
    social_weight: NonNegative = 1.0
    """Logit weight of orientation x the platform's social score in the choice of platform."""


class Consumption(_Section):
    """Multinomial-logit choice of a provider in each sector (price: each sector's `price_elasticity`)."""

    convenience_weight: NonNegative = 2.0
    """Weight of the user share last week (0-1): bigger platforms are more convenient."""
    social_weight: NonNegative = 1.5
    """Weight of (2 x orientation - 1) x the provider's social score."""
    literacy_weight: NonNegative = 1.5
    """Extra utility of any digital provider for a fully literate resident."""
    word_of_mouth: bool = True
    """Choice reads what one's neighbours used last week and where they work (switch off: only the
    global user share)."""
    neighbour_use_weight: NonNegative = 1.0
    """Weight of the share of one's neighbours who used a provider last week (assumption)."""
    neighbour_work_weight: NonNegative = 1.0
    """Weight of the share of one's neighbours who work for a provider (a cooperative a neighbour rides
    for) (assumption)."""
    reliability_memory: bool = True
    """Residents expect of a provider the share of their uses it left unserved, as they remember it or as
    its app shows it (last week's share it could not serve, whichever is worse), and count as convenient
    the users a provider served, not those who chose it (switch off: choice ignores failed service)."""
    reliability_weight: NonNegative = 2.0
    """Utility a provider loses with a resident who remembers it serving none of its uses (assumption:
    as much as the convenience of the whole city using it)."""
    reliability_memory_weeks: Annotated[float, Field(ge=1.0)] = 8.0
    """Weeks over which the memory of unserved uses fades (exponential; assumption)."""


class Sector(_Section):
    name: DisplayName
    uses_per_week: NonNegative
    """Uses per week of a fully engaged consumer."""
    offline_time_h: NonNegative = 0.0
    """Hours a use takes without a digital provider (cooking, travelling, queuing) (assumption)."""
    digital_time_h: NonNegative = 0.0
    """Hours a use takes through a digital provider (ordering, waiting) (assumption): convenience is
    time saved."""
    task_h: NonNegative = 0.0
    """Hours of gig labour per use (0: no gig labour in this sector)."""
    offline_utility: float = 0.0
    """Utility of not using any digital provider (the logit's outside option)."""
    data_value_eur: NonNegative = 0.05
    """Value of the data traces one use leaves (EUR; digital labour, Casilli and Cardon 2015)."""
    price_elasticity: Annotated[float, Field(le=0.0)] = -1.0
    """Own-price elasticity of a digital provider's uses at `reference_price_eur`, for a provider with a
    small share: the logit's price weight is -price_elasticity / reference_price_eur per EUR, and its
    elasticity at share s is price_elasticity x price / reference x (1 - s)."""
    reference_price_eur: NonNegative = 0.0
    """The price per use at which `price_elasticity` is stated (0: a free service: price plays no part)."""
    supply_elasticity: NonNegative | None = None
    """Elasticity of the uses hosts or merchants offer through a platform to the payout they get per use,
    (1 - commission) x price (None: nobody outside the platform supplies the service; ignored where gig
    workers do, `task_h` > 0)."""
    supply_uses_per_resident_w: NonNegative | None = None
    """Uses per resident per week hosts or merchants offer through a platform that pays them
    `supply_payout_eur` per use (None: `uses_per_week`, what a fully engaged city could ask)."""
    supply_payout_eur: Positive | None = None
    """Payout per use at which hosts or merchants offer `supply_uses_per_resident_w` (None: a platform's own
    start payout, (1 - commission) x price of its specification)."""
    public_space_share: Fraction = 0.0
    """Share of what makes a use that takes place in the city's public space, which the authority governs
    (streets, kerbs, cycle lanes): how far a platform of the sector depends on it (criterion
    `independence`; assumption)."""

    @property
    def price_weight(self) -> float:
        """Logit utility lost per EUR of price."""
        return -self.price_elasticity / self.reference_price_eur if self.reference_price_eur > 0 else 0.0


class Suppliers(_Section):
    """Hosts and merchants who sell through a platform (a sector with `supply_elasticity`)."""

    elastic: bool = True
    """Their offer answers the payout per use (switch off: they offer whatever residents ask)."""
    adjust_weeks: Annotated[float, Field(ge=1.0)] = 8.0
    """Weeks over which their offer moves to what the payout calls for (exponential; assumption, as
    ride-hail drivers' about 8 weeks, Hall, Horton and Knoepfle 2023)."""


class PlatformSpec(_Section):
    name: DisplayName
    sector: str
    kind: Literal["commercial", "cooperative", "public"]
    commission: Fraction
    """Take rate on each transaction (Uber 25%, Uber Eats couriers 30%)."""
    price_eur: NonNegative
    """Price a consumer pays per use."""
    pay_model: Literal["per_task", "hourly"] = "per_task"
    """per_task: every hour offered is accepted and paid by the task, waiting unpaid; hourly:
    hours are accepted only as far as demand needs them, all paid (CoopCycle-like)."""
    data_intensity: Fraction = 0.5
    """Share of the value of users' traces the platform captures."""
    social_score: Fraction = 0.0
    """Alignment with public goals, as residents and the authority perceive it."""
    rule_defiance: Fraction = 0.0
    """How far it operates against local rules (contesting legitimacy)."""
    own_representation: Fraction = 0.0
    """How far it builds its own representation of the city (maps, ratings, data)."""
    public_dependence: Fraction = 0.0
    """Dependence on resources the authority controls (public data, permits, subsidies)."""
    time_per_use_h: NonNegative | None = None
    """Hours a use of it takes (None: the sector's `digital_time_h`)."""
    service_quality: float = 0.0
    """Utility its service gives a user beyond the sector's common terms, before any investment or
    data network effect (utility units, as `Sector.offline_utility`; assumption)."""
    capital_eur_per_resident: NonNegative = 0.0
    """Capital at the start, per resident of the city (EUR): platforms' money scales with the city
    (assumption; a platform raises capital for a market of a given size)."""
    fixed_cost_eur_per_resident_w: NonNegative = 0.0
    """Fixed running costs per resident of the city per week (EUR) (assumption)."""
    entry_week: Annotated[int, Field(ge=0)] | None = 0
    """Week the platform enters the city (before it, residents cannot choose it); None: it enters the
    review after its sector has been profitable (`strategies.entry_profit_eur_per_resident_w`)."""
    group: DisplayName | None = None
    """The company it belongs to: platforms of one group (in several sectors) pool their data traces,
    which makes each of them more convenient (a data network effect)."""


class Strategies(_Section):
    """How platforms set their own terms (`simulation/strategy.py`). Review period, step sizes and
    thresholds are assumptions."""

    learning: bool = True
    """Commercial platforms learn their price and commission from their results (switch off: both are
    frozen at their start values; cooperatives still break even)."""
    review_weeks: Annotated[int, Field(ge=1)] = 13
    """Weeks between two reviews of a platform's terms (a quarter: what a move did shows only once workers,
    hosts and residents have answered it, about 8 weeks for ride-hail drivers, Hall, Horton and Knoepfle
    2023), each moving one knob."""
    price_step: Fraction = 0.05
    """Relative change of the price at a review (5%)."""
    enforcement_memory_weeks: Annotated[float, Field(ge=1.0)] = 52.0
    """Weeks over which a platform remembers the city's enforcement record (the mean age of what it
    recalls of who was caught and who was not) (assumption)."""
    enforcement_prior_weeks: NonNegative = 13.0
    """Weight of the detection chance the authority's inspection budget announces, in weeks of the record:
    what a platform expects before the record says otherwise (assumption)."""
    commission_step: Fraction = 0.02
    """Change of the commission at a review (2 points)."""
    commission_range: tuple[Fraction, Fraction] = (0.0, 0.6)
    price_range: tuple[Positive, Positive] = (0.5, 2.0)
    """Prices stay within these multiples of a platform's start price."""
    dominance_share: Fraction = 0.5
    """Share of residents using it at which a growing platform turns to profit."""
    capital_floor_share: Fraction = 0.5
    """Share of its start capital below which a growing platform turns to profit."""
    entry_profit_eur_per_resident_w: NonNegative = 0.05
    """Profit per resident per week of a sector's commercial platforms over a review period above which
    a waiting entrant enters."""
    data_decay_w: Fraction = 0.02
    """Weekly share of a platform's stock of captured traces that loses its value (assumption)."""
    data_half_stock: Positive = 20.0
    """Captured traces per resident at which a platform's data capture criterion reaches 0.5."""
    data_network_weight: NonNegative = 0.5
    """Convenience (utility) that a group's data from its other sectors brings to each of its services
    at full capture (a cross-sector data network effect; assumption). A platform's own-sector data do
    not improve its service: with them the mapping market locks in (see the ODD)."""


class IncumbentSpec(_Section):
    """An incumbent of a sector (the public provider, local shops, OpenStreetMap's community): an
    actor with its own rule and budget, reacting when its sector reads as tension or risk."""

    name: DisplayName
    sector: str
    platform: str | None = None
    """The service it runs (None: the offline option of its sector, e.g. local shops)."""
    reaction: Literal["improve", "pool"] = "improve"
    """improve: invest in its service; pool: take up an open-data commons offered in its sector."""
    trigger_weeks: Annotated[int, Field(ge=1)] = 8
    """Weeks its sector must read as tension or risk before it reacts."""
    budget_eur_per_resident: NonNegative = 2.0
    """What it can spend on improving, per resident of the city (EUR) (assumption)."""
    quality_step: NonNegative = 0.1
    """Utility its service gains at each improvement, one per review period while strained (assumption)."""
    cost_eur_per_resident_per_step: NonNegative = 0.5
    """What one improvement costs per resident (EUR) (assumption)."""


def _default_incumbents() -> list[IncumbentSpec]:
    return [
        IncumbentSpec(name="OpenStreetMap community", sector="mapping", platform="OpenStreetMap", reaction="pool"),
        IncumbentSpec(name="public consultation service", sector="civic", platform="CityConsult"),
        IncumbentSpec(name="local shops", sector="commerce"),
    ]


class Incumbents(_Section):
    react: bool = True
    """Incumbents follow their rules (switch off: they never react, whatever the readings)."""
    actors: list[IncumbentSpec] = Field(default_factory=_default_incumbents)


class Authority(_Section):
    budget_eur: NonNegative = 1_000_000.0
    """Governance budget available for interventions at week 0."""
    budget_income_eur_w: NonNegative = 5_000.0
    """Weekly addition to the governance budget."""
    inspection_half_eur_per_resident_w: Annotated[float, Field(gt=0.0)] = 0.2
    """Weekly inspection spending per resident (EUR) at which a defied rule is detected with chance 1/2 a
    week at full legitimacy; each further such sum halves the chance it escapes (assumption)."""
    fine_delay_weeks: Annotated[int, Field(ge=0)] = 26
    """Weeks between a detected defiance and the platform's paying its fine (proceedings; assumption)."""
    criteria_weights: tuple[Fraction, Fraction, Fraction, Fraction, Fraction, Fraction] = (
        1 / 6,
        1 / 6,
        1 / 6,
        1 / 6,
        1 / 6,
        1 / 6,
    )
    """Weights of the six criteria in the destabilisation score (data capture, audience,
    financial power, contesting legitimacy, competing representation, independence)."""
    financial_reference_eur_per_resident: Positive = 630.0
    """What the authority commands in a year, per resident, against which a platform's capital and a
    year of its revenue are weighed (financial power = theirs / (theirs + this)): the library's EUR
    1,000,000 budget plus 52 weeks of EUR 5,000, for 2,000 residents (assumption)."""
    criteria_rate_w: Fraction = 0.1
    """Weekly adjustment rate of the criteria towards their current level."""
    risk_threshold: Fraction = 0.5
    tension_threshold: Fraction = 0.3
    """Threat (score x (1 - social score)) at or above which a platform reads as risk / tension."""
    reading_hysteresis: Fraction = 0.02
    """A sector's reading moves up only when its threat passes a threshold by this much, and back down
    only when it falls this much below (assumption): readings do not flicker."""

    @model_validator(mode="after")
    def _check(self) -> Authority:
        if abs(sum(self.criteria_weights) - 1.0) > 1e-9:
            raise PydanticCustomError(
                "citysim",
                "criteria_weights: must sum to 1, got {total}",
                {"total": round(sum(self.criteria_weights), 6)},
            )
        if self.tension_threshold > self.risk_threshold:
            raise PydanticCustomError(
                "citysim",
                "tension_threshold ({t}) must not exceed risk_threshold ({r})",
                {"t": self.tension_threshold, "r": self.risk_threshold},
            )
        return self


def _default_sectors() -> list[Sector]:
    return [
        Sector(name="delivery", uses_per_week=0.6, task_h=0.4, offline_utility=0.5, offline_time_h=0.75,
               digital_time_h=0.1, price_elasticity=-1.0, reference_price_eur=8.0, public_space_share=0.5),
        Sector(name="mobility", uses_per_week=0.4, task_h=0.6, offline_utility=0.0, offline_time_h=0.5,
               digital_time_h=0.15, price_elasticity=-0.5, reference_price_eur=18.0, public_space_share=0.5),
        Sector(name="housing", uses_per_week=0.05, offline_utility=1.0, data_value_eur=0.2, offline_time_h=1.0,
               digital_time_h=0.25, price_elasticity=-1.0, reference_price_eur=30.0, supply_elasticity=2.2,
               supply_payout_eur=25.5),
        Sector(name="mapping", uses_per_week=3.0, offline_utility=0.0, data_value_eur=0.02, offline_time_h=0.1,
               digital_time_h=0.01),
        Sector(name="civic", uses_per_week=0.3, offline_utility=0.5, offline_time_h=1.0, digital_time_h=0.2),
        Sector(name="commerce", uses_per_week=1.0, offline_utility=1.5, offline_time_h=0.75, digital_time_h=0.15,
               price_elasticity=-1.0, reference_price_eur=2.0, supply_elasticity=2.2, supply_payout_eur=1.7),
    ]


def _default_platforms() -> list[PlatformSpec]:
    P = PlatformSpec
    return [
        P(
            name="QuickEats",
            sector="delivery",
            kind="commercial",
            commission=0.30,
            price_eur=8.0,
            data_intensity=0.8,
            rule_defiance=0.5,
            own_representation=0.3,
            capital_eur_per_resident=10.0,
            fixed_cost_eur_per_resident_w=0.25,
        ),
        P(
            name="BikeCoop",
            sector="delivery",
            kind="cooperative",
            commission=0.25,
            price_eur=8.5,
            pay_model="hourly",
            data_intensity=0.1,
            social_score=0.8,
            public_dependence=0.3,
            capital_eur_per_resident=2.0,
            fixed_cost_eur_per_resident_w=0.04,
        ),
        P(
            name="RideNow",
            sector="mobility",
            kind="commercial",
            commission=0.25,
            price_eur=18.0,
            data_intensity=0.8,
            rule_defiance=0.6,
            own_representation=0.4,
            capital_eur_per_resident=25.0,
            fixed_cost_eur_per_resident_w=0.6,
        ),
        P(
            name="StayAway",
            sector="housing",
            kind="commercial",
            commission=0.15,
            price_eur=30.0,
            data_intensity=0.6,
            rule_defiance=0.7,
            own_representation=0.3,
            capital_eur_per_resident=20.0,
            fixed_cost_eur_per_resident_w=0.01,
        ),
        P(
            name="GlobalMaps",
            sector="mapping",
            kind="commercial",
            commission=0.0,
            price_eur=0.0,
            data_intensity=0.9,
            own_representation=0.9,
            service_quality=0.3,
            capital_eur_per_resident=50.0,
            fixed_cost_eur_per_resident_w=0.02,
        ),
        P(
            name="OpenStreetMap",
            sector="mapping",
            kind="cooperative",
            commission=0.0,
            price_eur=0.0,
            data_intensity=0.0,
            social_score=0.7,
            own_representation=0.6,
            public_dependence=0.2,
        ),
        P(
            name="CityConsult",
            sector="civic",
            kind="public",
            commission=0.0,
            price_eur=0.0,
            data_intensity=0.1,
            social_score=0.9,
            public_dependence=1.0,
        ),
        P(
            name="MarketPlace",
            sector="commerce",
            kind="commercial",
            commission=0.15,
            price_eur=2.0,
            data_intensity=0.7,
            own_representation=0.2,
            capital_eur_per_resident=15.0,
            fixed_cost_eur_per_resident_w=0.1,
        ),
    ]


def _fail(message: str) -> None:
    raise PydanticCustomError("citysim", message.replace("{", "{{").replace("}", "}}"))


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _no_overlapping_duplicates(specs: list[Intervention]) -> None:
    """Two interventions of one type acting on the same thing at the same time is a mistake."""
    for i, a in enumerate(specs):
        for j in range(i):
            b = specs[j]
            if a.type != b.type or not (set(a.targets()) & set(b.targets()) or not a.targets()):
                continue
            a_end = a.end_week if a.end_week is not None else float("inf")
            b_end = b.end_week if b.end_week is not None else float("inf")
            if a.start_week <= b_end and b.start_week <= a_end:
                _fail(
                    f"interventions[{i}]: overlaps interventions[{j}] "
                    f"(both {a.type} on the same target in overlapping weeks)"
                )


class Scenario(_Section):
    """A whole scenario: what a TOML file holds once validated."""

    name: Identifier = "calm_city"
    """Its identifier (`simulation.inputs`): run ids and folder names are made from it."""
    description: Text = ""
    description_fr: Text = ""
    """The description in French (for French briefs and reports)."""
    context: Identifier | None = None
    """The library context it was built from (None: a stand-alone scenario file)."""
    policy: Identifier = "none"
    """The library policy, or '+'-joined policies, applied to the context ('none': the city alone)."""
    weeks: Annotated[int, Field(ge=1, le=10_000)] = 260
    """Default horizon of a run (weeks)."""
    n_residents: Annotated[int, Field(ge=10, le=10_000_000)] = 2_000
    engine: Literal["vectorized", "reference"] = "vectorized"
    residents: Residents = Residents()
    employment: Employment = Employment()
    contribution: Contribution = Contribution()
    civic: Civic = Civic()
    time: TimeUse = TimeUse()
    labour: Labour = Labour()
    strategies: Strategies = Strategies()
    incumbents: Incumbents = Incumbents()
    consumption: Consumption = Consumption()
    suppliers: Suppliers = Suppliers()
    authority: Authority = Authority()
    sectors: list[Sector] = Field(default_factory=_default_sectors, min_length=1)
    platforms: list[PlatformSpec] = Field(default_factory=_default_platforms, min_length=1)
    interventions: list[InterventionSpec] = Field(default_factory=list)
    """The authority's interventions (`simulation/interventions.py`), each with its type."""

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        """No non-finite number and no over-long text anywhere (the levers' fields included)."""
        return refuse_unbounded(data)

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        refuse_unbounded({"interventions": [spec.model_dump() for spec in self.interventions]})  # "inf" as text
        sector_names = [s.name for s in self.sectors]
        for kind, names in (("sectors", sector_names), ("platforms", [p.name for p in self.platforms])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise PydanticCustomError(
                    "citysim", "{kind}: duplicate name(s) {dupes}", {"kind": kind, "dupes": dupes}
                )
        profiles = len(self.residents.time_use_profiles)
        if any(row >= profiles for row in self.employment.childless_profiles):
            _fail(f"employment.childless_profiles: rows {list(self.employment.childless_profiles)} of "
                  f"residents.time_use_profiles, which has {profiles}")
        for p in self.platforms:
            if p.sector not in sector_names:
                raise PydanticCustomError(
                    "citysim",
                    "platforms.{name}.sector: unknown sector '{s}'{hint} (known: {known})",
                    {"name": p.name, "s": p.sector, "hint": did_you_mean(p.sector, sector_names),
                     "known": ", ".join(sector_names)},
                )
        for i, spec in enumerate(self.interventions):
            self._check_intervention(f"interventions[{i}]", spec, sector_names)
        _no_overlapping_duplicates(self.interventions)
        platform_sector = {p.name: p.sector for p in self.platforms}
        if "incumbents" not in self.model_fields_set:  # the default incumbents this city has
            fits = [a for a in self.incumbents.actors if a.sector in sector_names
                    and (a.platform is None or platform_sector.get(a.platform) == a.sector)]
            object.__setattr__(self, "incumbents", self.incumbents.model_copy(update={"actors": fits}))
        for actor in self.incumbents.actors:
            where = f"incumbents.actors.{actor.name}"
            if actor.sector not in sector_names:
                _fail(f"{where}.sector: unknown sector '{actor.sector}'{did_you_mean(actor.sector, sector_names)}")
            if actor.platform is not None and platform_sector.get(actor.platform) != actor.sector:
                _fail(f"{where}.platform: no platform '{actor.platform}' in sector {actor.sector}"
                      f"{did_you_mean(actor.platform, list(platform_sector))}")
        return self

    def _check_intervention(self, where: str, spec: Intervention, sector_names: list[str]) -> None:
        platform_names = [p.name for p in self.platforms]
        if spec.start_week >= self.weeks:
            _fail(f"{where}.start_week: {spec.type} starts in week {spec.start_week}, after the horizon "
                  f"({self.weeks} weeks)")
        if spec.end_week is not None and spec.end_week < spec.start_week:
            _fail(f"{where}.end_week: {spec.end_week} is before start_week {spec.start_week}")
        for name in ("sector", "sectors", "priority_sectors", "aligned_sectors", "permit_sectors"):
            for value in _as_list(getattr(spec, name, None)):
                if value not in sector_names:
                    _fail(f"{where}.{name}: unknown sector '{value}'{did_you_mean(value, sector_names)} "
                          f"(known: {', '.join(sector_names)})")
        for name in ("platform", "partners", "cooperative"):
            for value in _as_list(getattr(spec, name, None)):
                if value not in platform_names:
                    _fail(f"{where}.{name}: unknown platform '{value}'{did_you_mean(value, platform_names)} "
                          f"(known: {', '.join(platform_names)})")
        for field in ("platform", "cooperative"):
            if name := getattr(spec, field, None):
                kind = next(p.kind for p in self.platforms if p.name == name)
                if kind != "cooperative":
                    _fail(f"{where}.{field}: '{name}' is {kind}, not a cooperative")
        if (then := getattr(spec, "then", None)) is not None:
            self._check_intervention(f"{where}.then", then, sector_names)

    def with_overrides(self, overrides: dict[str, Any], source: str = "<overrides>") -> Scenario:
        """A copy with dotted-path overrides (``contribution.volunteer_demand_h``), re-validated."""
        data = self.model_dump()
        for path, value in overrides.items():
            set_dotted(data, path, value, source)
        return validate_scenario(data, source)


def validate_scenario(data: dict, source: str = "<scenario>") -> Scenario:
    """Validate a raw mapping; raise `ScenarioError` with one clear line per problem."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = [format_validation_error(e, source, data, Scenario) for e in exc.errors()]
        raise ScenarioError("\n".join(lines)) from None


def load_scenario(path: str | Path | None = None) -> Scenario:
    """Read and validate a scenario file (the library's calm city when ``path`` is None)."""
    if path is None:
        from simulation.library import load_context

        return load_context("calm_city")
    return validate_scenario(read_toml(Path(path)), str(path))
