"""The whole pipeline on a copy of the book: bad data stops the build; the built HTML works offline."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, set_cell

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
BUILD_FLAGS = ["-W", "-n", "--keep-going"]
IGNORED = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".ipynb_checkpoints", "*.egg-info")


def copy_of_book(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    return destination


def build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([JUPYTER_BOOK, "build", str(book), *BUILD_FLAGS],
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def built_html(tmp_path_factory) -> Path:
    book = copy_of_book(tmp_path_factory.mktemp("book") / "book")
    result = build(book)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return book / "_build" / "html"


def test_a_bad_date_stops_the_stock_build_with_file_line_and_column(tmp_path):
    book = copy_of_book(tmp_path / "book")
    set_cell(book / "data" / "events.csv", 1, "date", "2018-13-45")
    result = build(book)
    assert result.returncode != 0
    expected = 'data/events.csv, line 2, column "date": "2018-13-45" is not a valid date'
    assert expected in result.stdout + result.stderr
    assert not (book / "_build" / "html" / "chapters").exists()


def test_a_bad_date_stops_a_rebuild_after_a_good_build(built_html, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(built_html.parent.parent, book)
    set_cell(book / "data" / "events.csv", 1, "date", "2018-13-45")
    result = build(book)
    assert result.returncode != 0
    assert 'data/events.csv, line 2, column "date"' in result.stdout + result.stderr


def test_the_validate_command_prints_one_line_and_fails(tmp_path):
    book = copy_of_book(tmp_path / "book")
    set_cell(book / "data" / "events.csv", 2, "date", "2018-13-45")
    result = subprocess.run([sys.executable, "-m", "unsigned_peace", "validate"], cwd=book,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == ('data/events.csv, line 3, column "date": "2018-13-45" is not a valid '
                                     "date; write it as YYYY-MM-DD, e.g. 1855-02-07")


def pages(html_root: Path) -> list[Path]:
    return sorted(p for p in html_root.rglob("*.html") if "_static" not in p.parts)


def test_no_page_loads_anything_from_the_network(built_html):
    loaded = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:)?//', re.I)
    offenders = {str(p.relative_to(built_html)): loaded.findall(p.read_text(encoding="utf-8"))
                 for p in pages(built_html)}
    assert {page: hits for page, hits in offenders.items() if hits} == {}


def test_plotly_js_is_shipped_and_loaded_only_where_a_chart_is(built_html):
    assert (built_html / "_static" / "plotly.min.js").stat().st_size > 1_000_000
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert ("plotly.min.js" in text) == ("data-up-chart" in text), page
    assert "data-up-chart" in (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8")


def test_timeline_draws_offline_in_chromium_without_console_errors(built_html):
    playwright = pytest.importorskip("playwright.sync_api")
    problems, outside = [], []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page()
        page.route(re.compile(r"^(?!file:).*"), lambda route: (outside.append(route.request.url), route.abort()))
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto((built_html / "chapters" / "01-article.html").as_uri())
        plot = page.locator(".up-chart-plot").first
        plot.locator("svg.main-svg").first.wait_for(timeout=15_000)
        plot.locator(".scatterlayer .point").first.hover(force=True)
        page.locator(".hoverlayer .hovertext").first.wait_for(timeout=5_000)
        browser.close()
    assert problems == [] and outside == []
