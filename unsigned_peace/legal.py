"""The two governments' legal arguments set side by side, instrument by instrument, with the words relied on."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.positions import SIDES, attributed, translation_credit
from unsigned_peace.sources import publishers_line

# A text cell names at most this much of its sources; the rest are in the data file it names.
SOURCES_CHARS = 110
NOT_FOUND = "No statement by this government on this text was found in the sources searched."


def instrument_cell(instrument: pd.Series, agreements: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The instrument, its date and provision, and the words relied on with where they were read."""
    heading = f"{instrument['name']} ({format_date(instrument['date'], 'day')})"
    if isinstance(instrument["provision"], str) and instrument["provision"]:
        heading += f", {instrument['provision']}"
    if isinstance(instrument["agreement_id"], str) and instrument["agreement_id"]:
        agreement = agreements.set_index("agreement_id").loc[instrument["agreement_id"]]
        words, source_ids = agreement["key_text"], agreement["source_ids"]
        english, where = "", "data/agreements.csv"
    else:
        words = instrument["text"] if isinstance(instrument["text"], str) else ""
        source_ids = [instrument["source_id"]] if isinstance(instrument["source_id"], str) else []
        english = instrument["text_en"] if isinstance(instrument["text_en"], str) else ""
        where = "data/instruments.csv"
    if not words:
        return f"{heading}. Text not quoted: {instrument['note']}"
    quoted = words if words.startswith('"') else f'"{words}"'
    if english:
        quoted += f' (in English: "{english}")'
    stop = "" if quoted.endswith(('."', '.")')) else "."
    return f"{heading}: {quoted}{stop} {publishers_line(sources, source_ids, where=where, budget=SOURCES_CHARS)}"


def argument_cell(argument: pd.Series, sources: pd.DataFrame) -> str:
    """One government's words on an instrument, attributed and dated, with its source and number."""
    publishers = sources.set_index("source_id")["publisher"]
    english, by = "", ""
    if isinstance(argument["statement_en"], str) and argument["statement_en"]:
        english = argument["statement_en"]
        by = translation_credit(argument["translated_by"], argument["translation_source_id"], publishers)
    return attributed(f'"{argument["statement"]}"', english, by, argument["speaker"], argument["date"],
                      publishers[argument["source_id"]], argument["argument_id"])


def legal_side_by_side(instruments: pd.DataFrame, arguments: pd.DataFrame, agreements: pd.DataFrame,
                       sources: pd.DataFrame) -> pd.DataFrame:
    """One row per instrument in date order: the words relied on, then what Japan and Russia say of them.

    A side with no statement on an instrument says so in its cell, so that a gap in the record shows.
    """
    rows = []
    for _, instrument in instruments.sort_values(["date", "instrument_id"]).iterrows():
        on_it = arguments[arguments["instrument_id"] == instrument["instrument_id"]]
        row = {"Text relied on": instrument_cell(instrument, agreements, sources)}
        for side in SIDES:
            own = on_it[on_it["side"] == side].sort_values("argument_id")
            said = [argument_cell(a, sources) for _, a in own.iterrows()]
            row[f"{side} says"] = " ".join(said) if said else NOT_FOUND
        rows.append(row)
    return pd.DataFrame(rows, columns=["Text relied on", *(f"{side} says" for side in SIDES)])
