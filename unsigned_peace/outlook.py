"""What each option on the table would mean, measured with the book's data on islands and agreements."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.islands import disputed_islands
from unsigned_peace.schema import allowed_values, require_every_value
from unsigned_peace.translations import local_names

# How each outcome code counts when the option is measured: to Japan, left open, or staying Russian.
OUTCOME_GROUP = {"japan": "to Japan", "transfer": "to Japan", "negotiation": "open", "joint": "open",
                 "russia": "Russian"}
GROUPS = ["to Japan", "open", "Russian"]


def option_shares(options: pd.DataFrame, islands: pd.DataFrame) -> pd.DataFrame:
    """Per option: the islands, area, 1945 Japanese population and today's residents in each group.

    Returns one row per option with, for each group g of `GROUPS`, the columns `islands g`,
    `area g` (km²), `area share g`, `population 1945 g`, `population 1945 share g` and
    `residents g` (latest civilian population). Shares are fractions of the four islands' totals.
    """
    isles = disputed_islands(islands).set_index("island_id")
    ids = list(isles.index)
    names = local_names(isles)  # each island by its name in the edition's language
    total_area = float(isles["area_km2"].sum())
    total_1945 = int(isles["japanese_population_1945"].sum())
    for island in ids:
        require_every_value(OUTCOME_GROUP, allowed_values("options", f"outcome_{island}"),
                            "the outcome groups of unsigned_peace.outlook")
    rows = []
    for option in options.itertuples():
        group_of = {island: OUTCOME_GROUP[getattr(option, f"outcome_{island}")] for island in ids}
        row = {"option_id": option.option_id, "name": option.name}
        for group in GROUPS:
            members = [island for island in ids if group_of[island] == group]
            area = float(isles.loc[members, "area_km2"].sum())
            people_1945 = int(isles.loc[members, "japanese_population_1945"].sum())
            row[f"islands {group}"] = [names[m] for m in members]
            row[f"area {group}"] = area
            row[f"area share {group}"] = area / total_area
            row[f"population 1945 {group}"] = people_1945
            row[f"population 1945 share {group}"] = people_1945 / total_1945
            row[f"residents {group}"] = int(isles.loc[members, "population"].sum())
        rows.append(row)
    return pd.DataFrame(rows)


def option_agreements(options: pd.DataFrame, agreements: pd.DataFrame) -> pd.DataFrame:
    """Per option: the agreements it rests on, and how many of them each side ratified and relies on."""
    indexed = agreements.set_index("agreement_id")
    rows = []
    for option in options.itertuples():
        cited = indexed.loc[list(option.agreement_ids)].sort_values("date_signed")
        both_ratified = (cited["ratified_by_japan"] == "yes") & (cited["ratified_by_russia_or_ussr"] == "yes")
        rows.append({
            "option_id": option.option_id,
            "name": option.name,
            "agreements": list(cited["short_name"]),
            "count": len(cited),
            "ratified by both": int(both_ratified.sum()),
            "in force": int((cited["in_force"] == "yes").sum()),
            "Japan relies on": int((cited["japan_relies_on_it"] == "yes").sum()),
            "Russia relies on": int((cited["russia_relies_on_it"] == "yes").sum()),
            "both rely on": int(((cited["japan_relies_on_it"] == "yes")
                                 & (cited["russia_relies_on_it"] == "yes")).sum()),
        })
    return pd.DataFrame(rows)
