"""Text from the CSVs is escaped wherever it reaches HTML: a book built from hostile data runs nothing.

A copy of the book is built (fixture `hostile_html` in conftest.py, alongside the main build) from a
copy of the data whose titles, summaries and source names are markup meant to run. The chapter's
table, the timeline (tick labels, tooltips, the data behind it) and the source lines under both must
show those characters as written, and the page must run none of them; the bibliography links a source's
address whole, however it would end a Markdown link.

The hostile data's translations are hostile too (each edition's title and summary of those events), but
that book is built in English only: its editions would cost as much again each as its English build.
What an edition makes of a translated hostile text is checked where the domain writes it, without a build
(`test_an_editions_hostile_translation_is_written_as_text`).
"""

from __future__ import annotations

import html
from urllib.parse import unquote

import pytest
from browser_checks import check_page, draw_every_chart
from conftest import HOSTILE as PAYLOADS
from conftest import HOSTILE_ADDRESS, hostile_translation, make_hostile
from markdown_it import MarkdownIt

from unsigned_peace.chronology import events_table
from unsigned_peace.data import load_data
from unsigned_peace.language import LANGUAGE_ENV, translated_languages
from unsigned_peace.tables import Table

CHAPTER = "chapters/01-article.html"


@pytest.fixture(scope="module")
def page(browser, hostile_html):
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto((hostile_html / CHAPTER).as_uri())
    draw_every_chart(tab)
    yield tab
    context.close()


def test_the_page_runs_none_of_it(browser, hostile_html):
    context = browser.new_context(offline=True)
    report = check_page(context, hostile_html, hostile_html / CHAPTER, axe=False)  # accessibility: test_browser.py
    context.close()
    # No dialog, console error or uncaught error; no request for the injected image's "x".
    assert report.errors == [] and report.outside == [] and report.undrawn == []
    assert all(report.tooltips.values())


def test_nothing_was_injected(page):
    assert page.evaluate("window.upPwned") is None
    assert page.locator(".bd-article .up-injected, .bd-article img[src='x']").count() == 0
    scripts = page.evaluate("""[...document.scripts].filter(s => s.textContent.includes('upPwned'))
                               .map(s => s.type)""")
    assert scripts == []  # the charts' specs are script files of their own, where < and > are JSON escapes


def test_the_table_shows_the_text_as_written(page):
    text = page.locator("#tbl-article-events").inner_text()
    for payload in PAYLOADS.values():
        assert payload in text
        assert f": {payload}" in text  # in the summary too


def test_the_chart_shows_the_text_as_written(page):
    card = page.locator(".up-chart").first
    ticks = " ".join(card.locator(".ytick text").all_text_contents())
    behind = card.locator("details table").text_content()  # closed: inner_text would be empty
    tooltips = []
    for point in card.locator(".point").all():
        point.hover(force=True)
        # The tooltip's lines (a long title or source list wraps) joined as the text they were cut from.
        tooltips.append(card.locator(".hoverlayer .hovertext").first.evaluate(
            "tip => [...tip.querySelectorAll('tspan.line')].map(line => line.textContent).join(' ')"))
        page.mouse.move(0, 0)
    for payload in PAYLOADS.values():
        # A long title is shortened at a word in its tick label; the full title is in the tooltip.
        assert payload[:30] in ticks, (payload, ticks)
        assert payload in behind
        assert any(tooltip.startswith(payload) for tooltip in tooltips), (payload, tooltips)
    # the publisher of the source the hostile events cite
    assert sum(PAYLOADS["attribute"] in tooltip for tooltip in tooltips) >= len(PAYLOADS)


def test_source_lines_show_the_text_as_written(page):
    chart_source = page.locator(".up-chart .up-source").first.inner_text()
    assert chart_source.startswith(f"Sources: {PAYLOADS['attribute']}")


def test_the_chronology_filter_finds_the_text_as_written_and_runs_none_of_it(browser, hostile_html):
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda box: (dialogs.append(box.message), box.dismiss()))
    tab.goto((hostile_html / "chapters" / "chronology.html").as_uri(), wait_until="load")
    tab.get_by_label("Words in the event").fill("onerror")
    shown = tab.evaluate("""() => [...document.querySelectorAll('#tbl-chronology tbody tr')]
        .filter(row => !row.hidden).map(row => row.textContent)""")
    pwned = tab.evaluate("window.upPwned")
    context.close()
    assert len(shown) == 1 and PAYLOADS["image"] in shown[0]
    assert pwned is None and dialogs == []


def test_the_bibliography_links_an_address_whole_and_runs_none_of_it(browser, hostile_html):
    context = browser.new_context(offline=True)
    report = check_page(context, hostile_html, hostile_html / "chapters" / "bibliography.html", axe=False)
    tab = context.new_page()
    tab.goto((hostile_html / "chapters" / "bibliography.html").as_uri())
    entry = tab.locator(".bd-article li", has_text=PAYLOADS["attribute"])
    links = entry.locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    entry.locator("a").first.hover()
    pwned = tab.evaluate("window.upPwned")
    injected = tab.locator(".bd-article [onmouseover], .bd-article a[href^='javascript']").count()
    context.close()
    assert report.errors == [] and report.outside == []
    # One link, to the address as written in the data (parentheses and quotes kept inside it).
    assert [unquote(link) for link in links] == [HOSTILE_ADDRESS] and pwned is None and injected == 0


@pytest.mark.parametrize("language", translated_languages())
def test_an_editions_hostile_translation_is_written_as_text(data_copy, monkeypatch, language):
    # The hostile data as the hostile book has it, read for an edition: its events' titles and summaries
    # are the edition's hostile translations, and the first chapter's table writes them as text.
    make_hostile(data_copy.parent)
    monkeypatch.setenv(LANGUAGE_ENV, language)
    data = load_data("events", "sources", folder=data_copy)
    shown = data.events[data.events["in_article"]].sort_values("date")
    table = Table(frame=events_table(shown, data.sources), caption="Events", name="tbl-article-events", source="")
    translated = [hostile_translation(language, payload) for payload in PAYLOADS.values()]
    assert all(text in shown["title"].tolist() for text in translated)
    # MyST reads the table directive's body as Markdown, raw HTML allowed, as markdown-it reads it here.
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    body = next(token.content for token in parser.parse(table.markdown()) if token.type == "fence")
    tokens = [child for token in parser.parse(body) for child in [token, *(token.children or [])]]
    assert not [token for token in tokens if token.type.startswith("html")]
    written = " ".join(token.content for token in tokens if token.type == "text")
    assert all(text in written for text in translated)
    page = table.html()
    assert all(html.escape(text, quote=False) in page and text not in page for text in translated)
