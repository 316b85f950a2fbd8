"""Date axes in the edition's language.

Plotly writes a date axis's ticks itself, naming the months in English ("Aug 1945") whatever the page's
language, and it does so again whenever a reader zooms a live chart. In another edition:

- `date_tick_formats`: the formats a date axis writes its ticks with, by the spacing of its ticks
  (plotly's `tickformatstops`): years as digits, as in English; months and days as the language writes
  them with numbers alone (CLDR's patterns, through Babel: "1945年8月", "08.1945"), so that no month is
  named in English at any zoom;
- `month_ticks`: the ticks of an axis that spans a few months at a fixed spacing, named as the language
  names its months ("8月", "авг.").

The English edition keeps plotly's own ticks: both give nothing to change there.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from unsigned_peace.language import SOURCE_LANGUAGE, check_language, current_language
from unsigned_peace.messages import _

# The CLDR skeletons tried for a month and for a day, in order: the first whose pattern in the language
# writes every field as a number is used (Japanese "y年M月"; Russian "MM.y", where "yMMM" names the month).
MONTH_SKELETONS = ("yMMM", "yMM", "yM")
DAY_SKELETONS = ("yMMMd", "yMd")
# CLDR's numeric fields, as d3's time formats (which plotly reads) write them.
NUMERIC_FIELDS = {"y": "%Y", "yyyy": "%Y", "M": "%-m", "MM": "%m", "L": "%-m", "LL": "%m", "d": "%-d", "dd": "%d"}
_PATTERN_PART = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def date_tick_formats(language: str | None = None) -> list[dict]:
    """Plotly's `tickformatstops` for a date axis in the edition's language: days, months and years written
    with numbers only; none in English, where plotly's own ticks stay."""
    language = current_language() if language is None else check_language(language)
    if language == SOURCE_LANGUAGE:
        return []
    # Plotly takes the first stop whose range holds the spacing, ends included: a tick a year apart ("M12")
    # is a year's, one a month apart ("M1") a month's.
    return [
        dict(dtickrange=["M12", None], value="%Y"),
        dict(dtickrange=["M1", "M12"], value=_numeric_format(language, MONTH_SKELETONS)),
        dict(dtickrange=[None, "M1"], value=_numeric_format(language, DAY_SKELETONS)),
    ]


def month_ticks(start: pd.Timestamp, end: pd.Timestamp, every: int, *, language: str | None = None) -> dict:
    """The ticks of an axis from `start` to `end`, one on the first of every `every`th month (January,
    then every `every` months, as plotly places a tick every "M2"), each the month's name above its year in
    the edition's language; nothing in English, where plotly writes them ("%b<br>%Y")."""
    language = current_language() if language is None else check_language(language)
    if language == SOURCE_LANGUAGE:
        return {}
    from babel.dates import get_month_names

    names = get_month_names("abbreviated", context="stand-alone", locale=language)
    days = [day for day in pd.date_range(pd.Timestamp(start).normalize(), end, freq="MS")
            if (day.month - 1) % every == 0]
    # Translators: a tick of a date axis, the month's short name above the year ("Aug<br>1945").
    text = [_("{month}<br>{year}").format(month=names[day.month], year=day.year) for day in days]
    return dict(tickmode="array", tickvals=[day.strftime("%Y-%m-%d") for day in days], ticktext=text)


@cache
def _numeric_format(language: str, skeletons: tuple[str, ...]) -> str:
    from babel import Locale

    available = Locale.parse(language).datetime_skeletons
    for skeleton in skeletons:
        if skeleton in available:
            converted = d3_format(available[skeleton].pattern)
            if converted is not None:
                return converted
    raise ValueError(f"no numeric date pattern for {language!r} among {', '.join(skeletons)}")


def d3_format(pattern: str) -> str | None:
    """A CLDR date pattern ("y年M月", "dd.MM.y") as a d3 time format ("%Y年%-m月", "%d.%m.%Y"); None when it
    names a month or a weekday, or holds a field that is not a year, a month or a day number."""
    parts = []
    for match in _PATTERN_PART.finditer(pattern):
        text = match.group(0)
        if match.group(1):
            if text not in NUMERIC_FIELDS:
                return None
            parts.append(NUMERIC_FIELDS[text])
        elif text.startswith("'"):
            parts.append((text[1:-1].replace("''", "'") or "'").replace("%", "%%"))
        else:
            parts.append(text.replace("%", "%%"))
    return "".join(parts)

