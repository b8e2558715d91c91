"""The classroom dashboard: Mesa's SolaraViz with custom Solara panels, in English or French.

Start it with ``citysim dashboard`` (or ``solara run citysim/app.py``). It runs with no
network: the front-end comes from the `solara-assets` package and every chart is a
matplotlib image (no JavaScript chart library, no KaTeX).
"""

from __future__ import annotations

import os

os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")  # no telemetry, no network

import io  # noqa: E402
from typing import Any  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import solara  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from mesa.visualization import Slider, SolaraViz, solara_viz  # noqa: E402
from mesa.visualization.utils import update_counter  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from simulation import CRITERIA, CityModel, registry, vocabulary  # noqa: E402
from simulation.library import build, stories  # noqa: E402
from simulation.scenario import validate_scenario  # noqa: E402
from simulation.vocabulary import READING_COLOURS, Reading  # noqa: E402

PRESETS = [s.name for s in stories()]
"""The seed's stories, each a context and a policy from the library."""
LANGUAGE = solara.reactive("en")
PRESET = solara.reactive("baseline")
COLOUR_BY = solara.reactive("burnout")
DEFAULT_RESIDENTS = int(os.environ.get("CITYSIM_DASHBOARD_RESIDENTS", "2000"))
"""Population at start-up (the scenarios' own; fewer leaves too few gig workers to watch)."""
NETWORK_SAMPLE = 250
"""Residents drawn in the network panel: enough to see clusters, few enough to draw fast."""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "The real digital city",
        "intro": "Each resident is at once citizen, consumer, contributor and worker, with one weekly "
                 "time budget. Press Step or Play to advance week by week; move a slider and press "
                 "Reset to start again.",
        "week": "Week",
        "preset": "Scenario",
        "language": "Language",
        "indicators": "Headline indicators",
        "indicators_help": "Dashed lines mark the weeks interventions started.",
        "value": "Value kept each week",
        "network": "Residents and their neighbours",
        "network_help": "A sample of residents and the links among them. Burn-out spreads when the "
                        "load of those who drop out falls on the others.",
        "colour_by": "Colour by",
        "by_burnout": "burn-out",
        "by_role": "dominant role",
        "burned_out": "burned out",
        "tired": "tired",
        "active_c": "contributing",
        "resting": "not contributing",
        "citizen": "citizen", "consumer": "consumer", "contributor": "contributor", "worker": "worker",
        "radar": "How far each platform destabilises the authority",
        "radar_help": "The six criteria of Audacities (Fing & Iddri 2018), each from 0 to 1.",
        "readings": "The authority's reading of each sector",
        "readings_help": "Red: {risk}. Orange: {tension}. Green: {opportunity}.",
        "settings": "Current settings",
        "settings_line": "{n} residents, {demand:.2f} h of volunteering asked per resident per week, "
                         "commissions {commissions}",
    },
    "fr": {
        "title": "La ville numérique réelle",
        "intro": "Chaque habitant est à la fois citoyen, consommateur, contributeur et travailleur, avec "
                 "un seul budget de temps par semaine. Appuyez sur Step ou Play pour avancer semaine "
                 "par semaine ; bougez un curseur puis Reset pour recommencer.",
        "week": "Semaine",
        "preset": "Scénario",
        "language": "Langue",
        "indicators": "Indicateurs clés",
        "indicators_help": "Les pointillés marquent le début des interventions.",
        "value": "Valeur conservée chaque semaine",
        "network": "Les habitants et leurs voisins",
        "network_help": "Un échantillon d'habitants et leurs liens. Le burn-out se propage quand la "
                        "charge de ceux qui décrochent retombe sur les autres.",
        "colour_by": "Couleur selon",
        "by_burnout": "burn-out",
        "by_role": "rôle dominant",
        "burned_out": "en burn-out",
        "tired": "fatigué",
        "active_c": "contribue",
        "resting": "ne contribue pas",
        "citizen": "citoyen", "consumer": "consommateur", "contributor": "contributeur",
        "worker": "travailleur",
        "radar": "Capacité de chaque plateforme à déstabiliser la collectivité",
        "radar_help": "Les six critères d'Audacities (Fing & Iddri 2018), chacun de 0 à 1.",
        "readings": "Lecture de chaque secteur par la collectivité",
        "readings_help": "Rouge : {risk}. Orange : {tension}. Vert : {opportunity}.",
        "settings": "Réglages actuels",
        "settings_line": "{n} habitants, {demand:.2f} h de bénévolat demandées par habitant et par semaine, "
                         "commissions {commissions}",
    },
}
"""The dashboard's own words; indicators and criteria are named by the registry, readings by the vocabulary."""


def t(key: str) -> str:
    return TEXT[LANGUAGE.value][key]


def name_of(column: str) -> str:
    """An indicator's or a criterion's label in the current language (the registry's)."""
    return registry.label(column, LANGUAGE.value)


def reading_label(reading: str) -> str:
    return vocabulary.label(Reading(reading), LANGUAGE.value)


class DashboardCity(CityModel):
    """A `CityModel` built from the dashboard's controls: a preset scenario, sliders and switches.

    Mesa's SolaraViz rebuilds the model with these keyword arguments on Reset.
    """

    def __init__(self, n_residents: int = DEFAULT_RESIDENTS, demand_factor: float = 1.0, commission_factor: float = 1.0,
                 start_week: int = 26, agora: bool = False, agora_framing: float = 0.1,
                 care: bool = False, care_max_requests_h: float = 3.0, cap: bool = False,
                 commission_cap: float = 0.15, commons: bool = False, coop_support: bool = False,
                 coop_procurement: float = 20.0, vote: bool = False, preset: str | None = None,
                 rng: Any = 42, scenario: Any = None) -> None:
        # ``scenario`` is Mesa's own scenario object, which SolaraViz passes on Reset; unused here
        self.params = {k: v for k, v in locals().items() if k not in ("self", "scenario", "__class__")}
        preset = preset or PRESET.value
        self.params["preset"] = preset
        tale = next(s for s in stories() if s.name == preset)
        base = build(tale.context, tale.policy)
        chosen = {
            "innovation_agora": agora and {"framing": agora_framing},
            "contributor_care": care and {"max_requests_h": care_max_requests_h, "recognition": 0.4,
                                          "rotation": True},
            "platform_regulation": cap and {"commission_cap": commission_cap},
            "data_partnership": commons and {"sector": "mapping"},
            "cooperative_support": coop_support and {"platform": "BikeCoop", "procurement_uses_w": coop_procurement},
            "participatory_innovation": vote and {"every_weeks": 26},
        }
        data = base.model_dump()
        sectors = {s["name"] for s in data["sectors"]}
        platforms = {p["name"] for p in data["platforms"]}
        kept = [i for i in data["interventions"] if not chosen.get(i["type"])]
        for kind, params in chosen.items():
            # a lever that needs a sector or a platform the preset lacks is left out
            if params and params.get("sector", "mapping") in sectors and \
                    params.get("platform", "BikeCoop") in platforms:
                kept.append({"type": kind, "start_week": start_week, **params})
        data.update(n_residents=int(n_residents), weeks=max(520, base.weeks), interventions=kept)
        data["contribution"]["volunteer_demand_h"] *= demand_factor
        for p in data["platforms"]:
            if p["kind"] == "commercial":
                p["commission"] = min(1.0, p["commission"] * commission_factor)
        config = validate_scenario(data, f"{preset}.toml")
        super().__init__(config, rng=int(rng))
        self._layout: tuple[np.ndarray, np.ndarray] | None = None

    def network_sample(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A fixed sample of residents, their positions and the links among them (computed once)."""
        if self._layout is None:
            import networkx as nx

            n = self.config.n_residents
            rows = np.sort(np.random.default_rng(0).choice(n, size=min(NETWORK_SAMPLE, n), replace=False))
            start = int(rows[0])
            # a contiguous stretch of the ring keeps neighbours together, so links show
            rows = (start + np.arange(min(NETWORK_SAMPLE, n))) % n
            index = {int(r): k for k, r in enumerate(rows)}
            edges = [(index[int(r)], index[int(j)]) for r in rows for j in self.network.neighbours_of(int(r))
                     if int(j) in index and index[int(j)] > index[int(r)]]
            graph = nx.Graph(edges)
            graph.add_nodes_from(range(len(rows)))
            pos = nx.kamada_kawai_layout(graph) if len(rows) <= 300 else nx.spring_layout(graph, seed=0)
            xy = np.array([pos[k] for k in range(len(rows))])
            self._layout = (rows, xy, np.array(edges, dtype=int).reshape(-1, 2))
        return self._layout


def _figure(width: float, height: float) -> Figure:
    """A figure outside pyplot's global state; fixed margins (automatic layout is slow)."""
    return Figure(figsize=(width, height), dpi=72)


def _start_weeks(model: CityModel) -> list[int]:
    table = model.intervention_table()
    if table.is_empty():
        return []
    started = table.filter(pl.col("status") == "active").group_by("intervention", "origin").agg(pl.col("week").min())
    return sorted(set(started["week"].to_list()))


def _chart(model: DashboardCity, name: str, key: tuple, build):
    """The model's figure for a panel, built once per (language, key) and then only updated:
    creating axes costs far more than moving lines."""
    charts = model.__dict__.setdefault("_charts", {})
    full_key = (name, LANGUAGE.value, key)
    if charts.get(name, (None,))[0] != full_key:
        charts[name] = (full_key, build())
    return charts[name][1]


class LiveFigure:
    """A figure whose still parts (axes, ticks, titles, links) are drawn once and kept as a
    bitmap; each week only the moving artists are drawn over it (Agg blitting)."""

    def __init__(self, fig: Figure, moving: list) -> None:
        self.fig, self.moving = fig, moving
        for artist in moving:
            artist.set_animated(True)
        self.canvas = FigureCanvasAgg(fig)
        self.background, self.background_key = None, None

    def png(self, background_key: tuple) -> bytes:
        if background_key != self.background_key:  # axes limits or marks moved: redraw the still parts
            self.canvas.draw()
            self.background, self.background_key = self.canvas.copy_from_bbox(self.fig.bbox), background_key
        else:
            self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        buffer = io.BytesIO()
        PILImage.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
                            ).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _ceiling(value: float, current: float) -> float:
    """A y-axis top that only moves when the data outgrow it (so the background rarely changes)."""
    return current if value <= current else value * 1.4


INDICATOR_PANELS = [  # (columns, title key of a panel of several columns, y limits)
    (["burnout_rate"], None, (0, 1)),
    (["active_contributor_share"], None, None),
    (["platform_revenue_eur_per_resident", "worker_pay_eur_per_resident"], "value", None),
    (["coop_market_share"], None, (0, 1)),
    (["trust_mean"], None, (0, 1)),
    (["objective_progress"], None, (0, 1)),
]


def _panel_title(columns: list[str], key: str | None) -> str:
    """The indicator's label (or the panel's title), capitalised, over the unit its columns share."""
    text = t(key) if key else name_of(columns[0])
    return f"{text[:1].upper()}{text[1:]}\n({registry.indicator(columns[0]).unit_label(LANGUAGE.value)})"


def _build_indicators() -> dict:
    fig = _figure(13, 5.6)
    axes = fig.subplots(2, 3, sharex=True).ravel()
    fig.subplots_adjust(left=0.05, right=0.99, top=0.9, bottom=0.1, wspace=0.22, hspace=0.34)
    lines = []
    for ax, (columns, title, limits) in zip(axes, INDICATOR_PANELS, strict=True):
        lines.append([ax.plot([], [], label=name_of(column), linewidth=2)[0] for column in columns])
        ax.set_title(_panel_title(columns, title), fontsize=10)
        ax.set_ylim(*(limits or (0, 1)))
        ax.grid(alpha=0.3)
        if len(columns) > 1:
            ax.legend(fontsize=9, loc="upper left")
    for ax in axes[3:]:
        ax.set_xlabel(t("week"))
    return {"live": LiveFigure(fig, [line for group in lines for line in group]), "axes": axes, "lines": lines,
            "marks": []}


@solara.component
def Indicators(model: DashboardCity) -> None:
    update_counter.get()  # re-render when Mesa steps the model
    chart = _chart(model, "indicators", (), _build_indicators)
    df = model.indicators()
    week = df["week"].to_numpy() if df.height else np.array([])
    starts = tuple(_start_weeks(model))
    if starts != tuple(chart["marks"]):
        for ax in chart["axes"]:
            for mark in [a for a in ax.lines if a.get_gid() == "start"]:
                mark.remove()
            for w in starts:
                ax.axvline(w, color="#777", linestyle="--", linewidth=1, gid="start")
        chart["marks"] = starts
    tops = []
    for ax, lines, (columns, _, limits) in zip(chart["axes"], chart["lines"], INDICATOR_PANELS, strict=True):
        for line, column in zip(lines, columns, strict=True):
            line.set_data(week, df[column].to_numpy() if df.height else [])
            line.set_marker("o" if df.height < 3 else "")
        if limits is None and df.height:
            top = max(float(np.nanmax(df[c].to_numpy())) for c in columns)
            ax.set_ylim(0, _ceiling(top, ax.get_ylim()[1]))
        tops.append(ax.get_ylim()[1])
    span = max(26, 26 * int(np.ceil((model.week + 1) / 26)))  # the x axis grows half a year at a time
    chart["axes"][0].set_xlim(0, span)
    png = chart["live"].png((span, starts, tuple(tops)))
    with solara.Card(t("indicators")):
        solara.Text(t("indicators_help"))
        solara.Image(png)


BURNOUT_PALETTE = {"burned_out": "#d62728", "tired": "#ff7f0e", "active_c": "#1f77b4", "resting": "#c7c7c7"}
ROLE_PALETTE = {"citizen": "#2ca02c", "consumer": "#9467bd", "contributor": "#1f77b4", "worker": "#8c564b"}


def _network_states(model: DashboardCity, rows: np.ndarray) -> tuple[np.ndarray, dict[str, str]]:
    s = model.residents_state
    if COLOUR_BY.value == "burnout":
        tired = s.fatigue[rows] > 0.5 * s.burnout_threshold[rows]
        state = np.select([s.burnout_weeks_left[rows] > 0, tired, s.contribution_h[rows] > 0],
                          ["burned_out", "tired", "active_c"], "resting")
        return state, BURNOUT_PALETTE
    roles = np.stack([s.citizen[rows], s.consumer[rows], s.contributor[rows], s.worker[rows]])
    return np.array(list(ROLE_PALETTE))[roles.argmax(axis=0)], ROLE_PALETTE


def _build_network(model: DashboardCity, palette: dict[str, str]) -> dict:
    rows, xy, edges = model.network_sample()
    fig = _figure(5.5, 5)
    ax = fig.add_axes((0, 0, 1, 1))
    if len(edges):
        ax.add_collection(LineCollection(np.stack([xy[edges[:, 0]], xy[edges[:, 1]]], axis=1),
                                         colors="#dddddd", linewidths=0.6, zorder=1))
    dots = ax.scatter(xy[:, 0], xy[:, 1], s=28, zorder=2)
    handles = [ax.scatter([], [], s=28, c=colour) for colour in palette.values()]
    legend = ax.legend(handles, list(palette), fontsize=9, loc="lower left", framealpha=0.8)
    ax.set_axis_off()
    return {"live": LiveFigure(fig, [dots, legend]), "dots": dots, "legend": legend}


@solara.component
def Network(model: DashboardCity) -> None:
    update_counter.get()  # re-render when Mesa steps the model
    rows = model.network_sample()[0]
    state, palette = _network_states(model, rows)
    chart = _chart(model, "network", (COLOUR_BY.value,), lambda: _build_network(model, palette))
    chart["dots"].set_facecolors([palette[x] for x in state])
    for text, key in zip(chart["legend"].get_texts(), palette, strict=True):
        text.set_text(f"{t(key)} ({int((state == key).sum())})")
    png = chart["live"].png(())
    with solara.Card(t("network")):
        solara.Text(t("network_help"))
        views = {t("by_burnout"): "burnout", t("by_role"): "role"}
        solara.ToggleButtonsSingle(value=t("by_burnout") if COLOUR_BY.value == "burnout" else t("by_role"),
                                   values=list(views), on_value=lambda label: COLOUR_BY.set(views[label]),
                                   classes=["colour-toggle"])
        solara.Image(png)


RADAR_COLUMNS = 4


def _build_radar(present: list) -> dict:
    """All platforms' six-criteria radars on one plain axes (polar axes are slow to draw)."""
    rows_n = max(1, int(np.ceil(len(present) / RADAR_COLUMNS)))
    fig = _figure(11, 2.9 * rows_n + 0.9)
    ax = fig.add_axes((0, 0, 1, 1))
    angles = np.pi / 2 - np.linspace(0, 2 * np.pi, len(CRITERIA), endpoint=False)
    unit = np.c_[np.cos(angles), np.sin(angles)]
    spokes, radars = [], []
    for k in range(len(present)):
        centre = np.array([k % RADAR_COLUMNS * 3.0 + 1.5, -(k // RADAR_COLUMNS) * 3.0 - 1.5])
        spokes += [(centre, centre + u) for u in unit]
        for r in (0.5, 1.0):
            ring = centre + r * unit
            spokes += [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]
        patch = ax.fill(*np.r_[centre[None, :]].T, alpha=0.35)[0]
        outline = ax.plot([], [], linewidth=2)[0]
        label = ax.text(centre[0], centre[1] - 1.28, "", ha="center", fontsize=10)
        radars.append((centre, patch, outline, label))
    ax.add_collection(LineCollection(spokes, colors="#cccccc", linewidths=0.7, zorder=0))
    key = np.array([12.7, -1.5])  # the criteria, named once, on a key radar
    ax.add_collection(LineCollection([(key, key + 0.6 * u) for u in unit], colors="#999999", linewidths=0.7))
    for u, name in zip(unit, CRITERIA, strict=True):
        ax.text(*(key + 0.9 * u), name_of(name), fontsize=8, ha="center", va="center")
    ax.set_xlim(0, 14.2)
    ax.set_ylim(-3.0 * rows_n - 0.1, 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    moving = [artist for _, *artists in radars for artist in artists]
    return {"live": LiveFigure(fig, moving), "unit": unit, "radars": radars}


def _build_readings(sectors: list[str]) -> dict:
    fig = _figure(11, 2.3)
    ax = fig.add_axes((0.1, 0.22, 0.88, 0.74))
    cmap = ListedColormap([r.colour for r in Reading])  # in the order of Reading.code
    image = ax.imshow(np.full((len(sectors), 1), np.nan), aspect="auto", cmap=cmap, vmin=-0.5, vmax=2.5,
                      interpolation="nearest")
    ax.set_yticks(range(len(sectors)), sectors)
    ax.set_xlabel(t("week"))
    return {"live": LiveFigure(fig, [image]), "ax": ax, "image": image}



@solara.component
def Platforms(model: DashboardCity) -> None:
    update_counter.get()  # re-render when Mesa steps the model
    present = [p for p in model.platforms if p.present]
    radar = _chart(model, "radar", tuple(p.name for p in present), lambda: _build_radar(present))
    for p, (centre, patch, outline, label) in zip(present, radar["radars"], strict=True):
        shape = centre + np.array([p.criteria[c] for c in CRITERIA])[:, None] * radar["unit"]
        colour = READING_COLOURS[p.reading]
        patch.set_xy(shape)
        patch.set_color(colour)
        outline.set_data(*np.r_[shape, shape[:1]].T)
        outline.set_color(colour)
        label.set_text(f"{p.name} ({reading_label(p.reading)})")

    sectors = [s.name for s in model.config.sectors]
    readings = _chart(model, "readings", (), lambda: _build_readings(sectors))
    first = max(0, model.week - 104)
    grid = np.full((len(sectors), max(1, model.week - first)), np.nan)
    table = model.sector_readings()
    if table.height:
        recent = table.filter(pl.col("week") >= first)
        rows = recent["sector"].replace_strict({n: i for i, n in enumerate(sectors)}).to_numpy()
        codes = recent["reading"].replace_strict({r.value: r.code for r in Reading})
        grid[rows, recent["week"].to_numpy() - first] = codes.to_numpy()
    readings["image"].set_data(grid)
    readings["image"].set_extent((first - 0.5, first + grid.shape[1] - 0.5, len(sectors) - 0.5, -0.5))
    span = (first, max(26, 26 * int(np.ceil((model.week + 1) / 26))))
    readings["ax"].set_xlim(span[0] - 0.5, max(span[1], first + grid.shape[1]) - 0.5)

    with solara.Card(t("radar")):
        solara.Text(t("radar_help"))
        solara.Image(radar["live"].png(()))
    with solara.Card(t("readings")):
        solara.Text(t("readings_help").format(**{r.value: reading_label(r) for r in Reading}))
        solara.Image(readings["live"].png(span))


@solara.component
def Header(model: DashboardCity) -> None:
    update_counter.get()  # re-render when Mesa steps the model
    def choose_preset(name: str) -> None:
        PRESET.set(name)
        MODEL.set(DashboardCity(**{**model.params, "preset": name}))

    with solara.Card():
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "16px"}):
            solara.Text(f"{t('week')} {model.week}", classes=["week-counter"],
                        style={"font-size": "26px", "font-weight": "bold"})
            solara.Select(label=t("preset"), value=model.params["preset"], values=PRESETS,
                          on_value=choose_preset, style={"max-width": "260px"})
            solara.ToggleButtonsSingle(value=LANGUAGE.value, values=["en", "fr"], on_value=LANGUAGE.set,
                                       classes=["language-toggle"])
        solara.Text(t("intro"), classes=["intro"])
        solara.HTML(tag="div", unsafe_innerHTML="")
        description = model.config.description
        demand = model.config.contribution.volunteer_demand_h
        commissions = sorted({p.commission for p in model.config.platforms if p.kind == "commercial"})
        line = t("settings_line").format(n=model.config.n_residents, demand=demand,
                                         commissions=", ".join(f"{c:.2f}" for c in commissions))
        solara.Text(f"{model.config.name}: {description}  —  {t('settings')}: {line}", style={"color": "#555"})



MODEL_PARAMS = {  # Mesa draws these controls once, so each label carries both languages
    "n_residents": Slider("Residents / habitants", DEFAULT_RESIDENTS, 200, 10000, 100),
    "demand_factor": Slider("Volunteer demand / bénévolat", 1.0, 0.5, 3.0, 0.1),
    "commission_factor": Slider("Commission (x)", 1.0, 0.3, 2.0, 0.1),
    "start_week": Slider("Start week / semaine début", 26, 1, 260, 1),
    "agora": {"type": "Checkbox", "value": False, "label": "Innovation agora / agora"},
    "agora_framing": Slider("Agora: shift / effet", 0.1, 0.0, 0.3, 0.02),
    "care": {"type": "Checkbox", "value": False, "label": "Contributor care / soin"},
    "care_max_requests_h": Slider("Care: max h / semaine", 3.0, 0.5, 10.0, 0.5),
    "cap": {"type": "Checkbox", "value": False, "label": "Commission cap / plafond"},
    "commission_cap": Slider("Cap / plafond", 0.15, 0.0, 0.4, 0.01),
    "commons": {"type": "Checkbox", "value": False, "label": "Address commons / Base adresse"},
    "coop_support": {"type": "Checkbox", "value": False, "label": "Courier cooperative / coopérative"},
    "coop_procurement": Slider("Coop: deliveries / livraisons", 20.0, 0.0, 200.0, 5.0),
    "vote": {"type": "Checkbox", "value": False, "label": "Participatory budget / vote"},
    "rng": {"type": "InputText", "value": 42, "label": "Seed / graine"},
}

LAYOUT = [  # grid units (12 columns): header and indicators full width, then two panels
    {"i": 0, "x": 0, "y": 0, "w": 12, "h": 6},
    {"i": 1, "x": 0, "y": 6, "w": 12, "h": 17},
    {"i": 2, "x": 0, "y": 23, "w": 5, "h": 21},
    {"i": 3, "x": 5, "y": 23, "w": 7, "h": 21},
]


def _initial_layout(num_components: int) -> list[dict]:
    return [{**cell, "moved": False} for cell in LAYOUT[:num_components]]


# Mesa lays components out in half-width cells; a class reads better with the charts wide.
solara_viz.make_initial_grid_layout = _initial_layout

MODEL = solara.reactive(DashboardCity())
page = SolaraViz(
    MODEL,
    components=[(Header, 0), (Indicators, 0), (Network, 0), (Platforms, 0)],
    model_params=MODEL_PARAMS,
    name="citysim",
    play_interval=150,
)
