"""The translated editions as the book publishes them, beside the English one (`_build/html/<language>/`).

These run only once an edition is published (PUBLISHED_EDITIONS in unsigned_peace/language.py, empty until
its catalogs are complete): the `built_html` book then builds the editions too, and its browser checks
(test_browser.py) read their pages as they read the English ones. The editions' machinery is tested on small
projects whatever is published (tests/sphinx_units/test_translations.py, tests/test_catalogs.py).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_checks import inside, new_context
from conftest import BUILD_ENV, EDITIONS

from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.checks.links import html_pages
from unsigned_peace.machinery.content.inline_values import localized_number
from unsigned_peace.machinery.shared.translations import in_other_edition

pytestmark = pytest.mark.skipif(not EDITIONS, reason="no translated edition is published yet")
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>')
VALUE = re.compile(r'<span class="pasted-text">([^<]*)</span>')
# Prose: a paragraph or list item outside a cell's output, code, the citation and the page's navigation.
NOT_PROSE = re.compile(r'<div class="(cell_output|cell_input|up-cite|bd-sidebar|bd-header)[^"]*".*?</div>', re.S)


def english_pages(html_root: Path) -> list[Path]:
    return [page for page in html_pages(html_root) if not in_other_edition(html_root, page)]


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def prose(page: str) -> set[str]:
    article = page[page.find('<article class="bd-article"'):page.find("</article>")]
    paragraphs = (text_of(p) for p in re.findall(r"<p>(.*?)</p>", NOT_PROSE.sub("", article), re.S))
    # A paragraph that is a name, a number or a date alone reads the same in every language.
    return {p for p in paragraphs if len(re.findall(r"[A-Za-z]{3,}", p)) >= 4}


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
        alternates = dict(ALTERNATE.findall(page))
        assert set(alternates) == {SOURCE_LANGUAGE, "x-default", *EDITIONS}, name
        for target in alternates.values():
            assert (translated.parent / target).resolve() in {english.resolve(),
                                                              *(built_html / other / name for other in EDITIONS)}
        switcher = re.search(r'<nav class="up-languages" aria-label="[^"]+">(.*?)</nav>', page, re.S)
        assert switcher, f"{language}/{name} has no language switcher"
        assert re.search(rf'hreflang="{language}" lang="{language}" aria-current="page"', switcher[1]), name
        assert dict(ALTERNATE.findall(english.read_text(encoding="utf-8")))[language] == f"{'../' * name.count('/')}" \
            f"{language}/{name}"


@pytest.mark.parametrize("language", EDITIONS)
def test_a_translated_page_shows_every_inline_value_of_the_english_written_as_its_language_writes_numbers(
        built_html, language):
    for english in english_pages(built_html):
        name = english.relative_to(built_html).as_posix()
        values = VALUE.findall(english.read_text(encoding="utf-8"))
        written = VALUE.findall((built_html / language / name).read_text(encoding="utf-8"))
        expected = [localized_number(value, language) if re.fullmatch(r"[\d,.]+", value) else value
                    for value in values]
        # A translation may order a sentence's values otherwise: the same values, as many times each.
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
