"""The brief's own words in English and French, and the model's terms a reader meets in it
(lever types, sectors, kinds of platform, kinds of project, actors of the event log).

Indicators, units and verdicts are named by the registry and `analysis.labels`; a test checks
that both languages have the same keys and that every lever type, default sector and kind has
its terms, so a French brief has no English left in it.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Policy brief",
        "question": "The question",
        "question_text": "Which of these policies does best for this city, on citizen burn-out, the value kept "
                         "by residents and workers, trust in the authority and the grand objective, and how sure can "
                         "we be?",
        "short_answer": "The short answer",
        "ranked_lead": "Policies ranked within their context: first those no other option dominates (another "
                       "policy, or doing nothing, at least as good on every indicator and no dearer), then more "
                       "indicators better than worse, then fewer worse, then the lower cost. No indicator is "
                       "weighed against another.",
        "city": "The city in plain words",
        "city_text": "A city of {population} residents, simulated over {years} ({weeks}). Its public "
                     "services ask {demand} of volunteer help per resident per week; the authority has a "
                     "governance budget of EUR {budget} at the start, plus EUR {income} a week.",
        "city_platforms": "Platforms in each sector:",
        "platform_line": "{name} ({kind}, commission {commission})",
        "city_heading": "The city: {description}",
        "set_by_options": "Set for this comparison: {items}.",
        "policies": "The policies compared",
        "rank": "rank",
        "policy": "policy",
        "counts": "better / worse / no meaningful change / inconclusive",
        "cost": "cost to the authority over the horizon (EUR, 95% interval)",
        "dominated_by": "dominated by",
        "none": "none",
        "per_indicator": "Effects, indicator by indicator",
        "per_indicator_lead": "Each policy minus its context without it, same seeds, mean over {window}; 95% "
                              "interval over {replications}. The bar: the interval, right is better; the grey "
                              "band: plus or minus the smallest meaningful difference.",
        "effect": "effect",
        "interval": "95% interval",
        "verdict": "verdict",
        "decide": "about {n} paired replications would decide",
        "decide_many": "cannot be settled: the effect is about as large as the smallest meaningful difference "
                       "(over {n} replications would be needed)",
        "value_for_money": "cost-effectiveness",
        "context_value": "context alone",
        "policy_value": "with the policy",
        "semicolon": "; ",
        "smd_line": "Smallest meaningful difference: {smd} ({unit}); {better}.",
        "events_behind": "What happened behind it",
        "events_behind_none": "no lever acts on it directly: an indirect effect, through residents' time, trust "
                              "or choices",
        "events": "What happened",
        "conduct": "What the platforms did",
        "defied_short": "Platforms defied its rules: {items}.",
        "obeyed_short": "Every platform obeyed its rules.",
        "conduct_lead": "From the event log of every run with the policy; medians over the runs where it happened.",
        "moves": "Platforms leaving, entering or losing their permit",
        "no_moves": "No platform left or entered the city or lost its permit, with or without the policy.",
        "no_rules": "The policy sets no rule for platforms.",
        "events_lead": "The other events the policy changed (they happen in a different share of runs, or a "
                       "quarter of a year earlier or later, than without it): median week of first occurrence, in "
                       "how many runs, how often per run; each sentence quotes the first run in which it happened.",
        "without": "without the policy: {runs}, week {week}",
        "without_never": "never without the policy",
        "week": "week",
        "event": "event",
        "runs": "runs",
        "per_run": "per run",
        "no_events": "No other event changed by the policy in these runs.",
        "context_runs": "in {n} without the policy",
        "trade_off": "{policy}: {parts}.",
        "better_on": "better on {items}",
        "lower_here": "{name} (lower is better here)",
        "worse_on": "worse on {items}",
        "changed_on": "changed {items} (neither better nor worse)",
        "doing_nothing": "doing nothing",
        "but": "but",
        "nothing_meaningful": "no meaningful change on the indicators measured",
        "still_open": "still inconclusive: {items}",
        "costs": "costs EUR {cost} over {years}",
        "costs_nothing": "costs the authority nothing",
        "and": "and",
        "year_one": "{n} year",
        "year_many": "{n} years",
        "week_one": "{n} week",
        "week_many": "{n} weeks",
        "hour_one": "{n} hour",
        "hour_many": "{n} hours",
        "run_one": "{n} run",
        "run_many": "{n} runs",
        "replication_one": "{n} paired replication",
        "replication_many": "{n} paired replications",
        "runs_of": "{k} of {n}",
        "eur_per_burnout": "EUR {value} per burn-out avoided",
        "eur_per_euro_of_pay": "EUR {value} per euro of couriers' pay gained",
        "eur_per_smd": "EUR {value} per {smd} of improvement",
        "not_better": "none: the verdict is not \"better\"",
        "no_cost": "none: no cost to the authority",
        "total_not_improved": "none: no gain over the whole horizon",
        "method": "How to read this brief",
        "method_text": "Each policy is compared with its own context without it, run with the same random seeds "
                       "(replication k of both shares one seed), so that the difference measures the policy, not "
                       "chance. For each indicator the brief gives the mean paired difference and its 95% bootstrap "
                       "interval. Verdicts use the indicator's smallest meaningful difference (the least change a "
                       "city would act on, set before any measurement): <b>{better}</b> or <b>{worse}</b> when the "
                       "interval excludes zero and the effect is at least that difference; <b>{same}</b> when the "
                       "whole interval lies within it; <b>{open}</b> otherwise, with the replications that would "
                       "decide. The cost is what the authority spent over the horizon with the policy minus "
                       "without it; cost-effectiveness is given only where the verdict is \"{better}\". A policy's "
                       "whole cost is set against each of its effects in turn (no cost is split between effects), so "
                       "the cost-effectiveness of two indicators cannot be added.",
        "limits": "What the model leaves out",
        "limit_1": "It is a stylised city, not calibrated to a particular one: effects are orders of magnitude and "
                   "directions, not forecasts.",
        "limit_2": "Residents' incomes outside gig work are fixed: taxes, transfers, rents and prices other than "
                   "the platforms' do not move, so the poorest fifth's share of income moves only through gig pay.",
        "limit_3": "Platforms respond to rules through their prices, the hours they log workers in and whether "
                   "they defy a rule; they leave when their capital runs out, or for a while when a regulation "
                   "that holds their permit withdraws it; they do not lobby, go to court or change their business "
                   "model.",
        "limit_learning_on": "Commercial platforms set their price and commission by trial and error, one step every "
                             "{n} weeks; they know nothing of what the policy will do next.",
        "limit_learning_off": "Platforms' prices and commissions stay at their starting values (learning switched "
                              "off in this comparison).",
        "limit_switched_off": "Switched off in this comparison: {items}.",
        "switch_declining": "contributors declining part of what they are asked",
        "switch_trust_behaviour": "trust changing what residents do",
        "switch_ties": "recruitment and withdrawal along ties between neighbours",
        "switch_competition": "uses of time competing for one budget of hours",
        "switch_word_of_mouth": "word of mouth in residents' choice of service",
        "switch_react": "incumbents reacting to their sector's reading",
        "switch_reliability": "residents remembering the service a provider failed to give",
        "switch_suppliers": "hosts and merchants answering the payout a platform leaves them",
        "limit_4": "The authority's budget only pays for levers; no other public spending, no elections.",
        "limit_5": "Smallest meaningful differences are assumptions written in the registry with their reasons; "
                   "another city may act on other thresholds.",
        "limit_6": "Nothing outside the horizon: effects after the last simulated week are not counted.",
        "footer": "Results folder {folder}; {runs}; citysim {version}. Generated by <code>citysim brief</code>.",
        "no_description": "(no description in English)",
        "colon": "{a}: {b}",
        "turnout": "turnout {v}%",
        "eur_amount": "EUR {v}",
        "eur_left": "EUR {v} left",
        "reading_to": "{sector} → {reading}",
        "opt_n_residents": "population",
        "opt_contribution.volunteer_demand_h": "volunteer demand (hours per resident per week)",
        "opt_commission": "commission of every commercial platform",
        "opt_inspection": "inspection spending (EUR per resident per week)",
        "opt_fine": "fine per use sold while defying (EUR)",
        "glossary": "Words used here",
        "gloss_smd": "Smallest meaningful difference: the least change of an indicator a city would act on, set "
                     "before any run; an effect smaller than it counts as no change.",
        "gloss_paired": "Paired replications: the city is simulated several times with different random draws, "
                        "each time once with and once without the policy, with the same draws.",
        "gloss_interval": "95% interval: the range in which the true effect lies with 95% confidence, given the "
                          "replications run.",
        "gloss_inconclusive": "Inconclusive: the interval is too wide to tell; more replications would decide.",
        "gloss_dominated": "Dominated: another option (or doing nothing) is at least as good on every indicator "
                           "and no dearer.",
        "gloss_pts": "pt, pts: percentage points, the difference between two percentages.",
        "gloss_penalty": "Expected penalty: what a platform expects to pay a week for defying a rule, as the model "
                         "computes it (the fine for a week's sales or hours times the chance of being caught it "
                         "has learned).",
        "pts_one": "{v} pt",
        "pts_many": "{v} pts",
        "percent": "{v}%",
        "opt_authority.budget_eur": "starting budget (EUR)",
    },
    "fr": {
        "title": "Note de synthèse",
        "question": "La question",
        "question_text": "Laquelle de ces politiques fait le mieux pour cette ville, sur le burn-out citoyen, la "
                         "valeur gardée par les habitants et les travailleurs, la confiance envers la collectivité et "
                         "le grand objectif, et avec quelle certitude ?",
        "short_answer": "La réponse en bref",
        "ranked_lead": "Politiques classées dans leur contexte : d'abord celles qu'aucune autre option ne domine "
                       "(une autre politique, ou ne rien faire, au moins aussi bonne sur chaque indicateur et pas "
                       "plus chère), puis celles qui améliorent plus d'indicateurs qu'elles n'en dégradent, puis "
                       "celles qui en dégradent le moins, puis la moins chère. Aucun indicateur n'est pondéré contre "
                       "un autre.",
        "city": "La ville en quelques mots",
        "city_text": "Une ville de {population} habitants, simulée sur {years} ({weeks}). Ses services "
                     "publics demandent {demand} d'aide bénévole par habitant et par semaine ; la "
                     "collectivité dispose d'un budget de gouvernance de {budget} EUR au départ, plus {income} EUR "
                     "par semaine.",
        "city_platforms": "Plateformes de chaque secteur :",
        "platform_line": "{name} ({kind}, commission {commission})",
        "city_heading": "La ville : {description}",
        "set_by_options": "Fixé pour cette comparaison : {items}.",
        "policies": "Les politiques comparées",
        "rank": "rang",
        "policy": "politique",
        "counts": "mieux / moins bien / pas de changement notable / non concluant",
        "cost": "coût pour la collectivité sur la période (EUR, intervalle à 95 %)",
        "dominated_by": "dominée par",
        "none": "aucune",
        "per_indicator": "Les effets, indicateur par indicateur",
        "per_indicator_lead": "Chaque politique moins son contexte sans elle, mêmes graines aléatoires, moyenne "
                              "sur {window} ; intervalle à 95 % sur {replications}. La barre : l'intervalle, "
                              "vers la droite c'est mieux ; la bande grise : plus ou moins l'écart minimal "
                              "pertinent.",
        "effect": "effet",
        "interval": "intervalle à 95 %",
        "verdict": "verdict",
        "decide": "environ {n} réplications appariées trancheraient",
        "decide_many": "impossible à trancher : l'effet est de l'ordre de l'écart minimal pertinent (il faudrait "
                       "plus de {n} réplications)",
        "value_for_money": "coût-efficacité",
        "context_value": "contexte seul",
        "policy_value": "avec la politique",
        "semicolon": " ; ",
        "smd_line": "Écart minimal pertinent : {smd} ({unit}) ; {better}.",
        "events_behind": "Ce qui s'est passé derrière",
        "events_behind_none": "aucun levier n'agit directement dessus : un effet indirect, par le temps, la "
                              "confiance ou les choix des habitants",
        "events": "Ce qui s'est passé",
        "conduct": "Ce qu'ont fait les plateformes",
        "defied_short": "Des plateformes ont enfreint ses règles : {items}.",
        "obeyed_short": "Toutes les plateformes ont respecté ses règles.",
        "conduct_lead": "D'après le journal des événements de chaque simulation avec la politique ; médianes sur "
                        "les simulations où c'est arrivé.",
        "moves": "Plateformes qui partent, arrivent ou perdent leur autorisation",
        "no_moves": "Aucune plateforme n'a quitté ni rejoint la ville ni perdu son autorisation, avec ou sans la "
                    "politique.",
        "no_rules": "La politique n'impose aucune règle aux plateformes.",
        "events_lead": "Les autres événements que la politique a changés (ils arrivent dans une autre part des "
                       "simulations, ou un trimestre plus tôt ou plus tard, que sans elle) : semaine médiane de la "
                       "première occurrence, dans combien de simulations, combien de fois par simulation ; chaque "
                       "phrase cite la première simulation où c'est arrivé.",
        "without": "sans la politique : {runs}, semaine {week}",
        "without_never": "jamais sans la politique",
        "week": "semaine",
        "event": "événement",
        "runs": "simulations",
        "per_run": "par simulation",
        "no_events": "Aucun autre événement changé par la politique dans ces simulations.",
        "context_runs": "dans {n} sans la politique",
        "trade_off": "{policy} : {parts}.",
        "better_on": "mieux sur {items}",
        "lower_here": "{name} (plus bas = mieux ici)",
        "worse_on": "moins bien sur {items}",
        "changed_on": "change {items} (ni mieux ni moins bien)",
        "doing_nothing": "ne rien faire",
        "but": "mais",
        "nothing_meaningful": "pas de changement notable sur les indicateurs mesurés",
        "still_open": "encore non concluant : {items}",
        "costs": "coûte {cost} EUR sur {years}",
        "costs_nothing": "ne coûte rien à la collectivité",
        "and": "et",
        "year_one": "{n} an",
        "year_many": "{n} ans",
        "week_one": "{n} semaine",
        "week_many": "{n} semaines",
        "hour_one": "{n} heure",
        "hour_many": "{n} heures",
        "run_one": "{n} simulation",
        "run_many": "{n} simulations",
        "replication_one": "{n} réplication appariée",
        "replication_many": "{n} réplications appariées",
        "runs_of": "{k} sur {n}",
        "eur_per_burnout": "{value} EUR par burn-out évité",
        "eur_per_euro_of_pay": "{value} EUR par euro de rémunération des coursiers gagné",
        "eur_per_smd": "{value} EUR par amélioration de {smd}",
        "not_better": "aucun : le verdict n'est pas « mieux »",
        "no_cost": "aucun : rien ne coûte à la collectivité",
        "total_not_improved": "aucun : pas de gain sur l'ensemble de la période",
        "method": "Comment lire cette note",
        "method_text": "Chaque politique est comparée à son propre contexte sans elle, simulé avec les mêmes "
                       "graines aléatoires (la réplication k des deux partage une graine) : l'écart mesure la "
                       "politique, pas le hasard. Pour chaque indicateur, la note donne l'écart apparié moyen et "
                       "son intervalle bootstrap à 95 %. Les verdicts reposent sur l'écart minimal pertinent de "
                       "l'indicateur (le plus petit changement sur lequel une ville agirait, fixé avant toute "
                       "mesure) : <b>{better}</b> ou <b>{worse}</b> quand l'intervalle exclut zéro et que l'effet "
                       "atteint au moins cet écart ; <b>{same}</b> quand tout l'intervalle tient dans cet écart ; "
                       "<b>{open}</b> sinon, avec le nombre de réplications qui trancheraient. Le coût est ce que "
                       "la collectivité a dépensé sur la période avec la politique moins sans elle ; le "
                       "coût-efficacité n'est donné que si le verdict est « {better} ». Tout le coût d'une "
                       "politique est rapporté à chacun de ses effets tour à tour (il n'est pas réparti entre "
                       "eux) : les coûts-efficacités de deux indicateurs ne s'additionnent pas.",
        "limits": "Ce que le modèle laisse de côté",
        "limit_1": "C'est une ville stylisée, non calibrée sur une ville précise : les effets donnent des ordres "
                   "de grandeur et des sens de variation, pas des prévisions.",
        "limit_2": "Les revenus des habitants hors travail à la demande sont fixes : impôts, transferts, loyers et "
                   "prix autres que ceux des plateformes ne bougent pas ; la part du revenu du cinquième le plus "
                   "pauvre ne bouge donc que par la rémunération des plateformes.",
        "limit_3": "Les plateformes répondent aux règles par leurs prix, les heures de connexion de leurs "
                   "travailleurs et le choix d'enfreindre ou non une règle ; elles partent lorsque leur capital "
                   "est épuisé, ou pour un temps lorsqu'une régulation qui tient leur autorisation la leur retire ; "
                   "elles ne font pas de lobbying, ne vont pas en justice et ne changent pas de "
                   "modèle économique.",
        "limit_learning_on": "Les plateformes commerciales fixent leur prix et leur commission par essais et "
                             "erreurs, un pas toutes les {n} semaines ; elles ignorent ce que la politique fera "
                             "ensuite.",
        "limit_learning_off": "Les prix et commissions des plateformes restent à leurs valeurs de départ "
                              "(apprentissage désactivé dans cette comparaison).",
        "limit_switched_off": "Désactivés dans cette comparaison : {items}.",
        "switch_declining": "le refus partiel des demandes par les contributeurs",
        "switch_trust_behaviour": "l'effet de la confiance sur ce que font les habitants",
        "switch_ties": "le recrutement et les départs par les liens entre voisins",
        "switch_competition": "la concurrence des usages du temps pour un même budget d'heures",
        "switch_word_of_mouth": "le bouche-à-oreille dans le choix des services",
        "switch_react": "la réaction des acteurs en place à la lecture de leur secteur",
        "switch_reliability": "la mémoire, chez les habitants, du service qu'un prestataire n'a pas rendu",
        "switch_suppliers": "la réponse des hôtes et des commerçants à ce qu'une plateforme leur reverse",
        "limit_4": "Le budget de la collectivité ne paie que les leviers : pas d'autre dépense publique, pas "
                   "d'élections.",
        "limit_5": "Les écarts minimaux pertinents sont des hypothèses écrites dans le registre avec leurs "
                   "raisons ; une autre ville pourrait agir à d'autres seuils.",
        "limit_6": "Rien au-delà de la période simulée : les effets après la dernière semaine ne sont pas "
                   "comptés.",
        "footer": "Dossier de résultats {folder} ; {runs} ; citysim {version}. Produit par <code>citysim brief</code>.",
        "no_description": "(pas de description en français)",
        "colon": "{a} : {b}",
        "turnout": "participation {v} %",
        "eur_amount": "{v} EUR",
        "eur_left": "{v} EUR restants",
        "reading_to": "{sector} → {reading}",
        "opt_n_residents": "population",
        "opt_contribution.volunteer_demand_h": "demande bénévole (heures par habitant et par semaine)",
        "opt_commission": "commission de chaque plateforme commerciale",
        "opt_inspection": "dépense de contrôle (EUR par habitant et par semaine)",
        "opt_fine": "amende par usage vendu en infraction (EUR)",
        "glossary": "Les mots employés ici",
        "gloss_smd": "Écart minimal pertinent : le plus petit changement d'un indicateur sur lequel une ville "
                     "agirait, fixé avant toute simulation ; un effet plus petit compte comme une absence de "
                     "changement.",
        "gloss_paired": "Réplications appariées : la ville est simulée plusieurs fois avec des tirages aléatoires "
                        "différents, chaque fois avec et sans la politique, avec les mêmes tirages.",
        "gloss_interval": "Intervalle à 95 % : la fourchette où se trouve l'effet réel avec une confiance de 95 %, "
                          "compte tenu des réplications faites.",
        "gloss_inconclusive": "Non concluant : l'intervalle est trop large pour trancher ; davantage de "
                              "réplications trancheraient.",
        "gloss_dominated": "Dominée : une autre option (ou ne rien faire) est au moins aussi bonne sur chaque "
                           "indicateur et pas plus chère.",
        "gloss_pts": "pt, pts : points de pourcentage, l'écart entre deux pourcentages.",
        "gloss_penalty": "Pénalité attendue : ce qu'une plateforme s'attend à payer par semaine si elle enfreint "
                         "une règle, tel que le modèle le calcule (l'amende pour une semaine de ventes ou d'heures "
                         "multipliée par la probabilité d'être prise qu'elle a apprise).",
        "pts_one": "{v} pt",
        "pts_many": "{v} pts",
        "percent": "{v} %",
        "opt_authority.budget_eur": "budget de départ (EUR)",
    },
}
LIMITS = ("limit_1", "limit_2", "limit_3", "limit_4", "limit_5", "limit_6")
"""The model's limits that hold whatever the comparison; the brief adds those its switches set
(`analysis.brief.Brief.limits`)."""
GLOSSARY = ("gloss_smd", "gloss_paired", "gloss_interval", "gloss_inconclusive", "gloss_dominated", "gloss_pts",
            "gloss_penalty")
SWITCHES = {"contribution.declining": "switch_declining", "civic.trust_behaviour": "switch_trust_behaviour",
            "civic.ties": "switch_ties", "time.competition": "switch_competition",
            "consumption.word_of_mouth": "switch_word_of_mouth", "incumbents.react": "switch_react",
            "consumption.reliability_memory": "switch_reliability", "suppliers.elastic": "switch_suppliers"}
"""The model's on/off switches (`simulation.scenario`), by dotted path, and the words for each."""

TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "lever": {
        "platform_regulation": ("platform regulation", "régulation des plateformes"),
        "data_partnership": ("data partnership", "partenariat de données"),
        "cooperative_support": ("support to the cooperative", "soutien à la coopérative"),
        "contributor_care": ("care for contributors", "soin des contributeurs"),
        "innovation_policy": ("innovation policy", "politique d'innovation"),
        "grand_objective": ("grand objective", "grand objectif"),
        "innovation_agora": ("innovation agora", "agora de l'innovation"),
        "participatory_innovation": ("participatory innovation budget", "budget participatif d'innovation"),
        "adaptive_rule": ("adaptive rule", "règle adaptative"),
    },
    "sector": {
        "delivery": ("delivery", "livraison"),
        "mobility": ("mobility", "mobilité"),
        "housing": ("short-term housing", "hébergement de courte durée"),
        "mapping": ("mapping and addresses", "cartographie et adresses"),
        "civic": ("civic tech", "technologies civiques"),
        "commerce": ("local commerce", "commerce local"),
    },
    "kind": {
        "commercial": ("commercial", "commerciale"),
        "cooperative": ("cooperative", "coopérative"),
        "public": ("public", "publique"),
    },
    "project": {
        "cooperative_service": ("a cooperative-service project", "un projet de service coopératif"),
        "contributor_support": ("a contributor-support project", "un projet de soutien aux contributeurs"),
        "objective": ("a grand-objective project", "un projet pour le grand objectif"),
    },
    "actor": {
        "authority": ("the authority", "la collectivité"),
        "local shops": ("local shops", "commerces de proximité"),
        "OpenStreetMap community": ("OpenStreetMap community", "communauté OpenStreetMap"),
        "public consultation service": ("public consultation service", "service public de consultation"),
    },
}
"""The model's terms in both languages, by group; a name not listed (a user's own sector or
platform) is a proper name and stays as it is."""


def term(group: str, name: str, lang: str = "en") -> str:
    en, fr = TERMS[group].get(name, (name, name))
    return fr if lang == "fr" else en


def plural(n: float, key: str, lang: str = "en", shown: str | None = None) -> str:
    """``n`` (or its formatted form ``shown``) with the singular or plural form of ``key``
    (English: only 1 is singular; French: below 2)."""
    one = n == 1 if lang == "en" else abs(n) < 2
    return WORDS[lang][f"{key}_{'one' if one else 'many'}"].format(n=shown if shown is not None else n)


def listing(items: list[str], lang: str = "en") -> str:
    """"a, b and c" (or "a, b et c")."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {WORDS[lang]['and']} {items[-1]}"
