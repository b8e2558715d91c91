"""What the class takes away, in the page's language: the headline charts as one PNG, with a caption
saying what they show and a key to their numbered markers; every run's indicators as a CSV that a
spreadsheet in that language opens as columns (in French: `;` between fields and decimal commas).
"""

from __future__ import annotations

import io
import textwrap
from functools import cache

import polars as pl
from matplotlib import font_manager
from PIL import Image, ImageDraw, ImageFont

from citysim.dashboard import theme
from citysim.dashboard.runs import BAND_SEEDS, COLUMNS, Classroom
from citysim.dashboard.texts import capital, label, policy_title, tr, unit_word

CAPTION_PX = 16
"""The caption's and the key's text size in the PNG."""
MARGIN_PX = 12


@cache
def _font(bold: bool = False) -> ImageFont.FreeTypeFont:
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal"))
    return ImageFont.truetype(path, CAPTION_PX)


def caption(classroom: Classroom, lang: str) -> str:
    """What the charts show: the context, each city's policy, the week, the seeds."""
    settings = classroom.settings
    cities = "; ".join(tr("city_policy", lang, name=name, policy=policy_title(city.scenario.policy, lang))
                       for name, city in classroom.cities.items())
    return tr("png.caption", lang, title=tr("title", lang), context=tr(f"context.{settings.context}", lang),
              cities=cities, week=classroom.week, weeks=settings.weeks, seed=settings.seed, n=BAND_SEEDS,
              residents=classroom.band_residents)


def png(charts: list[bytes], title: str, key: list[str], lang: str) -> bytes:
    """The charts as on screen, two to a row, under a caption and above the key to their markers."""
    images = [Image.open(io.BytesIO(chart)) for chart in charts]
    if not images:
        return b""
    width, height = images[0].size
    sheet_w = 2 * width + theme.GAP_PX
    chars = int((sheet_w - 2 * MARGIN_PX) / (0.6 * CAPTION_PX))
    head = textwrap.wrap(title, chars)
    lines = [tr("png.key", lang) if key else tr("no_events", lang)]
    lines += [wrapped for line in key for wrapped in textwrap.wrap(line, chars, subsequent_indent="    ")]
    line_px = round(1.35 * CAPTION_PX)
    top = MARGIN_PX + len(head) * line_px + MARGIN_PX
    rows = -(-len(images) // 2)
    charts_px = rows * height + (rows - 1) * theme.GAP_PX
    sheet = Image.new("RGB", (sheet_w, top + charts_px + MARGIN_PX + len(lines) * line_px + MARGIN_PX), "white")
    draw = ImageDraw.Draw(sheet)
    for k, line in enumerate(head):
        draw.text((MARGIN_PX, MARGIN_PX + k * line_px), line, fill="#222222", font=_font(bold=True))
    for k, image in enumerate(images):
        sheet.paste(image, ((k % 2) * (width + theme.GAP_PX), top + (k // 2) * (height + theme.GAP_PX)))
    y = top + charts_px + MARGIN_PX
    for k, line in enumerate(lines):
        draw.text((MARGIN_PX, y + k * line_px), line, fill="#222222", font=_font(bold=k == 0))
    buffer = io.BytesIO()
    sheet.save(buffer, format="png")
    return buffer.getvalue()


def csv(classroom: Classroom, lang: str) -> bytes:
    """Every run's indicators, one row per city, seed and week, with the page's words: column names,
    contexts, policies, yes and no; in French `;` between fields and a decimal comma. UTF-8 with a byte
    order mark, which spreadsheets read as UTF-8."""
    table = classroom.table()
    policies = {p: policy_title(p, lang) for p in table["policy"].unique()}
    table = table.with_columns(
        pl.col("context").replace_strict({c: tr(f"context.{c}", lang) for c in table["context"].unique()}),
        pl.col("policy").replace_strict(policies),
        pl.when(pl.col("live")).then(pl.lit(tr("yes", lang))).otherwise(pl.lit(tr("no", lang))).alias("live"))
    names = {name: tr(f"csv.{name}", lang) for name in ("city", "context", "policy", "seed", "live")}
    names |= {"residents": unit_word("residents", lang), "week": label("week", lang)}
    names |= {column: capital(label(column, lang)) for column in COLUMNS}
    text = table.rename(names).write_csv(separator=";" if lang == "fr" else ",", decimal_comma=lang == "fr",
                                         include_bom=True)
    return text.encode("utf-8")
