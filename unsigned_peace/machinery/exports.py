"""Files the book offers besides its pages: each figure's static image, and the whole book as a PDF.

- Every figure with a label (a notebook cell's `mystnb.figure.name`, or a `{figure}` with `:name:`)
  whose content has a PNG (the static twin a `Chart` carries for print) is written to
  `figures/<label>.png` after each build; PNGs there of figures that no longer exist are removed.
- The HTML book copies those PNGs to `_static/figures/` and puts a download link under each figure.
- The HTML book links to the PDF from the header of every page, and ships it in `_static/`, when the
  PDF (`_build/latex/<name>.pdf`, made by `scripts/pdf.sh`) exists and is newer than every chapter,
  data file and configuration file. Otherwise no page links to it: a link never points at a missing
  or stale file. Build the PDF first, then the HTML, to publish both.
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
from unsigned_peace.paths import data_dir, figures_dir

logger = logging.getLogger(__name__)

FIGURES_STATIC = "_static/figures"
PDF_BUTTON_LABEL = "download-book-pdf-button"


# ---------------------------------------------------------------------------------------------
# Figures


def figure_png(figure: nodes.figure) -> str | None:
    """The source-relative path of the figure's PNG: a notebook output's image/png, else a PNG image."""
    for bundle in figure.findall(nodes.container):
        if bundle.get("nb_element") != "mime_bundle":
            continue
        for choice in bundle.children:
            if choice.get("mime_type") == "image/png":
                image = next(iter(choice.findall(nodes.image)), None)
                if image is not None:
                    return image["uri"]
    image = next(iter(figure.findall(nodes.image)), None)
    if image is not None and image["uri"].lower().endswith(".png"):
        return image["uri"]
    return None


def record_figures(app: Sphinx, doctree: nodes.document) -> None:
    found = {}
    for figure in doctree.findall(nodes.figure):
        label = next(iter(figure["names"]), None)
        png = figure_png(figure)
        if label and png:
            found[label] = png
    figures_by_doc(app.env)[app.env.docname] = found


def figures_by_doc(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    if not hasattr(env, "up_figures"):
        env.up_figures = {}
    return env.up_figures


def purge_figures(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    figures_by_doc(env).pop(docname, None)


def merge_figures(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    mine = figures_by_doc(env)
    for docname in docnames:
        mine[docname] = figures_by_doc(other).get(docname, {})


def all_figures(app: Sphinx) -> dict[str, Path]:
    return {label: Path(app.srcdir) / png
            for docname in sorted(figures_by_doc(app.env)) if docname in app.env.found_docs
            for label, png in figures_by_doc(app.env)[docname].items()}


class FigureDownloadLinks(SphinxPostTransform):
    """Under each exported figure in HTML, a link to download its PNG."""

    default_priority = 300
    formats = ("html",)

    def run(self, **kwargs) -> None:
        labels = figures_by_doc(self.env).get(self.env.docname, {})
        page = self.app.builder.get_target_uri(self.env.docname)
        for figure in self.document.findall(nodes.figure):
            label = next(iter(figure["names"]), None)
            if label not in labels:
                continue
            href = relative_uri(page, f"{FIGURES_STATIC}/{label}.png")
            figure += nodes.raw("", f'<p class="up-figure-download"><a href="{for_html(href)}" '
                                    f'download="{for_html(label)}.png">Download this figure (PNG)</a></p>',
                                format="html")


def copy_if_changed(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or not filecmp.cmp(source, target, shallow=False):
        shutil.copyfile(source, target)


def export_figures(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format not in ("html", "latex"):
        return
    figures = all_figures(app)
    folder = figures_dir(Path(app.srcdir))
    for label, png in figures.items():
        if not png.is_file():
            logger.warning(f"the image of figure {label} is gone ({png}); build again from a clean _build")
            continue
        copy_if_changed(png, folder / f"{label}.png")
        if app.builder.format == "html":
            copy_if_changed(png, Path(app.outdir) / FIGURES_STATIC / f"{label}.png")
    for old in folder.glob("*.png"):
        if old.stem not in figures:
            old.unlink()


# ---------------------------------------------------------------------------------------------
# The PDF, linked from the HTML book


def book_pdf(app: Sphinx) -> Path:
    """Where `scripts/pdf.sh` leaves the PDF: Jupyter Book's `_build/latex/`, named as the .tex file."""
    target = app.config.latex_documents[0][1] if app.config.latex_documents else "book.tex"
    return Path(app.outdir).parent / "latex" / (Path(target).stem + ".pdf")


def inputs(app: Sphinx) -> list[Path]:
    """The files the PDF is made from: every page, the data, the book's configuration."""
    srcdir = Path(app.srcdir)
    files = [Path(app.env.doc2path(docname)) for docname in app.env.found_docs]
    files += [p for p in data_dir(srcdir).iterdir() if p.is_file()]
    files += [p for p in (srcdir / "_config.yml", srcdir / "_toc.yml") if p.is_file()]
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
    pdf = linkable_pdf(app)
    if pdf is None or "header_buttons" not in context:
        return
    context["header_buttons"].insert(0, {
        "type": "link",
        "url": context["pathto"](f"_static/{pdf.name}", 1),
        "text": "PDF",
        "tooltip": "Download the whole book as a PDF",
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
    if app.builder.format != "html":
        return []
    pdf, shipped = linkable_pdf(app), shipped_pdf(app)
    if pdf is None and not shipped.exists():
        return []
    if pdf is not None and shipped.exists() and filecmp.cmp(pdf, shipped, shallow=False):
        return []
    return sorted(env.found_docs)


def copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        pdf, shipped = linkable_pdf(app), shipped_pdf(app)
        if pdf is not None:
            copy_if_changed(pdf, shipped)
        elif shipped.exists():
            shipped.unlink()


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", record_figures)
    app.connect("env-purge-doc", purge_figures)
    app.connect("env-get-outdated", relink_pages)
    app.connect("env-merge-info", merge_figures)
    app.add_post_transform(FigureDownloadLinks)
    # After the book theme has made its header buttons (priority 501).
    app.connect("html-page-context", add_pdf_button, priority=600)
    app.connect("build-finished", export_figures)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
