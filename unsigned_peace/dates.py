"""Dates written at the precision the data knows them to."""

from __future__ import annotations

import pandas as pd


def format_date(date: pd.Timestamp, precision: str) -> str:
    """'7 February 1855', 'February 1855' or '1855', as `precision` is day, month or year."""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B} {date.year}"
    return f"{date.day} {date:%B} {date.year}"
