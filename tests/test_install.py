"""The package as a user installs it: a wheel in a fresh virtual environment, run from another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parent.parent
EXPERIMENT = """
name = "installed"
contexts = ["citizen_burnout"]
policies = ["contributor_care"]
design = "single"
replications = 2
weeks = 30
seed = 1
[set]
n_residents = 200
"""


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv, "uv is needed to build and install the wheel"
    return uv


def test_a_wheel_in_a_fresh_environment_finds_its_library_from_any_folder(tmp_path):
    uv = _uv()
    dist, venv, elsewhere = tmp_path / "dist", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(dist), str(REPO)], check=True, capture_output=True)
    wheel = next(dist.glob("citysim-*.whl"))
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "--quiet", "--python", str(python), str(wheel)], check=True,
                   capture_output=True)
    citysim = venv / "bin" / "citysim"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT"))}

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(citysim), *args], cwd=elsewhere, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        return done

    where = subprocess.run([str(python), "-c", "import scenarios, simulation; print(simulation.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert str(venv) in where  # the installed copy, not the checkout
    assert "calm_city" in run("contexts").stdout and "governed_mix" in run("policies").stdout
    run("run", "--policy", "regulation", "--weeks", "60", "--residents", "200", "--out", "one")
    (elsewhere / "exp.toml").write_text(EXPERIMENT)
    run("sweep", "exp.toml", "--workers", "1", "--out", "pair")
    compared = run("compare", "pair")
    assert "citizen_burnout+contributor_care" in compared.stdout
    assert pl.read_parquet(elsewhere / "pair" / "runs.parquet")["policy"].to_list().count("contributor_care") == 2
