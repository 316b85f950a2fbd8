"""Load the book's data package, validated, as pandas tables typed by their schema, in the edition's language.

In an edition other than the English one (`unsigned_peace.language.current_language`), every
translatable cell holds the edition's text, read from the data's translation tables
(`unsigned_peace.translations.translate_rows`), and each translated column keeps its English beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unsigned_peace import cells
from unsigned_peace import sources as source_lines
from unsigned_peace.language import current_language
from unsigned_peace.paths import DESCRIPTOR_NAME
from unsigned_peace.paths import data_dir as default_data_dir
from unsigned_peace.schema import descriptor as read_descriptor
from unsigned_peace.translations import translate_rows
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
        resources = [r["name"] for r in self.__dict__.get("descriptor", {}).get("resources", [])]
        if name in resources:
            raise AttributeError(f"the table {name!r} was not loaded: name it in load_data(...), "
                                 f"which loaded {', '.join(sorted(tables)) or 'no table'}")
        raise AttributeError(name)

    def schema(self, resource: str) -> dict:
        return next(r["schema"] for r in self.descriptor["resources"] if r["name"] == resource)

    def describe_field(self, resource: str, column: str) -> str:
        return next(f.get("description", "") for f in self.schema(resource)["fields"] if f["name"] == column)

    def publishers_line(self, source_ids, **options) -> str:
        """A chart's "Sources:" line naming publishers (`unsigned_peace.sources.publishers_line`)."""
        return source_lines.publishers_line(self._publisher_index(), source_ids, **options)

    def publishers_of(self, source_ids) -> str:
        """The publishers of these sources, each once, joined (`unsigned_peace.sources.publishers_of`)."""
        return source_lines.publishers_of(self._publisher_index(), source_ids)

    def _publisher_index(self):
        # Made once: a table of many rows asks for the publishers of each.
        if "_publishers" not in self.__dict__:
            object.__setattr__(self, "_publishers", source_lines.publisher_index(self.sources))
        return self.__dict__["_publishers"]

    def source_line(self, source_ids) -> str:
        """A figure or table's "Source:" line naming each source by publisher and title."""
        return source_lines.citation_line(self.sources, source_ids)


def load_data(*tables: str, folder: Path | str | None = None) -> BookData:
    """Validate the data package, then load the tables named, or every table when none is named.

    A notebook names the tables it reads, so the book's build knows what its outputs depend on (a
    change to another CSV runs it again for nothing otherwise); reading a table not named raises.
    Raises `DataValidationError` on bad data.
    """
    folder = Path(folder) if folder is not None else default_data_dir()
    validate_package(folder)
    descriptor = read_descriptor(folder)
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    unknown = [name for name in tables if name not in resources]
    if unknown:
        raise ValueError(f"no table named {', '.join(map(repr, unknown))} in {folder / DESCRIPTOR_NAME}; "
                         f"the tables are {', '.join(resources)}")
    language = current_language()
    tables = {
        name: _read_typed(folder, name, descriptor, language)
        for name in (tables or resources)
    }
    return BookData(folder=folder, descriptor=descriptor, tables=tables)


def _read_typed(folder: Path, name: str, descriptor: dict, language: str) -> pd.DataFrame:
    # Read with the data check's own reader, every cell as text: pandas guesses nothing, and each typed
    # column is read by the very function the check accepted it with (unsigned_peace.cells). The
    # edition's translations replace the text before any cell is typed.
    resource = next(r for r in descriptor["resources"] if r["name"] == name)
    schema = resource["schema"]
    header, rows = cells.read_rows(folder / resource["path"])
    header, rows = translate_rows(name, header, rows, descriptor, folder, language)
    frame = pd.DataFrame(rows, columns=header, dtype=object).astype(str) if rows else pd.DataFrame(
        {name: pd.Series(dtype=str) for name in header})
    for spec in schema["fields"]:
        name, kind = spec["name"], spec.get("type", "string")
        column = frame[name]
        if kind == "date":
            frame[name] = pd.to_datetime(column.map(lambda cell: cells.calendar_date(cell) if cell else None)).astype(
                "datetime64[us]")
        elif kind == "integer":
            frame[name] = pd.array([cells.integer(cell) if cell else None for cell in column], dtype="Int64")
        elif kind == "number":
            frame[name] = pd.array([cells.number(cell) if cell else None for cell in column], dtype="Float64")
        elif kind == "boolean":
            frame[name] = pd.array([cells.truth(cell, spec) for cell in column], dtype="boolean")
        elif kind == "list":
            delimiter = spec.get("delimiter", ",")
            frame[name] = column.map(lambda cell, d=delimiter: cell.split(d) if cell else [])
    return frame
