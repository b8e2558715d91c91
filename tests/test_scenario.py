"""Scenario files: defaults, overrides and one clear message per bad input."""

import pytest

from simulation import CityModel, ScenarioError, load_scenario


def write(tmp_path, text, name="x.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_baseline_loads_with_defaults(baseline):
    assert baseline.name == "calm_city" and baseline.context == "calm_city" and baseline.policy == "none"
    assert baseline.n_residents >= 10
    assert {p.kind for p in baseline.platforms} == {"commercial", "cooperative", "public"}
    assert all(p.sector in {s.name for s in baseline.sectors} for p in baseline.platforms)


def test_file_overrides_any_default(tmp_path):
    path = write(tmp_path, """
name = "mine"
n_residents = 321
[contribution]
fatigue_gain = 0.5
[[sectors]]
name = "delivery"
uses_per_week = 1.0
task_h = 0.5
[[platforms]]
name = "Solo"
sector = "delivery"
kind = "cooperative"
commission = 0.05
price_eur = 9.0
pay_model = "hourly"
""")
    cfg = load_scenario(path)
    assert cfg.n_residents == 321 and cfg.contribution.fatigue_gain == 0.5
    assert [p.name for p in cfg.platforms] == ["Solo"]
    model = CityModel.from_scenario(path, rng=1).run(5)
    assert model.indicators().height == 5
    assert model.platform_table()["platform"].unique().to_list() == ["Solo"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("n_residents = -5", "x.toml: n_residents: must be >= 10, got -5"),
        ("n_residents = 'many'", "x.toml: n_residents: Input should be a valid integer"),
        ("colour = 'red'", "x.toml: colour: unknown field"),
        ("[contribution]\nfatigue_gian = 0.2",
         "x.toml: contribution.fatigue_gian: unknown field; did you mean 'fatigue_gain'?"),
        (
            '[[sectors]]\nname="d"\nuses_per_week=1\n[[platforms]]\nname="A"\nsector="d"\n'
            'kind="commercial"\ncommission=0.2\nprice_eur=1\n[[platforms]]\nname="B"\nsector="d"\n'
            'kind="commercial"\ncommission=1.4\nprice_eur=1',
            "x.toml: platforms.B.commission: must be between 0 and 1, got 1.4",
        ),
        ("[authority]\ncriteria_weights = [0.5, 0.5, 0.5, 0, 0, 0]",
         "x.toml: authority: criteria_weights: must sum to 1, got 1.5"),
        ("[civic]\ntrust_weights = [0.2, 0.2, 0.2]", "x.toml: civic: trust_weights: must sum to 1"),
        ('[[sectors]]\nname="d"\nuses_per_week=1\n[[platforms]]\nname="A"\nsector="nowhere"\n'
         'kind="commercial"\ncommission=0.2\nprice_eur=1',
         "platforms.A.sector: unknown sector 'nowhere'"),
        ('[[platforms]]\nname="A"\nsector="delivery"\nkind="charity"\ncommission=0.2\nprice_eur=1',
         "x.toml: platforms.A.kind: Input should be 'commercial', 'cooperative' or 'public'"),
        ('[[platforms]]\nname="A"\nsector="delivery"\nkind="public"\nprice_eur=1',
         "x.toml: platforms.A.commission: missing required field"),
        ("weeks = [", "x.toml: not valid TOML"),
    ],
)
def test_bad_scenarios_get_one_clear_message(tmp_path, text, expected):
    with pytest.raises(ScenarioError) as info:
        load_scenario(write(tmp_path, text))
    message = str(info.value)
    assert expected in message
    assert "Traceback" not in message
    assert str(tmp_path) in message  # names the file


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="absent.toml: no such file"):
        load_scenario(tmp_path / "absent.toml")


def test_overrides_by_dotted_path_and_flat_alias(baseline):
    cfg = baseline.with_overrides({"contribution.capacity_h": 5.0, "platforms.QuickEats.price_eur": 12})
    assert cfg.contribution.capacity_h == 5.0
    assert next(p for p in cfg.platforms if p.name == "QuickEats").price_eur == 12
    model = CityModel(rng=1, n_residents=50, volunteer_demand=0.7, commission=0.33)
    assert model.config.contribution.volunteer_demand_h == 0.7
    assert {p.commission for p in model.config.platforms if p.kind == "commercial"} == {0.33}
    assert model.authority.programme.demand_h == 0.7
    with pytest.raises(ScenarioError, match="commission: must be between 0 and 1"):
        CityModel(rng=1, commission=2.0)
    with pytest.raises(ScenarioError, match="unknown field 'nope'"):
        baseline.with_overrides({"contribution.nope": 1})


def test_a_policys_lever_is_overridden_by_its_type_after_the_policy_is_composed():
    """Issue #20's sweep varies the regulation's inspectors and fines: a path under ``interventions`` names a
    lever by its label or, when it is the only one of its type, by its type, and applies to the scenario the
    policy composed (before, overrides changed the context only, and no lever field could be swept)."""
    from simulation.experiment import resolve_scenario

    cfg = resolve_scenario("platform_city+regulation", overrides={
        "interventions.platform_regulation.fine_eur_per_use": 25.0, "n_residents": 300}, source="test")
    assert cfg.interventions[0].fine_eur_per_use == 25.0 and cfg.n_residents == 300
    with pytest.raises(ScenarioError, match="no item 'data_partnership'.*known: platform_regulation"):
        resolve_scenario("platform_city+regulation", overrides={"interventions.data_partnership.sector": "x"},
                         source="test")
