"""The chapter notebooks as git keeps them: text outputs only, re-executed by `refresh`.

Stored outputs are what nbval compares a new run with, so a change of data that alters a published
number, table or chart description fails the tests until the outputs are refreshed. Only text is
kept: tables (Markdown and HTML), glued values and each chart's one-line description. What a build
can make (chart specs, plotly's JSON, images, a filter's index) is dropped, and so are timings and run-specific
metadata, so that a diff shows what changed for a reader and nothing else. Execution counts stay:
nbval runs only cells that have one. A fresh run numbers the cells 1, 2, 3 ... every time.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from unsigned_peace.charts.mime import CHART_MIME, PLOTLY_MIME
from unsigned_peace.mime import FILTER_MIME

TIMEOUT_S = 300
TEXT_MIME_TYPES = ("text/plain", "text/markdown", "text/html")
GLUE_PREFIX = "application/papermill.record/"
# Made by every run and dropped from what git keeps; nbval leaves them out of its comparison.
GENERATED_MIME_TYPES = (CHART_MIME, PLOTLY_MIME, FILTER_MIME)
NOTEBOOK_METADATA_KEPT = ("kernelspec",)


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
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
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
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as error:
            cell = next((i for i, c in enumerate(notebook.cells, start=1)
                         if any(o.get("output_type") == "error" for o in c.get("outputs", []))), "?")
            raise NotebookFailed(f"{path.relative_to(root)}, cell {cell}: {error.ename}: "
                                 f"{error.evalue.splitlines()[0] if error.evalue else ''}") from None
        path.write_text(nbformat.writes(strip_generated(notebook)) + "\n", encoding="utf-8")
        refreshed.append(path)
    return refreshed
