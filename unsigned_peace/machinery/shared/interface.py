"""The book's own interface words, in the language of the edition being built.

Every string the machinery writes for a reader (the hint under a chart, "Data behind this chart", "Cite this
chapter", the chronology's filter, the download links, the data page's tables...) is written in English
inside `N_(...)`, where the catalog command finds it, and handed to the page through the edition's `texts`:

    HINT = N_("Tap or click the chart...")
    ...
    texts = interface_texts(root, language)
    texts(HINT)

The book's scripts do the same with `upText("...")`, from the strings the build writes for them
(html/translations.py). The translations are in `locale/<language>/LC_MESSAGES/interface.po`, read with
Babel (no compiled catalog in git). In English, or for a message a draft edition has not translated yet,
`texts` gives the English back; a published edition's catalog is complete (steps/catalogs.py checks it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.shared.translations import INTERFACE_DOMAIN, catalog_path

Texts = Callable[[str], str]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def N_(message: str) -> str:  # gettext's name for a message marked, not yet translated
    """Mark an interface string for the catalog; it is translated where it is used, with `texts`."""
    return message


def english(message: str) -> str:
    return message


def fill(text: str, **values: object) -> str:
    """A message with its `{name}` placeholders filled in; braces a translation adds of its own are kept (the
    scripts fill theirs the same way)."""
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]) if match[1] in values else match[0], text)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def interface_texts(root: Path, language: str) -> Texts:
    """The edition's interface words: a function from each English message to its translation."""
    if language == SOURCE_LANGUAGE:
        return english
    translated = translations(catalog_path(root, language, INTERFACE_DOMAIN))
    return lambda message: translated.get(message) or message


def translations(path: Path, *, suffix: str | None = None) -> dict[str, str]:
    """The translated, not fuzzy messages of a catalog (none when it does not exist); with `suffix`, only those
    used in files of that kind (".js")."""
    try:
        modified = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    return _read(path, modified, suffix)


@functools.lru_cache(maxsize=16)
def _read(path: Path, modified: int, suffix: str | None) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {message.id: message.string for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
            and (suffix is None or any(str(file).endswith(suffix) for file, _line in message.locations))}
