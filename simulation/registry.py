"""The registry of indicator facts: one declaration per measured quantity.

For each column the model writes (the weekly indicators, the platform table, the
sector table) it says its unit, its type, which direction is better for the city,
its **smallest meaningful difference** (SMD: the resolution at which a city would
act, set before any measurement; change one only with a written reason, never to
pass a test) and its labels in English and French. `simulation.indicators`, the
analysis, the report, the command line and the dashboard all read it.

Importing it costs nothing (no Mesa, numpy or polars), so `import analysis` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Better(StrEnum):
    """Which way an indicator is better for the city."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"  # descriptive (a count, a cost, a level): no verdict of better or worse

    @property
    def sign(self) -> int:
        return {Better.HIGHER: 1, Better.LOWER: -1, Better.NEITHER: 0}[self]


UNITS: dict[str, tuple[str, str]] = {
    "share_contributors": ("share of the contributor pool", "part du vivier de contributeurs"),
    "share_residents": ("share of residents", "part des habitants"),
    "share_asked": ("share of hours asked", "part des heures demandées"),
    "share_new_contributors": ("share of new contributors", "part des nouveaux contributeurs"),
    "share_neighbours": ("share of neighbours", "part des voisins"),
    "ratio": ("ratio", "rapport"),
    "share_hours": ("share of volunteer hours", "part des heures bénévoles"),
    "share_value": ("share of value created", "part de la valeur créée"),
    "share_uses": ("share of gig-service uses", "part des usages des services à la demande"),
    "share_income": ("share of residents' total income", "part du revenu total des habitants"),
    "share_logged_in": ("share of logged-in hours", "part des heures connectées"),
    "share_demand": ("share of gig-service uses asked for", "part des usages demandés aux services à la demande"),
    "share_budget_income": ("share of residents' income", "part du revenu des habitants"),
    "provider_weeks_year": ("provider-weeks per year", "semaines-prestataires par an"),
    "index": ("index, 0 to 1", "indice, de 0 à 1"),
    "gini": ("Gini coefficient, 0 to 1", "coefficient de Gini, de 0 à 1"),
    "per_1000_year": ("per 1,000 residents per year", "pour 1 000 habitants par an"),
    "eur_h": ("EUR per hour", "EUR par heure"),
    "eur_resident_week": ("EUR per resident per week", "EUR par habitant et par semaine"),
    "eur": ("EUR", "EUR"),
    "eur_week": ("EUR per week", "EUR par semaine"),
    "eur_worker_week": ("EUR per worker per week", "EUR par travailleur et par semaine"),
    "h_resident_week": ("hours per resident per week", "heures par habitant et par semaine"),
    "fatigue": ("fatigue, in units of the mean burn-out threshold", "fatigue, en seuils moyens de burn-out"),
    "count": ("count", "nombre"),
    "sectors": ("sectors", "secteurs"),
    "projects": ("projects", "projets"),
    "levers": ("levers", "leviers"),
    "residents": ("residents", "habitants"),
    "uses_week": ("uses per week", "usages par semaine"),
    "week": ("week", "semaine"),
    "label": ("label", "libellé"),
    "flag": ("yes / no", "oui / non"),
    "flag_share": ("yes / no; averaged, the share of weeks or runs", "oui / non ; en moyenne, la part des semaines "
                   "ou des simulations"),
}
"""Every unit an indicator may have, with its name in both languages."""


@dataclass(frozen=True)
class Indicator:
    """Everything the project knows about one measured column."""

    name: str
    unit: str
    """A key of `UNITS`."""
    better: Better
    smd: float | None
    """Smallest meaningful difference, in ``unit``; None only for labels and keys."""
    smd_reason: str
    en: str
    fr: str
    definition: str
    dtype: str = "Float64"
    """Its polars type: Float64, Int64, String or Boolean."""
    nullable: bool = False
    """May be undefined in a week (then null, never NaN)."""
    signed: bool = False
    """May be negative (a profit, a difference); every other indicator is zero or more."""
    headline: bool = False

    def label(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en

    def unit_label(self, lang: str = "en") -> str:
        en, fr = UNITS[self.unit]
        return fr if lang == "fr" else en

    @property
    def direction(self) -> int:
        """+1 when higher is better, -1 when lower is, 0 when neither."""
        return self.better.sign


H, L, N = Better.HIGHER, Better.LOWER, Better.NEITHER
GIVEN = "set by the foundation issue (#9) before any measurement"
ONE = "one unit: the smallest change of a count"

_WEEKLY = (
    Indicator("burnout_rate", "share_contributors", L, 0.01, GIVEN,
              "burn-out rate", "taux de burn-out",
              "burned-out residents / residents who gave volunteer hours in the last 52 weeks (a denominator "
              "that does not shrink as burned-out residents come back less engaged; redefined in round two)",
              headline=True),
    Indicator("burnout_prevalence", "share_residents", L, 0.01, GIVEN,
              "burn-out prevalence", "prévalence du burn-out",
              "burned-out residents / all residents (a denominator that does not shrink)"),
    Indicator("burnout_incidence", "per_1000_year", L, 5.0, GIVEN,
              "burn-out incidence", "incidence du burn-out",
              "new burn-outs this week per 1,000 residents, times 52"),
    Indicator("active_contributor_share", "share_residents", H, 0.01, GIVEN,
              "active contributors", "contributeurs actifs",
              "residents who gave volunteer hours this week / all residents", headline=True),
    Indicator("contribution_coverage", "share_asked", H, 0.02, GIVEN,
              "contribution coverage", "couverture de la contribution",
              "volunteer hours given / hours the public services asked", headline=True),
    Indicator("collapsed", "flag_share", L, 0.1,
              "0.1: a tenth of the runs (of a run's weeks, averaged over a window) collapsed (assumption)",
              "volunteering collapsed", "bénévolat effondré",
              "contribution coverage has stayed below `contribution.collapse_coverage` (0.8) for "
              "`contribution.collapse_weeks` (26) weeks running, this week included; read in a run's last "
              "week, whether the run ended collapsed (`analysis.tipping.collapse_shares`)", dtype="Boolean"),
    Indicator("declined_share", "share_asked", N, 0.02, GIVEN,
              "declined share", "part refusée",
              "volunteer hours declined / volunteer hours asked of residents this week (re-asks included)"),
    Indicator("recruited_share", "share_new_contributors", N, 0.02,
              "0.02: as the other shares of people (assumption)",
              "recruited through a tie", "recrutés par un proche",
              "new contributors this week (first hours since they live here) who were recruited by neighbours "
              "/ all new contributors this week (undefined in a week without any)", nullable=True),
    Indicator("burnout_neighbour_share", "share_neighbours", L, 0.01, "as the burn-out prevalence",
              "burned-out neighbours of the burned out", "voisins en burn-out des personnes en burn-out",
              "mean, over burned-out residents, of the share of their neighbours who are burned out "
              "(undefined without any)", nullable=True),
    Indicator("burnout_clustering", "ratio", N, 0.1,
              "0.1: a tenth of the no-clustering value of 1 (assumption)",
              "clustering of burn-out", "regroupement du burn-out",
              "burned-out neighbours of the burned out / burn-out prevalence: 1 when burn-out falls at random "
              "on the network, above 1 when it clusters (undefined without any)", nullable=True),
    Indicator("contribution_top10_share", "share_hours", L, 0.02, GIVEN,
              "top-10% contribution share", "part des 10 % premiers contributeurs",
              "share of about a year of volunteer hours (each resident's exponentially weighted sum, 52 weeks) "
              "given by the top 10% of residents", headline=True),
    Indicator("contribution_top1_share", "share_hours", L, 0.01, GIVEN,
              "top-1% contribution share", "part des 1 % premiers contributeurs",
              "share of about a year of volunteer hours given by the top 1% of residents"),
    Indicator("contribution_gini", "gini", L, 0.02, GIVEN,
              "contribution Gini", "Gini de la contribution",
              "Gini coefficient of about a year of volunteer hours over all residents"),
    Indicator("platform_value_share", "share_value", L, 0.01, GIVEN,
              "platform value share", "part de valeur captée par les plateformes",
              "value commercial platforms captured / value created, from the ledger (`simulation/ledger.py`): "
              "created = what households and the authority paid for platform services + what outside buyers "
              "paid for data; captured = what commercial platforms kept of it (commissions and data sales), "
              "in every sector", headline=True),
    Indicator("worker_hourly_net_median", "eur_h", H, 0.25, GIVEN,
              "gig workers' net pay", "revenu net des travailleurs des plateformes",
              "median over residents who worked gig hours of earnings / gig hours", nullable=True,
              headline=True),
    Indicator("coop_market_share", "share_uses", H, 0.02, GIVEN,
              "cooperative market share", "part de marché des coopératives",
              "uses served by cooperatives / uses served in gig-labour sectors", headline=True),
    Indicator("trust_mean", "index", H, 0.02, GIVEN,
              "trust in the authority", "confiance envers la collectivité",
              "mean trust of residents in the local authority", headline=True),
    Indicator("income_gini", "gini", L, 0.01,
              "0.01: the smallest change of a Gini coefficient national statistics offices report as a change "
              "(assumption)",
              "income Gini", "Gini des revenus", "Gini coefficient of weekly income (base + gig earnings)"),
    Indicator("citizen_orientation_mean", "index", H, 0.02, GIVEN,
              "citizen orientation", "orientation citoyenne",
              "mean orientation, 0 consumer to 1 citizen", headline=True),
    Indicator("fatigue_mean", "fatigue", L, 0.05,
              "5% of the mean burn-out threshold: a twentieth of the way to burn-out (assumption)",
              "mean fatigue", "fatigue moyenne", "mean fatigue of all residents"),
    Indicator("consumption_hours_mean", "h_resident_week", N, 0.02,
              "0.02 h (about a minute): some 5% of the calm city's 0.41 h a week using services (assumption)",
              "time using services", "temps passé à utiliser des services",
              "mean hours per resident spent using services (offline or digital)"),
    Indicator("gig_hours_mean", "h_resident_week", N, 0.01,
              "0.01 h: about 3% of the baseline's mean (~0.3 h), at the resolution of the share SMDs (assumption)",
              "gig hours", "heures de travail à la demande", "mean gig hours worked per resident"),
    Indicator("contribution_hours_mean", "h_resident_week", H, 0.002,
              "0.002 h: coverage's SMD (0.02) at the default demand of 0.1 h per resident",
              "volunteer hours", "heures bénévoles", "mean volunteer hours given per resident"),
    Indicator("civic_hours_mean", "h_resident_week", H, 0.02,
              "0.02 h: about 3% of the baseline's mean civic time (~0.6 h) (assumption)",
              "civic hours", "heures citoyennes", "mean civic hours (debates, votes, consultations) per resident"),
    Indicator("short_of_time_share", "share_residents", L, 0.01, "as the other shares of residents (assumption)",
              "short of time", "à court de temps",
              "residents left with at most `time.short_of_time_h` (2) hours of rest this week after services, "
              "gig work, volunteering and civic time / all: those whose week binds"),
    Indicator("gig_worker_share", "share_residents", N, 0.002,
              "0.002: a fifth of the default worker share (0.01); a change a labour inspectorate would see "
              "(assumption)",
              "gig workers", "travailleurs des plateformes", "residents who worked gig hours this week / all"),
    Indicator("waiting_share", "share_logged_in", L, 0.02, GIVEN,
              "unpaid waiting", "attente non payée",
              "logged-in hours not spent on tasks / logged-in hours (gig-labour platforms)"),
    Indicator("worker_pay_eur_per_resident", "eur_resident_week", H, 0.05,
              "EUR 0.05: about 1.5% of the baseline's workers' pay per resident (assumption)",
              "workers' pay", "rémunération des travailleurs",
              "pay of all gig workers this week / residents"),
    Indicator("platform_revenue_eur_per_resident", "eur_resident_week", L, 0.05,
              "EUR 0.05 per resident per week, as workers' pay (assumption)",
              "platforms' revenue", "revenus des plateformes",
              "what all platforms (cooperative and public ones too) kept of what was paid for their services, and "
              "their data sales, this week / residents (from the ledger)", headline=True),
    Indicator("data_value_eur_per_resident", "eur_resident_week", N, 0.005,
              "EUR 0.005: about 5% of the baseline's data value per resident (~EUR 0.1) (assumption)",
              "value of data traces", "valeur des traces numériques",
              "value of the data traces residents left this week / residents"),
    Indicator("data_captured_eur_per_resident", "eur_resident_week", L, 0.005,
              "as the value of data traces",
              "data value captured by platforms", "valeur des données captée par les plateformes",
              "value of residents' data traces platforms kept this week (not shared with the city) / residents"),
    Indicator("courier_net_income_eur", "eur_worker_week", H, 4.0,
              "EUR 4: the SMD of net hourly pay (EUR 0.25) over the baseline's ~16 gig hours per worker per week",
              "couriers' net income", "revenu net des coursiers",
              "mean weekly gig earnings, net of commission, of residents who worked gig hours (couriers and "
              "drivers)", nullable=True, headline=True),
    Indicator("income_share_bottom20", "share_income", H, 0.001,
              "0.1 percentage point: the resolution at which statistics offices publish income shares by "
              "quintile (assumption)",
              "income share of the poorest fifth", "part du revenu du cinquième le plus pauvre",
              "weekly income (base + gig earnings) of the poorest 20% of residents / all residents' income",
              headline=True),
    Indicator("value_kept_eur_per_resident", "eur_resident_week", H, 0.05,
              "EUR 0.05 per resident per week, as workers' pay (assumption)",
              "value kept by residents and workers", "valeur gardée par les habitants et les travailleurs",
              "value created less what commercial platforms captured, this week / residents (from the ledger): "
              "workers' pay, hosts' and merchants' payouts, what cooperatives and public services keep", headline=True),
    Indicator("value_captured_eur_per_resident", "eur_resident_week", L, 0.05,
              "EUR 0.05 per resident per week, as value kept (assumption)",
              "value captured by commercial platforms", "valeur captée par les plateformes commerciales",
              "what commercial platforms kept of what was paid for their services, and their data sales, this "
              "week / residents (from the ledger); with value kept, the value created"),
    Indicator("unserved_share", "share_demand", L, 0.02, "0.02: set by the economy issue (#19)",
              "unserved demand", "demande non servie",
              "gig-service uses residents and the authority asked for that no worker served / uses asked for"),
    Indicator("hollow_provider_weeks", "provider_weeks_year", L, 1.0, "one provider-week a year: set by the economy "
              "issue (#19)",
              "hollow provider-weeks", "semaines de prestataires creux",
              "providers chosen by at least 5% of residents that served under 10% of the uses asked of them this "
              "week, times 52 (its mean over a year is the year's count)"),
    Indicator("household_spending_share", "share_budget_income", N, 0.001,
              "0.1 percentage point: the resolution at which INSEE publishes budget shares (assumption)",
              "households' spending on services", "dépenses des ménages en services",
              "what residents paid for the services they were served / their income (base, before gig pay) "
              "this week"),
    Indicator("budget_short_share", "share_residents", L, 0.01, "0.01: as the other shares of residents "
              "(assumption)",
              "residents short of money", "habitants à court d'argent",
              "residents who could not pay for every use they chose this week (they forgo the rest) / residents"),
    Indicator("platform_profit_eur_per_resident", "eur_resident_week", N, 0.05,
              "EUR 0.05 per resident per week, as platforms' revenue (assumption)",
              "platforms' profit", "profit des plateformes",
              "commercial platforms' commissions + captured data value - fixed costs this week / residents",
              signed=True),
    Indicator("objective_progress", "index", H, 0.02, GIVEN,
              "grand objective progress", "progrès vers le grand objectif",
              "progress towards the grand objective, 0 to 1 (0 without one)"),
    Indicator("agora_attendance", "share_residents", N, 0.005,
              "as vote turnout: half a percentage point of residents",
              "agora attendance", "participation à l'agora",
              "share of residents at this week's debate (0 in weeks without one)"),
    Indicator("last_vote_turnout", "share_residents", H, 0.005, GIVEN,
              "vote turnout", "participation au vote",
              "share of residents who voted at the latest participatory vote (kept between votes)"),
    Indicator("projects_funded", "projects", N, 1.0, ONE,
              "projects funded", "projets financés", "cumulative number of participatory projects funded",
              dtype="Int64"),
    Indicator("interventions_active", "levers", N, 1.0, ONE,
              "active levers", "leviers actifs", "governance levers active this week", dtype="Int64"),
    Indicator("authority_spent_eur", "eur", N, 10_000.0,
              "EUR 10,000: a budget line a council votes on separately (assumption)",
              "authority's spending", "dépenses de la collectivité",
              "the authority's cumulative spending on levers"),
    Indicator("legitimacy", "index", H, 0.02, "as trust, which it equals",
              "legitimacy", "légitimité", "the authority's legitimacy: residents' mean trust this week"),
    Indicator("authority_budget_eur", "eur", N, 10_000.0, "as the authority's spending",
              "authority's budget", "budget de la collectivité", "governance budget left"),
    Indicator("risk_sectors", "sectors", L, 1.0, ONE,
              "sectors read as risk", "secteurs lus comme risque", "sectors the authority reads as risk",
              dtype="Int64"),
    Indicator("tension_sectors", "sectors", N, 1.0, ONE,
              "sectors read as tension", "secteurs lus comme tension", "sectors the authority reads as tension",
              dtype="Int64"),
    Indicator("opportunity_sectors", "sectors", H, 1.0, ONE,
              "sectors read as opportunity", "secteurs lus comme opportunité",
              "sectors the authority reads as opportunity", dtype="Int64"),
)

CRITERIA = (
    "data_capture",
    "audience",
    "financial_power",
    "contesting_legitimacy",
    "competing_representation",
    "independence",
)
"""The seed's six criteria of destabilisation, in the order of `Authority.criteria_weights`."""

CRITERION = "0.02: a fifteenth of the gap between the tension and risk thresholds (0.3, 0.5) (assumption)"
_CRITERIA_LABELS = {
    "data_capture": ("data capture", "captation des données"),
    "audience": ("audience", "audience"),
    "financial_power": ("financial power", "puissance financière"),
    "contesting_legitimacy": ("contesting legitimacy", "contestation de la légitimité"),
    "competing_representation": ("competing representation", "représentation concurrente"),
    "independence": ("independence", "indépendance"),
}
MONEY = "EUR 100 a week: descriptive (assumption)"

_KEYS = (
    Indicator("week", "week", N, None, "a key", "week", "semaine", "week of the run, from 0", dtype="Int64"),
    Indicator("platform", "label", N, None, "a key", "platform", "plateforme", "the platform's name", dtype="String"),
    Indicator("sector", "label", N, None, "a key", "sector", "secteur", "the sector's name", dtype="String"),
    Indicator("kind", "label", N, None, "a key", "kind", "type", "commercial, cooperative or public",
              dtype="String"),
    Indicator("reading", "label", N, None, "a label (see `vocabulary.Reading`)", "reading", "lecture",
              "risk, tension or opportunity", dtype="String", nullable=True),
)

_PLATFORM = (
    Indicator("group", "label", N, None, "a key", "group", "groupe",
              "the company it belongs to (its own name when alone)", dtype="String"),
    Indicator("present", "flag", N, None, "a flag", "present", "présente", "active in the city this week",
              dtype="Boolean"),
    Indicator("status", "label", N, None, "a label", "status", "statut", "waiting, active or exited",
              dtype="String"),
    Indicator("phase", "label", N, None, "a label", "objective", "objectif",
              "what a commercial platform seeks: growth or profit (null for others)", dtype="String", nullable=True),
    Indicator("profit_eur", "eur_week", N, 100.0, MONEY, "profit", "profit",
              "commission + data revenue - fixed costs this week", signed=True),
    Indicator("defying", "label", N, None, "a label", "rules defied", "règles enfreintes",
              "the rules it defies this week, comma-separated (empty when it complies)", dtype="String"),
    Indicator("data_stock", "count", N, 1.0, ONE, "data stock", "stock de données",
              "captured traces still worth something (decaying weekly)"),
    Indicator("users", "residents", H, 1.0, ONE, "users", "utilisateurs", "residents using it this week",
              dtype="Int64"),
    Indicator("workers", "residents", N, 1.0, ONE, "workers", "travailleurs", "residents working for it this week",
              dtype="Int64"),
    Indicator("commission", "index", L, 0.01, "as the platform value share", "commission", "commission",
              "effective take rate this week (after any cap)"),
    Indicator("price_eur", "eur", N, 0.1, "10 cents a use (assumption)", "price", "prix",
              "price a resident pays per use, before any subsidy"),
    Indicator("uses_served", "uses_week", N, 1.0, ONE, "uses served", "usages servis", "uses served this week"),
    Indicator("gross_eur", "eur_week", N, 100.0, MONEY, "gross sales", "ventes brutes", "uses served x price"),
    Indicator("commission_revenue_eur", "eur_week", N, 100.0, MONEY, "commission revenue", "revenus de commission",
              "gross sales - workers' payout"),
    Indicator("data_revenue_eur", "eur_week", N, 100.0, MONEY, "data revenue", "revenus des données",
              "value of captured traces not shared with the city"),
    Indicator("worker_payout_eur", "eur_week", N, 100.0, MONEY, "workers' payout", "rémunération versée",
              "what its workers were paid this week"),
    Indicator("pay_rate_eur_h", "eur_h", H, 0.25, "as gig workers' net pay", "pay per hour worked",
              "rémunération par heure travaillée", "payout / hours accepted", nullable=True),
    Indicator("capital_eur", "eur", N, 10_000.0, "as the authority's spending", "capital", "capital",
              "the platform's capital"),
    *(Indicator(c, "index", L, 0.02, CRITERION, en, fr, f"criterion of destabilisation: {en}")
      for c, (en, fr) in _CRITERIA_LABELS.items()),
    Indicator("destabilisation", "index", L, 0.02, CRITERION, "destabilisation", "déstabilisation",
              "weighted mean of the six criteria"),
    Indicator("threat", "index", L, 0.02, CRITERION, "threat", "menace",
              "destabilisation x (1 - alignment with public goals); a sector's: its most threatening platform's"),
)

INDICATORS: dict[str, Indicator] = {i.name: i for i in _WEEKLY}
"""The weekly indicator table's columns (besides ``week``), in the order they are written."""
COLUMNS: dict[str, Indicator] = {i.name: i for i in (*_KEYS, *_WEEKLY, *_PLATFORM)}
"""Every column of every table the model writes, by name."""

PLATFORM_COLUMNS = ("week", "platform", "sector", "kind", *(i.name for i in _PLATFORM), "reading")
"""One row per platform, sector and week, whether it is in the city or not (``present``, ``status``)."""
SECTOR_COLUMNS = ("week", "sector", "threat", "reading", "worker_hourly_net_median")

HEADLINE: tuple[str, ...] = tuple(i.name for i in _WEEKLY if i.headline)
"""The headline indicators, in the order the command line prints them."""
METRICS: tuple[str, ...] = (*HEADLINE, "objective_progress")
"""What the analyses compare by default: the headline indicators and the grand objective's progress."""


def indicator(name: str) -> Indicator:
    """The facts of one column; a clear error for an unknown name."""
    try:
        return COLUMNS[name]
    except KeyError:
        raise KeyError(f"unknown indicator {name!r}") from None


def direction(name: str) -> int:
    """+1 when a higher value is better for the city, -1 when lower is, 0 for descriptive columns."""
    return indicator(name).direction if name in COLUMNS else 0


def label(name: str, lang: str = "en") -> str:
    """The column's label in ``lang``; an unknown column keeps its name."""
    return COLUMNS[name].label(lang) if name in COLUMNS else name


def polars_schema(names: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The polars type name of each column (``pl.DataType`` names, resolved by the caller)."""
    return {n: COLUMNS[n].dtype for n in names}
