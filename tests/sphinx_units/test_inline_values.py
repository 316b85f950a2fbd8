"""`{eval}` in a notebook's prose becomes the value its code glued under the expression's text."""

import re

import nbformat
from tiny_projects import notebook, tiny_build

from unsigned_peace.machinery.content.inline_values import eval_role

CLAIMS_TOTAL = 23
POPULATION = {"kunashir": 8_600, "iturup": 6_400}


def glued(key: str, value) -> dict:
    """A display output as myst-nb's `glue(key, value, display=False)` stores it."""
    return nbformat.v4.new_output("display_data", data={"text/plain": repr(value)},
                                  metadata={"scrapbook": {"name": key, "mime_prefix": ""}})


def chapter(prose: str) -> nbformat.NotebookNode:
    code = nbformat.v4.new_code_cell("glue(...)", outputs=[
        glued("claims_total", CLAIMS_TOTAL),
        *(glued(f"population['{island}']", people) for island, people in POPULATION.items()),
    ])
    return notebook(nbformat.v4.new_markdown_cell("# Counts"), code, nbformat.v4.new_markdown_cell(prose))


def build_chapter(tmp_path, prose: str):
    return tiny_build(tmp_path, {"index": chapter(prose)},
                      lambda app: app.add_role("eval", eval_role, override=True),
                      extensions=("myst_nb",), nb_execution_mode="off")


def page_text(built) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", built.output("index.html")))


def test_eval_shows_the_value_glued_under_the_expression_and_formats_it(tmp_path):
    built = build_chapter(tmp_path, "There are {eval}`claims_total` claims; Kunashir has "
                                      """{eval}`f"{population['kunashir']:,}"` people.""")
    assert built.warnings == ""
    assert f"There are {CLAIMS_TOTAL} claims; Kunashir has {POPULATION['kunashir']:,} people." in page_text(built)


def test_eval_of_an_expression_no_glued_value_can_answer_is_an_error_naming_it(tmp_path):
    built = build_chapter(tmp_path, """Both: {eval}`f"{claims_total} and {claims_total}"`.""")
    assert "{eval}:" in built.warnings
    assert "an f-string here holds one expression and its format" in built.warnings
    assert f"Both: {CLAIMS_TOTAL} and" not in page_text(built)


def test_eval_of_a_name_nothing_glued_is_a_warning_not_a_value(tmp_path):
    built = build_chapter(tmp_path, "Islands: {eval}`island_count`.")
    assert "island_count" in built.warnings
