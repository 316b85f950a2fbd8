"""Links to a figure or table, as the book numbers them: `[the timeline below](#fig-article-timeline)`.

The prose refers to its figures and tables with Markdown links whose text a JupyterLab reader
understands ("the timeline below", "see the table above"): jupyterlab-myst cannot number the book's
figures, which are code cells' outputs. In the book, a link to a numbered figure or table becomes a
`numref` before myst-parser resolves links (its resolver runs at priority 9), so that the page and
the PDF read "Fig. 1.1" and "Table 1.4", numbered and linked as Sphinx numbers them. (In the PDF, whose
doctree assembles every page, each link is looked up among the labels of the page it belongs to.)
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def numbered_labels(env, docname: str) -> dict[str, str]:
    """The labels of the figures and tables Sphinx numbered in `docname`, by their node id."""
    numbered = {node_id for numbers in env.toc_fignumbers.get(docname, {}).values() for node_id in numbers}
    return {labelid: name for name, (doc, labelid, _title) in env.get_domain("std").labels.items()
            if doc == docname and labelid in numbered}


def page_of(node: nodes.Node, default: str) -> str:
    """The page a node of the doctree came from: in an assembled doctree, the nearest part that names its
    page (Sphinx marks each page's sections, or the page's start, with a `docname`)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("docname"):
            return parent["docname"]
        parent = parent.parent
    return default


class LinksToNumberedFigures(SphinxPostTransform):
    """Turn a link to a numbered figure or table of the same page into a `numref` of it.

    myst-parser has by then resolved `[text](#label)` to a reference to the node's id; the `numref`
    is resolved after this by Sphinx (priority 10), as if the prose had written {numref}`label`.
    """


    def run(self, **kwargs) -> None:
        labels: dict[str, dict[str, str]] = {}
        for node in list(self.document.findall(nodes.reference)):
            # The PDF's doctree holds every page (the LaTeX builder assembles them under the root page):
            # a link is resolved among the figures and tables of the page it was written in.
            docname = page_of(node, self.env.docname)
            if docname not in labels:
                labels[docname] = numbered_labels(self.env, docname)
            label = labels[docname].get(node.get("refid", ""))
            if label is None or node.get("refuri"):
                continue
            numref = addnodes.pending_xref("", refdomain="std", reftype="numref", reftarget=label,
                                           refexplicit=False, refwarn=True, refdoc=self.env.docname)
            numref += nodes.inline("", node.astext(), classes=["xref", "std", "std-numref"])
            node.replace_self(numref)
