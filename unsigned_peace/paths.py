"""Where the book's files live, found from wherever code is run."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "UNSIGNED_PEACE_DATA_DIR"
DESCRIPTOR_NAME = "datapackage.json"
# The checkout this package is installed from (editable, by scripts/setup.sh): its node_modules holds
# the JavaScript tools the build uses, whichever copy of the book is being built.
PACKAGE_CHECKOUT = Path(__file__).resolve().parent.parent


def project_root(start: Path | None = None) -> Path:
    """The book's root folder: the nearest folder at or above `start` holding `_config.yml` and `data/`.

    Notebooks run with their own folder as working directory (Jupyter and the book build both do),
    so the search walks upwards; the installed package's own location is the fallback.
    """
    candidates = [Path(start or Path.cwd()).resolve()]
    candidates.append(PACKAGE_CHECKOUT)
    for origin in candidates:
        for folder in (origin, *origin.parents):
            if (folder / "_config.yml").is_file() and (folder / "data" / DESCRIPTOR_NAME).is_file():
                return folder
    raise FileNotFoundError(
        "cannot find the book's root folder (one holding _config.yml and data/datapackage.json) "
        f"at or above {candidates[0]}"
    )


def data_dir(start: Path | None = None) -> Path:
    """The folder holding `datapackage.json` and the CSVs; `UNSIGNED_PEACE_DATA_DIR` overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).resolve()
    return project_root(start) / "data"


def figures_dir(start: Path | None = None) -> Path:
    """The folder where static images of every figure are written."""
    return project_root(start) / "figures"
