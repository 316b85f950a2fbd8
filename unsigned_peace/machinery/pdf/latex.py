"""The book as a typeset PDF: what the Sphinx LaTeX build (xelatex; lualatex for the Japanese edition) needs
beyond Sphinx's defaults.

Everything here acts on the LaTeX build only; the HTML book is left as it is.

- Before anything runs, a check of the toolchain and configuration: a missing TeX program, LaTeX
  package or font, or a setting the PDF cannot work with, stops the build with one message that
  names what to install or change.
- Title-page values as LaTeX macros (`\\UPsubtitle`, `\\UPversion`, `\\UPdataasof`, ...) for the title
  page drawn in `unsigned-peace.sty` (this folder's LaTeX package, which `_config.yml` loads): the
  version of the data package, the date of its data, and the cover map's file name; and the words of the
  title page and the contents' title in the edition's language (the interface's catalog).
- No code in print: notebook cell inputs are dropped, and an output that would print as plain text
  (a `print`, a bare repr) is reported as a warning, which fails a `-W` build.
- Book structure: the root page becomes an unnumbered introduction, each file in `_toc.yml` a
  numbered chapter (under a `\\part` per caption when the table of contents has several). The
  bibliography is a chapter of the book like any other (chapters/bibliography.ipynb).
- `check_log` reads the LaTeX log afterwards: xelatex exits 0 even when it drops glyphs, and when it has no
  hyphenation patterns for the language.
- Each translated edition's PDF (`unsigned-peace-ja.pdf`) is built in the edition's own build folder
  (unsigned_peace.machinery.steps.editions) and checked the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import SphinxError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging, texescape

from unsigned_peace.language import ENGLISH_NAMES, SOURCE_LANGUAGE
from unsigned_peace.list_markup import REFERENCE_LIST_CLASS
from unsigned_peace.machinery.checks.pdf_layout import layout_problems
from unsigned_peace.machinery.content.cite import DATA_AS_OF, VERSION
from unsigned_peace.machinery.content.cover import COVER_LATEX_NAME
from unsigned_peace.machinery.content.translation import edition_language, texts_of
from unsigned_peace.machinery.shared.book_files import book_config, citation_keywords
from unsigned_peace.machinery.shared.data_dates import data_as_of
from unsigned_peace.machinery.shared.interface import N_, fill
from unsigned_peace.machinery.shared.translations import edition_file_name
from unsigned_peace.machinery.steps.editions import edition_config, latex_folder
from unsigned_peace.paths import data_dir
from unsigned_peace.schema import descriptor as read_descriptor

logger = logging.getLogger(__name__)

# What the PDF build runs or loads, and the Debian package that provides it.
PROGRAMS = {"xelatex": "texlive-xetex", "latexmk": "latexmk", "make": "make", "kpsewhich": "texlive-base"}
LATEX_FILES = {
    "fontspec.sty": "texlive-latex-recommended",
    "fncychap.sty": "texlive-latex-extra",
    "polyglossia.sty": "texlive-latex-recommended",
    "tabulary.sty": "texlive-latex-extra",
}
FONTS = {"FreeSerif": "fonts-freefont-otf", "FreeMono": "fonts-freefont-otf", "DejaVu Sans": "fonts-dejavu-core",
         "Noto Serif CJK JP": "fonts-noto-cjk"}
# The engine each edition is typeset with (its settings are in _config.yml, `latex: editions:`): xelatex, but
# LuaTeX-ja for Japanese, whose line breaking and spacing xelatex lacks.
ENGINE = "xelatex"
ENGINES = {"ja": "lualatex"}
# What an edition needs besides the English PDF's toolchain (scripts/apt-pdf-<language>.txt lists the packages):
# programs, and files TeX finds (kpsewhich), the fonts LuaTeX-ja's preset loads among them.
EDITION_PROGRAMS = {"ja": {"lualatex": "texlive-luatex"}}
EDITION_FILES = {
    "ja": {"ltjsreport.cls": "texlive-lang-japanese", "luatexja-preset.sty": "texlive-lang-japanese",
           "HaranoAjiMincho-Regular.otf": "texlive-lang-japanese",
           "HaranoAjiGothic-Medium.otf": "texlive-lang-japanese"},
    "ru": {"loadhyph-ru.tex": "texlive-lang-cyrillic"},
}

# What in the LaTeX log means the PDF is wrong although xelatex exited 0. With a narrow log
# (max_print_line) these messages wrap, so the patterns stop before the part a wrap could cut.
MISSING_CHARACTER = re.compile(r"^Missing character: There is no (.+?) \((U\+[0-9A-F]+)\) in font ([^/\s]+)", re.M)
UNDEFINED_REFERENCE = re.compile(r"^LaTeX Warning: (?:Reference|Citation|Hyper reference) `([^']+)'", re.M)
UNDEFINED_SUMMARY = "LaTeX Warning: There were undefined references."
# polyglossia's (and babel's) warning when the format has no patterns for the language: no word is hyphenated.
NO_HYPHENATION = re.compile(r"No hyphenation patterns were (?:pre)?loaded for\s+(?:\(\w+\)\s+)?(?:the language\s+)?"
                            r"`([^']+)'")

# Sphinx would title the PDF's table of contents with the first table of contents' caption.
# Translators: the title of the PDF's table of contents, as books in the language title theirs.
CONTENTS = N_("Contents")


class PdfSetupError(SphinxError):
    category = "PDF set-up error"


# ---------------------------------------------------------------------------------------------
# Toolchain and configuration check


def missing_toolchain(language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """What the PDF build of an edition needs and cannot find, mapped to the Debian package that provides it."""
    programs = PROGRAMS | EDITION_PROGRAMS.get(language, {})
    files = LATEX_FILES | EDITION_FILES.get(language, {})
    missing = {name: package for name, package in programs.items() if shutil.which(name) is None}
    if shutil.which("kpsewhich"):
        for name, package in files.items():
            found = subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip()
            if not found:
                missing[name] = package
    else:
        missing.update(files)
    for family, package in FONTS.items():
        listed = ""
        if shutil.which("fc-list"):
            listed = subprocess.run(["fc-list", f":family={family}", "family"],
                                    capture_output=True, text=True).stdout.strip()
        if not listed:
            missing[f"font {family}"] = package
    return missing


def install_hint(packages) -> str:
    return "apt-get install -y " + " ".join(sorted(set(packages)))


def setup_problem(latex_engine: str, jupyterbook_latex: bool, language: str = SOURCE_LANGUAGE) -> str | None:
    """The first reason the PDF of an edition cannot be built here, as one line saying what to change or
    install."""
    wanted = ENGINES.get(language, ENGINE)
    if latex_engine != wanted and language == SOURCE_LANGUAGE:
        return (f"latex_engine is {latex_engine!r}; the book needs xelatex for its Japanese and Russian text: "
                "set `latex: latex_engine: xelatex` in _config.yml")
    if latex_engine != wanted:
        return (f"latex_engine is {latex_engine!r} for the {ENGLISH_NAMES[language]} edition, which needs "
                f"{wanted}: set `latex: editions: {language}: latex_engine: {wanted}` in _config.yml")
    if jupyterbook_latex:
        return ("the book draws its own title page and structure: set `latex: use_jupyterbook_latex: false` "
                "in _config.yml")
    missing = missing_toolchain(language)
    if missing:
        edition = "" if language == SOURCE_LANGUAGE else f"{ENGLISH_NAMES[language]} "
        return (f"the {edition}PDF needs {', '.join(missing)}, not found on this machine; install with: "
                f"{install_hint(missing.values())} (scripts/pdf.sh does this when run as root)")
    return None


def check_pdf_setup(app: Sphinx) -> None:
    if app.builder.format == "latex":
        problem = setup_problem(app.config.latex_engine, "sphinx_jupyterbook_latex" in app.config.extensions,
                                edition_language(app.config))
        if problem:
            raise PdfSetupError(problem)


def book_latex_config(root: Path, language: str = SOURCE_LANGUAGE) -> dict:
    """The `latex:` section of the book's _config.yml (of the edition's configuration, for a translated edition),
    with Jupyter Book's defaults filled in."""
    config = book_config(root) if language == SOURCE_LANGUAGE else edition_config(root, language)
    latex = dict(config.get("latex") or {})
    latex.setdefault("latex_engine", "pdflatex")
    latex.setdefault("use_jupyterbook_latex", True)
    latex["targetname"] = (latex.get("latex_documents") or {}).get("targetname", "book.tex")
    return latex


def book_setup_problem(root: Path, languages: tuple[str, ...] = (SOURCE_LANGUAGE,)) -> str | None:
    """`setup_problem` for the book at `root` and each of its editions in `languages`, read from its _config.yml
    without starting Sphinx."""
    for language in languages:
        latex = book_latex_config(root, language)
        problem = setup_problem(latex["latex_engine"], bool(latex["use_jupyterbook_latex"]), language)
        if problem:
            return problem
    return None


# ---------------------------------------------------------------------------------------------
# Title page


def latex_escape(text: str) -> str:
    texescape.init()
    return texescape.escape(str(text), latex_engine="xelatex")


def title_page_macros(app: Sphinx, config: Config) -> None:
    """Define the title page's values as LaTeX macros, read from the data package."""
    folder = data_dir(Path(app.srcdir))
    try:
        descriptor = read_descriptor(folder)
        version, as_of = descriptor.get("version", ""), data_as_of(folder, descriptor)
    except (OSError, ValueError, KeyError):
        # Unreadable data is reported, file by file, by the data check when the build starts.
        version, as_of = "", ""
    texts = texts_of(app)
    macros = {"UPsubtitle": config.unsigned_peace_subtitle, "UPversion": version, "UPdataasof": as_of,
              "UPkeywords": "; ".join(citation_keywords(Path(app.srcdir))), "UPlanguage": config.language or "en",
              "UPversionline": fill(texts(VERSION), version=version),
              "UPdataasofline": fill(texts(DATA_AS_OF), date=as_of)}
    lines = [rf"\newcommand{{\{name}}}{{{latex_escape(value)}}}" for name, value in macros.items()]
    # A file name, which text escaping would spoil (a hyphen becomes \sphinxhyphen).
    lines.append(rf"\newcommand{{\UPcoverfile}}{{{COVER_LATEX_NAME}}}")
    # In the preamble, where hyperref still takes it: at the title page it is too late ("already used").
    lines.append(r"\hypersetup{pdflang={\UPlanguage}}")
    lines.append(contents_name(texts(CONTENTS), config.language or SOURCE_LANGUAGE))
    preamble = config.latex_elements.get("preamble", "")
    heading = "% Title page values (unsigned_peace.machinery.pdf.latex)"
    config.latex_elements["preamble"] = "\n".join([preamble, heading, *lines, ""])


def contents_name(title: str, language: str) -> str:
    """The contents' title, set over the one Sphinx gives it (the first table of contents' caption): in the
    language's captions, where polyglossia or babel keeps them (`\\captionsenglish`); as the class's name
    otherwise (LuaTeX-ja's class for Japanese, which loads neither). polyglossia and babel name each language
    as English does, in lower case."""
    name = ENGLISH_NAMES.get(language, ENGLISH_NAMES[SOURCE_LANGUAGE]).lower()
    definition = rf"\renewcommand{{\contentsname}}{{{latex_escape(title)}}}"
    return (rf"\ifcsname captions{name}\endcsname\expandafter\addto\csname captions{name}\endcsname{{{definition}}}"
            rf"\else{definition}\fi")


def ragged_reference_lists(app: Sphinx, config: Config) -> None:
    """The bibliography's lists set ragged right: Sphinx wraps a container of a class in an environment
    `sphinxclass<class>` when one is defined."""
    preamble = config.latex_elements.get("preamble", "")
    definition = rf"\newenvironment{{sphinxclass{REFERENCE_LIST_CLASS}}}{{\raggedright}}{{}}"
    config.latex_elements["preamble"] = "\n".join([preamble, "% Reference lists (unsigned_peace.machinery.pdf.latex)",
                                                   definition, ""])


# ---------------------------------------------------------------------------------------------
# No code in print


class DropCodeForPrint(SphinxPostTransform):
    """Remove notebook cell inputs; report outputs that would print as plain text."""

    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.container)):
            if node.get("nb_element") == "cell_code_source":
                node.parent.remove(node)
        for node in list(self.document.findall(nodes.literal_block)):
            if "output" in node["classes"]:
                logger.warning(
                    "a notebook cell output would print as plain text in the PDF; show it as a Table or Chart, "
                    "or tag the cell remove-output", location=node, type="unsigned_peace", subtype="pdf_text")
                node.parent.remove(node)


# ---------------------------------------------------------------------------------------------
# Book structure


CAPTION = "up_toc_caption"


def keep_toc_captions(app: Sphinx, doctree: nodes.document) -> None:
    """Copy each table of contents' caption onto its wrapper, which outlives the merge of the LaTeX build."""
    for wrapper in doctree.findall(nodes.compound):
        if "toctree-wrapper" in wrapper["classes"]:
            toctree = next(iter(wrapper.findall(addnodes.toctree)), None)
            if toctree is not None and toctree.get("caption"):
                wrapper[CAPTION] = toctree["caption"]


def raw_latex(text: str) -> nodes.raw:
    return nodes.raw("", text + "\n", format="latex")


UNNUMBERED = raw_latex(r"\edef\UPsecnumdepth{\the\value{secnumdepth}}\setcounter{secnumdepth}{-1}")
NUMBERED = raw_latex(r"\setcounter{secnumdepth}{\UPsecnumdepth}")


class BookStructure(SphinxPostTransform):
    """Give the merged LaTeX document the shape of a book.

    Sphinx nests every chapter under the last heading of the root page (where its table of contents
    sits), so chapter files would print as sections of "How to read it". This moves the tables of
    contents to the top level, wraps the root page's text in an unnumbered introduction, and adds a
    part per caption when there are several.
    """

    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if self.document.get("docname") != self.config.root_doc:
            return
        root = next((n for n in self.document.children if isinstance(n, nodes.section)), None)
        if root is None or not isinstance(root[0], nodes.title):
            return
        tocs = [n for n in root.findall(nodes.compound)
                if "toctree-wrapper" in n["classes"] and not self._in_chapter(n)]
        for toc in tocs:
            toc.parent.remove(toc)
        title, intro = root[0], root.children[1:]
        body: list[nodes.Node] = [title]
        if intro:
            title_node = nodes.title("", self.config.unsigned_peace_intro_title)
            section = nodes.section("", title_node, ids=["up-introduction"])
            section.extend(intro)
            body += [UNNUMBERED.deepcopy(), section, NUMBERED.deepcopy()]
        with_parts = sum(1 for toc in tocs if self._caption(toc)) > 1
        for toc in tocs:
            if with_parts and self._caption(toc):
                body.append(raw_latex(rf"\part{{{latex_escape(self._caption(toc))}}}"))
            body.append(toc)
        root.children = []
        root.extend(body)

    @staticmethod
    def _in_chapter(node: nodes.Node) -> bool:
        parent = node.parent
        while parent is not None:
            if parent.tagname == "start_of_file":
                return True
            parent = parent.parent
        return False

    @staticmethod
    def _caption(toc: nodes.Element) -> str:
        return toc.get(CAPTION, "")



# ---------------------------------------------------------------------------------------------
# After xelatex


def check_log(log: Path) -> list[str]:
    """Problems the LaTeX log reports, one line per kind; empty when the PDF is sound."""
    if not log.is_file():
        return [f"{log}: no LaTeX log, so no PDF was typeset"]
    text = log.read_text(encoding="utf-8", errors="replace")
    problems = []
    missing = dict.fromkeys(f"{char} ({code}, {font})" for char, code, font in MISSING_CHARACTER.findall(text))
    if missing:
        problems.append(f"{log.name}: missing characters, printed blank: {', '.join(missing)}; give their script a "
                        "font (latex_elements: fontpkg in _config.yml) and a character class "
                        "(unsigned_peace/machinery/pdf/unsigned-peace.sty)")
    undefined = dict.fromkeys(UNDEFINED_REFERENCE.findall(text))
    if undefined or UNDEFINED_SUMMARY in text:
        problems.append(f"{log.name}: undefined references: {', '.join(undefined) or 'see the log'}")
    unhyphenated = dict.fromkeys(NO_HYPHENATION.findall(text))
    if unhyphenated:
        problems.append(f"{log.name}: no hyphenation patterns for {', '.join(unhyphenated)}, so no word of it is "
                        "broken at a line's end; install the TeX package of the language's patterns "
                        "(scripts/apt-pdf-<language>.txt)")
    return problems


def pdf_name(root: Path, language: str = SOURCE_LANGUAGE) -> str:
    """The PDF's file name: Jupyter Book names it after `latex.latex_documents.targetname`; a translated edition's
    has its language after it (`unsigned-peace-ja.pdf`)."""
    return edition_file_name(Path(book_latex_config(root)["targetname"]).stem + ".pdf", language)


def built_pdf(root: Path, language: str = SOURCE_LANGUAGE) -> Path:
    """Where the PDF's build leaves it: `_build/latex/` for the English, the edition's build folder otherwise."""
    folder = root / "_build" / "latex" if language == SOURCE_LANGUAGE else latex_folder(root, language)
    return folder / pdf_name(root, language)


def check_built_pdf(root: Path, language: str = SOURCE_LANGUAGE) -> tuple[list[str], Path]:
    """Problems with the PDF of an edition just built, and the PDF's path."""
    pdf = built_pdf(root, language)
    problems = check_log(pdf.with_suffix(".log"))
    if not problems and not pdf.is_file():
        problems = [f"{pdf}: no PDF was written"]
    if not problems:
        problems = layout_problems(pdf, pdf.with_suffix(".log"))
    return problems, pdf
