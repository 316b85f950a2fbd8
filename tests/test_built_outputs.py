"""nbval's comparison, with a build's run of a notebook as the fresh run (built_outputs.py), in a pytest
session of its own: the nbval internals it reaches (wiring/contacts.py lists them) are still there."""

import json

import nbformat

pytest_plugins = ["pytester"]

# The inner session's conftest: conftest.py's own wiring of nbval's notebooks to the build's run, with
# each notebook's run read from built.json (by the notebook's first cell) instead of a build's cache.
INNER_CONFTEST = """
import functools
import json
from pathlib import Path

import nbformat
from built_outputs import compare_with_build, run_cell

# Each code cell's outputs, as nbformat reads them from a build's cache.
RUNS = {source: [[nbformat.from_dict(output) for output in cell] for cell in cells] for source, cells
        in json.loads((Path(__file__).parent / "built.json").read_text(encoding="utf-8")).items()}
GENERATED = ("application/vnd.test.generated+json",)


def pytest_collection_modifyitems(session, config, items):
    for notebook in {item.parent for item in items}:
        notebook.skip_compare = (*notebook.skip_compare, *GENERATED)
        compare_with_build(notebook, lambda nb: RUNS.get(nb.cells[0].source))
    for item in items:
        if hasattr(item, "cell_num"):
            item.runtest = functools.partial(run_cell, item)
"""


def result(text: str, **extra) -> dict:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/plain": text, **extra}}


def notebook(source: str, stored: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, execution_count=1, outputs=[nbformat.from_dict(result(stored))])
    return nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                           "display_name": "Python 3"}})


def test_nbval_compares_the_stored_outputs_with_the_builds_run_and_reports_a_difference(pytester):
    pytester.makeconftest(INNER_CONFTEST)
    nbformat.write(notebook("1 + 1", "2"), pytester.path / "same.ipynb")
    nbformat.write(notebook("2 + 2", "4"), pytester.path / "changed.ipynb")
    (pytester.path / "built.json").write_text(json.dumps({
        # What a build makes and git does not keep is left out of the comparison.
        "1 + 1": [[result("2", **{"application/vnd.test.generated+json": {"spec": 1}})]],
        "2 + 2": [[result("5")]],
    }), encoding="utf-8")
    outcome = pytester.runpytest_inprocess("--nbval", "-p", "no:randomly", "-p", "no:cacheprovider")
    outcome.assert_outcomes(passed=1, failed=1)
    outcome.stdout.fnmatch_lines(["*changed.ipynb::Cell 0*", "*Cell outputs differ*"])
    assert "Kernel" not in outcome.stdout.str()  # no kernel started: every run came from "the build"
