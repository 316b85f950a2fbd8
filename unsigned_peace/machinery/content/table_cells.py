"""A table of a page as the book's one model of column widths (content/column_widths.py) reads it:
print sets its columns by it, and the tables the machinery makes itself (the data dictionary) take their
shares of a page's width from it. And the cells of a table that hold a date alone, kept whole on a line;
and the marks of a table that reads as blocks on a phone, which the HTML part lays out (html/phone_tables.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.dates import is_written_date
from unsigned_peace.machinery.content.column_widths import Cell, shares

# A table cell that holds a date alone (DatesKeptWhole; the charts' data tables mark theirs the same way).
DATE_CLASS = "up-date"
# A table of at least this many columns reads on a phone as blocks, one a row (html/phone_tables.py), marked
# with the class; a table the machinery writes as raw HTML itself (a chart's data) is marked so too, and the
# raw node that holds it keeps its columns' names under RAW_TABLE_COLUMNS ({the table's id: the names}).
PHONE_BLOCKS_CLASS = "up-phone-blocks"
FEWEST_BLOCK_COLUMNS = 3
RAW_TABLE_COLUMNS = "up-table-columns"


def cell_of(entry: nodes.Element) -> Cell:
    """A table cell's text as the model reads it: its literal (monospaced) runs told from the others; a date kept
    whole (`DatesKeptWhole`) is one word."""
    return Cell([(str(text), isinstance(text.parent, nodes.literal)) for text in entry.findall(nodes.Text)],
                whole=DATE_CLASS in entry.get("classes", []))


def column_shares(header: list[nodes.Element], rows: list[list[nodes.Element]]) -> list[int]:
    """Each column's share of the table's width, from the cells' text."""
    return shares([cell_of(entry) for entry in header], [[cell_of(entry) for entry in row] for row in rows])


class DatesKeptWhole(SphinxPostTransform):
    """A table cell that holds a date alone, as the domain writes it in the edition's language, is marked
    `up-date` and kept on one line: a Japanese date ('1855年2月7日') would otherwise break between any two of its
    characters in a narrow column. The web book's style sheet keeps it whole (a wide table scrolls in its own
    frame, so a phone's page still does not). In print, a date written without spaces (a Japanese one) is one
    box (the `up-date` role of unsigned-peace.sty) in a column the width model makes wide enough for it
    (`cell_of`); one with spaces ('7 February 1855', '7 февраля 1855 г.') may break at them, as print sets
    words."""

    formats = ("html", "latex")

    def run(self, **kwargs) -> None:
        in_print = self.app.builder.format == "latex"
        for entry in self.document.findall(nodes.entry):
            text = entry.astext().strip()
            if DATE_CLASS in entry["classes"] or not is_written_date(text) or (in_print and " " in text):
                continue
            entry["classes"].append(DATE_CLASS)
            if in_print:
                for paragraph in entry.findall(nodes.paragraph):
                    kept = nodes.inline("", "", *paragraph.children, classes=[DATE_CLASS])
                    paragraph.children = []
                    paragraph += kept
