"""Values from the data that the book's Markdown pages name: `{{ data_as_of }}` and `{{ latest_event }}`.

A value may end with an abbreviation's full stop (a Russian date, "20 февраля 2026 г."); where the prose puts its
own full stop right after it ("... — {{ latest_event }}."), the sentence ends once (`OneFullStop`).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from unsigned_peace.machinery.shared.data_dates import data_as_of, latest_event
from unsigned_peace.paths import data_dir
from unsigned_peace.schema import descriptor as read_descriptor


def data_substitutions(app: Sphinx, config: Config) -> None:
    """`{{ data_as_of }}` and `{{ latest_event }}` for the book's Markdown pages, read from the data."""
    folder = data_dir(Path(app.srcdir))
    try:
        descriptor = read_descriptor(folder)
        values = {"data_as_of": data_as_of(folder, descriptor), "latest_event": latest_event(folder, descriptor)}
    except (OSError, ValueError, KeyError):
        values = {"data_as_of": "", "latest_event": ""}  # the data check reports what is wrong
    config.myst_substitutions = {**(config.myst_substitutions or {}), **values}


# A sentence's full stop right after a word's own ("г.."), not a part of an ellipsis ("...").
DOUBLED_STOP = re.compile(r"(?<=\w\.)\.(?!\.)")
# Where the text is written as it stands: code, and markup passed through.
AS_WRITTEN = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


class OneFullStop(SphinxPostTransform):
    """The prose's full stop after a value that ends with an abbreviation's is left out: "… 2026 г.", never "г..".
    (The domain's sentences do the same as they are made: unsigned_peace.messages.Template.)"""

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if ".." not in text or not DOUBLED_STOP.search(text):
                continue
            parent = text.parent
            if parent is None or any(isinstance(node, AS_WRITTEN) for node in _ancestors(parent)):
                continue
            parent.replace(text, nodes.Text(DOUBLED_STOP.sub("", str(text))))


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent
