"""The PDF's list of figures carries each caption's first sentence; the figure keeps the whole caption.

A caption here often goes on after its first sentence: how to read the chart, what to hover in the
web version, what is contested. Under the figure that is what a reader needs; in the list of figures
it buried the titles. LaTeX takes a short form for the list as `\\caption[short]{full}`; Sphinx's
LaTeX writer has no way to give one, so its translator is extended (Sphinx's public
`set_translator`) to write the first sentence as the short form.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

# A sentence ends at ".", "!" or "?" (after a closing bracket or quote too) followed by a space.
FIRST_SENTENCE = re.compile(r"(.+?[.!?][)\"”’]?)(?=\s)", re.S)


def first_sentence(caption: str) -> str | None:
    """The caption's first sentence, or None when the caption is a single sentence."""
    text = " ".join(caption.split())
    match = FIRST_SENTENCE.match(text)
    return match.group(1) if match and len(match.group(1)) < len(text) else None


class ShortCaptionTranslator(LaTeXTranslator):
    def visit_caption(self, node: nodes.Element) -> None:
        short = first_sentence(node.astext()) if isinstance(node.parent, nodes.figure) else None
        plain_caption = not (self.in_minipage or self.table)
        if short and plain_caption:
            self.in_caption += 1
            # Braces keep a "]" in the sentence from ending the optional argument.
            self.body.append(rf"\caption[{{{self.encode(short)}}}]{{")
            return
        super().visit_caption(node)


def use_for_latex(app: Sphinx) -> None:
    # Registered for the LaTeX build alone: the HTML theme (pydata-sphinx-theme) adds its own translator
    # only to builders with none registered, and would otherwise leave the HTML pages without it.
    if app.builder.name == "latex":
        app.set_translator("latex", ShortCaptionTranslator, override=True)
