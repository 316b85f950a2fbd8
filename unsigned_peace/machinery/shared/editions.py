"""Which edition of the book a Sphinx build makes.

The EPUB builder's format is "html", like the web book's: a check of the format alone would give the
e-book the web book's scripts, downloads and forms, which an e-reader cannot use or a package cannot hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations alone: the shared part imports no Sphinx
    from sphinx.builders import Builder

EBOOK_BUILDER = "epub"


def is_ebook(builder: Builder) -> bool:
    return builder.name == EBOOK_BUILDER


def is_website(builder: Builder) -> bool:
    """The HTML book a browser opens: pages with scripts, downloads and the PDF beside them."""
    return builder.format == "html" and not is_ebook(builder)
