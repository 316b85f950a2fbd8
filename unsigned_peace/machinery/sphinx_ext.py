"""Sphinx extension for the book: check the data first, and ship chart assets with no CDN.

- `builder-inited`: validates the data package before any notebook runs, so bad data stops the build
  with the file, line and column, whatever command started it.
- Copies the book's partial plotly.js bundle (of the version the installed plotly package expects)
  into `_static`, and loads it (deferred) only on pages that hold a chart.
- Ships the data package for download and writes the data dictionary (`unsigned_peace.machinery.downloads`).
- Keeps notebook outputs (text from the data) as written, out of reach of "smart" quotes.
- Fixes the accessibility faults of the stock theme and outputs at their source: theme components
  are overridden from `templates/`, and the "show code" toggle loses a label that contradicts its
  text. Both reach past public configuration, so both are pinned (requirements.txt) and
  tests/test_sphinx_ext.py checks that what they replace is still what the pinned versions ship.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from html import escape
from pathlib import Path

import plotly
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from unsigned_peace.machinery import downloads, execution
from unsigned_peace.machinery.book_files import book_description
from unsigned_peace.machinery.data_check import book_problems, stop
from unsigned_peace.machinery.notebooks import chapter_notebooks
from unsigned_peace.machinery.page_meta import description
from unsigned_peace.paths import PACKAGE_CHECKOUT, data_dir, pin_data_dir
from unsigned_peace.validation import VALIDATED_ENV, DataFolderError, data_digest

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PARTIAL_BUNDLE = Path("node_modules", ".cache", "unsigned-peace", "plotly.min.js")
CHART_MARKER = "data-up-chart"
logger = logging.getLogger(__name__)


def check_data(app: Sphinx) -> None:
    """Stop the build, with one line per problem and no traceback, when the data or a notebook's tables
    are wrong. Runs before any notebook, whatever command started the build."""
    source = Path(app.srcdir)
    pin_data_dir()
    try:
        folder = data_dir(source)
    except DataFolderError as error:
        stop(error.problems, "build")
    # The digest covers the data and the validator's own code: other bytes, or a changed validator,
    # are validated again.
    notebooks = chapter_notebooks(source)
    digest = data_digest(folder) + execution.notebooks_digest(notebooks)
    stamp = Path(app.outdir).parent / ".data-validated"
    if not (stamp.is_file() and stamp.read_text() == digest):
        problems = book_problems(source, notebooks)
        if problems:
            stop(problems, "build")
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
    # Kernels started by this build inherit the digest and skip validating the same data again.
    os.environ[VALIDATED_ENV] = data_digest(folder)


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
    executed, failed = execution.prepare(notebooks, data_dir(source), Path(cache_path),
                                         app.config.nb_execution_timeout)
    # A failed notebook is left to myst-nb, which runs it again and reports the error with its traceback.
    for uri in failed:
        logger.info(f"parallel execution failed for {uri}; myst-nb will run it and report why")
    rerun = {str(Path(uri).relative_to(source).with_suffix("")) for uri in executed}
    return sorted(rerun - added - removed)


def add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        # The chart script fetches plotly.min.js from beside itself when the reader reaches for a chart.
        app.add_js_file("unsigned-peace-charts.js", loading_method="defer")


def pages_after_asset_change(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Every page again when the book's own scripts, styles or templates changed.

    Sphinx copies static files only when it writes a page, and each page names a script with a digest
    of it (`?v=`): with no page out of date, an edited script would never reach the built book.
    """
    digest = hashlib.sha256()
    for path in sorted([*STATIC.rglob("*"), *TEMPLATES.rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    if getattr(env, "up_assets_digest", None) == digest.hexdigest():
        return []
    env.up_assets_digest = digest.hexdigest()
    return sorted(env.found_docs - added - removed)


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


class OutputsAsWritten(SphinxTransform):
    """Keep the text of notebook outputs as written: no "smart" quotes in what the code printed.

    Outputs carry text from the data (tables, source lines); Sphinx's smartquotes would turn a `"` in
    a CSV cell into a curly quote and show readers something the data does not say. Runs before
    smartquotes (priority 750), which skips any node below one marked `support_smartquotes=False`.
    """

    default_priority = 740

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if "cell_output" in container["classes"]:
                container["support_smartquotes"] = False


def visit_hidden_cell(self, node) -> None:
    """myst-nb's "Show code cell source" toggle, without its `aria-label="Toggle hidden content"`.

    That label overrode the visible text, so speech users could not say what they see (WCAG 2.5.3,
    axe: label-content-name-mismatch); the summary's text now names it.
    """
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    # Spans, not myst-nb's paragraphs: a <summary> holds phrasing content only (the Nu HTML Checker
    # rejects a <p> there); unsigned-peace.css gives them the paragraphs' display rules.
    self.body.append(f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n')
    self.body.append(f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n')
    self.body.append("</summary>\n")


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={target}">
<meta name="description" content="{description}" />
<title>{title}</title>
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def write_index_redirect(app: Sphinx, exception: Exception | None) -> None:
    """`index.html`, the page readers open first, as a complete page that forwards to the first chapter.

    Left alone, sphinx-external-toc writes a lone `<meta>` tag there: a page with no language and no
    title (axe: html-has-lang, document-title), and no link for a browser that does not follow it.
    """
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    title = app.config.html_title or app.config.project
    (Path(app.outdir) / "index.html").write_text(
        REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), target=escape(target), title=escape(title),
                             description=escape(description(book_description(Path(app.srcdir))))),
        encoding="utf-8")


def plotly_bundle(root: Path = PACKAGE_CHECKOUT) -> Path:
    """The plotly.js the book ships: the partial bundle scripts/setup.sh builds into node_modules
    (about 1 MB: scatter, bar and heatmap traces; see scripts/plotly/entry.js), else plotly's full one.

    Either way it must be the plotly.js version the installed plotly package writes figures for.
    """
    partial = root / PARTIAL_BUNDLE
    if not partial.is_file():
        logger.info(f"no partial plotly.js bundle at {PARTIAL_BUNDLE} (scripts/setup.sh builds it); "
                    "shipping plotly's full bundle")
        return PLOTLY_JS
    expected, found = _plotly_js_version(PLOTLY_JS), _plotly_js_version(partial)
    if found != expected:
        raise SphinxError(f"the partial bundle has plotly.js {found}, but the installed plotly package expects "
                          f"{expected}: pin plotly.js@{expected} in package.json and run scripts/setup.sh")
    return partial


def _plotly_js_version(bundle: Path) -> str:
    with bundle.open(encoding="utf-8") as handle:
        head = handle.read(300)
    return re.search(r"plotly\.js\b[^\n]*?\bv(\d+\.\d+\.\d+)", head).group(1)


def copy_plotly(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        shutil.copyfile(plotly_bundle(), Path(app.outdir) / "_static" / "plotly.min.js")


def setup(app: Sphinx) -> dict:
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.connect("builder-inited", check_data)
    app.connect("env-get-outdated", execute_notebooks)
    app.connect("env-get-outdated", pages_after_asset_change)
    # The PDF (LaTeX build), figure images and download links live in modules of their own.
    app.setup_extension("unsigned_peace.machinery.chart_output")
    app.setup_extension("unsigned_peace.machinery.inline_values")
    app.setup_extension("unsigned_peace.machinery.references")
    app.setup_extension("unsigned_peace.machinery.filter_output")
    app.setup_extension("unsigned_peace.machinery.anchors")
    app.setup_extension("unsigned_peace.machinery.cover")
    app.setup_extension("unsigned_peace.machinery.latex")
    app.setup_extension("unsigned_peace.machinery.short_captions")
    app.setup_extension("unsigned_peace.machinery.exports")
    app.setup_extension("unsigned_peace.machinery.lean_assets")
    app.setup_extension("unsigned_peace.machinery.page_meta")
    app.setup_extension("unsigned_peace.machinery.structured_data")
    app.setup_extension("unsigned_peace.machinery.cite")
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.connect("build-finished", copy_plotly)
    app.connect("build-finished", write_index_redirect, priority=100)  # before sphinx-external-toc's
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.add_transform(OutputsAsWritten)
    downloads.setup(app)
    app.config.html_static_path.append(str(STATIC))
    app.config.templates_path.insert(0, str(TEMPLATES))
    app.add_css_file("unsigned-peace.css")
    app.add_css_file("icons.css")
    # Every page: keyboard access to regions that start to scroll after the theme has looked.
    app.add_js_file("unsigned-peace-scroll.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
