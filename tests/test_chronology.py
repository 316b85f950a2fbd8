"""The chronology adds Moscow's words to each act of the Soviet or Russian state, and says when none were found."""

import csv

import pandas as pd
import pytest
from conftest import DATA

from unsigned_peace import load_data
from unsigned_peace.charts import event_timeline
from unsigned_peace.chronology import NO_WORDS, acted_by_russia, chronology_frame, tagged
from unsigned_peace.schema import SchemaError, allowed_values

SOURCES = pd.DataFrame({"source_id": ["s-event", "s-words", "s-english"],
                        "publisher": ["Kyodo", "RIA Novosti", "TASS"]})


def event(event_id, parties, summary):
    return {"event_id": event_id, "date": pd.Timestamp("2022-03-21"), "date_precision": "day", "title": event_id,
            "category": "statement", "parties": parties, "summary": summary, "source_ids": ["s-event"], "date_note": ""}


def words(event_id, verbatim="yes", **fields):
    row = {"event_id": event_id, "speaker": "Maria Zakharova, spokeswoman", "date": pd.Timestamp("2022-03-22"),
           "verbatim": verbatim, "words": "Слова", "language": "ru", "words_en": "Words", "translated_by": "source",
           "translation_source_id": "s-english", "source_id": "s-words", "note": ""}
    return {**row, **fields}


@pytest.fixture
def table():
    events = pd.DataFrame([
        event("russian-act", ["Russia", "Japan"], "Russia acted."),
        event("silent-act", ["Soviet Union", "Japan"], "The USSR acted."),
        event("japanese-act", ["Japan", "Russia"], "Japan protested."),
        event("reported-act", ["Russia"], "Russia drilled."),
    ])
    said = pd.DataFrame([words("russian-act"), words("reported-act", verbatim="no", words="Troops drilled, it said",
                                                        language="en", words_en="", translated_by="",
                                                        translation_source_id="")])
    return chronology_frame(events, said, SOURCES).set_index("Event")


def test_the_acting_state_is_the_first_party():
    events = pd.DataFrame({"parties": [["Russia", "Japan"], ["Japan", "Soviet Union"], ["Soviet Union"], []]})
    assert list(acted_by_russia(events)) == [True, False, True, False]


def test_moscows_words_are_quoted_with_their_english_and_who_gave_it(table):
    summary = table.loc["russian-act", "Summary"]
    assert summary.startswith("Russia acted. In Moscow's words: \"Слова\" "
                              "(in English: \"Words\"; English version: TASS)")
    assert "— Maria Zakharova, spokeswoman, 22 March 2022. Source: RIA Novosti" in summary
    assert table.loc["russian-act", "Sources"] == "Kyodo; RIA Novosti; TASS"


def test_an_account_that_is_not_verbatim_is_not_put_in_quotation_marks(table):
    summary = table.loc["reported-act", "Summary"]
    assert "as reported: Troops drilled, it said —" in summary and '"' not in summary


def test_an_account_in_another_language_leads_with_its_english_and_keeps_the_original():
    events = pd.DataFrame([event("reported-act", ["Soviet Union"], "A decree.")])
    said = pd.DataFrame([words("reported-act", verbatim="no", words="les îles deviennent la propriété de l'URSS",
                               language="fr", words_en="the islands become the property of the USSR",
                               translated_by="this book", translation_source_id="")])
    summary = chronology_frame(events, said, SOURCES).loc[0, "Summary"]
    assert summary.startswith("A decree. Moscow's position, as reported: the islands become the property of the USSR "
                              "(the report in its own language: les îles deviennent la propriété de l'URSS; "
                              "translation by this book) — Maria Zakharova")
    assert '"' not in summary


def test_a_silence_is_stated_and_other_states_acts_are_left_alone(table):
    assert table.loc["silent-act", "Summary"] == f"The USSR acted. {NO_WORDS}"
    assert table.loc["japanese-act", "Summary"] == "Japan protested."


def test_the_books_words_belong_to_russian_acts():
    data = load_data("events", "event_words")
    russian = set(data.events.loc[acted_by_russia(data.events), "event_id"])
    assert set(data.event_words["event_id"]) <= russian


@pytest.mark.parametrize("tag", allowed_values("events", "tags"))
def test_the_events_of_a_tag_are_those_the_csv_marks_with_it(tag):
    with (DATA / "events.csv").open(encoding="utf-8", newline="") as handle:
        marked = [row["event_id"] for row in csv.DictReader(handle) if tag in row["tags"].split(";")]
    assert marked, f"no event in events.csv carries the tag {tag!r}"
    assert list(tagged(load_data("events").events, tag)["event_id"]) == marked


def test_a_tag_the_descriptor_does_not_allow_is_refused():
    events = pd.DataFrame({"event_id": ["a"], "tags": [["shipboard-memorial"]]})
    with pytest.raises(SchemaError, match="'memorial' is not a tag"):
        tagged(events, "memorial")


def test_the_chronology_table_holds_every_row_of_the_data_behind_its_timeline():
    """The web page points from the timeline to the table instead of repeating the timeline's data: every row
    of that data must be a row of the table, in the same order, with the same date, title and kind, and with
    every publisher the timeline names among the table's sources."""
    data = load_data("events", "event_words", "sources")
    events = data.events.sort_values(["date", "event_id"])
    behind = event_timeline(events, data.sources, alt="Timeline.", source="Sources.", data_table="tbl").data
    table = chronology_frame(events, data.event_words, data.sources)
    assert len(behind) == len(table) == len(events)
    for column in ("Date", "Event", "Kind"):
        assert list(behind[column]) == list(table[column])
    for named, listed in zip(behind["Sources"], table["Sources"], strict=True):
        assert set(named.split("; ")) <= set(listed.split("; "))
    assert set(table["Kind"]) == set(events["category"])
