"""A table of a page as the book's one model of column widths (content/column_widths.py) reads it:
print sets its columns by it, and the tables the machinery makes itself (the data dictionary) take their
shares of a page's width from it. And the cells of a table that hold a date alone, kept whole on a line."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.dates import is_written_date
from unsigned_peace.machinery.content.column_widths import Cell, shares

# A table cell that holds a date alone (DatesKeptWhole; the charts' data tables mark theirs the same way).
DATE_CLASS = "up-date"


def cell_of(entry: nodes.Element) -> Cell:
    """A table cell's text as the model reads it: its literal (monospaced) runs told from the others."""
    return Cell([(str(text), isinstance(text.parent, nodes.literal)) for text in entry.findall(nodes.Text)])


def column_shares(header: list[nodes.Element], rows: list[list[nodes.Element]]) -> list[int]:
    """Each column's share of the table's width, from the cells' text."""
    return shares([cell_of(entry) for entry in header], [[cell_of(entry) for entry in row] for row in rows])


class DatesKeptWhole(SphinxPostTransform):
    """A table cell that holds a date alone, as the domain writes it in the edition's language, is marked
    `up-date`, which the web book's style sheet keeps on one line: a Japanese date ('1855年2月7日') would
    otherwise break between any two of its characters in a narrow column. A wide table scrolls in its own
    frame, so a phone's page still does not."""

    formats = ("html",)

    def run(self, **kwargs) -> None:
        for entry in self.document.findall(nodes.entry):
            if is_written_date(entry.astext()):
                entry["classes"].append(DATE_CLASS)
