"""A chart as the book's notebooks display it: a plotly figure with what a reader needs beside it.

A displayed `Chart` offers two representations, and each reader takes its own:
- JupyterLab: plotly's own JSON (`application/vnd.plotly.v1+json`), which its renderer draws live at
  the notebook's width, with the chart's title and its source line above it (in the book the caption
  and the page carry them; see `notebook_json`);
- the book: `CHART_MIME`, the chart's inert spec (the figure's JSON, alt text, source line, summary
  and the data behind it). The book's machinery turns it into the HTML chart and, outside the
  kernel and once per build, into the static images of the PDF and of the download link.
Nothing here draws an image or writes HTML: the kernel only describes the chart. The spec's `id` is a
hash of the figure, so the same data gives byte-identical output.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from unsigned_peace.charts.mime import CHART_MIME, PLOTLY_MIME
from unsigned_peace.charts.style import HOUSE_TEMPLATE, MUTED
from unsigned_peace.escape import for_plotly
from unsigned_peace.messages import _
from unsigned_peace.numbers import plotly_separators
from unsigned_peace.tables import cell_text
from unsigned_peace.text_width import wrap

# The notebook's chart: above the plot, a title row and the source line, wrapped.
TITLE_PX = 44
SOURCE_WRAP_CHARS = 110
SOURCE_LINE_PX = 16
SOURCE_PAD_PX = 20
# On a phone-sized screen a chart keeps at least this width, in a frame that scrolls sideways: narrower,
# plotly lays axis labels, cell texts and legends over one another. A chart that knows how to fit a
# phone (`phone_layout`: a timeline with shorter row labels; a grid, bars or a dot plot in smaller type
# with wrapped labels) is laid out at the phone's width instead.
MIN_LEGIBLE_WIDTH_PX = 600
PHONE_WIDTH_PX = 380
# JupyterLab's plotly toolbar shows on hover only, in the title row, clear of legends above the plot.
NOTEBOOK_CONFIG = {"displaylogo": False, "displayModeBar": "hover", "responsive": True,
                   "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


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
    # The name of a table on the same page that has a row for every row of `data`, in its order, with every
    # column of it: the web page then points to that table instead of repeating it under the chart.
    data_table: str | None = None
    height: int = 500
    summary: str | None = None
    # Where print needs another form of the chart (a page is shorter than a scrolling screen): the
    # figure and height the PDF is drawn from, each defaulting to the screen's.
    print_figure: go.Figure | None = None
    print_height: int | None = None
    # A short title for the live chart in JupyterLab, where no caption is shown (the book's caption
    # stands in for it on the page and in print).
    title: str | None = None
    # How the chart fits a phone's screen: layout changes (per key of the figure's layout, merged into
    # it) that let it be drawn PHONE_WIDTH_PX wide. Without them a phone shows it MIN_LEGIBLE_WIDTH_PX wide.
    phone_layout: dict | None = None

    def __post_init__(self) -> None:
        if not self.alt.strip():
            raise ValueError("a chart needs alt text")
        if self.data is None and not (self.summary or "").strip():
            raise ValueError("a chart needs the data behind it or a one-paragraph summary for readers who "
                             "cannot see it")
        self.figure.update_layout(template=HOUSE_TEMPLATE, height=self.height)
        if self.print_figure is not None:
            self.print_figure.update_layout(template=HOUSE_TEMPLATE, height=self.print_height or self.height)
        # Numbers plotly writes itself (ticks, hover values) with the edition's decimal mark and grouping.
        separators = plotly_separators()
        if separators is not None:
            for figure in (self.figure, self.print_figure):
                if figure is not None:
                    figure.update_layout(separators=separators)

    @property
    def chart_id(self) -> str:
        return "chart-" + hashlib.sha1(self.figure_json().encode("utf-8")).hexdigest()[:12]

    def figure_json(self) -> str:
        return pio.to_json(self.figure, validate=False, pretty=False, remove_uids=True, engine="json")

    def spec(self) -> dict:
        """Everything the book shows of the chart, as plain JSON data."""
        table = None
        if self.data is not None:
            table = {"columns": [str(column) for column in self.data.columns],
                     "rows": [[cell_text(value) for value in row] for row in self.data.itertuples(index=False)]}
        spec = {"id": self.chart_id, "figure": json.loads(self.figure_json()), "alt": self.alt,
                "source": self.source, "summary": self.summary, "height": self.height, "data": table,
                "phone": self.phone()}
        if self.data_table is not None and table is not None:
            spec["data_table"] = self.data_table
        if self.print_figure is not None or self.print_height is not None:
            printed = self.print_figure if self.print_figure is not None else self.figure
            spec["print"] = {"figure": json.loads(pio.to_json(printed, validate=False, pretty=False,
                                                             remove_uids=True, engine="json")),
                             "height": self.print_height or self.height}
        return spec

    def phone(self) -> dict:
        """The chart on a phone-sized screen: the width it is laid out at, whether that fits the screen,
        and the layout changes that make it fit (the book's picture and its live chart both apply them)."""
        fits = self.phone_layout is not None
        return {"width": PHONE_WIDTH_PX if fits else MIN_LEGIBLE_WIDTH_PX, "fits": fits,
                "layout": self.phone_layout or {}}

    def titled(self, title: str) -> Chart:
        """The chart with a title for the notebook's live chart; returns the chart itself."""
        self.title = title
        return self

    def notebook_json(self) -> dict:
        """The chart as JupyterLab's plotly renderer draws it: as wide as the notebook (no width is set),
        with its title and, beneath the title, its source line (wrapped), on rows added above the plot.
        Whatever the figure pins to its container (a legend, a note) moves down with the plot."""
        drawn = json.loads(self.figure_json())
        layout = drawn.setdefault("layout", {})
        lines = wrap(self.source, SOURCE_WRAP_CHARS) or [""]
        above = (TITLE_PX if self.title else SOURCE_PAD_PX) + SOURCE_LINE_PX * len(lines)
        height = int(layout.get("height", self.height))
        total = height + above
        for item in [layout.get("legend", {}), *layout.get("annotations", []), *layout.get("images", [])]:
            if item.get("yref") == "container" and "y" in item:
                item["y"] = float(item["y"]) * height / total
        margin = layout.setdefault("margin", {})
        margin["t"] = margin.get("t", 30) + above
        layout.update(height=total, autosize=True)
        layout.pop("width", None)
        source = "<br>".join(for_plotly(line) for line in lines)
        layout["title"] = dict(
            text=f"<b>{for_plotly(self.title)}</b>" if self.title else "", font=dict(size=16),
            subtitle=dict(text=source, font=dict(size=12, color=MUTED)),
            x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
            pad=dict(t=10, l=10))
        drawn["config"] = NOTEBOOK_CONFIG
        return drawn

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            CHART_MIME: self.spec(),
            PLOTLY_MIME: self.notebook_json(),
            "text/plain": _("Chart: {alt}").format(alt=self.alt),
        }
