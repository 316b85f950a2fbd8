"""Sphinx extension for the book: check the data first, and ship chart assets with no CDN.

- `builder-inited`: validates the data package before any notebook runs, so bad data stops the build
  with the file, line and column, whatever command started it.
- Copies the plotly.js that the installed plotly package ships into `_static`, and loads it (deferred)
  only on pages that hold a chart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly
from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from unsigned_peace.paths import data_dir
from unsigned_peace.validation import DataValidationError, validate_package

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHART_MARKER = "data-up-chart"


class BookDataError(SphinxError):
    category = "Data error (fix the CSV and build again)"


def check_data(app: Sphinx) -> None:
    folder = data_dir(Path(app.srcdir))
    try:
        validate_package(folder, display_root=Path(app.srcdir))
    except DataValidationError as error:
        raise BookDataError(str(error)) from None


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
    # The PDF (LaTeX build), figure images and download links live in modules of their own.
    app.setup_extension("unsigned_peace.latex")
    app.setup_extension("unsigned_peace.exports")
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("build-finished", copy_plotly)
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("unsigned-peace.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
