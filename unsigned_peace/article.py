"""The news article the book starts from, and what has happened since it was published."""

from __future__ import annotations

import pandas as pd

ARTICLE_SOURCE_ID = "tass-kishida-rally-2022-b"  # TASS, 7 February 2022, on tass.com


def article_date(sources: pd.DataFrame) -> pd.Timestamp:
    """The day the article was published, as its entry in the sources gives it."""
    published = sources.set_index("source_id").at[ARTICLE_SOURCE_ID, "date_published"]
    return pd.Timestamp(published)


def events_since_article(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Events dated after the day of the article, in date order."""
    after = events[events["date"] > article_date(sources)]
    return after.sort_values(["date", "event_id"])
