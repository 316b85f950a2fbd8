"""Where the book's files live, found from wherever code is run."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "UNSIGNED_PEACE_DATA_DIR"
DESCRIPTOR_NAME = "datapackage.json"
BOOK_MARKER = "_config.yml"
# The checkout this package is installed from (editable, by scripts/setup.sh): its node_modules holds
# the JavaScript tools the build uses, whichever copy of the book is being built.
PACKAGE_CHECKOUT = Path(__file__).resolve().parent.parent


def project_root(start: Path | None = None) -> Path:
    """The book's root folder: the nearest folder at or above `start` (the current directory) holding
    `_config.yml`.

    Notebooks run with their own folder as working directory (Jupyter and the book build both do), so
    the search walks upwards. It never falls back to another copy of the book (the checkout this
    package was installed from, say): the data is always that of the book being worked on, and a copy
    whose data is missing says so.
    """
    origin = Path(start or Path.cwd()).resolve()
    for folder in (origin, *origin.parents):
        if (folder / BOOK_MARKER).is_file():
            return folder
    from unsigned_peace.problems import BookNotFoundError

    raise BookNotFoundError(str(origin), BOOK_MARKER)


def data_dir(start: Path | None = None) -> Path:
    """The folder holding `datapackage.json` and the CSVs; `UNSIGNED_PEACE_DATA_DIR` overrides it.

    A relative `UNSIGNED_PEACE_DATA_DIR` is taken from the current directory, as every tool takes a
    relative path; the book's build and command line make it absolute before they start kernels,
    which run in the notebook's own folder (see `pin_data_dir`).
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override).expanduser().resolve()
        if not (folder / DESCRIPTOR_NAME).is_file():
            from unsigned_peace.problems import DataFolderError

            raise DataFolderError(override, DESCRIPTOR_NAME)
        return folder
    return project_root(start) / "data"


def pin_data_dir() -> None:
    """Make a relative `UNSIGNED_PEACE_DATA_DIR` absolute, from this process's current directory, so that
    the kernels this process starts read the folder the user meant."""
    override = os.environ.get(DATA_DIR_ENV)
    if override and not Path(override).is_absolute():
        os.environ[DATA_DIR_ENV] = str(Path(override).expanduser().resolve())


def figures_dir(start: Path | None = None) -> Path:
    """The folder where static images of every figure are written."""
    return project_root(start) / "figures"
