"""`{eval}` in the book's prose: the value the notebook glued under the expression's own text.

A chapter writes each number of its prose as an inline expression, ``{eval}`claims_total` `` or, with a
format, ``{eval}`f"{population['kunashir']:,}"` ``, and its code glues the value under the text of
the expression (`glue("claims_total", claims_total, display=False)`, or in a loop
`glue(f"population['{island_id}']", ...)`). Two readers evaluate the same text:
- JupyterLab with jupyterlab-myst evaluates the expression in the running kernel;
- the book resolves it, with no kernel, to the glued value, formatted as myst-nb's `{glue:text}`
  formats it. Execution stays cached and parallel (execution.py), and nbval still compares every
  glued value, so a change of data that alters a published number fails the tests until the
  outputs are refreshed.
myst-nb's own `eval` role (which needs a live kernel, so a serial, uncached build) is replaced.
"""

from __future__ import annotations

import ast
import re

from sphinx.application import Sphinx

# f"{key}" or f"{key:spec}": one expression and its format, nothing else in the string.
FORMATTED = re.compile(r"""^f(?P<quote>["'])\{(?P<key>[^{}:]+?)(?::(?P<spec>[^{}]*))?\}(?P=quote)$""")


class NotAGluedExpression(ValueError):
    """An inline expression the book cannot resolve from glued values."""


def glue_reference(expression: str) -> str:
    """The `{glue:text}` reference (`key` or `key:spec`) for an inline expression."""
    text = expression.strip()
    spec = ""
    formatted = FORMATTED.match(text)
    if formatted:
        text, spec = formatted["key"].strip(), formatted["spec"] or ""
    elif text.startswith(("f'", 'f"')):
        raise NotAGluedExpression(f'{expression!r}: an f-string here holds one expression and its format, '
                                  'f"{name:format}", and nothing else')
    try:
        ast.parse(text, mode="eval")
    except SyntaxError:
        raise NotAGluedExpression(f"{expression!r} is not a Python expression") from None
    if ":" in text:
        raise NotAGluedExpression(f"{expression!r}: the expression cannot hold a colon (it separates the format)")
    return f"{text}:{spec}" if spec else text


def eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """`{eval}`: myst-nb's `{glue:text}` of the value glued under the expression's text."""
    try:
        reference = glue_reference(text)
    except NotAGluedExpression as error:
        message = inliner.reporter.error(f"{{eval}}: {error}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    paste_text = inliner.document.settings.env.get_domain("glue").role("text")
    return paste_text("text", rawtext, reference, lineno, inliner, options or {}, list(content))


def setup(app: Sphinx) -> dict:
    app.add_role("eval", eval_role, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
