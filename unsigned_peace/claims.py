"""The article's claims: the rules their verdicts follow, and how the verdicts add up."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.article import ARTICLE_SOURCE_ID
from unsigned_peace.dates import format_date
from unsigned_peace.messages import _, pgettext
from unsigned_peace.schema import field_codebook


def verdict_rules() -> pd.DataFrame:
    """Each verdict with the rule for giving it, in the codebook's order."""
    book = field_codebook("claims", "verdict")
    verdict, given_when = _("Verdict"), _("Given when")
    return pd.DataFrame(
        [{verdict: entry.label, given_when: pgettext("the end of a sentence", "{sentence}.").format(
            sentence=entry.meaning[:1].upper() + entry.meaning[1:])}
         for entry in book.values()],
        columns=[verdict, given_when],
    )


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    """Claims per verdict, every verdict listed (zero included), in the codebook's order."""
    order = list(field_codebook("claims", "verdict"))
    return claims["verdict"].value_counts().reindex(order, fill_value=0).astype(int)


def cited_events(claims: pd.DataFrame, events: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """For each claim, the events it rests on as (date as the chronology gives it, event id), in the
    claim's order: a claim check's links to the events' rows in the chronology."""
    dated = events.set_index("event_id")
    return [[(format_date(dated.at[event_id, "date"], dated.at[event_id, "date_precision"]), event_id)
             for event_id in event_ids] for event_ids in claims["event_ids"]]


def verdict_label(verdict: str) -> str:
    """A verdict as the book prints it."""
    return field_codebook("claims", "verdict")[verdict].label


# The claim check's table, where the page that holds it also carries the claims as structured data.
CLAIMS_TABLE_LABEL = "tbl-claims"


def claim_reviews(claims: pd.DataFrame, sources: pd.DataFrame, *, reviewer: str, reviewed_on: str) -> dict:
    """The claim check as schema.org `ClaimReview` items (JSON-LD), one per claim, for others to reuse.

    Each item gives the claim as the article words it, the article as where it appeared (its
    publisher, date and address), the verdict as the rating's `alternateName` with its reason, the
    book (`reviewer`) as the review's author, and `reviewed_on` (YYYY-MM-DD) as the review's date.
    """
    article = sources.set_index("source_id").loc[ARTICLE_SOURCE_ID]
    appearance = {
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": pd.Timestamp(article["date_published"]).date().isoformat(),
        "author": {"@type": "Organization", "name": article["publisher"]},
        "publisher": {"@type": "Organization", "name": article["publisher"]},
    }
    if isinstance(article["url"], str) and article["url"]:
        appearance["url"] = article["url"]
    items = [{
        "@type": "ClaimReview",
        "identifier": row.claim_id,
        "claimReviewed": row.claim,
        "itemReviewed": {"@type": "Claim", "appearance": appearance,
                         "author": {"@type": "Organization", "name": article["publisher"]}},
        "reviewRating": {"@type": "Rating", "alternateName": verdict_label(row.verdict),
                         "ratingExplanation": row.reason},
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": reviewed_on,
    } for row in claims.itertuples(index=False)]
    return {"@context": "https://schema.org", "@graph": items}
