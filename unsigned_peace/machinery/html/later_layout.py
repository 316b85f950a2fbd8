"""Long parts of a page laid out only when near the screen.

As a long page arrives, a phone lays out everything received so far, again and again, and once more
when the style sheets come: on the bibliography (555 entries) and the chronology (a 149-row table) that
kept a slow CPU's main thread busy for over a second, in tasks too long to answer a tap. The parts
named here get `content-visibility: auto` in the page's head (the layout template writes the rules),
so that the browser lays out only those near the screen, with or without scripts; on paper every part
is drawn. A part not yet laid out has no scroll width, so the region script
(static/unsigned-peace-scroll.js) looks again when a part is laid out; it reads the parts' selector
from the rules' element.

On a phone a table of several columns is a column of blocks, one a row (html/phone_tables.py), several
times as tall as the table it replaces: there each row is a part of its own, sized about as a row's block
is, rather than the whole table one part sized as a table. Sized as a table, a table laid out at last
grew by hundreds of pixels: whatever followed it moved, and in a browser without scroll anchoring so
did the page under a reader scrolling back up past it.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from unsigned_peace.machinery.content.charts import PHONE_MEDIA
from unsigned_peace.machinery.content.table_cells import PHONE_BLOCKS_CLASS
from unsigned_peace.machinery.shared.editions import is_website

# Each part, and the height it is given until it is first laid out (the browser then keeps its own).
LATER_PARTS = {
    ".up-references li": "4.5em",
    ".pst-scrollable-table-container": "40em",
}
# On a phone: a table of blocks is laid out whole, each of its rows when near the screen.
BLOCKS_FRAME = f".pst-scrollable-table-container:has(>table.{PHONE_BLOCKS_CLASS})"
LATER_ON_A_PHONE = {f"table.{PHONE_BLOCKS_CLASS}>tbody>tr": "20em"}


def later_rules() -> str:
    return (f"@media screen{{{_parts(LATER_PARTS)}}}"
            f"@media screen and {PHONE_MEDIA}{{{BLOCKS_FRAME}{{content-visibility:visible}}"
            f"{_parts(LATER_ON_A_PHONE)}}}")


def _parts(parts: dict[str, str]) -> str:
    return "".join(f"{selector}{{content-visibility:auto;contain-intrinsic-size:auto {height}}}"
                   for selector, height in parts.items())


def add_later_layout(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if is_website(app.builder):
        context["up_later_rules"] = later_rules()
        context["up_later_parts"] = ", ".join([*LATER_PARTS, *LATER_ON_A_PHONE])
