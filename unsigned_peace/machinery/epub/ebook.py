"""The book as an EPUB, for e-readers and phones' book apps, which run no scripts (scripts/epub.sh).

Sphinx's EPUB builder writes the pages as XHTML (its format is "html", like the web book's); this gives
the e-book what it needs besides:
- metadata read where the PDF and the citations read theirs: title, authors, version and licence from
  CITATION.cff, the description from _config.yml, the date of the data from the data package; an
  identifier derived from them, so that each edition has its own; a cover drawn from the coastlines
  (content/cover.py);
- every chart as its picture: the SVG the web page shows on a phone, copied from the figure cache into
  the EPUB's images (content.charts.ChartPicture), its alt text on the image;
- pages with no code, no script, no download and no form, styled by the e-book's own style sheet, wide
  tables as one block per row;
- the table of contents in parts and accessibility metadata (epub/builder.py).
The other EPUB settings (file name, theme options, what the package leaves out) are in _config.yml.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.machinery.content.charts import EBOOK_CHART_TEXT, EBOOK_TABLE_COLUMNS, ChartPicture, figure_cache
from unsigned_peace.machinery.content.cite import book_citation, data_date_of
from unsigned_peace.machinery.content.cover import EBOOK_COVER_NAME, CoverWords, draw_ebook_cover
from unsigned_peace.machinery.content.cover import FOLDER as COVER_FOLDER
from unsigned_peace.machinery.pdf.latex import DropCodeForPrint
from unsigned_peace.machinery.pdf.print_tables import as_blocks, table_parts
from unsigned_peace.machinery.shared.book_files import book_description, citation_file
from unsigned_peace.machinery.shared.data_dates import long_date
from unsigned_peace.machinery.shared.editions import is_ebook
from unsigned_peace.paths import data_dir

STATIC = Path(__file__).parent / "static"
STYLE_SHEET = "unsigned-peace-ebook.css"
# The style sheets an e-book page links: the EPUB theme's and the book's own for e-readers. The web book's
# (its theme's, its widgets') style what an e-book does not have, and some load fonts it does not hold.
EBOOK_STYLE_SHEETS = {"_static/epub.css", f"_static/{STYLE_SHEET}"}
COVER_PAGE = "epub-cover"
COVER_IMAGE_FOLDER = "ebook"


def ebook_metadata(app: Sphinx, config: Config) -> None:
    """Title, authors, rights, description, version, identifier and cover of the EPUB.

    Set for every build, not the EPUB's alone: some are settings Sphinx keeps with the pages it has read,
    and a value that changed from one build to the next would make it read every page again.
    """
    root = Path(app.srcdir)
    cff = citation_file(root)
    citation = book_citation(cff, data_date_of(app))
    authors = "; ".join(citation.authors) or config.author
    config.epub_title = citation.book_title or config.epub_title
    config.epub_author = config.epub_publisher = config.epub_contributor = authors
    config.epub_description = book_description(root) or config.epub_description
    rights = f"© {config.copyright} {authors}"
    config.epub_copyright = f"{rights}. Licence: {cff['license']}" if cff.get("license") else rights
    # Sphinx's EPUB builder wants a version (the web book's pages then name it too, in a meta tag).
    config.version = config.version or citation.version
    edition = f"{citation.book_title}|{citation.version}|{citation.data_date}"
    config.epub_identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, edition)}"
    config.epub_scheme = "uuid"
    config.epub_cover = (f"_static/{EBOOK_COVER_NAME}", f"{COVER_PAGE}.html")


def prepare_ebook(app: Sphinx) -> None:
    """An EPUB build draws its cover and ships it with the e-book's style sheet."""
    if not is_ebook(app.builder):
        return
    config = app.config
    data_date = data_date_of(app)
    # The book's short title, over its subtitle (CITATION.cff's title holds both).
    words = CoverWords(title=config.html_title or config.epub_title, subtitle=config.unsigned_peace_subtitle,
                       authors=config.epub_author,
                       date_line=f"Data as of {long_date(data_date)}" if data_date else "")
    folder = Path(app.outdir).parent / COVER_FOLDER / COVER_IMAGE_FOLDER
    draw_ebook_cover(data_dir(Path(app.srcdir)), folder, words)
    # Sphinx copies what a folder of html_static_path holds into _static: the folder holds the cover alone.
    config.html_static_path = [*config.html_static_path, str(folder), str(STATIC)]
    app.add_css_file(STYLE_SHEET)


class DropCodeForEbook(DropCodeForPrint):
    """No code in the e-book either: removed before myst-nb wraps hidden code in "show code" widgets (199)."""

    formats = ()
    builders = ("epub",)


class EbookChartPictures(SphinxPostTransform):
    """Each chart's place in the EPUB becomes its picture, an image the builder copies into the package.

    The chart's summary and data table move after its figure, below the caption, which would otherwise
    come only after the table: the web page folds the table away, an e-book shows it whole.
    """

    builders = ("epub",)

    def run(self, **kwargs) -> None:
        cache = figure_cache(self.env)
        for place in list(self.document.findall(ChartPicture)):
            source = str(cache / place["picture"])
            # Registered as the builder registers the images a page names: copied into the EPUB's images
            # folder, and the page's <img> pointed there.
            self.app.builder.images[source] = place["picture"]
            figure = next((parent for parent in ancestors(place) if isinstance(parent, nodes.figure)), None)
            text = next((node for node in place.parent.children
                         if isinstance(node, nodes.container) and EBOOK_CHART_TEXT in node["classes"]), None)
            # Sized by the e-book's style sheet to the page's width.
            place.replace_self(nodes.image(uri=source, candidates={"*": source}, alt=place["alt"],
                                           classes=["up-chart-picture"]))
            if figure is not None and text is not None:
                text.parent.remove(text)
                figure.parent.insert(figure.parent.index(figure) + 1, text)


class EbookTableLayout(SphinxPostTransform):
    """A table of more than `EBOOK_TABLE_COLUMNS` columns reads on an e-reader's page as print sets a table
    too wide for its page: the first column on the left, the others stacked beside it under their names
    (print_tables.as_blocks). Side by side on a page a phone wide, such columns break words letter by letter."""

    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            parts = table_parts(table)
            if parts is None or len(parts[1]) <= EBOOK_TABLE_COLUMNS:
                continue
            as_blocks(*parts)
            # The blocks' widths (1:4), written as the columns' widths: left to the page, a column of long
            # text would squeeze the first to a letter a line.
            table["classes"] = [*(name for name in table["classes"] if not name.startswith("colwidths-")),
                                "colwidths-given"]


def ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def drop_scripts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """No script in the e-book's pages: raw HTML that holds one goes. sphinx-thebe appends its live-code
    set-up to a page once it is resolved, which an offline book has no use for anyway."""
    if not is_ebook(app.builder):
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and "<script" in raw.astext().lower():
            raw.parent.remove(raw)


def ebook_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """No script on an e-book page (a reading system may run none), and only the e-book's style sheets."""
    if not is_ebook(app.builder):
        return
    context["script_files"] = []
    context["css_files"] = [css for css in context.get("css_files", [])
                            if str(getattr(css, "filename", css)) in EBOOK_STYLE_SHEETS]
    if pagename == COVER_PAGE:
        context["title"] = app.config.epub_title
        context["cover_alt"] = (f"Cover: {app.config.epub_title}, with a map of the disputed islands between "
                                "Hokkaido and Urup")
