"""A notebook's outputs keep the text the data wrote: no "smart" quotes in them, while the prose has its own."""

import html
import re

import nbformat
from tiny_projects import add_transform, notebook, tiny_build

from unsigned_peace.machinery.wiring.theme import OutputsAsWritten

QUOTED = 'the note reads "as agreed" in 1956'
CURLY = QUOTED.replace('"as agreed"', "\u201cas agreed\u201d")


def test_quotes_in_an_output_stay_as_written_and_the_prose_gets_curly_ones(tmp_path):
    chapter = notebook(
        nbformat.v4.new_markdown_cell(f"# Sources\n\nIn the prose, {QUOTED}."),
        nbformat.v4.new_code_cell("show(note)", outputs=[
            nbformat.v4.new_output("display_data", data={"text/markdown": f"In the output, {QUOTED}."})]),
    )
    built = tiny_build(tmp_path, {"index": chapter}, lambda app: add_transform(app, OutputsAsWritten),
                       extensions=("myst_nb",), nb_execution_mode="off")
    assert built.warnings == ""
    text = html.unescape(re.sub(r"<[^>]+>", "", built.output("index.html")))
    assert f"In the output, {QUOTED}." in text
    assert f"In the prose, {CURLY}." in text
