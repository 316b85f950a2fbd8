"""A chart's "Sources:" line short enough for one printed line under the static image.

The one implementation behind `BookData.publishers_line`: it names as many publishers as fit in a
budget of characters, then says how many more there are and where the full list is, so that a
chart's source line stays short on screen and in print.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

PRINTED_LINE_CHARS = 160


def short_source_line(sources: pd.DataFrame, source_ids: Iterable[str], *, where: str = "the data behind the chart",
                      budget: int = PRINTED_LINE_CHARS) -> str:
    """"Sources: A; B; and 7 others (all in the data behind the chart)." within `budget` characters."""
    publishers = sources.set_index("source_id")["publisher"]
    named = list(dict.fromkeys(str(publishers[source_id]) for source_id in source_ids))
    if not named:
        raise ValueError("no sources given")
    noun = "Source" if len(named) == 1 else "Sources"
    for shown in range(len(named), 0, -1):
        rest = len(named) - shown
        more = f"; and {rest} other{'s' if rest > 1 else ''} (all in {where})" if rest else ""
        line = f"{noun}: " + "; ".join(named[:shown]) + more + "."
        if len(line) <= budget or shown == 1:
            return line
    raise AssertionError("unreachable")
