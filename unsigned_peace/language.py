"""The languages the book is written in: the one place they are defined.

The book is written in English (`SOURCE_LANGUAGE`) and translated into Japanese and Russian. Which
edition a process makes is read from the environment variable `UNSIGNED_PEACE_LANGUAGE`, and from
nothing else: unset (or empty), it is English; a notebook executed for an edition gets the variable,
and the domain then writes that edition's words, numbers and dates itself.

An edition is *published* when it is listed in `PUBLISHED_EDITIONS`. Only then must its translations
be complete: the data check refuses a translatable cell without its translation, and a message of
the domain's catalog without one is an error. Until then the edition is a draft, built from whatever
is translated so far, with the English in the places not yet translated. The other checks of the
translations (a translation whose English has changed, one of a row that does not exist, a badly
formed file) hold for every edition, published or not.
"""

from __future__ import annotations

import os

LANGUAGES = ("en", "ja", "ru")
SOURCE_LANGUAGE = "en"
# Each language named in its own words, and in English.
NATIVE_NAMES = {"en": "English", "ja": "日本語", "ru": "Русский"}
ENGLISH_NAMES = {"en": "English", "ja": "Japanese", "ru": "Russian"}
LANGUAGE_ENV = "UNSIGNED_PEACE_LANGUAGE"
# The editions whose translations are complete and checked to stay so: both. An edition listed here has every
# translation filled in (data/translations/<language>/, unsigned_peace/locale/<language>/LC_MESSAGES/
# unsigned_peace.po and the catalogs of locale/<language>/), and a missing or empty one fails the data check;
# take it out only to make it a draft again.
PUBLISHED_EDITIONS: tuple[str, ...] = ("ja", "ru")


class LanguageError(ValueError):
    """A language the book is not written in."""


def check_language(language: str, *, where: str = "the language") -> str:
    """`language` itself when it is one of `LANGUAGES`; otherwise raise `LanguageError` saying which are."""
    if language not in LANGUAGES:
        raise LanguageError(f"{where} is {language!r}, which is not a language of the book; use one of: "
                            f"{', '.join(LANGUAGES)} ({', '.join(ENGLISH_NAMES[code] for code in LANGUAGES)})")
    return language


def current_language() -> str:
    """The language of the edition this process makes: `UNSIGNED_PEACE_LANGUAGE`, or English when it is
    unset or empty. Any other value than one of `LANGUAGES` raises `LanguageError`."""
    value = os.environ.get(LANGUAGE_ENV, "").strip()
    if not value:
        return SOURCE_LANGUAGE
    return check_language(value, where=f"{LANGUAGE_ENV}")


def language_name(code: str, *, language: str | None = None) -> str:
    """A language's name as the edition's language (`language`, by default the current one) writes it in a
    sentence, from CLDR through Babel: 'English', '英語', 'английский'."""
    from babel import Locale

    language = current_language() if language is None else check_language(language)
    return Locale.parse(language).languages.get(code, code)


def translated_languages() -> tuple[str, ...]:
    """The languages the book is translated into: every language but the source."""
    return tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def is_published(language: str) -> bool:
    """Whether an edition's translations must be complete: the source language always; a translation once
    it is listed in `PUBLISHED_EDITIONS`."""
    check_language(language)
    return language == SOURCE_LANGUAGE or language in PUBLISHED_EDITIONS
