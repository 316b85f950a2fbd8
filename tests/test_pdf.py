"""The PDF, built by the README's command (scripts/pdf.sh) from a copy of the book, read back with poppler.

What the book holds (chapter titles, figures, Japanese and Russian names, code) is read from the book
itself: `_toc.yml`, each page's first heading, notebook cells and their `mystnb.figure` metadata, and
the HTML build of the same copy. The copy also gets the issue's sample names, 択捉島 and Итуруп, in
its prose and in a table, so that both paths through LaTeX are checked whatever the chapters say.

Needs TeX: scripts/pdf.sh installs it when run as root, and otherwise stops with the apt-get line.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import EDITIONS, PDF_SCRIPT, ROOT, copy_of_book, live_specs, read_rows

from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.checks.links import html_pages as book_pages
from unsigned_peace.machinery.checks.pdf_layout import layout_problems, read_pages
from unsigned_peace.machinery.pdf.latex import pdf_name
from unsigned_peace.machinery.pdf.short_captions import first_sentence

SCRIPTS = {"ja": r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+", "ru": r"[\u0400-\u04ff]+"}
CJK_OR_CYRILLIC = re.compile("|".join(SCRIPTS.values()))
# Iturup in Japanese: a name the PDF must print, set here in a font that lacks it.
JAPANESE_NAME = "択捉島"


def run(command, cwd: Path, env=None, timeout=1800) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env)


def html_pages(html: Path) -> dict[str, str]:
    return {str(p.relative_to(html)): p.read_text(encoding="utf-8") for p in book_pages(html)}


def edition_of(page: str) -> str:
    """The language of a page of the built book (a path from its root): an edition's pages are in its folder."""
    first = page.split("/", 1)[0]
    return first if first in EDITIONS else SOURCE_LANGUAGE


def is_redirect(text: str) -> bool:
    # Jupyter Book's index.html only forwards to the root page.
    return 'http-equiv="refresh"' in text.lower()


# --- What the book holds, read from its sources ----------------------------------------------


def toc_files(book: Path) -> list[Path]:
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entry):
        if isinstance(entry, dict):
            if "file" in entry:
                names.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                for child in entry.get(key, []):
                    walk(child)

    walk(toc)
    files = []
    for name in names:
        matches = [book / f"{name}{suffix}" for suffix in ("", ".md", ".ipynb") if (book / f"{name}{suffix}").is_file()]
        assert matches, f"_toc.yml names {name}, which is not in the book"
        files.append(matches[0])
    return files


def cells(path: Path) -> list[dict]:
    if path.suffix == ".ipynb":
        return [dict(c, source="".join(c["source"])) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    return [{"cell_type": "markdown", "source": path.read_text(encoding="utf-8"), "metadata": {}}]


def prose(path: Path) -> str:
    return "\n".join(c["source"] for c in cells(path) if c["cell_type"] == "markdown")


def first_heading(path: Path) -> str:
    match = re.search(r"^# +(.+?)\s*$", prose(path), re.M)
    assert match, f"{path.name} has no level-1 heading"
    return match.group(1)


def figure_count(book: Path) -> int:
    count = 0
    for path in toc_files(book):
        for cell in cells(path):
            if cell["cell_type"] == "code" and "figure" in cell.get("metadata", {}).get("mystnb", {}):
                count += 1
            if cell["cell_type"] == "markdown":
                count += len(re.findall(r"^(?:```|:::)\{figure\}", cell["source"], re.M))
    return count


def charts_drawn_with_raster(html: Path) -> int:
    """How many charts of the HTML book are heatmaps or fill bars with a pattern (read from their specs)."""
    specs = [json.dumps(spec, separators=(",", ":")) for page in book_pages(html) for spec in live_specs(page)]
    return sum(1 for spec in specs if re.search(r'"pattern":\{[^}]*"shape":"[^"]|"type":"heatmap"', spec))


def figure_labels(book: Path) -> list[str]:
    return [cell["metadata"]["mystnb"]["figure"]["name"]
            for path in toc_files(book) for cell in cells(path)
            if cell["cell_type"] == "code" and cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")]


def code_lines(book: Path) -> list[str]:
    """Lines of notebook code that could not pass for prose."""
    return [line.strip() for path in toc_files(book) for cell in cells(path) if cell["cell_type"] == "code"
            for line in cell["source"].splitlines()
            if len(line.strip()) >= 10 and re.search(r"[=(]|^\s*(?:import|from) ", line)]


TYPESET_QUOTES = str.maketrans({"’": "'", "‘": "'"})


def flat(text: str) -> str:
    """Whitespace folded, and apostrophes as typed: LaTeX prints a typed ' as a typographic ’."""
    return " ".join(text.translate(TYPESET_QUOTES).split())


# --- The build ------------------------------------------------------------------------------------


@dataclass
class Built:
    book: Path
    pdf: Path
    log: Path
    script: subprocess.CompletedProcess
    html_before_pdf: dict[str, str]
    html: dict[str, str]
    html_root: Path
    # What pdftotext read, by its options: each test asks for the same few texts.
    texts: dict[tuple, str] = field(default_factory=dict, repr=False)

    @property
    def tex(self) -> str:
        return self.pdf.with_suffix(".tex").read_text(encoding="utf-8")

    def text(self, *pages: int, layout: bool = False) -> str:
        options = ["-f", pages[0], "-l", pages[-1]] if pages else []
        if layout:
            options.append("-layout")
        key = tuple(map(str, options))
        if key not in self.texts:
            self.texts[key] = run(["pdftotext", "-enc", "UTF-8", *options, self.pdf, "-"], cwd=self.book).stdout
        return self.texts[key]

    def page_texts(self) -> list[str]:
        """The text of each page: pdftotext ends every page with a form feed, and reads a page alone
        (`-f n -l n`) as it reads it among the others."""
        return self.text().split("\f")[:-1]


@pytest.fixture(scope="module")
def built(builds, built_html, hostile_html) -> Built:
    """The session's book, built as the README publishes it (the PDF command, then the HTML book); as the
    HTML of a book with no PDF, the pages of the session's build of a part of the book (hostile_html)."""
    pending = builds("built_html")
    script = pending.wait(1)[0]
    book = pending.book
    pdf = book / "_build" / "latex" / pdf_name(book)
    return Built(book, pdf, pdf.with_suffix(".log"), script, html_pages(hostile_html), html_pages(built_html),
                 built_html)


def test_the_pdf_command_builds_an_a4_pdf_and_says_where(built):
    assert built.pdf.stat().st_size > 10_000
    assert f"The PDF is at {built.pdf}" in built.script.stdout
    info = run(["pdfinfo", built.pdf], cwd=built.book).stdout
    assert "(A4)" in info


def test_the_latex_log_has_no_missing_character_and_no_undefined_reference(built):
    log = built.log.read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert not re.search(r"undefined references|Reference `[^']*' on page \d+ undefined", log)


def test_nothing_is_printed_over_anything_nor_outside_the_type_area(built):
    """Read back with pdftotext -bbox: no word over another, none in the margins; the log: at most 10
    lines more than 5 pt too wide."""
    assert layout_problems(built.pdf, built.log) == []


def test_every_table_breaks_across_pages_with_columns_set_from_its_content(built):
    tables = re.findall(r"\\begin\{(longtable|tabulary|tabular)\}(\{[^\n]*)", built.tex)
    assert len(tables) >= 10
    for kind, spec in tables:
        assert kind == "longtable", spec
        assert spec.startswith(r"{>{\raggedright\arraybackslash}\X{"), spec
    assert re.search(r"\\endhead", built.tex)  # the header row repeats on every page


def test_links_the_prose_makes_to_its_figures_and_tables_print_as_their_numbers(built):
    """A chapter writes `[the table below](#tbl-claims)` (JupyterLab shows those words); the PDF, like the
    web page, prints the table's number ("Table 1.4") in its place."""
    linked = set()
    for chapter in sorted((built.book / "chapters").glob("*.ipynb")):
        for cell in json.loads(chapter.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                linked |= {(chapter.stem, label) for label in
                           re.findall(r"\]\(#((?:fig|tbl)-[a-z0-9-]+)\)", "".join(cell["source"]))}
    assert len(linked) >= 10
    for page, label in sorted(linked):
        target = rf"\detokenize{{chapters/{page}:{label}}}"
        assert re.search(rf"\{{(Fig\.\\@|Table) \\ref\{{{re.escape(target)}\}}\}}", built.tex), (page, label)


def test_the_claim_check_prints_as_one_block_per_claim(built):
    rows = read_rows(built.book / "data" / "claims.csv")
    text = built.text(layout=True)
    for claim_id in [row[rows[0].index("claim_id")] for row in rows[1:]]:
        # The claim's number, and beside it the claim led by its column's name.
        assert re.search(rf"^\s*{claim_id}\s+Claim \(TASS, 7 February 2022\): ", text, re.M), claim_id
    assert len(re.findall(r"^\s+Verdict: ", text, re.M)) == len(rows) - 1


def test_title_page_has_title_subtitle_data_date_and_version(built):
    config = yaml.safe_load((built.book / "_config.yml").read_text(encoding="utf-8"))
    version = json.loads((built.book / "data" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    title_page = flat(built.text(1))
    assert config["title"] in title_page
    assert config["sphinx"]["config"]["unsigned_peace_subtitle"] in title_page
    assert re.search(r"Data as of \d{1,2} [A-Z][a-z]+ \d{4}", title_page)
    assert f"Version {version}" in title_page


def test_a_caption_that_asks_the_reader_to_hover_says_it_is_for_the_web_version():
    """Captions print under the static charts too, where there is nothing to hover."""
    captions = [cell["metadata"]["mystnb"]["figure"].get("caption", "")
                for path in toc_files(ROOT) for cell in cells(path)
                if cell["cell_type"] == "code" and "figure" in cell.get("metadata", {}).get("mystnb", {})]
    asking = [caption for caption in captions if re.search(r"\bhover", caption, re.I)]
    assert asking, "no caption mentions hovering: the check looks at nothing"
    assert [caption for caption in asking if "in the web version" not in caption.lower()] == []


def test_contents_chapters_and_every_source_are_all_there(built):
    text, laid_out = flat(built.text()), flat(built.text(layout=True))
    contents = laid_out[laid_out.upper().index("CONTENTS"):]
    chapters = [first_heading(p) for p in toc_files(built.book)[1:]]
    # Each chapter is listed in the contents with its number and page, then opens with its title.
    listed = [c for c in chapters if re.search(r"\b(\d+) " + re.escape(c) + r" [. ]*\d+ ", contents)]
    assert listed == chapters
    assert [c for c in chapters if text.upper().count(c.upper()) < 2] == []
    # The root page's title is the book's, on the title page.
    assert first_heading(toc_files(built.book)[0]) in flat(built.text(1))
    # The bibliography lists every source with its id; ids are set in type that is never hyphenated.
    packed = "".join(text.split())
    assert [row[0] for row in read_rows(built.book / "data" / "sources.csv")[1:] if f"[{row[0]}]" not in packed] == []


def bookmarks(out_file: Path) -> list[tuple[int, str]]:
    """The PDF's bookmarks as hyperref records them: (level, title), with -1 for a part, 0 a chapter."""
    marks = []
    for level, title in re.findall(r"^\\BOOKMARK \[(-?\d+)\]\[-\]\{[^}]*\}\{(.*?)\}\{[^}]*\}%", out_file.read_text(),
                                   re.M):
        raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), title.encode("latin-1"))
        marks.append((int(level), raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode()))
    return marks


def test_a_reader_can_navigate_by_bookmarks_lists_and_running_heads(built):
    marks = bookmarks(built.pdf.with_suffix(".out"))
    chapters = [first_heading(p) for p in toc_files(built.book)[1:]]
    toc = yaml.safe_load((built.book / "_toc.yml").read_text(encoding="utf-8"))
    # A part's bookmark reads "I The report": its number, then its caption.
    assert [title.split(" ", 1)[1] for level, title in marks if level == -1] == [p["caption"] for p in toc["parts"]]
    assert [title for level, title in marks if level == 0 and title in chapters] == chapters
    assert sum(1 for level, _ in marks if level == 1) > len(chapters)
    front = flat(built.text(1, 12)).upper()
    assert "LIST OF FIGURES" in front and "LIST OF TABLES" in front
    lof = built.pdf.with_suffix(".lof").read_text(encoding="utf-8")
    assert lof.count("\\contentsline {figure}") == figure_count(built.book)
    # Each numbered chapter's pages carry its number and title at the head.
    heads = {" ".join(w.text for w in page.words if w.y1 < 60) for page in read_pages(built.pdf)}
    numbered = [c for c in chapters if re.search(r"\b\d+ " + re.escape(c), flat(built.text(1, 12)))]
    assert numbered and all(any(re.search(rf"\b\d+\. {re.escape(c)}\b", h) for h in heads) for c in numbered)


def test_the_list_of_figures_gives_each_captions_first_sentence_and_the_figure_all_of_it(built):
    lof = built.pdf.with_suffix(".lof").read_text(encoding="utf-8")
    entries = [entry.replace("\\sphinxhyphen {}", "-") for entry in
               re.findall(r"\\numberline \{[\d.]+\}\{\\ignorespaces (.*?)\}\}\{\d+\}\{figure", lof)]
    assert len(entries) == figure_count(built.book)
    captions = [cell["metadata"]["mystnb"]["figure"]["caption"]
                for path in toc_files(built.book) for cell in cells(path)
                if cell["cell_type"] == "code" and "caption" in cell.get("metadata", {}).get("mystnb", {}).get(
                    "figure", {})]
    longer = [caption for caption in captions if first_sentence(caption)]
    assert longer, "no caption goes on after its first sentence: the check looks at nothing"
    listed = flat(" ".join(entries))
    for caption in longer:
        assert flat(first_sentence(caption)) in listed
        rest = flat(caption[len(first_sentence(caption)):])
        assert rest not in listed
        assert rest.split(" ")[-1] in flat(built.text()), "the figure lost the rest of its caption"
    assert "hover" not in listed.lower()


def test_a_captions_first_sentence_ends_at_its_first_full_stop_after_any_bracket_or_quote():
    assert first_sentence("One sentence only.") is None
    assert first_sentence("Shares (the years differ, as the table shows). Orange: Shikotan.") == (
        "Shares (the years differ, as the table shows).")
    assert first_sentence("Drawn from 1:10m coastlines. Both lines are schematic.") == "Drawn from 1:10m coastlines."
    assert first_sentence("What each option means.\nIn the web version, hover.") == "What each option means."


def test_the_bibliography_is_set_ragged_right(built):
    from unsigned_peace.list_markup import REFERENCE_LIST_CLASS

    tex = built.tex
    assert rf"\newenvironment{{sphinxclass{REFERENCE_LIST_CLASS}}}{{\raggedright}}" in tex
    opened = [match.end() for match in re.finditer(rf"\\begin\{{sphinxuseclass\}}\{{{REFERENCE_LIST_CLASS}\}}", tex)]
    assert len(opened) >= 2, "the bibliography's lists are not in their container"
    assert all(tex[start:start + 200].lstrip().startswith(r"\begin{itemize}") for start in opened)


def pdf_language(pdf: Path) -> str | None:
    """The document's language (/Lang of its catalog), found in the file's objects, compressed or not."""
    raw = pdf.read_bytes()
    parts = [raw]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream[1]))
    for part in parts:
        if found := re.search(rb"/Lang\s*\((.*?)\)", part):
            return found[1].decode("latin-1")
    return None


def test_the_metadata_gives_title_author_subject_keywords_and_language(built):
    info = run(["pdfinfo", built.pdf], cwd=built.book).stdout
    config = yaml.safe_load((built.book / "_config.yml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((built.book / "CITATION.cff").read_text(encoding="utf-8"))
    assert re.search(rf"^Title: +{re.escape(config['title'])}$", info, re.M)
    assert re.search(rf"^Author: +{re.escape(config['author'])}$", info, re.M)
    assert re.search(rf"^Subject: +{re.escape(config['sphinx']['config']['unsigned_peace_subtitle'])}$", info, re.M)
    assert re.search(rf"^Keywords: +{re.escape('; '.join(citation['keywords']))}$", info, re.M)
    assert pdf_language(built.pdf) == config["sphinx"]["config"]["language"]


def test_japanese_and_russian_names_render(built):
    # Every island's Japanese and Russian names, which the islands chapter's table prints from the data,
    # and every word of those scripts in the chapters' prose.
    header, *islands = read_rows(built.book / "data" / "islands.csv")
    names = {flat(row[header.index(column)]) for row in islands for column in ("name_ja", "name_ru")}
    assert {script for name in names for script in ("ja", "ru") if re.search(SCRIPTS[script], name)} == {"ja", "ru"}
    for path in toc_files(built.book):
        names |= set(CJK_OR_CYRILLIC.findall(prose(path)))
    text = flat(built.text())  # a name in a table may wrap onto a second line
    assert sorted(n for n in names if n not in text) == []


def test_every_page_after_the_title_page_has_a_page_number(built):
    pages = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", built.pdf], cwd=built.book).stdout).group(1))
    texts = built.page_texts()
    assert len(texts) == pages
    for page in range(2, pages + 1):
        lines = [line.strip() for line in texts[page - 1].splitlines() if line.strip()]
        assert any(re.fullmatch(r"\d+|[ivxlc]+", line) for line in lines), f"page {page} has no number"


def test_no_code_in_the_pdf(built):
    text = flat(built.text())
    assert [line for line in code_lines(built.book) if flat(line) in text] == []


def test_figures_and_tables_are_numbered_as_in_the_html_book(built):
    html = " ".join(built.html.values())
    html_figures = len(re.findall(r'<span class="caption-number">Fig\. ', html))
    html_tables = len(re.findall(r'<span class="caption-number">Table ', html))
    assert html_figures == figure_count(built.book)
    text = flat(built.text())
    assert len(re.findall(r"Fig\. \d+\.\d+: ", text)) == html_figures
    assert len(re.findall(r"Table \d+\.\d+: ", text)) == html_tables


def test_every_figure_prints_as_vector_graphics(built):
    # Each chart is included as the vector PDF its build drew. The raster images allowed are the ones
    # plotly and Chromium make of their own accord: a heatmap's cells and a hatch pattern's tile, one
    # per chart that has either.
    rows = run(["pdfimages", "-list", built.pdf], cwd=built.book).stdout.splitlines()[2:]
    images = [row for row in rows if row.split()[2] == "image"]
    assert len(images) <= charts_drawn_with_raster(built.html_root), images
    included = [line for line in built.tex.splitlines() if "sphinxincludegraphics" in line]
    assert len(included) == figure_count(built.book)
    assert all(re.search(r"\{\{[0-9a-f]{20}\}\.pdf\}", line) for line in included), included


def test_each_figure_is_written_to_figures_and_offered_for_download_in_html(built):
    labels = figure_labels(built.book)
    assert labels
    html = built.book / "_build" / "html"
    for label in labels:
        png = built.book / "figures" / f"{label}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (built.book / "figures" / f"{label}.pdf").read_bytes()[:5] == b"%PDF-"
        served = html / "_static" / "figures" / f"{label}.png"
        assert served.read_bytes() == png.read_bytes()
        linking = [page for page, text in built.html.items() if f'_static/figures/{label}.png" download' in text]
        # One page in each edition offers it (an edition's own picture, from its own folder).
        assert sorted(edition_of(page) for page in linking) == sorted((SOURCE_LANGUAGE, *EDITIONS)), label
    assert sorted(p.stem for p in (built.book / "figures").glob("*.png")) == sorted(labels)


def test_html_links_to_the_pdf_on_every_page_once_it_is_built(built):
    html = built.book / "_build" / "html"
    assert not [page for page, text in built.html_before_pdf.items() if built.pdf.name in text]
    for page, text in built.html.items():
        if is_redirect(text):
            continue
        # Each edition's pages link its own PDF.
        language = edition_of(page)
        pdf = built.pdf.parent / pdf_name(built.book, language)
        links = re.findall(rf'href="([^"]*/{re.escape(pdf.name)})"', text)
        assert links, f"{page} does not link to the PDF"
        target = (html / page).parent / links[0]
        assert target.resolve().read_bytes() == pdf.read_bytes()


# --- Failures give one clear message ------------------------------------------------------------


def test_a_missing_glyph_fails_the_check(built, tmp_path):
    """The book's preamble with the switch to the Japanese font turned off after it, over one Japanese name:
    xelatex exits 0, the check does not."""
    book = tmp_path / "book"
    shutil.copytree(built.book / "data", book / "data")
    shutil.copy(built.book / "_config.yml", book / "_config.yml")
    latex = book / "_build" / "latex"
    shutil.copytree(built.pdf.parent, latex)
    tex = latex / built.pdf.with_suffix(".tex").name
    preamble = tex.read_text(encoding="utf-8").split(r"\begin{document}")[0]
    tex.write_text(preamble + "\\XeTeXinterchartokenstate=0\n" +
                   f"\\begin{{document}}\nThe largest island is Iturup ({JAPANESE_NAME}).\n\\end{{document}}\n",
                   encoding="utf-8")
    typeset = run(["xelatex", "-interaction=nonstopmode", tex.name], cwd=latex, timeout=300)
    assert typeset.returncode == 0
    result = run([sys.executable, "-m", "unsigned_peace", "check-pdf"], cwd=book)
    assert result.returncode == 1
    assert "missing characters, printed blank:" in result.stderr and "択 (U+629E" in result.stderr


@pytest.mark.slow
def test_a_wrong_latex_engine_stops_the_pdf_command_with_one_line(tmp_path):
    book = copy_of_book(tmp_path / "book")
    config = book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("latex_engine: xelatex", "latex_engine: pdflatex"),
                      encoding="utf-8")
    result = run([PDF_SCRIPT, book], cwd=book, timeout=600)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: latex_engine is 'pdflatex'; the book needs xelatex for its Japanese and Russian text: "
        "set `latex: latex_engine: xelatex` in _config.yml")


@pytest.mark.slow
def test_missing_tex_names_the_packages_to_install(tmp_path):
    result = run([sys.executable, "-m", "unsigned_peace", "check-pdf-setup"], cwd=ROOT,
                 env={"PATH": str(tmp_path)}, timeout=60)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "xelatex" in message and "apt-get install -y" in message and "texlive-xetex" in message


def test_the_title_page_prints_the_cover_map(built):
    assert "up-cover.pdf" in built.tex
    assert (built.pdf.parent / "up-cover.pdf").read_bytes().startswith(b"%PDF-")
    first_page = run(["pdfimages", "-f", "1", "-l", "1", "-list", built.pdf], cwd=built.book).stdout.splitlines()[2:]
    assert first_page == []  # the map is vector graphics, not an image
