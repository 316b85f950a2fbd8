"""The bibliography, generated from data/sources.csv: the one list of sources the whole book cites."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from unsigned_peace.dates import format_date
from unsigned_peace.escape import for_link_target, for_markdown
from unsigned_peace.list_markup import REFERENCE_LIST_CLASS
from unsigned_peace.schema import field_codebook


class Markdown:
    """Text that the book renders as MyST Markdown."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        # A stable plain-text form: the default repr holds a memory address, which nbval would flag.
        return self.text


def bibliography(sources: pd.DataFrame, cited_ids: set[str] | None = None) -> Markdown:
    """Sources grouped by kind, each group sorted by publisher then title; only `cited_ids` if given."""
    if cited_ids is not None:
        sources = sources[sources["source_id"].isin(cited_ids)]
    sections = []
    for kind, entry in field_codebook("sources", "kind").items():
        heading = entry.label
        group = sources[sources["kind"] == kind].sort_values(["publisher", "title", "source_id"])
        if group.empty:
            continue
        entries = [f"- {reference(row)}" for row in group.itertuples(index=False)]
        sections.append(f"## {heading}\n\n:::{{container}} {REFERENCE_LIST_CLASS}\n" + "\n".join(entries) + "\n:::")
    return Markdown("\n\n".join(sections) + "\n")


def reference(source) -> str:
    """One entry: publisher, “title”, date published, link and date accessed, with the source's id."""
    parts = [for_markdown(source.publisher), f"“{for_markdown(source.title)}”"]
    if source.date_published:
        parts.append(for_markdown(source.date_published))
    text = ", ".join(parts) + "."
    if source.url:
        # The link shows the site's name: short enough to print, and the address itself is the target.
        target = for_link_target(source.url)
        if target:
            text += f" [{for_markdown(urlsplit(source.url).netloc)}]({target})"
    # The id as plain text: 555 inline-code spans made the page's HTML some 40 KB heavier. (Ids are lowercase
    # letters, digits and hyphens: nothing Markdown would read as markup.)
    text += f" Accessed {format_date(pd.Timestamp(source.date_accessed), 'day')}. \\[{source.source_id}\\]"
    return text
