"""Build the translated editions beside the English book: `_build/html/ja/`, `_build/html/ru/`.

Each published edition (`PUBLISHED_EDITIONS` in unsigned_peace/language.py) is a build of the same pages
with a configuration of its own, written from `_config.yml` (Jupyter Book has no `-D language=`, so each
edition gets a whole configuration file, `--config`):
- `language` and the catalogs (`locale_dirs`, one catalog per page);
- the settings a reader sees (title, description, subtitle...), myst-nb's code toggles and the search
  field's placeholder, translated through the interface's catalog; the words of the book's templates from
  the edition's `sphinx.po`, compiled before the build;
- a build folder of its own, `_build/editions/<language>/_build/` (Jupyter Book's `--path-output`): its
  doctrees, its notebook cache (each edition's notebooks run with `UNSIGNED_PEACE_LANGUAGE` set, and are
  cached apart from the English ones) and its chart pictures.
The editions are built one after another or side by side (`jobs`), each logging to
`_build/editions/<language>/build.log`, then copied into the English book's folder, where the link check
finds them. A build that fails shows the warnings and the end of its log.

Each edition's PDF is built the same way (`pdf=True`: Sphinx's LaTeX build, logged to `pdf.log`), into
`_build/editions/<language>/_build/latex/`, where the edition's HTML build finds it and links it. What differs
from the English PDF is in `_config.yml` under `latex: editions: <language>:` (the engine, the document class,
fonts), which this configuration merges in; the PDF is named after the language (`unsigned-peace-ja.pdf`).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from unsigned_peace.language import LANGUAGE_ENV
from unsigned_peace.machinery.shared.book_files import book_config
from unsigned_peace.machinery.shared.interface import N_, interface_texts
from unsigned_peace.machinery.shared.translations import (
    LOCALE_FOLDER,
    catalog_path,
    edition_build,
    edition_file_name,
)
from unsigned_peace.machinery.steps.catalogs import THEME_DOMAIN, TRANSLATED_SETTINGS, setting_value, write_config

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_FLAGS = ("-W", "-n", "--keep-going")
# The PDF's LaTeX runs: an error ends the run instead of waiting for input, and a wide log keeps each message on
# one line (as scripts/pdf.sh runs the English one).
LATEX_ENV = {"LATEXOPTS": "-interaction=nonstopmode -halt-on-error", "max_print_line": "10000"}
# `_config.yml`'s settings of the editions' PDFs (`latex: editions: <language>:`), which Jupyter Book does not
# read: `latex_engine` is Jupyter Book's, the rest Sphinx's.
EDITIONS_LATEX = "editions"
JUPYTER_BOOK_LATEX = ("latex_engine",)
DEFAULT_TARGET = "book.tex"  # Jupyter Book's name for the LaTeX file when `_config.yml` names none
LOG_LINES_SHOWN = 30
# myst-nb's labels of a hidden code cell's toggle. myst-nb fills their "{type}" with an English word, "source"
# for a cell whose input is hidden, the only kind the book hides (tests/test_catalogs.py holds the notebooks to
# it): an edition's label is the whole phrase, translated, with no "{type}" left for myst-nb to fill.
CODE_PROMPTS = {"nb_code_prompt_show": N_("Show code cell source"), "nb_code_prompt_hide": N_("Hide code cell source")}
# The tag of the cells whose toggle says "source" (myst-nb's hide-output and hide-cell would say "outputs" and
# "content").
HIDDEN_INPUT_TAG = "hide-input"
# The search field's placeholder, Jupyter Book's default theme option, which the themes do not translate.
SEARCH_BAR = N_("Search this book...")


def edition_config(root: Path, language: str) -> dict:
    """The book's configuration for an edition: its language, catalogs and translated settings."""
    config = copy.deepcopy(book_config(root))
    texts = interface_texts(root, language)
    for setting in TRANSLATED_SETTINGS:
        value = setting_value(config, setting)
        if isinstance(value, str) and value.strip():
            place = config
            for key in setting[:-1]:
                place = place.setdefault(key, {})
            place[setting[-1]] = texts(" ".join(value.split()))
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config.update(language=language, locale_dirs=[LOCALE_FOLDER], gettext_compact=False)
    for name, prompt in CODE_PROMPTS.items():
        sphinx_config[name] = texts(prompt)
    sphinx_config["html_theme_options"] = {**sphinx_config.get("html_theme_options", {}),
                                           "search_bar_text": texts(SEARCH_BAR)}
    with_edition_latex(config, language)
    return config


def with_edition_latex(config: dict, language: str) -> None:
    """The edition's LaTeX settings (`latex: editions: <language>:`) merged into its configuration, and its PDF
    named after the language."""
    latex = config.setdefault("latex", {})
    settings = (latex.pop(EDITIONS_LATEX, None) or {}).get(language) or {}
    sphinx_config = config["sphinx"]["config"]
    for key, value in settings.items():
        if key in JUPYTER_BOOK_LATEX:
            latex[key] = value
        elif key == "latex_elements":
            sphinx_config[key] = {**(sphinx_config.get(key) or {}), **value}
        else:
            sphinx_config[key] = value
    documents = latex.setdefault("latex_documents", {})
    documents["targetname"] = edition_file_name(documents.get("targetname", DEFAULT_TARGET), language)


def compile_theme_catalog(root: Path, language: str) -> None:
    """The edition's catalog of Sphinx's own domain (its templates' words) as Sphinx reads it when it starts: a
    compiled `sphinx.mo` beside the `.po` (Sphinx compiles catalogs itself only once it has started, too late
    for its own domain in a first build). Fuzzy translations are left out, as Sphinx leaves them out."""
    source = catalog_path(root, language, THEME_DOMAIN)
    if not source.is_file():
        return
    compiled = source.with_suffix(".mo")
    if compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime:
        return
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    partial = compiled.with_name(f".{compiled.name}.{os.getpid()}.partial")
    with partial.open("wb") as handle:
        write_mo(handle, catalog)
    os.replace(partial, compiled)


def config_file(root: Path, language: str) -> Path:
    return edition_build(root, language) / "config.yml"


def html_folder(root: Path, language: str) -> Path:
    """Where Jupyter Book writes the edition's HTML (`--path-output` adds `_build/html`)."""
    return edition_build(root, language) / "_build" / "html"


def latex_folder(root: Path, language: str) -> Path:
    """Where Jupyter Book writes the edition's LaTeX and PDF."""
    return edition_build(root, language) / "_build" / "latex"


def build_command(root: Path, language: str, pdf: bool = False) -> list[str]:
    builder = ["--builder", "pdflatex"] if pdf else []
    return [str(JUPYTER_BOOK), "build", str(root), "--config", str(config_file(root, language)),
            "--path-output", str(edition_build(root, language)), *builder, *BUILD_FLAGS]


@dataclass
class EditionBuild:
    language: str
    process: subprocess.Popen
    log: Path
    started: float


def start(root: Path, language: str, pdf: bool = False) -> EditionBuild:
    folder = edition_build(root, language)
    folder.mkdir(parents=True, exist_ok=True)
    write_config(edition_config(root, language), config_file(root, language))
    compile_theme_catalog(root, language)
    environment = os.environ | {LANGUAGE_ENV: language}
    if pdf:
        # From a clean state, as scripts/pdf.sh builds the English PDF.
        for stale in ("latex", "jupyter_execute", ".doctrees"):
            shutil.rmtree(folder / "_build" / stale, ignore_errors=True)
        environment |= LATEX_ENV
    log = folder / ("pdf.log" if pdf else "build.log")
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(build_command(root, language, pdf), cwd=root, stdout=handle,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment)
    return EditionBuild(language, process, log, time.monotonic())


def build_editions(root: Path, languages: tuple[str, ...], jobs: int = 1, say=print, *, pdf: bool = False,
                   built=None) -> list[str]:
    """Build each edition (at most `jobs` at once) and copy it into `_build/html/<language>/`, or with `pdf`
    build its PDF (left where its HTML build finds it); returns one line per edition that failed, with what its
    build said. `built(language, seconds)`, if given, is called as each edition's build succeeds."""
    pending, running, failures = list(languages), [], []
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                running.append(start(root, pending.pop(0), pdf))
                say(f"edition {running[-1].language}: building {'its PDF ' if pdf else ''}"
                    f"(log: {running[-1].log.relative_to(root)})")
            for build in [build for build in running if build.process.poll() is not None]:
                running.remove(build)
                seconds = time.monotonic() - build.started
                if build.process.returncode == 0 and pdf:
                    say(f"edition {build.language}: PDF built in {seconds:.0f} s")
                elif build.process.returncode == 0:
                    place(root, build.language)
                    say(f"edition {build.language}: built in {seconds:.0f} s, at _build/html/{build.language}/")
                else:
                    failures.append(failure_report(root, build))
                if build.process.returncode == 0 and built is not None:
                    built(build.language, seconds)
            time.sleep(0.2)
    except BaseException:
        for build in running:
            build.process.terminate()
            build.process.wait()
        raise
    return failures


ANSI_CODE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failure_report(root: Path, build: EditionBuild) -> str:
    lines = ANSI_CODE.sub("", build.log.read_text(encoding="utf-8", errors="replace")).splitlines()
    warnings = [line for line in lines if "WARNING" in line or "ERROR" in line]
    shown = warnings[:LOG_LINES_SHOWN] or lines[-LOG_LINES_SHOWN:]
    return "\n".join([f"edition {build.language}: the build failed (status {build.process.returncode}); "
                      f"its log is {build.log.relative_to(root)}", *shown])


def place(root: Path, language: str) -> Path:
    """Copy the edition's built HTML into the English book's folder, replacing what an earlier build put there."""
    target = root / "_build" / "html" / language
    partial = target.with_name(f".{language}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(html_folder(root, language), partial)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(partial, target)
    return target
