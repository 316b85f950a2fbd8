"""Dates written at the precision the data knows them to: the one way the book writes a date.

The English edition writes '7 February 1855'; the others write a date as their language does (CLDR's
patterns, through Babel): '1855年2月7日', '7 февраля 1855 г.'.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from unsigned_peace.language import SOURCE_LANGUAGE, check_language, current_language

# Babel's pattern for each precision: the long date; the month and year (the month named as it stands
# alone: 'февраль 1855 г.'); the year.
_SKELETONS = {"month": "yMMMM", "year": "y"}
PRECISIONS = ("day", "month", "year")


def format_date(day: date, precision: str = "day", *, language: str | None = None) -> str:
    """'7 February 1855', 'February 1855' or '1855', as `precision` is day, month or year, in the
    edition's language (`language`, by default the current one).

    Takes a `datetime.date` or anything like one (a pandas Timestamp).
    """
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r}: use day, month or year")
    language = current_language() if language is None else check_language(language)
    if language != SOURCE_LANGUAGE:
        return _babel_date(day, precision, language)
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%B} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def is_written_date(text: str, *, language: str | None = None) -> bool:
    """Whether `text` is, as a whole, a date as `format_date` writes it in the language (by default the
    current one), at any precision, other than a bare year: a page keeps such a text on one line, where a
    Japanese date ('1855年2月7日') would otherwise break between any two of its characters."""
    language = current_language() if language is None else check_language(language)
    pattern = _written_date_pattern(language)
    return pattern is not None and pattern.fullmatch(text.strip()) is not None


@functools.cache
def _written_date_pattern(language: str) -> re.Pattern | None:
    # Read off the writer itself, a date of every month at every precision, each run of digits standing for
    # any; a year written as digits alone ('1855') is left out: it cannot break.
    # A space of any kind (a no-break one, "1855\u202fг.", may have become a plain one on its way) stands for any.
    written = {re.sub(r"(\\ |\s)+", r"\\s+", re.sub(r"\d+", r"\\d+", re.escape(
        format_date(date(2000, month, 28), precision, language=language))))
        for precision in PRECISIONS for month in range(1, 13)}
    written.discard(r"\d+")
    return re.compile("|".join(sorted(written))) if written else None


def format_short_month(day: date, *, language: str | None = None) -> str:
    """A month and year, the month abbreviated: 'Aug 1945' (for an axis's title, where room is short)."""
    language = current_language() if language is None else check_language(language)
    if language == SOURCE_LANGUAGE:
        return f"{day:%b %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", date(day.year, day.month, day.day), locale=language)


def _babel_date(day: date, precision: str, language: str) -> str:
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    plain = date(day.year, day.month, day.day)
    if precision == "day":
        return babel_format_date(plain, "long", locale=language)
    return format_skeleton(_SKELETONS[precision], plain, locale=language)
