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
            "the theme has no option for the accessible names and the non-blocking style sheets the book needs"),
)
