"""Long parts of a page laid out only when near the screen.

As a long page arrives, a phone lays out everything received so far, again and again, and once more
when the style sheets come: on the bibliography (555 entries) and the chronology (a 149-row table) that
kept a slow CPU's main thread busy for over a second, in tasks too long to answer a tap. The parts
named here get `content-visibility: auto` in the page's head (the layout template writes the rules),
so that the browser lays out only those near the screen, with or without scripts; on paper every part
is drawn. A part not yet laid out has no scroll width, so the region script
(static/unsigned-peace-scroll.js) looks again when a part is laid out; it reads the parts' selector
from the rules' element. A part not yet laid out has a guessed height, so a link to a place further down
the same page would land short of it once the parts above it are laid out: the same script holds the
link's target in place meanwhile.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from unsigned_peace.machinery.shared.editions import is_website

# Each part, and the height it is given until it is first laid out (the browser then keeps its own): about
# the median on a phone. A chapter's paragraphs, lists and chart figures are parts too, from its second
# section on: the style sheets fetched after the first screen then restyle only those near the screen,
# where they had laid out the whole chapter in one task (about 150 ms on the Japanese islands chapter,
# slowed 4x). Not those of the opening and the first section: a part has its guessed height until the
# browser finds it near the screen, a frame later, and one on the first screen would shift the page as it
# opens. Only boxes whose own margins hold those of their content, so that no spacing changes: a cell's
# whole output would keep its figure's margin inside it (16 px more below each chart). Not the cells'
# code: the theme's start reads the size of each code block, and reading one inside a part not laid out
# lays the part out.
LATER_PARTS = {
    ".up-references li": "4.5em",
    ".pst-scrollable-table-container": "40em",
    ".bd-article > section > section ~ section :is(section, .up-source) > :is(p, ul, ol, dl)": "18em",
    ".bd-article > section > section ~ section .cell_output > figure": "60em",
}


def later_rules() -> str:
    parts = "".join(f"{selector}{{content-visibility:auto;contain-intrinsic-block-size:auto {height}}}"
                    for selector, height in LATER_PARTS.items())
    return f"@media screen{{{parts}}}"


def add_later_layout(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if is_website(app.builder):
        context["up_later_rules"] = later_rules()
        context["up_later_parts"] = ", ".join(LATER_PARTS)
