"""Make text from the data safe to show: it must read as text, never act as markup."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlsplit

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~$:])")
# A line break or a run of spaces is one space in a table's cell; a no-break space stays as written (U+00A0,
# U+202F, U+2007: Russian writes "1855 г." and "8 600" with them, so that a line does not break there).
_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f\u2007]+")


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
    flat = _BREAKING_SPACES.sub(" ", str(text)).strip()
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def inert_json(value: object) -> str:
    """JSON to sit inside a `<script type="application/json">` (or `ld+json`): `<`, `>` and `&` as JSON
    unicode escapes, so that no text from the data can close the script element."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_json(value: object) -> str:
    """JSON to be read as a JavaScript value in a script file: inert JSON, with the line and paragraph
    separators escaped too (engines older than ES2019 end a string literal at them), so the text is one
    literal whatever the data holds."""
    return inert_json(value).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# Kept as written in a link target: RFC 3986's unreserved characters and the reserved ones that cannot
# end a Markdown link or start markup. Everything else (brackets, parentheses, angle brackets, quotes,
# backslashes, spaces, letters of other scripts) is percent-encoded.
_LINK_TARGET_SAFE = ":/?#@!$&'*+,;=%~"


def for_link_target(address: str) -> str | None:
    """A web address made safe as a Markdown link's target, or None if it is not an http(s) address.

    The data check refuses an address that is not one (unsigned_peace.addresses); this holds even where
    that check was skipped or has a gap: no character that could close the link or open markup is left.
    """
    if urlsplit(address.strip()).scheme.lower() not in ("http", "https"):
        return None
    return quote(address.strip(), safe=_LINK_TARGET_SAFE)


# A cell that begins with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
SPREADSHEET_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read this cell as a formula (a plain number such as -3.5 is a number)."""
    return text.startswith(SPREADSHEET_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def for_spreadsheet(cell: object) -> object:
    """A cell for a CSV that readers open in a spreadsheet: text that would run as a formula gets a
    leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection). Other values
    are kept as they are."""
    if isinstance(cell, str) and starts_like_formula(cell):
        return "'" + cell
    return cell


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def for_terminal(text: object) -> str:
    """Text to print on one line of a terminal: every character that would act there instead of showing
    (controls, escape sequences, line breaks, tabs, bidirectional overrides) or that shows as nothing
    (spaces other than the space) is written as its escape (`\\n`, `\\x1b`, `\\u202e`), so the text can
    neither break the line nor steer the terminal, and a reader sees what the cell holds."""
    return "".join(char if char.isprintable() else _escape(char) for char in str(text))


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def clipped(text: object, limit: int = 60) -> str:
    """A value as a message quotes it: escaped for a terminal, and cut to `limit` characters with an ellipsis."""
    shown = for_terminal(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
