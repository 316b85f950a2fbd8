"""Every place the book reaches past another package's public interface, in one list.

Each is a cost at every upgrade (Jupyter Book 1 holds Sphinx at 7 and myst-parser at 3, and is in
maintenance). A contact stays only where no public route does the job; each names the test that fails
when the pinned package changes under it, and why it must remain. tests/test_contacts.py checks that
every named test exists. The test suite's own contacts (nbval's, in tests/built_outputs.py) are listed
here too, with `where` a file under tests/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    package: str  # whose internals
    reaches: str  # what of them
    where: str  # the book's file that does it, under unsigned_peace/machinery/ (or the suite's, under tests/)
    guarded_by: str  # tests/<file>.py::<test> that fails when the package changes under it
    why: str  # why no public route does the job


CONTACTS: tuple[Contact, ...] = (
    Contact("jupyter-book, Sphinx", "a build stopped from an event by a SystemExit, which both let through",
            "wiring/build.py",
            "tests/test_bad_data.py::test_a_broken_book_stops_its_build_with_one_line_per_problem_then_build_stopped",
            "Sphinx's public route, a SphinxError, ends `jupyter-book build` (1.x) with two tracebacks: it re-raises "
            "every error as a RuntimeError; the README's command must end with one line per problem"),
    Contact("myst-nb", "`HideCodeCellNode`'s HTML visitor, replaced", "wiring/theme.py",
            "tests/test_sphinx_ext.py::test_myst_nbs_code_toggle_is_still_the_one_the_book_replaces",
            "myst-nb offers no option for the toggle's aria-label, which contradicts its visible text (WCAG 2.5.3)"),
    Contact("sphinx-book-theme", "theme components overridden by templates of the same name", "wiring/templates/",
            "tests/test_sphinx_ext.py::test_the_theme_templates_the_book_overrides_are_still_the_ones_it_copied",
            "the theme has no option for the accessible names, the search index left off every page, and the "
            "non-blocking style sheets the book needs"),
    Contact("sphinx-book-theme", "the English label of its printed contents' navigation (`<nav aria-label=\"Page\">` "
            "in its layout's `docs_body` block), replaced as text in that block's output",
            "wiring/templates/layout.html",
            "tests/test_sphinx_ext.py::test_the_themes_print_contents_label_is_still_the_english_text_the_layout_replaces",
            "the theme writes the label without _() and has no option for it; overriding the whole block would copy "
            "the theme's print contents, a larger contact"),
    Contact("pydata-sphinx-theme", "its generated macros (static/webpack-macros.html) called by name from the "
            "book's layout, all but head_js_preload", "wiring/templates/layout.html",
            "tests/test_sphinx_ext.py::test_the_theme_macros_the_layout_leaves_out_are_font_awesome_and_preloads_of_"
            "scripts_it_loads_at_the_end",
            "the theme has no option to leave out its 1.5 MB Font Awesome script or its preloads of deferred scripts"),
    Contact("Sphinx", "the page's scripts and style sheets (private classes of sphinx.builders.html._assets): read "
            "by `filename` and `attributes`, and each script made again, deferred", "html/lean_assets.py",
            "tests/test_sphinx_ext.py::test_sphinxs_page_assets_are_still_objects_the_book_reads_and_rebuilds_deferred",
            "Sphinx's public `add_js_file(loading_method=...)` sets only the book's own scripts; another "
            "extension's, or Thebe's that Jupyter Book adds to every page, can be changed or dropped only in "
            "`html-page-context`'s lists"),
    Contact("pydata-sphinx-theme", "two transitions of its style sheet written with a quoted time "
            "(`visibility 0s linear \"0s\"`), matched by a pattern and left out of the pages' inline critical rules",
            "html/lean_assets.py", "tests/test_book.py::test_every_page_is_valid_html_to_the_nu_html_checker",
            "the theme's sheet has the defect and no option to avoid it; a browser drops those declarations anyway, "
            "but inline in a page they make its HTML invalid to the W3C's checker"),
    Contact("sphinx-design, sphinx-togglebutton", "their file names and inline scripts, and the markup that shows "
            "a page uses them, matched by patterns", "html/lean_assets.py",
            "tests/test_book.py::test_sphinx_design_and_togglebutton_assets_only_on_pages_that_use_them",
            "Jupyter Book loads both on every page, and neither has an option to load only where it is used"),
    Contact("docutils, Sphinx", "the viewport tag docutils' HTML5 writer adds to the meta tags Sphinx hands the "
            "page template (`metatags`), removed by its exact text", "content/page_meta.py",
            "tests/sphinx_units/test_page_meta.py::test_docutils_adds_a_second_viewport_tag_that_the_page_context_drops",
            "Sphinx 7's basic layout writes a viewport tag of its own outside any block, and neither package has an "
            "option to leave one out; a page with two leaves the browser to pick one"),
    Contact("myst-nb", "its configuration in the environment (`env.mystnb_config`), replaced to exclude a notebook "
            "that failed", "wiring/build.py",
            "tests/test_build_failures.py::test_every_failing_notebook_is_one_line_naming_its_cell_and_error",
            "myst-nb reads which notebooks to run from there only; without it, it runs a failed notebook again and "
            "prints its traceback"),
    Contact("Sphinx", "`app.keep_going` and `app.warningiserror`, read to know whether a failing notebook stops "
            "the build", "wiring/build.py",
            "tests/test_build_failures.py::test_without_keep_going_the_build_names_every_failing_notebook_then_stops",
            "Sphinx 7 has no public way to ask whether a warning stops the build (Sphinx 8 deprecates keep_going)"),
    Contact("nbclient", "the English of its CellExecutionError, read for the failing cell's source",
            "steps/execution.py",
            "tests/test_build_failures.py::test_every_failing_notebook_is_one_line_naming_its_cell_and_error",
            "what jupyter-cache records of a failed notebook is the text of nbclient's error, which names the cell "
            "only by its source"),
    Contact("jupyter-cache", "its executor worker's call of `cache_notebook_bundle` on the cache it is given, "
            "wrapped to take a lock first", "steps/execution.py",
            "tests/test_execution.py::test_jupyter_caches_worker_still_stores_a_notebook_through_the_lock",
            "storing a notebook drops the entries over the cache's limit in two statements, so workers storing at "
            "once dropped each other's entries or failed with a KeyError; jupyter-cache has no lock of its own"),
    Contact("myst-nb", "`myst_nb.core.variables.format_plain_text`, to format a glued value as the book shows it",
            "steps/notebooks.py",
            "tests/test_lab.py::test_refresh_stores_the_prose_numbers_where_jupyterlab_myst_shows_them_before_a_run",
            "myst-nb formats `{glue:text}` values with it and exposes no public function; a copy could drift from "
            "what the book shows"),
    Contact("Sphinx", r"`\spx@image@maxheight`, the height sphinxlatexgraphics.sty scales included images down to",
            "pdf/unsigned-peace.sty",
            "tests/test_pdf_contacts.py::test_sphinx_still_scales_images_down_to_the_height_the_book_sets",
            "Sphinx has no setting for the images' largest height, and a figure must share its page with its caption"),
    Contact("Sphinx", r"`\sphinxatlongtablestart` and `\sphinxattablestart` (sphinxlatextables.sty), given the "
            "tables' type size", "pdf/unsigned-peace.sty",
            "tests/test_pdf_contacts.py::test_sphinx_still_opens_every_table_with_the_hooks_the_book_adds_its_type_size_to",
            "Sphinx has no setting for tables' type size; a container of a class (its public route) would change "
            "the size before sphinxatlongtablestart reads the baseline skip it spaces the caption by"),
    Contact("Sphinx", "the page style `normal` its LaTeX template sets the body in, redefined for the running heads",
            "pdf/unsigned-peace.sty",
            "tests/test_pdf_contacts.py::test_sphinx_still_sets_body_pages_in_the_page_style_the_book_redefines",
            "the template switches to `normal` right after the `tableofcontents` key, so a page style of the "
            "book's own would not last; no key names the page style"),
    Contact("LuaTeX-ja", r"the page styles its classes open a chapter in (`plainhead`, `plainfoot`), redefined, "
            r"and the words around a chapter's number (`\@chapapp`, `\@chappos`), read for the running head",
            "pdf/unsigned-peace.sty",
            "tests/test_pdf_contacts.py::test_luatexja_still_opens_chapters_in_the_page_styles_the_book_numbers_"
            "at_the_foot",
            "the classes choose a chapter's first page style themselves, with no option, and name a chapter "
            "(第1章) with macros of their own; the Japanese PDF's pages would otherwise be numbered at the head "
            "on some pages and at the foot on the others"),
    Contact("Sphinx", "`LaTeXTranslator.visit_caption` and the state it reads (`in_caption`, `in_minipage`, "
            "`table`), extended", "pdf/short_captions.py",
            "tests/test_pdf_contacts.py::"
            "test_sphinx_still_writes_a_figures_caption_the_way_the_short_caption_translator_extends",
            "Sphinx's LaTeX writer cannot give a figure's caption the short form the list of figures prints"),
    Contact("myst-nb", "`document['nb_renderer']`, where its glue roles find a notebook's glued values, lent to "
            "the document Sphinx parses a translated paragraph in", "content/inline_values.py",
            "tests/sphinx_units/test_translations.py::"
            "test_a_translated_paragraph_shows_the_glued_values_written_as_its_language_writes_numbers",
            "Sphinx parses a translation without the notebook's renderer, and myst-nb offers no other way to look "
            "up a page's glued values: every `{eval}` of a translated paragraph would come out empty"),
    Contact("pydata-sphinx-theme", "its `html-page-context` handler (priority 500) that drops header templates "
            "rendering empty, which the language switcher's context must precede", "html/translations.py",
            "tests/sphinx_units/test_translations.py::"
            "test_every_page_links_to_itself_in_each_edition_with_its_language_and_a_default",
            "the theme renders each header template once, early, to see whether it is empty; a template's context "
            "has no other way in before it"),
    Contact("pydata-sphinx-theme", "the regions its start gives a tabindex (`addTabStopsToScrollableElements`: "
            "code blocks, cell outputs, table frames) and the value it gives each, set first by the book",
            "html/static/unsigned-peace-scroll.js",
            "tests/test_browser.py::test_the_themes_start_finds_every_tab_stop_already_set_and_hidden_code_is_not_drawn",
            "the theme has no option to leave the tab stops to the book; its start, changing each and reading the "
            "next one's width, made the browser restyle each region's content in the middle of it. A change in "
            "the theme costs time again, never a region's reachability"),
    Contact("pydata-sphinx-theme", "the `data-theme` attribute its first script, inline in the head, sets on "
            "<html> (only where scripts run), read as the sign that they do", "html/static/unsigned-peace.css",
            "tests/test_browser.py::"
            "test_the_chronology_filter_has_its_place_before_its_script_runs_and_none_without_scripts",
            "a page's own scripts are deferred until after its first screen, so none of them can say so in time; "
            "the chronology's filter, which only works with scripts, takes its place from the first paint by it "
            "rather than pushing the table down when its script runs"),
    Contact("sphinx-external-toc", "its transform inserting the tables of contents at priority 100, after "
            "Sphinx's Locale transform (20): their captions are translated just after it", "content/translation.py",
            "tests/test_editions.py::test_every_page_has_its_edition_in_its_language_linked_both_ways",
            "Jupyter Book's tables of contents reach no catalog otherwise; the test runs once an edition is published, "
            "whose build then stops on a caption left in English (content/translation.py's check)"),
    Contact("myst-parser", "the HTML escaping (markdown-it's escapeHtml) it applies to an external link's address, "
            "undone", "wiring/link_addresses.py",
            "tests/sphinx_units/test_link_addresses.py::test_myst_parser_still_escapes_an_address_the_transform_undoes",
            "myst-parser 3, which Jupyter Book 1 holds, has no setting for it; the writers escape the address again, "
            "so a `&` in a query reached readers as `&amp;amp;` (fixed upstream in a later release)"),
    Contact("pydata-sphinx-theme, sphinx-book-theme", "the layout of the article header's classes "
            "(`.bd-header-article`, `.header-article-items`, `.header-article-items__end`, `.header-article-item`): "
            "a fixed height and an end that stacks its items, restyled", "html/static/unsigned-peace.css",
            "tests/test_browser.py::"
            "test_the_article_header_holds_the_language_switcher_and_its_buttons_on_a_phone_and_a_desktop",
            "the themes have no option for a second item in the header's end (the language switcher): it sat above "
            "the buttons, which hung below the header over the text"),
    Contact("nbval", "a notebook item's `setup`, `nb` and `skip_compare`, and a cell item's `runtest`, `options`, "
            "`cell`, `cell_num`, `compare_outputs`, `comparison_traceback` and `raise_cell_error`, with "
            "`nbval.plugin.coalesce_streams`: the comparison run against the build's run of each notebook",
            "tests/built_outputs.py",
            "tests/test_built_outputs.py::"
            "test_nbval_compares_the_stored_outputs_with_the_builds_run_and_reports_a_difference",
            "nbval compares stored outputs only with a run in its own kernel; the suite's build has already run "
            "every notebook with the same code and data, and a second run costs CPU time for nothing"),
)
