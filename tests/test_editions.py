"""The translated editions as the book publishes them, beside the English one (`_build/html/<language>/`).

These run only once an edition is published (PUBLISHED_EDITIONS in unsigned_peace/language.py, empty until
its catalogs are complete): the `built_html` book then builds the editions too, and its browser checks
(test_browser.py) read their pages as they read the English ones. The editions' machinery is tested on small
projects whatever is published (tests/sphinx_units/test_translations.py, tests/test_catalogs.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_checks import inside, new_context
from conftest import BUILD_ENV, EDITIONS

from unsigned_peace.dates import format_date, is_written_date
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.checks.links import html_pages
from unsigned_peace.machinery.content.inline_values import NUMBER, localized_number
from unsigned_peace.machinery.shared.translations import in_other_edition
from unsigned_peace.numbers import count
from unsigned_peace.prose import NUMBER_WORDS

pytestmark = pytest.mark.skipif(not EDITIONS, reason="no translated edition is published yet")
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>')
SWITCHER_LINK = re.compile(r'<a href="([^"]+)" hreflang="(\w+)"')
VALUE = re.compile(r'<span class="pasted-text">([^<]*)</span>')
# Not prose: a cell's output or code, the citation after the page, the theme's header and sidebars, and the
# data page's tables. (The data page's sections are checked: their words are translated with the data, in
# data/translations/<language>/descriptor.csv.)
NOT_PROSE = {"cell_output", "cell_input", "up-cite", "bd-header-article", "bd-sidebar-primary",
             "bd-sidebar-secondary", "bd-footer-article", "prev-next-area", "up-data-table"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Prose(HTMLParser):
    """The text of each paragraph of a page's own prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: whether it is outside the prose
        self.paragraphs: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(bool(classes & NOT_PROSE) or (bool(self.stack) and self.stack[-1]))
        if tag == "p" and not self.stack[-1]:
            self.current = []

    def handle_endtag(self, tag) -> None:
        if tag in VOID or not self.stack:
            return
        self.stack.pop()
        if tag == "p" and self.current is not None:
            self.paragraphs.append(" ".join("".join(self.current).split()))
            self.current = None

    def handle_data(self, data) -> None:
        if self.current is not None:
            self.current.append(data)


def english_pages(html_root: Path) -> list[Path]:
    return [page for page in html_pages(html_root) if not in_other_edition(html_root, page)]


def prose(page: str) -> set[str]:
    parser = Prose()
    parser.feed(page[page.find('<article class="bd-article"'):page.find("</article>") + len("</article>")])
    # A paragraph that is a name, a number or a date alone reads the same in every language.
    return {p for p in parser.paragraphs if len(re.findall(r"[A-Za-z]{3,}", p)) >= 4}


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_has_its_edition_in_its_language_linked_both_ways(built_html, language):
    for english in english_pages(built_html):
        name = english.relative_to(built_html).as_posix()
        translated = built_html / language / name
        assert translated.is_file(), f"{language}/{name} was not built"
        page = translated.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{language}"', page), name
        if name == "index.html":  # the page that forwards to the first chapter
            continue
        # No hreflang alternates: the book sets no published address (html_baseurl), and search engines read
        # only absolute ones; readers have the switcher.
        assert ALTERNATE.findall(page) == [], name
        switcher = re.search(r'<nav class="up-languages" aria-label="[^"]+">(.*?)</nav>', page, re.S)
        assert switcher, f"{language}/{name} has no language switcher"
        assert re.search(rf'hreflang="{language}" lang="{language}" aria-current="page"', switcher[1]), name
        targets = dict((edition, href) for href, edition in SWITCHER_LINK.findall(switcher[1]))
        assert set(targets) == {SOURCE_LANGUAGE, *EDITIONS}, name
        assert (translated.parent / targets[SOURCE_LANGUAGE]).resolve() == english.resolve(), name
        english_switcher = re.search(r'<nav class="up-languages"[^>]*>(.*?)</nav>', english.read_text(encoding="utf-8"),
                                     re.S)
        back = dict((edition, href) for href, edition in SWITCHER_LINK.findall(english_switcher[1]))
        assert back[language] == f"{'../' * name.count('/')}{language}/{name}", name


def english_value(value: str, language: str) -> tuple[str, str]:
    """What an inline value of an English page must be on the edition's: the same number as the language writes
    it (a count the English writes in words, "six", the edition writes as its prose writes counts), or a date,
    or words of its own (a name, a list, a label)."""
    if NUMBER.match(value):
        return ("number", localized_number(value, language))
    if value in NUMBER_WORDS:
        return ("number", count(NUMBER_WORDS.index(value), language=language))
    if is_written_date(value, language=SOURCE_LANGUAGE):
        return ("date", "")
    return ("words", "")


def edition_value(value: str, language: str, numbers: set[str]) -> tuple[str, str]:
    """The same reading of an inline value of the edition's page; `numbers` are the English page's numbers as
    the edition writes them (a year may be written as the language writes a year alone: "1855年")."""
    if value in numbers:
        return ("number", value)
    year = re.fullmatch(r"\D*(\d{1,4})\D*", value)
    if year and value == format_date(date(int(year[1]), 1, 1), "year", language=language):
        return ("number", year[1])
    if is_written_date(value, language=language):
        return ("date", "")
    return ("words", "")


@pytest.mark.parametrize("language", EDITIONS)
def test_a_translated_page_shows_every_inline_value_of_the_english_written_as_its_language_writes_numbers(
        built_html, language):
    for english in english_pages(built_html):
        name = english.relative_to(built_html).as_posix()
        expected = [english_value(value, language) for value in VALUE.findall(english.read_text(encoding="utf-8"))]
        numbers = {number for kind, number in expected if kind == "number"}
        written = [edition_value(value, language, numbers)
                   for value in VALUE.findall((built_html / language / name).read_text(encoding="utf-8"))]
        # A translation may order a sentence's values otherwise: the same values, as many times each (dates,
        # names and lists in the edition's words).
        assert sorted(written) == sorted(expected), name


@pytest.mark.parametrize("language", EDITIONS)
def test_no_english_paragraph_is_left_in_a_translated_page(built_html, language):
    left = {}
    for english in english_pages(built_html):
        name = english.relative_to(built_html).as_posix()
        same = prose(english.read_text(encoding="utf-8")) & prose(
            (built_html / language / name).read_text(encoding="utf-8"))
        if same:
            left[name] = sorted(same)[:3]
    assert left == {}


def test_the_published_editions_catalogs_are_complete(built_html):
    book = built_html.parent.parent
    result = subprocess.run([sys.executable, "-m", "unsigned_peace", "editions", "check"], cwd=book, env=BUILD_ENV,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.parametrize("language", EDITIONS)
def test_search_lists_results_in_each_edition(browser, built_html, language):
    """A word of the first chapter's title, as the edition's search index splits it, finds the chapter."""
    root = built_html / language
    text = (root / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    chapter = next(number for number, name in enumerate(index["docnames"]) if name.endswith("01-article"))
    word = next(term for term, pages in sorted(index["titleterms"].items())
                if chapter in (pages if isinstance(pages, list) else [pages]) and len(term) > 2 and term.isalpha())
    context = new_context(browser, "light")
    page = context.new_page()
    outside = []
    page.route(re.compile(r".*"), lambda route: route.continue_() if inside(route.request.url, built_html.resolve())
               else (outside.append(route.request.url), route.abort()))
    page.goto((root / "search.html").as_uri() + f"?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    found = {unquote(urlsplit(href).path) for href in
             results.evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    context.close()
    assert outside == []
    assert any(path.endswith("01-article.html") for path in found), (word, found)
