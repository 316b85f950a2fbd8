"""The book's editions in other languages, as the machinery sees them: which are published, where their
catalogs and builds live, and how a page links to the same page in another edition.

The languages themselves are a fact of the domain (`unsigned_peace.language`): `LANGUAGES`, the source
language, and `PUBLISHED_EDITIONS`, the one list of the translated editions the book publishes. While it is
empty the book is built in English alone, exactly as before; an edition listed there is built beside the
English one (`_build/html/<language>/`), and only once its catalogs are complete.

What a translator fills in (tracked in git, updated from the English by `python -m unsigned_peace catalogs`):
- `locale/<language>/LC_MESSAGES/<page>.po`, one catalog per page (`chapters/01-article.po`): the prose,
  headings, captions and the parts' titles of the pages, as Sphinx's gettext builder extracts them;
- `locale/<language>/LC_MESSAGES/interface.po`: the book's own words around the prose (its scripts, the
  blocks the machinery adds to pages, the book's title and the settings of `_config.yml` a reader sees).
The domain's own words and the data's text are translated where the domain keeps them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

from unsigned_peace.language import (
    ENGLISH_NAMES,
    LANGUAGES,
    NATIVE_NAMES,
    PUBLISHED_EDITIONS,
    SOURCE_LANGUAGE,
    check_language,
)

LOCALE_FOLDER = "locale"
MESSAGES_FOLDER = "LC_MESSAGES"
INTERFACE_DOMAIN = "interface"
# Under the book's `_build/`: each translated edition builds in a tree of its own (its doctrees, notebook cache,
# chart pictures), the page catalogs are extracted in another, and the built editions are then copied into
# `_build/html/<language>/` beside the English book.
EDITIONS_BUILD = "editions"
GETTEXT_BUILD = "gettext"


def published_editions() -> tuple[str, ...]:
    """The translated editions the book publishes, in the order of `LANGUAGES`."""
    for language in PUBLISHED_EDITIONS:
        check_language(language, where="an edition in PUBLISHED_EDITIONS")
    return tuple(language for language in LANGUAGES
                 if language in PUBLISHED_EDITIONS and language != SOURCE_LANGUAGE)


def translated_languages() -> tuple[str, ...]:
    """Every language the book can be translated into (published or not)."""
    return tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)


def language_name(language: str) -> str:
    """The language named in its own words ("日本語"), as a language switcher shows it."""
    return NATIVE_NAMES[language]


def english_name(language: str) -> str:
    return ENGLISH_NAMES[language]


def locale_dir(root: Path) -> Path:
    return root / LOCALE_FOLDER


def catalog_path(root: Path, language: str, domain: str) -> Path:
    """`locale/<language>/LC_MESSAGES/<domain>.po`: a page's catalog (its docname as domain) or the interface's."""
    return locale_dir(root) / language / MESSAGES_FOLDER / f"{domain}.po"


def edition_build(root: Path, language: str) -> Path:
    """Where a translated edition is built: `_build/editions/<language>/` (its own `_build/` inside)."""
    return root / "_build" / EDITIONS_BUILD / language


def gettext_build(root: Path) -> Path:
    return root / "_build" / EDITIONS_BUILD / GETTEXT_BUILD


def edition_file_name(name: str, language: str) -> str:
    """An edition's own name for one of the book's files: "unsigned-peace.pdf" is "unsigned-peace-ja.pdf" in
    Japanese, and itself in English."""
    if language == SOURCE_LANGUAGE:
        return name
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{language}{path.suffix}"))


def edition_folder(language: str) -> str:
    """Where an edition sits in the published site, relative to the English book's root: "" or "ja/"."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def edition_href(page_uri: str, from_language: str, to_language: str) -> str:
    """The relative address, from a page of one edition, of the same page in another edition.

    `page_uri` is the page's address inside its edition ("chapters/01-article.html"); every edition has the
    same pages at the same addresses inside its folder.
    """
    here = edition_folder(from_language) + page_uri
    there = edition_folder(to_language) + page_uri
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def in_other_edition(html_root: Path, page: Path) -> bool:
    """Whether a page of a built English book belongs to a translated edition's folder (`_build/html/ja/...`),
    which has its own assets and is checked as its own book."""
    parts = page.relative_to(html_root).parts
    return len(parts) > 1 and parts[0] in translated_languages()
