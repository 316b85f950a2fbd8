"""A table of a page as the book's one model of column widths (content/column_widths.py) reads it:
print sets its columns by it, and the tables the machinery makes itself (the data dictionary) take their
shares of a page's width from it."""

from __future__ import annotations

from docutils import nodes

from unsigned_peace.machinery.content.column_widths import Cell, shares


def cell_of(entry: nodes.Element) -> Cell:
    """A table cell's text as the model reads it: its literal (monospaced) runs told from the others."""
    return Cell([(str(text), isinstance(text.parent, nodes.literal)) for text in entry.findall(nodes.Text)])


def column_shares(header: list[nodes.Element], rows: list[list[nodes.Element]]) -> list[int]:
    """Each column's share of the table's width, from the cells' text."""
    return shares([cell_of(entry) for entry in header], [[cell_of(entry) for entry in row] for row in rows])
