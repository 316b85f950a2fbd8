"""Sphinx extension for the book: check the data first, and ship chart assets with no CDN.

- `builder-inited`: validates the data package before any notebook runs, so bad data stops the build
  with the file, line and column, whatever command started it.
- Copies the plotly.js that the installed plotly package ships into `_static`, and loads it (deferred)
  only on pages that hold a chart.
"""

from __future__ import annotations

import hashlib
import os
import shutil

from sphinx.util import logging
from pathlib import Path

import plotly
from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from unsigned_peace import execution, validation
from unsigned_peace.paths import data_dir
from unsigned_peace.validation import VALIDATED_ENV, DataValidationError, data_digest, validate_package

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHART_MARKER = "data-up-chart"
# Validation is skipped only for bytes already validated by this very validator.
VALIDATOR_DIGEST = hashlib.sha256(Path(validation.__file__).read_bytes()).hexdigest()
NOTEBOOKS = "chapters/*.ipynb"
logger = logging.getLogger(__name__)


class BookDataError(SphinxError):
    category = "Data error (fix the CSV and build again)"


def check_data(app: Sphinx) -> None:
    folder = data_dir(Path(app.srcdir))
    digest = data_digest(folder) + ":" + VALIDATOR_DIGEST
    stamp = Path(app.outdir).parent / ".data-validated"
    if not (stamp.is_file() and stamp.read_text() == digest):
        try:
            validate_package(folder, display_root=Path(app.srcdir))
        except DataValidationError as error:
            raise BookDataError(str(error)) from None
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
    # Kernels started by this build inherit the digest and skip validating the same data again.
    os.environ[VALIDATED_ENV] = data_digest(folder)


def execute_notebooks(app: Sphinx) -> None:
    """In cache mode, run stale notebooks in parallel before Sphinx reads them (see execution.py)."""
    if app.config.nb_execution_mode != "cache":
        return
    source = Path(app.srcdir)
    notebooks = sorted(source.glob(NOTEBOOKS))
    cache_path = app.config.nb_execution_cache_path or str(Path(app.outdir).parent / ".jupyter_cache")
    executed, failed = execution.prepare(notebooks, data_dir(source), Path(cache_path),
                                         app.config.nb_execution_timeout)
    # Sphinx rereads only files it sees changed; a notebook run again for its data must be reread too.
    app.env.unsigned_peace_rerun = {str(Path(uri).relative_to(source).with_suffix("")) for uri in executed}
    # A failed notebook is left to myst-nb, which runs it again and reports the error with its traceback.
    for uri in failed:
        logger.info(f"parallel execution failed for {uri}; myst-nb will run it and report why")


def reread_rerun_notebooks(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    return sorted(getattr(env, "unsigned_peace_rerun", set()) - added - removed)


def add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file("plotly.min.js", loading_method="defer")
        app.add_js_file("unsigned-peace-charts.js", loading_method="defer")


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Remove the live-code (Thebe) assets Jupyter Book always adds.

    Thebe runs code on a remote server, which an offline book cannot reach; its set-up script is also
    emitted twice, which throws "Identifier 'THEBE_JS_URL' has already been declared" on every page.
    """
    def is_thebe(asset) -> bool:
        return "thebe" in str(asset.filename or "") or "THEBE" in str(asset.attributes.get("body", ""))

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def copy_plotly(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        shutil.copyfile(PLOTLY_JS, Path(app.outdir) / "_static" / "plotly.min.js")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_data)
    app.connect("builder-inited", execute_notebooks)
    app.connect("env-get-outdated", reread_rerun_notebooks)
    # The PDF (LaTeX build), figure images and download links live in modules of their own.
    app.setup_extension("unsigned_peace.latex")
    app.setup_extension("unsigned_peace.exports")
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("build-finished", copy_plotly)
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("unsigned-peace.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
