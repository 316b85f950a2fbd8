import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
BUILD_FLAGS = ["-W", "-n", "--keep-going"]
IGNORED = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".ipynb_checkpoints", "*.egg-info",
                                 "node_modules")
CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as root needs --no-sandbox; the rest stop it from reaching for the network itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def copy_of_book(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    return destination


def build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([JUPYTER_BOOK, "build", str(book), *BUILD_FLAGS],
                          capture_output=True, text=True, timeout=900)


def build_ok(book: Path) -> Path:
    """Build a copy of the book; fail with the end of the build log if the build fails."""
    result = build(book)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return book / "_build" / "html"


@pytest.fixture(scope="session")
def built_html(tmp_path_factory) -> Path:
    """The book built once per test session, from a copy of this checkout."""
    return build_ok(copy_of_book(tmp_path_factory.mktemp("book") / "book"))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, never a downloaded one) for every browser test of the session."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
