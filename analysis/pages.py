"""The small HTML kit the report and the brief share: one style sheet, tables, notes, numbers.

Pages are single files that open offline: inline CSS, no script fetched, no font downloaded.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1280px;
padding:1.5rem 2rem;color:#1d2733;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #dde3ea;padding-bottom:.2rem;margin-top:2.4rem}
h3{margin-top:1.6rem}.lead{color:#4a5866;max-width:60rem}.note{color:#6b7785;font-style:italic}
nav ol{columns:2;max-width:40rem}figure{margin:1rem 0}figure img{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}
th,td{border-bottom:1px solid #e3e8ee;padding:.25rem .55rem;text-align:right;white-space:nowrap}
th{background:#f4f6f9;white-space:normal;vertical-align:bottom}.scroll{overflow-x:auto;max-width:100%}td.l,th.l{text-align:left}
td.w{white-space:normal;min-width:10rem}
.warn{background:#fff6e0;border-left:4px solid #f0a500;padding:.5rem 1rem;margin:.8rem 0}
details{margin:.5rem 0}summary{cursor:pointer;color:#4a5866}code{background:#f1f3f6;padding:0 .25rem;border-radius:3px}
"""


NOISE = 1e-12
"""Below this, a number is floating-point noise (a difference of two equal sums) and shows as 0."""


def number(x: object, lang: str = "en", digits: int = 3) -> str:
    """A number as a reader expects it: three significant digits, thousands grouped (1,234 in
    English, 1 234 in French with a decimal comma), never in e-notation (0.0000679), 0 below
    `NOISE`; a dash when undefined; other values escaped."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if not isinstance(x, int | float) or isinstance(x, bool):
        return html.escape(str(x))
    if abs(x) < NOISE:
        text = "0"
    elif abs(x) >= 10 ** (digits - 1):
        text = f"{x:,.0f}"
    else:  # ``digits`` significant digits in fixed notation, never 6.79e-05
        decimals = digits - 1 - math.floor(math.log10(abs(x)))
        text = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def html_table(header: list[str], rows: Iterable[list[str]], left: int = 1, wrap: tuple[int, ...] = ()) -> str:
    """An HTML table; cells are already escaped HTML; the first ``left`` columns align left, the
    ``wrap`` columns (long text) align left and wrap."""
    def cls(i: int) -> str:
        return "l w" if i in wrap else "l" if i < left else ""

    head = "".join(f'<th class="{cls(i)}">{h}</th>' for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td class="{cls(i)}">{c}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def html_note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def html_page(lang: str, title: str, body: str) -> str:
    """A whole self-contained page."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>{body}</body></html>")
