"""How a chart a notebook displays becomes part of the book (a myst-nb mime renderer plugin).

A `Chart` (unsigned_peace.charts.render) displays as `CHART_MIME`: its inert spec. myst-nb hands that
output to `ChartRenderer`, registered under the public `myst_nb.mime_renderers` entry point in
pyproject.toml, and the book keeps one format-agnostic node tree for it, as myst-nb does for every
output; Sphinx's `only` nodes then keep the part each builder needs:
- HTML: the chart's picture, a placeholder `div` for the interactive chart, the source line, the summary
  and the data behind the chart in a disclosure widget. The interactive chart's spec is a script file of
  its own in `_static/charts/` (`live_chart`: one JSON literal, named by its digest), fetched with the
  shipped plotly.js only when the reader reaches for the chart: the page itself stays light;
- LaTeX: the chart's vector PDF and its source line beneath it;
- EPUB (an HTML builder too, for readers that run no scripts): the SVG picture the web page shows first,
  with its alt text, then the source line, the summary and the data behind the chart, all in the open
  (`ChartPicture` becomes the image when the EPUB is written, unsigned_peace.machinery.epub.ebook);
- any other builder: the alt text and the source line.
The static images (steps/figure_images.py) are drawn by a process of their own from the moment a document
has been read, while Sphinx goes on with the others: the HTML book draws the PNGs it offers for
download, the LaTeX build the PDFs it prints, which it copies beside the .tex file before xelatex
runs; a build that will draw every chart (nothing of its kind in the cache yet) starts that process
with the build, so its browser is ready once the notebooks have run. The build waits for the images
before it exports the figures. A missing or broken image stops the build with the figure's name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from unsigned_peace.charts.mime import CHART_MIME
from unsigned_peace.dates import is_written_date
from unsigned_peace.escape import for_html, for_spreadsheet, script_json
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.content.table_cells import (
    DATE_CLASS,
    FEWEST_BLOCK_COLUMNS,
    PHONE_BLOCKS_CLASS,
    RAW_TABLE_COLUMNS,
)
from unsigned_peace.machinery.content.translation import edition_language
from unsigned_peace.machinery.shared.interface import N_, Texts, english, interface_texts
from unsigned_peace.machinery.steps.figure_images import (
    CACHE_FOLDER,
    DRAWING_VERSION,
    PICTURE_WIDTH_PX,
    DrawingProcess,
    FigureImageError,
    FigureImages,
    intact,
)
from unsigned_peace.numbers import figure_cell

# What the build records of each chart when it reads a page (FigureImages' fields, the live chart's script and its
# data table): change it with them.
RECORD_VERSION = 6
logger = logging.getLogger(__name__)
# No "Share chart..." button (plotly.js 4 shows it unless told not to): it would send the chart to a server, which
# an offline book has none of (plotly logs an error), and its tooltip is in none of plotly's locales.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False,
                 "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


class ChartImageError(SphinxError):
    category = "Chart image error"


# The phone's picture is shown on screens at most this wide (the book's chart script reads the query from
# the page, so that the live chart takes the phone's layout exactly where the picture does).
PHONE_MEDIA = "(max-width: 640px)"
PICTURES_STATIC = "_static/charts"
HINT = N_("Tap or click the chart, or move to it with the keyboard, to explore it: values, zoom and pan.")
# Said above a chart that a phone shows wider than its screen, in a frame that scrolls sideways (on a phone
# only): its picture opens at its left edge, its title and labels cut at the screen's edge.
SIDEWAYS = N_("This chart is wider than the screen: scroll it sideways to see all of it.")
DATA_BEHIND = N_("Data behind this chart")
# Translators: a link to the table further down the same page that lists every row the chart shows.
DATA_IN_TABLE = N_("Data behind this chart: the table below")


@dataclass(frozen=True)
class LiveChart:
    """The interactive chart's spec as a script file of `_static/charts/`: its name and its text, which sets
    `window.upChartSpecs[name]` to one JSON literal (the book's chart script reads it from there)."""

    name: str
    script: str


def live_chart(spec: dict) -> LiveChart:
    literal = script_json({"figure": spec["figure"], "config": PLOTLY_CONFIG, "phone": spec["phone"]})
    name = hashlib.sha256(literal.encode("utf-8")).hexdigest()[:20] + ".live.js"
    return LiveChart(name, f'(window.upChartSpecs = window.upChartSpecs || {{}})["{name}"] = {literal};\n')


def live_spec(script: str) -> dict:
    """The spec a `LiveChart`'s script holds (for checks of what the book wrote)."""
    return json.loads(script[script.index("] = ") + 4:].rstrip().removesuffix(";"))


def chart_html(spec: dict, pictures: ChartPictures, texts: Texts = english, language: str = SOURCE_LANGUAGE) -> str:
    """The chart's HTML: its picture, shown from the first paint with no script; the place the book's
    script draws the interactive chart in once the reader reaches for it, from the script file named
    by `data-up-live`; and its text alternatives (the book's own words in the edition's language, `texts`,
    and its figures in the `language`'s symbols)."""
    alt = for_html(spec["alt"])
    phone, height = spec["phone"], int(spec["height"])
    # Below the first screen a picture loads as the reader nears it; the page's first chart at once.
    loading = "eager" if pictures.first_on_page else "lazy"
    classes = "up-chart up-chart-fits" if phone["fits"] else "up-chart"
    parts = [
        f'<div class="{classes}" id="{for_html(spec["id"])}" data-up-live="{for_html(pictures.live)}">',
        # On a screen narrower than a chart's smallest legible width the chart keeps that width and its
        # frame scrolls sideways, rather than squeezing labels over one another; the reader is told so.
        *([] if phone["fits"] else [f'<p class="up-chart-sideways">{for_html(texts(SIDEWAYS))}</p>']),
        '<div class="up-chart-frame">',
        '<div class="up-chart-picture"><picture>',
        f'<source media="{PHONE_MEDIA}" srcset="{for_html(pictures.phone)}" width="{int(phone["width"])}" '
        f'height="{height}">',
        f'<img src="{for_html(pictures.desktop)}" alt="{alt}" width="{PICTURE_WIDTH_PX}" height="{height}" '
        f'loading="{loading}" decoding="async">',
        "</picture></div>",
        # role="figure" (not "img"): plotly puts focusable controls inside the plot, which an image cannot
        # contain (axe: nested-interactive); the label is the chart's alt text either way.
        f'<div class="up-chart-plot" role="figure" aria-label="{alt}" aria-hidden="true" data-up-chart></div>',
        "</div>",
        f'<p class="up-chart-hint" id="{for_html(spec["id"])}-hint">{for_html(texts(HINT))}</p>',
        f'<p class="up-source">{for_html(spec["source"])}</p>',
    ]
    if spec.get("summary"):
        parts.append(f'<p class="up-chart-summary">{for_html(spec["summary"])}</p>')
    if spec.get("data_table"):
        parts.append(data_table_link(spec["data_table"], texts))
    elif spec.get("data"):
        parts.append(f"<details><summary>{for_html(texts(DATA_BEHIND))}</summary>"
                     f"{data_table(spec['data'], data_table_id(spec), texts, language)}</details>")
    parts.append("</div>")
    return "\n".join(parts)


def data_table_link(table_name: str, texts: Texts = english) -> str:
    """Where the data behind a chart is a table further down its page (`Chart.data_table`): a link to it,
    rather than the same rows a second time (the chronology's repeated 30 KB of its page)."""
    return (f'<p class="up-chart-data"><a href="#{for_html(table_name)}">{for_html(texts(DATA_IN_TABLE))}</a>'
            "</p>")


@dataclass(frozen=True)
class ChartPictures:
    """Where a page finds a chart's pictures and its interactive spec (`LiveChart`), relative to the page,
    and whether it is the page's first chart."""

    desktop: str
    phone: str
    live: str
    first_on_page: bool


def chart_pictures(docname: str, images: FigureImages, live: LiveChart, first_on_page: bool) -> ChartPictures:
    page = f"{docname}.html"
    return ChartPictures(desktop=relative_uri(page, f"{PICTURES_STATIC}/{images.digest}.svg"),
                         phone=relative_uri(page, f"{PICTURES_STATIC}/{images.digest}.phone.svg"),
                         live=relative_uri(page, f"{PICTURES_STATIC}/{live.name}"),
                         first_on_page=first_on_page)


def phone_figure(figure: dict, phone: dict) -> dict:
    """The figure as a phone shows it: each key of the phone's layout merged into the figure's layout,
    one level deep, as the book's chart script merges it."""
    layout = dict(figure.get("layout", {}))
    for key, change in phone.get("layout", {}).items():
        layout[key] = {**layout.get(key, {}), **change} if isinstance(change, dict) else change
    return {**figure, "layout": layout}


def data_table_id(spec: dict) -> str:
    return f"{spec['id']}-data"


def reads_as_blocks(data: dict) -> bool:
    """Whether a chart's data table reads as blocks on a phone, as a page's tables of as many columns do."""
    return len(data["columns"]) >= FEWEST_BLOCK_COLUMNS


def data_table(data: dict, table_id: str, texts: Texts = english, language: str = SOURCE_LANGUAGE) -> str:
    # A wide table scrolls inside the chart's card rather than running past it onto the page; a region
    # that scrolls must be reachable by keyboard.
    return (f'<div class="up-chart-table-scroll" tabindex="0" role="region" '
            f'aria-label="{for_html(texts(DATA_BEHIND))}">{table_html(data, language, table_id)}</div>')


def table_html(data: dict, language: str = SOURCE_LANGUAGE, table_id: str | None = None) -> str:
    """The table of a chart's data; given an id, one of enough columns is marked to read as blocks on a phone."""
    head = "".join(f"<th>{for_html(column)}</th>" for column in data["columns"])
    rows = "".join("<tr>" + "".join(table_cell(cell, language) for cell in row) + "</tr>" for row in data["rows"])
    marked = table_id is not None and reads_as_blocks(data)
    opening = (f'<table class="up-chart-table {PHONE_BLOCKS_CLASS}" id="{for_html(table_id)}">' if marked
               else '<table class="up-chart-table">')
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def table_cell(cell, language: str = SOURCE_LANGUAGE) -> str:
    """A data table's cell; one that holds a date alone is kept on one line, as in the pages' tables, and one
    that holds a figure alone is written in the `language`'s symbols (the data behind a chart, its spec's
    rows and its CSV download, keeps the figures as the data gives them)."""
    date = isinstance(cell, str) and is_written_date(cell)
    shown = for_html(figure_cell(cell, language=language) if isinstance(cell, str) else cell)
    return f'<td class="{DATE_CLASS}">{shown}</td>' if date else f"<td>{shown}</td>"


def data_csv(data: dict) -> str:
    """The data behind a chart, the rows its table shows, as a CSV file's text; a cell a spreadsheet would
    run as a formula is written as text (escape.for_spreadsheet)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([for_spreadsheet(column) for column in data["columns"]])
    writer.writerows([for_spreadsheet(cell) for cell in row] for row in data["rows"])
    return text.getvalue()


def figure_label(cell_metadata: dict) -> str | None:
    """The label a notebook cell gives its figure (`mystnb: figure: name`), if any."""
    return ((cell_metadata.get("mystnb") or {}).get("figure") or {}).get("name")


def _recorded(env: BuildEnvironment, name: str) -> dict:
    """What the build records of each page's charts under `name`, by page (kept with the environment)."""
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def charts_by_doc(env: BuildEnvironment) -> dict[str, list[FigureImages]]:
    return _recorded(env, "up_charts")


def live_charts_by_doc(env: BuildEnvironment) -> dict[str, list[LiveChart]]:
    return _recorded(env, "up_live_charts")


def figure_cache(env: BuildEnvironment) -> Path:
    return Path(env.app.outdir).parent / CACHE_FOLDER


class ChartRenderer:
    """myst-nb mime renderer plugin for `CHART_MIME` (see the module docstring)."""

    mime_priority_overrides: ClassVar = (("*", CHART_MIME, 1),)

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != CHART_MIME or inline:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        env: BuildEnvironment = renderer.renderer.sphinx_env
        in_print = spec.get("print") or {}
        phone = spec["phone"]
        images = FigureImages(figure_json=compact_json(spec["figure"]),
                              height=int(spec["height"]), source=spec["source"],
                              name=figure_label(data.cell_metadata) or spec["id"],
                              print_figure_json=compact_json(in_print["figure"]) if in_print else None,
                              print_height=int(in_print["height"]) if in_print else None,
                              phone_width=int(phone["width"]),
                              phone_figure_json=compact_json(phone_figure(spec["figure"], phone)),
                              data_csv=data_csv(spec["data"]) if spec.get("data") else None)
        on_page = charts_by_doc(env).setdefault(env.docname, [])
        on_page.append(images)
        live = live_chart(spec)
        live_charts_by_doc(env).setdefault(env.docname, []).append(live)

        # The EPUB builder's format is "html" too: it takes its own branch, with no script and no live chart.
        on_screen = addnodes.only(expr="html and not epub")
        pictures = chart_pictures(env.docname, images, live, first_on_page=len(on_page) == 1)
        language = edition_language(env.config)
        texts = interface_texts(Path(env.srcdir), language)
        shown = nodes.raw("", chart_html(spec, pictures, texts, language), format="html")
        if spec.get("data") and not spec.get("data_table") and reads_as_blocks(spec["data"]):
            shown[RAW_TABLE_COLUMNS] = {data_table_id(spec): list(spec["data"]["columns"])}
        on_screen += shown
        in_ebook = addnodes.only(expr="epub")
        in_ebook += ChartPicture(picture=images.phone_svg(Path()).name, alt=spec["alt"])
        in_ebook += source_line(spec["source"])
        in_ebook += nodes.container("", nodes.raw("", ebook_chart_text(spec, texts, language), format="html"),
                                    classes=[EBOOK_CHART_TEXT])
        in_print = addnodes.only(expr="latex")
        # The image is copied beside the .tex file at the end of the build (wait_for_images).
        in_print += nodes.raw("", rf"\noindent\sphinxincludegraphics{{{{{images.digest}}}.pdf}}" + "\n",
                              format="latex")
        in_print += source_line(spec["source"])
        elsewhere = addnodes.only(expr="not (html or latex)")
        elsewhere += nodes.paragraph(text=spec["alt"])
        elsewhere += source_line(spec["source"])
        return [on_screen, in_ebook, in_print, elsewhere]


class ChartPicture(nodes.General, nodes.Element):
    """Where the EPUB shows a chart's picture: the file name of its SVG in the figure cache and its `alt` text.
    A phone's picture: e-readers and phones' book apps have a phone's narrow page.

    Not an image node yet: when a page is read the picture may not be drawn, and Sphinx would look for it.
    """


EBOOK_CHART_TEXT = "up-chart-text"
# Wider than this, the data behind a chart reads on an e-reader's narrow page as one block per row.
EBOOK_TABLE_COLUMNS = 3


def ebook_chart_text(spec: dict, texts: Texts = english, language: str = SOURCE_LANGUAGE) -> str:
    """What follows a chart's picture in the EPUB: its summary and the data behind it, shown in full (an
    e-reader may not open a disclosure widget)."""
    parts = []
    if spec.get("summary"):
        parts.append(f'<p class="up-chart-summary">{for_html(spec["summary"])}</p>')
    if spec.get("data_table"):
        parts.append(data_table_link(spec["data_table"], texts))
    elif spec.get("data"):
        data = spec["data"]
        parts += [f'<p class="up-chart-data-heading">{for_html(texts(DATA_BEHIND))}</p>',
                  table_html(data, language) if len(data["columns"]) <= EBOOK_TABLE_COLUMNS
                  else records_html(data, language)]
    return "\n".join(parts)


def records_html(data: dict, language: str = SOURCE_LANGUAGE) -> str:
    """A table as one block per row, as print sets a table too wide for its page: the first cell as the
    block's heading, every other under its column's name. Squeezed side by side into a page a phone wide,
    such columns would break their words letter by letter."""
    columns = [for_html(column) for column in data["columns"]]
    blocks = []
    for row in data["rows"]:
        fields = "".join(f"<dt>{name}</dt><dd>{for_html(figure_cell(cell, language=language))}</dd>"
                         for name, cell in zip(columns[1:], row[1:]))
        blocks.append(f'<div class="up-chart-record"><p class="up-chart-record-title">{columns[0]}: '
                      f"{for_html(row[0])}</p><dl>{fields}</dl></div>")
    return f'<div class="up-chart-records">{"".join(blocks)}</div>'


def compact_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def source_line(text: str) -> nodes.container:
    return nodes.container("", nodes.paragraph(text=text), classes=["up-source"])


def image_kinds(app: Sphinx) -> tuple[str, ...]:
    """What this build draws: PNGs for the HTML book's downloads and SVG pictures for its pages, the SVG
    pictures alone for the EPUB, PDFs for print, or nothing."""
    if app.builder.name == "epub":
        return ("svg",)
    return {"html": ("png", "svg"), "latex": ("pdf",)}.get(app.builder.format, ())


def start_drawing(app: Sphinx, doctree: nodes.document) -> None:
    """Hand the charts of the document just read to the drawing process; Sphinx goes on meanwhile."""
    charts, kinds = charts_by_doc(app.env).get(app.env.docname, []), image_kinds(app)
    if charts and kinds:
        for repair in drawing(app).submit(list(charts), kinds):
            logger.info(repair)


def drawing(app: Sphinx) -> DrawingProcess:
    if not hasattr(app, "up_drawing"):
        app.up_drawing = DrawingProcess(figure_cache(app.env))
    return app.up_drawing


def start_drawing_early(app: Sphinx) -> None:
    """A build whose cache holds no image of its kind yet (a clean build, or the first PDF) will draw
    every chart: its drawing process starts now, and its browser while the notebooks run."""
    kinds = image_kinds(app)
    cache = figure_cache(app.env)
    if kinds and not any(cache.glob(f"*.{kinds[0]}")):
        drawing(app).start()


def submit_remaining_images(app: Sphinx, exception: Exception | None) -> None:
    """Hand over what documents not read in this build still lack."""
    kinds = image_kinds(app)
    if exception is None and kinds:
        charts = [chart for docname, found in sorted(charts_by_doc(app.env).items())
                  if docname in app.env.found_docs for chart in found]
        try:
            for repair in drawing(app).submit(charts, kinds):
                logger.info(repair)
        except FigureImageError as error:
            raise ChartImageError(str(error)) from None


def wait_for_images(app: Sphinx, exception: Exception | None) -> None:
    """Wait for the drawing; then copy the pictures into the HTML book, or for print the PDFs beside the .tex
    file, where xelatex looks for them."""
    try:
        drawing(app).finish()
    except FigureImageError as error:
        raise ChartImageError(str(error)) from None
    if exception is None and "svg" in image_kinds(app) and app.builder.name != "epub":
        copy_pictures(app)
    if exception is None and "pdf" in image_kinds(app):
        cache = figure_cache(app.env)
        for chart in (chart for found in charts_by_doc(app.env).values() for chart in found):
            target = Path(app.outdir) / chart.pdf(cache).name
            if not intact(target):  # a copy cut short by a stopped build is copied again
                shutil.copyfile(chart.pdf(cache), target)


def draw_before_writing(app: Sphinx, builder) -> None:
    """The EPUB packs its pictures before the build ends: every chart is drawn before its pages are written."""
    if builder.name != "epub":
        return
    submit_remaining_images(app, None)
    try:
        drawing(app).finish()
    except FigureImageError as error:
        raise ChartImageError(str(error)) from None


def copy_pictures(app: Sphinx) -> None:
    """Every chart's SVG pictures and its interactive spec into the book's `_static/charts/`; the files of
    charts that no longer exist go."""
    cache, folder = figure_cache(app.env), Path(app.outdir) / PICTURES_STATIC
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for docname, found in charts_by_doc(app.env).items():
        if docname not in app.env.found_docs:
            continue
        for chart in found:
            for picture in chart.files("svg", cache):
                wanted.add(picture.name)
                target = folder / picture.name
                if not target.is_file():
                    shutil.copyfile(picture, target)
        for live in live_charts_by_doc(app.env).get(docname, []):
            wanted.add(live.name)
            target = folder / live.name
            if not target.is_file():
                target.write_text(live.script, encoding="utf-8")
    for old in folder.iterdir():
        if old.name not in wanted:
            old.unlink()


RECORDS = (charts_by_doc, live_charts_by_doc)


def purge_charts(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for records in RECORDS:
        records(env).pop(docname, None)


def merge_charts(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    for records in RECORDS:
        for docname in docnames:
            records(env)[docname] = records(other).get(docname, [])


# The pages name each image by its digest when they are read: drawn another way, or recorded with
# other fields (RECORD_VERSION), they are read again (the extension's env_version).
ENV_VERSION = int(DRAWING_VERSION) * 100 + RECORD_VERSION
