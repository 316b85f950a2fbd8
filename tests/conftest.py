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


class PendingBuild:
    """A build of a copy of the book, running in the background until `html()` is asked for."""

    def __init__(self, book: Path) -> None:
        self.book = book
        self.process = subprocess.Popen([JUPYTER_BOOK, "build", str(book), *BUILD_FLAGS],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.result: Path | None = None

    def html(self) -> Path:
        """The built HTML folder; fails with the end of the build log if the build failed."""
        if self.result is None:
            stdout, stderr = self.process.communicate(timeout=900)
            assert self.process.returncode == 0, stdout[-4000:] + stderr[-4000:]
            self.result = self.book / "_build" / "html"
        return self.result

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


# Text from the data meant to run if it ever reached a page as markup (see test_hostile_data.py).
HOSTILE = {
    "script": '<script>window.upPwned = "script"; alert("script")</script>',
    "image": "<img src=x onerror=\"window.upPwned = 'image'; alert('image')\">",
    "attribute": '"><b class="up-injected">bold</b>',
}


def make_hostile(book: Path) -> Path:
    """Put the hostile texts into a book copy's data: the titles and summaries of events the first
    chapter shows (those in the article), and the names of a source each of them cites."""
    events, sources = book / "data" / "events.csv", book / "data" / "sources.csv"
    event_rows = read_rows(events)
    column = {name: index for index, name in enumerate(event_rows[0])}
    shown = [i for i, row in enumerate(event_rows) if i and row[column["in_article"]] == "true"]
    source_ids = [row[0] for row in read_rows(sources)]
    cited = event_rows[shown[0]][column["source_ids"]].split(";")[0]
    for row, payload in zip(shown, HOSTILE.values()):
        set_cell(events, row, "title", payload)
        set_cell(events, row, "summary", f"Summary {row}: {payload}")
        set_cell(events, row, "source_ids", cited)
    source_row = source_ids.index(cited)
    set_cell(sources, source_row, "publisher", HOSTILE["attribute"])
    set_cell(sources, source_row, "title", HOSTILE["image"])
    return book


def only_first_chapter(book: Path) -> Path:
    """Keep the first chapter and the back matter in the table of contents: the rest need not run."""
    chapters = "".join(f"  - file: chapters/{name}\n" for name in ("01-article", "chronology", "glossary", "bibliography"))
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: chapters/intro\nchapters:\n{chapters}", encoding="utf-8")
    return book


BUILDS = {
    "built_html": lambda folder: copy_of_book(folder / "book"),
    # The hostile texts are checked on the first chapter, which shows them all.
    "hostile_html": lambda folder: only_first_chapter(make_hostile(copy_of_book(folder / "book"))),
}


@pytest.fixture(scope="session")
def builds(request, tmp_path_factory):
    """Every book build the collected tests need, started together: they run side by side, once each."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    pending: dict[str, PendingBuild] = {}

    def start(name: str) -> PendingBuild:
        if name not in pending:
            pending[name] = PendingBuild(BUILDS[name](tmp_path_factory.mktemp(name)))
        return pending[name]

    for name in BUILDS.keys() & wanted:
        start(name)
    yield start
    for build_ in pending.values():
        build_.stop()


@pytest.fixture(scope="session")
def built_html(builds) -> Path:
    """The book built once per test session, from a copy of this checkout."""
    return builds("built_html").html()


@pytest.fixture(scope="session")
def hostile_html(builds) -> Path:
    """The book built from a copy of the data whose texts are markup meant to run."""
    return builds("hostile_html").html()


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
