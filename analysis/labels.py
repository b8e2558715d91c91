"""The report's own words (titles, leads, axis words), one dict per language (``--lang en|fr``).

Indicators, criteria and table keys are named by the registry (`simulation.registry`),
readings by `simulation.vocabulary`; `label` looks a key up in all three. The keys are the
same in each language; a test checks it, so a new label cannot be forgotten in one of them.
"""

from __future__ import annotations

from simulation import registry, vocabulary
from simulation.vocabulary import Reading

DIRECTION_WORDS = {1: "higher_better", -1: "lower_better", 0: "no_direction"}
"""The label of each better direction (`simulation.registry.Better.sign`)."""

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Digital city simulation report",
        "generated": "Results folder {path}; experiment {name} ({design} design, {scenarios}, {points}, "
                     "{replications}, {weeks}).",
        "n_scenario_one": "{n} scenario",
        "n_scenario_many": "{n} scenarios",
        "n_point_one": "{n} design point",
        "n_point_many": "{n} design points",
        "n_replication_one": "{n} replication",
        "n_replication_many": "{n} replications",
        "n_week_one": "{n} week",
        "n_week_many": "{n} weeks",
        "percent": "{v}%",
        "contents": "Contents",
        "summary": "Summary",
        "summary_lead": "What was run and how to read the figures.",
        "window": "Values averaged over {window} of each run, then over replications.",
        "timeseries": "Indicators over time",
        "timeseries_lead": "Mean across runs per scenario (line) and the 5-95% band across replications "
                           "(and design points, in a sweep).",
        "comparison": "Comparison with the baseline",
        "comparison_lead": "Paired differences with the baseline scenario (same seed, same replication), "
                           "95% bootstrap intervals over replications. Better / worse: the interval excludes "
                           "zero and the difference is at least the indicator's smallest meaningful "
                           "difference (SMD), read with its direction; no meaningful change: the whole "
                           "interval lies within one SMD of zero; inconclusive: neither, yet.",
        "comparison_pooled": "Sweep with many design points: effects are pooled over the points "
                             "(pairs = point x replication).",
        "comparison_none": "Only one scenario in this folder: nothing to compare.",
        "policy": "Policy mix: wins and losses per indicator",
        "policy_lead": "No indicator is traded against another: each column gives the verdict; an option "
                       "is dominated when another is at least as good everywhere and better somewhere "
                       "(differences below an SMD are ties).",
        "radar": "Platforms: the six criteria of destabilisation",
        "radar_lead": "Each platform's criteria in the final week, mean across runs, one outline per scenario.",
        "sectors": "Sector readings: risk, tension, opportunity",
        "sectors_lead": "Share of replications in which the local authority reads each sector as a risk, "
                        "a tension or an opportunity, week by week.",
        "valueflow": "Who keeps the value",
        "valueflow_lead": "Weekly value created on the platforms and where it goes, mean over the window.",
        "demand": "Burn-out over volunteer demand",
        "demand_lead": "Burn-out rate against weekly volunteer demand per resident, mean and min-max "
                       "across replications.",
        "demand_scatter": "Sampled design: one dot per run, the line a local (loess) smoother.",
        "last_weeks": "the last {n} weeks (the whole run if shorter)",
        "all_weeks": "all weeks",
        "at_week": "week {n}",
        "demand_none": "Volunteer demand (contribution.volunteer_demand_h) was not varied in this folder.",
        "sensitivity": "Sensitivity to uncertain parameters",
        "sensitivity_lead_sobol": "Sobol indices: S1 the share of variance a parameter explains alone, ST "
                                  "including its interactions (bars: 95% intervals).",
        "sensitivity_lead_morris": "Morris screening: bars mu*, the mean absolute elementary effect "
                                   "(importance), with its 95% interval; ticks sigma, its spread (interactions, "
                                   "non-linearity).",
        "sensitivity_none": "Design {design}: sensitivity indices need a sobol or morris design.",
        "note_constant": "{scenario}: {metric} is undefined or constant over the design; skipped",
        "note_rough_sobol": "a Sobol design with N={n} base samples gives rough indices (wide intervals, values "
                            "outside [0, 1]); use points >= 128 for estimates to rely on",
        "note_replications": "Y averages {n} replications per design point",
        "note_no_indices": "design '{design}': no sensitivity indices (they need sobol or morris); robustness only",
        "own_context": "own context",
        "design_single": "single", "design_grid": "grid", "design_lhs": "Latin hypercube", "design_sobol": "Sobol",
        "design_morris": "Morris",
        "ref": "ref",
        "robustness": "Robustness across the uncertain parameters",
        "robustness_lead": "Share of design points where a scenario beats the baseline, and its worst-case "
                           "regret (largest shortfall from the best scenario at a point).",
        "warnings": "Warnings",
        "warn_few_replications": "too few replications ({n}): bootstrap intervals need at least {minimum} to "
                                 "be stable (they come out too narrow).",
        "warn_precision": "for a 95% half-width of {precision} SMD on every indicator: {needed} replications "
                          "(worst: {metric} in {scenario}; n = (1.96 sd / h)^2, h = {precision} x its SMD).",
        "warn_pass_precision": "pass --precision P to see how many replications a half-width of P smallest "
                               "meaningful differences needs.",
        "warn_thin": "no interval where fewer than 2 replications have a value: {metrics} (e.g. no gig worker, "
                     "so no median pay).",
        "warn_sampled": "design points of a sampled design are compared one by one; `citysim sensitivity` "
                        "summarises them.",
        "scenario": "scenario",
        "option": "option",
        "indicator": "indicator",
        "mean": "mean",
        "baseline_mean": "baseline",
        "difference": "difference",
        "ci": "95% interval",
        "verdict": "verdict",
        "better": "better",
        "worse": "worse",
        "no meaningful change": "no meaningful change",
        "inconclusive": "inconclusive",
        "changed": "changed (descriptive)",
        "smd": "smallest meaningful difference",
        "dominated": "dominated by",
        "wins": "better / worse",
        "flow": "goes to",
        "flow_kept_others": "hosts, merchants, cooperatives",
        "demand_axis": "volunteer demand (h per resident per week)",
        "parameter": "parameter",
        "index": "index",
        "sensitivity_scenario": "Scenario shown: {scenario}.",
        "beats_baseline": "beats baseline",
        "worst_regret": "worst-case regret",
        "points": "points",
        "higher_better": "higher is better",
        "lower_better": "lower is better",
        "no_direction": "descriptive",
    },
    "fr": {
        "title": "Rapport de simulation de la ville numérique",
        "generated": "Dossier de résultats {path} ; expérience {name} (plan {design}, {scenarios}, {points}, "
                     "{replications}, {weeks}).",
        "n_scenario_one": "{n} scénario",
        "n_scenario_many": "{n} scénarios",
        "n_point_one": "{n} point du plan",
        "n_point_many": "{n} points du plan",
        "n_replication_one": "{n} réplication",
        "n_replication_many": "{n} réplications",
        "n_week_one": "{n} semaine",
        "n_week_many": "{n} semaines",
        "percent": "{v} %",
        "contents": "Sommaire",
        "summary": "Résumé",
        "summary_lead": "Ce qui a été simulé et comment lire les figures.",
        "window": "Valeurs moyennées sur {window} de chaque simulation, puis sur les réplications.",
        "timeseries": "Indicateurs au fil du temps",
        "timeseries_lead": "Moyenne des simulations par scénario (ligne) et bande 5-95 % entre réplications "
                           "(et points du plan, pour un balayage).",
        "comparison": "Comparaison avec le scénario de référence",
        "comparison_lead": "Différences appariées avec la référence (même graine, même réplication), "
                           "intervalles bootstrap à 95 % sur les réplications. Mieux / moins bien : "
                           "l'intervalle exclut zéro et la différence atteint au moins l'écart minimal "
                           "pertinent de l'indicateur (EMP), selon son sens ; pas de "
                           "changement notable : tout l'intervalle tient dans un EMP autour de zéro ; "
                           "non concluant : ni l'un ni l'autre, pour l'instant.",
        "comparison_pooled": "Balayage à nombreux points : effets regroupés sur les points "
                             "(paires = point x réplication).",
        "comparison_none": "Un seul scénario dans ce dossier : rien à comparer.",
        "policy": "Bouquet de politiques : gains et pertes par indicateur",
        "policy_lead": "Aucun indicateur n'est compensé par un autre : chaque colonne donne le verdict ; une "
                       "option est dominée quand une autre fait au moins aussi bien partout et mieux "
                       "quelque part (un écart inférieur à un EMP compte comme une égalité).",
        "radar": "Plateformes : les six critères de déstabilisation",
        "radar_lead": "Critères de chaque plateforme la dernière semaine, moyenne des simulations, un contour "
                      "par scénario.",
        "sectors": "Lecture des secteurs : risque, tension, opportunité",
        "sectors_lead": "Part des réplications où la collectivité lit chaque secteur comme un risque, une "
                        "tension ou une opportunité, semaine par semaine.",
        "valueflow": "Qui garde la valeur",
        "valueflow_lead": "Valeur créée chaque semaine sur les plateformes et sa destination, moyenne sur la "
                          "fenêtre.",
        "demand": "Burn-out selon la demande de contribution",
        "demand_lead": "Taux de burn-out selon la demande hebdomadaire de contribution bénévole par "
                       "habitant, moyenne et min-max entre réplications.",
        "demand_scatter": "Plan échantillonné : un point par simulation, la ligne un lissage local (loess).",
        "last_weeks": "les {n} dernières semaines (toute la simulation si elle est plus courte)",
        "all_weeks": "toutes les semaines",
        "at_week": "la semaine {n}",
        "demand_none": "La demande de contribution (contribution.volunteer_demand_h) ne varie pas dans ce "
                       "dossier.",
        "sensitivity": "Sensibilité aux paramètres incertains",
        "sensitivity_lead_sobol": "Indices de Sobol : S1 la part de variance expliquée par un paramètre seul, "
                                  "ST avec ses interactions (barres : intervalles à 95 %).",
        "sensitivity_lead_morris": "Criblage de Morris : barres mu*, l'effet élémentaire absolu moyen "
                                   "(importance), avec son intervalle à 95 % ; traits sigma, sa dispersion "
                                   "(interactions, non-linéarité).",
        "sensitivity_none": "Plan {design} : les indices de sensibilité demandent un plan sobol ou morris.",
        "note_constant": "{scenario} : {metric} est indéfini ou constant sur le plan ; écarté",
        "note_rough_sobol": "un plan de Sobol de N = {n} échantillons de base donne des indices grossiers "
                            "(intervalles larges, valeurs hors de [0, 1]) ; il faut au moins 128 points pour s'y fier",
        "note_replications": "Y est la moyenne de {n} réplications par point du plan",
        "note_no_indices": "plan {design} : pas d'indices de sensibilité (il faut un plan sobol ou morris) ; "
                           "robustesse seulement",
        "own_context": "son propre contexte",
        "design_single": "simple", "design_grid": "en grille", "design_lhs": "en hypercube latin",
        "design_sobol": "de Sobol", "design_morris": "de Morris",
        "ref": "réf.",
        "robustness": "Robustesse face aux paramètres incertains",
        "robustness_lead": "Part des points du plan où un scénario fait mieux que la référence, et son regret "
                           "maximal (plus grand écart au meilleur scénario en un point).",
        "warnings": "Avertissements",
        "warn_few_replications": "trop peu de réplications ({n}) : les intervalles par bootstrap en demandent "
                                 "au moins {minimum} pour être stables (ils sortent trop étroits).",
        "warn_precision": "pour une demi-largeur à 95 % de {precision} EMP sur chaque indicateur : {needed} "
                          "réplications (le pire : {metric} dans {scenario} ; n = (1,96 é.-t. / h)², "
                          "h = {precision} x son EMP).",
        "warn_pass_precision": "passer --precision P pour savoir combien de réplications demande une "
                               "demi-largeur de P écarts minimaux pertinents (EMP).",
        "warn_thin": "pas d'intervalle là où moins de 2 réplications ont une valeur : {metrics} (par exemple "
                     "aucun travailleur de plateforme, donc pas de rémunération médiane).",
        "warn_sampled": "les points d'un plan échantillonné sont comparés un à un ; `citysim sensitivity` "
                        "les résume.",
        "scenario": "scénario",
        "option": "option",
        "indicator": "indicateur",
        "mean": "moyenne",
        "baseline_mean": "référence",
        "difference": "différence",
        "ci": "intervalle à 95 %",
        "verdict": "verdict",
        "better": "mieux",
        "worse": "moins bien",
        "no meaningful change": "pas de changement notable",
        "inconclusive": "non concluant",
        "changed": "différent (descriptif)",
        "smd": "écart minimal pertinent",
        "dominated": "dominé par",
        "wins": "mieux / moins bien",
        "flow": "va à",
        "flow_kept_others": "hôtes, commerçants, coopératives",
        "demand_axis": "demande bénévole (h par habitant et par semaine)",
        "parameter": "paramètre",
        "index": "indice",
        "sensitivity_scenario": "Scénario représenté : {scenario}.",
        "beats_baseline": "fait mieux que la référence",
        "worst_regret": "regret maximal",
        "points": "points",
        "higher_better": "plus haut = mieux",
        "lower_better": "plus bas = mieux",
        "no_direction": "descriptif",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The report's own words in ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"--lang {lang!r}: expected one of {', '.join(LABELS)}")
    return LABELS[lang]


def design_name(design: object, lang: str = "en") -> str:
    """An experiment design's name as the reader's language says it (an unknown one as written)."""
    return LABELS[lang].get(f"design_{design}", str(design))


def label(key: str, lang: str = "en") -> str:
    """A word of the report, else a column's label (the registry), else a reading's (the
    vocabulary); an unknown key keeps its name."""
    if key in labels(lang):
        return LABELS[lang][key]
    if key in registry.COLUMNS:
        return registry.label(key, lang)
    if key in Reading:
        return vocabulary.label(Reading(key), lang)
    return key


def unit(name: str, lang: str = "en") -> str:
    """The unit of a registry column in ``lang`` (empty for an unknown column)."""
    return registry.COLUMNS[name].unit_label(lang) if name in registry.COLUMNS else ""


def titled(name: str, lang: str = "en") -> str:
    """A column's label with its unit, e.g. "burn-out rate (share of the contributor pool)"."""
    return f"{label(name, lang)} ({unit(name, lang)})" if name in registry.COLUMNS else label(name, lang)
