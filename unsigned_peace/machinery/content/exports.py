"""Files the book offers besides its pages: each figure's static image, and the whole book as a PDF.

- Every chart whose notebook cell names its figure (`mystnb.figure.name`) has its static images
  (content/charts.py) written to `figures/<label>.png` and `figures/<label>.pdf` after each build;
  images there of figures that no longer exist are removed.
- The HTML book copies the PNGs to `_static/figures/`, writes beside each one the rows the chart draws as
  `<label>.csv`, and puts download links to both under each figure.
- The HTML book links to the PDF from the header of every page, and ships it in `_static/`, when the
  PDF (`_build/latex/<name>.pdf`, made by `scripts/pdf.sh`) exists and is newer than every chapter,
  data file and configuration file. Otherwise no page links to it: a link never points at a missing
  or stale file. Build the PDF first, then the HTML, to publish both. A translated edition links its own
  PDF (`<name>-ja.pdf`, which scripts/pdf.sh leaves in the edition's build folder, where the edition's
  HTML build looks), newer than its catalogs and translated data too.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from unsigned_peace.escape import for_html
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.content.charts import charts_by_doc, figure_cache
from unsigned_peace.machinery.content.translation import edition_language, texts_of
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.interface import N_
from unsigned_peace.machinery.shared.translations import locale_dir
from unsigned_peace.machinery.steps.figure_images import FigureImages
from unsigned_peace.messages import LOCALE_FOLDER as DOMAIN_LOCALE
from unsigned_peace.paths import data_dir, figures_dir
from unsigned_peace.translations import FOLDER as TRANSLATIONS_FOLDER

logger = logging.getLogger(__name__)

FIGURES_STATIC = "_static/figures"
PDF_BUTTON_LABEL = "download-book-pdf-button"
DOWNLOAD_FIGURE = N_("Download this figure (PNG)")
DOWNLOAD_DATA = N_("its data (CSV)")
PDF_TOOLTIP = N_("Download the whole book as a PDF")


# ---------------------------------------------------------------------------------------------
# Figures


def labelled_charts(app: Sphinx) -> dict[str, FigureImages]:
    """Every chart whose notebook cell names its figure, by label, in the order of the book's documents."""
    charts = charts_by_doc(app.env)
    return {chart.name: chart for docname in sorted(charts) if docname in app.env.found_docs
            for chart in charts[docname] if chart.name in figure_labels_by_doc(app.env).get(docname, ())}


def record_figure_labels(app: Sphinx, doctree: nodes.document) -> None:
    figure_labels_by_doc(app.env)[app.env.docname] = sorted(
        name for figure in doctree.findall(nodes.figure) for name in figure["names"])


def figure_labels_by_doc(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "up_figure_labels"):
        env.up_figure_labels = {}
    return env.up_figure_labels


def purge_figures(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    figure_labels_by_doc(env).pop(docname, None)


def merge_figures(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    for docname in docnames:
        figure_labels_by_doc(env)[docname] = figure_labels_by_doc(other).get(docname, [])


class FigureDownloadLinks(SphinxPostTransform):
    """Under each chart's figure in HTML, links to download its static image and the rows it draws."""

    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not is_website(self.app.builder):
            return
        charts = {chart.name: chart for chart in charts_by_doc(self.env).get(self.env.docname, [])}
        page = self.app.builder.get_target_uri(self.env.docname)
        for figure in self.document.findall(nodes.figure):
            label = next(iter(figure["names"]), None)
            if label not in charts:
                continue
            texts = texts_of(self.app)
            links = [download_link(page, label, "png", texts(DOWNLOAD_FIGURE))]
            if charts[label].data_csv is not None:
                links.append(download_link(page, label, "csv", texts(DOWNLOAD_DATA)))
            figure += nodes.raw("", f'<p class="up-figure-download">{" · ".join(links)}</p>', format="html")


def download_link(page: str, label: str, suffix: str, text: str) -> str:
    href = relative_uri(page, f"{FIGURES_STATIC}/{label}.{suffix}")
    return f'<a href="{for_html(href)}" download="{for_html(label)}.{suffix}">{for_html(text)}</a>'


def copy_if_changed(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or not filecmp.cmp(source, target, shallow=False):
        shutil.copyfile(source, target)


def write_if_changed(text: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def export_figures(app: Sphinx, exception: Exception | None) -> None:
    """figures/<label>.png (HTML builds) or .pdf (the PDF) for every labelled chart; PNGs into the HTML book."""
    if exception is not None or not (is_website(app.builder) or app.builder.format == "latex"):
        return
    charts = labelled_charts(app)
    cache, folder = figure_cache(app.env), figures_dir(Path(app.srcdir))
    # The HTML book draws the PNGs, the PDF the vector images: each build writes and prunes its own kind.
    kind = "png" if app.builder.format == "html" else "pdf"
    # figures/ holds the English figures; a translated edition's go into its own book alone.
    english = edition_language(app.config) == SOURCE_LANGUAGE
    for label, chart in charts.items():
        image = getattr(chart, kind)(cache)
        if english:
            copy_if_changed(image, folder / f"{label}.{kind}")
        if kind == "png":
            copy_if_changed(image, Path(app.outdir) / FIGURES_STATIC / f"{label}.png")
            if chart.data_csv is not None:
                write_if_changed(chart.data_csv, Path(app.outdir) / FIGURES_STATIC / f"{label}.csv")
    for old in folder.glob(f"*.{kind}") if english else ():
        if old.stem not in charts:
            old.unlink()


# ---------------------------------------------------------------------------------------------
# The PDF, linked from the HTML book


def book_pdf(app: Sphinx) -> Path:
    """Where `scripts/pdf.sh` leaves the PDF: Jupyter Book's `_build/latex/`, named as the .tex file."""
    target = app.config.latex_documents[0][1] if app.config.latex_documents else "book.tex"
    return Path(app.outdir).parent / "latex" / (Path(target).stem + ".pdf")


def inputs(app: Sphinx) -> list[Path]:
    """The files the PDF is made from: every page, the data, the book's configuration; for a translated edition,
    its catalogs (the pages', the interface's and the domain's) and its translations of the data too."""
    srcdir = Path(app.srcdir)
    files = [Path(app.env.doc2path(docname)) for docname in app.env.found_docs]
    files += [p for p in data_dir(srcdir).iterdir() if p.is_file()]
    files += [p for p in (srcdir / "_config.yml", srcdir / "_toc.yml") if p.is_file()]
    language = edition_language(app.config)
    if language != SOURCE_LANGUAGE:
        for folder in (locale_dir(srcdir) / language, data_dir(srcdir) / TRANSLATIONS_FOLDER / language,
                       DOMAIN_LOCALE / language):
            files += [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    return files


def linkable_pdf(app: Sphinx) -> Path | None:
    """The PDF if it exists and is newer than all its inputs (decided once, at the first page)."""
    if not hasattr(app, "up_pdf"):
        pdf, app.up_pdf = book_pdf(app), None
        if not pdf.is_file():
            logger.info(f"no PDF at {pdf}: pages will not link to one (build it with scripts/pdf.sh)")
        else:
            newer = [p for p in inputs(app) if p.stat().st_mtime > pdf.stat().st_mtime]
            if newer:
                logger.info(f"the PDF at {pdf} is older than {newer[0].relative_to(app.srcdir)}: pages will not "
                            "link to it (build it again with scripts/pdf.sh, then the HTML)")
            else:
                app.up_pdf = pdf
    return app.up_pdf


def add_pdf_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    pdf = linkable_pdf(app) if is_website(app.builder) else None
    if pdf is None or "header_buttons" not in context:
        return
    context["header_buttons"].insert(0, {
        "type": "link",
        "url": context["pathto"](f"_static/{pdf.name}", 1),
        "text": "PDF",
        "tooltip": texts_of(app)(PDF_TOOLTIP),
        "icon": "fas fa-file-pdf",
        "label": PDF_BUTTON_LABEL,
    })


def shipped_pdf(app: Sphinx) -> Path:
    return Path(app.outdir) / "_static" / book_pdf(app).name


def relink_pages(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Every page again when the PDF appeared, changed or went stale since the pages were written.

    Sphinx rewrites only pages whose source changed, so their header would keep an old answer to
    "is there a PDF?". The copy of the PDF in `_static` records the answer the pages give.
    """
    if not is_website(app.builder):
        return []
    pdf, shipped = linkable_pdf(app), shipped_pdf(app)
    if pdf is None and not shipped.exists():
        return []
    if pdf is not None and shipped.exists() and filecmp.cmp(pdf, shipped, shallow=False):
        return []
    return sorted(env.found_docs)


def copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and is_website(app.builder):
        pdf, shipped = linkable_pdf(app), shipped_pdf(app)
        if pdf is not None:
            copy_if_changed(pdf, shipped)
        elif shipped.exists():
            shipped.unlink()
