"""Tables that read in print: column widths from what the columns hold, and a layout of blocks for a
table too wide for the page.

Left to itself Sphinx sets a table's columns from relative widths alone, so a column of dates or
one-word verdicts is squeezed until "September" prints over the next column. Here each column is at
least as wide as its longest word (which then never needs hyphenating), the rest of the line goes to
the columns with the most to say, and cells are set ragged right, as narrow columns are in print. A
table whose longest words do not fit side by side, or made with `Table(print_as_blocks=True)`, prints
as blocks: its first column on the left, and the other columns stacked beside
it, each under its header's name.

Widths are worked out in ems of the tables' type (`TABLE_FONT_PT`, which the book's LaTeX package,
`unsigned-peace.sty`, sets with \\small) from a simple model of the font, with room to spare.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.table_markup import PRINT_AS_BLOCKS_CLASS

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

    @classmethod
    def of(cls, entry: nodes.Element) -> Cell:
        return cls([(str(text), isinstance(text.parent, nodes.literal)) for text in entry.findall(nodes.Text)])

    def width_em(self, heading: bool = False) -> float:
        return sum(char_em(c, monospace=mono, heading=heading) for text, mono in self.runs for c in text)

    def longest_word_em(self, heading: bool = False, within_names: bool = False) -> float:
        widths = [sum(char_em(c, monospace=mono, heading=heading) for c in part)
                  for text, mono in self.runs for part in unbreakable_parts(text, within_names=within_names)]
        return max(widths, default=0.0)


def available_em(columns: int) -> float:
    return (LINE_WIDTH_PT - columns * COLUMN_GAP_PT) / TABLE_FONT_PT


def column_widths_em(header: list[Cell], rows: list[list[Cell]]) -> list[float] | None:
    """Each column's width in ems, or None when the longest words cannot stand side by side.

    Field names stay whole unless that would leave a column with much to say too narrow to read; then
    they may break at their underscores."""
    wanted = _wanted(header, rows)
    whole = _widths(_least(header, rows, within_names=False), wanted)
    if whole is not None and all(w >= min(want, READABLE_COLUMN_EM) - 1e-9 for w, want in zip(whole, wanted)):
        return whole
    return _widths(_least(header, rows, within_names=True), wanted) or whole


def _least(header: list[Cell], rows: list[list[Cell]], *, within_names: bool) -> list[float]:
    return [max([header[i].longest_word_em(heading=True, within_names=within_names)]
                + [row[i].longest_word_em(within_names=within_names) for row in rows]) + WORD_SLACK_EM
            for i in range(len(header))]


def _wanted(header: list[Cell], rows: list[list[Cell]]) -> list[float]:
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


def colspec(widths_em: list[float]) -> str:
    r"""Sphinx's \X{a}{b} gives a column a/b of the line less the gap: a is the column's width and gap."""
    total = round(LINE_WIDTH_PT * 10)
    shares = [round((w * TABLE_FONT_PT + COLUMN_GAP_PT) * 10) for w in widths_em]
    return "".join(rf">{{\raggedright\arraybackslash}}\X{{{share}}}{{{total}}}" for share in shares)


def table_parts(table: nodes.table) -> tuple[nodes.tgroup, list[nodes.entry], list[list[nodes.entry]]] | None:
    group = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
    if group is None:
        return None
    head = next((c for c in group.children if isinstance(c, nodes.thead)), None)
    body = next((c for c in group.children if isinstance(c, nodes.tbody)), None)
    if head is None or body is None or len(head.children) != 1:
        return None
    header = list(head[0].children)
    rows = [list(row.children) for row in body.children]
    if any(len(row) != len(header) for row in rows) or any(e.get("morecols") or e.get("morerows")
                                                          for row in [header, *rows] for e in row):
        return None  # merged cells: left as they are
    return group, header, rows


def as_blocks(group: nodes.tgroup, header: list[nodes.entry], rows: list[list[nodes.entry]]) -> None:
    """Keep the first column; stack the others in a second, each paragraph led by its column's name."""
    names = [entry.astext().strip() for entry in header]
    for child in list(group.children):
        group.remove(child)
    group["cols"] = 2
    group += nodes.colspec(colwidth=1)
    group += nodes.colspec(colwidth=4)
    head = nodes.thead()
    head += nodes.row("", header[0], nodes.entry("", nodes.paragraph(text=", ".join(names[1:]))))
    group += head
    body = nodes.tbody()
    for row in rows:
        stacked = nodes.entry()
        for name, entry in zip(names[1:], row[1:]):
            if not entry.astext().strip():
                continue
            children = list(entry.children)
            lead = nodes.paragraph()
            lead += nodes.strong(text=f"{name}: ")
            if children and isinstance(children[0], nodes.paragraph):
                lead.extend(children.pop(0).children)
            stacked += lead
            stacked.extend(children)
        body += nodes.row("", row[0], stacked)
    group += body


class PrintTableLayout(SphinxPostTransform):
    """Give every table of the PDF column widths from its content, or the layout of blocks."""

    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            index = table.parent.index(table)
            if index and isinstance(table.parent[index - 1], addnodes.tabular_col_spec):
                continue  # the page gives its own column specification
            parts = table_parts(table)
            if parts is None:
                continue
            group, header, rows = parts
            widths = None
            if PRINT_AS_BLOCKS_CLASS not in table["classes"]:
                widths = column_widths_em([Cell.of(e) for e in header], [[Cell.of(e) for e in r] for r in rows])
            if widths is None:
                first = column_widths_em([Cell.of(header[0])], [[Cell.of(r[0])] for r in rows]) or [MAX_WANTED_EM]
                as_blocks(group, header, rows)
                widths = [first[0], available_em(2) - first[0]]
            table.parent.insert(index, addnodes.tabular_col_spec(spec=colspec(widths)))
            if "colwidths-given" in table["classes"]:  # the widths given for the screen: print has its own
                table["classes"].remove("colwidths-given")
            if not in_a_box(table) and "longtable" not in table["classes"]:
                # A table set as one block runs past the foot of the page when taller than what is left.
                table["classes"].append("longtable")


def in_a_box(node: nodes.Node) -> bool:
    """Whether the node sits where LaTeX cannot break a page (a longtable there would not typeset)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.Admonition, nodes.list_item, nodes.table, nodes.footnote, nodes.sidebar)):
            return True
        parent = parent.parent
    return False
