"""Residents II: trust that changes what people do, and neighbours who recruit, withdraw and
recommend. Switch-off experiments on paired seeds (100-109, not those of the pilot, 0-3, that
informed the directions stated in docs/ODD.md before these tests were written)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from simulation import CityModel
from simulation.library import build
from simulation.network import small_world
from simulation.registry import INDICATORS

SEEDS = range(100, 110)
N, WEEKS = 1000, 156


def last_year(config) -> dict[str, np.ndarray]:
    frames = [CityModel(config, rng=seed).run().indicators()[-52:] for seed in SEEDS]
    return {m: np.array([f[m].drop_nulls().mean() if f[m].drop_nulls().len() else np.nan for f in frames])
            for m in INDICATORS}


def assert_effect(base: np.ndarray, treated: np.ndarray, metric: str, sign: int) -> None:
    """The paired mean difference exceeds the SMD and twice its standard error, with ``sign``."""
    diffs = treated - base
    mean, se = diffs.mean(), diffs.std(ddof=1) / np.sqrt(diffs.size)
    smd = INDICATORS[metric].smd
    assert sign * mean > smd and sign * mean > 2 * se, f"{metric}: {mean:.4g} (se {se:.3g}, SMD {smd})"


@pytest.fixture(scope="module")
def city():
    """The calm city with a yearly participatory vote (so that turnout exists), and its switch-offs."""
    def variant(**overrides):
        return last_year(build("calm_city", "participatory_innovation",
                               {"n_residents": N, "weeks": WEEKS, **overrides}))

    return {
        "base": variant(),
        "no_trust": variant(**{"civic.trust_behaviour": False}),
        "no_ties": variant(**{"civic.ties": False}),
        "no_word": variant(**{"consumption.word_of_mouth": False}),
        "ring": variant(**{"civic.network_degree": 2, "civic.network_rewire": 0.0}),
        "random": variant(**{"civic.network_degree": 30, "civic.network_rewire": 1.0}),
    }


def test_trust_changes_who_votes(city):
    """(c) Stated direction: residents trust the calm city's authority more than not (mean ~0.58), so
    when trust no longer moves the chance to vote, fewer vote."""
    assert_effect(city["base"]["last_vote_turnout"], city["no_trust"]["last_vote_turnout"], "last_vote_turnout", -1)


def test_volunteering_spreads_along_ties(city):
    """(d) Stated direction: without recruitment by neighbours, fewer residents volunteer."""
    assert_effect(city["base"]["active_contributor_share"], city["no_ties"]["active_contributor_share"],
                  "active_contributor_share", -1)
    assert np.nanmax(city["no_ties"]["recruited_share"]) == 0.0 and np.nanmin(city["base"]["recruited_share"]) > 0


def test_word_of_mouth_favours_what_neighbours_already_use(city):
    """(e) Stated direction: word of mouth adds utility to the platforms one's neighbours use, never to the
    offline option: without it fewer residents order through platforms, and services take more of their
    week. (Until issue #19 this test read the cooperative's share, rising without word of mouth because
    the commercial platforms were the ones most neighbours used. With remembered service the cooperative
    leads the calm city on most seeds, so which provider word of mouth amplifies depends on the seed:
    -0.003, SE 0.021, on these seeds; the five-city recording in docs/ODD.md keeps the original claim.)"""
    assert_effect(city["base"]["consumption_hours_mean"], city["no_word"]["consumption_hours_mean"],
                  "consumption_hours_mean", +1)


def test_network_structure_matters(city):
    """A ring of degree 2 against a random graph of degree 30: recruitment and local re-asks run
    along ties, so the structure changes how many volunteer (by more than the SMD, any sign)."""
    diffs = city["random"]["active_contributor_share"] - city["ring"]["active_contributor_share"]
    se = diffs.std(ddof=1) / np.sqrt(diffs.size)
    assert abs(diffs.mean()) > INDICATORS["active_contributor_share"].smd and abs(diffs.mean()) > 2 * se


def _clustering_and_path(graph: nx.Graph) -> tuple[float, float]:
    giant = graph.subgraph(max(nx.connected_components(graph), key=len))
    return nx.average_clustering(graph), nx.average_shortest_path_length(giant)


def test_the_network_is_watts_and_strogatz_small_world():
    """Normalised clustering C(p)/C(0) and path length L(p)/L(0) of our generator match networkx's
    `watts_strogatz_graph` (Watts and Strogatz 1998, figure 2) at p = 0.01, 0.1 and 1."""
    n, k = 300, 10

    def ours(p: float, seed: int) -> nx.Graph:
        net = small_world(n, k, p, np.random.default_rng(seed))
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from((i, int(j)) for i in range(n) for j in net.neighbours_of(i) if j > i)
        return graph

    c0, l0 = _clustering_and_path(ours(0.0, 0))
    assert c0 == pytest.approx(_clustering_and_path(nx.watts_strogatz_graph(n, k, 0.0))[0])
    for p in (0.01, 0.1, 1.0):
        mine = np.mean([_clustering_and_path(ours(p, seed)) for seed in range(2)], axis=0)
        theirs = np.mean([_clustering_and_path(nx.watts_strogatz_graph(n, k, p, seed=seed)) for seed in range(2)],
                         axis=0)
        assert abs(mine[0] / c0 - theirs[0] / c0) < 0.05, (p, mine, theirs)
        assert abs(mine[1] / l0 - theirs[1] / l0) < 0.1 * theirs[1] / l0, (p, mine, theirs)
