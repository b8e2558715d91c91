"""English left in a French page: the words of an English page that its French version also uses.

A bilingual surface (the brief, the report, the dashboard) shows the same content in English
and in French. Any word of the English page that turns up in the French page is English left
untranslated, unless it is spelled the same in both languages, is a proper name or a unit
(`ALLOWED`, committed and commented, plus the caller's own ``allowed``, e.g. the platforms'
names). Two functions:

- ``page_text(html)``: the text a reader sees in an HTML page (no tags, style or script).
- ``english_left(english, french, allowed=())``: the sorted list of such words; empty when the
  French page has none.

    >>> english_left("The rule defied", "La règle rule defied")
    ['defied', 'rule']

Words are runs of letters, compared in lower case; a hyphen or an apostrophe splits them
("burn-out" is "burn" and "out", "l'effet" is "l" and "effet"); single letters are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

ALLOWED: frozenset[str] = frozenset({
    # English words that are French words too, with the same meaning in these pages
    "bootstrap", "budget", "commerce", "commission", "commissions", "contribution", "contributions", "grand",
    "local", "net", "occurrence", "option", "options", "orientation", "plus", "points", "question", "service",
    "services", "simulation", "simulations", "six", "stable", "tension", "total", "verdict", "verdicts",
    "indices", "sigma", "mu", "profit", "capital", "gain", "vote", "votes", "euro", "euros", "population",
    # "burn-out" is the French word too
    "burn", "out",
    # units (pt, pts: percentage points, abbreviated alike), methods and names
    "eur", "pt", "pts", "sobol", "morris", "loess", "citysim", "openstreetmap",
})
"""Words an English page may share with its French version, each for the reason its group gives;
a word added here needs such a reason."""

WORD = re.compile(r"[^\W\d_]{2,}")
HIDDEN = ("style", "script", "title", "code", "kbd")
"""What `page_text` leaves out: what no reader reads, and code (commands, file names, column
names), which is the same in both languages and which a page keeps out of its prose."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text of an HTML page as a reader reads it (`HIDDEN` elements left out)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def words(text: str) -> set[str]:
    """The words of a text, in lower case (letters only; hyphens and apostrophes split words)."""
    return {w.lower() for w in WORD.findall(text)}


def english_left(english: str, french: str, allowed: Iterable[str] = ()) -> list[str]:
    """The words of the ``english`` text that the ``french`` text also uses, except `ALLOWED` and
    ``allowed`` (compared in lower case), sorted: English left untranslated in the French text."""
    skip = ALLOWED | {w.lower() for name in allowed for w in WORD.findall(name)}
    return sorted((words(english) & words(french)) - skip)
