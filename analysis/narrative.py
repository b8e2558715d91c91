"""The event log in sentences, English and French: one module for the brief, the answer and the dashboard.

An event is a row of the event log (`simulation.events`; `CityModel.events()` or
`analysis.load(...).events`): a mapping with ``week``, ``actor``, ``kind``, ``details`` and,
when the run recorded them, ``facts`` (a JSON object or a dict). Three functions:

- ``facts(event)``: the event's structured data, a dict: its recorded ``facts``, completed
  from its English ``details`` for kinds that record none (and for results written before
  facts existed). Keys by kind are listed in `PATTERNS` and `simulation.events.FACTS`.
- ``sentence(event, lang="en", dated=False)``: one plain sentence, e.g. "QuickEats defies the
  commission cap: it gains EUR 938 a week against an expected penalty of EUR 418 a week."
  / "QuickEats ne respecte pas le plafond de commission : ...". ``dated`` prefixes "Week 52: ".
- ``would_comply(gain, penalty, lang)``: what would change a defiance, in words.

Platforms are proper names and stay as they are; levers, sectors, rules, readings and the
default incumbents are said in the page's language (`analysis.brief_words.TERMS`,
`simulation.vocabulary`). Nothing here imports Mesa.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from analysis.brief_words import term
from analysis.pages import number
from simulation import vocabulary
from simulation.vocabulary import EventKind, Reading

LANGS = ("en", "fr")

RULES: dict[str, tuple[str, str]] = {
    "commission_cap": ("the commission cap", "le plafond de commission"),
    "min_pay": ("the minimum pay per logged-in hour", "la rémunération minimale par heure connectée"),
    "data_sharing": ("the data-sharing duty", "l'obligation de partager les données"),
}
"""The rules a platform may defy (`simulation.platforms.RULES`), with their article."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "dated": "Week {week}: {text}",
        "lever_started": "{lever} starts",
        "lever_started_by": "{lever} starts, set off by {origin}",
        "lever_ended": "{lever} ends",
        "lever_unfunded": "The budget runs out: {lever} stops ({needed} needed this week, {left} left)",
        "rule_fired": "An adaptive rule fires: {sector} has read as {reading} for {weeks} weeks, so {lever} starts "
                      "next week",
        "debate_held": "{lever} holds a debate: {share} of residents attend",
        "vote_held": "A participatory vote: turnout {turnout}, {funded} of {proposals} proposals funded",
        "project_funded": "{project} is funded with {cost} ({votes} votes)",
        "project_ended": "{project} funded in week {funded_week} ends",
        "reading_changed": "The authority's reading of {sector} moves from {before} to {after}",
        "price_raised": "{actor} raises its price from {old} to {new} so that a fully busy worker earns the pay "
                        "floor of {floor} an hour",
        "price_raised_bare": "{actor} raises its price from {old} to {new}",
        "price_lowered": "{actor} lowers its price from {old} to {new}",
        "price_lowered_free": "{actor} lowers its price from {old} to {new}: no pay floor any more",
        "terms_commission": "{actor} moves its commission from {old} to {new}",
        "terms_price": "{actor} moves its price from {old} to {new}",
        "terms_profit": "{actor} turns from seeking growth to seeking profit",
        "break_even": ", to break even",
        "semicolon": "; ",
        "platform_entered": "{actor} enters {sector}",
        "platform_entered_launch": "{actor} enters {sector} (its planned launch)",
        "platform_entered_rivals": "{actor} enters {sector}, drawn by its rivals' profits",
        "platform_exited": "{actor} runs out of capital and leaves {sector}",
        "permit_withdrawn": "{actor} loses its permit after {detections} detected violations and is out of {sector} "
                            "until week {until}",
        "permit_restored": "{actor} gets its permit back and returns to {sector} after {weeks}",
        "defiance": "{actor} defies {rule}: it gains {gain} a week against an expected penalty of {penalty} a week",
        "defiance_bare": "{actor} defies {rule}",
        "compliance": "{actor} complies with {rule} again: its gain ({gain} a week) no longer tops the expected "
                      "penalty ({penalty} a week)",
        "compliance_bare": "{actor} complies with {rule} again",
        "compliance_lifted": "{rule}, which {actor} defied, is lifted",
        "fined": "{actor} is caught defying {rule} and fined {fine}, to pay in week {due}",
        "pool": "{actor} pools its data into the open commons of {sector}",
        "stop_pooling": "{actor} stops pooling its data: the commons of {sector} is no longer funded",
        "improve": "Service improved by {actor} ({spent} spent so far)",
        "service_failed": "{actor} fails the {choosers} residents who chose it: it serves {served} of the uses asked "
                          "of it",
        "service_back": "{actor} serves its users again ({served} of the uses asked of it), after {weeks}",
        "budget_short": "Residents short of money: {short} cannot pay for every use they chose and go without the "
                        "rest",
        "budget_back": "Residents can pay for what they choose again ({short} still short), after {weeks}",
        "would_comply": "it would comply once the penalty it expects tops {gain} a week, {ratio} times today's "
                        "(a higher fine or more enforcement)",
        "would_comply_free": "it would comply once it expects any penalty above {gain} a week",
        "eur": "EUR {v}",
        "percent": "{v}%",
        "unknown": "{actor}: {details}",
        "runs_of": "{k} of {n} runs",
        "week_one": "{n} week",
        "week_many": "{n} weeks",
        "defied": "{platform} defied {rule} in {runs}, from week {week} for {weeks} (medians){to_end}: it gained "
                  "{gain} a week against an expected penalty of {penalty} a week (at its first defiance); {change}",
        "defied_bare": "{platform} defied {rule} in {runs}, from week {week} for {weeks} (medians){to_end}",
        "to_end": ", still at the end in {k}",
        "obeyed": "No platform defied {rule} in any of the {n} runs: the rule was obeyed",
        "moved": "{what} in {runs} (median week {week}); without the policy: {without}",
        "moved_never": "never",
        "moved_without": "{runs}, week {week}",
        "prevented": "With the policy, {platform} never {verb} {sector}; without it, it does in {runs} (median week "
                     "{week})",
        "verb_exited": "leaves",
        "verb_entered": "enters",
        "permit_prevented": "With the policy, {platform} never loses its permit in {sector}; without it, it does in "
                            "{runs} (median week {week})",
        "permit_withdrawn_bare": "{actor} loses its permit and is out of {sector} for a while",
    },
    "fr": {
        "dated": "Semaine {week} : {text}",
        "lever_started": "{lever} commence",
        "lever_started_by": "{lever} commence, à l'initiative de {origin}",
        "lever_ended": "{lever} prend fin",
        "lever_unfunded": "Le budget est épuisé : {lever} s'arrête ({needed} nécessaires cette semaine, "
                          "{left} restants)",
        "rule_fired": "Une règle adaptative se déclenche : le secteur {sector} est lu comme « {reading} » depuis "
                      "{weeks} semaines, donc {lever} commence la semaine suivante",
        "debate_held": "{lever} organise un débat : {share} des habitants y assistent",
        "vote_held": "Un vote participatif : participation de {turnout}, {funded} propositions financées sur "
                     "{proposals}",
        "project_funded": "{project} est financé à hauteur de {cost} ({votes} voix)",
        "project_ended": "{project} financé la semaine {funded_week} s'achève",
        "reading_changed": "La lecture du secteur {sector} par la collectivité passe de « {before} » à « {after} »",
        "price_raised": "{actor} relève son prix de {old} à {new} pour qu'un travailleur pleinement occupé gagne "
                        "le plancher de {floor} de l'heure",
        "price_raised_bare": "{actor} relève son prix de {old} à {new}",
        "price_lowered": "{actor} baisse son prix de {old} à {new}",
        "price_lowered_free": "{actor} baisse son prix de {old} à {new} : plus de plancher de rémunération",
        "terms_commission": "{actor} fait passer sa commission de {old} à {new}",
        "terms_price": "{actor} fait passer son prix de {old} à {new}",
        "terms_profit": "{actor} cesse de viser la croissance et vise le profit",
        "break_even": ", pour équilibrer ses comptes",
        "semicolon": " ; ",
        "platform_entered": "{actor} arrive dans le secteur {sector}",
        "platform_entered_launch": "{actor} arrive dans le secteur {sector} (son lancement prévu)",
        "platform_entered_rivals": "{actor} arrive dans le secteur {sector}, attirée par les profits de ses "
                                   "concurrentes",
        "platform_exited": "{actor} n'a plus de capital et quitte le secteur {sector}",
        "permit_withdrawn": "{actor} perd son autorisation après {detections} infractions constatées et quitte le "
                            "secteur {sector} jusqu'à la semaine {until}",
        "permit_restored": "{actor} retrouve son autorisation et revient dans le secteur {sector} après {weeks}",
        "defiance": "{actor} ne respecte pas {rule} : elle y gagne {gain} par semaine, contre une pénalité "
                    "attendue de {penalty} par semaine",
        "defiance_bare": "{actor} ne respecte pas {rule}",
        "compliance": "{actor} respecte de nouveau {rule} : son gain ({gain} par semaine) ne dépasse plus la "
                      "pénalité attendue ({penalty} par semaine)",
        "compliance_bare": "{actor} respecte de nouveau {rule}",
        "compliance_lifted": "Règle levée ({rule}) : {actor} ne l'enfreint plus",
        "fined": "{actor}, prise à enfreindre {rule}, reçoit une amende de {fine}, à payer en semaine {due}",
        "pool": "{actor} verse ses données dans le commun ouvert du secteur {sector}",
        "stop_pooling": "{actor} cesse de verser ses données : le commun du secteur {sector} n'est plus financé",
        "improve": "Service amélioré par {actor} ({spent} dépensés jusqu'ici)",
        "service_failed": "{actor} fait défaut aux {choosers} habitants qui l'ont choisie : elle sert {served} des "
                          "usages qui lui sont demandés",
        "service_back": "{actor} sert de nouveau ses usagers ({served} des usages demandés), après {weeks}",
        "budget_short": "Habitants à court d'argent : {short} ne peuvent pas payer tous les usages qu'ils ont "
                        "choisis et se passent du reste",
        "budget_back": "Les habitants peuvent de nouveau payer ce qu'ils choisissent ({short} encore à court), "
                       "après {weeks}",
        "would_comply": "elle s'y conformerait dès que la pénalité attendue dépasserait {gain} par semaine, soit "
                        "{ratio} fois l'actuelle (une amende plus forte ou davantage de contrôles)",
        "would_comply_free": "elle s'y conformerait dès qu'elle attendrait une pénalité de plus de {gain} par "
                             "semaine",
        "eur": "{v} EUR",
        "percent": "{v} %",
        "unknown": "{actor} : {details}",
        "runs_of": "{k} simulations sur {n}",
        "week_one": "{n} semaine",
        "week_many": "{n} semaines",
        "defied": "{platform} n'a pas respecté {rule} dans {runs}, à partir de la semaine {week} et pendant {weeks} "
                  "(médianes){to_end} : elle y gagnait {gain} par semaine, contre une pénalité attendue de {penalty} "
                  "par semaine (à sa première infraction) ; {change}",
        "defied_bare": "{platform} n'a pas respecté {rule} dans {runs}, à partir de la semaine {week} et pendant "
                       "{weeks} (médianes){to_end}",
        "to_end": ", encore à la fin dans {k}",
        "obeyed": "Aucune plateforme n'a enfreint {rule} dans les {n} simulations : la règle a été respectée",
        "moved": "{what} dans {runs} (semaine médiane {week}) ; sans la politique : {without}",
        "moved_never": "jamais",
        "moved_without": "{runs}, semaine {week}",
        "prevented": "Avec la politique, {platform} ne {verb} jamais le secteur {sector} ; sans elle, dans {runs} "
                     "(semaine médiane {week})",
        "verb_exited": "quitte",
        "verb_entered": "rejoint",
        "permit_prevented": "Avec la politique, {platform} ne perd jamais son autorisation dans le secteur {sector} ; "
                            "sans elle, dans {runs} (semaine médiane {week})",
        "permit_withdrawn_bare": "{actor} perd son autorisation et quitte un temps le secteur {sector}",
    },
}
"""Each sentence's template in both languages (a test checks they have the same keys)."""

LEVERS: dict[str, tuple[str, str]] = {
    "platform_regulation": ("the platform regulation", "la régulation des plateformes"),
    "data_partnership": ("the data partnership", "le partenariat de données"),
    "cooperative_support": ("the support to the cooperative", "le soutien à la coopérative"),
    "contributor_care": ("the care for contributors", "le soin des contributeurs"),
    "innovation_policy": ("the innovation policy", "la politique d'innovation"),
    "grand_objective": ("the grand objective", "le grand objectif"),
    "innovation_agora": ("the innovation agora", "l'agora de l'innovation"),
    "participatory_innovation": ("the participatory innovation budget", "le budget participatif d'innovation"),
    "adaptive_rule": ("the adaptive rule", "la règle adaptative"),
}
"""Each lever type with its article, in both languages (a test checks every type is here)."""
INCUMBENTS: dict[str, tuple[str, str]] = {
    "OpenStreetMap community": ("the OpenStreetMap community", "la communauté OpenStreetMap"),
    "public consultation service": ("the public consultation service", "le service public de consultation"),
    "local shops": ("local shops", "les commerces de proximité"),
}
"""The default incumbents (`simulation.scenario`) in both languages; a user's own stays as written."""

N = r"-?[\d,]+(?:\.\d+)?"
PATTERNS: dict[EventKind, tuple[str, ...]] = {
    EventKind.LEVER_STARTED: (r"^(?P<lever>\S+) started \((?P<origin>.+)\)$",),
    EventKind.LEVER_ENDED: (r"^(?P<lever>\S+) ended after week (?P<end_week>\d+)",),
    EventKind.LEVER_UNFUNDED: (rf"^(?P<lever>\S+) stopped: EUR (?P<needed_eur>{N}) needed this week, "
                               rf"EUR (?P<left_eur>{N}) left",),
    EventKind.RULE_FIRED: (r"^(?P<sector>\S+) read as (?P<reading>\S+) for (?P<weeks>\d+) weeks: (?P<lever>.+) "
                           r"starts",),
    EventKind.DEBATE_HELD: (rf"^(?P<attendance_pct>{N})% of residents",),
    EventKind.VOTE_HELD: (rf"^turnout (?P<turnout_pct>{N})%; (?P<funded>\d+) of (?P<proposals>\d+)",),
    EventKind.PROJECT_FUNDED: (rf"^(?P<project>\S+) project funded with EUR (?P<cost_eur>{N}) "
                               r"\((?P<votes>\d+) votes\)",),
    EventKind.PROJECT_ENDED: (r"^(?P<project>\S+) project funded in week (?P<funded_week>\d+)",),
    EventKind.READING_CHANGED: (rf"^(?P<sector>\S+): (?P<before>\S+) -> (?P<after>\S+) \(threat (?P<threat>{N})",),
    EventKind.PRICE_RAISED: (rf"^price EUR (?P<old>{N}) -> (?P<new>{N})",
                             rf"pay floor of EUR (?P<floor_eur_h>{N})/h"),
    EventKind.PRICE_LOWERED: (rf"^price EUR (?P<old>{N}) -> (?P<new>{N})", r"(?P<free>no pay floor)"),
    EventKind.TERMS_CHANGED: (r"(?P<profit>now seeks profit)", rf"(?P<knob>commission|price)(?: EUR)? (?P<old>{N}) -> "
                              rf"(?P<new>{N})", r"(?P<break_even>to break even)"),
    EventKind.PLATFORM_ENTERED: (r"^enters (?P<sector>\S+):", r"its launch week \((?P<launch_week>\d+)\)",
                                 r"(?P<rivals>its rivals made)"),
    EventKind.PLATFORM_EXITED: (rf"^leaves (?P<sector>\S+): capital EUR (?P<capital_eur>{N}) after a week's "
                                rf"result of EUR (?P<result_eur_w>{N})",),
    EventKind.DEFIANCE: (rf"^defies the (?P<rule>.+) rule: gain EUR (?P<gain_eur_w>{N}) a week against an "
                         rf"expected (?:fine|penalty) of EUR (?P<penalty_eur_w>{N})",),
    EventKind.COMPLIANCE: (rf"^complies with the (?P<rule>.+) rule: gain EUR (?P<gain_eur_w>{N}) a week against an "
                           rf"expected (?:fine|penalty) of EUR (?P<penalty_eur_w>{N})",
                           r"^the (?P<rule>.+) rule it defied is (?P<cause>lifted)"),
    EventKind.PERMIT_WITHDRAWN: (r"^loses its permit after (?P<detections>\d+) detected violations: out of "
                                 r"(?P<sector>\S+) until week (?P<until_week>\d+)",),
    EventKind.PERMIT_RESTORED: (r"^returns to (?P<sector>\S+) after (?P<weeks>\d+) weeks",),
    EventKind.FINED: (rf"^fined EUR (?P<fine_eur>{N}) for defying the (?P<rule>.+) rule, to pay in week "
                      r"(?P<due_week>\d+)",),
    EventKind.SERVICE_FAILED: (rf"^chosen by (?P<choosers>\d+) residents, it served (?P<served_pct>{N})%",
                               rf"^serves (?P<served_pct>{N})% of the uses asked of it again, after (?P<weeks>\d+) "
                               r"weeks?"),
    EventKind.BUDGET_SHORTFALL: (rf"^(?P<short_pct>{N})% of residents cannot pay", r"after (?P<weeks>\d+) weeks?"),
    EventKind.INCUMBENT_REACTED: (r"^(?P<pool>pools its data) into the open commons of (?P<sector>\S+):",
                                  r"^(?P<stop>stops pooling): the commons of (?P<sector>\S+) ",
                                  rf"^(?P<improve>improves its service).*?; (?P<spent_eur>{N}) of "
                                  rf"(?P<budget_eur>{N}) spent\): (?P<sector>\S+) "),
}
"""What each kind's English ``details`` say, as named groups (each pattern searched, what matches
merged): the facts of an event that records none. Numbers come out as numbers, ``rule`` with
underscores, flags (``profit``, ``break_even``, ``free``, ``rivals``) as True, and an incumbent's
``reaction`` as pool, stop or improve."""
FLAGS = ("profit", "break_even", "free", "rivals")
REACTIONS = ("pool", "stop", "improve")
TEXT_KEYS = {"lever", "origin", "sector", "reading", "project", "before", "after", "knob", "rule", "cause", *FLAGS,
             *REACTIONS}


def _value(key: str, raw: str) -> float | int | str:
    if key in TEXT_KEYS:
        return raw
    number_ = raw.replace(",", "")
    try:
        return int(number_) if re.fullmatch(r"-?\d+", number_) else float(number_)
    except ValueError:
        return raw


def facts(event: Mapping[str, Any]) -> dict[str, Any]:
    """The structured data of an event-log row: what its ``details`` say (`PATTERNS`), overridden by
    the ``facts`` it recorded (a JSON object or a dict; absent or null in older results)."""
    found: dict[str, Any] = {}
    for pattern in PATTERNS.get(EventKind(event["kind"]), ()):
        match = re.search(pattern, event.get("details") or "")
        if match:
            found |= {k: _value(k, v) for k, v in match.groupdict().items() if v is not None}
    for flag in FLAGS:
        if flag in found:
            found[flag] = True
    for reaction in REACTIONS:
        if found.pop(reaction, None):
            found["reaction"] = reaction
    if "rule" in found:
        found["rule"] = str(found["rule"]).replace(" ", "_")
    recorded = event.get("facts")
    if isinstance(recorded, str) and recorded:
        recorded = json.loads(recorded)
    return found | dict(recorded or {})


# --- words -----------------------------------------------------------------------------------

def money(v: float | None, lang: str = "en", cents: bool = False) -> str:
    """EUR 1,466 / 1 466 EUR: whole euros, or with ``cents`` (prices) below EUR 100."""
    if v is None:
        return "–"
    shown = f"{v:,.2f}" if cents and abs(v) < 100 else f"{round(v):,}"
    if lang == "fr":
        shown = shown.replace(",", "\u202f").replace(".", ",")
    return WORDS[lang]["eur"].format(v=shown)


def percent(share_pct: float, lang: str = "en") -> str:
    return WORDS[lang]["percent"].format(v=number(round(share_pct, 1), lang, 3))


def rule_name(rule: str, lang: str = "en") -> str:
    """A rule with its article ("the commission cap"); an unknown rule by its words."""
    en, fr = RULES.get(rule, (f"the {rule.replace('_', ' ')} rule", f"la règle {rule.replace('_', ' ')}"))
    return fr if lang == "fr" else en


def lever_name(name: str, lang: str = "en") -> str:
    """A lever by its type's words, with their article ("the platform regulation"); any other name
    (a lever's own label) as it is."""
    en, fr = LEVERS.get(name, (name, name))
    return fr if lang == "fr" else en


def actor_name(actor: str, lang: str = "en") -> str:
    en, fr = INCUMBENTS.get(actor, (actor, actor))
    return fr if lang == "fr" else en


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _share(old: float, new: float, lang: str) -> tuple[str, str]:
    return percent(100 * old, lang), percent(100 * new, lang)


def would_comply(gain: float, penalty: float, lang: str = "en") -> str:
    """What would turn a defiance into compliance: an expected penalty above the gain."""
    W = WORDS[lang]
    if penalty <= 0:
        return W["would_comply_free"].format(gain=money(gain, lang))
    ratio = number(gain / penalty, lang, 3)
    return W["would_comply"].format(gain=money(gain, lang), ratio=ratio)


def sentence(event: Mapping[str, Any], lang: str = "en", dated: bool = False) -> str:
    """One event-log row (``week``, ``actor``, ``kind``, ``details``, optional ``facts``) as one
    sentence in ``lang`` ("en" or "fr"), built from its facts, never from the English details
    (a row whose details cannot be read falls back to its kind's label)."""
    if lang not in WORDS:
        raise ValueError(f"lang {lang!r}: expected one of {', '.join(WORDS)}")
    W, kind, f = WORDS[lang], EventKind(event["kind"]), facts(event)
    actor = actor_name(str(event.get("actor", "")), lang)
    sector = term("sector", str(f.get("sector", "")), lang)
    text = None
    if kind in (EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED):
        lever = _lever(str(event.get("actor", "")), f.get("lever"), lang)
        if kind == EventKind.LEVER_UNFUNDED and "left_eur" in f:
            text = W["lever_unfunded"].format(lever=lever, needed=money(f.get("needed_eur"), lang),
                                              left=money(f["left_eur"], lang))
        elif kind == EventKind.LEVER_STARTED and f.get("origin") not in (None, "scenario"):
            text = W["lever_started_by"].format(lever=lever, origin=_lever(str(f["origin"]), None, lang))
        elif kind != EventKind.LEVER_UNFUNDED:
            text = W[str(kind)].format(lever=lever)
    elif kind == EventKind.RULE_FIRED and "weeks" in f:
        text = W["rule_fired"].format(sector=sector, weeks=f["weeks"], lever=_lever(str(f["lever"]), None, lang),
                                      reading=_reading(f["reading"], lang))
    elif kind == EventKind.DEBATE_HELD and "attendance_pct" in f:
        text = W["debate_held"].format(lever=_lever(str(event.get("actor", "")), None, lang),
                                       share=percent(f["attendance_pct"], lang))
    elif kind == EventKind.VOTE_HELD and "turnout_pct" in f:
        text = W["vote_held"].format(turnout=percent(f["turnout_pct"], lang), funded=f["funded"],
                                     proposals=f["proposals"])
    elif kind in (EventKind.PROJECT_FUNDED, EventKind.PROJECT_ENDED) and "project" in f:
        project = term("project", str(f["project"]), lang)
        text = W[str(kind)].format(project=project, cost=money(f.get("cost_eur"), lang), votes=f.get("votes"),
                                   funded_week=f.get("funded_week"))
    elif kind == EventKind.READING_CHANGED and "after" in f:
        text = W["reading_changed"].format(sector=sector, before=_reading(f["before"], lang),
                                           after=_reading(f["after"], lang))
    elif kind in (EventKind.PRICE_RAISED, EventKind.PRICE_LOWERED) and "new" in f:
        old, new = money(f["old"], lang, cents=True), money(f["new"], lang, cents=True)
        if kind == EventKind.PRICE_RAISED:
            key = "price_raised" if "floor_eur_h" in f else "price_raised_bare"
        else:
            key = "price_lowered_free" if f.get("free") else "price_lowered"
        text = W[key].format(actor=actor, old=old, new=new, floor=money(f.get("floor_eur_h"), lang, cents=True))
    elif kind == EventKind.TERMS_CHANGED and ("knob" in f or f.get("profit")):
        parts = [W["terms_profit"].format(actor=actor)] if f.get("profit") else []
        if "knob" in f:
            old, new = (_share(f["old"], f["new"], lang) if f["knob"] == "commission"
                        else (money(f["old"], lang, cents=True), money(f["new"], lang, cents=True)))
            move = W[f"terms_{f['knob']}"].format(actor=actor, old=old, new=new)
            parts.append(move + (W["break_even"] if f.get("break_even") else ""))
        text = W["semicolon"].join(parts)
    elif kind == EventKind.PLATFORM_ENTERED and "sector" in f:
        key = ("platform_entered_launch" if "launch_week" in f else
               "platform_entered_rivals" if f.get("rivals") else "platform_entered")
        text = W[key].format(actor=actor, sector=sector)
    elif kind == EventKind.PLATFORM_EXITED and "sector" in f:
        text = W["platform_exited"].format(actor=actor, sector=sector)
    elif kind == EventKind.PERMIT_WITHDRAWN and "until_week" in f:
        text = W["permit_withdrawn"].format(actor=actor, sector=sector, detections=f.get("detections"),
                                            until=f["until_week"])
    elif kind == EventKind.PERMIT_WITHDRAWN and "sector" in f:
        text = W["permit_withdrawn_bare"].format(actor=actor, sector=sector)
    elif kind == EventKind.PERMIT_RESTORED and "weeks" in f:
        text = W["permit_restored"].format(actor=actor, sector=sector, weeks=weeks(f["weeks"], lang))
    elif kind in (EventKind.DEFIANCE, EventKind.COMPLIANCE) and "rule" in f:
        rule = rule_name(str(f["rule"]), lang)
        if f.get("cause") == "lifted":
            text = W["compliance_lifted"].format(rule=rule, actor=actor)
        elif "gain_eur_w" in f and "penalty_eur_w" in f:
            text = W[str(kind)].format(actor=actor, rule=rule, gain=money(f["gain_eur_w"], lang),
                                       penalty=money(f["penalty_eur_w"], lang))
        else:
            text = W[f"{kind}_bare"].format(actor=actor, rule=rule)
    elif kind == EventKind.FINED and "rule" in f:
        text = W["fined"].format(actor=actor, rule=rule_name(str(f["rule"]), lang), fine=money(f.get("fine_eur"), lang),
                                 due=f.get("due_week"))
    elif kind == EventKind.INCUMBENT_REACTED and "reaction" in f:
        reaction = {"pool": "pool", "stop": "stop_pooling", "improve": "improve"}[f["reaction"]]
        text = W[reaction].format(actor=actor, sector=sector, spent=money(f.get("spent_eur"), lang))
    elif kind == EventKind.SERVICE_FAILED and "served_pct" in f:
        served = percent(f["served_pct"], lang)
        text = (W["service_back"].format(actor=actor, served=served, weeks=weeks(f["weeks"], lang)) if "weeks" in f
                else W["service_failed"].format(actor=actor, choosers=f.get("choosers"), served=served))
    elif kind == EventKind.BUDGET_SHORTFALL and "short_pct" in f:
        short = percent(f["short_pct"], lang)
        text = (W["budget_back"].format(short=short, weeks=weeks(f["weeks"], lang)) if "weeks" in f
                else W["budget_short"].format(short=short))
    if text is None:
        text = W["unknown"].format(actor=actor, details=vocabulary.label(kind, lang))
    text = _capital(text)
    return W["dated"].format(week=event["week"], text=text) if dated else text


def _reading(value: object, lang: str) -> str:
    return vocabulary.label(Reading(value), lang) if value in Reading else str(value)


def _lever(actor: str, lever_type: object, lang: str) -> str:
    """A lever by its type's words; a lever with its own label by that label and its type."""
    if lever_type is None or actor == lever_type:
        return lever_name(actor, lang)
    return f"{actor} ({lever_name(str(lever_type), lang)})"


# --- what the platforms did, over a policy's runs (`analysis.conduct`) --------------------------

def runs_of(k: int, n: int, lang: str = "en") -> str:
    """"3 of 10 runs" / "3 simulations sur 10" (French singular below 2)."""
    text = WORDS[lang]["runs_of"].format(k=k, n=n)
    return text.replace("simulations sur", "simulation sur") if lang == "fr" and k < 2 else text


def weeks(n: float, lang: str = "en") -> str:
    one = n == 1 if lang == "en" else abs(n) < 2
    return WORDS[lang]["week_one" if one else "week_many"].format(n=number(round(n), lang))


def defiance_summary(row: Mapping[str, Any], lang: str = "en") -> str:
    """A row of `analysis.conduct.defiance` as a sentence: who defied which rule, in how many runs,
    from which week and for how long, the gain against the expected penalty and what would change
    it; or, for a rule nobody defied, that it was obeyed."""
    W = WORDS[lang]
    rule = rule_name(str(row["rule"]), lang)
    if not row.get("platform"):
        return _capital(W["obeyed"].format(rule=rule, n=row["runs_total"]))
    k = row.get("to_end") or 0
    words = {"platform": row["platform"], "rule": rule, "runs": runs_of(row["runs"], row["runs_total"], lang),
             "week": number(round(row["first_week"]), lang), "weeks": weeks(row["weeks_defied"], lang),
             "to_end": W["to_end"].format(k=k) if k else ""}
    gain, penalty = row.get("gain_eur_w"), row.get("penalty_eur_w")
    if gain is None or penalty is None:
        return W["defied_bare"].format(**words)
    return W["defied"].format(**words, gain=money(gain, lang), penalty=money(penalty, lang),
                              change=would_comply(gain, penalty, lang))


def move_summary(row: Mapping[str, Any], lang: str = "en") -> str:
    """A row of `analysis.conduct.moves` as a sentence: a platform leaving, entering or losing its permit
    with the policy, and the same without it."""
    W, kind = WORDS[lang], EventKind(row["kind"])
    sector = term("sector", str(row.get("sector") or ""), lang)
    n = row["runs_total"]
    if not row["runs"] and kind == EventKind.PERMIT_WITHDRAWN:
        return W["permit_prevented"].format(platform=row["platform"], sector=sector,
                                            runs=runs_of(row["runs_context"], n, lang),
                                            week=number(round(row["first_week_context"]), lang))
    if not row["runs"]:
        return W["prevented"].format(platform=row["platform"], verb=W[f"verb_{kind.value.removeprefix('platform_')}"],
                                     sector=sector, runs=runs_of(row["runs_context"], n, lang),
                                     week=number(round(row["first_week_context"]), lang))
    event = {"week": 0, "actor": row["platform"], "kind": kind, "details": "", "facts": {"sector": row["sector"]}}
    without = (W["moved_without"].format(runs=runs_of(row["runs_context"], n, lang),
                                         week=number(round(row["first_week_context"]), lang))
               if row.get("runs_context") else W["moved_never"])
    return W["moved"].format(what=sentence(event, lang), runs=runs_of(row["runs"], n, lang),
                             week=number(round(row["first_week"]), lang), without=without)
