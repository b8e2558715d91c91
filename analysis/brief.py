"""`citysim brief`: one self-contained page a non-programmer can read, in English or French.

The question, the city in plain words, the policies ranked (no indicator weighed against
another), each indicator's effect, interval, verdict, cost and cost-effectiveness per policy,
the trade-offs in one sentence each, the events behind the outcomes, how to read it, and what
the model leaves out. Built from `analysis.answer`; no script, no network, no chart library:
intervals are drawn as inline SVG. Written without ever overwriting an earlier brief.
"""

from __future__ import annotations

import html
import math
from importlib import metadata
from pathlib import Path

import polars as pl

from analysis.answer import Answer, answer
from analysis.brief_words import LIMITS, WORDS, listing, plural, term
from analysis.costs import describe_value
from analysis.events import describe, lever_types
from analysis.labels import DIRECTION_WORDS, LABELS, label, unit
from analysis.metrics import WINDOW_RE, as_results
from analysis.outputs import UNCHANGED, Placement, place, same_text
from analysis.pages import html_page, html_table, number
from analysis.results import Results, ResultsError
from analysis.verdicts import BETTER, CHANGED, COLOURS, INCONCLUSIVE, MANY, NO_CHANGE, WORSE
from simulation.atomic import write_atomic
from simulation.registry import indicator

QUESTION = ("burnout_rate", "value_kept_eur_per_resident", "platform_revenue_eur_per_resident", "trust_mean",
            "objective_progress")
"""The policymaker's question first (CONCEPTS.md, section 6), then every other indicator compared."""
BAR_W, BAR_H = 130, 18


def _esc(text: str) -> str:
    return html.escape(text)  # quotes too: a name may sit in an attribute


class Brief:
    """What every part of the page needs: the answer, the language and its words."""

    def __init__(self, ans: Answer, lang: str) -> None:
        self.ans, self.lang, self.W = ans, lang, WORDS[lang]
        self.results: Results = ans.results
        self.scenarios: dict = self.results.experiment.get("scenarios", {})
        self.types = {s: lever_types(self.results, s) for s in self.scenarios}

    # --- words -----------------------------------------------------------------------------

    def num(self, x: float | None, digits: int = 3) -> str:
        return number(x, self.lang, digits)

    def money(self, x: float | None) -> str:
        return number(round(x) if x is not None and not math.isnan(x) else None, self.lang)

    def verdict(self, v: str) -> str:
        return f'<b style="color:{COLOURS[v]}">{_esc(label(v, self.lang))}</b>'

    def interval(self, lo: float | None, hi: float | None) -> str:
        sep = " ; " if self.lang == "fr" else ", "
        return f"[{self.num(lo)}{sep}{self.num(hi)}]"

    def years(self, weeks: int) -> str:
        years = weeks / 52
        return plural(years, "year", self.lang, self.num(round(years, 1), 2))

    def description(self, config_or_name: dict | str) -> str:
        """A context's or policy's description in the page's language (never the other one)."""
        key = "description_fr" if self.lang == "fr" else "description"
        if isinstance(config_or_name, dict):
            found = [config_or_name.get(key, "")]
        else:
            from simulation.errors import ScenarioError
            from simulation.library import load_policy

            found = []
            for part in config_or_name.split("+"):
                try:
                    found.append(getattr(load_policy(part)[0], key))
                except ScenarioError:
                    found.append("")
        text = " + ".join(_esc(t) for t in found if t)
        return text or f'<span class="note">{self.W["no_description"]}</span>'

    def window(self) -> str:
        text = self.ans.comparison.window
        L = LABELS[self.lang]
        if text.startswith("week "):
            return L["at_week"].format(n=text.removeprefix("week "))
        match = WINDOW_RE.fullmatch(text)
        return L["last_weeks"].format(n=match[1]) if match else L["all_weeks"]

    def policy_name(self, scenario: str) -> str:
        """A policy's name as typed on the command line (a mix may break after each '+')."""
        return f"<code>{_esc(self.results_policy(scenario)).replace('+', '+<wbr>')}</code>"

    def results_policy(self, scenario: str) -> str:
        return self.scenarios.get(scenario, {}).get("policy") or scenario

    # --- parts -----------------------------------------------------------------------------

    def bar(self, row: dict, half_range: float) -> str:
        """The interval as a horizontal bar, oriented so that right is better, over a grey band of
        plus or minus one smallest meaningful difference."""
        sign = row["direction"] or 1
        lo, hi, diff = (row[k] for k in ("ci_low", "ci_high", "diff"))
        if any(v is None for v in (lo, hi, diff)) or half_range <= 0:
            return ""
        lo, hi = sorted((lo * sign, hi * sign))

        def x(v: float) -> float:
            return round(BAR_W / 2 + v / half_range * (BAR_W / 2 - 4), 1)

        smd, colour = row["smd"], COLOURS[row["verdict"]]
        return (f'<svg width="{BAR_W}" height="{BAR_H}" viewBox="0 0 {BAR_W} {BAR_H}" role="img">'
                f'<rect x="{x(-smd)}" y="2" width="{x(smd) - x(-smd)}" height="{BAR_H - 4}" fill="#e6e9ee"/>'
                f'<line x1="{x(0)}" y1="0" x2="{x(0)}" y2="{BAR_H}" stroke="#555" stroke-dasharray="2,2"/>'
                f'<line x1="{x(lo)}" y1="{BAR_H / 2}" x2="{x(hi)}" y2="{BAR_H / 2}" stroke="{colour}" '
                f'stroke-width="3"/><circle cx="{x(diff * sign)}" cy="{BAR_H / 2}" r="4" fill="{colour}"/></svg>')

    def to_decide(self, row: dict) -> str:
        """After an inconclusive verdict: the replications that would decide it."""
        n = row["n_to_decide"]
        if row["verdict"] != INCONCLUSIVE or n is None:
            return ""
        text = (self.W["decide_many"].format(n=self.num(MANY)) if n > MANY
                else self.W["decide"].format(n=self.num(n)))
        return f"<br><small>{_esc(text)}</small>"

    def trade_off(self, scenario: str, rows: pl.DataFrame, cost: dict | None) -> str:
        """One sentence: better on what, worse on what, what is still open, at what cost."""
        W = self.W

        def named(verdicts: tuple[str, ...]) -> list[str]:
            return [_esc(label(r["metric"], self.lang)) for r in rows.iter_rows(named=True) if r["verdict"] in verdicts]

        better, worse, changed = named((BETTER,)), named((WORSE,)), named((CHANGED,))
        parts = []
        if better and worse:
            parts.append(f"{W['better_on'].format(items=listing(better, self.lang))}, {W['but']} "
                         f"{W['worse_on'].format(items=listing(worse, self.lang))}")
        elif better or worse:
            parts.append(W["better_on" if better else "worse_on"].format(items=listing(better or worse, self.lang)))
        elif not changed:
            parts.append(W["nothing_meaningful"])
        if changed:
            parts.append(W["changed_on"].format(items=listing(changed, self.lang)))
        open_ = named((INCONCLUSIVE,))
        if open_:
            parts.append(W["still_open"].format(items=listing(open_, self.lang)))
        weeks = self.scenarios.get(scenario, {}).get("weeks", 0)
        if cost and cost["cost_eur"] is not None and cost["cost_eur"] > 0:
            parts.append(W["costs"].format(cost=self.money(cost["cost_eur"]), years=self.years(weeks)))
        else:
            parts.append(W["costs_nothing"])
        return W["trade_off"].format(policy=self.policy_name(scenario), parts=W["semicolon"].join(parts))

    def city(self, context: str) -> str:
        W, cfg = self.W, self.scenarios.get(context, {})
        demand = cfg.get("contribution", {}).get("volunteer_demand_h", 0.0)
        authority = cfg.get("authority", {})
        text = W["city_text"].format(
            population=self.num(cfg.get("n_residents")), years=self.years(cfg.get("weeks", 0)),
            weeks=plural(cfg.get("weeks", 0), "week", self.lang, self.num(cfg.get("weeks"))),
            demand=plural(demand, "hour", self.lang, self.num(demand)),
            budget=self.money(authority.get("budget_eur")), income=self.money(authority.get("budget_income_eur_w")))
        sectors = []
        for sector in cfg.get("sectors", []):
            platforms = [W["platform_line"].format(name=p["name"], kind=term("kind", p["kind"], self.lang),
                                                   commission=self.num(p["commission"], 2))
                         for p in cfg.get("platforms", []) if p["sector"] == sector["name"]]
            if platforms:
                sectors.append("<li>" + _esc(W["colon"].format(a=term("sector", sector["name"], self.lang),
                                                               b=", ".join(platforms))) + "</li>")
        settings = self.results.experiment.get("experiment", {}).get("set", {})
        chosen = [f"{_esc(W['opt_' + k]) if 'opt_' + k in W else f'<code>{_esc(k)}</code>'} = "
                  f"{self.num(v) if isinstance(v, int | float) else _esc(str(v))}" for k, v in settings.items()]
        out = (f"<p>{self.description(cfg)}</p><p>{_esc(text)}</p><p>{W['city_platforms']}</p>"
               f"<ul>{''.join(sectors)}</ul>")
        if chosen:
            out += f"<p>{W['set_by_options'].format(items=', '.join(chosen))}</p>"
        return out

    def ranking(self, context: str) -> str:
        W = self.W
        rows = []
        for r in self.ans.ranking.filter(pl.col("context") == context).iter_rows(named=True):
            counts = f"{r['better']} / {r['worse']} / {r['no_change']} / {r['inconclusive']}"
            cost = (f"{self.money(r['cost_eur'])} {self.interval(r['cost_low'], r['cost_high'])}"
                    if r["cost_eur"] is not None else "–")
            dominated = ", ".join(W["doing_nothing"] if s == context else self.policy_name(s)
                                  for s in r["dominated_by"].split(", ") if s) or W["none"]
            rows.append([str(r["rank"]), self.policy_name(r["scenario"]),
                         self.description(self.results_policy(r["scenario"])), counts, cost, dominated])
        return (f'<p class="lead">{_esc(W["ranked_lead"])}</p>'
                + html_table([W["rank"], W["policy"], "", W["counts"], W["cost"], W["dominated_by"]], rows, left=2,
                             wrap=(2, 5)))

    def indicators(self, context: str, policies: list[str]) -> str:
        W, table = self.W, self.ans.table.filter(pl.col("scenario").is_in(policies))
        order = {s: k for k, s in enumerate(self.ans.ranking.filter(pl.col("context") == context)["scenario"])}
        metrics = [m for m in QUESTION if m in self.ans.comparison.metrics]
        metrics += [m for m in self.ans.comparison.metrics if m not in metrics]
        events = self.ans.events.filter(pl.col("context") == context)
        out = []
        for m in metrics:
            facts = indicator(m)
            rows = table.filter(pl.col("metric") == m).sort(pl.col("scenario").replace_strict(order, default=99))
            spans = [abs(v) for c in ("ci_low", "ci_high") for v in rows[c].drop_nulls()]
            half = max([*spans, 2 * facts.smd]) * 1.1
            cells = []
            for r in rows.iter_rows(named=True):
                cells.append([self.policy_name(r["scenario"]), self.num(r["baseline_mean"]), self.num(r["mean"]),
                              f'{self.num(r["diff"])} <small>{self.interval(r["ci_low"], r["ci_high"])}</small>',
                              self.bar(r, half), self.verdict(r["verdict"]) + self.to_decide(r),
                              _esc(describe_value(r, self.lang))])
            header = [W["policy"], W["context_value"], W["policy_value"], f'{W["effect"]} <small>[{W["interval"]}]'
                      "</small>", "", W["verdict"], W["value_for_money"]]
            smd = W["smd_line"].format(smd=self.num(facts.smd), unit=_esc(unit(m, self.lang)),
                                       better=label(DIRECTION_WORDS[facts.direction], self.lang))
            out.append(f'<h3 id="m-{m}">{_esc(label(m, self.lang))} <small>({_esc(unit(m, self.lang))})</small></h3>'
                       f'<p class="note">{smd}</p>{html_table(header, cells, wrap=(5, 6))}'
                       f'{self.behind(m, rows, events)}')
        return "".join(out)

    def behind(self, metric: str, rows: pl.DataFrame, events: pl.DataFrame) -> str:
        """The events behind each decided effect on ``metric``: those of levers acting on it."""
        items = []
        for r in rows.iter_rows(named=True):
            if r["verdict"] in (NO_CHANGE, INCONCLUSIVE):
                continue
            mine = events.filter((pl.col("scenario") == r["scenario"]) & pl.col("channels").list.contains(metric))
            found = [self.event_line(e, r["scenario"]) for e in mine.iter_rows(named=True)]
            text = self.W["semicolon"].join(found) if found else _esc(self.W["events_behind_none"])
            who = f"{self.policy_name(r['scenario'])} ({self.verdict(r['verdict'])})"
            items.append(f"<li>{self.W['colon'].format(a=who, b=text)}</li>")
        return f"<p><b>{self.W['events_behind']}</b></p><ul>{''.join(items)}</ul>" if items else ""

    def event_line(self, e: dict, scenario: str) -> str:
        week = self.W["week"] + " " + self.num(e["first_week"])
        runs = self.W["runs_of"].format(k=e["runs"], n=e["runs_total"])
        return f"{_esc(describe(e, self.types.get(scenario, {}), self.lang))} ({week}, {runs})"

    def events(self, context: str, policies: list[str]) -> str:
        W = self.W
        out = [f'<p class="lead">{_esc(W["events_lead"])}</p>']
        for scenario in policies:
            mine = self.ans.events.filter(pl.col("scenario") == scenario)
            out.append(f"<h3>{self.policy_name(scenario)}</h3>")
            if mine.is_empty():
                out.append(f'<p class="note">{W["no_events"]}</p>')
                continue
            rows = []
            for e in mine.iter_rows(named=True):
                runs = W["runs_of"].format(k=e["runs"], n=e["runs_total"])
                if e["runs_context"]:
                    runs += f" ({W['context_runs'].format(n=e['runs_context'])})"
                rows.append([_esc(describe(e, self.types.get(scenario, {}), self.lang)), self.num(e["first_week"]),
                             runs, self.num(e["per_run"])])
            out.append(html_table([W["event"], W["week"], W["runs"], W["per_run"]], rows, wrap=(0,)))
        return "".join(out)

    # --- the page --------------------------------------------------------------------------

    def per_indicator_lead(self) -> str:
        reps = plural(self.ans.comparison.replications, "replication", self.lang)
        return _esc(self.W["per_indicator_lead"].format(window=self.window(), replications=reps))

    def context_block(self, context: str, policies: list[str]) -> str:
        W = self.W
        ranked = self.ans.ranking.filter(pl.col("context") == context)["scenario"].to_list()
        cost_of = {r["scenario"]: r for r in self.ans.costs.iter_rows(named=True)}
        answers = "".join(
            f"<li>{self.trade_off(s, self.ans.table.filter(pl.col('scenario') == s), cost_of.get(s))}</li>"
            for s in ranked)
        name = f"<code>{_esc(context)}</code>"
        question = W["question_text"].format(context=name)
        return (f'<section id="context-{_esc(context)}"><h2>{W["question"]}</h2><p class="lead">{question}</p>'
                f'<h2>{W["short_answer"]}</h2><ol>{answers}</ol>'
                f'<h2>{W["city"]}</h2>{self.city(context)}'
                f'<h2>{W["policies"]}</h2>{self.ranking(context)}'
                f'<h2>{W["per_indicator"]}</h2>'
                f'<p class="lead">{self.per_indicator_lead()}</p>'
                f'{self.indicators(context, ranked)}'
                f'<h2>{W["events"]}</h2>{self.events(context, ranked)}</section>')

    def render(self) -> str:
        W = self.W
        blocks = "".join(self.context_block(c, ps) for c, ps in self.ans.groups.items())
        verdicts = {k: _esc(label(v, self.lang)) for k, v in
                    (("better", BETTER), ("worse", WORSE), ("same", NO_CHANGE), ("open", INCONCLUSIVE))}
        limits = "".join(f"<li>{_esc(W[k])}</li>" for k in LIMITS)
        runs = plural(self.results.runs.select(pl.len()).collect().item(), "run", self.lang)
        footer = W["footer"].format(folder=f"<code>{_esc(str(self.results.path))}</code>", runs=runs,
                                    version=_esc(metadata.version("citysim")))
        contexts = ", ".join(f"<code>{_esc(c)}</code>" for c in self.ans.groups)
        body = (f"<h1>{W['colon'].format(a=W['title'], b=contexts)}</h1>{blocks}"
                f"<h2>{W['method']}</h2><p>{W['method_text'].format(**verdicts)}</p>"
                f"<h2>{W['limits']}</h2><ul>{limits}</ul><hr><p class=\"note\">{footer}</p>")
        return html_page(self.lang, f"{W['title']}: {', '.join(self.ans.groups)}", body)


def build_brief(results: Results | str | Path, out: str | Path, lang: str = "en", at_step: int | None = None,
                over: str = "last-52-weeks", n_boot: int = 2000, seed: int = 0) -> Placement:
    """Write the brief of a folder run from contexts and policies to ``out`` (or, if ``out`` holds
    an earlier, different page, to the next free name; `analysis.outputs`)."""
    if lang not in WORDS:
        raise ResultsError(f"--lang {lang!r}: expected one of {', '.join(WORDS)}")
    results = as_results(results)
    ans = answer(results, None, at_step, over, n_boot, seed)
    if ans.comparison.several_points:
        points = ans.comparison.table["point"].n_unique()
        raise ResultsError(f"{results.path}: a sweep of {points} design points; a brief compares policies at one "
                           "point (use `citysim report` for sweeps)")
    text = Brief(ans, lang).render()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    placement = place([out], same_text([text]))
    if placement.status != UNCHANGED:
        write_atomic(placement.paths[0], text)
    return placement

