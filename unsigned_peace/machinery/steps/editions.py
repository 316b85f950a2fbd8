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
from unsigned_peace.machinery.shared.translations import LOCALE_FOLDER, catalog_path, edition_build
from unsigned_peace.machinery.steps.catalogs import THEME_DOMAIN, TRANSLATED_SETTINGS, setting_value, write_config

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_FLAGS = ("-W", "-n", "--keep-going")
LOG_LINES_SHOWN = 30
# myst-nb's labels of a hidden code cell's toggle ({type} is "source": the book hides code cells' input).
CODE_PROMPTS = {"nb_code_prompt_show": N_("Show code cell {type}"), "nb_code_prompt_hide": N_("Hide code cell {type}")}
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
    return config


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


def build_command(root: Path, language: str) -> list[str]:
    return [str(JUPYTER_BOOK), "build", str(root), "--config", str(config_file(root, language)),
            "--path-output", str(edition_build(root, language)), *BUILD_FLAGS]


@dataclass
class EditionBuild:
    language: str
    process: subprocess.Popen
    log: Path
    started: float


def start(root: Path, language: str) -> EditionBuild:
    folder = edition_build(root, language)
    folder.mkdir(parents=True, exist_ok=True)
    write_config(edition_config(root, language), config_file(root, language))
    compile_theme_catalog(root, language)
    log = folder / "build.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(build_command(root, language), cwd=root, stdout=handle, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=os.environ | {LANGUAGE_ENV: language})
    return EditionBuild(language, process, log, time.monotonic())


def build_editions(root: Path, languages: tuple[str, ...], jobs: int = 1, say=print) -> list[str]:
    """Build each edition (at most `jobs` at once) and copy it into `_build/html/<language>/`; returns one line
    per edition that failed, with what its build said."""
    pending, running, failures = list(languages), [], []
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                running.append(start(root, pending.pop(0)))
                say(f"edition {running[-1].language}: building (log: {running[-1].log.relative_to(root)})")
            for build in [build for build in running if build.process.poll() is not None]:
                running.remove(build)
                if build.process.returncode == 0:
                    place(root, build.language)
                    say(f"edition {build.language}: built in {time.monotonic() - build.started:.0f} s, "
                        f"at _build/html/{build.language}/")
                else:
                    failures.append(failure_report(root, build))
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
