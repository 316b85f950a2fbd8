"""Which plotly.js the book uses: its own partial bundle, of the version the installed plotly package
writes figures for.

The web book ships it (html/assets.py) and kaleido draws the charts' static images with it
(steps/figure_images.py), so a picture and the live chart a reader reaches for come from the same code.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly

from unsigned_peace.paths import PACKAGE_CHECKOUT

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PARTIAL_BUNDLE = Path("node_modules", ".cache", "unsigned-peace", "plotly.min.js")


class BundleVersionError(Exception):
    """The partial bundle is of another plotly.js version than the installed plotly package expects."""


def plotly_bundle(root: Path = PACKAGE_CHECKOUT) -> Path:
    """The partial bundle scripts/setup.sh builds into node_modules (about 1 MB: scatter, bar and heatmap
    traces; see scripts/plotly/entry.js), else plotly's full one.

    Either way it must be the plotly.js version the installed plotly package writes figures for.
    """
    partial = root / PARTIAL_BUNDLE
    if not partial.is_file():
        return PLOTLY_JS
    expected, found = plotly_js_version(PLOTLY_JS), plotly_js_version(partial)
    if found != expected:
        raise BundleVersionError(f"the partial bundle has plotly.js {found}, but the installed plotly package "
                                 f"expects {expected}: pin plotly.js@{expected} in package.json and run "
                                 "scripts/setup.sh")
    return partial


def plotly_js_version(bundle: Path) -> str:
    with bundle.open(encoding="utf-8") as handle:
        head = handle.read(300)
    return re.search(r"plotly\.js\b[^\n]*?\bv(\d+\.\d+\.\d+)", head).group(1)
