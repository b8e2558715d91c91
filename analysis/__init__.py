"""Reading and analysing results folders written by `citysim run` and `citysim sweep`.

`load` opens a folder; `compare` sets scenarios against a baseline (paired bootstrap
intervals, verdicts at each indicator's smallest meaningful difference, wins and losses,
Pareto dominance); `answer` adds, for policies against their contexts, cost,
cost-effectiveness, events and a ranking; `build_brief` writes the policymaker's page;
`sensitivity` computes Sobol or Morris indices and robustness; `build_report` writes the HTML
report (imported on first use: it brings in Altair).
"""

from typing import Any

from analysis.answer import Answer, answer
from analysis.brief import build_brief
from analysis.compare import Comparison, compare
from analysis.metrics import DIRECTION, METRICS, direction, per_run
from analysis.results import Results, ResultsError, load
from analysis.sensitivity import Sensitivity, sensitivity

__all__ = ["DIRECTION", "METRICS", "Answer", "Comparison", "Results", "ResultsError", "Sensitivity", "answer",
           "build_brief", "build_report", "compare", "direction", "load", "per_run", "sensitivity"]


def __getattr__(name: str) -> Any:
    if name == "build_report":
        from analysis.report import build_report

        return build_report
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
