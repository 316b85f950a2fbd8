"""What the PDF reaches of the pinned Sphinx's internals, and of LuaTeX-ja's (listed in
unsigned_peace/machinery/wiring/contacts.py), is still there and still does what the book relies on. Each test
reads Sphinx's shipped LaTeX files or runs its LaTeX writer; none needs TeX, but the one that reads LuaTeX-ja's
class, which Debian's Japanese TeX installs (scripts/apt-pdf-ja.txt): that one waits for the session's PDF
command, which installs it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sphinx
from conftest import EDITIONS, ROOT
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from unsigned_peace.machinery.pdf.short_captions import first_sentence

SPHINX_LATEX = Path(sphinx.__file__).parent
BOOK_STYLE = (ROOT / "unsigned_peace" / "machinery" / "pdf" / "unsigned-peace.sty").read_text(encoding="utf-8")


def sphinx_file(*parts: str) -> str:
    return SPHINX_LATEX.joinpath(*parts).read_text(encoding="utf-8")


def test_sphinx_still_scales_images_down_to_the_height_the_book_sets():
    graphics = sphinx_file("texinputs", "sphinxlatexgraphics.sty")
    assert r"\newdimen\spx@image@maxheight" in graphics
    # Sphinx sets its height when the document starts; the book's package, loaded after Sphinx's, sets it later.
    assert r"\AtBeginDocument{\spx@image@maxheight\textheight}" in graphics
    assert r"\ifdim\spx@image@rescaledheight>\spx@image@maxheight" in graphics
    assert r"\AtBeginDocument{\spx@image@maxheight=" in BOOK_STYLE


def test_sphinx_still_opens_every_table_with_the_hooks_the_book_adds_its_type_size_to():
    tables = sphinx_file("texinputs", "sphinxlatextables.sty")
    hooks = {"longtable": r"\sphinxatlongtablestart", "tabulary": r"\sphinxattablestart",
             "tabular": r"\sphinxattablestart"}
    for template, hook in hooks.items():
        assert re.search(rf"^\\def{re.escape(hook)}\b", tables, re.M), hook
        assert hook in sphinx_file("templates", "latex", f"{template}.tex.jinja"), template
        assert rf"\g@addto@macro{hook}" in BOOK_STYLE


def test_sphinx_still_sets_body_pages_in_the_page_style_the_book_redefines():
    template = sphinx_file("templates", "latex", "latex.tex.jinja")
    assert re.search(r"<%= tableofcontents %>\s*\\pagestyle\{normal\}", template)
    assert r"\fancypagestyle{normal}" in sphinx_file("texinputs", "sphinxlatexstylepage.sty")
    assert r"\fancypagestyle{normal}" in BOOK_STYLE


def tex_file(name: str) -> str | None:
    if shutil.which("kpsewhich") is None:
        return None
    return subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip() or None


@pytest.fixture(scope="module")
def japanese_class(builds, built_html) -> str:
    """LuaTeX-ja's class, looked up once the session's book has run the PDF command, which installs it for
    the Japanese edition on a fresh machine: looked up as the module loads, it would be missing there, and
    the test would be skipped on every fresh CI machine."""
    builds("built_html").wait(1)
    found = tex_file("ltjsreport.cls")
    assert found, "the PDF command built the Japanese edition, yet kpsewhich finds no ltjsreport.cls"
    return found


@pytest.mark.skipif("ja" not in EDITIONS, reason="the Japanese edition is not published, so its TeX is not needed")
def test_luatexja_still_opens_chapters_in_the_page_styles_the_book_numbers_at_the_foot(japanese_class):
    class_text = Path(japanese_class).read_text(encoding="utf-8")
    # A chapter's first page: plainhead when the body's page style has a head (the book's has), else plainfoot.
    assert r"\thispagestyle{plainhead}" in class_text and r"\thispagestyle{plainfoot}" in class_text
    assert r"\def\ps@plainhead{" in class_text and r"\def\ps@plainfoot{" in class_text
    assert r"\def\ps@plainhead{\ps@plain}" in BOOK_STYLE and r"\def\ps@plainfoot{\ps@plain}" in BOOK_STYLE
    # 第1章: the words before and after a chapter's number, as the class's own running heads write them.
    assert r"\@chapapp\thechapter\@chappos" in class_text
    assert r"\@chapapp\thechapter\@chappos" in BOOK_STYLE


CAPTIONS = ["A caption that goes on. It says how to read the chart.", "A caption of one sentence."]


def latex_of_figures(folder: Path, *, short_captions: bool) -> str:
    """The LaTeX Sphinx writes for two figures, with its own translator or with the book's."""
    folder.mkdir()
    setup = ("from unsigned_peace.machinery.pdf.short_captions import use_for_latex\n"
             "def setup(app):\n    app.connect('builder-inited', use_for_latex)\n") if short_captions else ""
    (folder / "conf.py").write_text(f"project = 'Figures'\n{setup}", encoding="utf-8")
    figures = "".join(f"\n.. figure:: picture.png\n\n   {caption}\n" for caption in CAPTIONS)
    (folder / "index.rst").write_text(f"Figures\n=======\n{figures}", encoding="utf-8")
    out = folder / "_build"
    # Inside a docutils namespace, as sphinx-build runs: the nodes, roles and directives the project
    # registers go with it, and the next Sphinx project in this process does not find them taken.
    with docutils_namespace():
        app = Sphinx(folder, folder, out, out / ".doctrees", "latex", status=None, warning=io.StringIO(),
                     freshenv=True)
        app.build()
    return next(out.glob("*.tex")).read_text(encoding="utf-8")


def test_sphinx_still_writes_a_figures_caption_the_way_the_short_caption_translator_extends(tmp_path):
    """The book's translator differs from Sphinx's own in one place: the short form of a caption that
    goes on after its first sentence. Sphinx changing how it writes a figure's caption, or the state the
    translator reads, breaks the equality."""
    stock = latex_of_figures(tmp_path / "stock", short_captions=False)
    book = latex_of_figures(tmp_path / "book", short_captions=True)
    longer = CAPTIONS[0]
    assert first_sentence(longer) and first_sentence(CAPTIONS[1]) is None
    plain = rf"\caption{{{longer}"
    assert stock.count(plain) == 1
    assert book == stock.replace(plain, rf"\caption[{{{first_sentence(longer)}}}]{{{longer}")
