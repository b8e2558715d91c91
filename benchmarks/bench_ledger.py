"""What the economy's accounting costs per step: the ledger's payments and the households' purchases.

Runs one model (the platform city with its regulation, 2,000 residents by default) and times, on the
stepping thread's CPU clock, every call of the functions that only exist for the economy of issue #19:
`Ledger.pay` (recording a payment), `households.plan_purchases`, `households.pay_for_services` and
`kernels.remember_service`, against the whole `model.step()`. Prints their share of a step, the ledger's
rows per step and its memory at the end, and the cost of building `CityModel.ledger()`'s table.

No target was set for it (the issue asks for its cost): a measurement, not a test; it always exits 0.

    uv run python benchmarks/bench_ledger.py [--residents 2000] [--weeks 260]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulation import households, kernels  # noqa: E402
from simulation import model as model_module
from simulation.experiment import resolve_scenario  # noqa: E402
from simulation.ledger import Ledger  # noqa: E402
from simulation.model import CityModel  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--weeks", type=int, default=260)
    args = parser.parse_args()

    spent = {"ledger": 0.0, "households": 0.0}

    def timed(function, bucket):
        def wrapper(*a, **k):
            start = time.thread_time()
            try:
                return function(*a, **k)
            finally:
                spent[bucket] += time.thread_time() - start
        return wrapper

    Ledger.pay = timed(Ledger.pay, "ledger")
    model_module.plan_purchases = timed(households.plan_purchases, "households")
    model_module.pay_for_services = timed(households.pay_for_services, "households")
    model_module.remember_service = timed(kernels.remember_service, "households")

    config = resolve_scenario("platform_city+regulation", overrides={"n_residents": args.residents,
                                                                     "weeks": args.weeks}, source="bench")
    model = CityModel(config, rng=2027)
    start = time.thread_time()
    model.run()
    total = time.thread_time() - start
    t0 = time.thread_time()
    table = model.ledger()
    build = time.thread_time() - t0

    share = (spent["ledger"] + spent["households"]) / total
    print(f"{args.residents} residents, {args.weeks} weeks: step {1000 * total / args.weeks:.2f} ms (thread CPU)")
    print(f"  ledger payments  {1000 * spent['ledger'] / args.weeks:.3f} ms/step "
          f"({table.height / args.weeks:.1f} rows/step, {table.estimated_size() / 2**20:.2f} MiB at the end)")
    print(f"  households' money {1000 * spent['households'] / args.weeks:.3f} ms/step (budgets, purchases, memory)")
    print(f"  ledger table built in {1000 * build:.1f} ms")
    print(f"  economy's accounting: {100 * share:.1f}% of a step")


if __name__ == "__main__":
    main()
