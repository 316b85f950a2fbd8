"""The chronology: every event, and for each act of the Russian or Soviet state, Moscow's own words on it."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.positions import attributed, translation_credit
from unsigned_peace.sources import SEPARATOR

RUSSIAN_STATES = ("Soviet Union", "Russia")
NO_WORDS = "Moscow's own words on this act: none found in the sources searched."


def acted_by_russia(events: pd.DataFrame) -> pd.Series:
    """Whether the Soviet or Russian state acted: it comes first among the event's parties."""
    return events["parties"].map(lambda parties: bool(parties) and parties[0] in RUSSIAN_STATES)


def words_text(words: pd.Series, publishers: pd.Series) -> str:
    """Moscow's words on an act, quoted and attributed; an account that is not verbatim is shown as reported."""
    cited = publishers[words["source_id"]]
    english, by = "", ""
    if words["words_en"]:
        english = words["words_en"]
        by = translation_credit(words["translated_by"], words["translation_source_id"], publishers)
    if words["verbatim"] != "yes":
        # A report's account, not the words themselves: no quotation marks; the original follows an English rendering.
        account = f"{english} (the report in its own language: {words['words']}; {by})" if english else words["words"]
        return f"Moscow's position, as reported: {account} — {words['speaker']}, " \
               f"{format_date(words['date'], 'day')}. Source: {cited}"
    return "In Moscow's words: " + attributed(f'"{words["words"]}"', english, by, words["speaker"], words["date"],
                                              cited)


def chronology_frame(events: pd.DataFrame, event_words: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The chronology table: date, event, summary (with Moscow's words on its own acts), date note, sources."""
    publishers = sources.set_index("source_id")["publisher"]
    named = publishers.to_dict()
    words = {row["event_id"]: row for _, row in event_words.iterrows()}
    summaries, cited = [], []
    for event_id, summary, ids, by_russia in zip(events["event_id"], events["summary"], events["source_ids"],
                                                 acted_by_russia(events)):
        ids = list(ids)
        if event_id in words:
            said = words[event_id]
            summary += " " + words_text(said, publishers)
            ids += [said["source_id"], *([said["translation_source_id"]] if said["translation_source_id"] else [])]
        elif by_russia:
            summary += " " + NO_WORDS
        summaries.append(summary)
        cited.append(SEPARATOR.join(dict.fromkeys(str(named[i]) for i in ids)))
    return pd.DataFrame({
        "Date": [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        "Event": events["title"].to_numpy(),
        "Summary": summaries,
        "Note on the date": events["date_note"].to_numpy(),
        "Sources": cited,
    })
