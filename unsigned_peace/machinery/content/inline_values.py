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
"""

from __future__ import annotations

from unsigned_peace.machinery.shared.glue_keys import NotAGluedExpression, glue_reference


def eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """`{eval}`: myst-nb's `{glue:text}` of the value glued under the expression's text."""
    try:
        reference = glue_reference(text)
    except NotAGluedExpression as error:
        message = inliner.reporter.error(f"{{eval}}: {error}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    paste_text = inliner.document.settings.env.get_domain("glue").role("text")
    return paste_text("text", rawtext, reference, lineno, inliner, options or {}, list(content))
