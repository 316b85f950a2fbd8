"""Re-execute the chapter notebooks and store their outputs, as nbval later compares them."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

TIMEOUT_S = 300


def chapter_notebooks(root: Path) -> list[Path]:
    return sorted((root / "chapters").glob("*.ipynb"))


def refresh_outputs(root: Path) -> list[Path]:
    refreshed = []
    for path in chapter_notebooks(root):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
        nbformat.write(notebook, path)
        refreshed.append(path)
    return refreshed
