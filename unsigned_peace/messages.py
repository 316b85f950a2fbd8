"""The domain's own words in the edition's language: one gettext catalog per language.

Every text the domain writes for a reader (a table's headers, a chart's legend and hover text, the
sentences made from templates) is an English message passed through `_` (or `ngettext` where a count
decides the form, `pgettext` where the same English needs two translations). In English the message
is returned as it is; in another edition it is looked up in
`unsigned_peace/locale/<language>/LC_MESSAGES/unsigned_peace.po`, read with Babel (no compiled `.mo`
file is kept). A message with values is a template with named fields, filled in after the lookup:
`_("Sources: {names}.").format(names=...)`, so that a translation can put them where its language
needs them.

A message that has no translation (absent, empty or fuzzy) is an error in a published edition
(`unsigned_peace.language.PUBLISHED_EDITIONS`); in a draft edition the English stands in for it.

`update_catalogs()` (run by `python -m unsigned_peace.translations`) extracts the messages from the
domain's code with Babel and updates each language's catalog with them (`Catalog.update`): a new
message arrives untranslated, a changed one fuzzy, a removed one is dropped. The chapter notebooks'
code cells are read too: a caption, an alt text or a column name a notebook writes goes through `_` as
the domain's own words do (`from unsigned_peace.messages import _`), and into the same catalog.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from unsigned_peace.language import (
    ENGLISH_NAMES,
    SOURCE_LANGUAGE,
    check_language,
    current_language,
    is_published,
    translated_languages,
)

DOMAIN = "unsigned_peace"
PACKAGE_FOLDER = Path(__file__).resolve().parent
LOCALE_FOLDER = PACKAGE_FOLDER / "locale"
# The code the messages are extracted from: the domain (the machinery has its own strings, and the
# book's pages their own catalogs).
EXTRACTED = ("*.py", "charts/*.py")
# The chapter notebooks of the same checkout, whose code cells write captions, alt texts and column names.
NOTEBOOKS = "chapters/*.ipynb"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAG = "Translators:"
# The date new catalogs are stamped with, so that writing them again writes the same bytes.
CATALOG_DATE = datetime(2026, 12, 1, tzinfo=UTC)
UPDATE_COMMAND = "python -m unsigned_peace.translations"
HEADER_COMMENT = ("# {language} translations of the words the book's code writes for its readers (table headers,\n"
                  "# charts' legends and hover text, sentences made from templates), for \"The Unsigned Peace\".\n"
                  "# Updated from the code by: python -m unsigned_peace.translations\n#")


class MissingMessage(LookupError):
    """A published edition's catalog has no translation of a message the domain writes."""


def catalog_path(language: str) -> Path:
    """Where a language's catalog lives."""
    return LOCALE_FOLDER / check_language(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (a constant, translated where it is used
    with `_`)."""
    return message


class Template(str):
    """A message as `_`, `pgettext` and `ngettext` give it: a `str`, whose `format` ends a sentence once.

    A value that ends with an abbreviation's full stop ('6 декабря 2026 г.', 'U.S.') or an ellipsis also ends
    the sentence when the message puts a full stop right after it ('... — {decree}.'): the message's own full
    stop is then left out, as the languages write it ('... — 2 февраля 1946 г.', never 'г..').
    """

    __slots__ = ()

    def format(self, *args, **kwargs) -> str:
        text = str(self)
        for name, value in kwargs.items():
            if isinstance(value, str) and value.endswith((".", "…")):
                text = text.replace("{" + name + "}.", "{" + name + "}")
        return text.format(*args, **kwargs)


def _(message: str) -> str:
    """The message in the edition's language."""
    return pgettext(None, message)


def pgettext(context: str | None, message: str) -> str:
    """The message in the edition's language, as translated in `context` (the same English may need two
    translations: a verdict's "Accurate" and an area's, say)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return Template(message)
    entry = _entries(language).get((context, message))
    if entry is not None and isinstance(entry, str) and entry:
        return Template(entry)
    return _untranslated(language, message, context)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The message's form for `count` in the edition's language (Russian has three)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return Template(singular if count == 1 else plural)
    entry = _entries(language).get((None, singular))
    if isinstance(entry, tuple) and all(entry):
        return Template(entry[_plural_index(language, int(count))])
    return _untranslated(language, singular if count == 1 else plural, None)


def _untranslated(language: str, message: str, context: str | None) -> str:
    if is_published(language):
        where = f" (context {context!r})" if context else ""
        raise MissingMessage(f"{_shown(catalog_path(language))} has no {ENGLISH_NAMES[language]} translation of "
                             f"{message!r}{where}: run {UPDATE_COMMAND}, then translate it")
    return Template(message)


def _entries(language: str) -> dict:
    path = catalog_path(language)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return _read_entries(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_entries(path: Path, modified: int, size: int) -> dict:
    """(context, English) to translation: a string, or a tuple of plural forms; untranslated and fuzzy
    messages left out."""
    entries = {}
    for message in read_catalog(path):
        if not message.id or message.fuzzy:
            continue
        key = (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
        entries[key] = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string
    return entries


@lru_cache(maxsize=8)
def _plural_rule(language: str):
    from babel.messages.catalog import Catalog

    # Python's own reader evaluates the catalog's plural expression (gettext's C-like syntax): a catalog
    # with no messages, made for the language, holds the expression CLDR gives it.
    output = io.BytesIO()
    from babel.messages.mofile import write_mo

    write_mo(output, Catalog(locale=language, domain=DOMAIN))
    output.seek(0)
    return stdlib_gettext.GNUTranslations(output).plural


def _plural_index(language: str, count: int) -> int:
    return _plural_rule(language)(count)


def read_catalog(path: Path):
    """A catalog as Babel reads it."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, domain=DOMAIN)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(PACKAGE_FOLDER.parent).as_posix()
    except ValueError:
        return str(path)


# Extracting and updating the catalogs.


def template():
    """Every message of the domain's code, with where it is used and the translators' comments: a catalog
    with no translations (Babel's extract)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract, extract_from_file

    catalog = Catalog(domain=DOMAIN, project="The Unsigned Peace", creation_date=CATALOG_DATE, fuzzy=False)

    def add(found, relative: str) -> None:
        for line, message, comments, context in found:
            forms = message if isinstance(message, tuple) else (message,)
            flags = ("python-brace-format",) if any(_fields(form) for form in forms) else ()
            catalog.add(message, None, [(relative, line)], auto_comments=comments, context=context, flags=flags)

    for path in sorted({path for pattern in EXTRACTED for path in PACKAGE_FOLDER.glob(pattern)}):
        add(extract_from_file("python", str(path), keywords=KEYWORDS, comment_tags=(COMMENT_TAG,),
                              strip_comment_tags=True), path.relative_to(PACKAGE_FOLDER.parent).as_posix())
    for path in sorted(PACKAGE_FOLDER.parent.glob(NOTEBOOKS)):
        for number, code in notebook_code(path):
            # A message's line is its cell's number (counted from 1, as JupyterLab counts them).
            found = extract("python", io.BytesIO(code.encode("utf-8")), keywords=KEYWORDS,
                            comment_tags=(COMMENT_TAG,), strip_comment_tags=True)
            add(((number, message, comments, context) for _line, message, comments, context in found),
                path.relative_to(PACKAGE_FOLDER.parent).as_posix())
    return catalog


def notebook_code(path: Path) -> list[tuple[int, str]]:
    """A notebook's code cells: (the cell's number, counted from 1, its source)."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(number, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
            for number, cell in enumerate(cells, start=1) if cell["cell_type"] == "code"]


def update_catalogs(languages: tuple[str, ...] | None = None) -> list[Path]:
    """Bring each language's catalog in step with the code: new messages added untranslated, changed ones
    marked fuzzy (with their old translation to start from), removed ones dropped. Returns the files
    written."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    source = template()
    written = []
    for language in languages or translated_languages():
        path = catalog_path(language)
        if path.is_file():
            catalog = read_catalog(path)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="The Unsigned Peace", version="1",
                              header_comment=HEADER_COMMENT.format(language=ENGLISH_NAMES[language]),
                              creation_date=CATALOG_DATE, revision_date=CATALOG_DATE,
                              language_team=ENGLISH_NAMES[language], fuzzy=False)
        catalog.update(source, update_creation_date=False)
        catalog.obsolete.clear()
        # The domain formats its messages with braces (`python-brace-format`), never with %. Babel takes a "%"
        # before a letter ("Spread, % of figure used") for a %-directive and flags the message, and `msgfmt -c`
        # then rejects a translation that writes the "%" elsewhere.
        for message in catalog:
            message.flags.discard("python-format")
        output = io.BytesIO()
        write_po(output, catalog, width=100, include_lineno=False, ignore_obsolete=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != output.getvalue():
            path.write_bytes(output.getvalue())
        written.append(path)
    return written


# Checking the catalogs.


@dataclass(frozen=True)
class CatalogProblem:
    path: Path
    line: int | None
    message: str


def catalog_problems(language: str) -> Iterator[CatalogProblem]:
    """What is wrong with a language's catalog, one problem per message: a translation whose named fields
    differ from the English's (the values would go missing, or the template would break), and in a
    published edition a message untranslated or fuzzy, or missing from the catalog."""
    path = catalog_path(language)
    published = is_published(language)
    if not path.is_file():
        if published:
            yield CatalogProblem(path, None, f"the catalog is missing; run {UPDATE_COMMAND}, then translate it")
        return
    catalog = read_catalog(path)
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        line = message.lineno
        shown = _clip(english[0])
        if any(translated) and not message.fuzzy:
            wanted = set().union(*(_fields(text) for text in english))
            for text in translated:
                if text and _fields(text) != wanted:
                    yield CatalogProblem(path, line, f'"{shown}": the translation has the fields '
                                         f"{_braces(_fields(text))} where the English has {_braces(wanted)}; use "
                                         "the English's names, each in braces")
                    break
        if published and (message.fuzzy or not all(translated)):
            state = "is fuzzy (its English changed)" if message.fuzzy else "is not translated"
            yield CatalogProblem(path, line, f'"{shown}" {state}; translate it and remove the fuzzy flag')
    if published:
        known = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id}
        for message in template():
            key = (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
            if message.id and key not in known:
                yield CatalogProblem(path, None, f'"{_clip(key[1])}" is used by the code but not in the catalog; '
                                     f"run {UPDATE_COMMAND}, then translate it")


def _fields(text: str) -> set[str]:
    """The named fields of a `str.format` template."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(a brace that opens no field)"}


def _braces(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def _clip(text: str, limit: int = 60) -> str:
    flat = re.sub(r"\s+", " ", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
