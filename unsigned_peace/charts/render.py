"""Render a plotly figure for every place the book is read.

One displayed `Chart` carries several representations, and each reader picks its own:
- the HTML book: a placeholder `div` and the figure as inert JSON, drawn by the plotly.js that the
  book's Sphinx extension ships in `_static` (no CDN, no inline script); with the source line and
  the data behind the chart in a disclosure widget, for readers who cannot see the plot;
- the PDF: a PNG made by kaleido (headless Chromium), at print resolution;
- JupyterLab: plotly's own JSON, which its renderer draws interactively.
The `div` id is a hash of the figure, so the same data gives byte-identical output (nbval compares it).
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import textwrap
import warnings
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from unsigned_peace.escape import for_html, for_plotly
from unsigned_peace.charts.style import HOUSE_TEMPLATE

# Laid out 800 px wide, drawn at scale 2.5: 2000 px across the PDF's 16 cm text block is about 320 dpi,
# and 12-14 px chart text prints at 7-8 pt.
STATIC_WIDTH_PX = 800
STATIC_SCALE = 2.5
# The source line under a static image: 12 px text, wrapped to the image's width.
SOURCE_WRAP_CHARS = 115
SOURCE_LINE_PX = 17
SOURCE_PAD_PX = 16
# Set to "off", charts leave out their PNG: nbval never compares images, and each PNG costs the kernel a
# headless Chromium. The test suite sets it for the notebooks it runs; books are built with images.
STATIC_IMAGES_ENV = "UNSIGNED_PEACE_STATIC_IMAGES"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass
class Chart:
    """A figure with what a reader needs beside it: alt text, source line and the data behind it.

    Every chart needs a text alternative a reader can reach next to it: the data behind it (`data`,
    shown as a table) or a one-paragraph `summary` of what it shows, or both.
    """

    figure: go.Figure
    alt: str
    source: str
    data: pd.DataFrame | None = None
    height: int = 500
    summary: str | None = None
    _png: bytes | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.alt.strip():
            raise ValueError("a chart needs alt text")
        if self.data is None and not (self.summary or "").strip():
            raise ValueError("a chart needs the data behind it or a one-paragraph summary for readers who cannot see it")
        self.figure.update_layout(template=HOUSE_TEMPLATE, height=self.height)

    @property
    def chart_id(self) -> str:
        return "chart-" + hashlib.sha1(self.figure_json().encode("utf-8")).hexdigest()[:12]

    def figure_json(self) -> str:
        return pio.to_json(self.figure, validate=False, pretty=False, remove_uids=True, engine="json")

    def html(self) -> str:
        # Escaping <, > and & as JSON unicode escapes keeps data text from closing the script element.
        spec = json.dumps(
            {"figure": json.loads(self.figure_json()), "config": PLOTLY_CONFIG},
            separators=(",", ":"), sort_keys=True, ensure_ascii=False,
        ).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        # role="figure" (not "img"): plotly puts focusable controls inside the plot, which an image
        # cannot contain (axe: nested-interactive); the label is the chart's alt text either way.
        parts = [
            f'<div class="up-chart" id="{self.chart_id}">',
            f'<div class="up-chart-plot" role="figure" aria-label="{for_html(self.alt)}" '
            f'style="min-height:{self.height}px" data-up-chart></div>',
            f'<script type="application/json" class="up-chart-spec">{spec}</script>',
            f'<p class="up-source">{for_html(self.source)}</p>',
        ]
        if self.summary:
            parts.append(f'<p class="up-chart-summary">{for_html(self.summary)}</p>')
        if self.data is not None:
            table = self.data.to_html(index=False, escape=True, border=0, classes="up-chart-table")
            parts.append(f"<details><summary>Data behind this chart</summary>{table}</details>")
        parts.append("</div>")
        return "\n".join(parts)

    def png(self) -> bytes:
        if self._png is None:
            self._png = static_image(self.figure, self.source, self.height)
        return self._png

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {
            "text/html": self.html(),
            "application/vnd.plotly.v1+json": json.loads(self.figure_json()),
            "text/plain": f"Chart: {self.alt}",
        }
        if os.environ.get(STATIC_IMAGES_ENV) != "off":
            bundle["image/png"] = self.png()
        return bundle


_kaleido_started = False


def static_image(figure: go.Figure, source: str, height: int) -> bytes:
    """A PNG of the figure with its source line printed under the plot, for the PDF.

    The plot is drawn first, on its own, then placed above a strip holding the source line: nothing
    in the plot's layout (axis labels, a legend below the plot) can then overlap or clip the line.
    """
    plot = _png(go.Figure(figure), height)
    printed, total_height = with_source_strip(plot, source, height)
    return _png(printed, total_height)


def with_source_strip(plot_png: bytes, source: str, height: int) -> tuple[go.Figure, int]:
    """A figure showing `plot_png` (drawn `height` px high) above the source line, wrapped to the page."""
    lines = textwrap.wrap(source, SOURCE_WRAP_CHARS) or [""]
    strip = SOURCE_LINE_PX * len(lines) + SOURCE_PAD_PX
    total_height = height + strip
    printed = go.Figure()
    printed.add_layout_image(source="data:image/png;base64," + base64.b64encode(plot_png).decode("ascii"),
                             xref="paper", yref="paper", x=0, y=1, sizex=1, sizey=1, xanchor="left",
                             yanchor="top", sizing="stretch", layer="above")
    printed.add_annotation(text="<br>".join(for_plotly(line) for line in lines), xref="paper", yref="paper",
                           x=0, y=0, xshift=10, yshift=-6, xanchor="left", yanchor="top", showarrow=False,
                           align="left", font=dict(size=12, color="#52606d"))
    printed.update_layout(template=HOUSE_TEMPLATE, height=total_height, margin=dict(l=0, r=0, t=0, b=strip),
                          xaxis=dict(visible=False, range=[0, 1]), yaxis=dict(visible=False, range=[0, 1]),
                          showlegend=False)
    return printed, total_height


def _png(figure: go.Figure, height: int) -> bytes:
    global _kaleido_started
    import kaleido

    if not _kaleido_started:
        # One browser for the whole kernel: starting Chromium per image costs seconds each time.
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _kaleido_started = True
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return figure.to_image(format="png", width=STATIC_WIDTH_PX, height=height, scale=STATIC_SCALE)
