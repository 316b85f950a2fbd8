"""What each edition's PDF is built with and checked for, without TeX: its configuration (the engine, class and
fonts of _config.yml's `latex: editions:`), its name, the set-up check's one line, the log's warnings, the
contents' title in the language's captions and a narrow table's caption box
(unsigned_peace/machinery/pdf/latex.py, print_tables.py, steps/editions.py)."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from unsigned_peace.machinery.pdf import latex
from unsigned_peace.machinery.pdf.print_tables import caption_box, shares
from unsigned_peace.machinery.shared.translations import edition_file_name
from unsigned_peace.machinery.steps.editions import edition_config

CONFIG = """\
title: The Book
latex:
  latex_engine: xelatex
  use_jupyterbook_latex: false
  latex_documents:
    targetname: the-book.tex
  editions:
    ja:
      latex_engine: lualatex
      latex_docclass: {manual: ltjsreport}
      latex_elements:
        fncychap: ""
sphinx:
  config:
    language: en
    latex_elements:
      papersize: a4paper
      fncychap: \\usepackage[Bjarne]{fncychap}
"""


@pytest.fixture
def book(tmp_path):
    (tmp_path / "_config.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_an_editions_pdf_has_its_languages_settings_over_the_english_ones_and_its_languages_name(book):
    japanese = edition_config(book, "ja")
    assert japanese["latex"] == {"latex_engine": "lualatex", "use_jupyterbook_latex": False,
                                 "latex_documents": {"targetname": "the-book-ja.tex"}}
    sphinx = japanese["sphinx"]["config"]
    assert sphinx["latex_docclass"] == {"manual": "ltjsreport"}
    assert sphinx["latex_elements"] == {"papersize": "a4paper", "fncychap": ""}
    russian = edition_config(book, "ru")
    assert russian["latex"]["latex_engine"] == "xelatex" and "editions" not in russian["latex"]
    assert russian["sphinx"]["config"]["latex_elements"]["fncychap"] == r"\usepackage[Bjarne]{fncychap}"
    assert [latex.pdf_name(book, language) for language in ("en", "ja", "ru")] == [
        "the-book.pdf", "the-book-ja.pdf", "the-book-ru.pdf"]
    assert edition_file_name("unsigned-peace.pdf", "en") == "unsigned-peace.pdf"


def test_the_books_editions_are_typeset_with_the_engine_the_set_up_check_asks_for():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    engines = {language: settings.get("latex_engine", config["latex"]["latex_engine"])
               for language, settings in config["latex"]["editions"].items()}
    assert engines == {language: latex.ENGINES.get(language, latex.ENGINE) for language in ("ja", "ru")}
    for language in ("ja", "ru"):
        listed = (ROOT / "scripts" / f"apt-pdf-{language}.txt").read_text(encoding="utf-8").split("\n")
        packages = {line.strip() for line in listed if line.strip() and not line.startswith("#")}
        needed = set(latex.EDITION_PROGRAMS.get(language, {}).values()) | set(latex.EDITION_FILES[language].values())
        assert needed <= packages, language


def test_a_wrong_engine_for_an_edition_names_the_setting_to_change():
    assert latex.setup_problem("xelatex", False, "ja") == (
        "latex_engine is 'xelatex' for the Japanese edition, which needs lualatex: set "
        "`latex: editions: ja: latex_engine: lualatex` in _config.yml")
    assert latex.setup_problem("lualatex", False, "ru").startswith("latex_engine is 'lualatex' for the Russian")


def test_an_editions_missing_tex_is_named_with_the_packages_to_install(monkeypatch):
    monkeypatch.setattr(latex, "missing_toolchain", lambda language="en": {
        "lualatex": "texlive-luatex", "ltjsreport.cls": "texlive-lang-japanese"} if language == "ja" else {})
    problem = latex.setup_problem("lualatex", False, "ja")
    assert problem.startswith("the Japanese PDF needs lualatex, ltjsreport.cls, not found on this machine")
    assert "apt-get install -y texlive-lang-japanese texlive-luatex" in problem


def test_a_language_without_hyphenation_patterns_fails_the_log_check(tmp_path):
    log = tmp_path / "book-ru.log"
    log.write_text("Package polyglossia Warning: No hyphenation patterns were loaded for `russian'\n"
                   "(polyglossia)                I will use \\language=\\l@nohyphenation instead on input line 9.\n",
                   encoding="utf-8")
    (problem,) = latex.check_log(log)
    assert problem.startswith("book-ru.log: no hyphenation patterns for russian")
    log.write_text("Package babel Warning: No hyphenation patterns were preloaded for\n"
                   "(babel)                the language `Russian' into the format.\n", encoding="utf-8")
    assert latex.check_log(log)[0].startswith("book-ru.log: no hyphenation patterns for Russian")


def test_the_contents_title_goes_into_the_languages_captions_or_over_the_classes():
    line = latex.contents_name("Содержание", "ru")
    assert line.startswith(r"\ifcsname captionsrussian\endcsname\expandafter\addto\csname captionsrussian\endcsname")
    assert line.endswith(r"{\renewcommand{\contentsname}{Содержание}}\else\renewcommand{\contentsname}{Содержание}\fi")
    assert "captionsjapanese" in latex.contents_name("目次", "ja")


def test_a_narrow_tables_caption_box_is_the_table_and_half_of_each_margin_at_most_longtables_own():
    columns, line = shares([10.0, 8.0])
    assert caption_box([10.0, 8.0]) == (
        rf"\setlength{{\LTcapwidth}}{{\dimexpr\linewidth*{sum(columns)}/{line}+1in\relax}}"
        r"\ifdim\LTcapwidth>4in\setlength{\LTcapwidth}{4in}\fi")
