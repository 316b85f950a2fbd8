"""The glue key under which a chapter stores the value of an inline expression (`{eval}` in its prose).

Read by the book's `{eval}` role (content/inline_values.py) and by `refresh`, which checks every
expression of a chapter against what its code glued (steps/notebooks.py).
"""

from __future__ import annotations

import ast
import re

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
