"""Each page's meta description, from the page's own opening text: what a search engine or a link
preview shows of it.

Pages without text of their own (the index, the search page) are described by the book's own
description, the `description` of `_config.yml`.

The page's one viewport tag is the one Sphinx's basic layout writes: docutils' HTML5 writer adds another
to the meta tags Sphinx hands the template, which is dropped here.
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from unsigned_peace.machinery.content.translation import texts_of
from unsigned_peace.machinery.shared.book_files import book_description

DESCRIPTION_CHARS = 160
# What docutils' HTML5 writer adds to every page's meta tags (docutils.writers.html5_polyglot.HTMLTranslator).
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
# Text in these is not the page's own prose: captions, tables, notes, cell outputs, code.
NOT_OPENING_TEXT = (nodes.caption, nodes.table, nodes.Admonition, nodes.footnote, nodes.literal_block,
                    nodes.figure, nodes.sidebar, nodes.topic)


def opening_text(doctree: nodes.document) -> str:
    """The first paragraph of the page's prose, whitespace folded."""
    for paragraph in doctree.findall(nodes.paragraph):
        parent, inside = paragraph.parent, False
        while parent is not None:
            if isinstance(parent, NOT_OPENING_TEXT) or "cell_output" in parent.get("classes", []):
                inside = True
                break
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if not inside and len(text) >= 40:
            return text
    return ""


def description(text: str) -> str:
    """At most `DESCRIPTION_CHARS` characters, ended at a whole word (or, in a language written without spaces
    between words, Japanese, at a character)."""
    if len(text) <= DESCRIPTION_CHARS:
        return text
    shortened = textwrap.shorten(text, DESCRIPTION_CHARS - 1, placeholder="", break_on_hyphens=False)
    if len(shortened) < DESCRIPTION_CHARS // 2:
        shortened = text[:DESCRIPTION_CHARS - 1].rstrip()
    return shortened + "…"


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    text = opening_text(doctree) if doctree is not None else ""
    text = description(text or texts_of(app)(book_description(Path(app.srcdir))))
    if text:
        tag = f'<meta name="description" content="{html.escape(text)}" />'
        context["metatags"] = context.get("metatags", "") + "\n" + tag


def drop_docutils_viewport(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["metatags"] = context.get("metatags", "").replace(DOCUTILS_VIEWPORT, "")
