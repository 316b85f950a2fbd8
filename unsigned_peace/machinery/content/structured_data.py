"""The claim check as structured data: schema.org `ClaimReview` JSON-LD in the head of the page that
holds the claims table, built from `claims.csv` (unsigned_peace.claims.claim_reviews)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from unsigned_peace.escape import inert_json
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.paths import data_dir
from unsigned_peace.schema import descriptor as read_descriptor


def claims_page(app: Sphinx) -> str | None:
    # Imported here, when a page is written: a rebuild that writes none loads no pandas.
    from unsigned_peace.claims import CLAIMS_TABLE_LABEL

    label = app.env.get_domain("std").labels.get(CLAIMS_TABLE_LABEL)
    return label[0] if label else None


def add_claim_reviews(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The EPUB runs no script, data blocks included; search engines read the web book.
    if doctree is None or pagename != claims_page(app) or not is_website(app.builder):
        return
    from unsigned_peace import load_data
    from unsigned_peace.claims import claim_reviews
    from unsigned_peace.machinery.shared.data_dates import data_date

    folder = data_dir(Path(app.srcdir))
    data = load_data("claims", "sources", folder=folder)
    descriptor = read_descriptor(folder)
    reviews = claim_reviews(data.claims, data.sources, reviewer=app.config.author,
                            reviewed_on=data_date(folder, descriptor))
    script = f'<script type="application/ld+json">{inert_json(reviews)}</script>'
    context["metatags"] = context.get("metatags", "") + "\n" + script
