"""Make text from the data safe to show: it must read as text, never act as markup."""

from __future__ import annotations

import html
import json
import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~$:])")


def for_html(text: object) -> str:
    """Escape `<`, `>`, `&` and quotes; plotly and browsers then show the characters as written."""
    return html.escape(str(text), quote=True)


def for_plotly(text: object) -> str:
    """Escape `<`, `>` and `&` for plotly's text (titles, tick labels, hover templates, annotations).

    Plotly reads a small HTML-like markup (`<b>`, `<br>`, `<a href>`) and decodes only a few entities:
    `&lt;`, `&gt;` and `&amp;` but not `&quot;`, which it would show as written. With `<` and `>`
    escaped no tag can form, so quotes can stay as they are.
    """
    return html.escape(str(text), quote=False)


def for_markdown(text: object) -> str:
    """Escape text for a MyST Markdown table cell or caption, so it cannot start markup or raw HTML."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def inert_json(value: object) -> str:
    """JSON to sit inside a `<script type="application/json">` (or `ld+json`): `<`, `>` and `&` as JSON
    unicode escapes, so that no text from the data can close the script element."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
