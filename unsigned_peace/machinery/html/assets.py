"""The HTML book's own scripts and style sheets, and the plotly.js it ships (no CDN).

The book's partial plotly.js bundle (of the version the installed plotly package expects) is copied
into `_static` and fetched only when a reader reaches for a chart (html/static/unsigned-peace-charts.js).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import plotly
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.paths import PACKAGE_CHECKOUT

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PARTIAL_BUNDLE = Path("node_modules", ".cache", "unsigned-peace", "plotly.min.js")
CHART_MARKER = "data-up-chart"
logger = logging.getLogger(__name__)


def add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        # The chart script fetches plotly.min.js from beside itself when the reader reaches for a chart.
        app.add_js_file("unsigned-peace-charts.js", loading_method="defer")


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
    if exception is None and is_website(app.builder):
        shutil.copyfile(plotly_bundle(), Path(app.outdir) / "_static" / "plotly.min.js")
