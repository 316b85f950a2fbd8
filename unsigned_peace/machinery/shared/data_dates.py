"""The date of the book's data, read from the data package: for the title page, the pages' `{{ data_as_of }}`
and `{{ latest_event }}`, and the claim check's structured data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from unsigned_peace.dates import format_date


def long_date(iso: str) -> str:
    return format_date(date.fromisoformat(iso[:10]))


def data_date(folder: Path, descriptor: dict) -> str:
    """The date of the data, YYYY-MM-DD: the package's `created` date, else the last day a source was read."""
    if descriptor.get("created"):
        return str(descriptor["created"])[:10]
    accessed = []
    for resource in descriptor.get("resources", []):
        fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        if "date_accessed" not in fields:
            continue
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
            accessed += [row["date_accessed"] for row in csv.DictReader(handle) if row.get("date_accessed")]
    return max(accessed) if accessed else ""


def data_as_of(folder: Path, descriptor: dict) -> str:
    """The date of the data, as the book prints it."""
    date = data_date(folder, descriptor)
    return long_date(date) if date else ""


def latest_event(folder: Path, descriptor: dict) -> str:
    """The date of the latest event in events.csv, written at its precision."""
    resource = next((r for r in descriptor.get("resources", []) if r.get("name") == "events"), None)
    if resource is None:
        return ""
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("date")]
    if not rows:
        return ""
    latest = max(rows, key=lambda row: row["date"])
    return format_date(date.fromisoformat(latest["date"]), latest.get("date_precision") or "day")
