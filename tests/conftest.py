import csv
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from browser_checks import CHROMIUM, CHROMIUM_ARGS
from built_outputs import cached_outputs, compare_with_build, run_cell

from unsigned_peace.language import translated_languages
from unsigned_peace.machinery.content.charts import live_spec
from unsigned_peace.machinery.shared.translations import published_editions
from unsigned_peace.machinery.steps.notebooks import GENERATED_MIME_TYPES
from unsigned_peace.translations import FOLDER as TRANSLATIONS_FOLDER
from unsigned_peace.validation import VALIDATED_ENV, data_digest, find_problems, validate_package

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
PDF_SCRIPT = ROOT / "scripts" / "pdf.sh"
EPUB_SCRIPT = ROOT / "scripts" / "epub.sh"
# The translated editions the book publishes (unsigned_peace/language.py), whose catalogs are complete.
EDITIONS = published_editions()
# The built_html book's steps: the PDF (which executes every notebook), the HTML book, the translated editions
# beside it (once one is published), the EPUB (which reuses the HTML build's executed notebooks and drawn
# pictures), then every page in a browser, the editions' too.
EXECUTED_AFTER, HTML_AFTER = 1, 2 + (1 if EDITIONS else 0)
EPUB_AFTER = HTML_AFTER + 1
BUILD_FLAGS = ["-W", "-n", "--keep-going"]
# Generated images (figures/*.png) stay behind too: a build must write its own.
IGNORED = shutil.ignore_patterns(".venv", ".venv-lab", "_build", ".git", "__pycache__", ".ipynb_checkpoints",
                                 "*.egg-info", "node_modules", ".pytest_cache", ".hypothesis", "*.png", "fig-*.pdf")
BROWSER_CHECKS = Path(__file__).resolve().parent / "browser_checks.py"
LAB_CHECKS = Path(__file__).resolve().parent / "lab_checks.py"
# The chapters test_lab.py runs in JupyterLab: the first (a timeline, tables, words and numbers in the
# prose) and the islands (a map, three charts, formatted numbers).
LAB_CHAPTERS = ("01-article.ipynb", "02-islands.ipynb")
# A notebook of what the check must catch, and nothing else to run: roles JupyterLab cannot render, an
# expression that fails, a reference with no target and a cell that raises.
LAB_BROKEN = "lab-broken.ipynb"

# The book's data, validated once for the session, as a build does: the kernels nbval starts inherit its
# digest and skip validating the same bytes again (other bytes are always validated).
validate_package(DATA)
os.environ[VALIDATED_ENV] = data_digest(DATA)
BUILD_ENV = dict(os.environ)


def copy_of_book(destination: Path) -> Path:
    """A copy of the book without build output, environment or generated images."""
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    return destination


def build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run(html_build_step(book), env=BUILD_ENV, capture_output=True, text=True, timeout=900)


class PendingBuild:
    """Commands run one after another in the background, in a copy of the book.

    Started when the session starts, so builds overlap with the tests that need none. `wait(n)` blocks
    until the first n commands (all, by default) are done and fails with the end of the log of the
    command that failed; the HTML book is ready once the command numbered `html_after` is done.
    """

    def __init__(self, book: Path, steps: list[list], *, html_after: int = 1, env: dict[str, str] = BUILD_ENV,
                 expect_failure: bool = False) -> None:
        self.book = book
        self.expect_failure = expect_failure
        self.env = env
        self.html_after = html_after
        self.steps = [[str(part) for part in step] for step in steps]
        self.results: list[subprocess.CompletedProcess] = []
        self.error: str | None = None
        self._process: subprocess.Popen | None = None
        self._stopped = False
        self._progress = threading.Condition()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        try:
            for step in self.steps:
                if self._stopped:
                    break
                self._process = subprocess.Popen(step, cwd=self.book, env=self.env, stdout=subprocess.PIPE,
                                                 stderr=subprocess.PIPE, text=True)
                stdout, stderr = self._process.communicate(timeout=1800)
                with self._progress:
                    self.results.append(subprocess.CompletedProcess(step, self._process.returncode, stdout, stderr))
                    if (self._process.returncode != 0) != self.expect_failure:
                        outcome = "succeeded, though it should have failed" if self.expect_failure else "failed"
                        self.error = f"{' '.join(step)} {outcome}:\n{stdout[-4000:]}{stderr[-4000:]}"
                        break
                    self._progress.notify_all()
        except Exception as error:  # reported by wait(), in the test that needs the build
            self.error = f"{type(error).__name__}: {error}"
        with self._progress:
            self._stopped = True
            self._progress.notify_all()

    def wait(self, steps: int | None = None) -> list[subprocess.CompletedProcess]:
        wanted = len(self.steps) if steps is None else steps
        with self._progress:
            finished = self._progress.wait_for(lambda: self.error or self._stopped or len(self.results) >= wanted,
                                               timeout=1800)
        assert finished, "the build did not finish in 30 minutes"
        assert self.error is None, self.error
        assert len(self.results) >= wanted, "the build was stopped"
        return self.results

    @property
    def finished(self) -> bool:
        """Whether every command ran, and as expected."""
        return self.error is None and len(self.results) == len(self.steps)

    def html(self) -> Path:
        self.wait(self.html_after)
        return self.book / "_build" / "html"

    def stop(self) -> None:
        self._stopped = True
        if self._process is not None and self._process.poll() is None:
            self._process.kill()


def html_build_step(book: Path) -> list[str]:
    return [JUPYTER_BOOK, "build", str(book), *BUILD_FLAGS]


def editions_build_step() -> list[str]:
    """The published translated editions, built as scripts/build.sh builds them, into the book's _build/html/."""
    return [sys.executable, "-m", "unsigned_peace", "editions", "build"]


def browser_check_step(book: Path) -> list[str]:
    return [sys.executable, str(BROWSER_CHECKS), str(book / "_build" / "html"), str(browser_reports(book))]


def browser_reports(book: Path) -> Path:
    return book / "_build" / "browser-reports.json"


def lab_report(book: Path) -> Path:
    return book / "lab-report.json"


def with_unreadable_chapter(book: Path) -> Path:
    import nbformat

    chapter = nbformat.read(book / "chapters" / LAB_CHAPTERS[0], as_version=4)
    notebook = nbformat.v4.new_notebook(metadata=chapter.metadata)
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Not a chapter"),
        nbformat.v4.new_markdown_cell(
            "Left raw: {glue:text}`article_event_count`, {numref}`fig-nowhere` and {eval}`no_such_name`."),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nbformat.write(notebook, book / "chapters" / LAB_BROKEN)
    return book


# Text from the data meant to run if it ever reached a page as markup (see test_hostile_data.py).
HOSTILE = {
    "script": '<script>window.upPwned = "script"; alert("script")</script>',
    "image": "<img src=x onerror=\"window.upPwned = 'image'; alert('image')\">",
    "attribute": '"><b class="up-injected">bold</b>',
}
# An address the data check accepts (every character may stand in a web address) that would end a
# Markdown link early and leave the rest to be read as text and markup if written into one unescaped.
HOSTILE_ADDRESS = "https://example.org/x)'onmouseover='window.upPwned=1'[*b*](javascript:alert(1))"


def make_hostile(book: Path) -> Path:
    """Put the hostile texts into a book copy's data: the titles and summaries of events the first
    chapter shows (those in the article), and the names and address of a source each of them cites.
    Each edition's translation of those titles and summaries is hostile too (`hostile_translation`),
    written to the new English, as a translator renewing them would: the data check holds it, and an
    edition built from this data shows the translated markup where the English shows its own."""
    events, sources = book / "data" / "events.csv", book / "data" / "sources.csv"
    event_rows = read_rows(events)
    column = {name: index for index, name in enumerate(event_rows[0])}
    shown = [i for i, row in enumerate(event_rows) if i and row[column["in_article"]] == "true"]
    source_ids = [row[0] for row in read_rows(sources)]
    cited = event_rows[shown[0]][column["source_ids"]].split(";")[0]
    hostile_cells = {}
    for row, payload in zip(shown, HOSTILE.values()):
        event_id = event_rows[row][column["event_id"]]
        hostile_cells[event_id, "title"] = payload
        hostile_cells[event_id, "summary"] = f"Summary {row}: {payload}"
        set_cell(events, row, "title", hostile_cells[event_id, "title"])
        set_cell(events, row, "summary", hostile_cells[event_id, "summary"])
        set_cell(events, row, "source_ids", cited)
    for language, path in translation_files(book / "data", "events"):
        rows = read_rows(path)
        place = {name: index for index, name in enumerate(rows[0])}
        for row in rows[1:]:
            english = hostile_cells.get((row[place["event_id"]], row[place["column"]]))
            if english is not None:
                row[place["en"]], row[place["text"]] = english, hostile_translation(language, english)
        write_rows(path, rows)
    source_row = source_ids.index(cited)
    set_cell(sources, source_row, "publisher", HOSTILE["attribute"])
    set_cell(sources, source_row, "title", HOSTILE["image"])
    set_cell(sources, source_row, "url", HOSTILE_ADDRESS)
    return book


def hostile_translation(language: str, english: str) -> str:
    """An edition's translation of a hostile English cell: the same markup, marked with the language."""
    return f"[{language}] {english}"


def translation_files(data: Path, resource_name: str) -> list[tuple[str, Path]]:
    """Each translated language with its translations of a table of a data folder."""
    folder = data / TRANSLATIONS_FOLDER
    return [(language, folder / language / f"{resource_name}.csv") for language in translated_languages()
            if (folder / language / f"{resource_name}.csv").is_file()]


def translations_of_cell(data: Path, resource_name: str, row_index: int, column: str) -> list[tuple[str, Path, int]]:
    """Where each edition translates one cell of a table (row_index 1 is its first data row): the language,
    the translation table and the row's index there, as the data holds them."""
    rows = read_rows(data / f"{resource_name}.csv")
    found = []
    for language, path in translation_files(data, resource_name):
        translated = read_rows(path)
        keys = [name for name in translated[0] if name not in ("column", "en", "text")]
        key = [rows[row_index][rows[0].index(name)] for name in keys]
        place = translated[0].index("column")
        found += [(language, path, index) for index, row in enumerate(translated)
                  if index and row[place] == column and [row[translated[0].index(name)] for name in keys] == key]
    return found


def renew_translations(data: Path, resource_name: str, row_index: int, column: str) -> None:
    """After an English cell is changed, copy its new English into each translation of it (`en`), as the
    translator who renews its `text` does; the text itself is left as it was."""
    english = read_rows(data / f"{resource_name}.csv")
    value = english[row_index][english[0].index(column)]
    for _language, path, index in translations_of_cell(data, resource_name, row_index, column):
        set_cell(path, index, "en", value)


def only_pages(book: Path, *pages: str) -> Path:
    """A book of these chapters alone, under a root page that links to nothing else: the rest need not run."""
    (book / "chapters" / "intro.md").write_text("# The Unsigned Peace\n\nA part of the book.\n", encoding="utf-8")
    chapters = "".join(f"  - file: chapters/{name}\n" for name in pages)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: chapters/intro\nchapters:\n{chapters}", encoding="utf-8")
    return book


def start_build(name: str, folder: Path, get) -> PendingBuild:
    """The named build of a fresh copy of the book in `folder`; `get` gives the session's other builds."""
    if name == "built_html":
        # As the README publishes the book (`make pdf book`): the PDF command, then the HTML book, which
        # links the PDF; the EPUB command (`make epub`, for test_epub.py); then every page in a browser, in
        # light and dark mode (browser_checks.py), for test_browser.py. The copy is the book as it stands,
        # so what this build makes can be published (`publish_tested_book`).
        book = copy_of_book(folder / "book")
        editions = [editions_build_step()] if EDITIONS else []
        return PendingBuild(book, [[PDF_SCRIPT, book], html_build_step(book), *editions, [EPUB_SCRIPT, book],
                                   browser_check_step(book)], html_after=HTML_AFTER)
    if name == "hostile_html":
        # One book for two checks. Hostile texts: checked on the first chapter, which shows them all; its
        # claim check links to the events' rows in the chronology, which comes too; the bibliography links
        # the address. Twenty thousand events (`large_book`): the chronology and its timeline must stay
        # readable, and light enough. The events added come after the book's own, so the chronology's
        # first rows, the ones it shows, are the book's events, hostile texts included. Built in English
        # only: each edition of these pages runs their notebooks again in its language and costs as much as
        # the English build (measured: 22 s the English, 25 s the Japanese), so the two editions would
        # triple it. The data holds the editions' hostile translations all the same (the data check reads
        # them), and test_hostile_data.py checks how an edition writes them without a build.
        book = with_many_events(copy_of_book(folder / "book"), LARGE_EVENT_COUNT)
        book = only_pages(make_hostile(book), "01-article", "chronology", "bibliography")
        return PendingBuild(book, [html_build_step(book)])
    if name == "broken_book":
        # A wrong descriptor, a CSV nobody declared and a table a notebook names that is not there.
        return PendingBuild(break_book(copy_of_book(folder / "book")),
                            [html_build_step(folder / "book")], expect_failure=True)
    if name == "lab_run":
        # JupyterLab on a copy of the book (no build needed): two chapters run in Chromium (lab_checks.py).
        book = with_unreadable_chapter(copy_of_book(folder / "book"))
        return PendingBuild(book, [[sys.executable, LAB_CHECKS, book, lab_report(book), *LAB_CHAPTERS, LAB_BROKEN]])
    raise KeyError(name)


BUILDS = ("built_html", "hostile_html", "broken_book", "lab_run")
# Fixtures that are another name for one of BUILDS.
SAME_BUILD = {"large_book": "hostile_html"}
LARGE_EVENT_COUNT = 20_000


def edit_descriptor(folder: Path, change) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict, resource_name: str, field_name: str) -> dict:
    return next(f for f in resource(descriptor, resource_name)["schema"]["fields"] if f["name"] == field_name)


def break_book(book: Path) -> Path:
    def change(descriptor):
        events = next(r for r in descriptor["resources"] if r["name"] == "events")
        next(f for f in events["schema"]["fields"] if f["name"] == "summary")["type"] = "datetime-ish"
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "contacts"]
    edit_descriptor(book / "data", change)
    (book / "data" / "contacts.csv").unlink()
    (book / "data" / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return book


def with_many_events(book: Path, count: int) -> Path:
    """Events cloned from the book's own, with new ids and dates spread over as many years as the book's
    span, after its last event (so that the chronology's first rows are still the book's events). Each
    clone's translations are its original's (a new key, the same column, English and text), but for the
    cells the clone leaves empty (`date_note`): a translation of an empty cell is an error."""
    path = book / "data" / "events.csv"
    rows = read_rows(path)
    header, originals = rows[0], rows[1:]
    column = {name: index for index, name in enumerate(header)}
    years = [int(row[column["date"]][:4]) for row in originals]
    made, original_of = [], {}
    for number in range(count):
        row = list(originals[number % len(originals)])
        year = max(years) + 1 + number % (max(years) - min(years) + 1)
        row[column["event_id"]] = f"{year}-generated-{number:05d}"
        row[column["date"]] = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        row[column["date_precision"]] = "day"
        row[column["in_article"]] = "false"
        row[column["date_note"]] = ""
        made.append(row)
        original_of[row[column["event_id"]]] = originals[number % len(originals)][column["event_id"]]
    write_rows(path, [header, *originals, *made])
    cells = {row[column["event_id"]]: row for row in made}
    for _language, translations in translation_files(book / "data", "events"):
        translated = read_rows(translations)
        place = {name: index for index, name in enumerate(translated[0])}
        of_event: dict[str, list[list[str]]] = {}
        for row in translated[1:]:
            of_event.setdefault(row[place["event_id"]], []).append(row)
        cloned = []
        for event_id, original in original_of.items():
            for row in of_event.get(original, ()):
                if cells[event_id][column[row[place["column"]]]]:
                    clone = list(row)
                    clone[place["event_id"]] = event_id
                    cloned.append(clone)
        write_rows(translations, [*translated, *cloned])
    return book


def run_order(item: pytest.Item) -> int:
    """Tests that need no build, then tests that need an HTML build, nbval's notebooks (compared with the
    run of the book's build), then those that need the PDF or the browser's reports: the longest builds
    have the most time to finish."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & {"built", "browser_reports_of_built_html"}:
        return 3
    if item.path.suffix == ".ipynb":
        return 2
    return 1 if fixtures & {*BUILDS, *SAME_BUILD, "built_epub"} else 0


# Fixtures that build the book or run it in a browser: the tests using them are marked so, and
# `make check` leaves them out (a test module that builds in its own fixtures marks itself).
BOOK_FIXTURES = {*BUILDS, *SAME_BUILD, "built", "built_epub", "browser_reports_of_built_html"}
BROWSER_FIXTURES = {"browser", "browser_reports_of_built_html", "lab_run"}
# Seconds each, not a contributor's inner loop: checks of a whole copy of the data, and Hypothesis' runs.
SLOW_FIXTURES = {"data_copy", "whole_data_copy", "packages", "folder"}


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "book: builds the whole book, or waits for a build of it")
    config.addinivalue_line("markers", "browser: runs pages in Chromium or JupyterLab")
    config.addinivalue_line("markers", "slow: takes seconds (a whole copy of the data, a command in a process "
                                       "of its own, a drawing browser, Hypothesis): left out of make check")


def pytest_collection_modifyitems(session, config, items) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BOOK_FIXTURES:
            item.add_marker(pytest.mark.book)
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES or getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
    # A stable sort: nbval's cells keep their order.
    items.sort(key=run_order)
    # What a run makes and git does not keep (chart specs, plotly's JSON) is left out of nbval's comparison.
    for notebook in {item.parent for item in items if item.path.suffix == ".ipynb"}:
        if hasattr(notebook, "skip_compare"):
            notebook.skip_compare = (*notebook.skip_compare, *GENERATED_MIME_TYPES)
            compare_with_build(notebook, functools.partial(run_of_built_html, session))
    for item in items:
        if item.path.suffix == ".ipynb" and hasattr(item, "cell_num"):
            item.runtest = functools.partial(run_cell, item)


def run_of_built_html(session: pytest.Session, notebook) -> list | None:
    """The outputs of each code cell of the session's build's run of `notebook`, if the session builds the
    book and that build ran it; None otherwise, and nbval's kernel runs it."""
    pending = session.stash.get(PENDING_BUILDS, {}).get("built_html")
    if pending is None:
        return None
    try:
        pending.wait(EXECUTED_AFTER)
    except AssertionError:  # the build failed; the tests of the build say why, nbval's own run says where
        return None
    return cached_outputs(pending.book / "_build" / ".jupyter_cache", notebook)


PENDING_BUILDS = pytest.StashKey[dict]()
# Set by scripts/test.sh (the README's test command, which CI runs) to the checkout's build folder: once
# every test passed, the book the tests built and checked (`built_html`) is left there as the README's
# commands leave it, so CI publishes that book rather than building it again.
PUBLISH_ENV = "UNSIGNED_PEACE_PUBLISH_TESTED_BOOK"


def publish_tested_book(book: Path, destination: Path) -> None:
    """The HTML book (`html/`, linking its PDF), the PDF (`latex/<name>.pdf`, and each published edition's,
    `latex/<name>-ja.pdf`) and the EPUB (`epub/<name>.epub`) that `book`'s build made, copied where
    scripts/build.sh, pdf.sh and epub.sh leave them under `destination` (a build folder, `_build`)."""
    from unsigned_peace.machinery.checks.epub import epub_path
    from unsigned_peace.machinery.pdf.latex import pdf_name

    built = book / "_build"
    shutil.rmtree(destination / "html", ignore_errors=True)
    shutil.copytree(built / "html", destination / "html")
    pdfs = [built / "latex" / pdf_name(book, language) for language in ("en", *EDITIONS)]
    for made in (*pdfs, epub_path(book)):
        target = destination / made.relative_to(built)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(made, target)


def keep_execution_reports(book: Path, destination: Path) -> None:
    """The reports a build wrote of notebooks that failed (`<builder>/reports/`), copied under `destination`."""
    for reports in (book / "_build").glob("*/reports"):
        shutil.copytree(reports, destination / reports.relative_to(book / "_build"), dirs_exist_ok=True)


def pytest_sessionfinish(session, exitstatus) -> None:
    destination = os.environ.get(PUBLISH_ENV)
    pending = session.stash.get(PENDING_BUILDS, {}).get("built_html")
    if not destination or pending is None:
        return
    keep_execution_reports(pending.book, Path(destination))
    if exitstatus == 0 and pending.finished:
        publish_tested_book(pending.book, Path(destination))


@pytest.fixture(scope="session", autouse=True)
def builds(request, tmp_path_factory):
    """Every book build the collected tests need, started with the session: side by side, once each."""
    wanted = {SAME_BUILD.get(name, name) for item in request.session.items
              for name in getattr(item, "fixturenames", ())}
    if "built" in wanted:
        wanted |= {"built_html", "hostile_html"}
    if wanted & {"browser_reports_of_built_html", "built_epub"}:
        wanted.add("built_html")
    pending: dict[str, PendingBuild] = {}
    request.session.stash[PENDING_BUILDS] = pending

    def get(name: str) -> PendingBuild:
        if name not in pending:
            pending[name] = start_build(name, tmp_path_factory.mktemp(name), get)
        return pending[name]

    for name in BUILDS:
        if name in wanted:
            get(name)
    yield get
    for build_ in pending.values():
        build_.stop()


@pytest.fixture(scope="session")
def built_html(builds) -> Path:
    """The book built once per test session, from a copy of this checkout."""
    return builds("built_html").html()


@pytest.fixture(scope="session")
def built_epub(builds) -> Path:
    """The EPUB of the `built_html` book, built and checked with EPUBCheck by the README's command."""
    pending = builds("built_html")
    pending.wait(EPUB_AFTER)
    from unsigned_peace.machinery.checks.epub import epub_path

    return epub_path(pending.book)


@pytest.fixture(scope="session")
def browser_reports_of_built_html(builds) -> dict[str, list[dict]]:
    """What browser_checks.py found on every page of `built_html`, by mode ("light", "dark")."""
    pending = builds("built_html")
    pending.wait()
    return json.loads(browser_reports(pending.book).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def lab_run(builds) -> dict[str, dict]:
    """What lab_checks.py found in each of LAB_CHAPTERS, opened and run in JupyterLab."""
    pending = builds("lab_run")
    pending.wait()
    return json.loads(lab_report(pending.book).read_text(encoding="utf-8"))


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


def with_small_coastline(folder: Path) -> Path:
    """The data folder with its coastline table cut to the smallest outline of each land.

    The coastline's 17,718 points are nine rows in ten of the data, and nine tenths of the second that
    checking a whole copy of it takes; a test that damages another table, or the descriptor, learns
    nothing more from them. What remains is still every table, every column and every kind of land,
    and valid (the `small_data` fixture checks it); the book's own data is checked in full when the
    session starts (above) and by every build.
    """
    path = folder / "coastline_points.csv"
    header, *points = read_rows(path)
    polygon, land = header.index("polygon_id"), header.index("land")
    sizes: dict[str, dict[str, int]] = {}
    for row in points:
        outlines = sizes.setdefault(row[land], {})
        outlines[row[polygon]] = outlines.get(row[polygon], 0) + 1
    kept = {min(outlines, key=outlines.get) for outlines in sizes.values()}
    write_rows(path, [header, *(row for row in points if row[polygon] in kept)])
    return folder


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """The book's data with its coastline cut short (`with_small_coastline`): valid, every table in it."""
    folder = with_small_coastline(copy_data(DATA, tmp_path_factory.mktemp("small") / "data"))
    assert list(find_problems(folder)) == []
    return folder


def copy_data(source: Path, folder: Path) -> Path:
    shutil.copytree(source, folder)
    return folder


@pytest.fixture
def data_copy(tmp_path: Path, small_data: Path) -> Path:
    """A writable copy of the book's data folder, laid out as in the book (root/data), with its coastline
    cut short (`with_small_coastline`): for the tests that damage another table, or the descriptor."""
    return copy_data(small_data, tmp_path / "data")


@pytest.fixture
def whole_data_copy(tmp_path: Path) -> Path:
    """A writable copy of the book's whole data folder, coastline and all."""
    return copy_data(DATA, tmp_path / "data")


def live_specs(page: Path) -> list[dict]:
    """The interactive charts' specs a built page names (`data-up-live`), read from their script files."""
    text = page.read_text(encoding="utf-8")
    return [live_spec((page.parent / address).read_text(encoding="utf-8"))
            for address in re.findall(r'<div class="up-chart[^"]*" id="[^"]*" data-up-live="([^"]+)"', text)]


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


@pytest.fixture(scope="session")
def broken_book(builds) -> PendingBuild:
    """The stock build of a book whose descriptor, data folder and notebook tables are wrong (it fails)."""
    return builds("broken_book")


@pytest.fixture(scope="session")
def large_book(builds) -> PendingBuild:
    """The chronology built from LARGE_EVENT_COUNT events more than the book's (in the hostile_html book)."""
    return builds(SAME_BUILD["large_book"])
