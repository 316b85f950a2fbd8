"""The whole pipeline on a copy of the book: bad data stops the build; the built HTML works offline.

The browser checks of the built pages are in test_browser.py, the link check in test_links.py.
"""

import csv
import html
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pydata_sphinx_theme
import pytest
import yaml
from conftest import DATA, EDITIONS, ROOT, build, copy_of_book, read_rows, set_cell, with_small_coastline

from unsigned_peace.data import load_data
from unsigned_peace.escape import for_link_target
from unsigned_peace.language import LANGUAGE_ENV, SOURCE_LANGUAGE
from unsigned_peace.machinery.checks.links import html_pages
from unsigned_peace.machinery.commands import cli
from unsigned_peace.machinery.html.assets import plotly_bundle
from unsigned_peace.machinery.shared.data_dates import data_as_of
from unsigned_peace.machinery.shared.interface import fill, interface_texts
from unsigned_peace.machinery.shared.plotly_js import PLOTLY_JS
from unsigned_peace.numbers import figure_cell

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Java's quick compiler only (as EPUBCheck is run, unsigned_peace/machinery/checks/epub.py): the same
# report for a third of the CPU time; it needs a larger thread stack for the checker's HTML schema.
VNU_JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def test_a_bad_date_stops_a_rebuild_after_a_good_build(built_html, tmp_path):
    book = tmp_path / "book"
    # The book as its good build left it, less what the build's own check does not look at.
    shutil.copytree(built_html.parent.parent, book,
                    ignore=shutil.ignore_patterns("html", ".jupyter_cache", ".figure-cache", ".lean-assets"))
    set_cell(book / "data" / "events.csv", 1, "date", "2018-13-45")
    result = build(book)  # the stock `jupyter-book build`
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.rstrip().splitlines() == [
        'data/events.csv, line 2, column "date": "2018-13-45" is not a valid date; write it as YYYY-MM-DD, '
        "e.g. 1855-02-07",
        "build stopped",
    ]


@pytest.mark.slow
def test_the_validate_command_prints_one_line_and_fails(tmp_path, monkeypatch, capsys):
    book = copy_of_book(tmp_path / "book")
    with_small_coastline(book / "data")  # the whole coastline adds a second and nothing to what is checked
    set_cell(book / "data" / "events.csv", 2, "date", "2018-13-45")
    monkeypatch.chdir(book)
    assert cli.main(["validate"]) == 1
    assert capsys.readouterr().err.strip() == ('data/events.csv, line 3, column "date": "2018-13-45" is not a '
                                               "valid date; write it as YYYY-MM-DD, e.g. 1855-02-07")


def pages(html_root: Path) -> list[Path]:
    return html_pages(html_root)


def edition_of(page: Path, html_root: Path) -> str:
    """The language of a page of the built book: a published edition's pages are in its folder."""
    first = page.relative_to(html_root).parts[0]
    return first if first in EDITIONS else SOURCE_LANGUAGE


def in_edition(name: str, language: str) -> str:
    """A page's path in an edition's folder (the English edition's is the book's root)."""
    return name if language == SOURCE_LANGUAGE else f"{language}/{name}"


def test_a_clean_build_prints_no_other_librarys_log(builds, built_html):
    """Libraries that log at INFO (fontTools' subsetter, multiprocessing) stay out of the build's output,
    even though the theme's pygments styles turn the root logger on at INFO."""
    pdf_command, html_build = builds("built_html").results[:2]
    for result in (pdf_command, html_build):
        output = result.stdout + result.stderr
        assert "Using cached notebook" in output, "the build said nothing of the notebooks it read"
        assert not re.search(r"^(# \S+ \S+ INFO |\[INFO/)", output, re.M), f"library log lines: {result.args}"


def test_no_page_loads_anything_from_the_network(built_html):
    loaded = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:)?//', re.I)
    offenders = {str(p.relative_to(built_html)): loaded.findall(p.read_text(encoding="utf-8"))
                 for p in pages(built_html)}
    assert {page: hits for page, hits in offenders.items() if hits} == {}


def test_plotly_js_is_shipped_and_only_the_chart_script_names_it(built_html):
    shipped = (built_html / "_static" / "plotly.min.js").read_bytes()
    assert shipped == plotly_bundle().read_bytes() and plotly_bundle() != PLOTLY_JS
    assert "plotly.min.js" in (built_html / "_static" / "unsigned-peace-charts.js").read_text(encoding="utf-8")
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        # No page loads plotly.js itself: the chart script fetches it once a chart nears the view.
        assert "plotly.min.js" not in text, page
        assert ("unsigned-peace-charts.js" in text) == ("data-up-chart" in text), page
    assert "data-up-chart" in (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8")


def test_no_script_file_blocks_a_page_from_rendering(built_html):
    # The inline scripts that set the page's options run, deferred as modules, right after the options' file.
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        blocking = [tag for tag in re.findall(r"<script\b[^>]*(?<![\w-])src=[^>]*>", text)
                    if "defer" not in tag and "async" not in tag]
        assert blocking == [], page
        if "documentation_options.js" not in text:  # the root's forwarding page has no scripts
            continue
        setting = re.findall(r"<script\b([^>]*)>[^<]*DOCUMENTATION_OPTIONS\.", text)
        assert setting and set(setting) == {' type="module"'}, page
        assert text.index("documentation_options.js") < text.index("DOCUMENTATION_OPTIONS.pagename"), page


def test_the_search_index_is_loaded_by_the_search_page_alone(built_html):
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert ("searchindex.js" in text) == (page.name == "search.html"), page


def test_sphinx_design_and_togglebutton_assets_only_on_pages_that_use_them(built_html):
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        # What the page shows, not the rules in its head (which name the components' classes too).
        markup = re.sub(r"<style\b[^>]*>.*?</style>", "", text, flags=re.S)
        uses_design = re.search(r'class="[^"]*\bsd-', markup) is not None
        assert ("sphinx-design" in text) == uses_design and ("design-tabs.js" in text) == uses_design, page
        uses_toggles = re.search(r'class="(?:[^"]*\s)?toggle(?:\s[^"]*)?"|admonition[^"]*dropdown', markup) is not None
        assert ("togglebutton" in text) == uses_toggles, page


def test_pages_load_no_font_awesome_script_and_preload_nothing_but_load_the_themes_scripts_once(built_html):
    theme_scripts = ("_static/scripts/bootstrap.js", "_static/scripts/pydata-sphinx-theme.js")
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text and 'rel="preload"' not in text, page
        if 'http-equiv="refresh"' in text:  # index.html forwards to the first chapter and loads nothing
            continue
        assert all(len(re.findall(rf'<script data-up-src="[./]*{re.escape(script)}\?digest=', text)) == 1
                   for script in theme_scripts), page
        assert text.index("noscript[data-up-sheets]") < text.index(theme_scripts[0]), page


def test_the_themes_and_extensions_scripts_wait_for_the_first_screen_and_the_books_own_do_not(built_html):
    """Script files other than the options' and the book's own are named in data-up-src, never in src (the
    page adds them once its first screen is drawn), and each names a file of the book."""
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text or "data-up-critical" not in text:
            continue
        fetched = re.findall(r'<script\b[^>]*?\ssrc="([^"?]+)', text)
        waiting = re.findall(r'<script\b[^>]*?\sdata-up-src="([^"?]+)', text)
        assert waiting and all((page.parent / address).is_file() for address in waiting), page
        own = {name for address in fetched if (name := Path(address).name).startswith("unsigned-peace")}
        if page.name != "search.html":  # its template writes its scripts itself, deferred
            assert {Path(address).name for address in fetched} <= {"documentation_options.js", *own}, page
        expected = {"bootstrap.js", "pydata-sphinx-theme.js", *(["doctools.js"] if page.name != "search.html" else [])}
        assert expected <= {Path(address).name for address in waiting}, page


def test_style_sheets_and_icon_fonts_are_cut_to_what_the_pages_use(built_html):
    from fontTools.ttLib import TTFont

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    shipped_css = built_html / "_static" / "styles" / "pydata-sphinx-theme.css"
    assert shipped_css.stat().st_size < (theme / "styles" / "pydata-sphinx-theme.css").stat().st_size / 2
    font = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
    assert (built_html / "_static" / font).stat().st_size < (theme / font).stat().st_size / 10
    # Every icon the book's own sheet draws is still in the cut-down font.
    drawn = {int(code, 16) for code in re.findall(r'content: "\\(f[0-9a-f]{3})"',
                                                 (built_html / "_static" / "icons.css").read_text(encoding="utf-8"))}
    assert drawn and drawn <= set(TTFont(built_html / "_static" / font).getBestCmap())
    # What the pages show is styled still: the rules for classes they use survived.
    for rule in (".bd-sidebar-primary", ".search-button-field", "html[data-theme=dark]"):
        assert rule in shipped_css.read_text(encoding="utf-8"), rule


def test_the_data_page_is_generated_from_the_package_description(built_html):
    text = (built_html / "chapters" / "data.html").read_text(encoding="utf-8")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        rows = len((DATA / resource["path"]).read_text(encoding="utf-8").splitlines()) - 1
        assert f'href="../_downloads/data/{resource["path"]}"' in text
        assert f"<td><p>{rows:,}</p></td>" in text
        if "translates" in resource:  # the translation tables, described together
            continue
        assert resource["title"] in text and resource["description"] in text
        for spec in resource["schema"]["fields"]:
            assert f'<span class="pre">{spec["name"]}</span>' in text, spec["name"]
    assert 'href="../_downloads/data/datapackage.json"' in text


def test_the_introduction_gives_the_datas_date_and_latest_event_from_the_data(built_html):
    import csv

    from unsigned_peace.dates import format_date

    with (DATA / "sources.csv").open(encoding="utf-8") as handle:
        accessed = max(row["date_accessed"] for row in csv.DictReader(handle))
    with (DATA / "events.csv").open(encoding="utf-8") as handle:
        latest = max(csv.DictReader(handle), key=lambda row: row["date"])
    import datetime

    page = (built_html / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert f"as of {format_date(datetime.date.fromisoformat(accessed))}" in page
    assert f"records is of {format_date(datetime.date.fromisoformat(latest['date']), latest['date_precision'])}" in page


def test_the_data_page_counts_the_sources_of_each_kind(built_html):
    import csv

    from unsigned_peace.schema import field_codebook

    with (DATA / "sources.csv").open(encoding="utf-8") as handle:
        sources = list(csv.DictReader(handle))
    page = (built_html / "chapters" / "data.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "The sources the book uses, by kind" in text
    for kind, entry in field_codebook("sources", "kind").items():
        of_kind = [s for s in sources if s["kind"] == kind]
        copies = sum(1 for s in of_kind if s["read_at"])
        assert f" {entry.label} {len(of_kind):,} {copies:,} " in text, entry.label


def test_every_page_has_one_meta_description_from_its_own_opening_text(built_html):
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]*)"', text)
        assert len(found) == 1, page
        described = html.unescape(found[0])
        assert 40 <= len(described) <= 160, (page, described)
        main = re.search(r"<main\b.*?</main>", text, re.S)
        if main and re.search(r"<p>", main.group(0)) and "genindex" not in page.name and "search" not in page.name:
            prose = " ".join(html.unescape(re.sub(r"<[^>]+>", "", main.group(0))).split())
            assert described.removesuffix("…") in prose, (page, described)


def test_every_page_tells_a_phone_its_width_once(built_html):
    # Sphinx's layout, docutils' writer and the theme's head each wrote one; more than one leaves a browser to pick.
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        found = re.findall(r'<meta name="viewport" content="([^"]*)"', text)
        assert len(found) == 1, (page, found)
        assert "width=device-width" in found[0], page


def test_the_forwarding_pages_name_the_books_icon_so_no_browser_asks_the_server_for_another(built_html):
    forwarding = [page for page in pages(built_html) if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")]
    assert {page.relative_to(built_html).as_posix() for page in forwarding} >= {"index.html"}
    for page in forwarding:
        icons = re.findall(r'<link rel="icon" href="([^"]+)">', page.read_text(encoding="utf-8"))
        assert len(icons) == 1, page
        assert (page.parent / icons[0]).is_file(), (page, icons[0])


def test_the_claim_check_page_carries_a_claim_review_per_claim_as_json_ld(built_html, monkeypatch):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    found = {}
    for page in pages(built_html):
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"),
                             re.S)
        if scripts:
            found[page.relative_to(built_html).as_posix()] = [json.loads(script) for script in scripts]
    # The claim check's page in each edition, its claims and its authors in the edition's words.
    editions = (SOURCE_LANGUAGE, *EDITIONS)
    article = "chapters/01-article.html"
    assert sorted(found) == sorted(in_edition(article, language) for language in editions)
    for language in editions:
        monkeypatch.setenv(LANGUAGE_ENV, language)
        claims = load_data("claims").claims
        assert len(found[in_edition(article, language)]) == 1
        items = found[in_edition(article, language)][0]["@graph"]
        assert [item["identifier"] for item in items] == claims["claim_id"].tolist()
        assert [item["claimReviewed"] for item in items] == claims["claim"].tolist()
        assert {item["author"]["name"] for item in items} == {interface_texts(ROOT, language)(config["author"])}
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["datePublished"]) for item in items)
        assert all(item["reviewRating"]["alternateName"] for item in items)


def test_no_paragraph_sits_inside_a_summary(built_html):
    """A <summary> holds phrasing content only: the code toggles' labels are spans."""
    for page in pages(built_html):
        summaries = re.findall(r"<summary\b[^>]*>(.*?)</summary>", page.read_text(encoding="utf-8"), re.S)
        assert not [s for s in summaries if re.search(r"<(p|div|table|ul|ol|h\d)\b", s)], page
    assert any("admonition-title" in s for s in re.findall(
        r"<summary\b[^>]*>(.*?)</summary>", (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8"),
        re.S))


def test_every_page_has_one_search_field(built_html):
    """The sidebar's; the header keeps only its icon, which shows where the sidebar folds away."""
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        assert text.count('class="btn search-button-field') == 1, page


def assert_rows_are_in_the_table(rows: list[list[str]], page_html: str, table_id: str, page_name: str) -> None:
    """Each of a chart's data rows is the row of the same place in the table `table_id` of the page: every
    column they share holds the same text, except the list of sources (the last column), which the table may
    extend."""
    table = re.search(rf'<table [^>]*id="{re.escape(table_id)}"[^>]*>(.*?)</table>', page_html, re.S).group(1)

    def cells(row: str) -> list[str]:
        return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).split())
                for cell in re.findall(r"<t[hd](?: [^>]*)?>(.*?)</t[hd]>", row, re.S)]

    header, *body = [cells(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
    assert len(body) == len(rows) - 1 and set(rows[0]) <= set(header), (page_name, table_id)
    *shared, sources = rows[0]
    for chart_row, table_row in zip(rows[1:], body, strict=True):
        listed = dict(zip(header, table_row, strict=True))
        assert [listed[column] for column in shared] == [" ".join(c.split()) for c in chart_row[:-1]], page_name
        assert set(chart_row[-1].split("; ")) <= set(listed[sources].split("; ")), (page_name, chart_row[0])


def test_each_figure_offers_the_rows_it_draws_as_csv_beside_its_image(built_html):
    offered = Counter()
    for page in pages(built_html):
        text = page.read_text(encoding="utf-8")
        for figure in re.findall(r"<figure\b.*?</figure>", text, re.S):
            links = {suffix: href for href, suffix in re.findall(r'<a href="([^"]+)" download="[^"]+\.(png|csv)"',
                                                                   figure)}
            if "png" not in links:
                continue
            assert "csv" in links, (page.name, figure[:200])
            with (page.parent / links["csv"]).open(encoding="utf-8", newline="") as handle:
                offered_rows = list(csv.reader(handle))
            own = re.search(r'<table class="up-chart-table[" ][^>]*>(.*?)</table>', figure, re.S)
            if own:
                shown = [[html.unescape(cell) for cell in re.findall(r"<t[hd](?: [^>]*)?>(.*?)</t[hd]>", row, re.S)]
                         for row in re.findall(r"<tr>(.*?)</tr>", own.group(1), re.S)]
                # The file keeps each figure as the data gives it; the page writes it in its edition's symbols.
                language = edition_of(page, built_html)
                assert [[figure_cell(cell, language=language) for cell in row] for row in offered_rows] == shown, (
                    page.name, links["csv"])
            else:  # the chart points to the table on its page that lists its rows
                target = re.search(r'<p class="up-chart-data"><a href="#([^"]+)">', figure).group(1)
                assert_rows_are_in_the_table(offered_rows, text, target, page.name)
            assert Path(links["csv"]).stem == Path(links["png"]).stem
            offered[edition_of(page, built_html)] += 1
    # Each edition offers each of its figures once, from its own folder.
    for language in (SOURCE_LANGUAGE, *EDITIONS):
        figures = built_html / in_edition("_static/figures", language)
        assert offered[language] == len(list(figures.glob("*.png"))) > 0, language


def test_every_page_says_how_to_cite_it_and_offers_bibtex_and_ris(built_html, monkeypatch):
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    cited = Counter()
    for page in pages(built_html):
        # In the page's edition: its words, and the data's date as its language writes it.
        language = edition_of(page, built_html)
        monkeypatch.setenv(LANGUAGE_ENV, language)
        texts = interface_texts(ROOT, language)
        as_of = fill(texts("Data as of {date}"), date=data_as_of(DATA, descriptor))
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="up-cite">(.*?)</div>', text, re.S)
        if not re.search(r"<main\b", text) or page.name in ("genindex.html", "search.html"):
            assert not blocks, page.name
            continue
        assert len(blocks) == 1, page.name
        heading = re.search(r'<h1>(?:<span class="section-number">[^<]*</span>)?(.*?)<a class="headerlink"', text)
        title = html.unescape(heading.group(1))
        words = html.unescape(re.sub(r"<[^>]+>", "", blocks[0]))
        assert as_of in words, page
        files = dict((kind, page.parent / href) for href, kind in re.findall(r'href="([^"]+)" download>(BibTeX|RIS)<',
                                                                          blocks[0]))
        bibtex, ris = files["BibTeX"].read_text(encoding="utf-8"), files["RIS"].read_text(encoding="utf-8")
        if page.stem == "intro":
            assert bibtex.startswith("@book{") and texts("Cite this book") in words
        else:
            assert bibtex.startswith("@incollection{") and texts("Cite this chapter") in words
            assert fill(texts("“{chapter}”. In {book}").split("{book}")[0], chapter=title) in words, (page, title)
            assert f"TI  - {title}\n" in ris, (page, title)
        flat = " ".join(as_of.split())  # the files fold every kind of space into one
        assert f"note = {{{flat}}}" in bibtex and f"N1  - {flat}\n" in ris
        cited[language] += 1
    assert all(cited[language] >= 10 for language in (SOURCE_LANGUAGE, *EDITIONS)), cited


def test_every_page_is_valid_html_to_the_nu_html_checker(built_html):
    """The W3C's checker (vnu-jar from npm, run with Java) finds no error on any page."""
    pages_ = [str(page) for page in pages(built_html)]
    result = subprocess.run(["java", *VNU_JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages_],
                            capture_output=True, text=True, timeout=300)
    errors = (result.stdout + result.stderr).replace(str(built_html) + "/", "").strip()
    assert result.returncode == 0 and not errors, errors[:4000]


def test_the_prose_shows_numbers_and_numbered_references_where_the_notebooks_write_expressions_and_links(built_html):
    page = (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8")
    # {eval}`article_event_count`, resolved from the glued value; [The timeline below](#fig-article-timeline)
    # as the book numbers it; the words of a count, glued as words.
    assert re.search(r'the article points to <span class="pasted-text">\d+</span> dated events', page)
    assert '<a class="reference internal" href="#fig-article-timeline"><span class="std std-numref">Fig. 1.1</span>' \
        in page
    assert re.search(r'<span class="pasted-text">\w+</span> need nuance', page)
    for chapter in pages(built_html):
        assert "{eval}" not in chapter.read_text(encoding="utf-8"), chapter.name


def test_every_event_row_of_the_chronology_has_its_anchor_once_and_only_that_page_loads_the_filter(built_html):
    page = (built_html / "chapters" / "chronology.html").read_text(encoding="utf-8")
    ids = [row[0] for row in read_rows(DATA / "events.csv")[1:]]
    rows = re.findall(r"<tr\b.*?</tr>", page, re.S)
    anchored = [re.findall(r'<span class="target" id="([^"]+)"></span>', row) for row in rows]
    assert sorted(found[0] for found in anchored if found) == sorted(ids)
    assert all(page.count(f'id="{event_id}"') == 1 for event_id in ids)
    assert page.count("data-up-filter") == 1
    for other in pages(built_html):
        text = other.read_text(encoding="utf-8")
        assert ("unsigned-peace-filter.js" in text) == ("data-up-filter" in text), other
    # A chapter links the texts it discusses to their rows (the link check proves they resolve).
    chapter = (built_html / "chapters" / "04-agreements.html").read_text(encoding="utf-8")
    assert 'href="chronology.html#1956-soviet-japanese-joint-declaration"' in chapter
    # The claim check links each claim to the events it rests on.
    article = (built_html / "chapters" / "01-article.html").read_text(encoding="utf-8")
    claims = read_rows(DATA / "claims.csv")
    cited = {event_id for row in claims[1:] for event_id in row[claims[0].index("event_ids")].split(";")}
    assert cited <= set(re.findall(r'href="chronology.html#([^"]+)"', article))


def test_the_bibliography_links_every_source_to_its_address_as_the_data_gives_it(built_html):
    # A query string's `&` once reached the page escaped twice (`&amp;amp;`): a link to another page.
    page = (built_html / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    links = {html.unescape(link) for link in re.findall(r'<a class="reference external" href="([^"]+)"', page)}
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        addresses = [row["url"] for row in csv.DictReader(handle)
                     if row["url"].startswith("http") and f"[{row['source_id']}]" in page]
    assert any("&" in address for address in addresses)
    assert [address for address in addresses if for_link_target(address) not in links] == []
