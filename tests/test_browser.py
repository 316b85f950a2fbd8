"""Every built page, read in a real browser (Debian's Chromium) from the book folder, offline.

Pages are found in the build, not listed here, so each new chapter is checked as soon as it is in
`_toc.yml`. browser_checks.py, which conftest.py runs in the background as soon as the book is built,
opens each page in light mode and checks everything, then switches the tab to a dark colour scheme,
which the theme follows, and checks again what depends on colours (console, requests, page and
chart-card colours, axe's colour rules); the tests here read its reports.
"""

from __future__ import annotations

import csv
import filecmp
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from browser_checks import (
    CHART_TIMEOUT_MS,
    PageReport,
    check_page,
    contrast,
    draw_every_chart,
    inside,
    luminance,
    new_context,
    parse_colour,
    read_to_the_end,
    wait_for_scripts,
)
from conftest import DATA, EDITIONS, ROOT, read_rows

from unsigned_peace.charts.timeline import NARROW_LABEL_CHARS
from unsigned_peace.machinery.checks.links import check_links, html_pages, write_external_links
from unsigned_peace.machinery.content.downloads import package_files

SEARCH_WORD = "Shimoda"  # in the introduction and the first chapter


def toc_files(entry: dict) -> list[str]:
    """Every `file` in a Jupyter Book table of contents: root, parts, chapters, sections at any depth."""
    files = [entry[key] for key in ("root", "file") if key in entry]
    for key in ("parts", "chapters", "sections"):
        for child in entry.get(key, []):
            files.extend(toc_files(child))
    return files


def by_page(reports: list[dict]) -> dict[str, PageReport]:
    return {report["page"]: PageReport(**report) for report in reports}


@pytest.fixture(scope="module")
def light(browser_reports_of_built_html) -> dict[str, PageReport]:
    """Every page opened in light mode: every check (browser_checks.py, run as the book was built)."""
    return by_page(browser_reports_of_built_html["light"])


@pytest.fixture(scope="module")
def dark(browser_reports_of_built_html) -> dict[str, PageReport]:
    """Every page opened in dark mode: console, requests, chart cards and axe's colour rules."""
    return by_page(browser_reports_of_built_html["dark"])


def faults(reports: dict, attribute: str) -> dict:
    return {page: getattr(report, attribute) for page, report in reports.items() if getattr(report, attribute)}


def test_every_page_in_the_table_of_contents_is_built_and_checked(light, built_html):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    expected = {f"{name}.html" for name in toc_files(toc)} | {"index.html", "search.html", "genindex.html"}
    assert expected <= set(light), f"built pages not checked: {expected - set(light)}"
    assert all(report.local_requests > 0 for report in light.values()), "the request interception saw nothing"
    root = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    assert light["index.html"].redirect == f"{root}.html"


def test_no_console_errors_page_errors_or_dialogs(light, dark):
    assert faults(light, "errors") == {}
    assert faults(dark, "errors") == {}


def test_nothing_is_requested_from_outside_the_book_folder(light, dark):
    assert faults(light, "outside") == {}
    assert faults(dark, "outside") == {}


def test_every_chart_is_drawn_and_shows_a_tooltip_on_hover(light):
    assert faults(light, "undrawn") == {}
    assert {page: [chart for chart, text in report.tooltips.items() if not text.strip()]
            for page, report in light.items() if not all(t.strip() for t in report.tooltips.values())} == {}
    assert sum(len(report.charts) for report in light.values()) >= 1, "no chart found in the book"


def test_a_live_charts_toolbar_covers_none_of_its_text(light):
    assert faults(light, "under_toolbar") == {}


def test_every_charts_picture_is_painted_before_any_input_and_reading_fetches_no_plotly(light):
    """Read to the end without a tap, a click, a key or the pointer: every chart shows its picture (pixels
    on screen), and no page fetches plotly.js."""
    assert faults(light, "unpainted") == {}
    assert [page for page, report in light.items() if report.plotly_before_reader] == []
    assert sum(len(report.charts) for report in light.values()) >= 1


def test_with_javascript_off_every_chart_shows_its_picture(browser, built_html):
    context = browser.new_context(offline=True, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    unpainted, charts = {}, 0
    for page_path in chart_pages(built_html):
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        charts += page.locator(".up-chart").count()
        if missing := read_to_the_end(page):
            unpainted[page_path.name] = missing
        page.close()
    context.close()
    assert unpainted == {} and charts >= 1


def test_printing_shows_each_charts_picture_even_once_it_is_live(light):
    assert faults(light, "unprinted") == {}


def chart_pages(built_html: Path) -> list[Path]:
    return [page for page in html_pages(built_html) if "data-up-chart" in page.read_text(encoding="utf-8")]


def test_axe_finds_no_serious_or_critical_violation_in_light_mode(light):
    assert faults(light, "axe") == {}


def test_axe_finds_no_serious_or_critical_violation_in_dark_mode(dark):
    # Includes colour contrast: tables, captions and source lines must stay legible on the dark theme.
    assert {report.theme for report in dark.values()} == {"dark"}
    assert faults(dark, "axe") == {}


def test_pages_are_light_in_light_mode_and_dark_in_dark_mode(light, dark):
    pages = [page for page, report in light.items() if not report.redirect]
    assert {page: light[page].background for page in pages if luminance(light[page].background) < 0.8} == {}
    assert {page: dark[page].background for page in pages if luminance(dark[page].background) > 0.1} == {}


def test_every_image_and_chart_has_a_text_alternative(light):
    assert faults(light, "no_alternative") == {}


def test_in_dark_mode_charts_stay_on_an_opaque_light_card(dark):
    problems = {}
    for page, report in dark.items():
        for chart, colours in report.cards.items():
            card_alpha = parse_colour(colours["card"])[3]
            paper_alpha = parse_colour(colours["paper"])[3] if colours["paper"] else 0
            if card_alpha < 1 or luminance(colours["card"]) < 0.8:
                problems[f"{page} {chart}"] = f"card is {colours['card']}"
            elif paper_alpha and luminance(colours["paper"]) < 0.8:
                problems[f"{page} {chart}"] = f"plot paper is {colours['paper']} on a light card"
            elif contrast(colours["text"], colours["card"]) < 4.5:
                problems[f"{page} {chart}"] = f"text {colours['text']} on {colours['card']}"
    assert problems == {}
    assert sum(len(report.cards) for report in dark.values()) >= 1


def test_printing_hides_the_navigation(light):
    assert faults(light, "print_visible") == {}


def test_the_light_dark_switch_still_switches(browser, built_html):
    context = new_context(browser, "light")
    page = context.new_page()
    page.goto((built_html / "chapters" / "intro.html").as_uri())
    wait_for_scripts(page)
    seen = [page.evaluate("document.documentElement.dataset.theme")]
    for _ in range(3):
        page.locator(".theme-switch-button:visible").first.click()
        seen.append(page.evaluate("document.documentElement.dataset.theme"))
    context.close()
    assert {"light", "dark"} <= set(seen), seen


def test_search_lists_results_for_a_word_in_the_book(browser, built_html):
    pages_with_word = {page.relative_to(built_html).as_posix() for page in html_pages(built_html)
                       if SEARCH_WORD.lower() in page.read_text(encoding="utf-8").lower()}
    pages_with_word -= {"search.html", "genindex.html"}
    assert pages_with_word, f"no built page contains {SEARCH_WORD!r}: pick another search word"
    context = new_context(browser, "light")
    page = context.new_page()
    outside = []
    page.route(re.compile(r".*"), lambda route: route.continue_() if inside(route.request.url, built_html.resolve())
               else (outside.append(route.request.url), route.abort()))
    # Over file:// Chromium refuses the fetches that load result snippets: results list, snippets do not.
    page.goto((built_html / "search.html").as_uri() + f"?q={SEARCH_WORD}")
    wait_for_scripts(page)
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    found = {unquote(urlsplit(href).path).split("?")[0] for href in
             results.evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    context.close()
    assert outside == []
    assert found and found <= pages_with_word, (found, pages_with_word)


def test_every_data_file_can_be_downloaded_from_the_data_page(browser, built_html):
    page_path = built_html / "chapters" / "data.html"
    context = new_context(browser, "light")
    page = context.new_page()
    page.goto(page_path.as_uri())
    wait_for_scripts(page)
    # The data files' links (the page's citation has download links of its own).
    hrefs = page.locator("a.download[download]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    with page.expect_download(timeout=10_000) as download_info:
        page.locator("a.download[download]", has_text="events.csv").first.click()
    downloaded = Path(download_info.value.path()).read_bytes()
    context.close()
    offered = {(page_path.parent / href).resolve() for href in hrefs}
    # Each file where the package puts it (the translation tables in their languages' folders).
    folder = (built_html / "_downloads" / "data").resolve()
    assert all(path.is_relative_to(folder) for path in offered), offered
    assert {path.relative_to(folder).as_posix() for path in offered} == set(package_files(DATA))
    for path in offered:
        assert filecmp.cmp(path, DATA / path.relative_to(folder), shallow=False), path
    assert downloaded == (DATA / "events.csv").read_bytes()


def test_a_figures_data_downloads_as_the_rows_its_table_shows(browser, built_html):
    page_path = built_html / "chapters" / "05-talks.html"
    context = new_context(browser, "light")
    page = context.new_page()
    page.goto(page_path.as_uri())
    wait_for_scripts(page)
    figure = page.locator("figure", has=page.locator("a[download$='.csv']")).first
    shown = figure.locator(".up-chart-table tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent))")
    with page.expect_download(timeout=10_000) as download_info:
        figure.locator("a[download$='.csv']").click()
    downloaded = Path(download_info.value.path()).read_text(encoding="utf-8")
    name = download_info.value.suggested_filename
    context.close()
    figures = {path.stem for path in (built_html / "_static" / "figures").glob("*.png")}
    assert name.endswith(".csv") and name.removesuffix(".csv") in figures
    assert list(csv.reader(downloaded.splitlines())) == shown


PHONE = {"width": 412, "height": 823}


def test_on_a_phone_a_timeline_fits_with_whole_labels_and_another_chart_scrolls_sideways(browser, built_html):
    """On a phone the page shows each chart's phone picture: a timeline that fits the screen, with shorter row
    labels and room for its dates; another chart at its legible width in a frame that scrolls sideways and
    that a keyboard can reach, and a line above it that says so (a line no wider screen shows). Tapped, each
    becomes the live chart laid out the same way, with no toolbar over its labels."""
    context = browser.new_context(offline=True, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((built_html / "chapters" / "03-background.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    assert read_to_the_end(page) == []
    pictures = page.evaluate("""() => [...document.querySelectorAll('.up-chart')].map(card => {
        const image = card.querySelector('.up-chart-picture img'), frame = card.querySelector('.up-chart-frame');
        const said = card.querySelector('.up-chart-sideways');
        return {fits: card.classList.contains('up-chart-fits'), phone: image.currentSrc.endsWith('.phone.svg'),
                width: image.getBoundingClientRect().width, scrolls: frame.scrollWidth > frame.clientWidth,
                said: said && said.checkVisibility() && said.getBoundingClientRect().right <= innerWidth
                    && said.getBoundingClientRect().bottom <= frame.getBoundingClientRect().top
                    ? said.textContent : null};
    })""")
    draw_every_chart(page)
    charts = page.evaluate("""() => [...document.querySelectorAll('.up-chart-frame')].map(frame => {
        const plot = frame.querySelector('[data-up-chart]');
        const box = frame.getBoundingClientRect();
        const labels = [...plot.querySelectorAll('.ytick text')].map(t => t.getBoundingClientRect());
        const dates = plot.querySelector('.nsewdrag');
        return {scrolls: frame.scrollWidth > frame.clientWidth, tab: frame.tabIndex,
                width: plot.getBoundingClientRect().width, toolbar: !!plot.querySelector('.modebar'),
                labelsInside: labels.every(label => label.left >= box.left - 1),
                labelsApart: labels.every((label, i) => i === 0 || label.top >= labels[i - 1].bottom - 1),
                datesShare: dates ? dates.getBoundingClientRect().width / box.width : 0,
                texts: [...plot.querySelectorAll('.ytick text')].map(t => t.textContent)};
    })""")
    context.close()
    assert pictures[0]["fits"] and pictures[0]["phone"] and not pictures[0]["scrolls"] and pictures[0]["said"] is None
    assert not pictures[1]["fits"] and pictures[1]["phone"] and pictures[1]["scrolls"] and pictures[1]["width"] >= 600
    assert pictures[1]["said"] and "sideways" in pictures[1]["said"]
    desktop = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    wide = desktop.new_page()
    wide.goto((built_html / "chapters" / "03-background.html").as_uri(), wait_until="load")
    wait_for_scripts(wide)  # the style sheets have applied
    shown_on_desktop = wide.evaluate(
        "[...document.querySelectorAll('.up-chart-sideways')].filter(line => line.checkVisibility()).length")
    assert wide.locator(".up-chart-sideways").count() and shown_on_desktop == 0
    desktop.close()
    timeline, other = charts[0], charts[1]
    assert not timeline["scrolls"] and timeline["labelsInside"] and timeline["labelsApart"]
    assert timeline["texts"] and all(len(text) <= NARROW_LABEL_CHARS for text in timeline["texts"]), timeline["texts"]
    assert any(text.endswith("…") for text in timeline["texts"])
    assert timeline["datesShare"] >= 0.5, timeline  # the dates, not the labels, take most of the width
    assert other["scrolls"] and other["tab"] == 0 and other["width"] >= 600
    assert not timeline["toolbar"] and not other["toolbar"]


def test_on_a_phone_a_chart_drawn_to_fit_keeps_every_text_on_the_screen(browser, built_html):
    """The islands chapter's charts drawn to a phone's width (the dot plot of area figures, the share bars):
    each picture and, tapped, each live chart show every legend entry, label and tick inside the screen,
    with no sideways scrolling."""
    context = browser.new_context(offline=True, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((built_html / "chapters" / "02-islands.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    assert read_to_the_end(page) == []  # every lazy picture loaded
    pictures = page.evaluate("""() => [...document.querySelectorAll('.up-chart.up-chart-fits')].map(card => {
        const image = card.querySelector('.up-chart-picture img'), frame = card.querySelector('.up-chart-frame');
        return {phone: image.currentSrc.endsWith('.phone.svg'), scrolls: frame.scrollWidth > frame.clientWidth,
                width: image.getBoundingClientRect().width};
    })""")
    draw_every_chart(page)
    charts = page.evaluate("""() => [...document.querySelectorAll('.up-chart-fits .up-chart-frame')].map(frame => {
        const box = frame.getBoundingClientRect();
        const texts = [...frame.querySelectorAll('[data-up-chart] text')]
            .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0);  // not those plotly hides
        return {scrolls: frame.scrollWidth > frame.clientWidth, texts: texts.length,
                outside: texts.filter(t => { const r = t.getBoundingClientRect();
                                             return r.left < box.left - 1 || r.right > box.right + 1; })
                              .map(t => t.textContent)};
    })""")
    context.close()
    assert pictures and all(p["phone"] and not p["scrolls"] and p["width"] <= PHONE["width"] for p in pictures)
    assert charts and all(not chart["scrolls"] and chart["texts"] and not chart["outside"] for chart in charts), charts


# Every text of a drawn SVG picture with its box: those outside the picture's width, pairs drawn over one
# another (by more than a pixel each way), and specks: a box under 9 px tall holds type under about 8 px,
# which no reader can read (plotly shrinks a bar's text to fit the bar).
TEXTS_OUTSIDE_AND_OVER_JS = """() => {
    const width = document.documentElement.width.baseVal.value;
    const boxes = [...document.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent, box: t.getBoundingClientRect()})).filter(t => t.box.width > 0);
    const over = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (across > 1 && down > 1) over.push([a.text, b.text]);
    }));
    return {texts: boxes.length, over,
            outside: boxes.filter(t => t.box.left < -1 || t.box.right > width + 1).map(t => t.text),
            specks: boxes.filter(t => t.box.height < 9).map(t => t.text)};
}"""


def test_every_charts_pictures_keep_their_texts_inside_and_apart(browser, built_html):
    """In every edition, each chart's pictures, the desktop's and the phone's (drawn to fit a phone's screen
    or at its legible width), have every label, tick, legend entry and cell word inside their width, none
    drawn over another and none shrunk to a speck."""
    pictures = {}
    for page in chart_pages(built_html):
        shown_on = page.relative_to(built_html).as_posix()
        for picture in re.findall(r'<picture>.*?</picture>', page.read_text(encoding="utf-8"), re.S):
            for name in re.findall(r'(?:srcset|src)="([^"]+\.svg)"', picture):
                pictures[(page.parent / name).resolve()] = shown_on
    for_phones = [picture for picture in pictures if picture.name.endswith(".phone.svg")]
    assert {page.split("/")[0] for page in pictures.values()} >= {"chapters", *EDITIONS} and for_phones
    page = browser.new_page()
    faults = {}
    for picture, shown_on in pictures.items():
        page.goto(picture.as_uri())
        found = page.evaluate(TEXTS_OUTSIDE_AND_OVER_JS)
        if not found["texts"] or found["outside"] or found["over"] or found["specks"]:
            faults[f"{shown_on}: {picture.name}"] = found
    page.close()
    assert not faults, faults


# The article header's box, and what of it (the language switcher, the buttons) is drawn outside it.
HEADER_OVERFLOW_JS = """() => {
    const header = document.querySelector('.bd-header-article'), box = header.getBoundingClientRect();
    const outside = [...header.querySelectorAll('.up-languages a, .article-header-buttons .btn, .header-article-item')]
        .map(item => [item.textContent.trim() || item.className, item.getBoundingClientRect()])
        .filter(([, r]) => r.width > 0 && (r.top < box.top - 1 || r.bottom > box.bottom + 1
                                          || r.left < box.left - 1 || r.right > box.right + 1))
        .map(([name]) => name);
    return {height: box.height, outside};
}"""


def test_the_article_header_holds_the_language_switcher_and_its_buttons_on_a_phone_and_a_desktop(browser, built_html):
    """Scrolled, the sticky article header draws its language links and buttons inside its own box, never
    over the text beneath, in every edition, on a phone (scripts on and off) and a desktop; on a phone it
    is as tall before the theme's script shows its buttons as after."""
    found = {}
    for edition in ["", *EDITIONS]:
        page_path = built_html / edition / "chapters" / "02-islands.html"
        for width, scripts in ((PHONE["width"], True), (PHONE["width"], False), (1280, True)):
            context = browser.new_context(offline=True, viewport={"width": width, "height": 823},
                                          is_mobile=width == PHONE["width"], java_script_enabled=scripts)
            page = context.new_page()
            page.add_init_script("document.addEventListener('DOMContentLoaded', () => { window.upHeaderAtFirst ="
                                 " document.querySelector('.bd-header-article').getBoundingClientRect().height; });")
            page.goto(page_path.as_uri(), wait_until="load")
            if scripts:
                wait_for_scripts(page)
            page.evaluate("window.scrollTo(0, 1500)")
            header = page.evaluate(HEADER_OVERFLOW_JS)
            if scripts:
                header["at first"] = page.evaluate("window.upHeaderAtFirst")
            found[f"{edition or 'en'} {width} px, scripts {'on' if scripts else 'off'}"] = header
            context.close()
    assert all(not header["outside"] for header in found.values()), found
    assert all(header.get("at first", header["height"]) == header["height"] for header in found.values()), found


def test_a_region_that_starts_to_scroll_after_load_is_reachable_by_keyboard_at_once(browser, built_html):
    """The theme marks scrolling regions 300 ms after a change; a chart just drawn, or a font just loaded,
    can make one scroll in between, when a keyboard could not reach it."""
    context = new_context(browser, "light")
    page = context.new_page()
    page.goto((built_html / "chapters" / "02-islands.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    marked = page.evaluate("""() => {
        const region = document.querySelector('.pst-scrollable-table-container');
        region.tabIndex = -1;
        region.style.width = '120px';  // a style change: no content change for the theme to notice
        const before = region.tabIndex;
        document.dispatchEvent(new Event('up-chart-drawn'));
        return [before, region.tabIndex];
    }""")
    context.close()
    assert marked == [-1, 0]


TAB_STOPS_SET_LATER_JS = """(() => {
    window.upChanged = null;
    // From the end of the task that told the document (the book's own pass is done by then), on the
    // theme's regions.
    document.addEventListener('up-sheets-applied', () => queueMicrotask(() => {
        upChanged = [];
        new MutationObserver(changes => changes.forEach(change => {
            if (change.oldValue === change.target.getAttribute('tabindex')) return;
            if (!change.target.matches('pre, .cell_output > .output, .pst-scrollable-table-container')) return;
            const content = change.target.firstElementChild;
            upChanged.push({tag: change.target.tagName, className: change.target.className,
                            laidOut: !content || content.checkVisibility({contentVisibilityAuto: true})});
        })).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['tabindex'],
                                     attributeOldValue: true});
    }));
})()"""


def test_the_themes_start_finds_every_tab_stop_already_set_and_hidden_code_is_not_drawn(browser, built_html):
    """The theme's start sets each code block's and table frame's tabindex, then reads the next one's width: a
    change, or a block of hidden code whose width is asked, makes the browser work out that block's styles
    in the middle of it. The book sets the same tab stops first (after the style sheets apply), so the
    theme changes none, except a long part not laid out yet, which the book marks again at once; and a
    closed "Show code" is not drawn at all until it is opened."""
    context = browser.new_context(offline=True, viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(TAB_STOPS_SET_LATER_JS)
    page = context.new_page()
    page.goto((built_html / "chapters" / "02-islands.html").as_uri(), wait_until="load")
    wait_for_scripts(page)  # the theme's start ran as its script did: the page had loaded by then
    changed = page.evaluate("upChanged")
    hidden = page.locator("details.hide").first
    code_drawn = "getComputedStyle(document.querySelector('details.hide > .cell_input')).display !== 'none'" \
                 " && document.querySelector('details.hide pre').checkVisibility()"
    closed = page.evaluate(code_drawn)
    hidden.locator("summary").click()
    opened = page.evaluate(code_drawn)
    stops = page.evaluate("[...document.querySelectorAll('pre')].map(pre => pre.getAttribute('tabindex'))")
    context.close()
    assert stops and all(stop in ("0", "-1") for stop in stops), stops
    assert changed is not None, "the page never said its style sheets applied"
    assert all(not change["laidOut"] for change in changed), changed
    assert (closed, opened) == (False, True)


def laid_out_only_once_reached(page, path: Path, part: str, inside: str) -> str:
    """Open the page, check that the part (a selector) is not laid out, scroll to it and wait until it is;
    gives the script that tells whether it is laid out (read from an element `inside` it)."""
    page.goto(path.as_uri(), wait_until="load")
    wait_for_scripts(page)
    drawn = f"document.querySelector('{part} {inside}').checkVisibility({{contentVisibilityAuto: true}})"
    assert page.evaluate(drawn) is False
    page.evaluate(f"document.querySelector('{part}').scrollIntoView()")
    page.wait_for_function(drawn)
    return drawn


def test_a_long_page_lays_out_only_what_is_near_the_screen_and_its_wide_table_stays_reachable(browser, built_html):
    """The bibliography's entries and the chronology's table are laid out only when near the screen
    (html/later_layout.py), on screen; printed, all of them. On a phone the table is a column of blocks,
    each laid out when near. Wider, a table not laid out yet cannot show that it scrolls, so the keyboard
    must reach it all the same."""
    context = browser.new_context(offline=True, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    last_row_drawn = laid_out_only_once_reached(page, built_html / "chapters" / "chronology.html",
                                                "#tbl-chronology tbody tr:last-child", "td")
    # Each row is a part of its own: at the table's end its first rows are not laid out.
    assert page.evaluate(last_row_drawn.replace("last-child", "first-child")) is False
    last_entry_drawn = laid_out_only_once_reached(page, built_html / "chapters" / "bibliography.html",
                                                  ".up-references:last-of-type li:last-child", "p")
    page.evaluate("window.scrollTo(0, 0)")
    page.emulate_media(media="print")
    # The browser lifts a part's skipped state at its next update of the page, not at the media change.
    page.wait_for_function(last_entry_drawn, timeout=5_000)
    context.close()
    context = browser.new_context(offline=True, viewport={"width": 1350, "height": 940})
    page = context.new_page()
    page.goto((built_html / "chapters" / "chronology.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    table = page.locator(".pst-scrollable-table-container:has(#tbl-chronology)")
    table_drawn = "document.querySelector('#tbl-chronology').checkVisibility({contentVisibilityAuto: true})"
    assert page.evaluate(table_drawn) is False
    assert table.get_attribute("tabindex") == "0"
    table.focus()
    page.wait_for_function(table_drawn)
    assert page.evaluate("(region => region.scrollWidth > region.clientWidth)"
                         "(document.querySelector('.pst-scrollable-table-container:has(#tbl-chronology)'))")
    context.close()


def test_links_and_cross_references_resolve_offline(built_html):
    report = check_links(built_html)
    listed = built_html.parent / "external-links.txt"
    write_external_links(report, listed)
    print(f"external links (listed, not fetched), also in {listed}:\n" + listed.read_text(encoding="utf-8"))
    assert report.broken == []


# The suite is known to bite: a copy of a built page with a broken chart and a missing picture, a font
# from the internet, plotly.js loaded before a reader moves, an image without alt text and a dead link
# must fail every check that concerns it.

BROKEN_NAME = "broken-chart.html"


@pytest.fixture(scope="module")
def broken_book(built_html, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(built_html, copy)
    chapter = copy / "chapters" / "01-article.html"
    text = chapter.read_text(encoding="utf-8")
    # The first chart's spec is named by a file that is not there.
    assert text.count(' data-up-live="../_static/charts/') >= 1
    text = text.replace(' data-up-live="../_static/charts/', ' data-up-live="../_static/charts/missing-', 1)
    text = re.sub(r'(<div class="up-chart-picture"><picture>.*?srcset=")[^"]+', r"\1../_static/charts/missing.svg",
                  text, count=1, flags=re.S)
    text = re.sub(r'(<div class="up-chart-picture"><picture>.*?<img src=")[^"]+', r"\1../_static/charts/missing.svg",
                  text, count=1, flags=re.S)
    text = text.replace("</head>", '<link rel="stylesheet" href="https://fonts.example.org/font.css">'
                        '<script src="../_static/plotly.min.js"></script></head>', 1)
    text = text.replace('<article class="bd-article">',
                        '<article class="bd-article"><img src="../_static/missing.png"><a href="nowhere.html">x</a>', 1)
    (copy / "chapters" / BROKEN_NAME).write_text(text, encoding="utf-8")
    return copy


def test_the_checks_catch_a_broken_page(browser, broken_book):
    context = new_context(browser, "light")
    report = check_page(context, broken_book, broken_book / "chapters" / BROKEN_NAME)
    context.close()
    assert report.charts and report.undrawn == report.charts[:1]
    assert report.unpainted == report.charts[:1]
    assert report.tooltips[report.charts[0]] == ""
    assert any("could not be drawn" in error for error in report.errors)
    assert set(report.outside) == {"https://fonts.example.org/font.css"}
    assert report.plotly_before_reader
    assert any(" image-alt " in violation for violation in report.axe)
    assert any("missing.png" in problem for problem in report.no_alternative)
    broken = check_links(broken_book).broken
    assert any(problem.startswith(f"chapters/{BROKEN_NAME}: nowhere.html") for problem in broken)
    assert any("fonts.example.org" in url for url in check_links(broken_book).external)


def test_a_tap_is_answered_at_once_and_the_chart_it_reached_for_becomes_live_where_its_picture_was(browser,
                                                                                                   built_html):
    """A tap on a chart's picture says at once that the live chart is loading; plotly.js is fetched then,
    for that chart only, which takes the picture's place at its size (nothing below moves) and shows a
    point's values when tapped."""
    context = browser.new_context(offline=True, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((built_html / "chapters" / "01-article.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    card = page.locator(".up-chart").first
    card.scroll_into_view_if_needed()
    before = card.locator(".up-chart-picture").bounding_box()
    assert not any(url.endswith("plotly.min.js") for url in requested)
    card.locator(".up-chart-picture").tap()
    answer = card.evaluate("""card => [card.dataset.upState,
        getComputedStyle(card.querySelector('.up-chart-picture'), '::after').content]""")
    card.locator("[data-up-chart] svg.main-svg").first.wait_for(timeout=CHART_TIMEOUT_MS)
    page.wait_for_function("card => card.dataset.upState === 'drawn'", arg=card.element_handle())
    after = card.locator("[data-up-chart]").bounding_box()
    point = card.locator("[data-up-chart] .point").first
    point.tap(force=True)
    tooltip = card.locator(".hoverlayer .hovertext").first
    tooltip.wait_for(timeout=3_000)
    others = page.evaluate("[...document.querySelectorAll('.up-chart')].slice(1).map(c => c.dataset.upState || '')")
    context.close()
    assert answer[0] in ("waking", "drawn") and (answer[0] == "drawn" or "Loading" in answer[1]), answer
    assert sum(url.endswith("plotly.min.js") for url in requested) == 1
    assert abs(after["height"] - before["height"]) <= 2 and abs(after["y"] - before["y"]) <= 2, (before, after)
    assert set(others) <= {""}


def test_the_pointer_resting_on_a_chart_or_the_keyboard_reaching_it_makes_it_live(browser, built_html):
    context = new_context(browser, "light")
    page = context.new_page()
    page.goto((built_html / "chapters" / "02-islands.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    cards = page.locator(".up-chart")
    cards.nth(0).locator(".up-chart-picture").hover()
    page.wait_for_function("card => card.dataset.upState === 'drawn'", arg=cards.nth(0).element_handle(),
                           timeout=CHART_TIMEOUT_MS)
    # Passing over a chart is not reaching for it: the pointer then rests on another, which becomes live;
    # the one passed over, whose wait began earlier, is still a picture.
    cards.nth(2).locator(".up-chart-picture").hover()
    cards.nth(0).locator("[data-up-chart]").hover()
    cards.nth(1).locator(".up-chart-picture").hover()
    page.wait_for_function("card => card.dataset.upState === 'drawn'", arg=cards.nth(1).element_handle(),
                           timeout=CHART_TIMEOUT_MS)
    passed = cards.nth(2).get_attribute("data-up-state")
    page.mouse.move(0, 0)
    cards.nth(2).locator(".up-chart-picture").focus()
    page.wait_for_function("card => card.dataset.upState === 'drawn'", arg=cards.nth(2).element_handle(),
                           timeout=CHART_TIMEOUT_MS)
    focused_inside = cards.nth(2).evaluate("card => card.contains(document.activeElement)")
    context.close()
    assert passed is None and focused_inside


# The chronology's filter (unsigned-peace-filter.js): rows, count, chart and address follow the choices.

VISIBLE_ROWS_JS = """() => [...document.querySelectorAll('#tbl-chronology tbody tr')].filter(row => !row.hidden)
    .map(row => row.querySelector('.target').id)"""
HIDDEN_TEXT_JS = """() => [...document.querySelectorAll('#tbl-chronology tbody tr')].filter(row => row.hidden)
    .map(row => row.textContent.toLowerCase())"""


def events_of(category: str | None = None) -> list[str]:
    rows = read_rows(DATA / "events.csv")
    column = rows[0].index("category")
    return [row[0] for row in rows[1:] if category is None or row[column] == category]


def test_the_chronology_filter_shows_the_rows_chosen_counts_them_and_keeps_them_in_the_address(browser, built_html):
    total, treaties, summits = len(events_of()), events_of("treaty"), events_of("summit")
    context = new_context(browser, "light")
    page = context.new_page()
    # Opened from a shared link: the filter in the address is restored.
    page.goto((built_html / "chapters" / "chronology.html").as_uri() + "?category=treaty", wait_until="load")
    wait_for_scripts(page)
    category = page.get_by_label("Kind of event", exact=True)
    count = page.locator("output.up-filter-count")
    assert category.input_value() == "treaty"
    assert sorted(page.evaluate(VISIBLE_ROWS_JS)) == sorted(treaties)
    assert count.text_content() == f"Showing {len(treaties)} of {total} events"
    category.select_option("summit")
    assert sorted(page.evaluate(VISIBLE_ROWS_JS)) == sorted(summits)
    assert count.text_content() == f"Showing {len(summits)} of {total} events"
    assert urlsplit(page.url).query == "category=summit"
    # The timeline, drawn as it comes into view, dims the points of the events the filter hides.
    draw_every_chart(page)
    opacity = page.evaluate("""() => Object.fromEntries(document.querySelector('[data-up-chart]').data
        .flatMap(trace => trace.ids.map((id, i) => [id, trace.marker.opacity[i]])))""")
    assert {event_id for event_id, value in opacity.items() if value == 1} == set(summits)
    page.get_by_role("button", name="Clear filters").click()
    assert count.text_content() == f"Showing all {total} events" and urlsplit(page.url).query == ""
    page.get_by_label("Words in the event").press_sequentially("Irkutsk")
    shown = page.evaluate(VISIBLE_ROWS_JS)
    assert 0 < len(shown) < total and "2001-irkutsk-statement" in shown
    assert count.text_content() == f"Showing {len(shown)} of {total} events"
    assert not any("irkutsk" in text for text in page.evaluate(HIDDEN_TEXT_JS))
    assert urlsplit(page.url).query == "q=Irkutsk"
    context.close()


# Counts every use of the browser's number formatting, whose first use costs tens of milliseconds.
COUNT_NUMBER_FORMATTING_JS = """window.upNumberFormats = 0;
const toLocale = Number.prototype.toLocaleString;
Number.prototype.toLocaleString = function (...args) {
    window.upNumberFormats += 1;
    return toLocale.apply(this, args);
};
const NumberFormat = Intl.NumberFormat;
Intl.NumberFormat = function (...args) { window.upNumberFormats += 1; return new NumberFormat(...args); };"""


def test_the_chronology_filter_starts_without_work_a_page_that_chose_nothing_does_not_need(browser, built_html):
    """Opened with no choice, the filter shows itself and the count the page holds, and formats no number
    (the count is in the page already); a search then counts the rows it shows. (A choice in the address is
    applied at once: the test above.)"""
    context = new_context(browser, "light")
    context.add_init_script(COUNT_NUMBER_FORMATTING_JS)
    page = context.new_page()
    page.goto((built_html / "chapters" / "chronology.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    assert page.locator("form.up-filter").is_visible()
    assert page.locator("output.up-filter-count").text_content() == f"Showing all {len(events_of())} events"
    assert page.evaluate("window.upNumberFormats") == 0
    page.get_by_label("Words in the event").press_sequentially("Irkutsk")
    assert "2001-irkutsk-statement" in page.evaluate(VISIBLE_ROWS_JS)
    assert page.evaluate("window.upNumberFormats") > 0
    context.close()


def test_a_chapters_link_to_an_event_lands_on_its_row_even_through_a_filter_that_hid_it(browser, built_html):
    context = new_context(browser, "light")
    page = context.new_page()

    def row_on_screen(event_id: str) -> bool:
        return page.evaluate("""(id) => { const row = document.getElementById(id).closest('tr');
            const box = row.getBoundingClientRect();
            return !row.hidden && box.height > 0 && box.top < innerHeight && box.bottom > 0; }""", event_id)

    page.goto((built_html / "chapters" / "04-agreements.html").as_uri(), wait_until="load")
    wait_for_scripts(page)
    page.locator('a[href="chronology.html#1993-tokyo-declaration"]').click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).fragment == "1993-tokyo-declaration"
    page.wait_for_function("!document.querySelector('form.up-filter').hidden")
    assert row_on_screen("1993-tokyo-declaration")
    page.goto((built_html / "chapters" / "chronology.html").as_uri() + "?category=summit#1993-tokyo-declaration",
              wait_until="load")
    wait_for_scripts(page)
    page.wait_for_function("!document.querySelector('form.up-filter').hidden")
    assert row_on_screen("1993-tokyo-declaration")
    assert page.locator("output.up-filter-count").text_content() == f"Showing all {len(events_of())} events"
    context.close()


LAYOUT_SHIFTS_JS = """window.upShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(shift => window.upShifts.push(shift.value)))
    .observe({type: 'layout-shift', buffered: true});"""
LATE_SHEETS_JS = "[...document.querySelectorAll('noscript[data-up-sheets] ~ link[rel=stylesheet]')]"


# Every element's box in the page, from the top of the page, as whole pixels.
BOXES_JS = """() => [...document.body.querySelectorAll('*')].map(element => {
    const box = element.getBoundingClientRect();
    return [element.tagName + '.' + element.getAttribute('class'),
            ...[box.top + scrollY, box.left, box.width, box.height].map(Math.round)];
})"""
# The boxes as the sheets have just applied, before the scripts that wait for them start.
BOXES_WHEN_APPLIED_JS = f"""document.addEventListener('up-sheets-applied',
    () => {{ window.upBoxesApplied = ({BOXES_JS})(); }}, {{once: true}});"""


def boxes_moved(before: list, after: list) -> list:
    """The boxes that moved or changed size by more than a pixel, but for those with no area either time."""
    def empty(box):
        return box[3] == 0 or box[4] == 0

    return [(old, new) for old, new in zip(before, after, strict=True)
            if not (empty(old) and empty(new)) and any(abs(a - b) > 1 for a, b in zip(old[1:], new[1:]))]


def boxes_before_and_after_the_sheets(context, path: Path, sheets: int) -> tuple[list, list]:
    """The page's boxes drawn with its critical rules alone (its `sheets` style sheets held back until it
    has asked for all of them), and as the sheets have just applied."""
    page = context.new_page()
    page.add_init_script(BOXES_WHEN_APPLIED_JS)
    held, letting_in = [], []
    page.route(re.compile(r".*"), lambda route: held.append(route)
               if ".css" in route.request.url and not letting_in else route.continue_())
    page.goto(path.as_uri(), wait_until="domcontentloaded")
    for _ in range(200):  # until the page has asked for every sheet (the route sees each request)
        if len(held) >= sheets:
            break
        page.wait_for_timeout(25)
    assert len(held) == sheets, path
    before = page.evaluate(BOXES_JS)
    letting_in.append(True)
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.upBoxesApplied !== undefined")
    after = page.evaluate("window.upBoxesApplied")
    page.close()
    return before, after


# A phone (the reference) on every page; a desktop, where the sidebars show, on a chapter with charts and
# tables, the chronology with its filter, and the index.
@pytest.mark.parametrize("width, only", [(412, None),
                                         (1350, {"chapters/02-islands.html", "chapters/chronology.html",
                                                 "genindex.html"})])
def test_the_style_sheets_arriving_move_nothing_on_any_page(browser, built_html, width, only):
    """Every element a page shows at rest is styled by the critical rules in its head, so the sheets that
    follow change no box. When those rules covered only the first screen, the rest of a chapter was laid
    out again as the sheets arrived, in one frame of about 150 ms on a phone slowed 4x, and the page grew
    or shrank by up to 950 px under a reader who had begun to scroll."""
    context = browser.new_context(offline=True, viewport={"width": width, "height": 823})
    moved, checked = {}, 0
    for path in html_pages(built_html):
        name = path.relative_to(built_html).as_posix()
        late = re.search(r"<noscript data-up-sheets>(.*?)</noscript>", path.read_text(encoding="utf-8"), re.S)
        if not late or (only and name not in only):
            continue
        checked += 1
        if found := boxes_moved(*boxes_before_and_after_the_sheets(context, path, late[1].count('rel="stylesheet"'))):
            moved[name] = found[:3]
    context.close()
    assert checked == len(only) if only else checked > 10
    assert not moved, moved


# Resolves once the browser has drawn two more frames: what a change just made is on the screen.
TWO_FRAMES_DRAWN_JS = ("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
                       ".then(() => true)")
SHEETS_APPLIED_JS = "document.addEventListener('up-sheets-applied', () => { window.upSheetsApplied = true; });"


# What a page fetches besides its sheets and scripts: the icon font, the book's icon, the charts' pictures.
LATE_FILES = re.compile(r"\.(woff2|png|svg|webp|jpg)(\?.*)?$")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1350, "height": 823}])
def test_the_icon_font_and_the_pictures_arriving_late_move_nothing(browser, built_html, viewport):
    """Every box is sized before the file it shows arrives (a slow connection). Sized by a fallback glyph, the
    header's menu button grew by 6 px when the icon font came and the header's row moved 39 px; the book's
    icon, with no size, pushed the sidebar's navigation down 72 px when it came."""
    context = browser.new_context(offline=True, viewport=viewport)
    page = context.new_page()
    page.add_init_script(SHEETS_APPLIED_JS)
    held = []
    page.route(re.compile(r".*"), lambda route: held.append(route) if LATE_FILES.search(route.request.url)
               else route.continue_())
    page.goto((built_html / "chapters" / "02-islands.html").as_uri(), wait_until="domcontentloaded")
    page.wait_for_function("() => window.upSheetsApplied === true")
    wait_for_scripts(page)  # they add elements of their own (on a loaded machine, after the sheets applied)
    page.wait_for_function(TWO_FRAMES_DRAWN_JS)
    asked = {LATE_FILES.search(route.request.url)[1] for route in held}
    assert {"woff2", "png"} <= asked, asked
    before = page.evaluate(BOXES_JS)
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"', '\\uf0c9')"
                           " && [...document.images].every(image => image.loading === 'lazy' || image.complete)")
    page.wait_for_function(TWO_FRAMES_DRAWN_JS)
    after = page.evaluate(BOXES_JS)
    context.close()
    assert not boxes_moved(before, after), boxes_moved(before, after)[:3]


# Each element of the article now, by identity (scripts may add elements of their own), and its box later.
ARTICLE_BOXES_NOW_JS = """() => { window.upArticleElements = [...document.querySelectorAll('article.bd-article *')];
    return window.upArticleElements.length; }"""
ARTICLE_BOXES_AGAIN_JS = """() => window.upArticleElements.map(element => {
    const box = element.getBoundingClientRect();
    return [element.tagName + '.' + element.getAttribute('class'),
            ...[box.top + scrollY, box.left, box.width, box.height].map(Math.round)];
})"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1350, "height": 823}])
def test_the_chronology_filter_has_its_place_before_its_script_runs_and_none_without_scripts(browser, built_html,
                                                                                               viewport):
    """The filter's form takes its place from the first paint, so the scripts that come after it move nothing
    in the article: shown only once its script ran, it pushed the table down 180 px on a desktop (within the
    first screen), 305 px on a phone. With scripts off the form, which could not work, is not shown."""
    page_path = built_html / "chapters" / "chronology.html"
    context = browser.new_context(offline=True, viewport=viewport)
    page = context.new_page()
    page.add_init_script(SHEETS_APPLIED_JS)
    held = []
    page.route(re.compile(r".*"), lambda route: held.append(route) if urlsplit(route.request.url).path.endswith(".js")
               else route.continue_())
    page.goto(page_path.as_uri(), wait_until="commit")
    page.wait_for_function("() => window.upSheetsApplied === true")
    page.wait_for_function(TWO_FRAMES_DRAWN_JS)
    assert held and page.locator("form.up-filter").is_visible()
    page.evaluate(ARTICLE_BOXES_NOW_JS)
    before = page.evaluate(ARTICLE_BOXES_AGAIN_JS)
    for route in held:
        route.continue_()
    page.wait_for_function("!document.querySelector('form.up-filter').hidden")
    page.wait_for_function(TWO_FRAMES_DRAWN_JS)
    after = page.evaluate(ARTICLE_BOXES_AGAIN_JS)
    context.close()
    assert not boxes_moved(before, after), boxes_moved(before, after)[:3]
    context = browser.new_context(offline=True, java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="load")
    shown = page.locator("form.up-filter").is_visible()
    context.close()
    assert not shown


def test_the_style_sheets_fetched_after_the_first_screen_apply_together_and_move_nothing(browser, built_html):
    """The sheets come after the page's critical rules: one in without the next would override rules the next
    gives the last word (the primary sidebar's, say), and the page would shift, then shift back, as a
    reader on a desktop saw when the sheets arrived in separate frames. Here one is held back until the
    others are in."""
    context = browser.new_context(offline=True, viewport={"width": 1350, "height": 940})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS_JS)
    held = []
    page.route(re.compile(r".*"), lambda route: held.append(route) if "sphinx-book-theme.css" in route.request.url
               else route.continue_())
    page.goto((built_html / "chapters" / "06-positions.html").as_uri(), wait_until="domcontentloaded")
    page.wait_for_function(f"() => {LATE_SHEETS_JS}.length > 1 && {LATE_SHEETS_JS}"
                           ".filter(link => !link.href.includes('sphinx-book-theme.css')).every(link => link.sheet)")
    assert len(held) == 1
    applied_before = page.evaluate(f"() => {LATE_SHEETS_JS}.filter(link => link.media !== 'print').length")
    held[0].continue_()
    page.wait_for_function(f"() => {LATE_SHEETS_JS}.every(link => link.sheet && link.media !== 'print')")
    page.wait_for_function(TWO_FRAMES_DRAWN_JS)
    shifts = page.evaluate("window.upShifts")
    context.close()
    assert applied_before == 0
    assert sum(shifts) < 0.01, shifts


# Each table the book marks (html/phone_tables.py): the columns' names from its header row, and each shown
# cell after the first with the name its `::before` gives it.
MARKED_TABLES_JS = """() => [...document.querySelectorAll('table.up-phone-blocks')].map(table => {
  const frame = table.closest('.pst-scrollable-table-container') || table.parentElement;
  const names = [...table.tHead.rows[0].cells].map(cell => cell.textContent.replace(/\\s+/g, ' ').trim());
  const cells = [...table.tBodies[0].rows].flatMap(row => [...row.cells].slice(1)).filter(cell => cell.offsetHeight)
    .map(cell => [names[cell.cellIndex], getComputedStyle(cell, '::before').content]);
  const empty = [...table.querySelectorAll('td')].filter(cell => !cell.textContent.trim())
    .map(cell => cell.offsetHeight);
  return {id: table.id, display: getComputedStyle(table).display, columns: names.length,
          fits: frame.scrollWidth <= frame.clientWidth, cells, empty};
})"""


def test_on_a_phone_a_table_of_several_columns_reads_as_blocks_each_cell_under_its_columns_name(browser, built_html):
    """At 412 px a table of three columns or more squeezed its columns to a few words a line and ran off the
    screen, its caption cut with it. On a phone each row is a block, each cell named, in a page's tables and
    in the data behind its charts; off a phone the table is a table."""
    phone = browser.new_context(viewport=PHONE).new_page()
    desktop = browser.new_context(viewport={"width": 1350, "height": 940}).new_page()
    pages = [path for path in html_pages(built_html) if path.parts[len(built_html.parts)] not in EDITIONS]
    pages.append(built_html / "ru" / "chapters" / "06-positions.html")
    tables = 0
    for path in pages:
        if not re.search(r'<table class="[^"]*\bup-phone-blocks\b', path.read_text(encoding="utf-8")):
            continue
        phone.goto(path.as_uri(), wait_until="load")
        # Parts of a long page are laid out once near the screen (html/later_layout.py): here all at once.
        phone.add_style_tag(content=".pst-scrollable-table-container, tr { content-visibility: visible !important; }")
        phone.evaluate("document.querySelectorAll('.up-chart details').forEach(data => { data.open = true; })")
        for table in phone.evaluate(MARKED_TABLES_JS):
            tables += 1
            where = (path.name, table["id"])
            assert table["display"] == "block" and table["fits"] and table["columns"] >= 3, where
            assert table["cells"] and all(shown == f'"{name}"' for name, shown in table["cells"]), where
            assert not any(table["empty"]), where
        desktop.goto(path.as_uri(), wait_until="load")
        assert {table["display"] for table in desktop.evaluate(MARKED_TABLES_JS)} == {"table"}, path.name
    assert tables > 20
    # A row the chronology's filter hides stays hidden in its block.
    phone.goto((built_html / "chapters" / "chronology.html").as_uri(), wait_until="load")
    assert phone.evaluate("""() => { const row = document.querySelector('#tbl-chronology tbody tr');
                                     row.hidden = true; return row.offsetHeight; }""") == 0
    phone.context.close()
    desktop.context.close()
