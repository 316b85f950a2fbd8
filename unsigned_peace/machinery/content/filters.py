"""How a table's filter a notebook displays becomes part of the book (a myst-nb mime renderer plugin).

`EventFilter` (unsigned_peace.chronology) displays as `FILTER_MIME`: the index of the table's rows by
the values a reader can filter on, and each filter's choices with their labels. `FilterRenderer`,
registered under myst-nb's public `myst_nb.mime_renderers` entry point in pyproject.toml, turns it into
a form in the HTML book: a labelled select per filter, a search field for words, a button that clears
them and a live count of the rows shown, with the index as inert JSON. The shipped script
`unsigned-peace-filter.js`, loaded (deferred) on pages that hold a filter, does the filtering; the
form stays hidden until it runs. Other builders (the PDF) show nothing: a printed table has no filter.
"""

from __future__ import annotations

import hashlib
import json
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from unsigned_peace.escape import for_html, inert_json
from unsigned_peace.mime import FILTER_MIME

FILTER_MARKER = "data-up-filter"
FILTER_SCRIPT = "unsigned-peace-filter.js"


def filter_html(spec: dict) -> str:
    """The filter's form; its element ids come from a digest of the index, so a build is reproducible."""
    prefix = "up-filter-" + hashlib.sha1(inert_json(spec).encode("utf-8")).hexdigest()[:8]
    noun, total = for_html(spec["noun"]), len(spec["rows"])
    controls = []
    for field in spec["fields"]:
        control = f"{prefix}-{field['name']}"
        options = "".join(f'<option value="{for_html(choice["value"])}">{for_html(choice["label"])}</option>'
                          for choice in field["choices"])
        controls.append(
            f'<div class="up-filter-field"><label for="{control}">{for_html(field["label"])}</label>'
            f'<select id="{control}" name="{for_html(field["name"])}">'
            f'<option value="">{for_html(field["all"])}</option>{options}</select></div>')
    text = spec["text"]
    words = f"{prefix}-{text['name']}"
    controls.append(
        f'<div class="up-filter-field up-filter-words"><label for="{words}">{for_html(text["label"])}</label>'
        f'<input type="search" id="{words}" name="{for_html(text["name"])}" autocomplete="off"></div>')
    controls.append('<button type="button" class="up-filter-clear">Clear filters</button>')
    ids = " ".join(f"{prefix}-{field['name']}" for field in spec["fields"]) + f" {words}"
    return "\n".join([
        f'<form class="up-filter" id="{prefix}" {FILTER_MARKER} hidden aria-label="Filter the {noun}">',
        f'<div class="up-filter-fields">{"".join(controls)}</div>',
        f'<output class="up-filter-count" for="{ids}" aria-live="polite">Showing all {total:,} {noun}</output>',
        f'<script type="application/json" class="up-filter-index">{inert_json(spec)}</script>',
        "</form>",
    ])


class FilterRenderer:
    """myst-nb mime renderer plugin for `FILTER_MIME` (see the module docstring)."""

    # Picked over the display's text/plain by every builder: the PDF must not print that line.
    mime_priority_overrides: ClassVar = (("*", FILTER_MIME, 1),)

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != FILTER_MIME or inline:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        # Not in the EPUB, whose format is "html" too: it runs no script.
        on_screen = addnodes.only(expr="html and not epub")
        on_screen += nodes.raw("", filter_html(spec), format="html")
        return [on_screen]


def add_filter_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if FILTER_MARKER in context.get("body", ""):
        app.add_js_file(FILTER_SCRIPT, loading_method="defer")
