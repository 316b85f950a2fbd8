"""Numbered, captioned tables that typeset in both the HTML book and the PDF.

A `Table` shows as a MyST `{table}` directive (Markdown), which the book renders as a real table with
a number, a caption and a label to cite; JupyterLab shows its HTML form. Every cell is escaped, so
text from the data reads as text and never as markup. A row may carry an anchor (`row_ids`), and a
column's cells may link to anchors (`cross_references`); the only markup a table writes is those two
roles, around ids and link texts checked to be plain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from unsigned_peace.escape import for_html, for_markdown
from unsigned_peace.messages import _
from unsigned_peace.numbers import count
from unsigned_peace.table_markup import ANCHOR_ID, ANCHOR_ROLE, PRINT_AS_BLOCKS_CLASS

# Past this many rows a table would make its page too heavy to open (20,000 events: 20 MB of HTML): it
# shows the first rows and says where every row is.
MAX_ROWS = 600
# What a cross-reference to an anchor may show: letters, digits, spaces (the no-break ones a date in
# another language holds too) and light punctuation, which no markup reads (a date, say); it goes into a
# `{ref}` role as it is.
REFERENCE_TEXT = re.compile(r"[\w ,.–\u00a0\u202f-]+")


@dataclass
class Table:
    frame: pd.DataFrame
    caption: str
    name: str
    source: str
    print_as_blocks: bool = False
    # One anchor per row (lowercase words joined by hyphens, unique): the row's id in the page.
    row_ids: Sequence[str] | None = None
    # Columns whose cells link to anchors (another table's row_ids): per row, (text shown, anchor) pairs.
    # The frame's own cells in those columns are what JupyterLab shows.
    cross_references: Mapping[str, Sequence[Sequence[tuple[str, str]]]] | None = None

    def __post_init__(self) -> None:
        if self.row_ids is not None:
            self.row_ids = [str(row_id) for row_id in self.row_ids]
            check_row_ids(self.row_ids, len(self.frame))
        self.cross_references = {column: [list(cell) for cell in cells]
                                 for column, cells in (self.cross_references or {}).items()}
        check_cross_references(self.cross_references, self.frame)
        if len(self.frame) > MAX_ROWS:
            total = len(self.frame)
            self.frame = self.frame.head(MAX_ROWS)
            if self.row_ids is not None:
                self.row_ids = self.row_ids[:MAX_ROWS]
            self.cross_references = {column: cells[:MAX_ROWS] for column, cells in self.cross_references.items()}
            self.source = _("{source} The table shows the first {shown} of {total} rows; every row is in the "
                            "book's data files (see Data and downloads).").format(
                source=self.source, shown=count(MAX_ROWS), total=count(total))

    def markdown(self) -> str:
        header = "| " + " | ".join(for_markdown(c) for c in self.frame.columns) + " |"
        rule = "|" + "|".join("---" for _ in self.frame.columns) + "|"
        body = ["| " + " | ".join(self._cell(n, column, value) for column, value in enumerate(row)) + " |"
                for n, row in enumerate(self.frame.itertuples(index=False))]
        # No widths: a page lays the columns out by what they hold, and print sets its own from the same
        # cells (unsigned_peace.machinery.pdf.print_tables), letting every table break across pages.
        options = [f":name: {self.name}", ":align: left"]
        if self.print_as_blocks:
            options.append(f":class: {PRINT_AS_BLOCKS_CLASS}")
        return "\n".join([
            f"```{{table}} {for_markdown(self.caption)}", *options, "",
            header, rule, *body, "```", "",
            "```{container} up-source", for_markdown(self.source), "```", "",
        ])

    def _cell(self, row: int, column: int, value) -> str:
        """A body cell's Markdown: its text escaped, or its links; the first cell starts with the row's anchor."""
        anchor = anchor_role(self.row_ids[row]) if column == 0 and self.row_ids is not None else ""
        references = self.cross_references.get(self.frame.columns[column])
        return anchor + (for_markdown(cell_text(value)) if references is None else reference_roles(references[row]))

    def html(self) -> str:
        table = self.frame.map(cell_text).to_html(index=False, escape=True, border=0)
        return (f"<figure><figcaption>{for_html(self.caption)}</figcaption>{table}"
                f"<p class=\"up-source\">{for_html(self.source)}</p></figure>")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/markdown": self.markdown(),
            "text/html": self.html(),
            "text/plain": _("Table: {caption}").format(caption=self.caption),
        }


def check_row_ids(row_ids: list[str], rows: int) -> None:
    """Raise unless there is one valid, unique anchor per row."""
    if len(row_ids) != rows:
        raise ValueError(f"a table of {rows} rows needs {rows} row ids, not {len(row_ids)}")
    invalid = [row_id for row_id in row_ids if not ANCHOR_ID.fullmatch(row_id)]
    if invalid:
        raise ValueError(f"row ids must be lowercase words joined by hyphens: {', '.join(map(repr, invalid[:5]))}")
    repeated = sorted(row_id for row_id, times in Counter(row_ids).items() if times > 1)
    if repeated:
        raise ValueError(f"row ids must be unique: {', '.join(map(repr, repeated[:5]))} repeated")


def check_cross_references(references: dict[str, list[list[tuple[str, str]]]], frame: pd.DataFrame) -> None:
    """Raise unless each column of cross-references is a column of the table, with a cell per row, plain
    text to show and a valid anchor to link to."""
    for column, cells in references.items():
        if column not in frame.columns:
            raise ValueError(f"cross-references for {column!r}, which is not a column of the table")
        if len(cells) != len(frame):
            raise ValueError(f"{column!r}: a table of {len(frame)} rows needs {len(frame)} cells of cross-references")
        for text, anchor in (pair for cell in cells for pair in cell):
            if not ANCHOR_ID.fullmatch(str(anchor)):
                raise ValueError(f"{column!r}: {anchor!r} is not an anchor (lowercase words joined by hyphens)")
            if not REFERENCE_TEXT.fullmatch(str(text)):
                raise ValueError(f"{column!r}: a link may show letters, digits and light punctuation only, not "
                                 f"{text!r}")


def reference_roles(cell: list[tuple[str, str]]) -> str:
    """A cell of links to anchors, as MyST `{ref}` roles (Sphinx checks that each anchor exists)."""
    return "; ".join(f"{{ref}}`{text} <{anchor}>`" for text, anchor in cell)


def anchor_role(row_id: str) -> str:
    """The MyST role giving a row its anchor (the id is checked to be plain)."""
    return f"{{{ANCHOR_ROLE}}}`{row_id}`"


def cell_text(value) -> str:
    """A cell as text, the same in every edition: a figure as the data gives it, with no decimal part that
    only the column's type added (251, not 251.0; 94.84 as it is)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if pd.isna(value):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)
