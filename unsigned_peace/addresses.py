"""Web addresses in the data: what the book accepts as one.

A source's `url` and `read_at` become links that readers follow, so each must be a real web address:
`http` or `https`, a host name, and only the characters an address may hold (RFC 3986; letters of
other scripts are accepted as written, as in an internationalised address, RFC 3987). Spaces, quotes,
angle brackets, backslashes and invisible characters cannot be part of one. Writing an address into
markup is `escape.for_link_target`'s job; this only says whether the data holds an address at all.
"""

from __future__ import annotations

import ipaddress
import re
import string
import unicodedata
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
# RFC 3986: unreserved, reserved and the percent sign of an escape.
ADDRESS_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")
HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_](?:[\w-]*[^\W_])?", re.UNICODE)
PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def address_problem(text: str) -> str | None:
    """Why `text` is not a web address the book can link to, in words; None when it is one."""
    for character in text:
        if character.isascii():
            allowed = character in ADDRESS_CHARACTERS
        else:  # a letter, mark or digit of another script; never a space, control or invisible character
            allowed = unicodedata.category(character)[0] not in "ZC"
        if not allowed:
            return f"it holds {_named(character)}, which no web address can hold; percent-encode it or remove it"
    if PERCENT_ESCAPE.search(text):
        return 'a "%" must begin an escape of two hexadecimal digits, such as %20'
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        return f"it cannot be read as a web address ({error})"
    if parts.scheme not in SCHEMES:
        return "it must begin with http:// or https://"
    if "@" in parts.netloc:
        return "a user name before the host (the part before \"@\") hides where a link leads; remove it"
    if not parts.hostname or not (HOST.fullmatch(parts.hostname) or _ip_address(parts.hostname)) or port == 0:
        return "it names no host, such as www.mofa.go.jp, after the http(s)://"
    return None


def _ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _named(character: str) -> str:
    name = unicodedata.name(character, "")
    shown = repr(character)[1:-1] if not character.isprintable() or character.isspace() else character
    return f'"{shown}" (U+{ord(character):04X}{" " + name if name else ""})'
