"""The steps of the map's history: who administered each island at each step, and what changed.

A step (a row of map_steps.csv) names a date and, usually, the event of events.csv it shows; who held each
island then is read from administration.csv, so the map and the administration chart cannot disagree.
The lands of the map without rows there follow one that has: Hokkaido is Japan's throughout, and the
islets north-east of Urup go with Urup.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.messages import _
from unsigned_peace.schema import field_codebook
from unsigned_peace.translations import ENGLISH_SUFFIX

# Lands of coastline_points.csv that administration.csv does not list, and whom they follow.
FOLLOWS = {"other": "urup"}
ALWAYS_JAPANESE = "hokkaido"
JAPAN = "Japan"
OCCUPATION_WORD = "occupation"


@dataclass(frozen=True)
class Holding:
    """Who administered a land at a step, and whether as a military occupation."""

    state: str
    occupation: bool

    @property
    def legend(self) -> str:
        """The state as the edition names it (the codebook "state"), and whether it occupied the land."""
        name = field_codebook("administration", "administered_by")[self.state].label
        return _("{state} (military occupation)").format(state=name) if self.occupation else name


@dataclass(frozen=True)
class MapStep:
    step: int
    label: str
    date_text: str
    change: str
    line_agreement_id: str | None
    holdings: dict[str, Holding]
    source_ids: list[str]


def holdings_at(administration: pd.DataFrame, when: pd.Timestamp | None, lands: list[str]) -> dict[str, Holding]:
    """For each land, who administered it on `when` (None: today, the open periods)."""
    held = {}
    for island_id, periods in administration.groupby("island_id"):
        if when is None:
            current = periods[periods["end_date"].isna()]
        else:
            current = periods[(periods["start_date"] <= when)
                              & (periods["end_date"].isna() | (periods["end_date"] >= when))]
        if len(current) != 1:
            raise ValueError(f"administration.csv gives {island_id} {len(current)} periods on "
                             f"{'today' if when is None else f'{when:%Y-%m-%d}'}; it needs exactly one")
        row = current.iloc[0]
        # The basis in the data's own words, whatever the edition (an occupation's says so in English).
        basis = row.get("basis" + ENGLISH_SUFFIX, row["basis"])
        held[island_id] = Holding(str(row["administered_by"]), OCCUPATION_WORD in str(basis).lower())
    result = {}
    for land in lands:
        if land == ALWAYS_JAPANESE:
            result[land] = Holding(JAPAN, False)
        else:
            result[land] = held[FOLLOWS.get(land, land)]
    return result


def map_steps(steps: pd.DataFrame, administration: pd.DataFrame, events: pd.DataFrame,
              lands: list[str]) -> list[MapStep]:
    """The map's steps in order, each with its holdings and its sources (the event's, then its own)."""
    by_event = events.set_index("event_id")
    result = []
    for row in steps.sort_values("step").itertuples(index=False):
        when = None if pd.isna(row.shown_at) else pd.Timestamp(row.shown_at)
        event_id = row.event_id if isinstance(row.event_id, str) and row.event_id else None
        event_sources = list(by_event.loc[event_id, "source_ids"]) if event_id else []
        if event_id:
            event = by_event.loc[event_id]
            date_text = format_date(event["date"], event["date_precision"])
        else:
            date_text = _("today")
        line = row.line_agreement_id if isinstance(row.line_agreement_id, str) and row.line_agreement_id else None
        own = list(row.source_ids) if isinstance(row.source_ids, list) else []
        result.append(MapStep(step=int(row.step), label=str(row.label), date_text=date_text, change=str(row.change),
                              line_agreement_id=line, holdings=holdings_at(administration, when, lands),
                              source_ids=list(dict.fromkeys(event_sources + own))))
    return result
