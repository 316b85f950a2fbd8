"""The book's own build steps, hooked into Sphinx: the data check before anything runs, Ctrl-C, the
notebooks run before Sphinx reads them, and pages whose stored doctree was cut short.

The steps themselves (unsigned_peace.machinery.steps) know nothing of Sphinx; this module is where a
Sphinx build calls them and turns what they report into Sphinx's terms.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from unsigned_peace.cache_keys import Stamp
from unsigned_peace.machinery.content.translation import edition_language
from unsigned_peace.machinery.steps import execution
from unsigned_peace.machinery.steps.data_check import book_problems
from unsigned_peace.machinery.steps.notebooks import chapter_notebooks
from unsigned_peace.paths import data_dir, pin_data_dir
from unsigned_peace.problems import DataFolderError, DataValidationError
from unsigned_peace.validation import VALIDATED_ENV, data_digest

logger = logging.getLogger(__name__)


def check_data(app: Sphinx) -> None:
    """Stop the build, with one line per problem and no traceback, when the data or a notebook's tables
    are wrong. Runs before any notebook, whatever command started the build."""
    source = Path(app.srcdir)
    pin_data_dir()
    try:
        folder = data_dir(source)
    except DataFolderError as error:
        raise BuildStopped([str(DataValidationError(error.problems))]) from None
    # The digest covers the data and the validator's own code: other bytes, or a changed validator,
    # are validated again.
    notebooks = chapter_notebooks(source)
    digest = data_digest(folder) + execution.notebooks_digest(notebooks)
    stamp = Stamp(Path(app.outdir).parent / ".data-validated")
    if not stamp.holds(digest):
        problems = book_problems(source, notebooks)
        if problems:
            raise BuildStopped([str(DataValidationError(problems))])
        stamp.record(digest)
    # Kernels started by this build inherit the digest and skip validating the same data again.
    os.environ[VALIDATED_ENV] = data_digest(folder)


class BuildStopped(SystemExit):
    """The build stops where it is: its lines, then "build stopped", on standard error, with status 1 and no
    traceback. A SystemExit, not Sphinx's own SphinxError: `jupyter-book build` re-raises a SphinxError as a
    RuntimeError, with two tracebacks, while both it and Sphinx let a SystemExit through (see contacts.py)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join([*lines, "build stopped"]))  # Python prints a text exit code, and exits with 1


class BuildInterrupted(SystemExit):
    """Ctrl-C: the build stops where it is, with one line and no traceback."""


INTERRUPTED_STATUS = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def stop_on_interrupt(signum, frame) -> None:
    """Stop the build at Ctrl-C, wherever it is. Sphinx and Jupyter Book take a KeyboardInterrupt for an
    error to report with a traceback; a SystemExit they let through. What each cache holds stays usable:
    the notebooks' processes are killed by the execution step as the exit passes through it, and a file cut
    short in a cache is found and rebuilt by the next build."""
    print("\nbuild stopped: interrupted (Ctrl-C); the next build goes on from what was finished", file=sys.stderr)
    raise BuildInterrupted(INTERRUPTED_STATUS)


def execute_notebooks(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """In cache mode, run the book's stale notebooks in parallel before Sphinx reads them.

    Runs when Sphinx has found the book's documents and asks which to read again: a notebook run
    again because its data changed must be reread, though its file did not change (see execution.py).
    """
    if app.config.nb_execution_mode != "cache":
        return []
    source = Path(app.srcdir)
    notebooks = sorted(path for docname in env.found_docs
                       if (path := source / f"{docname}.ipynb").is_file())
    cache_path = app.config.nb_execution_cache_path or str(Path(app.outdir).parent / ".jupyter_cache")
    repairs: list[str] = []
    executed, failures = execution.prepare(notebooks, data_dir(source), Path(cache_path),
                                           app.config.nb_execution_timeout, repairs, edition_language(app.config))
    if repairs:  # on lines of their own: Sphinx has just written "updating environment: " without a line end
        logger.info("\n" + "\n".join(repairs))
    if failures:
        report_failures(app, failures)
    rerun = {str(Path(uri).relative_to(source).with_suffix("")) for uri in executed}
    return sorted(rerun - added - removed)


def report_failures(app: Sphinx, failures: list[execution.Failure]) -> None:
    """Each failing notebook in one line: the notebook, the cell, the error (its traceback, some forty lines
    a cell, is left out; run the notebook in JupyterLab to see it).

    With `-W --keep-going` each is a warning and the build goes on, then fails; a build that would stop at
    the first warning, or that must stop on a failing notebook (`raise_on_error`), stops here, having named
    every one. myst-nb does not run a failed notebook again: the page keeps the outputs stored in it.
    """
    source = Path(app.srcdir)
    lines = [f"{failure.describe(source)} (run the notebook to see the traceback)" for failure in failures]
    failed = [str(failure.notebook) for failure in failures]
    app.env.mystnb_config = app.env.mystnb_config.copy(
        execution_excludepatterns=[*app.env.mystnb_config.execution_excludepatterns, *failed])
    if app.keep_going:  # Sphinx 7 sets it for -W --keep-going (and then clears warningiserror)
        for line in lines:
            logger.warning(line, type="unsigned_peace", subtype="notebook")
        return
    if app.warningiserror or app.config.nb_execution_raise_on_error:
        raise BuildStopped(lines)
    for line in lines:
        logger.warning(line, type="unsigned_peace", subtype="notebook")


PICKLE_STOP = b"."  # the last byte of every whole pickle


def reread_damaged_doctrees(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Read again each page whose stored doctree (Sphinx's cache of the page) was cut short, say by a
    killed build: left alone, the build would stop at it with a traceback."""
    damaged = []
    for docname in sorted(env.found_docs - added - changed - removed):
        path = Path(app.doctreedir) / f"{docname}.doctree"
        try:
            with path.open("rb") as handle:
                handle.seek(-1, os.SEEK_END)
                whole = handle.read(1) == PICKLE_STOP
        except FileNotFoundError:
            continue
        except OSError:  # empty, or unreadable
            whole = False
        if not whole:
            path.unlink(missing_ok=True)
            damaged.append(docname)
    if damaged:
        logger.info("\n" + "\n".join(f"doctree cache: the stored page {docname} was damaged (cut short); reading "
                                       "it again" for docname in damaged))
    return damaged
