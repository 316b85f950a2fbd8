"""The verdict method: every verdict has a written rule, and the counts cover every verdict."""

import csv
import re

import pandas as pd
from conftest import DATA

from unsigned_peace import load_data
from unsigned_peace.claims import cited_events, verdict_counts, verdict_label, verdict_rules
from unsigned_peace.dates import format_date
from unsigned_peace.schema import allowed_values


def test_every_allowed_verdict_has_a_rule_in_the_schemas_order():
    rules = verdict_rules()
    assert list(rules["Verdict"]) == [verdict_label(v) for v in allowed_values("claims", "verdict")]
    assert rules["Given when"].str.len().gt(40).all()
    assert rules["Given when"].str[0].str.isupper().all()


def test_counts_list_verdicts_no_claim_has_as_zero():
    claims = pd.DataFrame({"verdict": ["accurate", "accurate", "needs nuance"]})
    counts = verdict_counts(claims)
    assert list(counts.index) == allowed_values("claims", "verdict")
    assert counts["accurate"] == 2 and counts["needs nuance"] == 1
    assert counts.drop(["accurate", "needs nuance"]).eq(0).all()


def test_counts_add_up_to_the_claims():
    claims = load_data("claims").claims
    assert verdict_counts(claims).sum() == len(claims)


# A claim that quotes a government: '"..." (Russian Foreign Ministry)'.
QUOTED_GOVERNMENT = re.compile(r'"\s*\((?P<who>[^()]*(?:Ministry|Government|Kremlin)[^()]*)\)\s*$')
OTHER_SIDE = {"Russia": "Japan", "Japan": "Russia"}


def test_a_claim_that_reports_a_government_is_judged_as_a_report():
    """A claim quoting a government's position is judged on whether that is its position: the dispute about
    the substance, the other side's view, is in the reason, not in a "contested" verdict."""
    with (DATA / "claims.csv").open(encoding="utf-8", newline="") as handle:
        reports = [(row, QUOTED_GOVERNMENT.search(row["claim"])["who"]) for row in csv.DictReader(handle)
                   if QUOTED_GOVERNMENT.search(row["claim"])]
    assert reports, "no claim in claims.csv quotes a government"
    for row, who in reports:
        assert row["verdict"] != "contested", row["claim_id"]
        side = next(side for side in OTHER_SIDE if side[:5] in who)
        assert OTHER_SIDE[side] in row["reason"], row["claim_id"]


def test_the_claim_check_as_claim_reviews_one_per_claim_with_the_article_as_appearance():
    from unsigned_peace.article import ARTICLE_SOURCE_ID
    from unsigned_peace.claims import claim_reviews, verdict_label

    data = load_data("claims", "sources")
    reviews = claim_reviews(data.claims, data.sources, reviewer="The book", reviewed_on="2026-12-01")
    article = data.sources.set_index("source_id").loc[ARTICLE_SOURCE_ID]
    items = reviews["@graph"]
    assert reviews["@context"] == "https://schema.org"
    assert [item["identifier"] for item in items] == list(data.claims["claim_id"])
    for item, row in zip(items, data.claims.itertuples(index=False)):
        assert item["@type"] == "ClaimReview" and item["claimReviewed"] == row.claim
        assert item["reviewRating"] == {"@type": "Rating", "alternateName": verdict_label(row.verdict),
                                        "ratingExplanation": row.reason}
        assert item["author"] == {"@type": "Organization", "name": "The book"}
        assert item["datePublished"] == "2026-12-01"
        appearance = item["itemReviewed"]["appearance"]
        assert appearance["url"] == article["url"] and appearance["headline"] == article["title"]
        assert appearance["datePublished"] == pd.Timestamp(article["date_published"]).date().isoformat()


def test_each_claim_links_the_events_it_rests_on_by_their_dates():
    data = load_data("claims", "events")
    cited = cited_events(data.claims, data.events)
    assert [[event_id for _, event_id in links] for links in cited] == [list(ids) for ids in data.claims["event_ids"]]
    events = data.events.set_index("event_id")
    assert all(text == format_date(events.at[event_id, "date"], events.at[event_id, "date_precision"])
               for links in cited for text, event_id in links)
    assert cited[0][0][0] == "7 February 2022"  # the rally the article reports
