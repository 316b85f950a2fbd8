"""The article's claims: the rules their verdicts follow, and how the verdicts add up."""

from __future__ import annotations

import pandas as pd

from unsigned_peace.schema import field_codebook


def verdict_rules() -> pd.DataFrame:
    """Each verdict with the rule for giving it, in the codebook's order."""
    book = field_codebook("claims", "verdict")
    return pd.DataFrame(
        [{"Verdict": entry.label, "Given when": entry.meaning[:1].upper() + entry.meaning[1:] + "."}
         for entry in book.values()],
        columns=["Verdict", "Given when"],
    )


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    """Claims per verdict, every verdict listed (zero included), in the codebook's order."""
    order = list(field_codebook("claims", "verdict"))
    return claims["verdict"].value_counts().reindex(order, fill_value=0).astype(int)


def verdict_label(verdict: str) -> str:
    """A verdict as the book prints it."""
    return field_codebook("claims", "verdict")[verdict].label
