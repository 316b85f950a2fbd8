"""The book's Sphinx extension (`_config.yml` names it): every event handler, transform, role, directive,
node, builder and configuration value the book adds to Sphinx, in one table, each with its priority and why.

Sphinx calls the handlers of one event in order of priority (lower first; 500 when none is given), and
those of the same priority in the order they are listed here. Transforms run in order of priority too.
The parts they come from do one job each (see unsigned_peace.machinery); none of them registers itself.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sphinx.application import Sphinx

from unsigned_peace.machinery.content import (
    anchors,
    charts,
    cite,
    cover,
    downloads,
    exports,
    filters,
    inline_values,
    page_meta,
    references,
    structured_data,
    substitutions,
    table_cells,
    translation,
)
from unsigned_peace.machinery.epub import ebook
from unsigned_peace.machinery.epub.builder import BookEpubBuilder
from unsigned_peace.machinery.html import assets, later_layout, lean_assets, phone_tables
from unsigned_peace.machinery.html import translations as html_translations
from unsigned_peace.machinery.pdf import latex, print_tables, short_captions
from unsigned_peace.machinery.wiring import build, link_addresses, theme

DEFAULT = 500  # Sphinx's priority for a handler or transform that names none


@dataclass(frozen=True)
class On:
    """A handler of a Sphinx event."""

    event: str
    handler: Callable
    why: str
    priority: int = DEFAULT


@dataclass(frozen=True)
class Transform:
    """A docutils transform (`post=False`, on each page as it is read) or a Sphinx post-transform (`post=True`,
    on each page as it is written for a builder): its priority is set here, not in its class."""

    transform: type
    why: str
    priority: int = DEFAULT
    post: bool = True


HANDLERS = (
    # -- configuration
    On("config-inited", translation.set_edition_language,
       "first: the edition's language for the domain (dates, words) before any handler asks it for text", 100),
    On("config-inited", html_translations.use_language_switcher,
       "the language switcher in the article header, once a translated edition is published"),
    On("config-inited", cover.use_cover, "the cover map as the PDF's and the e-book's cover"),
    On("config-inited", latex.title_page_macros, "the title page's subtitle, version and data date"),
    On("config-inited", latex.ragged_reference_lists, "reference lists set ragged in print"),
    On("config-inited", substitutions.data_substitutions, "`{{ data_as_of }}` and `{{ latest_event }}`, from the data"),
    On("config-inited", ebook.ebook_metadata,
       "every build's configuration, before Sphinx compares it with the one its pages were read with"),
    # -- before any page is read
    On("builder-inited", build.check_data,
       "bad data stops the build with one line per problem, before any notebook runs"),
    On("builder-inited", latex.check_pdf_setup, "a PDF build says what is missing for it, in one line"),
    On("builder-inited", short_captions.use_for_latex, "the list of figures carries each caption's first sentence"),
    On("builder-inited", ebook.prepare_ebook, "the e-book's cover, style sheet and metadata"),
    On("builder-inited", charts.start_drawing_early,
       "after the data check (a book whose data is wrong draws nothing): chart pictures start drawing", 600),
    # -- which pages to read
    On("env-get-outdated", build.execute_notebooks,
       "stale notebooks run in parallel before Sphinx reads them; one whose data changed is read again"),
    On("env-get-outdated", theme.pages_after_asset_change,
       "every page again when the book's own scripts, styles or templates changed"),
    On("env-get-outdated", translation.pages_after_interface_change,
       "every page of a translated edition again when its interface words changed"),
    On("env-get-outdated", build.reread_damaged_doctrees, "a page whose stored doctree was cut short is read again"),
    On("env-get-outdated", exports.relink_pages, "pages whose figures' downloads changed are written again"),
    On("env-purge-doc", charts.purge_charts, "a page read again forgets its charts"),
    On("env-purge-doc", exports.purge_figures, "a page read again forgets its figure labels"),
    On("env-merge-info", charts.merge_charts, "charts recorded by parallel readers"),
    On("env-merge-info", exports.merge_figures, "figure labels recorded by parallel readers"),
    # -- reading
    On("doctree-read", charts.start_drawing, "each chart's pictures start drawing as soon as its page is read"),
    On("doctree-read", exports.record_figure_labels, "which figure each chart is, for its downloads"),
    On("doctree-read", latex.keep_toc_captions, "the parts' captions reach the PDF"),
    On("doctree-read", translation.check_translated,
       "after Sphinx's Locale transform: a published edition's page with a message left in English warns"),
    On("doctree-resolved", ebook.drop_scripts, "after sphinx-thebe's handler (at 500): the e-book holds no script",
       900),
    # -- writing
    On("write-started", charts.draw_before_writing, "pictures a page links are drawn before pages are written"),
    On("html-page-context", filters.add_filter_script, "the filter script, only on pages with a filter"),
    On("html-page-context", page_meta.add_description, "each page's meta description, from its opening text"),
    On("html-page-context", page_meta.drop_docutils_viewport, "one viewport tag a page, Sphinx's layout's"),
    On("html-page-context", structured_data.add_claim_reviews, "the claim check as structured data"),
    On("html-page-context", cite.add_citation, '"Cite this chapter", with BibTeX and RIS files'),
    On("html-page-context", assets.add_chart_scripts, "the chart script, only on pages with a chart"),
    On("html-page-context", html_translations.add_texts_script,
       "in a translated edition, the scripts' words before the chart or filter script that reads them"),
    On("html-page-context", html_translations.add_edition_links,
       "before pydata-sphinx-theme (500) drops header templates that render empty: the language switcher and "
       "hreflang links to the page's other editions", 400),
    On("html-page-context", exports.add_pdf_button, "after the book theme has made its header buttons (at 501)", 600),
    On("html-page-context", lean_assets.drop_unused_extension_assets,
       "assets of extensions a page does not use are dropped", 900),
    On("html-page-context", theme.drop_thebe, "the live-code assets an offline book cannot use are dropped", 900),
    On("html-page-context", lean_assets.defer_scripts, "after every handler that adds a script: all deferred", 950),
    On("html-page-context", later_layout.add_later_layout, "long parts of a page laid out when near the screen"),
    On("html-page-context", phone_tables.add_column_names,
       "the names of a table's columns, which its cells show when a phone shows the table as blocks"),
    On("html-page-context", lean_assets.load_sheets_without_blocking,
       "critical rules inline, the style sheets after the first paint", 960),
    On("html-page-context", lean_assets.load_scripts_after_first_screen,
       "after the sheets' handler, which says whether the page waits for its first screen: the theme's and the "
       "extensions' script files after it too", 961),
    On("html-page-context", ebook.ebook_page,
       "after every handler that adds a script or a style sheet: an e-book page keeps none of the web's", 990),
    # -- after the pages are written
    On("build-finished", theme.write_index_redirect, "before sphinx-external-toc's (at 500) writes its own", 100),
    On("build-finished", charts.submit_remaining_images, "pictures no page asked for yet start drawing", 400),
    On("build-finished", downloads.copy_downloads, "the data package beside the pages, for download"),
    On("build-finished", assets.copy_plotly, "the book's plotly.js bundle into _static"),
    On("build-finished", html_translations.write_texts_script, "a translated edition's words for the book's scripts"),
    On("build-finished", exports.copy_pdf, "the PDF beside the HTML book, when one was built"),
    On("build-finished", lean_assets.make_lean,
       "style sheets without unused rules, subset fonts, critical rules (while pictures are drawn)", 900),
    On("build-finished", charts.wait_for_images, "the build waits for the chart pictures", 910),
    On("build-finished", exports.export_figures, "once the pictures are drawn: figures/ and their downloads", 920),
)

TRANSFORMS = (
    Transform(translation.OutputsUntranslated,
              "before Sphinx's Locale (20): notebook outputs are neither extracted nor translated", 15, post=False),
    Transform(link_addresses.AddressesAsWritten,
              "after Sphinx's Locale (20), which parses translated paragraphs again: web addresses as the Markdown "
              "wrote them", 25, post=False),
    Transform(translation.TocCaptionsTranslated,
              "after sphinx-external-toc inserts the tables of contents (100), which Locale (20) never saw", 101,
              post=False),
    Transform(theme.OutputsAsWritten,
              "before smartquotes (750), which then leaves the outputs' text as the data wrote it", 740, post=False),
    Transform(references.LinksToNumberedFigures,
              "early, before Sphinx resolves references: a link to a numbered figure becomes its number", 8),
    Transform(ebook.DropCodeForEbook, "the e-book holds no code cell", 150),
    Transform(ebook.EbookChartPictures, "each chart in the e-book becomes its picture", 200),
    Transform(latex.DropCodeForPrint, "after myst-nb has picked each output's representation: print holds no code",
              300),
    Transform(exports.FigureDownloadLinks, "links to each figure's image and data under it, in HTML", 300),
    Transform(table_cells.DatesKeptWhole, "in HTML, a table cell holding a date alone is kept on one line", 300),
    Transform(substitutions.OneFullStop,
              "after the substitutions and translations are in the text: a sentence ending with a value's full stop "
              "ends once", 310),
    Transform(print_tables.PrintTableLayout,
              "after the code cells are gone, before the LaTeX writer: tables' column widths from their content", 320),
    Transform(ebook.EbookTableLayout, "a table too wide for an e-reader's page is set as blocks", 320),
    Transform(phone_tables.PhoneTableBlocks,
              "in the web book, tables of three columns or more read as blocks on a phone", 320),
    Transform(latex.BookStructure, "last: the merged LaTeX document takes the shape of a book", 900),
)


def add_transform(app: Sphinx, step: Transform) -> None:
    """Register one transform with the priority the table gives it (a small test project registers one alone)."""
    step.transform.default_priority = step.priority
    (app.add_post_transform if step.post else app.add_transform)(step.transform)


def setup(app: Sphinx) -> dict:
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    if threading.current_thread() is threading.main_thread():  # signal handlers can only be set there
        previous = signal.signal(signal.SIGINT, build.stop_on_interrupt)
        # Given back when the build ends: a process that builds in-process (a test) keeps its own Ctrl-C.
        app.connect("build-finished", lambda app, exception: signal.signal(signal.SIGINT, previous), priority=999)
    app.add_config_value("unsigned_peace_subtitle", "", "env", types=[str])
    app.add_config_value("unsigned_peace_intro_title", "Introduction", "env", types=[str])
    # The translated editions every page links to: set from unsigned_peace.language (translation.py).
    app.add_config_value("unsigned_peace_editions", [], "html", types=[list])
    for on in HANDLERS:
        app.connect(on.event, on.handler, priority=on.priority)
    for step in TRANSFORMS:
        add_transform(app, step)
    app.add_builder(BookEpubBuilder, override=True)
    app.add_role("eval", inline_values.eval_role, override=True)
    app.add_role(anchors.ANCHOR_ROLE, anchors.anchor_role)
    app.add_directive("data-package", downloads.DataPackageDirective)
    app.add_node(downloads.data_download, html=downloads.HTML_VISITORS, **downloads.OTHER_VISITORS)
    # myst-nb's "show code" toggle without a label that contradicts its text (see theme.visit_hidden_cell).
    app.add_node(HideCodeCellNode, override=True, html=(theme.visit_hidden_cell, depart_HideCellInput))
    app.config.html_static_path.append(str(assets.STATIC))
    app.config.templates_path.insert(0, str(theme.TEMPLATES))
    app.add_css_file("unsigned-peace.css")
    app.add_css_file("icons.css")
    # Every page: keyboard access to regions that start to scroll after the theme has looked.
    app.add_js_file("unsigned-peace-scroll.js", loading_method="defer")
    # The pages name each chart picture by its digest when they are read: drawn another way, or recorded
    # with other fields, they are read again.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": charts.ENV_VERSION}
