"""Web addresses in the data: what the book accepts as one.

A source's `url` and `read_at` become links that readers follow, so each must be a real web address:
`http` or `https`, a host name, and only the characters an address may hold (RFC 3986; letters of
other scripts are accepted as written, as in an internationalised address, RFC 3987). Spaces, quotes,
angle brackets, backslashes and invisible characters cannot be part of one. Writing an address into
markup is `escape.for_link_target`'s job; this only says whether the data holds an address at all.

An address can also be a real one and still not the page's own (`address_noise`): a Wikipedia article at
the mobile site's host (`ru.m.wikipedia.org`), its list of other languages (`Special:MobileLanguages/...`)
instead of the article, or tracking parameters a newsletter or a social network added (`utm_source`,
`fbclid`). A reader should be sent to the page itself, at the address its publisher gives it.
"""

from __future__ import annotations

import ipaddress
import re
import string
import unicodedata
from urllib.parse import unquote, urlsplit, urlunsplit

SCHEMES = ("http", "https")
# RFC 3986: unreserved, reserved and the percent sign of an escape.
ADDRESS_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")
HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_](?:[\w-]*[^\W_])?", re.UNICODE)
PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# The Wikimedia projects' hosts, and their mobile sites': "ru.m.wikipedia.org", "en.m.wiktionary.org", "m.wikidata.org".
WIKIMEDIA_PROJECT = (r"(?:wikipedia|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity|wikivoyage"
                     r"|wikimedia|wikidata)\.org")
WIKIMEDIA_HOST = re.compile(rf"(?:[^.]+\.)*{WIKIMEDIA_PROJECT}", re.IGNORECASE)
MOBILE_WIKI_HOST = re.compile(rf"(?:(?P<edition>[^.]+)\.)?m\.(?P<project>{WIKIMEDIA_PROJECT})", re.IGNORECASE)
# The mobile site's page listing an article's other languages, in any edition's word for "Special"
# ("Special:MobileLanguages/Iturup", "Специални:MobileLanguages/Итуруп"): the article's title follows.
MOBILE_LANGUAGES = re.compile(r"/wiki/[^/]+?(?::|%3A)MobileLanguages/(?P<title>.+)", re.IGNORECASE)
# Query parameters that say who sent a reader (a newsletter, an advertisement), never which page it is.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "yclid", "mc_cid", "mc_eid"})
TRACKING_PREFIXES = ("utm_",)
# A web archive's snapshot is filed under the address it copied, parameters and all: its own address stays whole.
ARCHIVE_HOSTS = frozenset({"web.archive.org", "archive.org", "megalodon.jp", "archive.today", "archive.ph",
                           "archive.is"})


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


def address_noise(text: str) -> str | None:
    """What to cite instead when `text`, a web address, is not the page's own address: a Wikipedia article at
    the mobile site, the mobile site's list of an article's languages, or tracking parameters in the query.
    None when there is nothing to remove, or when `text` is no address at all (`address_problem` says why)."""
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in SCHEMES or not host:
        return None
    what: list[str] = []
    netloc, path, query, page = parts.netloc, parts.path, parts.query, "page"
    if mobile := MOBILE_WIKI_HOST.fullmatch(host):
        edition, project = mobile["edition"], mobile["project"].lower()
        netloc = f"{edition.lower() if edition else 'www'}.{project}"
        page = "article" if project == "wikipedia.org" else "page"
        what.append("the mobile site's address")
    if WIKIMEDIA_HOST.fullmatch(host) and (languages := MOBILE_LANGUAGES.fullmatch(path)):
        path, page = f"/wiki/{languages['title']}", "article"
        what.append("the list of the article's other languages, not the article")
    tracking = _tracking_parameters(query) if query and not _archive(host) else []
    if tracking:
        query = "&".join(item for item in query.split("&") if _parameter_name(item) not in tracking)
    if not what and not tracking:
        return None
    findings = [f"is {' and '.join(what)}"] if what else []
    remove = ""
    if tracking:
        several = len(tracking) > 1
        findings.append(f"carries the tracking parameter{'s' if several else ''} {', '.join(tracking)}, which "
                        f"say{'' if several else 's'} who sent a reader, not which page it is")
        remove = f"remove {'them' if several else 'it'} and "
    canonical = urlunsplit((parts.scheme, netloc, path, query, parts.fragment))
    return f"it {' and '.join(findings)}; {remove}cite the {page}'s own address, {canonical}"


def _parameter_name(item: str) -> str:
    return unquote(item.split("=", 1)[0])


def _tracking_parameters(query: str) -> list[str]:
    """The names of the query's tracking parameters, once each, in their order."""
    names = (_parameter_name(item) for item in query.split("&"))
    return list(dict.fromkeys(name for name in names
                              if name.lower() in TRACKING_PARAMETERS or name.lower().startswith(TRACKING_PREFIXES)))


def _archive(host: str) -> bool:
    return any(host == archive or host.endswith("." + archive) for archive in ARCHIVE_HOSTS)


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
