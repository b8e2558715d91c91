"""`citysim report`: one self-contained HTML page from a results folder.

Every chart is an Altair chart kept twice in the page: its Vega-Lite spec as JSON (to
reuse or restyle) and a PNG rendered by vl-convert, embedded as base64, so the page
opens offline with no script and no CDN. The PNGs are also written beside the page.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import polars as pl

from analysis.compare import OWN_CONTEXT, Comparison, compare, option_label
from analysis.labels import DIRECTION_WORDS, design_name, label, labels, titled, unit
from analysis.metrics import (
    METRICS,
    WINDOW_RE,
    as_results,
    check_metrics,
    experiment_spec,
    parameters,
    per_run,
    require_complete,
    window_filter,
)
from analysis.pages import html_note, html_page, html_table, number
from analysis.results import Results, ResultsError
from analysis.sensitivity import Sensitivity, sensitivity
from analysis.verdicts import CHANGED, COLOURS, GLYPHS, VERDICTS
from simulation.atomic import write_atomic
from simulation.registry import CRITERIA, direction
from simulation.vocabulary import Reading

SECTIONS = ("summary", "timeseries", "comparison", "radar", "sectors", "valueflow", "demand", "sensitivity")
"""Section ids, in page order; every report has all of them (a note when one does not apply)."""
DEMAND = "contribution.volunteer_demand_h"
MAX_POINTS_UNPOOLED = 12
"""Above this many design points the comparison pools the points (one row per scenario)."""
FLOWS = ("worker_pay_eur_per_resident", "flow_kept_others", "value_captured_eur_per_resident")
"""Where the value created on the platforms goes (the ledger's split, `simulation/ledger.py`): workers' pay, the
rest of what the city keeps (hosts' and merchants' payouts, cooperatives' and public services' margins), and
what commercial platforms capture."""
TWO_LINES = alt.Header(labelExpr="split(datum.value, '\\n')", labelFontSize=12, labelFontWeight="bold")
"""Facet headers of one indicator each: its label, and its unit on a second line."""
FLOW_COLORS = ("#1f77b4", "#9ecae1", "#d62728")
LINE_LEGEND = alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolOpacity=1)
"""Legend of a line over a band: drawn as the line, not as the faint band."""
SCALE = 2
"""PNG pixels per CSS pixel."""
LONG_TABLE = 40
"""Longer tables are folded (still in the page, one click away)."""



@dataclass
class Context:
    """What every section builder needs: the results, the labels, where figures go."""

    results: Results
    lang: str
    L: dict[str, str]
    figures: Path
    at_step: int | None
    over: str
    baseline: str | None
    n_boot: int
    seed: int
    written: list[Path] = field(default_factory=list)

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def num(self, x: object, digits: int = 3) -> str:
        """A number in the page's language (1 234,5 in French), never in e-notation."""
        return number(x, self.lang, digits)

    def interval(self, lo: object, hi: object) -> str:
        return f"[{self.num(lo)}{' ; ' if self.lang == 'fr' else ', '}{self.num(hi)}]"

    def count(self, n: int, key: str) -> str:
        """``n`` with the singular or plural form of ``key`` (French: singular below 2)."""
        one = n == 1 if self.lang == "en" else abs(n) < 2
        return self.L[f"{key}_{'one' if one else 'many'}"].format(n=self.num(n))

    def titled(self, name: str) -> str:
        """An indicator's label with its unit."""
        return titled(name, self.lang)

    def header(self, name: str) -> str:
        """An indicator's label and, on a second line, its unit (see `TWO_LINES`)."""
        return f"{self.label(name)}\n({unit(name, self.lang)})"

    def figure(self, key: str, chart: alt.TopLevelMixin, alt_text: str) -> str:
        """Render ``chart`` to PNG (file beside the page and base64 inline) and keep its spec."""
        path = self.figures / f"{key}.png"
        with alt.data_transformers.disable_max_rows():
            drawn = io.BytesIO()
            chart.save(drawn, format="png", scale_factor=SCALE)
            spec = json.dumps(chart.to_dict(), separators=(",", ":")).replace("<", "\\u003c")  # no tag in a script
        raw = drawn.getvalue()
        write_atomic(path, raw)
        self.written.append(path)
        width = int.from_bytes(raw[16:20], "big") // SCALE  # PNG header; shown at CSS size, sharp on HiDPI
        png = base64.b64encode(raw).decode()
        return (f'<figure id="fig-{key}"><img alt="{html.escape(alt_text)}" width="{width}" '
                f'src="data:image/png;base64,{png}">'
                f'<script type="application/vnd.vegalite+json" id="spec-{key}">{spec}</script></figure>')


def _window_text(ctx: Context) -> str:
    if ctx.at_step is not None:
        return ctx.L["at_week"].format(n=ctx.at_step)
    match = WINDOW_RE.fullmatch(ctx.over)
    return ctx.L["last_weeks"].format(n=match[1]) if match else ctx.L["all_weeks"]


def _metrics(ctx: Context) -> list[str]:
    return check_metrics(ctx.results, None)


# --- sections -------------------------------------------------------------------------------

def section_summary(ctx: Context, comparison: Comparison | None) -> str:
    r, L = ctx.results, ctx.L
    spec = experiment_spec(r)
    runs = r.runs.collect()
    intro = L["generated"].format(
        path=html.escape(str(r.path)), name=html.escape(spec.get("name", "?")),
        design=html.escape(design_name(spec.get("design", "?"), ctx.lang)),
        scenarios=ctx.count(runs["scenario"].n_unique(), "n_scenario"),
        points=ctx.count(runs["point"].n_unique(), "n_point"),
        replications=ctx.count(runs["replication"].n_unique(), "n_replication"),
        weeks=ctx.count(r.indicators.select(pl.col("week").max() + 1).collect().item(), "n_week"))
    metrics = _metrics(ctx)
    means = per_run(r, metrics, ctx.at_step, ctx.over).group_by("scenario", maintain_order=True).agg(
        pl.col(m).mean() for m in metrics)
    header = [L["scenario"]] + [
        f'{html.escape(ctx.label(m))}<br><small>{html.escape(unit(m, ctx.lang))}{" ;" if ctx.lang == "fr" else ";"} '
        f'{L[DIRECTION_WORDS[direction(m)]]}</small>' for m in metrics]
    table = html_table(header, ([html.escape(row[0]), *(ctx.num(v) for v in row[1:])] for row in means.iter_rows()))
    warnings = comparison.warnings if comparison else []
    items = "".join(f"<li>{html.escape(w.text(ctx.lang))}</li>" for w in warnings)
    warn = f'<div class="warn"><b>{L["warnings"]}</b><ul>{items}</ul></div>' if warnings else ""
    window = L["window"].format(window=_window_text(ctx))
    return f"<p>{intro}</p><p>{html.escape(window)}</p>{warn}{table}"


def section_timeseries(ctx: Context) -> str:
    metrics = _metrics(ctx)
    data = (ctx.results.indicators.select("scenario", "week", *metrics)
            .unpivot(index=["scenario", "week"], variable_name="metric")
            .group_by("scenario", "week", "metric")
            .agg(mean=pl.col("value").mean(), lo=pl.col("value").quantile(0.05), hi=pl.col("value").quantile(0.95))
            .with_columns(label=pl.col("metric").replace_strict({m: ctx.header(m) for m in metrics}))
            .sort("metric", "scenario", "week").collect())
    base = alt.Chart().encode(x=alt.X("week:Q", title=ctx.label("week")),
                              color=alt.Color("scenario:N", title=ctx.label("scenario"), legend=LINE_LEGEND))
    band = base.mark_area(opacity=0.22).encode(y=alt.Y("lo:Q", title=None, scale=alt.Scale(zero=False)), y2="hi:Q")
    line = base.mark_line(strokeWidth=2).encode(
        y="mean:Q", tooltip=["scenario:N", "week:Q", alt.Tooltip("mean:Q", format=".3g")])
    chart = (alt.layer(band, line, data=data).properties(width=250, height=130)
             .facet(facet=alt.Facet("label:N", title=None, sort=[ctx.header(m) for m in metrics], header=TWO_LINES),
                    columns=3)
             .resolve_scale(y="independent"))
    return ctx.figure("timeseries", chart, ctx.label("timeseries"))


def section_comparison(ctx: Context, comparison: Comparison | None) -> str:
    L = ctx.L
    if comparison is None:
        return html_note(L["comparison_none"])
    params = parameters(ctx.results) if comparison.several_points and not comparison.pooled else []
    table = comparison.table
    several = comparison.several_points and not comparison.pooled
    options = [option_label(r, params, several) for r in table.iter_rows(named=True)]
    table = table.with_columns(option=pl.Series(options))
    out = [html_note(L["comparison_pooled"])] if comparison.pooled else []
    rows = [[html.escape(ctx.label(r["metric"])), html.escape(r["option"]), ctx.num(r["mean"]),
             ctx.num(r["baseline_mean"]), ctx.num(r["diff"]), ctx.interval(r["ci_low"], r["ci_high"]),
             ctx.num(r["smd"]),
             f'<span style="color:{COLOURS[r["verdict"]]}">{html.escape(ctx.label(r["verdict"]))}</span>']
            for r in table.sort("metric", "option").iter_rows(named=True)]
    baseline = L["own_context"] if comparison.baseline == OWN_CONTEXT else comparison.baseline
    reference = f"{L['baseline_mean']} ({html.escape(baseline)})"
    diff_table = html_table([L["indicator"], L["option"], L["mean"], reference,
                         L["difference"], L["ci"], L["smd"], L["verdict"]], rows, left=2)
    shown = [v for v in VERDICTS if v != CHANGED or v in table["verdict"]]  # changed: descriptive only
    scale = alt.Scale(domain=[ctx.label(v) for v in shown], range=[COLOURS[v] for v in shown])
    data = table.with_columns(label=pl.col("metric").replace_strict({m: ctx.header(m) for m in comparison.metrics}),
                              verdict_label=pl.col("verdict").replace_strict({v: ctx.label(v) for v in VERDICTS}))
    data = data.select("label", "option", "diff", "ci_low", "ci_high", "verdict_label")
    base = alt.Chart().encode(y=alt.Y("option:N", title=None, axis=alt.Axis(labelLimit=320)))
    rules = base.mark_rule(strokeWidth=2).encode(x=alt.X("ci_low:Q", title=L["difference"]), x2="ci_high:Q",
                                                 color=alt.Color("verdict_label:N", title=L["verdict"], scale=scale))
    dots = base.mark_point(filled=True, size=60).encode(x="diff:Q", color="verdict_label:N",
                                                       tooltip=["option:N", alt.Tooltip("diff:Q", format=".3g")])
    zero = base.mark_rule(color="#333", strokeDash=[3, 3]).encode(x=alt.datum(0))
    height = max(40, 18 * data["option"].n_unique())
    chart = (alt.layer(zero, rules, dots, data=data).properties(width=250, height=height)
             .facet(facet=alt.Facet("label:N", title=None, sort=[ctx.header(m) for m in comparison.metrics],
                                    header=TWO_LINES), columns=3).resolve_scale(x="independent"))
    out.append(ctx.figure("comparison", chart, L["comparison"]))
    fold = "" if len(rows) > LONG_TABLE else " open"
    out.append(f'<details{fold}><summary>{L["ci"]}</summary>{diff_table}</details>')
    out.append(f"<h3 id=\"policy\">{L['policy']}</h3><p class=\"lead\">{L['policy_lead']}</p>")
    glyph = {v: f'<span style="color:{COLOURS[v]}" title="{html.escape(ctx.label(v))}">{g}</span>'
             for v, g in GLYPHS.items()} | {"baseline": L["ref"], "n/a": "–"}
    rows = []
    for r in comparison.policy.iter_rows(named=True):
        label = option_label(r, params, several)
        rows.append([html.escape(label), *(glyph.get(r[m], "–") for m in comparison.metrics),
                     f'{r["better"]} / {r["worse"]}', html.escape(r["dominated_by"]) or "–"])
    out.append(html_table([L["option"], *(html.escape(ctx.label(m)) for m in comparison.metrics), L["wins"],
                       L["dominated"]], rows))
    return "".join(out)


def section_radar(ctx: Context) -> str:
    """Six criteria per platform as a radar: polar coordinates computed here, drawn as
    lines in a square chart (Vega-Lite has no polar line mark)."""
    last = ctx.results.platforms.filter(pl.col("week") == pl.col("week").max().over("run_id"))
    values = (last.group_by("scenario", "platform").agg(pl.col(c).mean() for c in CRITERIA)
              .sort("platform", "scenario").collect())
    n = len(CRITERIA)
    angle = {c: 2 * math.pi * k / n for k, c in enumerate(CRITERIA)}
    rows = []
    for r in values.iter_rows(named=True):
        for k, c in enumerate([*CRITERIA, CRITERIA[0]]):
            rows.append({"platform": r["platform"], "kind": "value", "group": r["scenario"], "order": k,
                         "x": r[c] * math.sin(angle[c]), "y": r[c] * math.cos(angle[c]),
                         "criterion": ctx.label(c), "v": r[c]})
    for platform in values["platform"].unique(maintain_order=True):
        for ring in (0.25, 0.5, 0.75, 1.0):
            for k, c in enumerate([*CRITERIA, CRITERIA[0]]):
                rows.append({"platform": platform, "kind": "ring", "group": str(ring), "order": k,
                             "x": ring * math.sin(angle[c]), "y": ring * math.cos(angle[c])})
        for c in CRITERIA:
            rows.append({"platform": platform, "kind": "label", "group": c, "order": 0, "criterion": ctx.label(c),
                         "x": 1.28 * math.sin(angle[c]), "y": 1.18 * math.cos(angle[c])})
            rows.append({"platform": platform, "kind": "spoke", "group": c, "order": 0,
                         "x": math.sin(angle[c]), "y": math.cos(angle[c])})
    data = pl.DataFrame(rows, infer_schema_length=None)
    dom = alt.Scale(domain=[-1.55, 1.55])
    base = alt.Chart().encode(x=alt.X("x:Q", scale=dom, axis=None), y=alt.Y("y:Q", scale=dom, axis=None))
    rings = base.mark_line(color="#d5dbe2", strokeWidth=0.8).encode(detail="group:N", order="order:Q").transform_filter(
        alt.datum.kind == "ring")
    spokes = base.mark_rule(color="#d5dbe2", strokeWidth=0.8).encode(x2=alt.datum(0), y2=alt.datum(0)).transform_filter(
        alt.datum.kind == "spoke")
    text = base.mark_text(fontSize=9, color="#4a5866").encode(text="criterion:N").transform_filter(
        alt.datum.kind == "label")
    outline = base.mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=18)).encode(
        color=alt.Color("group:N", title=ctx.label("scenario")), order="order:Q",
        tooltip=["group:N", "criterion:N", alt.Tooltip("v:Q", format=".2f")]).transform_filter(
        alt.datum.kind == "value")
    chart = (alt.layer(rings, spokes, text, outline, data=data).properties(width=210, height=210)
             .facet(facet=alt.Facet("platform:N", title=None, header=alt.Header(labelFontSize=13,
                                                                                 labelFontWeight="bold")),
                    columns=4).configure_view(stroke=None))
    return ctx.figure("radar", chart, ctx.label("radar"))


def section_sectors(ctx: Context) -> str:
    sectors = ctx.results.sectors.filter(pl.col("reading").is_not_null())
    counts = sectors.group_by("scenario", "sector", "week", "reading").agg(n=pl.len()).collect()
    runs = ctx.results.sectors.group_by("scenario").agg(runs=pl.col("run_id").n_unique()).collect()
    readings = pl.DataFrame({"reading": [r.value for r in Reading], "code": [r.code for r in Reading],
                             "reading_label": [ctx.label(r) for r in Reading]})
    grid = counts.select("scenario", "sector", "week").unique().join(readings, how="cross")
    data = (grid.join(counts, on=["scenario", "sector", "week", "reading"], how="left").join(runs, on="scenario")
            .with_columns(share=pl.col("n").fill_null(0) / pl.col("runs"))
            .select("scenario", "sector", "week", "reading_label", "code", "share").sort("scenario", "sector", "week"))
    order = ctx.results.sectors.select(pl.col("sector").unique(maintain_order=True)).collect()["sector"].to_list()
    chart = (alt.Chart(data).mark_area().encode(
        x=alt.X("week:Q", title=ctx.label("week")),
        y=alt.Y("share:Q", title=None, stack="normalize", axis=alt.Axis(format="%", tickCount=3)),
        color=alt.Color("reading_label:N", title=ctx.label("reading"),
                        scale=alt.Scale(domain=readings["reading_label"].to_list(), range=[r.colour for r in Reading])),
        order=alt.Order("code:Q"))
        .properties(width=150, height=70)
        .facet(row=alt.Row("scenario:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
               column=alt.Column("sector:N", title=None, sort=order)))
    return ctx.figure("sectors", chart, ctx.label("sectors"))


def section_valueflow(ctx: Context) -> str:
    window = window_filter(ctx.at_step, ctx.over)
    flows = (ctx.results.indicators.filter(window)
             .group_by("scenario", maintain_order=True)
             .agg(pl.col("worker_pay_eur_per_resident").mean(),
                  flow_kept_others=(pl.col("value_kept_eur_per_resident")
                                    - pl.col("worker_pay_eur_per_resident")).clip(0).mean(),
                  value_captured_eur_per_resident=pl.col("value_captured_eur_per_resident").mean())
             .collect())
    labels_ = [ctx.label(f) for f in FLOWS]
    data = (flows.unpivot(index="scenario", variable_name="flow", value_name="eur")
            .with_columns(flow_label=pl.col("flow").replace_strict(dict(zip(FLOWS, labels_, strict=True))),
                          rank=pl.col("flow").replace_strict({f: i for i, f in enumerate(FLOWS)},
                                                             return_dtype=pl.Int64)))
    color = alt.Color("flow_label:N", title=ctx.label("flow"), sort=labels_,
                      scale=alt.Scale(domain=labels_, range=list(FLOW_COLORS)))
    base = alt.Chart(data).encode(y=alt.Y("scenario:N", title=None), color=color, order=alt.Order("rank:Q"),
                                  tooltip=["scenario:N", "flow_label:N", alt.Tooltip("eur:Q", format=",.0f")])
    eur = unit("worker_pay_eur_per_resident", ctx.lang)  # every flow is in EUR per resident per week
    absolute = base.mark_bar().encode(x=alt.X("eur:Q", title=eur)).properties(width=380)
    share = base.mark_bar().encode(x=alt.X("eur:Q", stack="normalize", title=unit("platform_value_share", ctx.lang),
                                           axis=alt.Axis(format="%"))).properties(width=380)
    rows = [[html.escape(r["scenario"]), *(ctx.num(r[f]) for f in FLOWS)] for r in flows.iter_rows(named=True)]
    return (ctx.figure("valueflow", alt.hconcat(absolute, share), ctx.label("valueflow"))
            + html_table([ctx.label("scenario"), *(html.escape(f"{x} ({eur})") for x in labels_)], rows))


def section_demand(ctx: Context) -> str:
    if DEMAND not in parameters(ctx.results):
        return html_note(ctx.label("demand_none"))
    runs = per_run(ctx.results, ["burnout_rate"], ctx.at_step, ctx.over).rename({DEMAND: "demand"})
    x = alt.X("demand:Q", title=ctx.label("demand_axis"))
    color = alt.Color("scenario:N", title=ctx.label("scenario"), legend=LINE_LEGEND)
    y_title = ctx.titled("burnout_rate")
    note = ""
    if runs["demand"].n_unique() <= 20:
        data = runs.group_by("scenario", "demand").agg(mean=pl.col("burnout_rate").mean(),
                                                       lo=pl.col("burnout_rate").min(),
                                                       hi=pl.col("burnout_rate").max()).sort("scenario", "demand")
        base = alt.Chart(data).encode(x=x, color=color)
        chart = alt.layer(base.mark_area(opacity=0.2).encode(y=alt.Y("lo:Q", title=y_title), y2="hi:Q"),
                          base.mark_line(point=True).encode(y="mean:Q",
                                                            tooltip=["scenario:N", "demand:Q",
                                                                     alt.Tooltip("mean:Q", format=".3f")]))
    else:
        note = html_note(ctx.label("demand_scatter"))
        data = runs.select("scenario", "demand", "burnout_rate")
        base = alt.Chart(data).encode(x=x, color=color)
        chart = alt.layer(base.mark_circle(opacity=0.35, size=20).encode(y=alt.Y("burnout_rate:Q", title=y_title)),
                          base.transform_loess("demand", "burnout_rate", groupby=["scenario"])
                          .mark_line(strokeWidth=2).encode(y="burnout_rate:Q"))
    return note + ctx.figure("demand", chart.properties(width=560, height=300), ctx.label("demand"))


def section_sensitivity(ctx: Context) -> str:
    L = ctx.L
    none = html_note(L["sensitivity_none"].format(
        design=design_name(experiment_spec(ctx.results).get("design", "single"), ctx.lang)))
    try:
        result: Sensitivity = sensitivity(ctx.results, None, ctx.at_step, ctx.over, ctx.seed, ctx.baseline)
    except ResultsError:
        return none
    out = []
    if result.indices is None:
        out.append(none)
    else:
        idx = result.indices
        scenarios = idx["scenario"].unique(maintain_order=True).to_list()
        shown = "baseline" if "baseline" in scenarios else scenarios[0]
        metrics = [m for m in METRICS if m in idx["metric"].to_list()]
        idx = idx.filter(pl.col("scenario") == shown).with_columns(
            label=pl.col("metric").replace_strict({m: ctx.label(m) for m in metrics}, default=pl.col("metric")))
        facet = alt.Facet("label:N", title=None, sort=[ctx.label(m) for m in metrics])
        if result.design == "sobol":
            out.append(f'<p class="lead">{L["sensitivity_lead_sobol"]}</p>')
            long = pl.concat([idx.select("label", pl.concat_str("parameter", pl.lit(f"  {k}")).alias("row"),
                                         pl.lit(k).alias("index"), pl.col(k).alias("value"),
                                         (pl.col(k) - pl.col(f"{k}_conf")).alias("lo"),
                                         (pl.col(k) + pl.col(f"{k}_conf")).alias("hi")) for k in ("S1", "ST")])
            base = alt.Chart().encode(y=alt.Y("row:N", title=None, sort=sorted(long["row"].unique()),
                                              axis=alt.Axis(labelLimit=260)))
            chart = alt.layer(base.mark_bar().encode(x=alt.X("value:Q", title=None),
                                                     color=alt.Color("index:N", title=L["index"])),
                              base.mark_rule(color="#333").encode(x="lo:Q", x2="hi:Q"), data=long)
            cols = ["S1", "S1_conf", "ST", "ST_conf"]
        else:
            out.append(f'<p class="lead">{L["sensitivity_lead_morris"]}</p>')
            conf = pl.col("mu_star_conf")
            data = idx.select("label", "parameter", "mu_star", "sigma",
                              lo=pl.col("mu_star") - conf, hi=pl.col("mu_star") + conf)
            base = alt.Chart().encode(y=alt.Y("parameter:N", title=None, axis=alt.Axis(labelLimit=260)))
            chart = alt.layer(base.mark_bar(color="#4c78a8").encode(x=alt.X("mu_star:Q", title="mu*")),
                              base.mark_rule(color="#333").encode(x="lo:Q", x2="hi:Q"),
                              base.mark_tick(color="#d62728", thickness=3).encode(x="sigma:Q"), data=data)
            cols = ["mu", "mu_star", "mu_star_conf", "sigma"]
        rows_per_parameter = 2 if result.design == "sobol" else 1
        chart = (chart.properties(width=250, height=max(60, 17 * rows_per_parameter * idx["parameter"].n_unique()))
                 .facet(facet=facet, columns=3).resolve_scale(x="independent", y="independent"))
        out.append(html_note(L["sensitivity_scenario"].format(scenario=shown)))
        out.append(ctx.figure("sensitivity", chart, L["sensitivity"]))
        rows = [[html.escape(r["scenario"]), html.escape(ctx.label(r["metric"])), html.escape(r["parameter"]),
                 *(ctx.num(r[c], 2) for c in cols)] for r in result.indices.iter_rows(named=True)]
        out.append("<details><summary>" + L["index"] + "</summary>"
                   + html_table([L["scenario"], L["indicator"], L["parameter"], *cols], rows, left=3) + "</details>")
    out.extend(html_note(n.say(ctx.lang)) for n in result.notes)
    if result.robustness is not None:
        out.append(f'<h3 id="robustness">{L["robustness"]}</h3><p class="lead">{L["robustness_lead"]}</p>')
        rows = [[html.escape(r["scenario"]), html.escape(ctx.label(r["metric"])), str(r["points"]),
                 L["ref"] if r["beats_baseline"] is None
                 else L["percent"].format(v=ctx.num(100 * r["beats_baseline"], 2)),
                 ctx.num(r["worst_regret"])]
                for r in result.robustness.sort("metric", "scenario").iter_rows(named=True)]
        out.append(html_table([L["scenario"], L["indicator"], L["points"], L["beats_baseline"], L["worst_regret"]],
                          rows, left=2))
    return "".join(out)


# --- page -----------------------------------------------------------------------------------

def build_report(results: Results | str | Path, out: str | Path, lang: str = "en", baseline: str | None = None,
                 at_step: int | None = None, over: str = "last-52-weeks", n_boot: int = 2000,
                 seed: int = 0) -> Path:
    """Write the report page ``out`` and its PNG figures in ``<out stem>_figures/``."""
    L = labels(lang)
    results = as_results(results)
    require_complete(results)
    out = Path(out)
    figures = out.parent / f"{out.stem}_figures"
    figures.mkdir(parents=True, exist_ok=True)
    ctx = Context(results, lang, L, figures, at_step, over, baseline, n_boot, seed)
    runs = results.runs.collect()
    comparison = None
    if runs["scenario"].n_unique() > 1:
        comparison = compare(results, baseline, at_step, over, n_boot=n_boot, seed=seed,
                             pool_points=runs["point"].n_unique() > MAX_POINTS_UNPOOLED)
    bodies = {
        "summary": section_summary(ctx, comparison),
        "timeseries": section_timeseries(ctx),
        "comparison": section_comparison(ctx, comparison),
        "radar": section_radar(ctx),
        "sectors": section_sectors(ctx),
        "valueflow": section_valueflow(ctx),
        "demand": section_demand(ctx),
        "sensitivity": section_sensitivity(ctx),
    }
    toc = "".join(f'<li><a href="#{s}">{L[s]}</a></li>' for s in SECTIONS)
    def lead(s: str) -> str:  # no lead above a section that only says why it does not apply
        only_note = bodies[s].startswith('<p class="note">') and bodies[s].count("<p") == 1
        return f'<p class="lead">{L[s + "_lead"]}</p>' if f"{s}_lead" in L and not only_note else ""

    sections = "".join(f'<section id="{s}"><h2>{L[s]}</h2>{lead(s)}{bodies[s]}</section>' for s in SECTIONS)
    text = html_page(lang, f"{L['title']}: {experiment_spec(results).get('name', '')}",
                f"<h1>{L['title']}</h1><nav><b>{L['contents']}</b><ol>{toc}</ol></nav>{sections}")
    write_atomic(out, text)
    return out
