"""The EPUB, built by the README's command (scripts/epub.sh) from the copy of the book that test_pdf.py and
test_browser.py read, after its HTML build: EPUBCheck's report, the package's metadata and table of
contents, and its pages as an e-reader gets them (every chart a picture with alt text, its source and
data; no script, no code; every link and image inside the file). The page checks are shown to bite on a
copy of a chapter broken on purpose.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import DATA, ROOT

from unsigned_peace.machinery.checks.epub import MAX_EPUB_BYTES, read_report, report_path
from unsigned_peace.machinery.shared.book_files import citation_file
from unsigned_peace.machinery.shared.data_dates import data_date
from unsigned_peace.schema import descriptor as read_descriptor

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EXTERNAL = ("http://", "https://", "mailto:")


def pinned(package: str) -> str:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return next(line.split("==")[1] for line in lines if line.startswith(f"{package}=="))


def package_files(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pages(files: dict[str, bytes]) -> dict[str, ElementTree.Element]:
    """Every XHTML page of the package, parsed as XML (an e-reader's parser forgives nothing)."""
    return {name: ElementTree.fromstring(data) for name, data in files.items() if name.endswith(".xhtml")}


def resolve(page: str, link: str) -> tuple[str, str]:
    target, _, fragment = link.partition("#")
    return (posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) if target else page), fragment


def ids(root: ElementTree.Element) -> set[str]:
    return {element.get("id") for element in root.iter() if element.get("id")}


def script_problems(parsed: dict[str, ElementTree.Element]) -> list[str]:
    problems = []
    for name, root in parsed.items():
        for element in root.iter():
            if element.tag == f"{XHTML}script":
                problems.append(f"{name}: a script")
            handlers = [attribute for attribute in element.attrib if attribute.lower().startswith("on")]
            if handlers:
                problems.append(f"{name}: an event handler ({', '.join(handlers)})")
    return problems


def code_problems(parsed: dict[str, ElementTree.Element]) -> list[str]:
    """Notebook code: a cell's input, or any highlighted code block."""
    return [f"{name}: code ({element.get('class')})" for name, root in parsed.items() for element in root.iter()
            if re.search(r"\b(cell_input|highlight(-\S+)?)\b", element.get("class") or "")]


def reference_problems(parsed: dict[str, ElementTree.Element], files: dict[str, bytes]) -> list[str]:
    """Every image and link that does not leave the file points at a file in it, and at an id there."""
    problems = []
    for name, root in parsed.items():
        for element in root.iter():
            link = element.get("src") or element.get("href")
            if not link or link.startswith(EXTERNAL):
                continue
            target, fragment = resolve(name, link)
            if target not in files:
                problems.append(f"{name}: {link} is not in the EPUB")
            elif fragment and target in parsed and fragment not in ids(parsed[target]):
                problems.append(f"{name}: {link} names no element of {target}")
    return problems


def image_problems(parsed: dict[str, ElementTree.Element]) -> list[str]:
    return [f"{name}: an image without alt text ({image.get('src')})" for name, root in parsed.items()
            for image in root.iter(f"{XHTML}img") if not (image.get("alt") or "").strip()]


def chart_pictures(root: ElementTree.Element) -> list[tuple[str, str]]:
    """(picture file, alt text) of each chart of an EPUB page, in order."""
    return [(posixpath.basename(image.get("src")), image.get("alt")) for image in root.iter(f"{XHTML}img")
            if "up-chart-picture" in (image.get("class") or "").split()]


def chart_data_tables(root: ElementTree.Element) -> list[ElementTree.Element]:
    """The data shown after the charts of a page, under its heading: a table, or a wide one's rows as blocks;
    or, for a chart whose rows are a table further down its page, that table, reached by the chart's link."""
    tables = []
    for parent in root.iter():
        children = list(parent)
        for heading, after in itertools.pairwise(children):
            if "up-chart-data-heading" in (heading.get("class") or "").split() and (
                    after.tag == f"{XHTML}table" or after.get("class") == "up-chart-records"):
                tables.append(after)
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    for pointer in root.iter(f"{XHTML}p"):
        if pointer.get("class") == "up-chart-data":
            link = pointer.find(f"{XHTML}a")
            target = by_id.get((link.get("href") or "").removeprefix("#")) if link is not None else None
            table = target if target is not None and target.tag == f"{XHTML}table" else (
                target.find(f".//{XHTML}table") if target is not None else None)
            if table is not None and len(table.findall(f".//{XHTML}tr")) > 1:
                tables.append(table)
    return tables


def html_charts(page: str) -> list[tuple[str, str]]:
    """(phone picture file, alt text) of each chart of a web page: the picture it shows first on a phone."""
    import html

    charts = re.findall(r'<source media="\(max-width: 640px\)" srcset="([^"]+)"[^>]*>\s*<img src="[^"]+" alt="([^"]*)"',
                        page)
    return [(posixpath.basename(source), html.unescape(alt)) for source, alt in charts]


@pytest.fixture(scope="session")
def epub_files(built_epub) -> dict[str, bytes]:
    return package_files(built_epub)


@pytest.fixture(scope="session")
def epub_pages(epub_files) -> dict[str, ElementTree.Element]:
    return pages(epub_files)


def test_epubcheck_finds_no_error_and_the_epub_is_small_enough(built_epub):
    assert built_epub.name == "unsigned-peace.epub"
    report = read_report(json.loads(report_path(built_epub).read_text(encoding="utf-8")))
    assert report.checker_version == pinned("epubcheck")
    assert report.counts["FATAL"] == 0 and report.counts["ERROR"] == 0, report.problems
    assert 0 < built_epub.stat().st_size <= MAX_EPUB_BYTES


def test_the_package_names_the_book_its_authors_language_edition_date_and_cover(epub_files):
    package = ElementTree.fromstring(epub_files["content.opf"])
    metadata = package.find(f"{OPF}metadata")
    cff = citation_file(ROOT)

    def values(tag: str) -> list[str]:
        return [element.text for element in metadata.iter(tag)]

    assert values(f"{DC}title") == [cff["title"]]
    assert values(f"{DC}creator") == ["; ".join(author["name"] for author in cff["authors"])]
    assert values(f"{DC}language") == ["en"]
    identifier = next(e for e in metadata.iter(f"{DC}identifier") if e.get("id") == package.get("unique-identifier"))
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier.text)
    assert values(f"{DC}date") == [data_date(DATA, read_descriptor(DATA))]
    cover_id = next(e.get("content") for e in metadata.iter(f"{OPF}meta") if e.get("name") == "cover")
    cover = next(item for item in package.iter(f"{OPF}item") if item.get("id") == cover_id)
    assert cover.get("media-type") == "image/png" and len(epub_files[cover.get("href")]) > 10_000


def test_the_package_says_how_the_book_can_be_read(epub_files):
    metadata = ElementTree.fromstring(epub_files["content.opf"]).find(f"{OPF}metadata")
    properties: dict[str, list[str]] = {}
    for meta in metadata.iter(f"{OPF}meta"):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert {"textual", "visual"} <= set(properties["schema:accessMode"])
    assert "textual" in properties["schema:accessModeSufficient"]
    features = set(properties["schema:accessibilityFeature"])
    assert {"alternativeText", "tableOfContents", "structuralNavigation"} <= features
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert len(properties["schema:accessibilitySummary"][0]) > 80


def test_the_table_of_contents_has_the_parts_and_their_numbered_chapters(epub_files, epub_pages):
    nav = epub_pages["nav.xhtml"].find(f".//{XHTML}nav")
    top = nav.find(f"{XHTML}ol").findall(f"{XHTML}li")
    parts = {item.find(f"{XHTML}a").text: item for item in top}
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        assert part["caption"] in parts, part["caption"]
        chapters = parts[part["caption"]].find(f"{XHTML}ol").findall(f"{XHTML}li")
        links = [chapter.find(f"{XHTML}a") for chapter in chapters]
        assert [link.get("href") for link in links] == [f"{entry['file']}.xhtml" for entry in part["chapters"]]
        if part.get("numbered"):
            assert all(re.match(r"\d+\. \S", link.text) for link in links), [link.text for link in links]
    assert not reference_problems({"nav.xhtml": epub_pages["nav.xhtml"]}, epub_files)


def test_every_chart_is_the_picture_the_web_page_shows_with_alt_text_source_and_data(built_html, epub_files,
                                                                                     epub_pages):
    charts = 0
    for name, root in epub_pages.items():
        web_page = built_html / Path(name).with_suffix(".html")
        expected = html_charts(web_page.read_text(encoding="utf-8")) if web_page.is_file() else []
        assert chart_pictures(root) == expected, name
        for picture, _alt in expected:
            assert epub_files[f"_images/{picture}"] == (built_html / "_static" / "charts" / picture).read_bytes()
        assert len(chart_data_tables(root)) == len(expected), name
        charts += len(expected)
    assert charts >= 10
    for name, root in epub_pages.items():
        # Each a numbered figure, as in the book, with the chart's source line under the picture.
        numbers = [span.text for span in root.iter(f"{XHTML}span") if span.get("class") == "caption-number"
                   and span.text.startswith("Fig.")]
        assert len(numbers) == len(chart_pictures(root)), name
        sources = [div for div in root.iter(f"{XHTML}div") if "up-source" in (div.get("class") or "").split()]
        assert len(sources) >= len(numbers), name


def test_no_script_no_code_and_nothing_outside_the_file(epub_files, epub_pages):
    assert not script_problems(epub_pages)
    assert not code_problems(epub_pages)
    assert not image_problems(epub_pages)
    assert not reference_problems(epub_pages, epub_files)
    assert not [name for name in epub_files if name.endswith((".js", ".json", ".csv", ".html"))]


def test_links_between_chapters_reach_their_rows_and_figures(epub_pages):
    links = [(name, anchor.get("href")) for name, root in epub_pages.items() for anchor in root.iter(f"{XHTML}a")
             if "#" in (anchor.get("href") or "") and not anchor.get("href").startswith(("#", *EXTERNAL))
             and name.startswith("chapters/")]
    assert any("chronology.xhtml#" in href for _name, href in links)
    assert len(links) > 20


# An e-reader's page (a 6-inch screen, in CSS pixels) and a phone's book app.
READER_SIZES = {"e-reader": {"width": 600, "height": 800}, "phone": {"width": 360, "height": 640}}

PAGE_STATE = """() => ({
    width: document.documentElement.scrollWidth,
    unloaded: [...document.images].filter(image => !(image.complete && image.naturalWidth > 0))
                                   .map(image => image.getAttribute("src")),
})"""


def test_every_page_fits_an_e_readers_and_a_phones_width_with_every_picture_drawn(built_epub, epub_files, browser,
                                                                                  tmp_path_factory):
    """As a reading system shows them: the pages of the unpacked EPUB in Chromium, with nothing fetched from
    outside the book, no page wider than the screen (a reading system cannot scroll sideways) and every
    picture there; a chart's picture is drawn, not blank."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(built_epub) as archive:
        archive.extractall(folder)
    spine = [name for name in epub_files if name.endswith(".xhtml")]
    outside = []
    for size_name, size in READER_SIZES.items():
        context = browser.new_context(offline=True, viewport=size)
        page = context.new_page()
        page.route(re.compile(r".*"), lambda route: route.continue_() if route.request.url.startswith("file://")
                   else (outside.append(route.request.url), route.abort()))
        for name in spine:
            page.goto((folder / name).as_uri())
            state = page.evaluate(PAGE_STATE)
            assert state["width"] <= size["width"], f"{name} is {state['width']} px wide on a {size_name}"
            assert not state["unloaded"], (name, state["unloaded"])
            charts = page.locator("img.up-chart-picture")
            if size_name == "e-reader" and charts.count():
                shot = folder / "chart.png"
                charts.first.screenshot(path=shot)
                colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 16)
                assert colours is None or len(colours) > 20, f"{name}: the chart's picture is blank"
        context.close()
    assert not outside


def test_the_page_checks_catch_a_broken_chapter(epub_files):
    broken = dict(epub_files)
    chapter = "chapters/01-article.xhtml"
    text = broken[chapter].decode("utf-8").replace(
        "</body>", '<script>alert(1)</script><p onclick="go()">x</p><div class="cell_input">code</div>'
                   '<img src="../_images/missing.svg"/><a href="chronology.xhtml#no-such-row">a row</a></body>')
    broken[chapter] = text.encode("utf-8")
    parsed = pages(broken)
    assert len(script_problems(parsed)) == 2
    assert code_problems(parsed) == [f"{chapter}: code (cell_input)"]
    assert image_problems(parsed) == [f"{chapter}: an image without alt text (../_images/missing.svg)"]
    assert sorted(reference_problems(parsed, broken)) == [
        f"{chapter}: ../_images/missing.svg is not in the EPUB",
        f"{chapter}: chronology.xhtml#no-such-row names no element of chapters/chronology.xhtml"]


def test_epubchecks_report_is_read_as_failing_on_an_error():
    report = read_report({"checker": {"checkerVersion": "5.3.0"}, "messages": [
        {"severity": "ERROR", "ID": "RSC-007", "message": "Referenced resource could not be found",
         "locations": [{"path": "chapters/01-article.xhtml", "line": 12}]},
        {"severity": "WARNING", "ID": "OPF-085", "message": "a warning", "locations": []}]})
    assert report.counts["ERROR"] == 1 and report.counts["WARNING"] == 1
    assert report.problems == ["ERROR RSC-007 chapters/01-article.xhtml:12: Referenced resource could not be found"]


def test_the_package_metadata_goes_where_sphinxs_template_puts_its_own():
    from sphinx.builders import epub3

    from unsigned_peace.machinery.epub.builder import EbookMetadataError, with_book_metadata

    template = (Path(epub3.__file__).parent.parent / "templates" / "epub3" / "content.opf.jinja").read_text()
    assert template.count("<dc:date>{{ date }}</dc:date>") == 1 and template.count("</metadata>") == 1
    opf = with_book_metadata("<metadata>\n<dc:date>2026-12-06T07:00:00Z</dc:date>\n</metadata>", "2026-11-30")
    assert "<dc:date>2026-11-30</dc:date>" in opf
    assert opf.index('<meta property="schema:accessibilitySummary">') < opf.index("</metadata>")
    with pytest.raises(EbookMetadataError):
        with_book_metadata("<metadata></metadata>", "2026-11-30")


def test_the_cover_page_the_book_overrides_still_has_its_image_in_a_content_block():
    import sphinx

    cover = (Path(sphinx.__file__).parent / "themes" / "epub" / "epub-cover.html").read_text(encoding="utf-8")
    assert "{% block content %}" in cover and "{{ image }}" in cover
