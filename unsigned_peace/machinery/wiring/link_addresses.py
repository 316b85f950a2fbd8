"""A web address in a Markdown link reaches the reader as it was written.

myst-parser 3 stores an external link's address HTML-escaped (`&` as `&amp;`), and Sphinx's writers escape
it again: `?a=1&b=2` became `?a=1&amp;amp;b=2` in the HTML, a link to another page (the PDF and the e-book
had `&amp;` in theirs). Upstream fixed it after the release Jupyter Book 1 holds (MyST-Parser issues 760,
1028 and 1116). This transform undoes exactly that escaping, on the links myst-parser made, right after a
page is parsed; the writers then escape each address once, as they should.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

# markdown-it's escapeHtml, the one myst-parser applies, replaces these four; `&` undone last.
_ESCAPED = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&"))


def as_written(address: str) -> str:
    for entity, character in _ESCAPED:
        address = address.replace(entity, character)
    return address


class AddressesAsWritten(SphinxTransform):
    """Each external link's address as its Markdown source wrote it (see the module's docstring)."""

    def apply(self, **kwargs) -> None:
        if Path(self.env.doc2path(self.env.docname)).suffix not in MYST_SUFFIXES:
            return
        for reference in self.document.findall(nodes.reference):
            if "refuri" in reference and not reference.get("internal") and "&" in reference["refuri"]:
                reference["refuri"] = as_written(reference["refuri"])


# The pages myst-parser (Markdown) and myst-nb (notebooks) read; a reStructuredText page's addresses are not
# escaped by its parser.
MYST_SUFFIXES = {".md", ".ipynb"}
