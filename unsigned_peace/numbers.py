"""Numbers written as the edition's language writes them.

Every edition shows the same digits, rounded the same way: the number is first written as the English
edition writes it (Python's format specification, e.g. `",.1f"`), then its symbols are those of the
language (CLDR's, through Babel): "8,531.5" is "8 531,5" in Russian (a no-break space groups the
thousands), and stays "8,531.5" in Japanese. A share is placed in the language's percent pattern
("7.2%", "7,2 %"). The English edition's text is what Python writes, byte for byte.
"""

from __future__ import annotations

import re
from functools import cache

from unsigned_peace.language import SOURCE_LANGUAGE, check_language, current_language

# The part of a formatted number that is the number: digits with their grouping and decimal marks.
_NUMBER_PART = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?(?:e[+-][0-9]+)?")


def number(value, spec: str = ",", *, language: str | None = None) -> str:
    """`value` formatted with a Python format specification (`","`, `",.0f"`, `".1f"`, `",.6g"`), in the
    language's symbols. A specification ending in `%` writes a share: use `percent` for that."""
    language = _language(language)
    text = format(value, spec)
    if language == SOURCE_LANGUAGE:
        return text
    if spec.endswith("%"):
        raise ValueError("write a share with numbers.percent, which places the language's percent sign")
    return _localised(text, language)


def localise(text: str, *, language: str | None = None) -> str:
    """A number already written as the English edition writes it ("3,168.5", "1,490 – 1,500"), in the
    language's symbols: for a figure the code trims or composes before it is shown."""
    language = _language(language)
    return text if language == SOURCE_LANGUAGE else _localised(text, language)


def figure_cell(text: str, *, language: str | None = None) -> str:
    """A table cell in the language's symbols when it holds one figure alone, written as the English edition
    writes it ("94.84" is "94,84" in Russian); any other text as it is."""
    return localise(text, language=language) if _NUMBER_PART.fullmatch(text) else text


def whole(value, *, language: str | None = None) -> str:
    """A whole number with its thousands grouped: "8,531" (`f"{value:,.0f}"` in English)."""
    return number(value, ",.0f", language=language)


def count(value: int, *, language: str | None = None) -> str:
    """A count, grouped: "8,531" (`f"{value:,}"` in English)."""
    return number(int(value), ",", language=language)


def percent(fraction: float, digits: int = 1, *, sign: bool = False, language: str | None = None) -> str:
    """A share of 1 as a percentage with `digits` decimals: "7.2%" in English (`f"{fraction:.1%}"`), "7,2 %"
    in Russian. With `sign`, a plus sign before a positive share (`"+.1%"`)."""
    language = _language(language)
    spec = f"{'+' if sign else ''}.{digits}%"
    if language == SOURCE_LANGUAGE:
        return format(fraction, spec)
    figure = _localised(format(fraction * 100, f"{'+' if sign else ''},.{digits}f"), language)
    prefix, suffix = _percent_affixes(language)
    return f"{prefix}{figure}{suffix}"


def plotly_separators(language: str | None = None) -> str | None:
    """The decimal mark and thousands separator plotly writes numbers with in the language (its layout's
    `separators`), or None in English, where plotly's own default is kept."""
    language = _language(language)
    if language == SOURCE_LANGUAGE:
        return None
    decimal, group, _ = _symbols(language)
    return decimal + group


def _language(language: str | None) -> str:
    return current_language() if language is None else check_language(language)


def _localised(text: str, language: str) -> str:
    decimal, group, minus = _symbols(language)
    marks = {",": group, ".": decimal, "-": minus}

    def swap(match: re.Match) -> str:
        return "".join(marks.get(char, char) for char in match.group(0))

    return _NUMBER_PART.sub(swap, text)


@cache
def _symbols(language: str) -> tuple[str, str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    return get_decimal_symbol(language), get_group_symbol(language), get_minus_sign_symbol(language)


@cache
def _percent_affixes(language: str) -> tuple[str, str]:
    from babel import Locale

    pattern = Locale.parse(language).percent_formats[None]
    sign = Locale.parse(language).number_symbols["latn"]["percentSign"]
    return pattern.prefix[0].replace("%", sign), pattern.suffix[0].replace("%", sign)
