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
from analysis.brief_words import GLOSSARY, LIMITS, SWITCHES, WORDS, listing, plural, term
from analysis.conduct import TOLD
from analysis.events import describe
from analysis.labels import DIRECTION_WORDS, LABELS, label, unit
from analysis.metrics import WINDOW_RE, as_results
from analysis.narrative import LEVERS, defiance_summary, move_summary, rule_name, runs_of
from analysis.outputs import UNCHANGED, Placement, place, same_text
from analysis.pages import html_page, html_table, number
from analysis.results import Results, ResultsError
from analysis.verdicts import BETTER, CHANGED, COLOURS, INCONCLUSIVE, MANY, NO_CHANGE, WORSE
from simulation.atomic import write_atomic
from simulation.registry import direction, indicator

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

    # --- words and numbers -----------------------------------------------------------------

    def num(self, x: float | None, digits: int = 3) -> str:
        return number(x, self.lang, digits)

    def fixed(self, x: float | None, decimals: int, sign: bool = False) -> str:
        """``x`` with ``decimals`` decimals, thousands grouped, in the page's language; a true minus."""
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "–"
        x = round(x, decimals) + 0.0  # no "-0"
        text = f"{x:+,.{decimals}f}" if sign and x else f"{x:,.{decimals}f}"
        if self.lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text.replace("-", "\u2212")

    def money(self, x: float | None) -> str:
        return number(round(x) if x is not None and not math.isnan(x) else None, self.lang)

    @staticmethod
    def percent_unit(metric: str) -> bool:
        """Shares are shown as percentages (their effects in percentage points)."""
        return indicator(metric).unit.startswith("share_")

    def decimals(self, metric: str) -> int:
        """Enough decimals to show a fifth of the indicator's smallest meaningful difference."""
        smd = indicator(metric).smd or 0.01
        step = smd * (100 if self.percent_unit(metric) else 1) / 5
        return max(0, math.ceil(-math.log10(step)))

    def value(self, metric: str, x: float | None) -> str:
        """A level of ``metric`` at sensible precision: 6.8% for a share, 3.51 for EUR per resident."""
        if x is None:
            return "–"
        if self.percent_unit(metric):
            return self.W["percent"].format(v=self.fixed(100 * x, self.decimals(metric)))
        return self.fixed(x, self.decimals(metric))

    def effect(self, metric: str, x: float | None) -> str:
        """A difference of ``metric``, signed: in percentage points for a share."""
        if x is None:
            return "–"
        if self.percent_unit(metric):
            return self.points(100 * x, self.fixed(100 * x, self.decimals(metric), sign=True))
        return self.fixed(x, self.decimals(metric), sign=True)

    def points(self, v: float, shown: str) -> str:
        """Percentage points, singular or plural (French: singular below 2)."""
        one = abs(v) == 1 if self.lang == "en" else abs(v) < 2
        return self.W["pts_one" if one else "pts_many"].format(v=shown)

    def smd(self, metric: str) -> str:
        """The smallest meaningful difference of ``metric``, as its effects are shown."""
        smd = indicator(metric).smd
        return self.points(100 * smd, self.num(100 * smd)) if self.percent_unit(metric) else self.num(smd)

    def unit(self, metric: str) -> str:
        return unit(metric, self.lang)

    def verdict(self, v: str) -> str:
        return f'<b style="color:{COLOURS[v]}">{_esc(label(v, self.lang))}</b>'

    def interval(self, lo: str, hi: str) -> str:
        sep = " ; " if self.lang == "fr" else ", "
        return f"[{lo}{sep}{hi}]"

    def cost(self, row: dict) -> str:
        """A cost with its interval, or alone when it does not vary between runs."""
        if row.get("cost_eur") is None:
            return "–"
        lo, hi = row.get("cost_low"), row.get("cost_high")
        if lo is None or hi is None or round(lo) == round(hi):
            return self.money(row["cost_eur"])
        return f"{self.money(row['cost_eur'])} {self.interval(self.money(lo), self.money(hi))}"

    def years(self, weeks: int) -> str:
        years = weeks / 52
        return plural(years, "year", self.lang, self.num(round(years, 1), 2))

    def description(self, config: dict) -> str:
        """A context's description in the page's language (never the other one)."""
        text = config.get("description_fr" if self.lang == "fr" else "description", "")
        return _esc(text) if text else f'<span class="note">{self.W["no_description"]}</span>'

    def window(self) -> str:
        text = self.ans.comparison.window
        L = LABELS[self.lang]
        if text.startswith("week "):
            return L["at_week"].format(n=text.removeprefix("week "))
        match = WINDOW_RE.fullmatch(text)
        return L["last_weeks"].format(n=match[1]) if match else L["all_weeks"]

    def results_policy(self, scenario: str) -> str:
        return self.scenarios.get(scenario, {}).get("policy") or scenario

    def policy_name(self, scenario: str) -> str:
        """A policy by its library description (a mix: each part's, joined by +), else by its levers'
        names; never by its identifier, unless it has neither."""
        from simulation.errors import ScenarioError
        from simulation.library import load_policy

        key = "description_fr" if self.lang == "fr" else "description"
        names = []
        for part in self.results_policy(scenario).split("+"):
            try:
                names.append(getattr(load_policy(part)[0], key).strip().rstrip("."))
            except ScenarioError:
                names.append("")
        if not all(names):
            levers = self.scenarios.get(scenario, {}).get("interventions", [])
            words = [lever.get("label") or LEVERS.get(lever["type"], (lever["type"],) * 2)[self.lang == "fr"]
                     for lever in levers]
            names = [listing([w.removeprefix("the ") for w in words], self.lang)] if words else names
        text = " + ".join(n for n in names if n) or self.results_policy(scenario)
        return f"<b>{_esc(text[:1].upper() + text[1:])}</b>"

    def metric_name(self, metric: str) -> str:
        name = _esc(label(metric, self.lang))
        return self.W["lower_here"].format(name=name) if direction(metric) < 0 else name

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

    def value_for_money(self, row: dict) -> str:
        """One effect's cost-effectiveness (`analysis.costs.value_for_money`) at the page's precision."""
        if row["ce_eur"] is None:
            return _esc(self.W[row["ce_reason"] or "not_better"])
        metric = row["metric"]
        smd = f"{self.smd(metric)} ({_esc(self.unit(metric))})"
        return _esc(self.W[row["ce_unit"]].format(value=self.money(row["ce_eur"]), smd=smd))

    def trade_off(self, scenario: str, rows: pl.DataFrame, cost: dict | None) -> str:
        """One sentence: better on what, worse on what, what is still open, at what cost."""
        W = self.W

        def named(verdicts: tuple[str, ...]) -> list[str]:
            return [self.metric_name(r["metric"]) for r in rows.iter_rows(named=True) if r["verdict"] in verdicts]

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
                                                   commission=W["percent"].format(v=self.num(100 * p["commission"])))
                         for p in cfg.get("platforms", []) if p["sector"] == sector["name"]]
            if platforms:
                sectors.append("<li>" + _esc(W["colon"].format(a=term("sector", sector["name"], self.lang),
                                                               b=", ".join(platforms))) + "</li>")
        settings = self.results.experiment.get("experiment", {}).get("set", {})
        chosen = [f"{_esc(W['opt_' + k]) if 'opt_' + k in W else f'<code>{_esc(k)}</code>'} = {self.setting(k, v)}"
                  for k, v in settings.items()]
        out = f"<p>{_esc(text)}</p><p>{W['city_platforms']}</p><ul>{''.join(sectors)}</ul>"
        if chosen:
            out += f"<p>{W['set_by_options'].format(items=', '.join(chosen))}</p>"
        return out

    def setting(self, key: str, value: object) -> str:
        """A city option's value as the brief writes numbers: a commission as a percentage."""
        if not isinstance(value, int | float):
            return _esc(str(value))
        return self.W["percent"].format(v=self.num(100 * value)) if key == "commission" else self.num(value)

    def ranking(self, context: str) -> str:
        W = self.W
        rows = []
        for r in self.ans.ranking.filter(pl.col("context") == context).iter_rows(named=True):
            counts = f"{r['better']} / {r['worse']} / {r['no_change']} / {r['inconclusive']}"
            dominated = ", ".join(W["doing_nothing"] if s == context else self.policy_name(s)
                                  for s in r["dominated_by"].split(", ") if s) or W["none"]
            rows.append([str(r["rank"]), self.policy_name(r["scenario"]), counts, self.cost(r), dominated])
        return (f'<p class="lead">{_esc(W["ranked_lead"])}</p>'
                + html_table([W["rank"], W["policy"], W["counts"], W["cost"], W["dominated_by"]], rows, left=2,
                             wrap=(1, 4)))

    def indicators(self, context: str, policies: list[str]) -> str:
        W, table = self.W, self.ans.table.filter(pl.col("scenario").is_in(policies))
        order = {s: k for k, s in enumerate(self.ans.ranking.filter(pl.col("context") == context)["scenario"])}
        metrics = [m for m in QUESTION if m in self.ans.comparison.metrics]
        metrics += [m for m in self.ans.comparison.metrics if m not in metrics]
        events = self.ans.events.filter(pl.col("context") == context)
        several = len(policies) > 1
        out = []
        for m in metrics:
            facts = indicator(m)
            rows = table.filter(pl.col("metric") == m).sort(pl.col("scenario").replace_strict(order, default=99))
            spans = [abs(v) for c in ("ci_low", "ci_high") for v in rows[c].drop_nulls()]
            half = max([*spans, 2 * facts.smd]) * 1.1
            cells = []
            for r in rows.iter_rows(named=True):
                interval = self.interval(self.effect(m, r["ci_low"]), self.effect(m, r["ci_high"]))
                cells.append(([self.policy_name(r["scenario"])] if several else [])
                             + [self.value(m, r["baseline_mean"]), self.value(m, r["mean"]),
                                f'{self.effect(m, r["diff"])} <small>{interval}</small>', self.bar(r, half),
                                self.verdict(r["verdict"]) + self.to_decide(r), self.value_for_money(r)])
            header = (([W["policy"]] if several else [])
                      + [W["context_value"], W["policy_value"], f'{W["effect"]} <small>[{W["interval"]}]</small>', "",
                         W["verdict"], W["value_for_money"]])
            first = int(several)
            smd = W["smd_line"].format(smd=self.smd(m), unit=_esc(self.unit(m)),
                                       better=label(DIRECTION_WORDS[facts.direction], self.lang))
            out.append(f'<h3 id="m-{m}">{_esc(label(m, self.lang))} <small>({_esc(self.unit(m))})</small></h3>'
                       f'<p class="note">{smd}</p>'
                       f'{html_table(header, cells, left=first, wrap=(0, first + 4, first + 5) if several else (4, 5))}'
                       f'{self.behind(m, rows, events)}')
        return "".join(out)

    def behind(self, metric: str, rows: pl.DataFrame, events: pl.DataFrame) -> str:
        """The events behind each decided effect on ``metric``: those of levers acting on it."""
        items = []
        for r in rows.iter_rows(named=True):
            if r["verdict"] in (NO_CHANGE, INCONCLUSIVE):
                continue
            mine = events.filter((pl.col("scenario") == r["scenario"]) & pl.col("channels").list.contains(metric))
            found = [self.event_line(e) for e in mine.iter_rows(named=True)]
            text = self.W["semicolon"].join(found) if found else _esc(self.W["events_behind_none"])
            who = f"{self.policy_name(r['scenario'])} ({self.verdict(r['verdict'])})"
            items.append(f"<li>{self.W['colon'].format(a=who, b=text)}</li>")
        return f"<p><b>{self.W['events_behind']}</b></p><ul>{''.join(items)}</ul>" if items else ""

    def event_line(self, e: dict) -> str:
        week = self.W["week"] + " " + self.num(e["first_week"])
        runs = runs_of(e["runs"], e["runs_total"], self.lang)
        return f"{_esc(describe(e, self.lang))} ({week}, {runs})"

    def conduct_short(self, scenario: str) -> str:
        """For the short answer: who defied the policy's rules (rule, runs), or that all were obeyed; nothing for a
        policy that imposes no rule on platforms."""
        rows = self.ans.defiance.filter(pl.col("scenario") == scenario)
        if not rows.height:
            return ""
        defied = rows.filter(pl.col("platform").is_not_null())
        if not defied.height:
            return " " + _esc(self.W["obeyed_short"])
        items = [f"{r['platform']} ({rule_name(str(r['rule']), self.lang)}, "
                 f"{runs_of(r['runs'], r['runs_total'], self.lang)})" for r in defied.iter_rows(named=True)]
        return " " + _esc(self.W["defied_short"].format(items=", ".join(items)))

    def conduct(self, scenario: str) -> str:
        """What the platforms did under one policy: rules defied or obeyed, exits and entries."""
        W = self.W
        defied = self.ans.defiance.filter(pl.col("scenario") == scenario)
        moves = self.ans.moves.filter(pl.col("scenario") == scenario)
        rules = [_esc(defiance_summary(r, self.lang)) for r in defied.iter_rows(named=True)]
        moved = [_esc(move_summary(r, self.lang)) for r in moves.iter_rows(named=True)]
        return (f"<h4>{W['conduct']}</h4>"
                + (f"<ul>{''.join(f'<li>{t}.</li>' for t in rules)}</ul>" if rules
                   else f'<p class="note">{W["no_rules"]}</p>')
                + f"<h4>{W['moves']}</h4>"
                + (f"<ul>{''.join(f'<li>{t}.</li>' for t in moved)}</ul>" if moved
                   else f'<p class="note">{W["no_moves"]}</p>'))

    def events(self, context: str, policies: list[str]) -> str:
        W = self.W
        out = [f'<p class="lead">{_esc(W["conduct_lead"])}</p>']
        for scenario in policies:
            out.append(f"<h3>{self.policy_name(scenario)}</h3>{self.conduct(scenario)}")
            mine = self.ans.events.filter((pl.col("scenario") == scenario) & ~pl.col("kind").is_in(TOLD))
            out.append(f"<h4>{W['events']}</h4><p class=\"note\">{_esc(W['events_lead'])}</p>")
            if mine.is_empty():
                out.append(f'<p class="note">{W["no_events"]}</p>')
                continue
            rows = []
            for e in mine.iter_rows(named=True):
                runs = runs_of(e["runs"], e["runs_total"], self.lang)
                without = (W["without"].format(runs=runs_of(e["runs_context"], e["runs_total"], self.lang),
                                               week=self.num(e["first_week_context"]))
                           if e["runs_context"] else W["without_never"])
                rows.append([_esc(describe(e, self.lang)), self.num(e["first_week"]),
                             f"{runs}<br><small>{_esc(without)}</small>", self.num(e["per_run"])])
            out.append(html_table([W["event"], W["week"], W["runs"], W["per_run"]], rows, wrap=(0, 2)))
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
            f"<li>{self.trade_off(s, self.ans.table.filter(pl.col('scenario') == s), cost_of.get(s))}"
            f"{self.conduct_short(s)}</li>" for s in ranked)
        cfg = self.scenarios.get(context, {})
        return (f'<section id="context-{_esc(context)}">'
                f'<h2>{W["city_heading"].format(description=self.description(cfg))}</h2>'
                f'<h3>{W["question"]}</h3><p class="lead">{W["question_text"]}</p>'
                f'<h3>{W["short_answer"]}</h3><ol>{answers}</ol>'
                f'<h3>{W["city"]}</h3>{self.city(context)}'
                f'<h2>{W["policies"]}</h2>{self.ranking(context)}'
                f'<h2>{W["per_indicator"]}</h2>'
                f'<p class="lead">{self.per_indicator_lead()}</p>'
                f'{self.indicators(context, ranked)}'
                f'<h2>{W["events"]}</h2>{self.events(context, ranked)}</section>')

    def limits(self) -> list[str]:
        """What the model leaves out: the limits that always hold, and those this comparison's
        switches set (read off the contexts compared)."""
        W = self.W
        found = [W[k] for k in LIMITS]
        configs = [self.scenarios.get(c, {}) for c in self.ans.groups]
        strategies = [cfg.get("strategies", {}) for cfg in configs]
        if all(s.get("learning", True) for s in strategies):
            weeks = strategies[0].get("review_weeks", 13) if strategies else 13
            found.insert(3, W["limit_learning_on"].format(n=weeks))
        else:
            found.insert(3, W["limit_learning_off"])
        off = [W[words] for path, words in SWITCHES.items()
               if any(_dotted(cfg, path) is False for cfg in configs)]
        if off:
            found.append(W["limit_switched_off"].format(items=listing(off, self.lang)))
        return found

    def render(self) -> str:
        W = self.W
        blocks = "".join(self.context_block(c, ps) for c, ps in self.ans.groups.items())
        verdicts = {k: _esc(label(v, self.lang)) for k, v in
                    (("better", BETTER), ("worse", WORSE), ("same", NO_CHANGE), ("open", INCONCLUSIVE))}
        limits = "".join(f"<li>{_esc(text)}</li>" for text in self.limits())
        glossary = "".join(f"<li>{_esc(W[k])}</li>" for k in GLOSSARY)
        runs = plural(self.results.runs.select(pl.len()).collect().item(), "run", self.lang)
        footer = W["footer"].format(folder=f"<code>{_esc(str(self.results.path))}</code>", runs=runs,
                                    version=_esc(metadata.version("citysim")))
        body = (f"<h1>{W['title']}</h1>{blocks}"
                f"<h2>{W['method']}</h2><p>{W['method_text'].format(**verdicts)}</p>"
                f"<h2>{W['glossary']}</h2><ul>{glossary}</ul>"
                f"<h2>{W['limits']}</h2><ul>{limits}</ul><hr><p class=\"note\">{footer}</p>")
        return html_page(self.lang, W["title"], body)


def _dotted(config: dict, path: str) -> object:
    for key in path.split("."):
        config = config.get(key, {}) if isinstance(config, dict) else {}
    return config


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

