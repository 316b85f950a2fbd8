"""Tables of several columns read on a phone as one block per row.

On a screen a phone wide, three columns of quotations got a third of the width each and the last ones
ran off the screen, to be scrolled to sideways, their caption cut at the screen's edge with them. There
a table marked here (`PhoneTableBlocks`) shows each row as a block: its first cell as the block's
heading, and each other cell below it under its column's name; an empty cell is left out. The book's
style sheet lays the blocks out (`up-phone-blocks` in static/unsigned-peace.css); the columns' names
come from the page's head (`add_column_names`), one rule a column, in the page's language, written from
the table's header row. A chart's data table, which the machinery writes itself, is marked where it is
written (content/charts.py) and its columns named the same way. Wider screens, print and the e-book keep
the table as it is (the PDF and the e-book set their own blocks: pdf/print_tables.py).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.machinery.content.charts import PHONE_MEDIA
from unsigned_peace.machinery.content.table_cells import FEWEST_BLOCK_COLUMNS, PHONE_BLOCKS_CLASS, RAW_TABLE_COLUMNS
from unsigned_peace.machinery.shared.editions import is_website


def header_names(table: nodes.table) -> list[str] | None:
    """The names of a table's columns, from its one header row; None for a table without one, or whose
    header spans columns (its names could not be told to cells)."""
    groups = list(table.findall(nodes.tgroup))
    heads = list(groups[0].findall(nodes.thead)) if len(groups) == 1 else []
    rows = list(heads[0].findall(nodes.row)) if len(heads) == 1 else []
    if len(rows) != 1:
        return None
    entries = [entry for entry in rows[0].children if isinstance(entry, nodes.entry)]
    if any(entry.get("morecols") or entry.get("morerows") for entry in entries):
        return None
    if len(entries) != int(groups[0].get("cols", len(entries))):
        return None
    return [" ".join(entry.astext().split()) for entry in entries]


class PhoneTableBlocks(SphinxPostTransform):
    """Mark each table of the web book with a header row, an id and at least `FEWEST_BLOCK_COLUMNS` columns (two
    columns fit side by side on a phone; from three on, they get too narrow to read)."""

    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not is_website(self.app.builder):
            return
        for table in self.document.findall(nodes.table):
            names = header_names(table)
            if names is not None and len(names) >= FEWEST_BLOCK_COLUMNS and table["ids"]:
                table["classes"].append(PHONE_BLOCKS_CLASS)


def css_string(text: str) -> str:
    """Text as a CSS string, which nothing in it can end, nor the style element around it: every character
    outside plain letters, digits, spaces and light punctuation is written as its code point."""
    safe = (char if char.isalnum() or char in " ,.()–-/%" else f"\\{ord(char):x} " for char in text)
    return '"' + "".join(safe) + '"'


def marked_tables(doctree: nodes.document) -> dict[str, list[str]]:
    """The page's marked tables: each one's id and its columns' names."""
    # Sphinx writes a table's first id on the element.
    tables = {table["ids"][0]: header_names(table) for table in doctree.findall(nodes.table)
              if PHONE_BLOCKS_CLASS in table["classes"]}
    for raw in doctree.findall(nodes.raw):
        tables.update(raw.get(RAW_TABLE_COLUMNS, {}))
    return tables


def column_name_rules(doctree: nodes.document) -> str:
    """The rules that name each cell of the page's marked tables on a phone; empty when it has none."""
    rules = [f"#{css_identifier(table_id)}>tbody>tr>td:nth-child({number})::before{{content:{css_string(name)}}}"
             for table_id, names in marked_tables(doctree).items()
             for number, name in enumerate(names, start=1) if number > 1 and name]
    return f"@media {PHONE_MEDIA}{{{''.join(rules)}}}" if rules else ""


def css_identifier(table_id: str) -> str:
    """An element id as a CSS selector writes it: the ids the book gives tables are letters, digits and hyphens
    from a letter on (a docutils id, a chart's); any other is refused, not written into the page's style."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", table_id):
        raise ValueError(f"a table id of letters, digits and hyphens was expected, not {table_id!r}")
    return table_id


def add_column_names(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not is_website(app.builder):
        return
    rules = column_name_rules(doctree)
    if rules:
        context["metatags"] = context.get("metatags", "") + f"\n<style data-up-column-names>{rules}</style>"
