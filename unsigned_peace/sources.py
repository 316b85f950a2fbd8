"""The sources behind a row, a table or a chart, named the one way the book names them.

- `publishers_of`: the publishers of some sources, each once, in the order first cited, joined with
  "; " (a table's "Sources" cell, a tooltip);
- `publishers_line`: a chart's "Sources:" line, short enough for one printed line: it names as many
  publishers as fit in a budget of characters, then says how many more there are and where the full
  list is;
- `citation_line`: a "Source:" line naming each source by publisher and title;
- `standalone_sources`: the sources a figure may rest on alone (the descriptor's `sourceRules`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from unsigned_peace.messages import N_, _, ngettext
from unsigned_peace.numbers import count
from unsigned_peace.schema import descriptor
from unsigned_peace.text_width import display_width

PRINTED_LINE_CHARS = 160
SEPARATOR = "; "


def publisher_index(sources: pd.DataFrame | pd.Series) -> pd.Series:
    """Publishers by source id: from sources.csv as loaded, or an index made already (a Series)."""
    return sources if isinstance(sources, pd.Series) else sources.set_index("source_id")["publisher"]


def publishers(sources: pd.DataFrame | pd.Series, source_ids: Iterable[str]) -> list[str]:
    """Each publisher once, in the order first cited; an unknown source id raises KeyError."""
    by_id = publisher_index(sources)
    return list(dict.fromkeys(str(by_id[source_id]) for source_id in source_ids))


def publishers_of(sources: pd.DataFrame | pd.Series, source_ids: Iterable[str]) -> str:
    """"TASS; Kyodo News": the publishers of these sources, each once."""
    return SEPARATOR.join(publishers(sources, source_ids))


DATA_BEHIND_THE_CHART = N_("the data behind the chart")


def publishers_line(sources: pd.DataFrame | pd.Series, source_ids: Iterable[str], *,
                    where: str | None = None, budget: int = PRINTED_LINE_CHARS) -> str:
    """"Sources: A; B; and 7 others (all in the data behind the chart)." within `budget` columns (a Japanese
    character takes two: see unsigned_peace.text_width).

    `where` says where the full list is, in the edition's language (by default, the data behind the chart)."""
    named = publishers(sources, source_ids)
    if not named:
        raise ValueError("no sources given")
    where = _(DATA_BEHIND_THE_CHART) if where is None else where
    for shown in range(len(named), 0, -1):
        rest = len(named) - shown
        names = SEPARATOR.join(named[:shown])
        if rest:
            line = ngettext("Sources: {names}; and {count} other (all in {where}).",
                            "Sources: {names}; and {count} others (all in {where}).", rest).format(
                names=names, count=count(rest), where=where)
        else:
            line = sources_line(named[:shown])
        if display_width(line) <= budget or shown == 1:
            return line
    raise AssertionError("unreachable")


def sources_line(parts: list[str]) -> str:
    """"Source: A." or "Sources: A; B.": the sources named, each part as given."""
    return ngettext("Source: {names}.", "Sources: {names}.", len(parts)).format(names=SEPARATOR.join(parts))


def citation_line(sources: pd.DataFrame, source_ids: Iterable[str]) -> str:
    """"Sources: Publisher, “Title”; ..." naming each source once by publisher and title."""
    by_id = sources.set_index("source_id")
    parts = [_("{publisher}, “{title}”").format(publisher=by_id.loc[source_id, "publisher"],
                                                 title=by_id.loc[source_id, "title"])
             for source_id in dict.fromkeys(source_ids)]
    return sources_line(parts)


def standalone_sources(sources: pd.DataFrame, rules: dict | None = None) -> set[str]:
    """Ids of the sources a figure may rest on alone: of no weak kind (`sourceRules.weakKinds` in the
    data package descriptor, a campaign's own page) and not read only on a copy (`read_at` empty).

    The validator holds the rows of `sourceRules.independentSource` to the same rule."""
    rules = descriptor().get("sourceRules", {}) if rules is None else rules
    weak = set(rules.get("weakKinds", []))
    copied = sources["read_at"].fillna("").astype(str).str.strip() != ""
    return set(sources.loc[~sources["kind"].isin(weak) & ~copied, "source_id"])
