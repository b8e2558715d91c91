"""Random streams per process and week: comparisons stay paired (issue #18).

A policy must change what agents face, never the random numbers of processes it does not own:
the city with a policy and the city without it draw, process by process and week by week, the
same numbers. Checked three ways: the draws themselves (audited from the streams), a debate or a
vote held so that it has no effect but still draws (bitwise the same city), and the source
(no module of ``simulation/`` but ``streams.py`` reaches for a generator of its own).
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from simulation import CityModel
from simulation.library import NO_POLICY, build, names
from simulation.streams import Process, Streams

SIMULATION = Path(__file__).resolve().parent.parent / "simulation"
SEEDS = (401, 402, 403, 404, 405)
N, WEEKS = 200, 110  # every library lever has started by week 104
COUNTS_THE_LEVER = {"interventions_active", "agora_attendance", "last_vote_turnout"}
"""Indicators that count the lever itself, and so differ even when it acts on nothing."""


def _city(policy: str, seed: int, levers: list | None = None) -> CityModel:
    """The calm city with a library policy, or with ``levers`` of its own, audited."""
    config = build("calm_city", policy).with_overrides({"n_residents": N, "weeks": WEEKS}, source="test")
    if levers is not None:
        config = config.model_copy(update={"interventions": levers})
    model = CityModel(config, rng=seed)
    model.streams.audit()
    return model.run()


@pytest.fixture(scope="module")
def without_policy() -> dict[int, CityModel]:
    return {seed: _city(NO_POLICY, seed) for seed in SEEDS}


@pytest.mark.parametrize("policy", names("policies"))
def test_a_policy_leaves_the_draws_of_every_process_it_does_not_own_unchanged(policy, without_policy):
    for seed in SEEDS:
        base = without_policy[seed].streams.drawn()
        drawn = _city(policy, seed).streams.drawn()
        shared = {key: digest for key, digest in drawn.items() if not key[1]}  # processes no lever owns
        assert shared == base, f"{policy}, seed {seed}: draws differ in " + ", ".join(
            sorted({f"{k[0]} week {k[2]}" for k in set(shared) ^ set(base) | {
                k for k in set(shared) & set(base) if shared[k] != base[k]}})[:5])
        owned = {key[1] for key in drawn if key[1]}
        levers = {i.name() for i in build("calm_city", policy).interventions}
        assert owned <= levers, f"{policy}: streams owned by {owned - levers}, which are not its levers"


def _null(lever):
    """The lever set to act on nothing while its draws still happen (a debate held, a vote cast)."""
    nothing = {
        "innovation_agora": {"convergence": 0.0, "session_h": 0.0},
        "participatory_innovation": {"budget_eur": 0.0, "vote_h": 0.0},
        "platform_regulation": {"commission_cap": None, "min_hourly_pay_eur": None, "data_sharing": 0.0,
                                "inspection_eur_per_resident_w": 0.0},
        "data_partnership": {"partners": [], "data_pooled": 0.0, "public_dependence": 0.0, "alignment": 0.0,
                             "integration": 0.0, "commons_quality_gain": 0.0},
        "cooperative_support": {"grant_eur": 0.0, "procurement_uses_w": 0.0, "price_subsidy_eur": 0.0},
        "contributor_care": {"max_requests_h": None, "recognition": 0.0, "rotation": False, "pay_eur_h": 0.0},
        "innovation_policy": {"alignment_rate_w": 0.0, "partnership_rate_w": 0.0},
    }
    if lever.type not in nothing:
        pytest.skip(f"no null form for {lever.type}")
    return lever.model_copy(update={"cost_eur_w": 0.0, **nothing[lever.type]})


LIBRARY_LEVERS = sorted({(i.type, policy) for policy in names("policies")
                         for i in build("calm_city", policy).interventions
                         if i.type not in ("adaptive_rule", "grand_objective")})
"""One library policy that uses each lever type (the adaptive rule only starts another lever; the grand
objective's progress counts the lever itself)."""


@pytest.mark.parametrize(("lever", "policy"), list({t: (t, p) for t, p in LIBRARY_LEVERS}.values()))
def test_a_lever_that_acts_on_nothing_leaves_the_city_bitwise_unchanged(lever, policy, without_policy):
    """The agora's debates are held (attendance at its default, so its draws happen) but move no one and take
    no time; the participatory vote is cast but funds nothing; every other lever binds nothing. The city must
    be bitwise the city without the lever, in every indicator but those that count the lever itself."""
    levers = [_null(i) for i in build("calm_city", policy).interventions if i.type == lever]
    for seed in SEEDS[:2]:
        got = _city(NO_POLICY, seed, levers=levers).indicators()
        base = without_policy[seed].indicators()
        differ = [c for c in base.columns if c not in COUNTS_THE_LEVER
                  and not got[c].equals(base[c], null_equal=True)]
        assert not differ, f"{lever} acting on nothing changed {differ} (seed {seed})"
        if lever == "innovation_agora":
            assert got["agora_attendance"].max() > 0.0  # the debates were held: their draws happened
        if lever == "participatory_innovation":
            assert got["last_vote_turnout"].max() > 0.0  # the votes were cast


def test_a_process_draws_the_same_numbers_whatever_the_week_before():
    """A stream depends on (seed, process, week, owner) only: asking for it again, in any order, gives
    the same numbers; another week, process, owner or seed gives others."""
    streams = Streams(np.random.SeedSequence(7))
    first = streams.week(Process.TIES, 5).random(10)
    streams.week(Process.TIES, 4).random(1000)
    np.testing.assert_array_equal(first, streams.week(Process.TIES, 5).random(10))
    others = [streams.week(Process.TIES, 6), streams.week(Process.JOBS, 5),
              streams.week(Process.VOTES, 5, owner="a"), Streams(np.random.SeedSequence(8)).week(Process.TIES, 5)]
    for other in others:
        assert not np.array_equal(first, other.random(10))
    np.testing.assert_array_equal(streams.week(Process.VOTES, 5, owner="a").random(3),
                                  Streams(np.random.SeedSequence(7)).week(Process.VOTES, 5, owner="a").random(3))


def test_a_run_is_the_same_from_an_integer_seed_and_its_seed_sequence():
    a = CityModel(rng=11, n_residents=100).run(5).indicators()
    b = CityModel(rng=np.random.SeedSequence(11), n_residents=100).run(5).indicators()
    assert a.equals(b)


# --- the source: one module owns the generators -------------------------------------------------


def _reaches_for_a_generator(tree: ast.AST) -> list[tuple[int, str]]:
    """Places that use ``numpy.random``, the stdlib ``random`` module, or a model's ``rng`` / ``random``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            module = getattr(node, "module", None) or ""
            imported = [a.name for a in node.names]
            if module in ("random", "numpy.random") or module.startswith("numpy.random") or "random" in imported and (
                    module in ("", "numpy")) or any(n in ("random", "numpy.random") for n in imported):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Attribute):
            text = ast.unparse(node)
            if node.attr == "rng" or text.endswith(("np.random", "numpy.random")) or (
                    node.attr == "random" and text in ("model.random", "self.model.random", "self.random")):
                found.append((node.lineno, text))
    return found


def _allowed(line: str) -> bool:
    return "Mesa's own generator" in line  # handed to Mesa for its own shuffles, never drawn from


def test_no_module_but_the_streams_reaches_for_a_generator():
    offences = []
    for path in sorted(SIMULATION.glob("*.py")):
        if path.name == "streams.py":
            continue
        lines = path.read_text().splitlines()
        for lineno, text in _reaches_for_a_generator(ast.parse(path.read_text())):
            if not _allowed(lines[lineno - 1]):
                offences.append(f"{path.name}:{lineno}: {text}")
    assert not offences, "draw from simulation/streams.py instead:\n" + "\n".join(offences)


@pytest.mark.parametrize("source", [
    "import numpy as np\nx = np.random.default_rng(1).random(3)\n",
    "def f(model):\n    return model.rng.random(3)\n",
    "def f(self):\n    return self.model.random.random()\n",
    "import random\n",
    "from numpy.random import default_rng\n",
])
def test_the_lint_catches_each_way_to_reach_for_a_generator(source):
    assert _reaches_for_a_generator(ast.parse(source))


def test_the_lint_lets_streams_be_used():
    source = "def f(model):\n    d = model.streams.week(P.TIES, 3)\n    return d.random(4)\n"
    assert not _reaches_for_a_generator(ast.parse(source))
