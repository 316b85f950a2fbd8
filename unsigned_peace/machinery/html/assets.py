"""The HTML book's own scripts and style sheets, and the plotly.js it ships (no CDN).

The book's partial plotly.js bundle (of the version the installed plotly package expects) is copied
into `_static` and fetched only when a reader reaches for a chart (html/static/unsigned-peace-charts.js).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.plotly_js import PARTIAL_BUNDLE, BundleVersionError
from unsigned_peace.machinery.shared.plotly_js import plotly_bundle as shared_plotly_bundle
from unsigned_peace.paths import PACKAGE_CHECKOUT

STATIC = Path(__file__).parent / "static"
CHART_MARKER = "data-up-chart"
logger = logging.getLogger(__name__)


def add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        # The chart script fetches plotly.min.js from beside itself when the reader reaches for a chart.
        app.add_js_file("unsigned-peace-charts.js", loading_method="defer")


def plotly_bundle(root: Path = PACKAGE_CHECKOUT) -> Path:
    """The plotly.js the book ships (unsigned_peace.machinery.shared.plotly_js); a partial bundle of another
    version than the installed plotly package expects stops the build."""
    if not (root / PARTIAL_BUNDLE).is_file():
        logger.info(f"no partial plotly.js bundle at {PARTIAL_BUNDLE} (scripts/setup.sh builds it); "
                    "shipping plotly's full bundle")
    try:
        return shared_plotly_bundle(root)
    except BundleVersionError as error:
        raise SphinxError(str(error)) from None


def copy_plotly(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_website(app.builder):
        shutil.copyfile(plotly_bundle(), Path(app.outdir) / "_static" / "plotly.min.js")
