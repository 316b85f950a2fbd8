"""The article's date comes from its source entry, and 'since the article' means strictly after it."""

import pandas as pd

from unsigned_peace import load_data
from unsigned_peace.article import ARTICLE_SOURCE_ID, article_date, events_since_article


def test_the_article_is_a_tass_report_with_a_date():
    sources = load_data("sources").sources.set_index("source_id")
    assert sources.at[ARTICLE_SOURCE_ID, "publisher"] == "TASS"
    assert sources.at[ARTICLE_SOURCE_ID, "date_published"]


def test_events_on_the_article_day_are_not_since_it():
    sources = pd.DataFrame({"source_id": [ARTICLE_SOURCE_ID], "date_published": ["2022-02-07"]})
    events = pd.DataFrame({
        "event_id": ["same-day", "next-day", "earlier", "later"],
        "date": pd.to_datetime(["2022-02-07", "2022-02-08", "2021-01-01", "2023-05-01"]),
    })
    assert list(events_since_article(events, sources)["event_id"]) == ["next-day", "later"]
    assert article_date(sources) == pd.Timestamp("2022-02-07")


def test_the_book_records_at_least_25_events_since_the_article():
    data = load_data("events", "sources")
    assert len(events_since_article(data.events, data.sources)) >= 25
