"""Load the book's data package, validated, as pandas tables typed by their schema."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unsigned_peace.paths import data_dir as default_data_dir
from unsigned_peace.validation import validate_package


@dataclass(frozen=True)
class BookData:
    """Every table of the data package, plus its descriptor."""

    folder: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def schema(self, resource: str) -> dict:
        return next(r["schema"] for r in self.descriptor["resources"] if r["name"] == resource)

    def describe_field(self, resource: str, column: str) -> str:
        return next(f.get("description", "") for f in self.schema(resource)["fields"] if f["name"] == column)

    def publishers_line(self, source_ids, **options) -> str:
        """A chart's "Sources:" line naming publishers, for charts whose rows each cite their own sources.

        See `unsigned_peace.charts.short_source.short_source_line` for the options.
        """
        from unsigned_peace.charts.short_source import short_source_line

        return short_source_line(self.tables["sources"], source_ids, **options)

    def source_line(self, source_ids) -> str:
        """A figure or table's "Source:" line naming each source by publisher and title."""
        sources = self.tables["sources"].set_index("source_id")
        unique_ids = list(dict.fromkeys(source_ids))
        parts = []
        for source_id in unique_ids:
            source = sources.loc[source_id]
            parts.append(f"{source['publisher']}, “{source['title']}”")
        noun = "Source" if len(parts) == 1 else "Sources"
        return f"{noun}: " + "; ".join(parts) + "."


def load_data(folder: Path | str | None = None) -> BookData:
    """Validate the data package, then load every table; raises `DataValidationError` on bad data."""
    folder = Path(folder) if folder is not None else default_data_dir()
    validate_package(folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    tables = {
        resource["name"]: _read_typed(folder / resource["path"], resource["schema"])
        for resource in descriptor["resources"]
    }
    return BookData(folder=folder, descriptor=descriptor, tables=tables)


def _read_typed(path: Path, schema: dict) -> pd.DataFrame:
    # Read every cell as text first so that pandas guesses nothing: the schema alone decides types.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for spec in schema["fields"]:
        name, kind = spec["name"], spec.get("type", "string")
        column = frame[name]
        if kind == "date":
            frame[name] = pd.to_datetime(column.replace("", None), format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(column.replace("", None)).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column.replace("", None)).astype("Float64")
        elif kind == "boolean":
            truth = {value: True for value in spec.get("trueValues", ["true", "True", "TRUE", "1"])}
            truth.update({value: False for value in spec.get("falseValues", ["false", "False", "FALSE", "0"])})
            frame[name] = column.map(lambda cell: truth.get(cell)).astype("boolean")
        elif kind == "list":
            delimiter = spec.get("delimiter", ",")
            frame[name] = column.map(lambda cell, d=delimiter: cell.split(d) if cell else [])
    return frame
