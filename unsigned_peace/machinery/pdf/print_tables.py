"""Tables that read in print: columns as wide as the book's one model of a table's column widths gives
them (machinery/content/column_widths.py), and a layout of blocks for a table too wide for the page.

Left to itself Sphinx sets a table's columns from relative widths alone, so a column of dates or
one-word verdicts is squeezed until "September" prints over the next column. Here the model's widths,
in ems of the tables' type, become the LaTeX column specification, and cells are set ragged right, as
narrow columns are in print. A table whose longest words do not fit side by side, or made with
`Table(print_as_blocks=True)`, prints as blocks: its first column on the left, and the other columns
stacked beside it, each under its header's name.

A caption wider than its table is centred over it, and hangs over the left margin when the table is narrow
(Sphinx sets a table against the left margin): a caption that would reach further into the margin than half
of it wraps instead, into a box as wide as the table and half of each margin (longtable's \\LTcapwidth). A
translation's longer words ("Таблица" for "Table") would otherwise run off the type area.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.machinery.content.column_widths import (
    COLUMN_GAP_PT,
    LINE_WIDTH_PT,
    MAX_WANTED_EM,
    TABLE_FONT_PT,
    available_em,
    column_widths_em,
)
from unsigned_peace.machinery.content.table_cells import cell_of
from unsigned_peace.table_markup import PRINT_AS_BLOCKS_CLASS

# longtable's own width of a caption's box, which the book keeps for a table wide enough.
CAPTION_BOX = r"4in"
# How far a caption may reach into the margins, both together: half of each of Sphinx's one-inch margins.
CAPTION_REACH = r"1in"


def shares(widths_em: list[float]) -> tuple[list[int], int]:
    """Each column's share of the line, its width and gap, in tenths of a point; and the line's."""
    return [round((w * TABLE_FONT_PT + COLUMN_GAP_PT) * 10) for w in widths_em], round(LINE_WIDTH_PT * 10)


def colspec(widths_em: list[float]) -> str:
    r"""Sphinx's \X{a}{b} gives a column a/b of the line less the gap: a is the column's width and gap."""
    parts, total = shares(widths_em)
    return "".join(rf">{{\raggedright\arraybackslash}}\X{{{share}}}{{{total}}}" for share in parts)


def caption_box(widths_em: list[float]) -> str:
    """LaTeX that sets the width of the table's caption box: the table's, and half of each margin, at most
    longtable's own."""
    parts, total = shares(widths_em)
    return (rf"\setlength{{\LTcapwidth}}{{\dimexpr\linewidth*{sum(parts)}/{total}+{CAPTION_REACH}\relax}}"
            rf"\ifdim\LTcapwidth>{CAPTION_BOX}\setlength{{\LTcapwidth}}{{{CAPTION_BOX}}}\fi")


def raw_latex(text: str) -> nodes.raw:
    return nodes.raw("", text + "\n", format="latex")


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
                widths = column_widths_em([cell_of(e) for e in header], [[cell_of(e) for e in r] for r in rows])
            if widths is None:
                first = column_widths_em([cell_of(header[0])], [[cell_of(r[0])] for r in rows]) or [MAX_WANTED_EM]
                as_blocks(group, header, rows)
                widths = [first[0], available_em(2) - first[0]]
            table.parent.insert(index + 1, raw_latex(rf"\setlength{{\LTcapwidth}}{{{CAPTION_BOX}}}"))
            table.parent.insert(index, addnodes.tabular_col_spec(spec=colspec(widths)))
            table.parent.insert(index, raw_latex(caption_box(widths)))
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
