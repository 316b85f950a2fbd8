"""The PDF of each published translated edition (`_build/latex/unsigned-peace-ja.pdf`, `-ru.pdf`), built by the
README's command (scripts/pdf.sh) beside the English one, from the same copy of the book that test_pdf.py reads,
and read back with poppler.

These run only once an edition is published (PUBLISHED_EDITIONS in unsigned_peace/language.py): scripts/pdf.sh
then builds its PDF, installing what its language needs (scripts/apt-pdf-<language>.txt). Each checks what the
English PDF's tests check of the same kind, in the edition's language: no missing glyph, the language's
hyphenation, its fonts embedded, its island names and the other script's, its title page and contents, its HTML
edition linking it; and a missing glyph fails the check with the edition's engine too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EDITIONS, read_rows

from unsigned_peace.language import ENGLISH_NAMES
from unsigned_peace.machinery.checks.links import html_pages
from unsigned_peace.machinery.content.cite import DATA_AS_OF, VERSION
from unsigned_peace.machinery.pdf.latex import CONTENTS, ENGINE, ENGINES, built_pdf, check_built_pdf, pdf_name
from unsigned_peace.machinery.shared.interface import interface_texts
from unsigned_peace.machinery.shared.translations import edition_build
from unsigned_peace.machinery.steps.editions import edition_config

pytestmark = pytest.mark.skipif(not EDITIONS, reason="no translated edition is published yet")

# The faces each edition's PDF must embed: its own script's and the other one's, which it quotes (a Russian
# quotation in the Japanese PDF, a Japanese name in the Russian one).
EMBEDDED = {"ja": ("HaranoAjiMincho", "HaranoAjiGothic", "FreeSerif"), "ru": ("FreeSerif", "NotoSerifCJKjp")}
# What the check must catch with each engine: the book's preamble with the Japanese face switched off after it.
WITHOUT_JAPANESE_FACE = {"xelatex": r"\XeTeXinterchartokenstate=0", "lualatex": r"\ltjsetparameter{jacharrange={-6}}"}
JAPANESE_NAME = "択捉島"


def run(command, cwd: Path, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def flat(text: str) -> str:
    """Whitespace folded, and a word hyphenated at a line's end joined again."""
    return " ".join(re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text).split())


@dataclass
class Edition:
    language: str
    book: Path
    pdf_command_output: str

    @property
    def pdf(self) -> Path:
        """The PDF beside the English one, where scripts/pdf.sh leaves it."""
        return self.book / "_build" / "latex" / pdf_name(self.book, self.language)

    @property
    def built(self) -> Path:
        """The PDF where the edition's build left it, its LaTeX log beside it."""
        return built_pdf(self.book, self.language)

    @property
    def log(self) -> str:
        return self.built.with_suffix(".log").read_text(encoding="utf-8", errors="replace")

    def text(self, *pages: int) -> str:
        options = ["-f", pages[0], "-l", pages[-1]] if pages else []
        return run(["pdftotext", "-enc", "UTF-8", *options, self.pdf, "-"], cwd=self.book).stdout

    def texts(self, message: str) -> str:
        return interface_texts(self.book, self.language)(message)


@pytest.fixture(scope="module", params=EDITIONS)
def edition(request, builds, built_html) -> Edition:
    """A published edition's PDF, from the session's book built as the README publishes it (test_pdf.py's)."""
    pending = builds("built_html")
    script = pending.wait(1)[0]
    return Edition(request.param, pending.book, script.stdout)


@pytest.fixture(scope="module")
def edition_html(edition, built_html) -> Path:
    """The edition's HTML book, beside the English one."""
    return built_html / edition.language


def test_the_pdf_command_builds_each_editions_a4_pdf_beside_the_english_one_and_says_where(edition):
    assert edition.pdf.name == f"unsigned-peace-{edition.language}.pdf"
    assert edition.pdf.read_bytes() == edition.built.read_bytes()
    assert f"The {ENGLISH_NAMES[edition.language]} PDF is at {edition.pdf}" in edition.pdf_command_output
    assert "(A4)" in run(["pdfinfo", edition.pdf], cwd=edition.book).stdout


def test_an_editions_latex_log_has_no_missing_character_and_its_language_is_hyphenated(edition):
    log = edition.log
    assert "Missing character" not in log
    assert not re.search(r"undefined references|Reference `[^']*' on page \d+ undefined", log)
    assert "No hyphenation patterns were loaded" not in log
    # The same check as the PDF command's, words printed over words and outside the type area included.
    assert check_built_pdf(edition.book, edition.language) == ([], edition.built)


def test_an_editions_pdf_is_typeset_with_its_languages_engine(edition):
    engine = ENGINES.get(edition.language, ENGINE)
    assert edition_config(edition.book, edition.language)["latex"]["latex_engine"] == engine
    producer = run(["pdfinfo", edition.pdf], cwd=edition.book).stdout
    assert {"xelatex": "xdvipdfmx", "lualatex": "LuaTeX"}[engine] in producer


def test_an_editions_pdf_embeds_the_faces_of_its_own_script_and_of_the_other_it_quotes(edition):
    # pdffonts: name, type (of one word or more), encoding, then emb, sub, uni, object number and generation.
    rows = [line.split() for line in run(["pdffonts", edition.pdf], cwd=edition.book).stdout.splitlines()[2:]]
    assert rows and [row[0] for row in rows if row[-5] != "yes"] == []
    assert [face for face in EMBEDDED[edition.language] if not any(face in row[0] for row in rows)] == []


def test_an_editions_pdf_prints_the_islands_names_in_both_languages(edition):
    """Its own language's names (択捉島... or Итуруп...), and the other's: the islands chapter's table prints
    both from the data."""
    header, *islands = read_rows(edition.book / "data" / "islands.csv")
    text = flat(edition.text())
    for column in ("name_ja", "name_ru"):
        names = [" ".join(row[header.index(column)].split()) for row in islands]
        assert names and [name for name in names if name not in text] == [], column


def test_an_editions_title_page_and_contents_are_in_its_language(edition):
    config = edition_config(edition.book, edition.language)
    title_page = flat(edition.text(1))
    assert config["title"] in title_page
    assert config["sphinx"]["config"]["unsigned_peace_subtitle"] in title_page
    for line in (VERSION, DATA_AS_OF):  # its words around the value
        words = [part.strip() for part in re.split(r"\{\w+\}", edition.texts(line)) if part.strip()]
        assert words and [part for part in words if part not in title_page] == [], line
    assert edition.texts(CONTENTS).upper() in flat(edition.text(2)).upper()  # fncychap's style sets it in capitals
    info = run(["pdfinfo", edition.pdf], cwd=edition.book).stdout
    assert re.search(rf"^Title: +{re.escape(config['title'])}$", info, re.M)


def test_each_editions_html_links_its_own_pdf_on_every_page(edition, edition_html):
    for page in html_pages(edition_html):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text.lower():
            continue
        links = re.findall(rf'href="([^"]*{re.escape(edition.pdf.name)})"', text)
        assert links, f"{page.relative_to(edition_html)} does not link to the edition's PDF"
        assert (page.parent / links[0]).resolve().read_bytes() == edition.pdf.read_bytes()


def test_a_missing_glyph_fails_the_check_of_an_editions_pdf(edition, tmp_path):
    """The edition's preamble with the Japanese face switched off after it, over one Japanese name, typeset with the
    edition's engine: the engine exits 0, the check does not."""
    book = tmp_path / "book"
    shutil.copytree(edition.book / "data", book / "data")
    shutil.copy(edition.book / "_config.yml", book / "_config.yml")
    latex = edition_build(book, edition.language) / "_build" / "latex"
    shutil.copytree(edition.built.parent, latex)
    tex = latex / edition.built.with_suffix(".tex").name
    engine = ENGINES.get(edition.language, ENGINE)
    preamble = tex.read_text(encoding="utf-8").split(r"\begin{document}")[0]
    tex.write_text(preamble + WITHOUT_JAPANESE_FACE[engine] + "\n" +
                   f"\\begin{{document}}\nThe largest island is Iturup ({JAPANESE_NAME}).\n\\end{{document}}\n",
                   encoding="utf-8")
    typeset = run([engine, "-interaction=nonstopmode", tex.name], cwd=latex, timeout=300)
    assert typeset.returncode == 0
    result = run([sys.executable, "-m", "unsigned_peace", "check-pdf", edition.language], cwd=book)
    assert result.returncode == 1
    assert "missing characters, printed blank:" in result.stderr and "択 (U+629E" in result.stderr
