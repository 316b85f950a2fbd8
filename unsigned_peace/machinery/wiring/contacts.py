"""Every place the book reaches past another package's public interface, in one list.

Each is a cost at every upgrade (Jupyter Book 1 holds Sphinx at 7 and myst-parser at 3, and is in
maintenance). A contact stays only where no public route does the job; each names the test that fails
when the pinned package changes under it, and why it must remain. tests/test_contacts.py checks that
every named test exists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    package: str  # whose internals
    reaches: str  # what of them
    where: str  # the book's file that does it
    guarded_by: str  # tests/<file>.py::<test> that fails when the package changes under it
    why: str  # why no public route does the job


CONTACTS: tuple[Contact, ...] = (
    Contact("myst-nb", "`HideCodeCellNode`'s HTML visitor, replaced", "wiring/theme.py",
            "tests/test_sphinx_ext.py::test_myst_nbs_code_toggle_is_still_the_one_the_book_replaces",
            "myst-nb offers no option for the toggle's aria-label, which contradicts its visible text (WCAG 2.5.3)"),
    Contact("sphinx-book-theme", "theme components overridden by templates of the same name", "wiring/templates/",
            "tests/test_sphinx_ext.py::test_the_theme_templates_the_book_overrides_are_still_the_ones_it_copied",
            "the theme has no option for the accessible names and the non-blocking style sheets the book needs"),
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
    Contact("Sphinx", "`LaTeXTranslator.visit_caption` and the state it reads (`in_caption`, `in_minipage`, "
            "`table`), extended", "pdf/short_captions.py",
            "tests/test_pdf_contacts.py::"
            "test_sphinx_still_writes_a_figures_caption_the_way_the_short_caption_translator_extends",
            "Sphinx's LaTeX writer cannot give a figure's caption the short form the list of figures prints"),
)
