"""Long parts of a page laid out only when near the screen.

As a long page arrives, a phone lays out everything received so far, again and again, and once more
when the style sheets come: on the bibliography (555 entries) and the chronology (a 149-row table) that
kept a slow CPU's main thread busy for over a second, in tasks too long to answer a tap. The parts
named here get `content-visibility: auto` in the page's head (the layout template writes the rules),
so that the browser lays out only those near the screen, with or without scripts; on paper every part
is drawn. A part not yet laid out has no scroll width, so the region script
(static/unsigned-peace-scroll.js) looks again when a part is laid out; it reads the parts' selector
from the rules' element.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from unsigned_peace.machinery.shared.editions import is_website

# Each part, and the height it is given until it is first laid out (the browser then keeps its own).
LATER_PARTS = {
    ".up-references li": "4.5em",
    ".pst-scrollable-table-container": "40em",
}


def later_rules() -> str:
    parts = "".join(f"{selector}{{content-visibility:auto;contain-intrinsic-size:auto {height}}}"
                    for selector, height in LATER_PARTS.items())
    return f"@media screen{{{parts}}}"


def add_later_layout(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if is_website(app.builder):
        context["up_later_rules"] = later_rules()
        context["up_later_parts"] = ", ".join(LATER_PARTS)
