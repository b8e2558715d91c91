"""The shared event-to-sentence module and the vocabulary scan (used by the brief, the answer and the
dashboard): every kind of event the model logs reads as a sentence in both languages, from the
facts the run recorded or, for older results, from its details; no English is left in the French."""

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from analysis import narrative
from analysis.narrative import facts, sentence, would_comply
from analysis.vocabulary_scan import ALLOWED, english_left, page_text
from simulation import CityModel
from simulation.interventions import INTERVENTION_TYPES
from simulation.library import build
from simulation.platforms import RULES
from simulation.scenario import _default_incumbents
from simulation.vocabulary import EventKind

REPO = Path(__file__).resolve().parents[1]


REGULATION_ENDING = """name = "regulation_ending"
description = "A regulation for two years."
[[interventions]]
type = "platform_regulation"
start_week = 52
end_week = 150
commission_cap = 0.2
min_hourly_pay_eur = 20.0
data_sharing = 0.5
"""


@pytest.fixture(scope="session")
def logged(tmp_path_factory) -> pl.DataFrame:
    """The event logs of four small cities whose policies between them produce every kind of event (the
    fourth's residents put aside too little to pay for all they choose)."""
    ending = tmp_path_factory.mktemp("policy") / "regulation_ending.toml"
    ending.write_text(REGULATION_ENDING)
    tables = []
    for context, policy, extra in (("platform_city", str(ending), {}), ("calm_city", "governed_mix", {}),
                                   ("calm_city", "participatory_innovation", {}),
                                   ("calm_city", "none", {"residents.service_budget_share": 0.005, "weeks": 30})):
        overrides = {"n_residents": 300, "weeks": 170, "authority.budget_eur": 120_000.0, **extra}
        model = CityModel(build(context, policy, overrides), rng=2)  # a seed where a floor binds, then goes
        model.run()
        tables.append(model.events())
    return pl.concat(tables)


def platforms_of(events: pl.DataFrame) -> set[str]:
    return set(events.filter(pl.col("actor").is_in(["authority"]).not_())["actor"])


def test_every_kind_the_model_logs_reads_as_a_sentence_in_both_languages(logged):
    kinds = set(logged["kind"])
    assert kinds == {str(k) for k in EventKind}, kinds
    for event in logged.iter_rows(named=True):
        en, fr = sentence(event), sentence(event, "fr")
        # built from the event's facts, never the kind's bare label
        assert not en.startswith(f"{event['actor']}:"), (event, en)
        assert not fr.startswith(f"{event['actor']} :"), (event, fr)
        assert en[0].isupper() and fr[0].isupper()
        # no English word of the English sentence in the French one, but names
        assert english_left(en, fr, allowed=platforms_of(logged)) == [], (en, fr)
    dated = sentence(logged.row(0, named=True), "fr", dated=True)
    assert dated.startswith(f"Semaine {logged['week'][0]} : ")


def test_a_defiance_says_the_rule_the_gain_and_the_expected_penalty_from_the_recorded_facts(logged):
    defied = logged.filter(pl.col("kind") == EventKind.DEFIANCE).row(0, named=True)
    recorded = json.loads(defied["facts"])
    assert recorded["rule"] in RULES and recorded["gain_eur_w"] > recorded["penalty_eur_w"] > 0
    en = sentence(defied)
    assert narrative.rule_name(recorded["rule"]) in en and defied["actor"] in en
    assert f"EUR {round(recorded['gain_eur_w']):,}" in en and f"EUR {round(recorded['penalty_eur_w']):,}" in en
    fr = sentence(defied, "fr")
    assert narrative.rule_name(recorded["rule"], "fr") in fr and "pénalité attendue" in fr
    # results written before events carried facts: the same facts read off the details
    older = {k: v for k, v in defied.items() if k != "facts"}
    assert facts(older)["rule"] == recorded["rule"]
    assert facts(older)["gain_eur_w"] == pytest.approx(recorded["gain_eur_w"], abs=0.5)
    assert facts(older)["penalty_eur_w"] == pytest.approx(recorded["penalty_eur_w"], abs=0.5)
    # a fact the model records wins over the details (so a new enforcement model can say more)
    assert facts({**defied, "facts": {"penalty_eur_w": 7.0}})["penalty_eur_w"] == 7.0


def test_exits_entries_and_pooling_read_as_the_classroom_tells_them(logged):
    exited = logged.filter(pl.col("kind") == EventKind.PLATFORM_EXITED).row(0, named=True)
    assert json.loads(exited["facts"])["capital_eur"] < 0
    assert sentence(exited).startswith(f"{exited['actor']} runs out of capital and leaves ")
    assert sentence(exited, "fr").startswith(f"{exited['actor']} n'a plus de capital et quitte le secteur ")
    entered = logged.filter(pl.col("kind") == EventKind.PLATFORM_ENTERED).row(0, named=True)
    assert sentence(entered).startswith(f"{entered['actor']} enters ")
    pooled = logged.filter(pl.col("details").str.starts_with("pools")).row(0, named=True)
    assert sentence(pooled).startswith("The OpenStreetMap community pools its data")
    assert sentence(pooled, "fr").startswith("La communauté OpenStreetMap verse ses données")
    unfunded = logged.filter(pl.col("kind") == EventKind.LEVER_UNFUNDED).row(0, named=True)
    assert sentence(unfunded).startswith("The budget runs out: ")
    assert sentence(unfunded, "fr").startswith("Le budget est épuisé : ")


def test_what_would_change_a_defiance():
    assert "EUR 938 a week, 2.24 times today's" in would_comply(938.0, 418.0)
    assert "938 EUR par semaine, soit 2,24 fois" in would_comply(938.0, 418.0, "fr")
    assert "above EUR 50 a week" in would_comply(50.0, 0.0)


def test_an_event_it_cannot_read_falls_back_to_its_kind_and_an_unknown_language_is_refused():
    odd = {"week": 3, "actor": "X", "kind": "price_raised", "details": "something else"}
    assert sentence(odd) == "X: price raised to meet a pay floor"
    assert sentence(odd, "fr") == "X : prix relevé pour respecter un plancher de rémunération"
    with pytest.raises(ValueError, match="lang 'de'"):
        sentence(odd, "de")


def test_every_lever_rule_and_default_incumbent_has_its_words():
    assert set(INTERVENTION_TYPES) <= set(narrative.LEVERS)
    assert set(RULES) <= set(narrative.RULES)
    assert {i.name for i in _default_incumbents()} <= set(narrative.INCUMBENTS)
    assert set(narrative.WORDS["en"]) == set(narrative.WORDS["fr"])


def test_the_narrative_imports_without_mesa():
    code = ("import sys, analysis.narrative, analysis.vocabulary_scan; "
            "print('mesa' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_vocabulary_scan_finds_english_left_in_french():
    english = "<p>Rule defied by <b>QuickEats</b>: the budget runs out.</p><code>citysim brief</code>"
    french = ("<html><head><title>rule</title><style>p{}</style></head><body><p>Règle enfreinte (rule defied) "
              "par QuickEats : le budget est épuisé.</p><code>citysim brief</code></body></html>")
    assert "rule" not in page_text(french).split(" ")[0] and "citysim" not in page_text(french)
    assert english_left(page_text(english), page_text(french)) == ["defied", "quickeats", "rule"]
    assert english_left(page_text(english), page_text(french), allowed=["QuickEats"]) == ["defied", "rule"]
    assert "budget" in ALLOWED  # French too: allowed
    assert english_left("the burn-out rate", "le taux de burn-out") == []


def test_a_permit_lost_reads_as_a_move_and_the_brief_does_not_deny_it():
    """Issue #20 (permits): a platform suspended for its permit is among the platforms that left for a while, in
    both languages, with or without the policy; and the brief's limits no longer say platforms leave only when
    their capital runs out."""
    from analysis.brief_words import WORDS as BRIEF
    from analysis.conduct import MOVES

    assert EventKind.PERMIT_WITHDRAWN in MOVES
    row = {"kind": "permit_withdrawn", "platform": "RideNow", "sector": "mobility", "runs": 2, "runs_total": 3,
           "first_week": 80.0, "runs_context": 0, "first_week_context": None}
    assert narrative.move_summary(row) == ("RideNow loses its permit and is out of mobility for a while in 2 of 3 "
                                           "runs (median week 80); without the policy: never")
    fr = narrative.move_summary(row, "fr")
    assert fr.startswith("RideNow perd son autorisation et quitte un temps le secteur mobilité dans 2 simulations")
    prevented = {**row, "runs": 0, "first_week": None, "runs_context": 1, "first_week_context": 90.0}
    assert narrative.move_summary(prevented).startswith("With the policy, RideNow never loses its permit in mobility")
    assert "autorisation" in narrative.move_summary(prevented, "fr")
    assert "leave only when" not in BRIEF["en"]["limit_3"] and "permit" in BRIEF["en"]["limit_3"]
    assert "autorisation" in BRIEF["fr"]["limit_3"]
