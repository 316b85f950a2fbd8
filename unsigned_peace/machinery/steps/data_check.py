"""The check every command runs before it reads the data: the data package itself, and the tables the
book's notebooks name. Each problem is one plain line (file, line, column, what to do); the command
that ran the check then prints those lines, says it stopped, and exits, with no traceback.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from unsigned_peace.machinery.steps.execution import UnreadableNotebook, tables_named
from unsigned_peace.paths import DESCRIPTOR_NAME, data_dir, pin_data_dir
from unsigned_peace.problems import DataFolderError, DataValidationError, Problem
from unsigned_peace.schema import descriptor as read_descriptor
from unsigned_peace.validation import validate_package


def notebook_problems(notebooks: list[Path], folder: Path, root: Path) -> list[Problem]:
    """A notebook that names, in `load_data(...)`, a table the data package does not declare."""
    try:
        descriptor = read_descriptor(folder)
        declared = {resource.get("name") for resource in descriptor.get("resources", [])}
    except (OSError, ValueError, AttributeError):
        return []  # the descriptor's own problems are reported by the package check
    problems = []
    for path in notebooks:
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as error:  # nbformat raises its own errors, and JSON's, OS and Unicode ones
            problems.append(Problem(_shown(path, root), None, None,
                                    f"the notebook cannot be read ({type(error).__name__}: the file is cut short, "
                                    "or not a notebook); restore it, e.g. with git checkout"))
            continue
        try:
            named = tables_named(notebook)
        except UnreadableNotebook:
            continue
        for table in sorted((named or set()) - declared):
            problems.append(Problem(_shown(path, root), None, None,
                                    f'load_data(...) names the table "{table}", which {DESCRIPTOR_NAME} does not '
                                    f"declare: add the resource, or correct the name"))
    return problems


def book_problems(root: Path, notebooks: list[Path]) -> list[Problem]:
    """Every problem of the book's data and of the tables its notebooks read (empty: all is well)."""
    pin_data_dir()
    try:
        folder = data_dir(root)
    except DataFolderError as error:
        return list(error.problems)
    try:
        validate_package(folder, display_root=root)
        problems = []
    except DataValidationError as error:
        problems = list(error.problems)
    return problems + notebook_problems(notebooks, folder, root)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
