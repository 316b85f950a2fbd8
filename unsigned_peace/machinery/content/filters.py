"""How a table's filter a notebook displays becomes part of the book (a myst-nb mime renderer plugin).

`EventFilter` (unsigned_peace.chronology) displays as `FILTER_MIME`: the index of the table's rows by
the values a reader can filter on, and each filter's choices with their labels. `FilterRenderer`,
registered under myst-nb's public `myst_nb.mime_renderers` entry point in pyproject.toml, turns it into
a form in the HTML book: a labelled select per filter, a search field for words, a button that clears
them and a live count of the rows shown, with the index as inert JSON in its compact form (`page_index`).
The shipped script `unsigned-peace-filter.js`, loaded (deferred) on pages that hold a filter, does the
filtering; the form stays hidden until it runs. Other builders (the PDF) show nothing: a printed table has no filter.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import ClassVar

from babel.numbers import format_decimal
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from unsigned_peace.escape import for_html, inert_json
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.content.translation import edition_language
from unsigned_peace.machinery.shared.interface import N_, Texts, english, fill, interface_texts
from unsigned_peace.mime import FILTER_MIME

FILTER_MARKER = "data-up-filter"
FILTER_SCRIPT = "unsigned-peace-filter.js"


CLEAR = N_("Clear filters")
FORM_LABEL = N_("Filter the {noun}")
# The same words as the filter script's count (unsigned-peace-filter.js), which takes over once it runs.
SHOWING_ALL = N_("Showing all {total} {noun}")


def page_index(spec: dict) -> dict:
    """The index as the page carries it: each row's id and, per filter in the form's order, the positions of
    its values among that filter's choices (the select's options after the first, "All ..."). The choices'
    values and labels are in the selects already; writing them once per row made the chronology's index
    three times as heavy, and a page's weight is what a reader on a slow connection waits for."""
    positions = [{choice["value"]: place for place, choice in enumerate(field["choices"])} for field in spec["fields"]]
    return {
        "noun": spec["noun"],
        "text": spec["text"],
        "fields": [field["name"] for field in spec["fields"]],
        "rows": [[row["id"], *([places[value] for value in row[field["name"]]]
                               for places, field in zip(positions, spec["fields"]))] for row in spec["rows"]],
    }


def filter_html(spec: dict, texts: Texts = english, language: str = SOURCE_LANGUAGE) -> str:
    """The filter's form, with the book's words in the edition's language (`texts`); its element ids come from
    a digest of the index, so a build is reproducible."""
    prefix = "up-filter-" + hashlib.sha1(inert_json(spec).encode("utf-8")).hexdigest()[:8]
    noun, total = spec["noun"], len(spec["rows"])
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
    controls.append(f'<button type="button" class="up-filter-clear">{for_html(texts(CLEAR))}</button>')
    ids = " ".join(f"{prefix}-{field['name']}" for field in spec["fields"]) + f" {words}"
    return "\n".join([
        f'<form class="up-filter" id="{prefix}" {FILTER_MARKER} hidden '
        f'aria-label="{for_html(fill(texts(FORM_LABEL), noun=noun))}">',
        f'<div class="up-filter-fields">{"".join(controls)}</div>',
        f'<output class="up-filter-count" for="{ids}" aria-live="polite">'
        f'{for_html(fill(texts(SHOWING_ALL), total=format_decimal(total, locale=language), noun=noun))}</output>',
        f'<script type="application/json" class="up-filter-index">{inert_json(page_index(spec))}</script>',
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
        env = renderer.renderer.sphinx_env
        language = edition_language(env.config)
        texts = interface_texts(Path(env.srcdir), language)
        on_screen += nodes.raw("", filter_html(spec, texts, language), format="html")
        return [on_screen]


def add_filter_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if FILTER_MARKER in context.get("body", ""):
        app.add_js_file(FILTER_SCRIPT, loading_method="defer")
