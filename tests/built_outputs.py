"""nbval's comparison, with the session's book build as the fresh run of each chapter notebook.

nbval compares the outputs git keeps in each code cell with those of a new run of the notebook. The
session's build of the book (`built_html` in conftest.py, a copy of this checkout) runs every chapter
with the current data and code, in a kernel of this environment, and stores what each cell showed in
its execution cache; running them all again in nbval's own kernel would repeat that run. So when the
session builds the book, each cell's stored outputs are compared, as nbval compares them, with that
run's, found in the cache by the notebook's code as the build itself finds them. nbval's kernel runs a
notebook as before when the build has no run of it: no book build in the session, a build that failed
(a cell that raises leaves no run in the cache) or a notebook with nbval's own cell options.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import IPyNbCell, coalesce_streams

# The cell options nbval reads from comments and tags; a cell with none of them is simply compared.
DEFAULT_OPTIONS = {"check"}


def compare_with_build(notebook: pytest.File, built_run: Callable[[nbformat.NotebookNode], list | None]) -> None:
    """Compare `notebook`'s cells with the outputs `built_run` finds for it (a list per code cell), or
    run it in nbval's kernel when it finds none."""
    start_kernel = notebook.setup

    def setup() -> None:
        cells = [item for item in notebook.session.items if item.parent is notebook]
        options = {name for cell in cells for name, value in cell.options.items() if value}
        outputs = built_run(notebook.nb) if options <= DEFAULT_OPTIONS else None
        if outputs is None:
            start_kernel()
        notebook.built_outputs = outputs

    notebook.setup = setup


def run_cell(cell: IPyNbCell) -> None:
    """nbval's check of one cell against the build's run of it (as IPyNbCell.runtest checks a kernel's)."""
    outputs = getattr(cell.parent, "built_outputs", None)
    if outputs is None:
        IPyNbCell.runtest(cell)
        return
    unrun = cell.cell.execution_count is None
    if unrun and cell.cell.outputs:
        cell.raise_cell_error("Unrun reference cell has outputs")
    fresh = coalesce_streams(copy.deepcopy(outputs[cell.cell_num]))
    if cell.options["check"] and not unrun and not cell.compare_outputs(fresh, coalesce_streams(cell.cell.outputs)):
        cell.raise_cell_error("Cell outputs differ", "\n".join(cell.comparison_traceback))


def cached_outputs(cache_folder: Path, notebook: nbformat.NotebookNode) -> list | None:
    """The outputs of each code cell of the run of `notebook` in a build's execution cache, if it holds one."""
    from jupyter_cache import get_cache

    if not cache_folder.is_dir():
        return None
    try:
        record = get_cache(str(cache_folder)).match_cache_notebook(notebook)
    except KeyError:
        return None
    # Read from the file, not through the cache, which would record the access in the database that a
    # build may be writing at the same moment.
    executed = nbformat.read(cache_folder / "executed" / record.hashkey / "base.ipynb", as_version=4)
    return [cell.outputs for cell in executed.cells if cell.cell_type == "code"]
