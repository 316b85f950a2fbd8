"""Command line: `python -m unsigned_peace validate`, `refresh`, `strip-outputs`, `links`, `check-pdf-setup`,
`check-pdf`, `check-epub`, `catalogs`, `editions` or `lab`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from unsigned_peace.machinery.checks.links import check_links, html_pages, write_external_links
from unsigned_peace.machinery.steps.data_check import book_problems
from unsigned_peace.machinery.steps.notebooks import NotebookFailed, chapter_notebooks, refresh_outputs, strip_files
from unsigned_peace.paths import project_root
from unsigned_peace.problems import BookNotFoundError, DataValidationError


def main(argv: list[str] | None = None) -> int:
    try:
        return run_command(argv)
    except KeyboardInterrupt:
        print("stopped: interrupted (Ctrl-C)", file=sys.stderr)
        return 130


def run_command(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m unsigned_peace")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every CSV against data/datapackage.json")
    commands.add_parser("refresh", help="re-execute every chapter notebook and save its text outputs")
    strip = commands.add_parser("strip-outputs", help="keep text outputs only in the notebooks given (what git keeps)")
    strip.add_argument("notebooks", nargs="*", type=Path, help="notebooks to strip (default: every chapter)")
    commands.add_parser("check-pdf-setup", help="before a PDF build: check the TeX tools, fonts and LaTeX settings "
                                                "of the English PDF and of each published edition's")
    check_pdf = commands.add_parser("check-pdf", help="after a PDF build: fail if the LaTeX log reports a missing "
                                                      "character, an undefined reference or a language without "
                                                      "hyphenation patterns, or if words print over words, outside "
                                                      "the type area or into the margin")
    check_pdf.add_argument("language", nargs="?", default="en",
                           help="the edition whose PDF to check (default: en, the English PDF)")
    check_epub = commands.add_parser("check-epub", help="after an EPUB build: run EPUBCheck on the EPUB and fail on "
                                                        "any error or fatal error, or if it is over 8 MB")
    check_epub.add_argument("epub", nargs="?", type=Path, help="the EPUB (default: the book's, under _build/epub)")
    commands.add_parser("links", help="check the built book's internal links offline; list external ones")
    commands.add_parser("lab", help="open the chapter notebooks in JupyterLab (needs requirements-lab.txt); "
                                    "other options are passed on to jupyter lab")
    catalogs = commands.add_parser("catalogs", help="update the translators' catalogs (locale/<language>/LC_MESSAGES/) "
                                                    "from the English book, and count what is left to translate")
    catalogs.add_argument("languages", nargs="*", help="languages to update (default: every translation)")
    editions = commands.add_parser("editions", help="the translated editions: list the published ones, check their "
                                                    "catalogs, or build them beside the English book")
    editions.add_argument("action", choices=("list", "check", "build", "pdf"))
    editions.add_argument("languages", nargs="*", help="editions to check or build (default: the published ones; "
                                                       "an edition not published is built as a draft)")
    editions.add_argument("--jobs", type=int, default=None,
                          help="editions built at once (default: one fewer than the cores, at least one)")
    arguments, passed_on = parser.parse_known_args(argv)
    if passed_on and arguments.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(passed_on)}")

    try:
        root = project_root()
    except BookNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if arguments.command == "validate":
        problems = book_problems(root, chapter_notebooks(root))
        if problems:
            print(DataValidationError(problems), file=sys.stderr)
            return 1
        print("data: valid")
        return 0
    if arguments.command == "refresh":
        problems = book_problems(root, chapter_notebooks(root))
        if problems:
            print(DataValidationError(problems), file=sys.stderr)
            print("refresh stopped", file=sys.stderr)
            return 1
        try:
            for path in refresh_outputs(root):
                print(f"refreshed {path.relative_to(root)}")
        except NotebookFailed as failure:
            print(failure, file=sys.stderr)
            print("refresh stopped", file=sys.stderr)
            return 1
        return 0
    if arguments.command == "check-pdf-setup":
        from unsigned_peace.language import SOURCE_LANGUAGE
        from unsigned_peace.machinery.pdf.latex import book_setup_problem
        from unsigned_peace.machinery.shared.translations import published_editions

        problem = book_setup_problem(project_root(), (SOURCE_LANGUAGE, *published_editions()))
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 1
        return 0
    if arguments.command == "check-pdf":
        from unsigned_peace.language import LanguageError, check_language
        from unsigned_peace.machinery.pdf.latex import check_built_pdf

        try:
            language = check_language(arguments.language, where="the edition named")
        except LanguageError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        problems, pdf = check_built_pdf(project_root(), language)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"The PDF is at {pdf}")
        return 0
    if arguments.command == "check-epub":
        return check_built_epub(arguments.epub)
    if arguments.command == "links":
        return check_built_links()
    if arguments.command == "catalogs":
        from unsigned_peace.machinery.commands.translations import update_catalogs_command

        return update_catalogs_command(root, tuple(arguments.languages))
    if arguments.command == "editions":
        from unsigned_peace.machinery.commands.translations import editions_command

        return editions_command(root, arguments.action, tuple(arguments.languages), arguments.jobs)
    if arguments.command == "lab":
        from unsigned_peace.machinery.commands.lab import start_lab

        start_lab(root, passed_on)
    if arguments.command == "strip-outputs":
        changed = strip_files(arguments.notebooks or chapter_notebooks(project_root()))
        for path in changed:
            print(f"stripped generated outputs from {path}")
        # Like other pre-commit fixers: a file it had to change fails the commit, to be staged again.
        return 1 if changed else 0
    raise AssertionError(f"unhandled command {arguments.command}")


def check_built_epub(epub: Path | None) -> int:
    from unsigned_peace.machinery.checks.epub import epub_path, epub_problems

    epub = epub or epub_path(project_root())
    problems, report = epub_problems(epub)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if report is not None:
        found = ", ".join(f"{count} {severity.lower()}" for severity, count in report.counts.items())
        print(f"EPUBCheck {report.checker_version}: {found}")
    if problems:
        return 1
    print(f"The EPUB is at {epub} ({epub.stat().st_size / 2**20:.2f} MB)")
    return 0


def check_built_links() -> int:
    build = project_root() / "_build"
    html_root = build / "html"
    if not (html_root / "index.html").is_file():
        print(f"error: no built book in {html_root}; build it first (scripts/build.sh)", file=sys.stderr)
        return 1
    report = check_links(html_root)
    listed = build / "external-links.txt"
    write_external_links(report, listed)
    for problem in report.broken:
        print(f"broken link in {problem}", file=sys.stderr)
    if report.broken:
        return 1
    print(f"links: every internal link of {len(html_pages(html_root))} pages resolves; "
          f"{len(report.external)} external addresses listed, not fetched, in {listed.relative_to(project_root())}")
    return 0

