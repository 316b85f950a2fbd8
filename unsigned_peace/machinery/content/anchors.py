"""Anchors for table rows: the `up-anchor` role a `Table` puts in a row's first cell
(unsigned_peace.tables) becomes an empty target with the row's id.

In HTML it is `<span id="...">` in the row, so `page.html#id` lands on the row and the offline link
check (checks/links.py) sees the id in the static page; in the PDF a label. The id is also a label other
pages can link to with `{ref}`, which Sphinx checks: a link to an event that is not there, or two rows
with one id, stop the build.
"""

from __future__ import annotations

from docutils import nodes

from unsigned_peace.table_markup import ANCHOR_ID, ANCHOR_ROLE


def anchor_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    anchor = text.strip()
    if not ANCHOR_ID.fullmatch(anchor):
        message = inliner.reporter.error(f"{ANCHOR_ROLE}: {anchor!r} is not lowercase words joined by hyphens",
                                         line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    target = nodes.target("", "", ids=[anchor], names=[anchor])
    inliner.document.note_explicit_target(target, target)
    return [target], []
