"""The dashboard's one translation table: every word it shows, in English and French.

`TEXTS` holds the dashboard's own words, each key with its English and its French side by side.
Indicators, criteria and units are named by the registry (`simulation.registry`), readings, lever
statuses and event kinds by the vocabulary (`simulation.vocabulary`); the library's contexts and
policies keep their English description in their files and get their French one here. `table`
gathers all of it for one language: the page and the test that no English is left on the French
page read the same table.
"""

from __future__ import annotations

import math
from functools import cache

from citysim.dashboard.guide_texts import GUIDE_TEXTS
from citysim.dashboard.lesson_texts import LESSON_TEXTS
from citysim.dashboard.settings import CHANGED
from simulation import registry, vocabulary
from simulation.library import load_context, load_policy, names
from simulation.vocabulary import EventKind, Reading

LANGUAGES = ("en", "fr")

TEXTS: dict[str, tuple[str, str]] = {
    # the page
    "title": ("The real digital city", "La ville numérique réelle"),
    "view.city": ("The city", "La ville"),
    "view.lessons": ("Things to try", "À essayer"),
    "view.about": ("About the model", "À propos du modèle"),
    "download.png": ("Charts (PNG)", "Graphiques (PNG)"),
    "download.csv": ("Indicators (CSV)", "Indicateurs (CSV)"),
    "present": ("Present", "Présenter"),
    "present_stop": ("Leave presentation", "Quitter la présentation"),
    # running
    "week_of": ("Week {week} of {weeks}", "Semaine {week} sur {weeks}"),
    "play": ("Play", "Lecture"),
    "pause": ("Pause", "Pause"),
    "step": ("+1 week", "+1 semaine"),
    "year": ("+1 year", "+1 an"),
    "reset": ("Reset", "Recommencer"),
    "speed": ("Speed of Play", "Vitesse de lecture"),
    "speed_value": ("{n} weeks a second", "{n} semaines par seconde"),
    "running": ("Running: week {done} of {total}", "En cours : semaine {done} sur {total}"),
    "bands_running": ("Other seeds: week {week} of {weeks}…", "Autres graines : semaine {week} sur {weeks}…"),
    "ended": ("End of the run: press Reset to start again.", "Fin de la simulation : Recommencer pour repartir."),
    "one_city": ("One city", "Une ville"),
    "two_cities": ("Two cities", "Deux villes"),
    "city": ("City {name}", "Ville {name}"),
    "city_copy": ("City B starts as a copy of City A, on the same seeds: change its policy or its levers.",
                  "La ville B part d'une copie de la ville A, avec les mêmes graines : changez sa politique ou "
                  "ses leviers."),
    # choosing
    "context": ("Context (the city as it is)", "Contexte (la ville telle qu'elle est)"),
    "policy": ("Policy (what the authority tries)", "Politique (ce que tente la collectivité)"),
    "policy_of": ("Policy of City {name}", "Politique de la ville {name}"),
    "levers": ("Levers", "Leviers"),
    "city_controls": ("City settings", "Réglages de la ville"),
    "charts_shown": ("Charts shown", "Graphiques affichés"),
    "chart_n": ("Chart {n}", "Graphique {n}"),
    "restart_note": ("Changing a setting starts the cities again from week 0.",
                     "Changer un réglage fait repartir les villes de la semaine 0."),
    # where a value comes from
    "from_context": ("context's value", "valeur du contexte"),
    "from_policy": ("set by the policy", "fixé par la politique"),
    "changed": ("changed (was {value})", "modifié (était {value})"),
    "changed_on": ("switched on here", "activé ici"),
    "changed_off": ("switched off here", "désactivé ici"),
    "not_here": ("not in this city: {reason}", "absent de cette ville : {reason}"),
    "default_seed": ("default seed", "graine par défaut"),
    # city controls
    "residents": ("Residents", "Habitants"),
    "demand": ("Volunteer hours asked", "Heures de bénévolat demandées"),
    "commission": ("Commissions of commercial platforms", "Commissions des plateformes commerciales"),
    "commission_value": ("×{factor} the context's: {low} to {high} of each sale",
                         "×{factor} celles du contexte : de {low} à {high} de chaque vente"),
    "seed": ("Seed", "Graine"),
    "seed_help": ("Same seed, same run: the band's seeds derive from it.",
                  "Même graine, même simulation : les graines de la bande en dérivent."),
    "seed_refused": ("“{typed}” is not a seed: type a whole number from 0 to {high}.",
                     "« {typed} » n'est pas une graine : tapez un nombre entier de 0 à {high}."),
    "starts": ("starts in week {week}", "commence la semaine {week}"),
    # units of the controls
    "unit.h_resident_week": ("h per resident per week", "h par habitant et par semaine"),
    "unit.h_volunteer_week": ("h at most per volunteer per week", "h au plus par bénévole et par semaine"),
    "unit.inspection_per_resident": ("EUR per resident a week paid to inspectors",
                                     "EUR par habitant et par semaine versés aux contrôleurs"),
    "unit.of_captured_data": ("of the data captured, pooled", "des données captées, mises en commun"),
    "unit.deliveries_week": ("deliveries bought per week", "livraisons achetées par semaine"),
    "unit.chance_to_attend": ("chance an engaged citizen attends", "chance qu'un citoyen engagé vienne"),
    "unit.commons_gain": ("service gained by pooling data", "service gagné en mettant ses données en commun"),
    "unit.eur_per_vote": ("EUR put to each vote", "EUR soumis à chaque vote"),
    "unit.weeks_of_risk": ("weeks of risk before it acts", "semaines de risque avant d'agir"),
    # levers
    "lever.contributor_care": ("Contributor care", "Soin des contributeurs"),
    "lever.platform_regulation": ("Platform regulation", "Régulation des plateformes"),
    "lever.data_partnership": ("Data partnership (address commons)", "Partenariat de données (base adresse)"),
    "lever.cooperative_support": ("Support for the courier cooperative", "Soutien à la coopérative de livreurs"),
    "lever.innovation_policy": ("Innovation policy", "Politique d'innovation"),
    "lever.grand_objective": ("Grand objective", "Grand objectif"),
    "lever.innovation_agora": ("Innovation agora", "Agora de l'innovation"),
    "lever.participatory_innovation": ("Participatory innovation budget", "Budget d'innovation participative"),
    "lever.adaptive_rule": ("Adaptive rule: a data partnership when mapping reads as risk",
                            "Règle adaptative : partenariat de données si la cartographie est un risque"),
    "short.contributor_care": ("contributor care", "soin des contributeurs"),
    "short.platform_regulation": ("regulation", "régulation"),
    "short.data_partnership": ("data partnership", "partenariat de données"),
    "short.cooperative_support": ("cooperative support", "soutien coopérative"),
    "short.innovation_policy": ("innovation policy", "politique d'innovation"),
    "short.grand_objective": ("grand objective", "grand objectif"),
    "short.innovation_agora": ("innovation agora", "agora"),
    "short.participatory_innovation": ("participatory budget", "budget participatif"),
    "short.adaptive_rule": ("adaptive rule", "règle adaptative"),
    "start_week": ("Starts in week", "Commence la semaine"),
    "watch_week": ("Watches from week", "Surveille dès la semaine"),
    "param.contributor_care": ("Requests cap per volunteer", "Plafond des demandes par bénévole"),
    "param.platform_regulation": ("Inspection of the rules", "Contrôle des règles"),
    "param.data_partnership": ("Service gained by pooling", "Service gagné en mettant en commun"),
    "param.cooperative_support": ("Public procurement", "Achats publics (commande publique)"),
    "param.innovation_agora": ("Attendance", "Participation"),
    "param.participatory_innovation": ("Budget", "Budget"),
    "param.adaptive_rule": ("Weeks of the reading before it acts", "Semaines de lecture avant d'agir"),
    "lever_help.contributor_care": ("Services ask each volunteer for less, thank them, spread requests evenly.",
                                    "Les services demandent moins à chaque bénévole, les remercient, répartissent "
                                    "les demandes."),
    "lever_help.platform_regulation": ("Commission cap, minimum pay per logged-in hour, data sharing.",
                                       "Plafond de commission, rémunération minimale par heure connectée, "
                                       "partage des données."),
    "lever_help.data_partnership": ("The mapping platforms pool one shared address base.",
                                    "Les plateformes de cartographie mettent en commun une base d'adresses."),
    "lever_help.cooperative_support": ("A grant and public purchases of deliveries.",
                                       "Une subvention et des achats publics de livraisons."),
    "lever_help.innovation_policy": ("Priority sectors: partnership terms align their platforms with public goals.",
                                     "Secteurs prioritaires : des partenariats alignent leurs plateformes sur "
                                     "les objectifs publics."),
    "lever_help.grand_objective": ("'Zero waste': a horizon that signals the large platforms.",
                                   "« Zéro déchet » : un horizon qui adresse un signal aux grandes plateformes."),
    "lever_help.innovation_agora": ("A local debate every four weeks.", "Un débat local toutes les quatre semaines."),
    "lever_help.participatory_innovation": ("Once a year, residents vote on local innovators' projects.",
                                            "Une fois par an, les habitants votent pour des projets d'innovateurs "
                                            "locaux."),
    "lever_help.adaptive_rule": ("A rule instead of a calendar: it acts when the reading lasts.",
                                 "Une règle plutôt qu'un calendrier : elle agit quand la lecture dure."),
    "missing.cooperative": ("no courier cooperative", "pas de coopérative de livreurs"),
    "missing.sector": ("a sector it needs is missing", "un secteur nécessaire manque"),
    # the charts
    "seed_line": ("seed {seed}", "graine {seed}"),
    "seeds": ("{n} seeds", "{n} graines"),
    "chart_help": ("Line: the run on the chosen seed. Shaded, between thin lines: the range over {n} seeds "
                   "(bands: {bands} more seeds at {residents} residents). Dashed lines: what happened, numbered as in "
                   "the list below the charts.",
                   "Trait : la simulation sur la graine choisie. Zone ombrée, entre deux traits fins : l'étendue sur "
                   "{n} graines (bandes : {bands} graines de plus à {residents} habitants). Pointillés : ce qui s'est "
                   "passé, numéroté comme dans la liste sous les graphiques."),
    "chart_help_smaller": ("Line: the run on the chosen seed. Shaded, between thin lines: the range over {n} seeds "
                           "(bands: {bands} more seeds at {residents} residents, a smaller city, so that they keep "
                           "up). Dashed lines: what happened, numbered as in the list below the charts.",
                           "Trait : la simulation sur la graine choisie. Zone ombrée, entre deux traits fins : "
                           "l'étendue sur {n} graines (bandes : {bands} graines de plus à {residents} habitants, une "
                           "ville plus petite, pour qu'elles suivent). Pointillés : ce qui s'est passé, numéroté "
                           "comme dans la liste sous les graphiques."),
    "timeline": ("Levers over time", "Les leviers dans le temps"),
    "no_levers": ("No lever in this city: the authority does nothing.",
                  "Aucun levier dans cette ville : la collectivité ne fait rien."),
    "events": ("What happened", "Ce qui s'est passé"),
    "no_events": ("Nothing has happened yet.", "Rien ne s'est encore passé."),
    "event_line": ("{n}. Week {week}, {city}: {text}", "{n}. Semaine {week}, {city} : {text}"),
    "event_line_one": ("{n}. Week {week}: {text}", "{n}. Semaine {week} : {text}"),
    "why.class": ("switched on in the controls", "activé dans les réglages"),
    "both_cities": ("both cities", "les deux villes"),
    # two cities
    "difference": ("City B − City A, weeks {first}–{last}: {live}; over {n} seeds: {low} to {high}",
                   "Ville B − ville A, semaines {first} à {last} : {live} ; sur {n} graines : de {low} à {high}"),
    "readout_wait": ("City B − City A: once the other seeds have caught up…",
                     "Ville B − ville A : dès que les autres graines auront rattrapé…"),
    "verdict.identical": ("identical", "identiques"),
    "verdict.higher": ("B higher, beyond the seeds' noise", "B plus haut, au-delà du bruit des graines"),
    "verdict.lower": ("B lower, beyond the seeds' noise", "B plus bas, au-delà du bruit des graines"),
    "verdict.none": ("no meaningful difference", "pas de différence notable"),
    "verdict.unclear": ("the seeds disagree: could be noise", "les graines divergent : peut-être du bruit"),
    "users.title": ("Residents using {platform}", "Habitants utilisant {platform}"),
    "users.unit": ("share of {sector} users", "part des usagers du secteur {sector}"),
    # more about the city
    "more": ("More about the city", "En savoir plus sur la ville"),
    "more_hide": ("Hide the details", "Masquer les détails"),
    "network": ("Residents and their neighbours", "Les habitants et leurs voisins"),
    "network_help": ("A sample of {n} residents and the links among them. The hours a contributor declines "
                     "are asked first of its neighbours, and some give up volunteering when those around them "
                     "burn out or give up: strain travels along these links.",
                     "Un échantillon de {n} habitants et leurs liens. Les heures qu'un contributeur décline sont "
                     "redemandées d'abord à ses voisins, et certains renoncent au bénévolat quand leur entourage "
                     "s'épuise ou renonce : la tension se propage le long de ces liens."),
    "colour_by": ("Colour by", "Couleur selon"),
    "by_burnout": ("burn-out", "burn-out"),
    "by_role": ("dominant role", "rôle dominant"),
    "state.burned_out": ("burned out", "en burn-out"),
    "state.tired": ("tired", "fatigué"),
    "state.active": ("contributing", "contribue"),
    "state.resting": ("not contributing", "ne contribue pas"),
    "role.citizen": ("citizen", "citoyen"),
    "role.consumer": ("consumer", "consommateur"),
    "role.contributor": ("contributor", "contributeur"),
    "role.worker": ("worker", "travailleur"),
    "radar": ("How far each platform destabilises the authority", "Capacité de chaque plateforme à déstabiliser "
                                                                   "la collectivité"),
    "radar_help": ("The six criteria of Audacities (Fing & Iddri 2018), each from 0 (centre) to 1; the colour is "
                   "the authority's reading. Criteria:",
                   "Les six critères d'Audacities (Fing & Iddri 2018), chacun de 0 (centre) à 1 ; la couleur est "
                   "la lecture de la collectivité. Critères :"),
    "readings": ("The authority's reading of each sector", "Lecture de chaque secteur par la collectivité"),
    "readings_help": ("The last two years, week by week.", "Les deux dernières années, semaine par semaine."),
    "sector.delivery": ("delivery", "livraison"),
    "sector.mobility": ("mobility", "mobilité"),
    "sector.housing": ("housing", "logement"),
    "sector.mapping": ("mapping", "cartographie"),
    "sector.civic": ("civic", "civique"),
    "sector.commerce": ("commerce", "commerce"),
    # the library, in French (the English descriptions are the library's own)
    "context.calm_city": ("The calm city", "La ville calme"),
    "context.citizen_burnout": ("Citizen burn-out", "Le burn-out citoyen"),
    "context.platform_city": ("The platform city", "La ville des plateformes"),
    "context.integrated_platform_city": ("The 100% platform city", "La ville 100 % plateforme"),
    "policy.none": ("No policy", "Aucune politique"),
    "policy.agora": ("The agora alone", "L'agora seule"),
    "policy.agora_and_coop": ("Agora and courier cooperative", "Agora et coopérative de livreurs"),
    "policy.contributor_care": ("Care for contributors", "Prendre soin des contributeurs"),
    "policy.data_commons": ("Address commons", "Base adresse commune"),
    "policy.governed_mix": ("The governed city's mix", "Le bouquet de la ville gouvernée"),
    "policy.participatory_innovation": ("Grand objective and participatory innovation",
                                        "Grand objectif et innovation participative"),
    "policy.regulation": ("Regulation", "Régulation"),
    "policy_changed": ("{policy}, changed", "{policy}, modifiée"),
    "city_policy": ("City {name}: {policy}", "ville {name} : {policy}"),
    # downloads
    "png.caption": ("{title}: {context}; {cities}. Week {week} of {weeks}, seed {seed} and {n} more seeds at "
                    "{residents} residents.",
                    "{title} : {context} ; {cities}. Semaine {week} sur {weeks}, graine {seed} et {n} graines de "
                    "plus à {residents} habitants."),
    "png.key": ("The numbered markers:", "Les repères numérotés :"),
    "yes": ("yes", "oui"),
    "no": ("no", "non"),
    "csv.city": ("city", "ville"),
    "csv.context": ("context", "contexte"),
    "csv.policy": ("policy", "politique"),
    "csv.seed": ("seed", "graine"),
    "csv.live": ("chosen seed", "graine choisie"),
    "describe.policy.none": ("The authority does nothing.", "La collectivité ne fait rien."),
    **GUIDE_TEXTS,
    **LESSON_TEXTS,
}



FRENCH_SPACES = (("« ", "«\u00a0"), (" »", "\u00a0»"), (" :", "\u00a0:"), (" ;", "\u00a0;"), (" ?", "\u00a0?"),
                 (" !", "\u00a0!"))
"""French puts a space before two-part punctuation and inside guillemets: a non-breaking one, so a line
never starts with « : » or ends with « « »."""


def tr(key: str, lang: str, **values: object) -> str:
    """A word of the table in ``lang``, with ``{placeholders}`` filled in."""
    text = TEXTS[key][LANGUAGES.index(lang)]
    text = text.format(**values) if values else text
    if lang == "fr":
        for plain, fixed in FRENCH_SPACES:
            text = text.replace(plain, fixed)
    return text


def describe(kind: str, name: str, lang: str) -> str:
    """A library context's or policy's description (``kind``: 'context' or 'policy')."""
    if name == "none":
        return tr("describe.policy.none", lang)
    item = load_context(name) if kind == "context" else load_policy(name)[0]
    return (item.description_fr or item.description) if lang == "fr" else item.description


def label(column: str, lang: str) -> str:
    """An indicator's or a criterion's label (the registry's)."""
    return registry.label(column, lang)


def unit(column: str, lang: str) -> str:
    """An indicator's unit (the registry's)."""
    return registry.indicator(column).unit_label(lang)


def series_title(key: str, lang: str) -> str:
    """A headline chart's title: an indicator's label, a platform's users (``users:<sector>:<platform>``)
    or the readings of some sectors (``readings:...``)."""
    if key.startswith("users:"):
        return tr("users.title", lang, platform=key.split(":")[2])
    if key.startswith("readings:"):
        return tr("readings", lang)
    return label(key, lang)


def series_unit(key: str, lang: str) -> str:
    if key.startswith("users:"):
        return tr("users.unit", lang, sector=tr(f"sector.{key.split(':')[1]}", lang))
    return unit(key, lang)


def policy_title(policy: str, lang: str) -> str:
    """A policy as a city runs it: its title, and whether the class changed it (``-changed``, see
    `settings.Settings.scenario`)."""
    changed = policy.endswith(CHANGED)
    title = tr(f"policy.{policy.removesuffix(CHANGED)}", lang)
    return tr("policy_changed", lang, policy=title) if changed else title


def unit_word(key: str, lang: str) -> str:
    """A unit of the registry by its key ("residents", "week")."""
    return registry.UNITS[key][LANGUAGES.index(lang)]


def colon(lang: str) -> str:
    """A colon before a value, as each language sets it (French puts a space before)."""
    return "\u00a0: " if lang == "fr" else ": "


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def number(value: float, lang: str, decimals: int = 2, percent: bool = False, sign: bool = False) -> str:
    """A number as each language writes it: 0.25 / 1,500 in English, 0,25 / 1 500 in French."""
    shown = value * 100 if percent else value
    shown = round(shown, decimals) or 0.0  # no "-0.00"
    text = f"{shown:{'+' if sign else ''},.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    text = text.replace("-", "−")
    return text + ("\u202f%" if percent and lang == "fr" else "%" if percent else "")


def decimals_for(column: str) -> int:
    """Decimals enough to show the indicator's smallest meaningful difference."""
    return max(0, math.ceil(-math.log10(registry.indicator(column).smd or 1.0)))


@cache
def table(lang: str) -> dict[str, str]:
    """Every value the dashboard may show in ``lang``, by key: its own words, the registry's labels
    and units, the vocabulary's labels and the library's descriptions."""
    index = LANGUAGES.index(lang)
    words = {key: pair[index] for key, pair in TEXTS.items()}
    words |= {f"indicator.{name}": registry.label(name, lang) for name in registry.COLUMNS}
    words |= {f"unit.registry.{key}": pair[index] for key, pair in registry.UNITS.items()}
    words |= {f"vocabulary.{value}": vocabulary.label(value, lang) for value in (*Reading, *EventKind)}
    words |= {f"describe.{kind}.{name}": describe(kind, name, lang)
              for kind, folder in (("context", "contexts"), ("policy", "policies")) for name in names(folder)}
    return words
