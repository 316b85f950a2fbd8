"""`{eval}` in the book's prose: the value the notebook glued under the expression's own text.

A chapter writes each number of its prose as an inline expression, ``{eval}`claims_total` `` or, with a
format, ``{eval}`f"{population['kunashir']:,}"` ``, and its code glues the value under the text of
the expression (`glue("claims_total", claims_total, display=False)`, or in a loop
`glue(f"population['{island_id}']", ...)`). Two readers evaluate the same text:
- JupyterLab with jupyterlab-myst evaluates the expression in the running kernel;
- the book resolves it, with no kernel, to the glued value, formatted as myst-nb's `{glue:text}`
  formats it. Execution stays cached and parallel (steps/execution.py), and nbval still compares every
  glued value, so a change of data that alters a published number fails the tests until the
  outputs are refreshed.
myst-nb's own `eval` role (which needs a live kernel, so a serial, uncached build) is replaced.

In a translated edition the paragraph is the translation, which Sphinx parses in a document of its own: the
page's glued values are found through the renderer kept, as the notebook was parsed, for the page being
read, so a translated paragraph shows the same values as the English. A number is written with the edition's
digit grouping and decimal sign ("8,600" in English and Japanese, "8 600" in Russian; "0.5" and "0,5").
"""

from __future__ import annotations

import re

from babel.numbers import get_decimal_symbol, get_group_symbol
from docutils import nodes

from unsigned_peace.language import LANGUAGES, SOURCE_LANGUAGE
from unsigned_peace.machinery.content.translation import PAGE_RENDERER
from unsigned_peace.machinery.shared.glue_keys import NotAGluedExpression, glue_reference

# A number as Python's format writes it: digits, an optional grouping by commas, an optional decimal part.
NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


def eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """`{eval}`: myst-nb's `{glue:text}` of the value glued under the expression's text."""
    try:
        reference = glue_reference(text)
    except NotAGluedExpression as error:
        message = inliner.reporter.error(f"{{eval}}: {error}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    env, document = inliner.document.settings.env, inliner.document
    borrowed = False
    if "nb_renderer" in document:
        # The notebook being parsed: its renderer (which holds its glued values, and which myst-nb drops from
        # the page once parsed) is kept for the translations of its paragraphs, which Sphinx parses next.
        env.temp_data[PAGE_RENDERER] = document["nb_renderer"]
    elif PAGE_RENDERER in env.temp_data:
        # A translated paragraph, parsed in a document of its own: the page's glued values are the page's,
        # lent for this value only (the translation's nodes join the page, which must stay picklable).
        document["nb_renderer"], borrowed = env.temp_data[PAGE_RENDERER], True
    paste_text = env.get_domain("glue").role("text")
    try:
        made, messages = paste_text("text", rawtext, reference, lineno, inliner, options or {}, list(content))
    finally:
        if borrowed:
            del document["nb_renderer"]
    language = env.config.language
    if language in LANGUAGES and language != SOURCE_LANGUAGE:
        for node in made:
            if isinstance(node, nodes.inline) and NUMBER.match(node.astext()):
                written = localized_number(node.astext(), language)
                node.replace(node[0], nodes.Text(written))
    return made, messages


def localized_number(number: str, language: str) -> str:
    """A number as Python writes it ("8,600.5"), with the language's grouping and decimal signs."""
    signs = {",": get_group_symbol(language), ".": get_decimal_symbol(language)}
    return "".join(signs.get(character, character) for character in number)
