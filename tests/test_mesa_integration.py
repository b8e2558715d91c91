"""Mesa's own tools work on the model unchanged."""

import mesa
import numpy as np

from simulation import CityModel, Resident


def test_batch_run_sweeps_flat_parameters():
    results = mesa.batch_run(
        CityModel,
        parameters={"n_residents": 200, "volunteer_demand": [0.05, 0.4]},
        rng=[1, 2],
        max_steps=30,
        number_processes=1,
        data_collection_period=-1,
        display_progress=False,
    )
    assert len(results) == 4
    by_demand = {}
    for row in results:
        assert row["Step"] == 30
        by_demand.setdefault(row["volunteer_demand"], []).append(row["burnout_rate"])
    assert np.mean(by_demand[0.4]) > np.mean(by_demand[0.05])


def test_datacollector_matches_polars_indicators():
    model = CityModel(rng=4, n_residents=200).run(10)
    mesa_df = model.datacollector.get_model_vars_dataframe()
    ours = model.indicators()
    assert len(mesa_df) == ours.height == 10
    np.testing.assert_allclose(mesa_df["trust_mean"].to_numpy(), ours["trust_mean"].to_numpy())


def test_residents_are_agents_viewing_their_rows():
    model = CityModel(rng=4, n_residents=200).run(3)
    residents = model.agents_by_type[Resident]
    assert len(residents) == 200
    fatigue = residents.agg("fatigue", np.mean)
    assert np.isclose(fatigue, model.residents_state.fatigue.mean())
    one = residents.select(lambda r: r.row == 7).to_list()[0]
    one.trust = 0.123
    assert model.residents_state.trust[7] == 0.123
    workers = residents.select(lambda r: r.worker > 0)
    assert len(workers) == int((model.residents_state.worker > 0).sum())


def test_same_seed_same_run_and_seed_matters():
    a = CityModel(rng=9, n_residents=300).run(15).indicators()
    b = CityModel(rng=9, n_residents=300).run(15).indicators()
    c = CityModel(rng=10, n_residents=300).run(15).indicators()
    assert a.equals(b)
    assert not a.equals(c)
