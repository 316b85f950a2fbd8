import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the book's data folder, laid out as in the book (root/data)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row_index: int, column: str, value: str) -> None:
    """Change one cell; row_index 1 is the first data row (line 2 of the file)."""
    rows = read_rows(path)
    rows[row_index][rows[0].index(column)] = value
    write_rows(path, rows)
