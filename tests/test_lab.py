"""The chapters in JupyterLab, as `make lab` opens them: run in Chromium (lab_checks.py, started by
conftest.py in the background), and the settings that make them read like the book."""

import nbformat
import pytest
from conftest import LAB_BROKEN, LAB_CHAPTERS, ROOT

from unsigned_peace.machinery.commands.lab import FIRST_CELL_HINT, explain_name_error, lab_command, lab_environment
from unsigned_peace.machinery.shared.glue_keys import NotAGluedExpression, glue_reference
from unsigned_peace.machinery.steps.notebooks import chapter_notebooks, store_inline_results, strip_generated


@pytest.mark.parametrize("chapter", LAB_CHAPTERS)
def test_a_chapter_run_in_jupyterlab_shows_no_error_every_chart_live_and_no_raw_markup(lab_run, chapter):
    report = lab_run[chapter]
    assert report["errors"] == []
    assert report["charts"] > 0
    assert report["live"] == report["charts"], "a chart is not drawn live at the notebook's width"
    assert report["tooltips"] > 0 and report["tooltips_outside"] == [], "a tooltip runs past its chart"
    assert report["prose_cells"] == report["markdown_cells"] > 0, "prose not rendered by jupyterlab-myst"
    assert report["raw"] == [], f"MyST markup left raw in the prose: {report['raw']}"
    assert report["unresolved"] == [], f"references JupyterLab cannot resolve: {report['unresolved']}"
    assert report["failed"] == [], f"inline expressions that failed: {report['failed']}"
    assert report["outside"] == [], "JupyterLab reached for the network"
    assert report["last_cell_run_first"].startswith("NameError: ")
    assert report["last_cell_run_first"].endswith(FIRST_CELL_HINT), "a cell run too early gives a bare NameError"


def test_the_jupyterlab_check_reports_raw_roles_failed_expressions_unresolved_references_and_errors(lab_run):
    report = lab_run[LAB_BROKEN]
    assert report["errors"] == ["ZeroDivisionError: division by zero"]
    assert report["raw"] == ["{glue:text}`", "{numref}`"]
    assert report["unresolved"] == ["fig-nowhere"]
    # Shown as its code (never evaluated) or with its NameError (evaluated): either way, reported once.
    assert len(report["failed"]) == 1 and "no_such_name" in report["failed"][0], report["failed"]


def test_inline_expressions_name_glued_values_with_their_format():
    assert glue_reference("claims_total") == "claims_total"
    assert glue_reference("in_words['needs nuance']") == "in_words['needs nuance']"
    assert glue_reference('f"{population[\'kunashir\']:,}"') == "population['kunashir']:,"
    assert glue_reference("f'{share:.0%}'") == "share:.0%"
    for wrong in ('f"about {total:,} people"', "total +", "a[1:2]"):
        with pytest.raises(NotAGluedExpression):
            glue_reference(wrong)


def test_every_inline_expression_in_the_prose_is_one_the_book_resolves():
    """Each `{eval}` names a value its notebook glues (a build with an unglued name fails on its warning)."""
    import re

    for path in chapter_notebooks(ROOT):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                for expression in re.findall(r"\{eval\}`([^`]+)`", cell.source):
                    glue_reference(expression)
        assert "{glue:" not in path.read_text(encoding="utf-8"), f"{path.name}: JupyterLab cannot show glue roles"


def test_refresh_stores_the_prose_numbers_where_jupyterlab_myst_shows_them_before_a_run():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("glue(...)")
    code.outputs = [nbformat.v4.new_output("display_data", data={"application/papermill.record/text/plain": text},
                                           metadata={"scrapbook": {"name": name}})
                    for name, text in (("total", "18010"), ("words['few']", "three"))]
    prose = nbformat.v4.new_markdown_cell("About {eval}`f\"{total:,}\"` people, {eval}`words['few']` islands.")
    notebook.cells = [code, prose, nbformat.v4.new_markdown_cell("No numbers.")]
    store_inline_results(notebook)
    assert [(item["expression"], item["result"]["data"]["text/plain"]) for item in prose.metadata["user_expressions"]] \
        == [('f"{total:,}"', "'18,010'"), ("words['few']", "three")]
    assert "user_expressions" not in notebook.cells[2].metadata


def test_the_book_hides_code_that_jupyterlab_collapses_but_the_first_cell_stays_open():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("# Run this cell first", metadata={"tags": ["hide-input"]}),
                      nbformat.v4.new_code_cell("chart()", metadata={"tags": ["hide-input"]}),
                      nbformat.v4.new_code_cell("shown()")]
    cells = strip_generated(notebook).cells
    assert "jupyter" not in cells[0].metadata
    assert cells[1].metadata["jupyter"] == {"source_hidden": True}
    assert "jupyter" not in cells[2].metadata
    for path in chapter_notebooks(ROOT):
        first = next(cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        assert first.source.startswith("# Run this cell first: it loads "), path.name


def test_a_later_cell_run_first_says_to_run_the_first_cell():
    shown = []

    class Shell:
        def __init__(self, names):
            self.user_ns = names

        def showtraceback(self, exc_tuple, tb_offset=None):
            shown.append(str(exc_tuple[1]))

    explain_name_error(Shell({}), NameError, NameError("name 'data' is not defined"), None)
    assert shown == [f"name 'data' is not defined: {FIRST_CELL_HINT}"]
    explain_name_error(Shell({"load_data": object()}), NameError, NameError("name 'typo' is not defined"), None)
    assert shown[-1] == "name 'typo' is not defined"


def test_make_lab_starts_jupyterlab_on_the_chapters_as_root_or_not():
    command = lab_command(ROOT, ["--no-browser"])
    assert command[1:4] == ["-m", "jupyterlab", "--allow-root"]
    assert f"--ServerApp.root_dir={ROOT / 'chapters'}" in command
    assert lab_environment({})["PYTHONSTARTUP"].endswith("lab_startup.py")
