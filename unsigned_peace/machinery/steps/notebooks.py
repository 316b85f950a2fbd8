"""The chapter notebooks as git keeps them: text outputs only, re-executed by `refresh`.

Stored outputs are what nbval compares a new run with, so a change of data that alters a published
number, table or chart description fails the tests until the outputs are refreshed. Only text is
kept: tables (Markdown and HTML), glued values and each chart's one-line description. What a build
can make (chart specs, plotly's JSON, images, a filter's index) is dropped, and so are timings and run-specific
metadata, so that a diff shows what changed for a reader and nothing else. Execution counts stay:
nbval runs only cells that have one. A fresh run numbers the cells 1, 2, 3 ... every time.

What JupyterLab shows is set here too: a code cell the book hides (tag `hide-input`) is stored with
its input collapsed (`metadata.jupyter.source_hidden`, which JupyterLab honours), except the first
code cell, whose opening comment says what it loads and that it runs first. `refresh` also stores,
in each markdown cell, the results of its `{eval}` expressions from the values the notebook glued
(`metadata.user_expressions`, where jupyterlab-myst keeps them), so that the prose shows its numbers
in JupyterLab before a run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from unsigned_peace.charts.mime import CHART_MIME, PLOTLY_MIME
from unsigned_peace.machinery.shared.glue_keys import glue_reference
from unsigned_peace.mime import FILTER_MIME

TIMEOUT_S = 300
TEXT_MIME_TYPES = ("text/plain", "text/markdown", "text/html")
GLUE_PREFIX = "application/papermill.record/"
# Made by every run and dropped from what git keeps; nbval leaves them out of its comparison.
GENERATED_MIME_TYPES = (CHART_MIME, PLOTLY_MIME, FILTER_MIME)
NOTEBOOK_METADATA_KEPT = ("kernelspec",)
HIDDEN_IN_BOOK = "hide-input"
INLINE_EXPRESSION = re.compile(r"\{eval\}`([^`]+)`")


def chapter_notebooks(root: Path) -> list[Path]:
    return sorted((root / "chapters").glob("*.ipynb"))


def is_kept(mime_type: str) -> bool:
    if mime_type.startswith(GLUE_PREFIX):
        mime_type = mime_type[len(GLUE_PREFIX):]
    return mime_type in TEXT_MIME_TYPES


def strip_generated(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep text outputs only; drop timings and run-specific metadata."""
    notebook.metadata = nbformat.from_dict({key: notebook.metadata[key] for key in NOTEBOOK_METADATA_KEPT
                                            if key in notebook.metadata})
    first_code = next((cell for cell in notebook.cells if cell.cell_type == "code"), None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        collapse_like_the_book(cell, first=cell is first_code)
        kept = []
        for output in cell.outputs:
            if "data" in output:
                output.data = nbformat.from_dict({key: value for key, value in output.data.items() if is_kept(key)})
                output.metadata = nbformat.from_dict({key: value for key, value in output.get("metadata", {}).items()
                                                      if is_kept(key)})
                if not output.data:
                    continue
            kept.append(output)
        cell.outputs = kept
    return notebook


def collapse_like_the_book(cell: nbformat.NotebookNode, *, first: bool) -> None:
    """Collapse in JupyterLab the input of a code cell the book hides (the first code cell stays open)."""
    jupyter = cell.metadata.get("jupyter", {})
    jupyter.pop("source_hidden", None)
    if HIDDEN_IN_BOOK in cell.metadata.get("tags", []) and not first:
        jupyter["source_hidden"] = True
    if jupyter:
        cell.metadata["jupyter"] = jupyter
    else:
        cell.metadata.pop("jupyter", None)


def strip_files(paths: list[Path]) -> list[Path]:
    """Strip each notebook in place; returns those that changed."""
    changed = []
    for path in paths:
        before = path.read_text(encoding="utf-8")
        notebook = strip_generated(nbformat.reads(before, as_version=4))
        after = nbformat.writes(notebook) + "\n"
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed.append(path)
    return changed


class NotebookFailed(Exception):
    """A notebook raised an error while it was refreshed; the message says where, in one line."""


def refresh_outputs(root: Path) -> list[Path]:
    """Execute every chapter notebook and store its text outputs; a notebook that fails is left as it was."""
    refreshed = []
    for path in chapter_notebooks(root):
        notebook = execute_in_own_session(path, root)
        store_inline_results(notebook)
        path.write_text(nbformat.writes(strip_generated(notebook)) + "\n", encoding="utf-8")
        refreshed.append(path)
    return refreshed


def execute_in_own_session(path: Path, root: Path) -> nbformat.NotebookNode:
    """The notebook, executed by a process of its own, in a session of its own.

    nbclient, driving a kernel from this process, takes Ctrl-C as its own to handle and goes on waiting:
    `refresh` would never stop. The terminal's Ctrl-C reaches this process alone; it kills the executing
    process and its kernel, and the notebooks already refreshed stay as they are written.
    """
    with tempfile.TemporaryDirectory() as folder:
        executed, said = Path(folder) / path.name, Path(folder) / "failure.txt"
        # -P: the package is this command's, never a copy that happens to sit in the current folder.
        process = subprocess.Popen([sys.executable, "-P", "-m", __name__, str(path), str(root), str(executed),
                                    str(said)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait()
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        if process.returncode != 0 or not executed.is_file():
            failure = said.read_text(encoding="utf-8").strip() if said.is_file() else ""
            raise NotebookFailed(failure or f"{path.relative_to(root)}: its process ended with status "
                                            f"{process.returncode}")
        return nbformat.read(executed, as_version=4)


def execute_and_write(path: Path, root: Path, executed: Path, said: Path) -> int:
    """The executing process's side: run the notebook from its folder and write it to `executed` (0), or
    write the one line that says where it failed to `said` (1)."""
    # Here, not with the module: the commands that check the data start faster without nbclient.
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        cell = next((i for i, c in enumerate(notebook.cells, start=1)
                     if any(o.get("output_type") == "error" for o in c.get("outputs", []))), "?")
        said.write_text(f"{path.relative_to(root)}, cell {cell}: {error.ename}: "
                        f"{error.evalue.splitlines()[0] if error.evalue else ''}", encoding="utf-8")
        return 1
    nbformat.write(notebook, executed)
    return 0


def glued_values(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """The text of each value an executed notebook glued, by name."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get(GLUE_PREFIX + "text/plain")
            if name and text is not None:
                values[name] = text
    return values


def store_inline_results(notebook: nbformat.NotebookNode) -> None:
    """Give each markdown cell the results of its `{eval}` expressions, from the glued values, where
    jupyterlab-myst keeps them (`metadata.user_expressions`): the prose shows its numbers in JupyterLab
    before the notebook runs, as the book shows them."""
    from myst_nb.core.variables import format_plain_text

    values = glued_values(notebook)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        results = []
        for expression in dict.fromkeys(INLINE_EXPRESSION.findall(cell.source)):
            key, _, spec = glue_reference(expression).partition(":")
            if key not in values:
                continue
            text = values[key] if not spec else repr(format_plain_text(values[key], spec))
            results.append({"expression": expression,
                            "result": {"status": "ok", "data": {"text/plain": text}, "metadata": {}}})
        if results:
            cell.metadata["user_expressions"] = results
        else:
            cell.metadata.pop("user_expressions", None)


if __name__ == "__main__":
    sys.exit(execute_and_write(*(Path(argument) for argument in sys.argv[1:5])))
