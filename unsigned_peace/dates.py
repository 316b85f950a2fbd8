"""Dates written at the precision the data knows them to: the one way the book writes a date."""

from __future__ import annotations

from datetime import date


def format_date(day: date, precision: str = "day") -> str:
    """'7 February 1855', 'February 1855' or '1855', as `precision` is day, month or year.

    Takes a `datetime.date` or anything like one (a pandas Timestamp).
    """
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%B} {day.year}"
    if precision == "day":
        return f"{day.day} {day:%B} {day.year}"
    raise ValueError(f"unknown date precision {precision!r}: use day, month or year")
