"""The one model of a table's column widths, from what its columns hold.

Each column is at least as wide as its longest word (which then never needs hyphenating), and the rest
of the line goes to the columns with the most to say. The line is the printed page's: the PDF sets every
table's columns at those widths in ems (unsigned_peace.machinery.pdf.print_tables converts them to
LaTeX's column specification); the tables the machinery makes itself (the data dictionary) take them as
their columns' shares of a page's width (content/table_cells.py). A `Table` gives a page no widths: myst
marks a Markdown table's columns auto, and a browser lays them out by what they hold. Columns whose
longest words do not fit side by side on the page get no widths: print sets the table as blocks, a page
the widths each column wants.

Widths are in ems of the tables' type (`TABLE_FONT_PT`, which the book's LaTeX package, `unsigned-peace.sty`,
sets with \\small), from a simple model of the font with room to spare.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# The A4 page's text width with Sphinx's default margins, and the type of tables (\small of 11 pt).
LINE_WIDTH_PT = 451.0
TABLE_FONT_PT = 10.0
# Each column loses \tabcolsep (6 pt) on either side to the gap between columns.
COLUMN_GAP_PT = 12.0
# A column holding long text is given at most this many ems before others get their share.
MAX_WANTED_EM = 30.0
# Narrower than this, a column of running text reads a word or two a line.
READABLE_COLUMN_EM = 12.0
# Every longest word gets this much room beyond the model's estimate of its width.
WORD_SLACK_EM = 0.6

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]")
# TeX may break a line after an explicit hyphen, and between two Japanese characters (see unsigned-peace.sty);
# in a table also after an underscore, which a column too narrow for a whole field name relies on.
BREAKS = re.compile(r"\s+|(?<=-)(?=\w)")
BREAKS_IN_NAMES = re.compile(r"\s+|(?<=[-_])(?=\w)")


@lru_cache(maxsize=4096)  # a table of hundreds of rows asks for the same few characters again and again
def char_em(char: str, *, monospace: bool = False, heading: bool = False) -> float:
    """A generous estimate of one character's width, in ems of its font."""
    if CJK.match(char):
        return 1.0
    if monospace:
        return 0.6
    if char.isupper():
        width = 0.72
    elif char in "mwMW—":
        width = 0.8
    elif unicodedata.category(char).startswith("Z") or char in "ilj.,:;'!|()[]":
        width = 0.3
    else:
        width = 0.52
    return width * (1.12 if heading else 1.0)


def unbreakable_parts(text: str, *, within_names: bool = False) -> list[str]:
    parts = []
    for part in (BREAKS_IN_NAMES if within_names else BREAKS).split(text):
        # Each Japanese character may end a line: a run of them is only as wide as its widest one.
        parts.extend(CJK.findall(part) or [])
        rest = CJK.sub(" ", part).split()
        parts.extend(rest)
    return [p for p in parts if p]


@dataclass
class Cell:
    """The text of one table cell, split into runs of plain and of monospaced text."""

    runs: list[tuple[str, bool]]
    # Set on one line as a whole (a date): its longest word is all of it.
    whole: bool = False

    def width_em(self, heading: bool = False) -> float:
        return sum(char_em(c, monospace=mono, heading=heading) for text, mono in self.runs for c in text)

    def longest_word_em(self, heading: bool = False, within_names: bool = False) -> float:
        if self.whole:
            return self.width_em(heading)
        widths = [sum(char_em(c, monospace=mono, heading=heading) for c in part)
                  for text, mono in self.runs for part in unbreakable_parts(text, within_names=within_names)]
        return max(widths, default=0.0)


def available_em(columns: int) -> float:
    return (LINE_WIDTH_PT - columns * COLUMN_GAP_PT) / TABLE_FONT_PT


def column_widths_em(header: list[Cell], rows: list[list[Cell]]) -> list[float] | None:
    """Each column's width in ems, or None when the longest words cannot stand side by side.

    Field names stay whole unless that would leave a column with much to say too narrow to read; then
    they may break at their underscores."""
    wanted = wanted_em(header, rows)
    whole = _widths(_least(header, rows, within_names=False), wanted)
    if whole is not None and all(w >= min(want, READABLE_COLUMN_EM) - 1e-9 for w, want in zip(whole, wanted)):
        return whole
    return _widths(_least(header, rows, within_names=True), wanted) or whole


def _least(header: list[Cell], rows: list[list[Cell]], *, within_names: bool) -> list[float]:
    return [max([header[i].longest_word_em(heading=True, within_names=within_names)]
                + [row[i].longest_word_em(within_names=within_names) for row in rows]) + WORD_SLACK_EM
            for i in range(len(header))]


def wanted_em(header: list[Cell], rows: list[list[Cell]]) -> list[float]:
    """What each column would take with room to spare: its typical cell, and its longest word whole."""
    return [min(MAX_WANTED_EM, max(header[i].width_em(heading=True),
                                   sum(row[i].width_em() for row in rows) / max(len(rows), 1),
                                   max((row[i].longest_word_em() for row in rows), default=0.0) + WORD_SLACK_EM))
            for i in range(len(header))]


def _widths(least: list[float], wanted: list[float]) -> list[float] | None:
    wanted = [max(w, m) for w, m in zip(wanted, least)]
    room = available_em(len(least))
    if sum(least) > room:
        return None
    if sum(wanted) <= room:
        return wanted
    spare = room - sum(least)
    extra = [w - m for w, m in zip(wanted, least)]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra)]


def shares(header: list[Cell], rows: list[list[Cell]]) -> list[int]:
    """The columns' shares of a screen's width, in tenths of an em: the widths print sets them at, or,
    for a table print sets as blocks, the widths each column wants."""
    widths = column_widths_em(header, rows) or wanted_em(header, rows)
    return [max(1, round(width * 10)) for width in widths]
